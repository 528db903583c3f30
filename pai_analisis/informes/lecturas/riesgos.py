"""Lecturas del informe 06, riesgos: cuántos riesgos quedan en zona Extremo o Alto después de
controles, las matrices de calor inherente y residual, el reparto por proceso y tipo, los riesgos
materializados en la vigencia y los que necesitan controles adicionales. Sin riesgos identificados o
sin seguimiento reportado, las frases lo dicen; las piezas comunes vienen de :mod:`pai_analisis.lecturas`.
"""

from __future__ import annotations

import pandas as pd

from ...comun.faltantes import FALTANTE
from ...comun.numeros import numero
from ...comun.periodos import periodo_en_palabras
from .. import graficos
from ..piezas import Pieza, contar, lista_es, tarjetas
from ..tablas import tabla_html
from .comunes import aun_no, cuenta, hay, minuscula
from .elementos import ancla, observacion

_SIN_RIESGOS = "El libro no tiene riesgos identificados en el mapa de riesgos."


def frase_riesgos(ctx) -> str:
    r = ctx.metricas.resumen_riesgos()
    if not r["total"]:
        return _SIN_RIESGOS
    z, n = r["por_zona_residual"], r["materializados"]
    extremo = numero(z["Extremo"], 0) if z["Extremo"] else "ninguno"
    if not hay(ctx, "riesgos"):
        cola = minuscula(aun_no(ctx, "su seguimiento"))
    elif n:
        cola = f"{contar(n, 'riesgo se materializó', 'riesgos se materializaron')} en lo corrido de {ctx.libro.vigencia}."
    else:
        cola = f"ninguno se ha materializado en lo corrido de {ctx.libro.vigencia}."
    return (
        f"De {contar(r['total'], 'riesgo')}, después de controles {extremo} {'siguen' if z['Extremo'] > 1 else 'sigue'} en zona Extremo y "
        f"{numero(z['Alto'], 0)} en Alto; {cola}"
    )


def tarjetas_riesgos(ctx) -> Pieza:
    r = ctx.metricas.resumen_riesgos()
    z = r["por_zona_residual"]
    tipos = ", ".join(f"{numero(n, 0)} de {t.lower()}" for t, n in r["por_tipo"].items())
    return tarjetas(
        [
            {"titulo": "Riesgos identificados", "valor": numero(r["total"], 0), "detalle": tipos, "principal": True},
            {
                "titulo": "Zona residual Extremo",
                "valor": numero(z["Extremo"], 0),
                "borde": "critico" if z["Extremo"] else "satisfactorio",
                "detalle": f"inherente: {numero(r['por_zona_inherente']['Extremo'], 0)}",
            },
            {
                "titulo": "Zona residual Alto",
                "valor": numero(z["Alto"], 0),
                "detalle": f"inherente: {numero(r['por_zona_inherente']['Alto'], 0)}",
            },
            {
                "titulo": "Materializados en el año",
                "valor": cuenta(ctx, r["materializados"], "riesgos"),
                "borde": "critico" if r["materializados"] else "satisfactorio" if hay(ctx, "riesgos") else None,
                "detalle": None if hay(ctx, "riesgos") else "Aún sin reportes de seguimiento",
            },
        ]
    )


def frase_mapas(ctx) -> str:
    r = ctx.metricas.resumen_riesgos()
    if not r["total"]:
        return _SIN_RIESGOS
    i, s = r["por_zona_inherente"], r["por_zona_residual"]

    def cambio(zona):
        a, b = numero(i[zona], 0), numero(s[zona], 0)
        return f"dejan igual los de zona {zona} ({a})" if a == b else f"llevan los de zona {zona} de {a} a {b}"

    return f"Los controles {cambio('Extremo')} y {cambio('Alto')}."


def grafico_mapas(ctx):
    from ...metricas.riesgos import mapa_calor

    r = ctx.metricas.riesgos
    return graficos.dos_anchos(graficos.mapas_riesgo, mapa_calor(r, "inherente"), mapa_calor(r, "residual"))


def alt_mapas(ctx) -> str:
    r = ctx.metricas.resumen_riesgos()
    fmt = lambda d: ", ".join(f"{z} {numero(n, 0)}" for z, n in d.items())  # noqa: E731
    return (
        f"Dos matrices de calor 5 por 5 (probabilidad por impacto) con el número de riesgos en cada casilla y el color de su zona. "
        f"Inherente: {fmt(r['por_zona_inherente'])}. Residual: {fmt(r['por_zona_residual'])}."
    )


