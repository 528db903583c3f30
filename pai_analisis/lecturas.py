"""Lo que dicen los informes: frases, tarjetas, tablas y textos alternativos escritos a partir de las cifras.

Cada cuaderno de ``cuadernos/`` es una sucesión de secciones que llaman a estas funciones
(la frase de la sección, su gráfico de :mod:`pai_analisis.graficos` y su tabla); así los
cuadernos no tienen lógica propia y dos informes nunca repiten código.
Todas reciben el :class:`~pai_analisis.presentacion.Contexto` del periodo.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import graficos
from .formato import millones, numero, pct
from .graficos import NOMBRES_COMPONENTES
from .parametros import ETIQUETAS_SEMAFORO
from .presentacion import Html, contar, e, frase_variacion, lista_es, semaforo_html, tabla_html, tarjetas, unir
from .textos import periodo_en_palabras

TIPOS_ALERTA = {"critico": "Crítico", "sin_reporte": "Sin reporte", "reporte_atrasado": "Reporte atrasado",
                "sobreejecucion": "Sobreejecución", "brecha_fisico_financiera": "Brecha físico-financiera",
                "riesgo_extremo": "Riesgo extremo", "riesgo_materializado": "Riesgo materializado"}


def corto(texto, n: int = 70) -> str:
    texto = " ".join(str(texto).split())
    return texto if len(texto) <= n else texto[: n - 1].rstrip(" ,.;") + "…"


def _estado(ctx, valor) -> str:
    clave = ctx.semaforo(valor)
    return ETIQUETAS_SEMAFORO.get(clave, "sin dato").lower()


def _conteo_semaforo(serie: pd.Series) -> dict:
    return {k: int((serie == k).sum()) for k in ETIQUETAS_SEMAFORO}


def _frase_conteo(c: dict) -> str:
    """``7 están en satisfactorio, 1 en riesgo y ninguno en crítico``."""
    n = lambda k: numero(c[k], 0) if c[k] else "ninguno"  # noqa: E731
    verbo = "está" if c["satisfactorio"] == 1 else "están"
    return f"{n('satisfactorio')} {verbo} en satisfactorio, {n('en_riesgo')} en riesgo y {n('critico')} en crítico"


# ---------------------------------------------------------------- 01 resumen

def _variacion_corta(actual, anterior, periodo_anterior) -> str:
    """``Sube 0,2 puntos frente a mayo`` (para tarjetas)."""
    texto = frase_variacion(actual, anterior)
    if periodo_anterior and not texto.startswith("sin dato"):
        texto += f" frente a {periodo_en_palabras(periodo_anterior).split(' de ')[0]}"
    return texto[:1].upper() + texto[1:]


def frase_resultado(ctx) -> str:
    m = ctx.metricas
    anterior = (m.anterior or {}).get("indice_pai")
    comp = {k: v for k, v in m.componentes.items() if v is not None}
    bajo = min(comp, key=comp.get) if comp else None
    cola = f"; el componente más bajo es {NOMBRES_COMPONENTES[bajo].lower()}, con {pct(comp[bajo])}" if bajo else ""
    variacion = (f" y {frase_variacion(m.indice_pai, anterior, m.anterior['periodo'])}" if anterior is not None
                 else ", primer corte de la vigencia")
    return f"El índice PAI de {ctx.periodo_texto} es {pct(m.indice_pai)} ({_estado(ctx, m.indice_pai)}){variacion}{cola}."


def tarjetas_indice(ctx) -> Html:
    """Índice y componentes con semáforo y variación frente al mes anterior; debajo, las cifras del mes."""
    m = ctx.metricas
    ant = m.anterior or {}
    items = [{"titulo": "Índice PAI", "valor": pct(m.indice_pai), "semaforo": m.semaforo_indice, "principal": True,
              "detalle": _variacion_corta(m.indice_pai, ant.get("indice_pai"), ant.get("periodo"))}]
    for clave, nombre in NOMBRES_COMPONENTES.items():
        v = m.componentes.get(clave)
        items.append({"titulo": nombre, "valor": pct(v), "semaforo": ctx.semaforo(v),
                      "detalle": _variacion_corta(v, (ant.get("componentes") or {}).get(clave), ant.get("periodo"))})
    p, r = m.presupuesto_total, m.resumen_riesgos()
    altas = int((m.alertas["severidad"] == "alta").sum())
    otros = [{"titulo": "Compromisos sobre la apropiación", "valor": pct(p.get("ejecucion_presupuestal")),
              "detalle": f"{millones(p.get('compromisos'))} de {millones(p.get('apropiacion'))}"},
             {"titulo": "Giros sobre la apropiación", "valor": pct(p.get("giros_pct")), "detalle": millones(p.get("giros"))},
             {"titulo": "Alertas de severidad alta", "valor": numero(altas, 0), "detalle": f"de {contar(len(m.alertas), 'alerta')} en total"},
             {"titulo": "Riesgos materializados en el año", "valor": numero(r["materializados"], 0), "detalle": f"de {contar(r['total'], 'riesgo')}"}]
    return unir(tarjetas(items), tarjetas(otros))


def frase_alertas(ctx, n: int = 10) -> str:
    a = ctx.metricas.alertas
    if not len(a):
        return f"No hay alertas en {ctx.periodo_texto}."
    c = a["severidad"].value_counts()
    return (f"Hay {contar(len(a), 'alerta')}: {numero(c.get('alta', 0), 0)} de severidad alta, {numero(c.get('media', 0), 0)} media y "
            f"{numero(c.get('baja', 0), 0)} baja; la tabla muestra las {numero(min(n, len(a)), 0)} más importantes.")


def tabla_alertas(ctx, n: int = 10) -> Html:
    a = ctx.metricas.alertas.head(n).copy()
    a["severidad"] = a["severidad"].str.capitalize()
    a["tipo"] = a["tipo"].map(TIPOS_ALERTA).fillna(a["tipo"])
    return tabla_html(a, {"severidad": ("Severidad", "texto"), "tipo": ("Tipo", "texto"), "mensaje": ("Qué pasa", "texto")},
                      vacia="No hay alertas en este periodo.")


def frase_objetivos(ctx) -> str:
    o = ctx.metricas.objetivos.dropna(subset=["cumplimiento"])
    if not len(o):
        return "Ningún objetivo tiene elementos con cumplimiento calculado en este periodo."
    c = _conteo_semaforo(o["semaforo"])
    bajo = o.loc[o["cumplimiento"].idxmin()]
    return (f"De los {contar(len(ctx.metricas.objetivos), 'objetivo estratégico', 'objetivos estratégicos')}, {_frase_conteo(c)}; "
            f"el más bajo es el objetivo {bajo['objetivo']}, con {pct(bajo['cumplimiento'])}.")


def grafico_objetivos(ctx):
    o = ctx.metricas.objetivos
    etiquetas = [f"{r.objetivo}. {corto(r.nombre, 58)}" for r in o.itertuples()]
    return graficos.barras_semaforo(etiquetas, o["cumplimiento"], ctx.parametros, ancho_etiqueta=40)


def alt_objetivos(ctx) -> str:
    o = ctx.metricas.objetivos
    valores = "; ".join(f"objetivo {r.objetivo}: {pct(r.cumplimiento)}" for r in o.itertuples())
    return f"Barras horizontales con el cumplimiento de cada objetivo estratégico en {ctx.periodo_texto}: {valores}."


def frase_evolucion(ctx) -> str:
    s, m = ctx.serie, ctx.metricas
    inicio, fin = s["indice_pai"].iloc[0], s["indice_pai"].iloc[-1]
    proy = m.proyeccion.get("indice_pai")
    if len(s) == 1:
        base = f"En {ctx.periodo_texto}, primer mes de la vigencia, el índice es {pct(fin)}"
    else:
        base = f"De enero a {ctx.periodo_texto} el índice pasó de {pct(inicio)} a {pct(fin)}"
    return base + (f"; al ritmo actual cerraría diciembre en {pct(proy)}." if proy is not None and ctx.periodo.month < 12 else ".")


def alt_evolucion(ctx) -> str:
    s = ctx.serie
    valores = "; ".join(f"{periodo_en_palabras(p)}: {pct(v)}" for p, v in zip(s["periodo"], s["indice_pai"], strict=False))
    return (f"Líneas del índice PAI y sus tres componentes, mes a mes, sobre franjas del semáforo. Índice: {valores}. "
            f"La línea punteada proyecta diciembre en {pct(ctx.metricas.proyeccion.get('indice_pai'))}.")


# ---------------------------------------------------------------- 02 objetivos

def detalle_objetivos(ctx) -> Html:
    """Por objetivo: título con semáforo, una frase y las tablas de metas, indicadores y actividades que lo sostienen."""
    m = ctx.metricas
    partes = ['<p class="pai-lectura">Ir a: ' + " · ".join(f'<a href="#objetivo-{o}">Objetivo {o}</a>' for o in m.objetivos["objetivo"]) + "</p>"]
    for o in m.objetivos.itertuples():
        metas = m.metas[m.metas["objetivo"] == o.objetivo]
        ind = m.indicadores[(m.indicadores["objetivo"] == o.objetivo)]
        act = m.actividades[m.actividades["objetivo"] == o.objetivo]
        partes.append(f'<h3 id="objetivo-{o.objetivo}">Objetivo {o.objetivo}. {e(o.nombre)} {semaforo_html(o.semaforo)}</h3>')
        partes.append(f'<p class="pai-lectura">Cumple el {e(pct(o.cumplimiento))} ({e(frase_variacion(o.cumplimiento, o.cumplimiento_anterior))}), '
                      f"con {e(contar(len(metas), 'meta'))}, {e(contar(len(ind), 'indicador', 'indicadores'))} y "
                      f"{e(contar(len(act), 'actividad', 'actividades'))}.</p>")
        partes.append(tabla_html(metas, {"proyecto": ("Proyecto", "texto"), "meta": ("Meta", "texto"), "nombre": ("Meta del proyecto", "texto"),
                                         "avance_vigencia": ("Avance vigencia", "pct"), "cumplimiento": ("Cumplimiento", "pct")},
                                 semaforo="semaforo", vacia="Sin metas de proyectos de inversión."))
        partes.append(tabla_html(ind, {"indicador": ("Indicador", "texto"), "nombre": ("Nombre", "texto"), "resultado": ("Resultado", "numero"),
                                       "meta": ("Meta", "numero"), "cumplimiento": ("Cumplimiento", "pct")},
                                 semaforo="semaforo", vacia="Sin indicadores de gestión."))
        partes.append(tabla_html(act, {"actividad": ("Actividad", "texto"), "nombre": ("Nombre", lambda t: corto(t, 110)),
                                       "programado": ("Programado", "pct0"), "ejecutado": ("Ejecutado", "pct0"), "cumplimiento": ("Cumplimiento", "pct")},
                                 semaforo="semaforo", vacia="Sin actividades del plan de acción integrado."))
    return unir(*partes)


# ---------------------------------------------------------------- 03 proyectos y presupuesto

def frase_proyectos(ctx) -> str:
    pr, p = ctx.metricas.proyectos, ctx.metricas.presupuesto_total
    c = _conteo_semaforo(pr["semaforo"])
    return (f"Los {contar(len(pr), 'proyecto')} de inversión cumplen en promedio el {pct(ctx.metricas.componentes.get('proyectos_inversion'))} "
            f"de lo programado a la fecha ({_frase_conteo(c)}) y han comprometido el {pct(p.get('ejecucion_presupuestal'))} "
            f"de la apropiación: {millones(p.get('compromisos'))} de {millones(p.get('apropiacion'))}.")


def tabla_proyectos(ctx) -> Html:
    return tabla_html(ctx.metricas.proyectos, {
        "proyecto": ("Proyecto", "texto"), "nombre": ("Nombre", "texto"), "cumplimiento": ("Cumplimiento", "pct"),
        "apropiacion": ("Apropiación ($ millones)", "pesos"),
        "ejecucion_presupuestal": ("Compromisos", "pct"), "giros_pct": ("Giros", "pct")}, semaforo="semaforo")


def resumen_metas(ctx) -> pd.DataFrame:
    """Por proyecto (promedio ponderado de sus metas): programado a la fecha, ejecutado y avance del cuatrienio, en % de la meta."""
    m = ctx.metricas.metas.merge(ctx.libro.metas[["proyecto", "meta", "linea_base"]], on=["proyecto", "meta"], how="left")
    decreciente = m["anualizacion"].astype(str) == "Decreciente"
    with np.errstate(divide="ignore", invalid="ignore"):
        prog = np.where(decreciente, (m["linea_base"] - m["programado"]) / (m["linea_base"] - m["programacion_vigencia"]),
                        m["programado"] / m["programacion_vigencia"]) * 100
    m["programado_pct"] = pd.Series(prog, index=m.index).clip(0, 100)
    m["w"] = m["ponderacion"].fillna(1.0)

    def media(g, col):
        v = g[col].clip(0, 100)
        w = g["w"].where(v.notna())
        return float((v * w).sum() / w.sum()) if w.sum() > 0 else np.nan

    filas = [{"proyecto": pid, "programado_pct": media(g, "programado_pct"), "ejecutado_pct": media(g, "avance_vigencia_tope"),
              "cuatrienio_pct": media(g, "avance_cuatrienio"), "n_metas": len(g)} for pid, g in m.groupby("proyecto")]
    return pd.DataFrame(filas)


def frase_metas(ctx) -> str:
    r = resumen_metas(ctx)
    atras = r[r["ejecutado_pct"] < r["programado_pct"] - 5]
    cola = (f"; van más de 5 puntos por detrás de lo programado los proyectos {lista_es(atras['proyecto'].astype(str))}"
            if len(atras) else "; ningún proyecto va más de 5 puntos por detrás de lo programado")
    return (f"En promedio, las metas llevan el {pct(r['ejecutado_pct'].mean())} de lo previsto para {ctx.libro.vigencia}, "
            f"frente al {pct(r['programado_pct'].mean())} programado a {ctx.periodo_texto}{cola}.")


def alt_metas(ctx) -> str:
    r = resumen_metas(ctx)
    valores = "; ".join(f"proyecto {x.proyecto}: programado {pct(x.programado_pct, 0)}, ejecutado {pct(x.ejecutado_pct, 0)}" for x in r.itertuples())
    return f"Barras por proyecto con lo programado a la fecha y lo ejecutado, en porcentaje de la meta de la vigencia: {valores}."


def tablas_metas(ctx) -> Html:
    m, pr = ctx.metricas.metas, ctx.metricas.proyectos.set_index("proyecto")
    partes = []
    for pid, g in m.groupby("proyecto"):
        partes.append(f"<h3>Proyecto {e(pid)}. {e(pr.loc[pid, 'nombre'])}</h3>")
        g = g.assign(meta_nombre=[f"{n}. {corto(t, 80)}" for n, t in zip(g["meta"], g["nombre"])])
        # guiones blandos (\u00ad) en los títulos largos: la tabla cabe en el ancho de la página
        partes.append(tabla_html(g, {"meta_nombre": ("Meta", "texto"), "anualizacion": ("Anuali\u00adzación", "texto"),
                                     "programacion_vigencia": ("Meta vigencia", "numero"),
                                     "programado": ("Programado a la fecha", "numero"), "ejecutado": ("Ejecutado", "numero"),
                                     "avance_vigencia": ("Avance vigencia", "pct"), "avance_cuatrienio": ("Avance cuatrienio", "pct"),
                                     "cumplimiento": ("Cumpli\u00admiento", "pct")}, semaforo="semaforo", clase="pai-tabla-compacta"))
    return unir(*partes)


def frase_fisico_financiero(ctx) -> str:
    pr = ctx.metricas.proyectos.dropna(subset=["ejecucion_presupuestal", "avance_fisico"])
    if not len(pr):
        return "Aún no hay cortes de presupuesto y avance físico para comparar."
    brecha = pr["ejecucion_presupuestal"] - pr["avance_fisico"]
    x = pr.loc[brecha.abs().idxmax()]
    b = brecha.abs().max()
    sentido = "por delante" if brecha.loc[brecha.abs().idxmax()] > 0 else "por detrás"
    return (f"La mayor brecha está en el proyecto {x['proyecto']}: ha comprometido el {pct(x['ejecucion_presupuestal'])} de su presupuesto "
            f"con un avance físico de {pct(x['avance_fisico'])}, es decir, lo financiero va {numero(b)} puntos {sentido}.")


def alt_fisico_financiero(ctx) -> str:
    valores = "; ".join(f"proyecto {r.proyecto}: físico {pct(r.avance_fisico, 0)}, compromisos {pct(r.ejecucion_presupuestal, 0)}, giros {pct(r.giros_pct, 0)}"
                        for r in ctx.metricas.proyectos.itertuples())
    return f"Barras por proyecto con el avance físico de la vigencia, los compromisos y los giros como porcentaje de la apropiación: {valores}."


def frase_curva(ctx) -> str:
    p = ctx.metricas.presupuesto_total
    programado = p.get("ejecucion_programada")
    comparado = f" frente al {pct(programado)} programado" if programado is not None else ""
    return (f"A {ctx.periodo_texto} los compromisos suman el {pct(p.get('ejecucion_presupuestal'))} de la apropiación{comparado}, "
            f"y los giros el {pct(p.get('giros_pct'))} ({pct(p.get('giros_sobre_compromisos'))} de lo comprometido).")


def alt_curva(ctx) -> str:
    return ("Pequeños gráficos de línea, uno por proyecto y uno del total, con compromisos, giros y compromisos programados "
            "mes a mes como porcentaje de la apropiación. " + frase_curva(ctx))


# ---------------------------------------------------------------- 04 indicadores

def _indicadores_debidos(ctx) -> pd.DataFrame:
    return ctx.metricas.indicadores[ctx.metricas.indicadores["debido"]]


def frase_indicadores(ctx) -> str:
    i, d = ctx.metricas.indicadores, _indicadores_debidos(ctx)
    c = _conteo_semaforo(d["semaforo"])
    return (f"De {contar(len(i), 'indicador', 'indicadores')}, {numero(len(d), 0)} debían reportar a {ctx.periodo_texto}: {_frase_conteo(c)}; "
            f"el componente promedia {pct(ctx.metricas.componentes.get('indicadores_gestion'))}.")


def tarjetas_indicadores(ctx) -> Html:
    d, v = _indicadores_debidos(ctx), ctx.metricas.componentes.get("indicadores_gestion")
    c = _conteo_semaforo(d["semaforo"])
    return tarjetas([{"titulo": "Indicadores de gestión", "valor": pct(v), "semaforo": ctx.semaforo(v), "principal": True},
                     {"titulo": "Indicadores satisfactorios", "valor": numero(c["satisfactorio"], 0), "borde": "satisfactorio"},
                     {"titulo": "Indicadores en riesgo", "valor": numero(c["en_riesgo"], 0), "borde": "en_riesgo"},
                     {"titulo": "Indicadores críticos", "valor": numero(c["critico"], 0), "borde": "critico",
                      "detalle": f"{contar(int(d['sin_reporte'].sum()), 'sin reporte', 'sin reporte')}"}])


def frase_procesos(ctx) -> str:
    d = _indicadores_debidos(ctx)
    if not len(d):
        return "Ningún indicador debía reportar todavía."
    media = d.groupby("proceso")["cumplimiento_tope"].mean()
    return (f"Los indicadores vencidos se reparten en {contar(len(media), 'proceso')}; el de menor cumplimiento promedio es "
            f"{media.idxmin()}, con {pct(media.min())}.")


def grafico_procesos(ctx):
    d = _indicadores_debidos(ctx).assign(semaforo=lambda t: t["semaforo"].where(~t["sin_reporte"], None))
    return graficos.conteo_por_grupo(d, "proceso", ctx.parametros, sin_dato="Sin reporte")


def alt_procesos(ctx) -> str:
    d = _indicadores_debidos(ctx)
    criticos = d[d["semaforo"] == "critico"]
    return (f"Barras apiladas por proceso con el número de indicadores vencidos en cada semáforo. {frase_procesos(ctx)} "
            f"Críticos: {lista_es(criticos['indicador'] + ' (' + criticos['proceso'] + ')') or 'ninguno'}.")


def frase_franja(ctx) -> str:
    t = ctx.indicadores_mes
    mes = t[ctx.periodo.month] if ctx.periodo.month in t.columns else pd.Series(dtype=float)
    medidos = mes.dropna()
    criticos = medidos[medidos < ctx.parametros.umbral_critico].index.tolist()
    cola = f"; {contar(len(criticos), 'quedó', 'quedaron')} en crítico ({lista_es(criticos)})" if criticos else "; ninguno quedó en crítico"
    return f"En {ctx.periodo_texto} se midieron {contar(len(medidos), 'indicador', 'indicadores')}{cola}."


def grafico_franja(ctx):
    ind = ctx.metricas.indicadores.set_index("indicador")
    etiquetas = {i: f"{i} · {corto(ind.loc[i, 'proceso'], 38)}" for i in ind.index}
    return graficos.franja_mensual(ctx.indicadores_mes, ctx.parametros, etiquetas)


def alt_franja(ctx) -> str:
    return ("Cuadrícula de indicadores por mes: cada casilla tiene el color del semáforo de la medición de ese mes y su "
            "cumplimiento; en blanco, los meses sin medición. " + frase_franja(ctx))


def pendientes(ctx) -> pd.DataFrame:
    i = _indicadores_debidos(ctx).copy()
    i["situacion"] = np.select([i["sin_reporte"], i["reporte_atrasado"], i["semaforo"] == "critico"],
                               ["Sin ningún reporte", "Reporte atrasado", "Crítico"], default="")
    return i[i["situacion"] != ""].sort_values(["sin_reporte", "cumplimiento"], ascending=[False, True])


def frase_pendientes(ctx) -> str:
    p = pendientes(ctx)
    if not len(p):
        return "Todos los indicadores vencidos reportaron y ninguno está en crítico."
    c = p["situacion"].value_counts()
    partes = [f"{numero(c[k], 0)} {texto}" for k, texto in (("Sin ningún reporte", "sin ningún reporte"),
              ("Reporte atrasado", "con el reporte atrasado"), ("Crítico", "en crítico")) if c.get(k, 0)]
    if len(partes) == 1:  # «3 indicadores, todos en crítico»
        return f"Requieren atención {contar(len(p), 'indicador', 'indicadores')}, {'todos' if len(p) > 1 else 'el único'} {partes[0].split(' ', 1)[1]}."
    return f"Requieren atención {contar(len(p), 'indicador', 'indicadores')}: {lista_es(partes)}."


def tabla_pendientes(ctx) -> Html:
    return tabla_html(pendientes(ctx), {"indicador": ("Indicador", "texto"), "proceso": ("Proceso", "texto"),
                                        "nombre": ("Nombre", lambda t: corto(t, 90)), "situacion": ("Situación", "texto"),
                                        "ultimo_reporte": ("Último reporte", "periodo"), "resultado": ("Resultado", "numero"),
                                        "meta": ("Meta", "numero"), "cumplimiento": ("Cumplimiento", "pct")},
                      semaforo="semaforo", vacia="No hay indicadores sin reporte ni en crítico.")


# ---------------------------------------------------------------- 05 plan de acción integrado

def frase_plan(ctx) -> str:
    a = ctx.metricas.actividades
    c = _conteo_semaforo(a["semaforo"])
    return (f"Las {contar(len(a), 'actividad', 'actividades')} del plan de acción integrado cumplen en promedio el "
            f"{pct(ctx.metricas.componentes.get('plan_accion_integrado'))} de lo programado a {ctx.periodo_texto}: {_frase_conteo(c)}.")


def tarjetas_plan(ctx) -> Html:
    a, v = ctx.metricas.actividades, ctx.metricas.componentes.get("plan_accion_integrado")
    c = _conteo_semaforo(a["semaforo"])
    return tarjetas([{"titulo": "Plan de acción integrado", "valor": pct(v), "semaforo": ctx.semaforo(v), "principal": True},
                     {"titulo": "Avance promedio ejecutado", "valor": pct(a["ejecutado"].mean()), "detalle": f"programado: {pct(a['programado'].mean())}"},
                     {"titulo": "Actividades en riesgo", "valor": numero(c["en_riesgo"], 0), "borde": "en_riesgo"},
                     {"titulo": "Actividades críticas", "valor": numero(c["critico"], 0), "borde": "critico"}])


def frase_por_grupo(ctx, grupo: str) -> str:
    a = ctx.metricas.actividades
    g = a.groupby(grupo, observed=True)[["programado", "ejecutado"]].mean()
    g["rezago"] = g["programado"] - g["ejecutado"]
    nombre = {"plan": "plan", "dependencia": "dependencia"}[grupo]
    x = g["rezago"].idxmax()
    return (f"{'La' if grupo == 'dependencia' else 'El'} {nombre} con mayor rezago es {x}: lleva en promedio el {pct(g.loc[x, 'ejecutado'])} "
            f"frente al {pct(g.loc[x, 'programado'])} programado.")


def alt_por_grupo(ctx, grupo: str) -> str:
    return f"Barras por {grupo} con el avance programado y el ejecutado promedio de sus actividades. " + frase_por_grupo(ctx, grupo)


def rezagadas(ctx) -> pd.DataFrame:
    a = ctx.metricas.actividades
    return a[(a["rezago"] > 0) & (a["semaforo"] != "satisfactorio")].sort_values("rezago", ascending=False)


def frase_rezagadas(ctx) -> str:
    r = rezagadas(ctx)
    if not len(r):
        return "Ninguna actividad está por debajo del umbral satisfactorio."
    x = r.iloc[0]
    return (f"{contar(len(r), 'actividad está', 'actividades están')} por debajo del umbral satisfactorio; la más rezagada es "
            f"{x['actividad']} ({x['dependencia']}), con {pct(x['ejecutado'], 0)} ejecutado frente a {pct(x['programado'], 0)} programado.")


def tabla_rezagadas(ctx) -> Html:
    return tabla_html(rezagadas(ctx), {"actividad": ("Actividad", "texto"), "plan": ("Plan", "texto"), "dependencia": ("Dependencia", "texto"),
                                       "nombre": ("Nombre", lambda t: corto(t, 90)), "programado": ("Programado", "pct0"),
                                       "ejecutado": ("Ejecutado", "pct0"), "rezago": ("Rezago (puntos)", "numero")},
                      semaforo="semaforo", vacia="No hay actividades rezagadas.")


# ---------------------------------------------------------------- 06 riesgos

def frase_riesgos(ctx) -> str:
    r = ctx.metricas.resumen_riesgos()
    z = r["por_zona_residual"]
    return (f"De {contar(r['total'], 'riesgo')}, después de controles {numero(z['Extremo'], 0)} siguen en zona Extremo y "
            f"{numero(z['Alto'], 0)} en Alto; {contar(r['materializados'], 'riesgo se materializó', 'riesgos se materializaron')} en lo corrido de {ctx.libro.vigencia}.")


def tarjetas_riesgos(ctx) -> Html:
    r = ctx.metricas.resumen_riesgos()
    z = r["por_zona_residual"]
    tipos = ", ".join(f"{numero(n, 0)} de {t.lower()}" for t, n in r["por_tipo"].items())
    return tarjetas([{"titulo": "Riesgos identificados", "valor": numero(r["total"], 0), "detalle": tipos, "principal": True},
                     {"titulo": "Zona residual Extremo", "valor": numero(z["Extremo"], 0), "borde": "critico" if z["Extremo"] else "satisfactorio",
                      "detalle": f"inherente: {numero(r['por_zona_inherente']['Extremo'], 0)}"},
                     {"titulo": "Zona residual Alto", "valor": numero(z["Alto"], 0), "detalle": f"inherente: {numero(r['por_zona_inherente']['Alto'], 0)}"},
                     {"titulo": "Materializados en el año", "valor": numero(r["materializados"], 0),
                      "borde": "critico" if r["materializados"] else "satisfactorio"}])


def frase_mapas(ctx) -> str:
    r = ctx.metricas.resumen_riesgos()
    i, s = r["por_zona_inherente"], r["por_zona_residual"]
    def cambio(zona):
        a, b = numero(i[zona], 0), numero(s[zona], 0)
        return f"dejan igual los de zona {zona} ({a})" if a == b else f"llevan los de zona {zona} de {a} a {b}"

    return f"Los controles {cambio('Extremo')} y {cambio('Alto')}."


def alt_mapas(ctx) -> str:
    r = ctx.metricas.resumen_riesgos()
    fmt = lambda d: ", ".join(f"{z} {numero(n, 0)}" for z, n in d.items())  # noqa: E731
    return (f"Dos matrices de calor 5 por 5 (probabilidad por impacto) con el número de riesgos en cada casilla y el color de su zona. "
            f"Inherente: {fmt(r['por_zona_inherente'])}. Residual: {fmt(r['por_zona_residual'])}.")


def frase_procesos_riesgo(ctx) -> str:
    rg = ctx.metricas.riesgos
    por = rg.groupby(rg["proceso"].astype(str)).size()
    tipos = ctx.metricas.resumen_riesgos()["por_tipo"]
    return (f"El proceso con más riesgos es {por.idxmax()} ({numero(por.max(), 0)}); "
            f"{contar(tipos.get('Corrupción', 0), 'riesgo es', 'riesgos son')} de corrupción y {numero(tipos.get('Gestión', 0), 0)} de gestión.")


def alt_procesos_riesgo(ctx) -> str:
    return "Barras apiladas por proceso con el número de riesgos en cada zona residual y los de corrupción anotados. " + frase_procesos_riesgo(ctx)


_COLUMNAS_RIESGO = {"riesgo": ("Riesgo", "texto"), "proceso": ("Proceso", "texto"), "tipo": ("Tipo", "texto"),
                    "descripcion": ("Descripción", lambda t: corto(t, 150)), "zona_inherente": ("Zona inherente", "texto"),
                    "zona_residual": ("Zona residual", "texto")}


def frase_materializados(ctx) -> str:
    r = ctx.metricas.riesgos[ctx.metricas.riesgos["materializado"]]
    if not len(r):
        return f"Ningún riesgo se ha materializado en lo corrido de {ctx.libro.vigencia}."
    return (f"Se {'materializó' if len(r) == 1 else 'materializaron'} {contar(len(r), 'riesgo')} en lo corrido de {ctx.libro.vigencia}: "
            f"{lista_es(r['riesgo'] + ' (' + r['proceso'].astype(str) + ')')}.")


def tabla_materializados(ctx) -> Html:
    r = ctx.metricas.riesgos[ctx.metricas.riesgos["materializado"]]
    return tabla_html(r, {**_COLUMNAS_RIESGO, "periodo_materializacion": ("Se materializó en", "periodo")},
                      vacia="Ningún riesgo se ha materializado.")


def altos(ctx) -> pd.DataFrame:
    r = ctx.metricas.riesgos
    r = r[r["zona_residual"].astype(str).isin(["Extremo", "Alto"])]
    return r.assign(_o=r["zona_residual"].astype(str).map({"Extremo": 0, "Alto": 1})).sort_values(["_o", "riesgo"])


def frase_altos(ctx) -> str:
    r = altos(ctx)
    z = r["zona_residual"].astype(str).value_counts()
    return (f"Quedan {contar(len(r), 'riesgo')} en zona residual Extremo ({numero(z.get('Extremo', 0), 0)}) o Alto "
            f"({numero(z.get('Alto', 0), 0)}), que necesitan controles adicionales o un plan de tratamiento.")


def tabla_altos(ctx) -> Html:
    return tabla_html(altos(ctx), {**_COLUMNAS_RIESGO, "n_controles": ("Controles", "entero")},
                      vacia="Ningún riesgo queda en zona residual Extremo o Alto.")


# ---------------------------------------------------------------- gráficos de cada sección (figura lista para figura_html)

def grafico_evolucion(ctx):
    return graficos.evolucion_indice(ctx.serie, ctx.metricas.proyeccion, ctx.parametros)


def grafico_metas(ctx):
    return graficos.metas_por_proyecto(resumen_metas(ctx))


def grafico_fisico_financiero(ctx):
    return graficos.fisico_financiero(ctx.metricas.proyectos)


def grafico_curva(ctx):
    return graficos.curvas_presupuesto(ctx.curva, ctx.metricas.proyectos)


def grafico_por_grupo(ctx, grupo: str):
    return graficos.avance_por_grupo(ctx.metricas.actividades, grupo, ctx.parametros)


def grafico_mapas(ctx):
    from .riesgos import mapa_calor

    r = ctx.metricas.riesgos
    return graficos.mapas_riesgo(mapa_calor(r, "inherente"), mapa_calor(r, "residual"))


def grafico_procesos_riesgo(ctx):
    return graficos.riesgos_por_proceso(ctx.metricas.riesgos)


def frase_detalle_objetivos(ctx) -> str:
    m = ctx.metricas
    return (f"Los {contar(len(m.objetivos), 'objetivo')} reúnen {contar(len(m.metas), 'meta')}, "
            f"{contar(int(m.indicadores['debido'].sum()), 'indicador vencido', 'indicadores vencidos')} y {contar(len(m.actividades), 'actividad', 'actividades')}; "
            "el cumplimiento de cada objetivo es el promedio de todos ellos, cada uno acotado a 100 %.")


def frase_detalle_metas(ctx) -> str:
    m = ctx.metricas.metas
    criticas = m[m["semaforo"] == "critico"]
    cola = (f"; están en crítico {lista_es(criticas['proyecto'].astype(str) + '-' + criticas['meta'].astype(str))} (proyecto-meta)"
            if len(criticas) else "; ninguna está en crítico")
    return f"Las {contar(len(m), 'meta')} de los proyectos se detallan abajo{cola}."
