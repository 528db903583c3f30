"""Lecturas del informe 01, resumen ejecutivo: el índice PAI del mes y sus componentes, las alertas
principales, los objetivos estratégicos y la evolución del índice con su proyección a diciembre.
"""

from __future__ import annotations

from ...comun.faltantes import FALTANTE
from ...comun.numeros import millones, numero, pct
from ...comun.periodos import periodo_en_palabras
from ...metricas.parametros import NOMBRES_COMPONENTES
from .. import graficos
from ..piezas import Pieza, columna_html, contar, escapar, frase_variacion, lista_es, tarjetas, unir
from ..tablas import tabla_html
from .comunes import (
    AVANCE,
    TIPOS_ALERTA,
    aun_no,
    conteo_semaforo,
    corto,
    cuenta,
    estado,
    faltan_reportes,
    frase_conteo,
    hay,
    hay_avance,
    proyeccion_indice,
    valor,
)
from .elementos import enlace, observacion_html


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
        ((solo, v),) = comp.items()
        cola = f"; solo se calcula con {NOMBRES_COMPONENTES[solo].lower()} ({pct(v)}), porque {lista_es(sin_valor)} aún no {tienen} valores"
    else:
        bajo = min(comp, key=comp.get)
        cola = f"; el componente más bajo es {NOMBRES_COMPONENTES[bajo].lower()}, con {pct(comp[bajo])}"
        cola += f", y {lista_es(sin_valor)} aún no {tienen} valores" if sin_valor else ""
    return (
        f"El índice PAI de {ctx.periodo_texto} es {pct(m.indice_pai)} ({estado(ctx, m.indice_pai)}){variacion}{cola}.{pendiente}"
    )


def tarjetas_indice(ctx) -> Pieza:
    """Índice y componentes con semáforo y variación frente al mes anterior; debajo, las cifras del mes."""
    m = ctx.metricas
    ant = m.anterior or {}
    items = [
        {
            "titulo": "Índice PAI",
            "valor": pct(m.indice_pai),
            "semaforo": m.semaforo_indice,
            "principal": True,
            "detalle": _variacion_corta(m.indice_pai, ant.get("indice_pai"), ant.get("periodo")),
        }
    ]
    for clave, nombre in NOMBRES_COMPONENTES.items():
        v = m.componentes.get(clave)
        items.append(
            {
                "titulo": nombre,
                "valor": pct(v),
                "semaforo": ctx.semaforo(v),
                "detalle": _variacion_corta(v, (ant.get("componentes") or {}).get(clave), ant.get("periodo")),
            }
        )
    p, r = m.presupuesto_total, m.resumen_riesgos()
    sin_presupuesto = None if hay(ctx, "presupuesto") else "Aún sin reportes de presupuesto"
    altas = int((m.alertas["severidad"] == "alta").sum())
    otros = [
        {
            "titulo": "Compromisos sobre la apropiación",
            "valor": pct(p.get("ejecucion_presupuestal")),
            "detalle": sin_presupuesto or f"{millones(p.get('compromisos'))} de {millones(p.get('apropiacion'))}",
        },
        {
            "titulo": "Giros sobre la apropiación",
            "valor": pct(p.get("giros_pct")),
            "detalle": sin_presupuesto or millones(p.get("giros")),
        },
        {
            "titulo": "Alertas de severidad alta",
            "valor": numero(altas, 0),
            "detalle": f"de {contar(len(m.alertas), 'alerta')} en total",
        },
        {
            "titulo": "Riesgos materializados en el año",
            "valor": cuenta(ctx, r["materializados"], "riesgos"),
            "detalle": f"de {contar(r['total'], 'riesgo')}" if hay(ctx, "riesgos") else "Aún sin reportes de seguimiento",
        },
    ]
    return unir(tarjetas(items), tarjetas(otros))


def frase_alertas(ctx) -> str:
    a = ctx.metricas.alertas
    if not len(a):
        return f"No hay alertas en {ctx.periodo_texto}."
    c = a["severidad"].value_counts()
    return (
        f"Hay {contar(len(a), 'alerta')}: {numero(c.get('alta', 0), 0)} de severidad alta, {numero(c.get('media', 0), 0)} media y "
        f"{numero(c.get('baja', 0), 0)} baja. Van de la más grave a la menos grave (y, entre iguales, por el peso presupuestal "
        "de su proyecto); cada una dice a quién le toca, su última observación y lleva al detalle del elemento."
    )


def _que_pasa(fila: dict) -> Pieza:
    """La frase de la alerta, el enlace al detalle del elemento y su última observación (HTML seguro)."""
    destino = enlace(fila["elemento"], fila["item"], desde="01_resumen")
    partes = [escapar(fila["mensaje"])]
    if destino:
        partes.append(Pieza(f' <a class="pai-ver" href="{escapar(destino)}">Ver el detalle</a>'))
    partes.append(observacion_html(fila.get("observacion"), fila.get("observacion_periodo")))
    return Pieza().join(partes)


