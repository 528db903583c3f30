"""Lecturas del informe 05, plan de acción integrado: el cumplimiento de las actividades frente a lo
programado al periodo, el avance por plan y por dependencia y las actividades rezagadas. Si el libro
no tiene actividades o aún no hay reportes, cada sección lo dice en su frase y los ``grafico_*``
devuelven ``None``. Solo cuentan las actividades vigentes en el periodo; las cerradas van aparte.
"""

from __future__ import annotations

import pandas as pd

from ...comun.numeros import pct
from ...metricas.actividades import avance_por_grupo, avance_promedio
from .. import graficos
from ..piezas import Pieza, contar, tarjetas
from ..tablas import tabla_html
from .comunes import aun_no, conteo_semaforo, cuenta, frase_conteo, hay, nota_corte
from .elementos import activos, ancla, cerrados, con_porque


def _sin_actividades(ctx) -> str | None:
    """La frase de la sección cuando el plan de acción integrado no tiene actividades o aún no tiene reportes."""
    if not len(activos(ctx, "actividades")):
        return "Ninguna actividad del plan de acción integrado rige en este periodo."
    if not hay(ctx, "actividades"):
        return aun_no(ctx, "las actividades del plan de acción integrado")
    return None


def frase_plan(ctx) -> str:
    if falta := _sin_actividades(ctx):
        return falta
    a, v = activos(ctx, "actividades"), ctx.metricas.componentes.get("plan_accion_integrado")
    uno, nota = len(a) == 1, nota_corte(ctx, "actividades")
    sujeto = (
        "La actividad del plan de acción integrado"
        if uno
        else f"Las {contar(len(a), 'actividad', 'actividades')} del plan de acción integrado"
    )
    if v is None:
        return f"{sujeto} aún no {'tiene' if uno else 'tienen'} avance programado a {ctx.periodo_texto}{nota}."
    c = conteo_semaforo(a["semaforo"])
    return f"{sujeto} {'cumple' if uno else 'cumplen en promedio'} el {pct(v)} de lo programado a {ctx.periodo_texto}{nota}" + (
        "." if uno else f": {frase_conteo(c, 'ninguna')}."
    )


def tarjetas_plan(ctx) -> Pieza:
    a, v = activos(ctx, "actividades"), ctx.metricas.componentes.get("plan_accion_integrado")
    c = conteo_semaforo(a["semaforo"])
    promedio = avance_promedio(a)
    programado = f"programado: {pct(promedio['programado'])}" if hay(ctx, "actividades") else "Aún sin reportes"
    return tarjetas(
        [
            {"titulo": "Plan de acción integrado", "valor": pct(v), "semaforo": ctx.semaforo(v), "principal": True},
            {"titulo": "Avance promedio ejecutado", "valor": pct(promedio["ejecutado"]), "detalle": programado},
            {"titulo": "Actividades en riesgo", "valor": cuenta(ctx, c["en_riesgo"], "actividades"), "borde": "en_riesgo"},
            {"titulo": "Actividades críticas", "valor": cuenta(ctx, c["critico"], "actividades"), "borde": "critico"},
        ]
    )


def frase_por_grupo(ctx, grupo: str) -> str:
    if falta := _sin_actividades(ctx):
        return falta
    g = avance_por_grupo(activos(ctx, "actividades"), grupo).dropna(subset=["rezago"])
    nombre = {"plan": "plan", "dependencia": "dependencia"}[grupo]
    if not len(g):
        return aun_no(ctx, "las actividades del plan de acción integrado")
    x = g["rezago"].idxmax()
    if g.loc[x, "rezago"] <= 0:
        return (
            f"{'Ninguna' if grupo == 'dependencia' else 'Ningún'} {nombre} va por detrás de lo programado a {ctx.periodo_texto}."
        )
    return (
        f"{'La' if grupo == 'dependencia' else 'El'} {nombre} con mayor rezago es {x}: lleva en promedio el {pct(g.loc[x, 'ejecutado'])} "
        f"frente al {pct(g.loc[x, 'programado'])} programado."
    )


def grafico_por_grupo(ctx, grupo: str):
    if _sin_actividades(ctx):
        return None
    return graficos.dos_anchos(graficos.avance_por_grupo, avance_por_grupo(activos(ctx, "actividades"), grupo), ctx.parametros)


