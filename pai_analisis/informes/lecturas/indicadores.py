"""Lecturas del informe 04, indicadores de gestión: cuántos indicadores debían reportar al periodo y en qué
semáforo quedaron, su reparto por proceso, la cuadrícula de mediciones mes a mes, los que requieren
atención (sin reporte, con el reporte atrasado o en crítico) y la tabla completa, que se ordena y se
filtra por proceso, responsable, objetivo y semáforo. Cada valor va con su unidad (días, %, número).

Solo cuentan los indicadores vencidos y vigentes en el periodo (sección 6.1): uno agregado a mitad de
año aparece desde su mes; uno cerrado va aparte, con su último valor. Las tarjetas y la sección
«Requieren atención» cuentan lo mismo: sin reporte, reporte atrasado y crítico son categorías
disjuntas de la misma lista.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...comun.numeros import numero, pct
from ...metricas.indicadores import cumplimiento_por_proceso
from .. import graficos
from ..piezas import Pieza, contar, lista_es, tarjetas
from ..tablas import tabla_html
from .comunes import aun_no, conteo_semaforo, corto, frase_conteo
from .elementos import activos, ancla, cerrados, con_porque

SITUACIONES = ("Sin ningún reporte", "Reporte atrasado", "Crítico")


def _indicadores_debidos(ctx) -> pd.DataFrame:
    i = activos(ctx, "indicadores")
    return i[i["debido"]]


def _ninguno_debido(ctx) -> str:
    return f"Ningún indicador debía reportar todavía a {ctx.periodo_texto}."


def frase_indicadores(ctx) -> str:
    i, d = activos(ctx, "indicadores"), _indicadores_debidos(ctx)
    if not len(i):
        return "Ningún indicador de gestión rige en este periodo."
    de = f"De {contar(len(i), 'indicador vigente', 'indicadores vigentes')}"
    if not len(d):
        return f"{de}, ninguno debía reportar todavía a {ctx.periodo_texto}: el componente aún no tiene valor."
    debian = f"{numero(len(d), 0)} {'debía' if len(d) == 1 else 'debían'} reportar a {ctx.periodo_texto}"
    v = pct(ctx.metricas.componentes.get("indicadores_gestion"))
    if not (d["n_mediciones"] > 0).any():
        return f"{de}, {debian}, pero aún no hay reportes: sin reporte cuentan 0 %, así que el componente es {v}."
    return f"{de}, {debian}: {frase_conteo(conteo_semaforo(d['semaforo']))}; el componente promedia {v}."


def pendientes(ctx) -> pd.DataFrame:
    """Los indicadores vencidos que requieren atención, cada uno en una sola situación (la más grave)."""
    i = _indicadores_debidos(ctx).copy()
    i["situacion"] = np.select(
        [i["sin_reporte"], i["reporte_atrasado"], i["semaforo"] == "critico"], list(SITUACIONES), default=""
    )
    return i[i["situacion"] != ""].sort_values(["sin_reporte", "cumplimiento"], ascending=[False, True])


def tarjetas_indicadores(ctx) -> Pieza:
    d, v = _indicadores_debidos(ctx), ctx.metricas.componentes.get("indicadores_gestion")
    c = conteo_semaforo(d["semaforo"])
    s = pendientes(ctx)["situacion"].value_counts()
    return tarjetas(
        [
            {"titulo": "Indicadores de gestión", "valor": pct(v), "semaforo": ctx.semaforo(v), "principal": True},
            {"titulo": "Satisfactorios", "valor": numero(c["satisfactorio"], 0), "borde": "satisfactorio"},
            {"titulo": "En riesgo", "valor": numero(c["en_riesgo"], 0), "borde": "en_riesgo"},
            {
                "titulo": "Críticos",
                "valor": numero(c["critico"], 0),
                "borde": "critico",
                "detalle": f"de ellos, {contar(int(s.get(SITUACIONES[0], 0)), 'sin ningún reporte', 'sin ningún reporte')}",
            },
            {
                "titulo": "Con el reporte atrasado",
                "valor": numero(int(s.get(SITUACIONES[1], 0)), 0),
                "detalle": "calculados con lo reportado antes",
            },
        ]
    )


def frase_procesos(ctx) -> str:
    d = _indicadores_debidos(ctx)
    if not len(d):
        return _ninguno_debido(ctx)
    media = cumplimiento_por_proceso(d)
    if not (d["n_mediciones"] > 0).any():
        return aun_no(ctx, f"los indicadores vencidos ({numero(len(d), 0)}, de {contar(len(media), 'proceso')})")
    return (
        f"Los indicadores vencidos se reparten en {contar(len(media), 'proceso')}; el de menor cumplimiento promedio es "
        f"{media.idxmin()}, con {pct(media.min())}."
    )


def grafico_procesos(ctx):
    d = _indicadores_debidos(ctx).assign(semaforo=lambda t: t["semaforo"].where(~t["sin_reporte"], None))
    return (
        graficos.dos_anchos(graficos.conteo_por_grupo, d, "proceso", ctx.parametros, sin_dato="Sin reporte") if len(d) else None
    )


def alt_procesos(ctx) -> str:
    d = _indicadores_debidos(ctx)
    criticos = d[(d["semaforo"] == "critico") & ~d["sin_reporte"]]
    sin = d[d["sin_reporte"]]
    return (
        f"Barras apiladas por proceso con el número de indicadores vencidos en cada semáforo. {frase_procesos(ctx)} "
        f"Críticos: {lista_es(criticos['indicador'] + ' (' + criticos['proceso'] + ')') or 'ninguno'}. "
        f"Sin reporte: {numero(len(sin), 0) if len(sin) else 'ninguno'}."
    )


def frase_franja(ctx) -> str:
    t = ctx.indicadores_mes
    if not t.notna().to_numpy().any():
        return aun_no(ctx, "los indicadores")
    mes = t[ctx.periodo.month] if ctx.periodo.month in t.columns else pd.Series(dtype=float)
    medidos = mes.dropna()
    if not len(medidos):
        return (
            f"En {ctx.periodo_texto} no se midió ningún indicador; la cuadrícula muestra las mediciones de los meses anteriores."
        )
    criticos = medidos[medidos < ctx.parametros.umbral_critico].index.tolist()
    cola = (
        f"; {contar(len(criticos), 'quedó', 'quedaron')} en crítico ({lista_es(criticos)})"
        if criticos
        else "; ninguno quedó en crítico"
    )
    verbo = "se midió" if len(medidos) == 1 else "se midieron"
    return f"En {ctx.periodo_texto} {verbo} {contar(len(medidos), 'indicador', 'indicadores')}{cola}."


def grafico_franja(ctx):
    ind = ctx.metricas.indicadores.set_index("indicador")
    etiquetas = {i: f"{i} · {corto(ind.loc[i, 'proceso'], 38)}" for i in ind.index}
    return graficos.dos_anchos(graficos.franja_mensual, ctx.indicadores_mes, ctx.parametros, etiquetas)


def alt_franja(ctx) -> str:
    return (
        "Cuadrícula de indicadores por mes: cada casilla tiene el color del semáforo de la medición de ese mes y su "
        "cumplimiento; en blanco, los meses sin medición. " + frase_franja(ctx)
    )


def frase_pendientes(ctx) -> str:
    if not len(_indicadores_debidos(ctx)):
        return _ninguno_debido(ctx)
    p = pendientes(ctx)
    if not len(p):
        return "Todos los indicadores vencidos reportaron y ninguno está en crítico."
    c = p["situacion"].value_counts()
    partes = [
        f"{numero(c[k], 0)} {texto}"
        for k, texto in zip(SITUACIONES, ("sin ningún reporte", "con el reporte atrasado", "en crítico"), strict=True)
        if c.get(k, 0)
    ]
    if len(partes) == 1:  # «3 indicadores, todos en crítico»
        return f"Requieren atención {contar(len(p), 'indicador', 'indicadores')}, {'todos' if len(p) > 1 else 'el único'} {partes[0].split(' ', 1)[1]}."
    return f"Requieren atención {contar(len(p), 'indicador', 'indicadores')}: {lista_es(partes)}."


_COLUMNAS = {
    "indicador": ("Indicador", "texto"),
    "detalle": ("Nombre y observación", "html"),
    "proceso": ("Proceso", "texto"),
    "responsable": ("Responde", "texto"),
}
_VALORES = {
    "resultado": ("Resultado", "unidad:unidad"),
    "meta": ("Meta", "unidad:unidad"),
    "cumplimiento": ("Cumpli\u00admiento", "cumplimiento"),
}


def tabla_pendientes(ctx) -> Pieza:
    p = con_porque(pendientes(ctx))
    return tabla_html(
        p,
        {**_COLUMNAS, "situacion": ("Situación", "texto"), "ultimo_reporte": ("Último reporte", "periodo"), **_VALORES},
        semaforo="semaforo",
        sobreejecucion=ctx.parametros.umbral_sobreejecucion,
        vacia="No hay indicadores sin reporte ni en crítico.",
    )


def frase_todos(ctx) -> str:
    i = activos(ctx, "indicadores")
    if not len(i):
        return "Ningún indicador de gestión rige en este periodo."
    no_debidos = int((~i["debido"]).sum())
    cola = (
        f"; {contar(no_debidos, 'aún no vence', 'aún no vencen')} (su periodicidad no ha cerrado un periodo) y no tiene semáforo"
        if no_debidos
        else ""
    )
    sujeto = "El indicador vigente" if len(i) == 1 else f"Los {contar(len(i), 'indicador', 'indicadores')} vigentes"
    return (
        f"{sujeto}, con su resultado acumulado, su meta y su unidad{cola}. "
        "Ordene, busque o filtre por proceso, responsable, objetivo o semáforo."
    )


def tabla_todos(ctx) -> Pieza:
    i = con_porque(activos(ctx, "indicadores"))
    return tabla_html(
        i,
        {**_COLUMNAS, "objetivo": ("Objetivo", "texto"), **_VALORES},
        semaforo="semaforo",
        interactiva=True,
        filtros={"proceso": "Proceso", "responsable": "Responde", "objetivo": "Objetivo", "semaforo": "Semáforo"},
        fila_id=lambda f: ancla("indicador", f["indicador"]),
        sobreejecucion=ctx.parametros.umbral_sobreejecucion,
    )


def frase_cerrados(ctx) -> str:
    c = cerrados(ctx, "indicadores")
    if not len(c):
        return f"Ningún indicador ha cerrado en lo corrido de {ctx.libro.vigencia} hasta {ctx.periodo_texto}."
    return (
        f"{contar(len(c), 'indicador cerró', 'indicadores cerraron')} antes de {ctx.periodo_texto}: se muestran con su último "
        "valor y ya no cuentan en el componente ni en los objetivos."
    )


def tabla_cerrados(ctx) -> Pieza:
    c = cerrados(ctx, "indicadores")
    if not len(c):
        return Pieza("")
    return tabla_html(
        c,
        {
            "indicador": ("Indicador", "texto"),
            "nombre": ("Nombre", "texto"),
            "vigente_hasta": ("Cerró en", "periodo"),
            **_VALORES,
        },
        semaforo="semaforo",
        fila_id=lambda f: ancla("indicador", f["indicador"]),
    )