def tabla_alertas(ctx) -> Pieza:
    """Todas las alertas, ordenadas y con filtros por severidad, tipo y responsable."""
    a = ctx.metricas.alertas.copy()
    a["severidad_texto"] = a["severidad"].str.capitalize()
    a["tipo_texto"] = a["tipo"].map(TIPOS_ALERTA).fillna(a["tipo"])
    a["que_pasa"] = columna_html((_que_pasa(f) for f in a.to_dict("records")), a.index)
    a["responsable"] = a["responsable"].where(a["responsable"].notna(), FALTANTE) if len(a) else a.get("responsable")
    return tabla_html(
        a,
        {
            "severidad_texto": ("Severidad", "texto"),
            "tipo_texto": ("Tipo", "texto"),
            "que_pasa": ("Qué pasa", "html"),
            "responsable": ("Responde", "texto"),
        },
        vacia="No hay alertas en este periodo.",
        interactiva=True,
        filtros={"severidad_texto": "Severidad", "tipo_texto": "Tipo", "responsable": "Responde"},
    )


def frase_objetivos(ctx) -> str:
    if not hay_avance(ctx):
        return aun_no(ctx, AVANCE, ": los objetivos estratégicos todavía no tienen avance que mostrar.")
    o = ctx.metricas.objetivos.dropna(subset=["cumplimiento"])
    if not len(o):
        return "Ningún objetivo tiene elementos con cumplimiento calculado en este periodo."
    c = conteo_semaforo(ctx.metricas.objetivos["semaforo"])
    bajo = o.loc[o["cumplimiento"].idxmin()]
    return (
        f"De los {contar(len(ctx.metricas.objetivos), 'objetivo estratégico', 'objetivos estratégicos')}, {frase_conteo(c)}; "
        f"el más bajo es el objetivo {bajo['objetivo']}, con {pct(bajo['cumplimiento'])}."
    )


def grafico_objetivos(ctx):
    """Barras de los objetivos (en la etiqueta, el nombre recortado: el completo está en el texto alternativo y en 02)."""
    if not hay_avance(ctx):
        return None
    o = ctx.metricas.objetivos
    etiquetas = [f"{r.objetivo}. {corto(r.nombre, 58)}" for r in o.itertuples()]
    return graficos.dos_anchos(graficos.barras_semaforo, etiquetas, o["cumplimiento"], ctx.parametros, ancho_etiqueta=40)


def alt_objetivos(ctx) -> str:
    o = ctx.metricas.objetivos
    valores = "; ".join(f"objetivo {r.objetivo} ({r.nombre}): {valor(r.cumplimiento)}" for r in o.itertuples())
    return f"Barras horizontales con el cumplimiento de cada objetivo estratégico en {ctx.periodo_texto}: {valores}."


def frase_evolucion(ctx) -> str:
    if not hay_avance(ctx):
        return aun_no(ctx, AVANCE, ": el índice aún no tiene una evolución que mostrar.")
    s = ctx.serie.dropna(subset=["indice_pai"])
    if not len(s):
        return f"El índice PAI aún no tiene valores hasta {ctx.periodo_texto}."
    inicio, fin = s["indice_pai"].iloc[0], s["indice_pai"].iloc[-1]
    proy = proyeccion_indice(ctx)
    if len(ctx.serie) == 1:
        base = f"En {ctx.periodo_texto}, primer mes de la vigencia, el índice es {pct(fin)}"
    elif len(s) == 1:
        base = f"En {periodo_en_palabras(s['periodo'].iloc[0])}, el único mes con índice calculado, el índice es {pct(fin)}"
    else:
        desde = periodo_en_palabras(s["periodo"].iloc[0]).split(" de ")[0]
        base = f"De {desde} a {periodo_en_palabras(s['periodo'].iloc[-1])} el índice pasó de {pct(inicio)} a {pct(fin)}"
    if proy is not None:
        return base + f"; si sigue la tendencia de los últimos tres meses, cerraría diciembre en {pct(proy)}."
    if ctx.periodo.month < 3:
        return base + "; con menos de tres meses no hay una tendencia que proyectar a diciembre."
    return base + "."


def grafico_evolucion(ctx):
    if not hay_avance(ctx):
        return None
    proyeccion = ctx.metricas.proyeccion if proyeccion_indice(ctx) is not None else {}
    return graficos.dos_anchos(graficos.evolucion_indice, ctx.serie, proyeccion, ctx.parametros)


def pie_evolucion(ctx) -> str:
    """El pie del gráfico: dice la proyección solo si está dibujada."""
    return "Índice PAI y componentes mes a mes" + (
        "; en punteado, la proyección a diciembre" if proyeccion_indice(ctx) is not None else ""
    )


def alt_evolucion(ctx) -> str:
    s = ctx.serie
    valores = "; ".join(f"{periodo_en_palabras(p)}: {valor(v)}" for p, v in zip(s["periodo"], s["indice_pai"], strict=False))
    proy = proyeccion_indice(ctx)
    return f"Líneas del índice PAI y sus tres componentes, mes a mes, sobre franjas del semáforo. Índice: {valores}." + (
        f" La línea punteada proyecta diciembre en {pct(proy)}." if proy is not None else ""
    )
