"""Lo que dicen los informes: frases, tarjetas, tablas y textos alternativos escritos a partir de las cifras.

Cada cuaderno de ``cuadernos/`` es una sucesión de secciones que llaman a estas funciones
(la frase de la sección, su gráfico de :mod:`pai_analisis.graficos` y su tabla); así los
cuadernos no tienen lógica propia y dos informes nunca repiten código.
Todas reciben el :class:`~pai_analisis.presentacion.Contexto` del periodo.

Con datos escasos (el primer mes, un libro a medio diligenciar) ninguna falla: las frases
dicen en palabras lo que falta («Aún no hay reportes de las metas hasta enero de 2024») y
los ``grafico_*`` devuelven ``None`` cuando no hay nada que dibujar: entonces
:func:`~pai_analisis.presentacion.figura_html` no muestra nada y la frase de la sección lo explica.
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
    return {**{k: int((serie == k).sum()) for k in ETIQUETAS_SEMAFORO}, "sin_dato": int(serie.isna().sum())}


def _frase_conteo(c: dict, ninguno: str = "ninguno") -> str:
    """``7 están en satisfactorio, 1 en riesgo y ninguno en crítico`` (y ``2 sin dato``, si los hay)."""
    n = lambda k: numero(c[k], 0) if c[k] else ninguno  # noqa: E731
    verbo = "están" if c["satisfactorio"] > 1 else "está"
    partes = [f"{n('satisfactorio')} {verbo} en satisfactorio", f"{n('en_riesgo')} en riesgo", f"{n('critico')} en crítico"]
    if c.get("sin_dato"):
        partes.append(f"{numero(c['sin_dato'], 0)} sin dato")
    return lista_es(partes)


def _valor(v, decimales: int = 1) -> str:
    """Porcentaje para los textos alternativos: «sin dato» en vez de «—»."""
    return "sin dato" if v is None or pd.isna(v) else pct(v, decimales)


# ---------------------------------------------------------------- datos escasos: qué se ha reportado hasta el periodo

_SEGUIMIENTO = {"metas": "seguimiento_metas", "presupuesto": "presupuesto", "indicadores": "seguimiento_indicadores",
                "actividades": "seguimiento_actividades", "riesgos": "seguimiento_riesgos"}
_AVANCE = ("metas", "indicadores", "actividades")  # lo que mueve el cumplimiento de objetivos e índice
_SIN_RIESGOS = "El libro no tiene riesgos identificados en el mapa de riesgos."


def ultimo_reporte(ctx, que: str) -> pd.Period | None:
    """Mes del último reporte de ``que`` (``metas``, ``presupuesto``, ``indicadores``, ``actividades``
    o ``riesgos``) en la vigencia hasta el periodo; ``None`` si aún no hay ninguno."""
    from .metas import _hasta

    seg = _hasta(getattr(ctx.libro, _SEGUIMIENTO[que]), ctx.periodo)
    return seg["periodo"].max() if len(seg) else None


def _hay(ctx, que: str) -> bool:
    return ultimo_reporte(ctx, que) is not None


def _hay_avance(ctx) -> bool:
    """¿Hay algún reporte de metas, indicadores o actividades hasta el periodo?"""
    return any(_hay(ctx, q) for q in _AVANCE)


def _faltan(ctx, cosas=_AVANCE) -> list[str]:
    """De ``cosas``, las que aún no tienen ningún reporte hasta el periodo."""
    return [c for c in cosas if not _hay(ctx, c)]


def _aun_no(ctx, que, fin: str = ".") -> str:
    """``Aún no hay reportes de las metas hasta enero de 2024.`` (``que``: texto o lista, unida con «ni»)."""
    que = que if isinstance(que, str) else lista_es(que, "ni")
    return f"Aún no hay reportes de {que} hasta {ctx.periodo_texto}{fin}"


def _cuenta(ctx, n: int, que: str) -> str:
    """Un conteo para una tarjeta: «—» (no «0») mientras ``que`` no tenga ningún reporte."""
    return numero(n, 0) if _hay(ctx, que) else "—"


def _minuscula(texto: str) -> str:
    """La frase con su primera letra en minúscula, para seguir otra («…; aún no hay reportes…»)."""
    return texto[:1].lower() + texto[1:]


def _nota_corte(ctx, que: str, de: str = "") -> str:
    """`` (último reporte: enero de 2024)`` si el último reporte de ``que`` es anterior al periodo; si no, ``""``.

    ``de``: para distinguir fuentes en una misma frase (``" de metas"`` → «último reporte de metas: …»)."""
    u = ultimo_reporte(ctx, que)
    return f" (último reporte{de}: {periodo_en_palabras(u)})" if u is not None and u < ctx.periodo else ""


def _proyeccion(ctx) -> float | None:
    """El índice proyectado a diciembre, si hay proyección y aún no es diciembre."""
    proy = ctx.metricas.proyeccion.get("indice_pai")
    return proy if proy is not None and ctx.periodo.month < 12 else None


# ---------------------------------------------------------------- 01 resumen

def _variacion_corta(actual, anterior, periodo_anterior) -> str:
    """``Sube 0,2 puntos frente a mayo`` (para tarjetas)."""
    texto = frase_variacion(actual, anterior)
    if periodo_anterior and not texto.startswith("sin dato"):
        texto += f" frente a {periodo_en_palabras(periodo_anterior).split(' de ')[0]}"
    return texto[:1].upper() + texto[1:]


def frase_resultado(ctx) -> str:
    m = ctx.metricas
    comp = {k: v for k, v in m.componentes.items() if v is not None}
    sin_valor = [NOMBRES_COMPONENTES[k].lower() for k in m.componentes if k not in comp]
    faltan = _faltan(ctx)
    pendiente = (" " + _aun_no(ctx, faltan)) if faltan else ""
    if m.indice_pai is None:
        return f"El índice PAI de {ctx.periodo_texto} aún no se puede calcular: ningún componente tiene valores.{pendiente}"
    anterior = (m.anterior or {}).get("indice_pai")
    if m.anterior is None:
        variacion = ", primer corte de la vigencia"
    elif anterior is None:
        variacion = ", sin valor del mes anterior para comparar"
    else:
        variacion = f" y {frase_variacion(m.indice_pai, anterior, m.anterior['periodo'])}"
    tienen = "tiene" if len(sin_valor) == 1 else "tienen"
    if len(comp) == 1:
        (solo, v), = comp.items()
        cola = f"; solo se calcula con {NOMBRES_COMPONENTES[solo].lower()} ({pct(v)}), porque {lista_es(sin_valor)} aún no {tienen} valores"
    else:
        bajo = min(comp, key=comp.get)
        cola = f"; el componente más bajo es {NOMBRES_COMPONENTES[bajo].lower()}, con {pct(comp[bajo])}"
        cola += f", y {lista_es(sin_valor)} aún no {tienen} valores" if sin_valor else ""
    return f"El índice PAI de {ctx.periodo_texto} es {pct(m.indice_pai)} ({_estado(ctx, m.indice_pai)}){variacion}{cola}.{pendiente}"


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
    sin_presupuesto = None if _hay(ctx, "presupuesto") else "Aún sin reportes de presupuesto"
    altas = int((m.alertas["severidad"] == "alta").sum())
    otros = [{"titulo": "Compromisos sobre la apropiación", "valor": pct(p.get("ejecucion_presupuestal")),
              "detalle": sin_presupuesto or f"{millones(p.get('compromisos'))} de {millones(p.get('apropiacion'))}"},
             {"titulo": "Giros sobre la apropiación", "valor": pct(p.get("giros_pct")), "detalle": sin_presupuesto or millones(p.get("giros"))},
             {"titulo": "Alertas de severidad alta", "valor": numero(altas, 0), "detalle": f"de {contar(len(m.alertas), 'alerta')} en total"},
             {"titulo": "Riesgos materializados en el año", "valor": _cuenta(ctx, r["materializados"], "riesgos"),
              "detalle": f"de {contar(r['total'], 'riesgo')}" if _hay(ctx, "riesgos") else "Aún sin reportes de seguimiento"}]
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
    if not _hay_avance(ctx):
        return _aun_no(ctx, _AVANCE, ": los objetivos estratégicos todavía no tienen avance que mostrar.")
    o = ctx.metricas.objetivos.dropna(subset=["cumplimiento"])
    if not len(o):
        return "Ningún objetivo tiene elementos con cumplimiento calculado en este periodo."
    c = _conteo_semaforo(ctx.metricas.objetivos["semaforo"])
    bajo = o.loc[o["cumplimiento"].idxmin()]
    return (f"De los {contar(len(ctx.metricas.objetivos), 'objetivo estratégico', 'objetivos estratégicos')}, {_frase_conteo(c)}; "
            f"el más bajo es el objetivo {bajo['objetivo']}, con {pct(bajo['cumplimiento'])}.")


def grafico_objetivos(ctx):
    if not _hay_avance(ctx):
        return None
    o = ctx.metricas.objetivos
    etiquetas = [f"{r.objetivo}. {corto(r.nombre, 58)}" for r in o.itertuples()]
    return graficos.barras_semaforo(etiquetas, o["cumplimiento"], ctx.parametros, ancho_etiqueta=40)


def alt_objetivos(ctx) -> str:
    o = ctx.metricas.objetivos
    valores = "; ".join(f"objetivo {r.objetivo}: {_valor(r.cumplimiento)}" for r in o.itertuples())
    return f"Barras horizontales con el cumplimiento de cada objetivo estratégico en {ctx.periodo_texto}: {valores}."


def frase_evolucion(ctx) -> str:
    if not _hay_avance(ctx):
        return _aun_no(ctx, _AVANCE, ": el índice aún no tiene una evolución que mostrar.")
    s = ctx.serie.dropna(subset=["indice_pai"])
    if not len(s):
        return f"El índice PAI aún no tiene valores hasta {ctx.periodo_texto}."
    inicio, fin = s["indice_pai"].iloc[0], s["indice_pai"].iloc[-1]
    proy = _proyeccion(ctx)
    if len(ctx.serie) == 1:
        base = f"En {ctx.periodo_texto}, primer mes de la vigencia, el índice es {pct(fin)}"
    elif len(s) == 1:
        base = f"En {periodo_en_palabras(s['periodo'].iloc[0])}, el único mes con índice calculado, el índice es {pct(fin)}"
    else:
        desde = periodo_en_palabras(s["periodo"].iloc[0]).split(" de ")[0]
        base = f"De {desde} a {periodo_en_palabras(s['periodo'].iloc[-1])} el índice pasó de {pct(inicio)} a {pct(fin)}"
    return base + (f"; al ritmo actual cerraría diciembre en {pct(proy)}." if proy is not None else ".")


def alt_evolucion(ctx) -> str:
    s = ctx.serie
    valores = "; ".join(f"{periodo_en_palabras(p)}: {_valor(v)}" for p, v in zip(s["periodo"], s["indice_pai"], strict=False))
    proy = _proyeccion(ctx)
    return (f"Líneas del índice PAI y sus tres componentes, mes a mes, sobre franjas del semáforo. Índice: {valores}."
            + (f" La línea punteada proyecta diciembre en {pct(proy)}." if proy is not None else ""))


# ---------------------------------------------------------------- 02 objetivos

def detalle_objetivos(ctx) -> Html:
    """Por objetivo: título con semáforo, una frase y las tablas de metas, indicadores y actividades que lo sostienen."""
    m = ctx.metricas
    partes = ['<p class="pai-lectura">Ir a: ' + " · ".join(f'<a href="#objetivo-{o}">Objetivo {o}</a>' for o in m.objetivos["objetivo"]) + "</p>"]
    for o in m.objetivos.itertuples():
        metas = m.metas[m.metas["objetivo"] == o.objetivo]
        ind = m.indicadores[(m.indicadores["objetivo"] == o.objetivo)]
        act = m.actividades[m.actividades["objetivo"] == o.objetivo]
        cumple = (f"Cumple el {pct(o.cumplimiento)} ({frase_variacion(o.cumplimiento, o.cumplimiento_anterior)})" if pd.notna(o.cumplimiento)
                  else "Aún no tiene cumplimiento calculado")
        partes.append(f'<h3 id="objetivo-{o.objetivo}">Objetivo {o.objetivo}. {e(o.nombre)} {semaforo_html(o.semaforo)}</h3>')
        partes.append(f'<p class="pai-lectura">{e(cumple)}, con {e(contar(len(metas), "meta"))}, {e(contar(len(ind), "indicador", "indicadores"))} y '
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
    v, uno = ctx.metricas.componentes.get("proyectos_inversion"), len(pr) == 1
    de_los = "del proyecto de inversión" if uno else f"de los {contar(len(pr), 'proyecto')} de inversión"
    hay_metas, hay_presupuesto = _hay(ctx, "metas"), _hay(ctx, "presupuesto")
    if not (hay_metas or hay_presupuesto):
        return _aun_no(ctx, f"las metas ni del presupuesto {de_los}")
    plata = (f"{'ha' if uno else 'han'} comprometido el {pct(p.get('ejecucion_presupuestal'))} de la apropiación"
             f"{_nota_corte(ctx, 'presupuesto', ' de presupuesto')}: {millones(p.get('compromisos'))} de {millones(p.get('apropiacion'))}")
    if not hay_metas:
        return _aun_no(ctx, f"las metas {de_los}", f"; en presupuesto, {plata}.")
    sujeto = "El proyecto de inversión" if uno else f"Los {contar(len(pr), 'proyecto')} de inversión"
    nota = _nota_corte(ctx, "metas", " de metas")
    if v is None:
        fisico = f"{sujeto} aún no {'tiene' if uno else 'tienen'} metas programadas a {ctx.periodo_texto}"
    elif uno:
        fisico = f"{sujeto} cumple el {pct(v)} de lo programado a la fecha{nota}"
    else:
        detalle = _frase_conteo(_conteo_semaforo(pr["semaforo"])) + (f"; {nota.strip(' ()')}" if nota else "")
        fisico = f"{sujeto} cumplen en promedio el {pct(v)} de lo programado a la fecha ({detalle})"
    if not hay_presupuesto:
        return f"{fisico}; {_minuscula(_aun_no(ctx, 'su presupuesto'))}"
    return f"{fisico} y {plata}."


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
    m["programado_pct"] = pd.Series(prog, index=m.index, dtype="float64").clip(0, 100)
    m["w"] = m["ponderacion"].fillna(1.0)

    def media(g, col):
        v = g[col].clip(0, 100)
        w = g["w"].where(v.notna())
        return float((v * w).sum() / w.sum()) if w.sum() > 0 else np.nan

    filas = [{"proyecto": pid, "programado_pct": media(g, "programado_pct"), "ejecutado_pct": media(g, "avance_vigencia_tope"),
              "cuatrienio_pct": media(g, "avance_cuatrienio"), "n_metas": len(g)} for pid, g in m.groupby("proyecto")]
    return pd.DataFrame(filas, columns=["proyecto", "programado_pct", "ejecutado_pct", "cuatrienio_pct", "n_metas"])


def frase_metas(ctx) -> str:
    if not _hay(ctx, "metas"):
        return _aun_no(ctx, "las metas de los proyectos")
    r = resumen_metas(ctx)
    atras = r[r["ejecutado_pct"] < r["programado_pct"] - 5]["proyecto"].astype(str).tolist()
    if len(atras) == 1:
        cola = f"; va más de 5 puntos por detrás de lo programado el proyecto {atras[0]}"
    elif atras:
        cola = f"; van más de 5 puntos por detrás de lo programado los proyectos {lista_es(atras)}"
    else:
        cola = "; ningún proyecto va más de 5 puntos por detrás de lo programado"
    return (f"En promedio, las metas llevan el {pct(r['ejecutado_pct'].mean())} de lo previsto para {ctx.libro.vigencia}, "
            f"frente al {pct(r['programado_pct'].mean())} programado a {ctx.periodo_texto}{_nota_corte(ctx, 'metas')}{cola}.")


def alt_metas(ctx) -> str:
    r = resumen_metas(ctx)
    valores = "; ".join(f"proyecto {x.proyecto}: programado {_valor(x.programado_pct, 0)}, ejecutado {_valor(x.ejecutado_pct, 0)}"
                        for x in r.itertuples())
    return f"Barras por proyecto con lo programado a la fecha y lo ejecutado, en porcentaje de la meta de la vigencia: {valores or 'sin metas'}."


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
    return unir(*partes) if partes else tabla_html(m, {}, vacia="El libro no tiene metas de proyectos de inversión.")


def frase_fisico_financiero(ctx) -> str:
    faltan = _faltan(ctx, ("metas", "presupuesto"))
    if faltan:
        que = "las metas ni del presupuesto" if len(faltan) == 2 else "las metas" if faltan == ["metas"] else "presupuesto"
        return _aun_no(ctx, que, ": todavía no hay avance físico y financiero que comparar.")
    pr = ctx.metricas.proyectos.dropna(subset=["ejecucion_presupuestal", "avance_fisico"])
    if not len(pr):
        return "Aún no hay cortes de presupuesto y avance físico para comparar."
    brecha = pr["ejecucion_presupuestal"] - pr["avance_fisico"]
    x = pr.loc[brecha.abs().idxmax()]
    b = brecha.abs().max()
    sentido = "por delante" if brecha.loc[brecha.abs().idxmax()] > 0 else "por detrás"
    if b < 0.05:
        return f"Lo financiero y lo físico van a la par: en cada proyecto, los compromisos igualan el avance físico de {ctx.periodo_texto}."
    return (f"La mayor brecha está en el proyecto {x['proyecto']}: ha comprometido el {pct(x['ejecucion_presupuestal'])} de su presupuesto "
            f"con un avance físico de {pct(x['avance_fisico'])}, es decir, lo financiero va {numero(b)} puntos {sentido}.")


def alt_fisico_financiero(ctx) -> str:
    valores = "; ".join(f"proyecto {r.proyecto}: físico {_valor(r.avance_fisico, 0)}, compromisos {_valor(r.ejecucion_presupuestal, 0)}, "
                        f"giros {_valor(r.giros_pct, 0)}" for r in ctx.metricas.proyectos.itertuples())
    return f"Barras por proyecto con el avance físico de la vigencia, los compromisos y los giros como porcentaje de la apropiación: {valores}."


def frase_curva(ctx) -> str:
    if not _hay(ctx, "presupuesto"):
        return _aun_no(ctx, "presupuesto")
    p = ctx.metricas.presupuesto_total
    programado = p.get("ejecucion_programada")
    comparado = f" frente al {pct(programado)} programado" if programado is not None else ""
    sobre = p.get("giros_sobre_compromisos")
    return (f"A {ctx.periodo_texto}{_nota_corte(ctx, 'presupuesto')} los compromisos suman el {pct(p.get('ejecucion_presupuestal'))} "
            f"de la apropiación{comparado}, y los giros el {pct(p.get('giros_pct'))}"
            + (f" ({pct(sobre)} de lo comprometido)." if sobre is not None else "."))


def alt_curva(ctx) -> str:
    return ("Pequeños gráficos de línea, uno por proyecto y uno del total, con compromisos, giros y compromisos programados "
            "mes a mes como porcentaje de la apropiación. " + frase_curva(ctx))


# ---------------------------------------------------------------- 04 indicadores

def _indicadores_debidos(ctx) -> pd.DataFrame:
    return ctx.metricas.indicadores[ctx.metricas.indicadores["debido"]]


def _ninguno_debido(ctx) -> str:
    return f"Ningún indicador debía reportar todavía a {ctx.periodo_texto}."


def frase_indicadores(ctx) -> str:
    i, d = ctx.metricas.indicadores, _indicadores_debidos(ctx)
    if not len(i):
        return "El libro no tiene indicadores de gestión."
    de = f"De {contar(len(i), 'indicador', 'indicadores')}"
    if not len(d):
        return f"{de}, ninguno debía reportar todavía a {ctx.periodo_texto}: el componente aún no tiene valor."
    debian = f"{numero(len(d), 0)} {'debía' if len(d) == 1 else 'debían'} reportar a {ctx.periodo_texto}"
    v = pct(ctx.metricas.componentes.get("indicadores_gestion"))
    if not (d["n_mediciones"] > 0).any():
        return f"{de}, {debian}, pero aún no hay reportes: sin reporte cuentan 0 %, así que el componente es {v}."
    return f"{de}, {debian}: {_frase_conteo(_conteo_semaforo(d['semaforo']))}; el componente promedia {v}."


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
        return _ninguno_debido(ctx)
    media = d.groupby("proceso")["cumplimiento_tope"].mean()
    if not (d["n_mediciones"] > 0).any():
        return _aun_no(ctx, f"los indicadores vencidos ({numero(len(d), 0)}, de {contar(len(media), 'proceso')})")
    return (f"Los indicadores vencidos se reparten en {contar(len(media), 'proceso')}; el de menor cumplimiento promedio es "
            f"{media.idxmin()}, con {pct(media.min())}.")


def grafico_procesos(ctx):
    d = _indicadores_debidos(ctx).assign(semaforo=lambda t: t["semaforo"].where(~t["sin_reporte"], None))
    return graficos.conteo_por_grupo(d, "proceso", ctx.parametros, sin_dato="Sin reporte")


def alt_procesos(ctx) -> str:
    d = _indicadores_debidos(ctx)
    criticos = d[(d["semaforo"] == "critico") & ~d["sin_reporte"]]
    sin = d[d["sin_reporte"]]
    return (f"Barras apiladas por proceso con el número de indicadores vencidos en cada semáforo. {frase_procesos(ctx)} "
            f"Críticos: {lista_es(criticos['indicador'] + ' (' + criticos['proceso'] + ')') or 'ninguno'}. "
            f"Sin reporte: {numero(len(sin), 0) if len(sin) else 'ninguno'}.")


def frase_franja(ctx) -> str:
    t = ctx.indicadores_mes
    if not t.notna().to_numpy().any():
        return _aun_no(ctx, "los indicadores")
    mes = t[ctx.periodo.month] if ctx.periodo.month in t.columns else pd.Series(dtype=float)
    medidos = mes.dropna()
    if not len(medidos):
        return f"En {ctx.periodo_texto} no se midió ningún indicador; la cuadrícula muestra las mediciones de los meses anteriores."
    criticos = medidos[medidos < ctx.parametros.umbral_critico].index.tolist()
    cola = f"; {contar(len(criticos), 'quedó', 'quedaron')} en crítico ({lista_es(criticos)})" if criticos else "; ninguno quedó en crítico"
    verbo = "se midió" if len(medidos) == 1 else "se midieron"
    return f"En {ctx.periodo_texto} {verbo} {contar(len(medidos), 'indicador', 'indicadores')}{cola}."


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
    if not len(_indicadores_debidos(ctx)):
        return _ninguno_debido(ctx)
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

def _sin_actividades(ctx) -> str | None:
    """La frase de la sección cuando el plan de acción integrado no tiene actividades o aún no tiene reportes."""
    if not len(ctx.metricas.actividades):
        return "El libro no tiene actividades del plan de acción integrado."
    if not _hay(ctx, "actividades"):
        return _aun_no(ctx, "las actividades del plan de acción integrado")
    return None


def frase_plan(ctx) -> str:
    if falta := _sin_actividades(ctx):
        return falta
    a, v = ctx.metricas.actividades, ctx.metricas.componentes.get("plan_accion_integrado")
    uno, nota = len(a) == 1, _nota_corte(ctx, "actividades")
    sujeto = ("La actividad del plan de acción integrado" if uno
              else f"Las {contar(len(a), 'actividad', 'actividades')} del plan de acción integrado")
    if v is None:
        return f"{sujeto} aún no {'tiene' if uno else 'tienen'} avance programado a {ctx.periodo_texto}{nota}."
    c = _conteo_semaforo(a["semaforo"])
    return (f"{sujeto} {'cumple' if uno else 'cumplen en promedio'} el {pct(v)} de lo programado a {ctx.periodo_texto}{nota}"
            + ("." if uno else f": {_frase_conteo(c, 'ninguna')}."))


def tarjetas_plan(ctx) -> Html:
    a, v = ctx.metricas.actividades, ctx.metricas.componentes.get("plan_accion_integrado")
    c = _conteo_semaforo(a["semaforo"])
    programado = f"programado: {pct(a['programado'].mean())}" if _hay(ctx, "actividades") else "Aún sin reportes"
    return tarjetas([{"titulo": "Plan de acción integrado", "valor": pct(v), "semaforo": ctx.semaforo(v), "principal": True},
                     {"titulo": "Avance promedio ejecutado", "valor": pct(a["ejecutado"].mean()), "detalle": programado},
                     {"titulo": "Actividades en riesgo", "valor": _cuenta(ctx, c["en_riesgo"], "actividades"), "borde": "en_riesgo"},
                     {"titulo": "Actividades críticas", "valor": _cuenta(ctx, c["critico"], "actividades"), "borde": "critico"}])


def frase_por_grupo(ctx, grupo: str) -> str:
    if falta := _sin_actividades(ctx):
        return falta
    a = ctx.metricas.actividades
    g = a.groupby(grupo, observed=True)[["programado", "ejecutado"]].mean()
    g["rezago"] = g["programado"] - g["ejecutado"]
    g = g.dropna(subset=["rezago"])
    nombre = {"plan": "plan", "dependencia": "dependencia"}[grupo]
    if not len(g):
        return _aun_no(ctx, "las actividades del plan de acción integrado")
    x = g["rezago"].idxmax()
    if g.loc[x, "rezago"] <= 0:
        return f"{'Ninguna' if grupo == 'dependencia' else 'Ningún'} {nombre} va por detrás de lo programado a {ctx.periodo_texto}."
    return (f"{'La' if grupo == 'dependencia' else 'El'} {nombre} con mayor rezago es {x}: lleva en promedio el {pct(g.loc[x, 'ejecutado'])} "
            f"frente al {pct(g.loc[x, 'programado'])} programado.")


def alt_por_grupo(ctx, grupo: str) -> str:
    return f"Barras por {grupo} con el avance programado y el ejecutado promedio de sus actividades. " + frase_por_grupo(ctx, grupo)


def rezagadas(ctx) -> pd.DataFrame:
    a = ctx.metricas.actividades
    return a[(a["rezago"] > 0) & (a["semaforo"] != "satisfactorio")].sort_values("rezago", ascending=False)


def frase_rezagadas(ctx) -> str:
    if falta := _sin_actividades(ctx):
        return falta
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
                      semaforo="semaforo", vacia="No hay actividades rezagadas." if _hay(ctx, "actividades") else "Sin reportes de las actividades.")


# ---------------------------------------------------------------- 06 riesgos

def frase_riesgos(ctx) -> str:
    r = ctx.metricas.resumen_riesgos()
    if not r["total"]:
        return _SIN_RIESGOS
    z, n = r["por_zona_residual"], r["materializados"]
    extremo = numero(z["Extremo"], 0) if z["Extremo"] else "ninguno"
    if not _hay(ctx, "riesgos"):
        cola = _minuscula(_aun_no(ctx, "su seguimiento"))
    elif n:
        cola = f"{contar(n, 'riesgo se materializó', 'riesgos se materializaron')} en lo corrido de {ctx.libro.vigencia}."
    else:
        cola = f"ninguno se ha materializado en lo corrido de {ctx.libro.vigencia}."
    return (f"De {contar(r['total'], 'riesgo')}, después de controles {extremo} {'siguen' if z['Extremo'] > 1 else 'sigue'} en zona Extremo y "
            f"{numero(z['Alto'], 0)} en Alto; {cola}")


def tarjetas_riesgos(ctx) -> Html:
    r = ctx.metricas.resumen_riesgos()
    z = r["por_zona_residual"]
    tipos = ", ".join(f"{numero(n, 0)} de {t.lower()}" for t, n in r["por_tipo"].items())
    return tarjetas([{"titulo": "Riesgos identificados", "valor": numero(r["total"], 0), "detalle": tipos, "principal": True},
                     {"titulo": "Zona residual Extremo", "valor": numero(z["Extremo"], 0), "borde": "critico" if z["Extremo"] else "satisfactorio",
                      "detalle": f"inherente: {numero(r['por_zona_inherente']['Extremo'], 0)}"},
                     {"titulo": "Zona residual Alto", "valor": numero(z["Alto"], 0), "detalle": f"inherente: {numero(r['por_zona_inherente']['Alto'], 0)}"},
                     {"titulo": "Materializados en el año", "valor": _cuenta(ctx, r["materializados"], "riesgos"),
                      "borde": "critico" if r["materializados"] else "satisfactorio" if _hay(ctx, "riesgos") else None,
                      "detalle": None if _hay(ctx, "riesgos") else "Aún sin reportes de seguimiento"}])


def frase_mapas(ctx) -> str:
    r = ctx.metricas.resumen_riesgos()
    if not r["total"]:
        return _SIN_RIESGOS
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
    if not len(rg):
        return _SIN_RIESGOS
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
    if not len(ctx.metricas.riesgos):
        return _SIN_RIESGOS
    if not _hay(ctx, "riesgos"):
        return _aun_no(ctx, "seguimiento de los riesgos", ", así que no se sabe si alguno se materializó.")
    r = ctx.metricas.riesgos[ctx.metricas.riesgos["materializado"]]
    if not len(r):
        return f"Ningún riesgo se ha materializado en lo corrido de {ctx.libro.vigencia}."
    return (f"Se {'materializó' if len(r) == 1 else 'materializaron'} {contar(len(r), 'riesgo')} en lo corrido de {ctx.libro.vigencia}: "
            f"{lista_es(r['riesgo'] + ' (' + r['proceso'].astype(str) + ')')}.")


def tabla_materializados(ctx) -> Html:
    r = ctx.metricas.riesgos[ctx.metricas.riesgos["materializado"]]
    return tabla_html(r, {**_COLUMNAS_RIESGO, "periodo_materializacion": ("Se materializó en", "periodo")},
                      vacia="Ningún riesgo se ha materializado." if _hay(ctx, "riesgos") else "Sin reportes de seguimiento de los riesgos.")


def altos(ctx) -> pd.DataFrame:
    r = ctx.metricas.riesgos
    r = r[r["zona_residual"].astype(str).isin(["Extremo", "Alto"])]
    return r.assign(_o=r["zona_residual"].astype(str).map({"Extremo": 0, "Alto": 1})).sort_values(["_o", "riesgo"])


def frase_altos(ctx) -> str:
    if not len(ctx.metricas.riesgos):
        return _SIN_RIESGOS
    r = altos(ctx)
    if not len(r):
        return "Ningún riesgo queda en zona residual Extremo o Alto."
    z = r["zona_residual"].astype(str).value_counts()
    return (f"{'Queda' if len(r) == 1 else 'Quedan'} {contar(len(r), 'riesgo')} en zona residual Extremo ({numero(z.get('Extremo', 0), 0)}) o Alto "
            f"({numero(z.get('Alto', 0), 0)}), que {'necesita' if len(r) == 1 else 'necesitan'} controles adicionales o un plan de tratamiento.")


def tabla_altos(ctx) -> Html:
    return tabla_html(altos(ctx), {**_COLUMNAS_RIESGO, "n_controles": ("Controles", "entero")},
                      vacia="Ningún riesgo queda en zona residual Extremo o Alto.")


# ---------------------------------------------------------------- gráficos de cada sección (figura lista para figura_html)

def grafico_evolucion(ctx):
    if not _hay_avance(ctx):
        return None
    return graficos.evolucion_indice(ctx.serie, ctx.metricas.proyeccion, ctx.parametros)


def grafico_metas(ctx):
    return graficos.metas_por_proyecto(resumen_metas(ctx)) if _hay(ctx, "metas") else None


def grafico_fisico_financiero(ctx):
    return graficos.fisico_financiero(ctx.metricas.proyectos) if not _faltan(ctx, ("metas", "presupuesto")) else None


def grafico_curva(ctx):
    return graficos.curvas_presupuesto(ctx.curva, ctx.metricas.proyectos) if _hay(ctx, "presupuesto") else None


def grafico_por_grupo(ctx, grupo: str):
    if _sin_actividades(ctx):
        return None
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
    if not len(m):
        return "El libro no tiene metas de proyectos de inversión."
    sujeto = "La meta de los proyectos se detalla" if len(m) == 1 else f"Las {contar(len(m), 'meta')} de los proyectos se detallan"
    if not _hay(ctx, "metas"):
        return f"{sujeto} abajo; {_minuscula(_aun_no(ctx, 'ninguna' if len(m) > 1 else 'ella'))}"
    criticas = m[m["semaforo"] == "critico"]
    cola = (f"; {'está' if len(criticas) == 1 else 'están'} en crítico "
            f"{lista_es(criticas['proyecto'].astype(str) + '-' + criticas['meta'].astype(str))} (proyecto-meta)"
            if len(criticas) else "; ninguna está en crítico")
    return f"{sujeto} abajo{cola}."
