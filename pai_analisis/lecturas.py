"""Lo que dicen los informes: frases, tarjetas, tablas y textos alternativos escritos a partir de las cifras.

Cada cuaderno de ``cuadernos/`` es una sucesión de secciones que llaman a funciones de lectura
(la frase de la sección, su gráfico de :mod:`pai_analisis.graficos` y su tabla); así los
cuadernos no tienen lógica propia y dos informes nunca repiten código.
Todas reciben el :class:`~pai_analisis.presentacion.Contexto` del periodo. Este módulo tiene
las piezas comunes (:func:`corto`, los conteos del semáforo, qué se ha reportado hasta el
periodo) y las lecturas del resumen (01) y de los objetivos (02); las de las demás áreas están
en :mod:`pai_analisis.lecturas_proyectos` (03), :mod:`pai_analisis.lecturas_indicadores` (04),
:mod:`pai_analisis.lecturas_plan` (05) y :mod:`pai_analisis.lecturas_riesgos` (06).

Con datos escasos (el primer mes, un libro a medio diligenciar) ninguna falla: las frases
dicen en palabras lo que falta («Aún no hay reportes de las metas hasta enero de 2024») y
los ``grafico_*`` devuelven ``None`` cuando no hay nada que dibujar: entonces
:func:`~pai_analisis.presentacion.figura_html` no muestra nada y la frase de la sección lo explica.
"""

from __future__ import annotations

import pandas as pd

from . import graficos
from .formato import millones, numero, pct
from .parametros import ETIQUETAS_SEMAFORO, NOMBRES_COMPONENTES
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


def conteo_semaforo(serie: pd.Series) -> dict:
    return {**{k: int((serie == k).sum()) for k in ETIQUETAS_SEMAFORO}, "sin_dato": int(serie.isna().sum())}


def frase_conteo(c: dict, ninguno: str = "ninguno") -> str:
    """``7 están en satisfactorio, 1 en riesgo y ninguno en crítico`` (y ``2 sin dato``, si los hay)."""
    n = lambda k: numero(c[k], 0) if c[k] else ninguno  # noqa: E731
    verbo = "están" if c["satisfactorio"] > 1 else "está"
    partes = [f"{n('satisfactorio')} {verbo} en satisfactorio", f"{n('en_riesgo')} en riesgo", f"{n('critico')} en crítico"]
    if c.get("sin_dato"):
        partes.append(f"{numero(c['sin_dato'], 0)} sin dato")
    return lista_es(partes)


def valor(v, decimales: int = 1) -> str:
    """Porcentaje para los textos alternativos: «sin dato» en vez de «—»."""
    return "sin dato" if v is None or pd.isna(v) else pct(v, decimales)


# ---------------------------------------------------------------- datos escasos: qué se ha reportado hasta el periodo

_SEGUIMIENTO = {"metas": "seguimiento_metas", "presupuesto": "presupuesto", "indicadores": "seguimiento_indicadores",
                "actividades": "seguimiento_actividades", "riesgos": "seguimiento_riesgos"}
_AVANCE = ("metas", "indicadores", "actividades")  # lo que mueve el cumplimiento de objetivos e índice


def ultimo_reporte(ctx, que: str) -> pd.Period | None:
    """Mes del último reporte de ``que`` (``metas``, ``presupuesto``, ``indicadores``, ``actividades``
    o ``riesgos``) en la vigencia hasta el periodo; ``None`` si aún no hay ninguno."""
    from .textos import hasta_periodo

    seg = hasta_periodo(getattr(ctx.libro, _SEGUIMIENTO[que]), ctx.periodo)
    return seg["periodo"].max() if len(seg) else None


def hay(ctx, que: str) -> bool:
    return ultimo_reporte(ctx, que) is not None


def _hay_avance(ctx) -> bool:
    """¿Hay algún reporte de metas, indicadores o actividades hasta el periodo?"""
    return any(hay(ctx, q) for q in _AVANCE)


def faltan_reportes(ctx, cosas=_AVANCE) -> list[str]:
    """De ``cosas``, las que aún no tienen ningún reporte hasta el periodo."""
    return [c for c in cosas if not hay(ctx, c)]


def aun_no(ctx, que, fin: str = ".") -> str:
    """``Aún no hay reportes de las metas hasta enero de 2024.`` (``que``: texto o lista, unida con «ni»)."""
    que = que if isinstance(que, str) else lista_es(que, "ni")
    return f"Aún no hay reportes de {que} hasta {ctx.periodo_texto}{fin}"