def alt_por_grupo(ctx, grupo: str) -> str:
    return f"Barras por {grupo} con el avance programado y el ejecutado promedio de sus actividades. " + frase_por_grupo(
        ctx, grupo
    )


def rezagadas(ctx) -> pd.DataFrame:
    a = activos(ctx, "actividades")
    return a[(a["rezago"] > 0) & (a["semaforo"] != "satisfactorio")].sort_values("rezago", ascending=False)


def frase_rezagadas(ctx) -> str:
    if falta := _sin_actividades(ctx):
        return falta
    r = rezagadas(ctx)
    if not len(r):
        return "Ninguna actividad está por debajo del umbral satisfactorio."
    x = r.iloc[0]
    return (
        f"{contar(len(r), 'actividad está', 'actividades están')} por debajo del umbral satisfactorio; la más rezagada es "
        f"{x['actividad']} ({x['dependencia']}), con {pct(x['ejecutado'], 0)} ejecutado frente a {pct(x['programado'], 0)} programado."
    )


def tabla_rezagadas(ctx) -> Pieza:
    return tabla_html(
        con_porque(rezagadas(ctx)),
        {
            "actividad": ("Actividad", "texto"),
            "plan": ("Plan", "texto"),
            "dependencia": ("Dependencia", "texto"),
            "detalle": ("Actividad y observación", "html"),
            "programado": ("Programado", "pct0"),
            "ejecutado": ("Ejecutado", "pct0"),
            "rezago": ("Rezago (puntos)", "numero"),
        },
        semaforo="semaforo",
        vacia="No hay actividades rezagadas." if hay(ctx, "actividades") else "Sin reportes de las actividades.",
    )


def frase_todas(ctx) -> str:
    if falta := _sin_actividades(ctx):
        return falta
    n = len(activos(ctx, "actividades"))
    sujeto = "La actividad vigente" if n == 1 else f"Las {contar(n, 'actividad', 'actividades')} vigentes"
    return f"{sujeto}, con su último corte y su observación. Ordene, busque o filtre por plan, dependencia, objetivo o semáforo."


def tabla_todas(ctx) -> Pieza:
    a = con_porque(activos(ctx, "actividades"))
    return tabla_html(
        a,
        {
            "actividad": ("Actividad", "texto"),
            "detalle": ("Descripción y observación", "html"),
            "plan": ("Plan", "texto"),
            "dependencia": ("Dependencia", "texto"),
            "objetivo": ("Objetivo", "texto"),
            "corte": ("Corte", "periodo"),
            "programado": ("Programado", "pct0"),
            "ejecutado": ("Ejecutado", "pct0"),
            "cumplimiento": ("Cumplimiento", "pct"),
        },
        semaforo="semaforo",
        interactiva=True,
        fila_id=lambda f: ancla("actividad", f["actividad"]),
        filtros={"plan": "Plan", "dependencia": "Dependencia", "objetivo": "Objetivo", "semaforo": "Semáforo"},
        vacia="Ninguna actividad rige en este periodo.",
    )


def frase_cerradas(ctx) -> str:
    c = cerrados(ctx, "actividades")
    if not len(c):
        return f"Ninguna actividad ha cerrado en lo corrido de {ctx.libro.vigencia} hasta {ctx.periodo_texto}."
    return (
        f"{contar(len(c), 'actividad cerró', 'actividades cerraron')} antes de {ctx.periodo_texto}: se muestran con su último "
        "corte y ya no cuentan en el componente ni en los objetivos."
    )


def tabla_cerradas(ctx) -> Pieza:
    c = cerrados(ctx, "actividades")
    if not len(c):
        return Pieza("")
    return tabla_html(
        c,
        {
            "actividad": ("Actividad", "texto"),
            "nombre": ("Descripción", "texto"),
            "vigente_hasta": ("Cerró en", "periodo"),
            "programado": ("Programado", "pct0"),
            "ejecutado": ("Ejecutado", "pct0"),
            "cumplimiento": ("Cumplimiento", "pct"),
        },
        semaforo="semaforo",
        fila_id=lambda f: ancla("actividad", f["actividad"]),
    )