def frase_procesos_riesgo(ctx) -> str:
    rg = ctx.metricas.riesgos
    if not len(rg):
        return _SIN_RIESGOS
    por = rg.groupby(rg["proceso"].astype(str)).size()
    tipos = ctx.metricas.resumen_riesgos()["por_tipo"]
    return (
        f"El proceso con más riesgos es {por.idxmax()} ({numero(por.max(), 0)}); "
        f"{contar(tipos.get('Corrupción', 0), 'riesgo es', 'riesgos son')} de corrupción y {numero(tipos.get('Gestión', 0), 0)} de gestión."
    )


def grafico_procesos_riesgo(ctx):
    return graficos.dos_anchos(graficos.riesgos_por_proceso, ctx.metricas.riesgos)


def alt_procesos_riesgo(ctx) -> str:
    return (
        "Barras apiladas por proceso con el número de riesgos en cada zona residual y los de corrupción anotados. "
        + frase_procesos_riesgo(ctx)
    )


_COLUMNAS_RIESGO = {
    "riesgo": ("Riesgo", "texto"),
    "proceso": ("Proceso", "texto"),
    "tipo": ("Tipo", "texto"),
    "descripcion": ("Descripción", "texto"),
    "zona_inherente": ("Zona inherente", "texto"),
    "zona_residual": ("Zona residual", "texto"),
}


def frase_materializados(ctx) -> str:
    if not len(ctx.metricas.riesgos):
        return _SIN_RIESGOS
    if not hay(ctx, "riesgos"):
        return aun_no(ctx, "seguimiento de los riesgos", ", así que no se sabe si alguno se materializó.")
    r = ctx.metricas.riesgos[ctx.metricas.riesgos["materializado"]]
    if not len(r):
        return f"Ningún riesgo se ha materializado en lo corrido de {ctx.libro.vigencia}."
    return (
        f"Se {'materializó' if len(r) == 1 else 'materializaron'} {contar(len(r), 'riesgo')} en lo corrido de {ctx.libro.vigencia}: "
        f"{lista_es(r['riesgo'] + ' (' + r['proceso'].astype(str) + ')')}."
    )


def tabla_materializados(ctx) -> Pieza:
    r = ctx.metricas.riesgos[ctx.metricas.riesgos["materializado"]]
    r = r.assign(que_paso=[observacion(o, p) or FALTANTE for o, p in zip(r["observacion"], r["observacion_periodo"], strict=True)])
    return tabla_html(
        r,
        {**_COLUMNAS_RIESGO, "periodo_materializacion": ("Se materializó en", "periodo"), "que_paso": ("Qué pasó", "texto")},
        vacia="Ningún riesgo se ha materializado." if hay(ctx, "riesgos") else "Sin reportes de seguimiento de los riesgos.",
    )


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
    return (
        f"{'Queda' if len(r) == 1 else 'Quedan'} {contar(len(r), 'riesgo')} en zona residual Extremo ({numero(z.get('Extremo', 0), 0)}) o Alto "
        f"({numero(z.get('Alto', 0), 0)}), que {'necesita' if len(r) == 1 else 'necesitan'} controles adicionales o un plan de tratamiento."
    )


def tabla_altos(ctx) -> Pieza:
    return tabla_html(
        altos(ctx),
        {**_COLUMNAS_RIESGO, "n_controles": ("Controles", "entero")},
        vacia="Ningún riesgo queda en zona residual Extremo o Alto.",
    )


def frase_todos(ctx) -> str:
    r = ctx.metricas.riesgos
    if not len(r):
        return _SIN_RIESGOS
    sujeto = "El riesgo del mapa" if len(r) == 1 else f"Los {contar(len(r), 'riesgo')} del mapa"
    return (
        f"{sujeto}, con sus zonas inherente y residual y si se materializó en {ctx.libro.vigencia}. "
        "Ordene, busque o filtre por proceso, tipo o zona."
    )


def tabla_todos(ctx) -> Pieza:
    r = ctx.metricas.riesgos.assign(
        materializado_texto=lambda d: [
            f"Sí ({periodo_en_palabras(p)})" if m else "No"
            for m, p in zip(d["materializado"], d["periodo_materializacion"], strict=True)
        ]
    )
    return tabla_html(
        r,
        {**_COLUMNAS_RIESGO, "n_controles": ("Controles", "entero"), "materializado_texto": ("Materializado", "texto")},
        interactiva=True,
        fila_id=lambda f: ancla("riesgo", f["riesgo"]),
        filtros={"proceso": "Proceso", "tipo": "Tipo", "zona_residual": "Zona residual"},
        vacia=_SIN_RIESGOS,
    )
