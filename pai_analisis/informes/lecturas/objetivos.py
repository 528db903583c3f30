"""Lecturas del informe 02, objetivos estratégicos: cada objetivo con las metas, indicadores y actividades
que lo sostienen (solo los que rigen en el periodo), y enlaces que llevan a esos elementos en sus informes.

La página es corta: una tabla con los ocho objetivos y, por objetivo, un bloque plegable con sus
elementos (abierto al imprimir). Desde cada objetivo se llega a las tablas completas de metas,
indicadores y actividades ya filtradas por ese objetivo (``#filtro:objetivo=N``).
"""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd

from ...comun.numeros import pct
from ..piezas import Pieza, columna_html, contar, escapar, frase_variacion, semaforo_html, unir
from ..tablas import tabla_html
from .elementos import activos, ancla, con_porque, enlace

_DESTINOS = (
    ("metas", "03_proyectos_presupuesto", "metas"),
    ("indicadores", "04_indicadores", "indicadores"),
    ("actividades", "05_plan_integrado", "actividades"),
)


def frase_detalle_objetivos(ctx) -> str:
    m = ctx.metricas
    metas, ind, act = activos(ctx, "metas"), activos(ctx, "indicadores"), activos(ctx, "actividades")
    return (
        f"Los {contar(len(m.objetivos), 'objetivo')} reúnen {contar(len(metas), 'meta')}, "
        f"{contar(int(ind['debido'].sum()), 'indicador vencido', 'indicadores vencidos')} y {contar(len(act), 'actividad', 'actividades')} "
        f"vigentes en {ctx.periodo_texto}; el cumplimiento de cada objetivo es el promedio de todos ellos, cada uno acotado "
        "a 100 %. Abra un objetivo para ver sus elementos, o vaya a sus tablas completas en los otros informes."
    )


def _ir_a(fila) -> Pieza:
    """Enlaces a las tablas de los otros informes filtradas por el objetivo, solo a las que tienen filas suyas
    (un enlace a un filtro sin filas abriría la tabla entera, como si todo fuera de ese objetivo)."""
    enlaces = [
        Pieza(f'<a href="{archivo}.html#filtro:objetivo={escapar(quote(str(fila["objetivo"])))}">sus {escapar(nombre)}</a>')
        for n, archivo, nombre in _DESTINOS
        if (fila.get(f"n_{n}") or 0) > 0
    ]
    return Pieza(" · ").join(enlaces)


def tabla_objetivos(ctx) -> Pieza:
    """Los objetivos con su cumplimiento, cuántos elementos los sostienen y enlaces a ellos."""
    o = ctx.metricas.objetivos.copy()
    o["objetivo_html"] = columna_html((Pieza(f'<a href="#{ancla("objetivo", x)}">{escapar(x)}</a>') for x in o["objetivo"]), o.index)
    o["ver"] = columna_html((_ir_a(f) or None for f in o.to_dict("records")), o.index)
    return tabla_html(
        o,
        {
            "objetivo_html": ("Objetivo", "html"),
            "nombre": ("Enunciado", "texto"),
            "cumplimiento": ("Cumplimiento", "pct"),
            "n_metas": ("Metas", "entero"),
            "n_indicadores": ("Indicadores", "entero"),
            "n_actividades": ("Actividades", "entero"),
            "ver": ("Ir a", "html"),
        },
        semaforo="semaforo",
    )


def _codigo(elemento: str, df: pd.DataFrame, columna) -> pd.Series:
    return columna_html((Pieza(f'<a href="{escapar(enlace(elemento, c))}">{escapar(c)}</a>') for c in columna), df.index)


def detalle_objetivos(ctx) -> Pieza:
    """Por objetivo, un bloque plegable con las tablas de sus metas, indicadores y actividades (nombres completos)."""
    m, par = ctx.metricas, ctx.parametros
    metas, ind, act = activos(ctx, "metas"), activos(ctx, "indicadores"), activos(ctx, "actividades")
    partes = []
    for o in m.objetivos.itertuples():
        mo = con_porque(metas[metas["objetivo"] == o.objetivo])
        mo = mo.assign(codigo=_codigo("meta", mo, mo["proyecto"].astype(str) + "-" + mo["meta"].astype(str)))
        io = con_porque(ind[ind["objetivo"] == o.objetivo])
        io = io.assign(codigo=_codigo("indicador", io, io["indicador"]))
        ao = con_porque(act[act["objetivo"] == o.objetivo])
        ao = ao.assign(codigo=_codigo("actividad", ao, ao["actividad"]))
        cumple = (
            f"Cumple el {pct(o.cumplimiento)} ({frase_variacion(o.cumplimiento, o.cumplimiento_anterior)})"
            if pd.notna(o.cumplimiento)
            else "Aún no tiene cumplimiento calculado"
        )
        cuerpo = [
            Pieza(f'<p class="pai-lectura">{escapar(cumple)}, con {escapar(contar(len(mo), "meta"))}, {escapar(contar(len(io), "indicador", "indicadores"))} '
            f"y {escapar(contar(len(ao), 'actividad', 'actividades'))}." + (f" Tablas completas: {ir_a}." if (ir_a := _ir_a(o._asdict())) else "")
            + "</p>"),
            tabla_html(
                mo,
                {
                    "codigo": ("Meta", "html"),
                    "detalle": ("Meta del proyecto", "html"),
                    "avance_vigencia": ("Avance vigencia", "pct"),
                    "cumplimiento": ("Cumplimiento", "cumplimiento"),
                },
                semaforo="semaforo",
                vacia="Sin metas de proyectos de inversión.",
                sobreejecucion=par.umbral_sobreejecucion,
            ),
            tabla_html(
                io,
                {
                    "codigo": ("Indicador", "html"),
                    "detalle": ("Nombre", "html"),
                    "resultado": ("Resultado", "unidad:unidad"),
                    "meta": ("Meta", "unidad:unidad"),
                    "cumplimiento": ("Cumplimiento", "cumplimiento"),
                },
                semaforo="semaforo",
                vacia="Sin indicadores de gestión.",
                sobreejecucion=par.umbral_sobreejecucion,
            ),
            tabla_html(
                ao,
                {
                    "codigo": ("Actividad", "html"),
                    "detalle": ("Nombre", "html"),
                    "programado": ("Programado", "pct0"),
                    "ejecutado": ("Ejecutado", "pct0"),
                    "cumplimiento": ("Cumplimiento", "pct"),
                },
                semaforo="semaforo",
                vacia="Sin actividades del plan de acción integrado.",
            ),
        ]
        resumen = f"Objetivo {escapar(o.objetivo)}. {escapar(o.nombre)} — {escapar(pct(o.cumplimiento))} {semaforo_html(o.semaforo)}"
        partes.append(Pieza(
            f'<details class="pai-detalle" id="{ancla("objetivo", o.objetivo)}"><summary>{resumen}</summary>'
            + "".join(str(x) for x in cuerpo)
            + "</details>"
        ))
    return unir(*partes)