def cuenta(ctx, n: int, que: str) -> str:
    """Un conteo para una tarjeta: «—» (no «0») mientras ``que`` no tenga ningún reporte."""
    return numero(n, 0) if hay(ctx, que) else "—"


def minuscula(texto: str) -> str:
    """La frase con su primera letra en minúscula, para seguir otra («…; aún no hay reportes…»)."""
    return texto[:1].lower() + texto[1:]


def nota_corte(ctx, que: str, de: str = "") -> str:
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
    faltan = faltan_reportes(ctx)
    pendiente = (" " + aun_no(ctx, faltan)) if faltan else ""
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
    sin_presupuesto = None if hay(ctx, "presupuesto") else "Aún sin reportes de presupuesto"
    altas = int((m.alertas["severidad"] == "alta").sum())
    otros = [{"titulo": "Compromisos sobre la apropiación", "valor": pct(p.get("ejecucion_presupuestal")),
              "detalle": sin_presupuesto or f"{millones(p.get('compromisos'))} de {millones(p.get('apropiacion'))}"},
             {"titulo": "Giros sobre la apropiación", "valor": pct(p.get("giros_pct")), "detalle": sin_presupuesto or millones(p.get("giros"))},
             {"titulo": "Alertas de severidad alta", "valor": numero(altas, 0), "detalle": f"de {contar(len(m.alertas), 'alerta')} en total"},
             {"titulo": "Riesgos materializados en el año", "valor": cuenta(ctx, r["materializados"], "riesgos"),
              "detalle": f"de {contar(r['total'], 'riesgo')}" if hay(ctx, "riesgos") else "Aún sin reportes de seguimiento"}]
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
        return aun_no(ctx, _AVANCE, ": los objetivos estratégicos todavía no tienen avance que mostrar.")
    o = ctx.metricas.objetivos.dropna(subset=["cumplimiento"])
    if not len(o):
        return "Ningún objetivo tiene elementos con cumplimiento calculado en este periodo."
    c = conteo_semaforo(ctx.metricas.objetivos["semaforo"])
    bajo = o.loc[o["cumplimiento"].idxmin()]
    return (f"De los {contar(len(ctx.metricas.objetivos), 'objetivo estratégico', 'objetivos estratégicos')}, {frase_conteo(c)}; "
            f"el más bajo es el objetivo {bajo['objetivo']}, con {pct(bajo['cumplimiento'])}.")


def grafico_objetivos(ctx):
    if not _hay_avance(ctx):
        return None
    o = ctx.metricas.objetivos
    etiquetas = [f"{r.objetivo}. {corto(r.nombre, 58)}" for r in o.itertuples()]
    return graficos.barras_semaforo(etiquetas, o["cumplimiento"], ctx.parametros, ancho_etiqueta=40)


def alt_objetivos(ctx) -> str:
    o = ctx.metricas.objetivos
    valores = "; ".join(f"objetivo {r.objetivo}: {valor(r.cumplimiento)}" for r in o.itertuples())
    return f"Barras horizontales con el cumplimiento de cada objetivo estratégico en {ctx.periodo_texto}: {valores}."


def frase_evolucion(ctx) -> str:
    if not _hay_avance(ctx):
        return aun_no(ctx, _AVANCE, ": el índice aún no tiene una evolución que mostrar.")
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


def grafico_evolucion(ctx):
    if not _hay_avance(ctx):
        return None
    return graficos.evolucion_indice(ctx.serie, ctx.metricas.proyeccion, ctx.parametros)


def alt_evolucion(ctx) -> str:
    s = ctx.serie
    valores = "; ".join(f"{periodo_en_palabras(p)}: {valor(v)}" for p, v in zip(s["periodo"], s["indice_pai"], strict=False))
    proy = _proyeccion(ctx)
    return (f"Líneas del índice PAI y sus tres componentes, mes a mes, sobre franjas del semáforo. Índice: {valores}."
            + (f" La línea punteada proyecta diciembre en {pct(proy)}." if proy is not None else ""))


# ---------------------------------------------------------------- 02 objetivos

def frase_detalle_objetivos(ctx) -> str:
    m = ctx.metricas
    return (f"Los {contar(len(m.objetivos), 'objetivo')} reúnen {contar(len(m.metas), 'meta')}, "
            f"{contar(int(m.indicadores['debido'].sum()), 'indicador vencido', 'indicadores vencidos')} y {contar(len(m.actividades), 'actividad', 'actividades')}; "
            "el cumplimiento de cada objetivo es el promedio de todos ellos, cada uno acotado a 100 %.")


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
