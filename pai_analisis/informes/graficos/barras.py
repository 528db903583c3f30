"""Gráficos de barras: cumplimiento con semáforo, físico frente a financiero, metas, conteos y avance por grupo."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ...comun.numeros import pct
from ...metricas.parametros import ETIQUETAS_SEMAFORO
from .base import (
    ANCHO,
    BORDES_SEMAFORO,
    COLORES_SEMAFORO,
    TRAMAS_SEMAFORO,
    angosto,
    bandas_semaforo,
    barra_semaforo,
    con_estilo,
    eje_pct,
    envolver,
    hay_datos,
    leyenda_semaforo,
    nueva_figura,
)


@con_estilo
def barras_semaforo(
    etiquetas,
    valores,
    parametros,
    titulo: str | None = None,
    ancho_etiqueta: int = 38,
    alto_barra: float = 0.42,
    ancho: float = ANCHO,
):
    """Barras horizontales de cumplimiento (0–100) coloreadas por semáforo, con el valor escrito."""
    valores = pd.Series(list(valores), dtype="float64")
    if not hay_datos(valores):
        return None
    claves = parametros.semaforo(valores.clip(upper=100))
    n = len(valores)
    chico = angosto(ancho)
    ancho_etiqueta = min(ancho_etiqueta, 22) if chico else ancho_etiqueta
    lineas = max((len(envolver(e, ancho_etiqueta).splitlines()) for e in etiquetas), default=1)
    fig, ax = nueva_figura(alto=max(1.6, 0.75 + max(alto_barra, 0.17 * lineas) * n), ancho=ancho)
    y = np.arange(n)[::-1]
    bandas_semaforo(ax, parametros, eje="x")
    barras = ax.barh(y, valores.clip(0, 100).fillna(0), height=0.62, zorder=2)
    for barra, clave, v in zip(barras, claves, valores, strict=False):
        barra_semaforo(barra, clave)
        ax.text(
            min(v if pd.notna(v) else 0, 100) + 1.5,
            barra.get_y() + barra.get_height() / 2,
            pct(v),
            va="center",
            fontsize=9,
            fontweight="bold",
            zorder=3,
        )
    ax.set_yticks(y, [envolver(e, ancho_etiqueta) for e in etiquetas])
    ax.set_xlim(0, 112)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    eje_pct(ax, "x")
    ax.grid(axis="y", visible=False)
    if titulo:
        ax.set_title(titulo)
    return fig


@con_estilo
def fisico_financiero(proyectos: pd.DataFrame, ancho: float = ANCHO):
    """Por proyecto: avance físico de la vigencia frente a compromisos y giros (% de la apropiación)."""
    t = proyectos.sort_values("proyecto")
    series = [
        ("avance_fisico", "Avance físico (vigencia)", "#1d3557", ""),
        ("ejecucion_presupuestal", "Compromisos", "#8a8a8a", ""),
        ("giros_pct", "Giros", "#d4d4d4", "///"),
    ]
    if not hay_datos(t[[c for c, *_ in series]]):
        return None
    n, chico = len(t), angosto(ancho)
    fig, ax = nueva_figura(alto=1.1 + (0.78 if chico else 0.62) * n, ancho=ancho)
    y = np.arange(n)[::-1]
    alto = 0.26
    for i, (col, nombre, color, trama) in enumerate(series):
        pos = y + (1 - i) * alto
        ax.barh(
            pos,
            t[col].fillna(0),
            height=alto,
            color=color,
            hatch=trama,
            edgecolor="#555555" if trama else color,
            lw=0.5,
            label=nombre,
            zorder=2,
        )
        for p, v in zip(pos, t[col], strict=False):
            ax.text((v if pd.notna(v) else 0) + 1, p, pct(v, 0), va="center", fontsize=7.5, zorder=3)
    etiquetas = [str(r.proyecto) if chico else f"{r.proyecto} · {envolver(r.nombre, 42)}" for r in t.itertuples()]
    ax.set_yticks(y, etiquetas, fontsize=8.5 if chico else 8)
    ax.set_xlim(0, 112)
    eje_pct(ax, "x")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2 if chico else 3)
    return fig


@con_estilo
def metas_por_proyecto(resumen: pd.DataFrame, ancho: float = ANCHO):
    """Por proyecto: programado a la fecha y ejecutado, como % de la meta de la vigencia; marca del cuatrienio."""
    t = resumen.sort_values("proyecto")
    if not hay_datos(t[["programado_pct", "ejecutado_pct", "cuatrienio_pct"]]):
        return None
    n, chico = len(t), angosto(ancho)
    fig, ax = nueva_figura(alto=(1.3 if chico else 0.9) + 0.5 * n, ancho=ancho)
    y = np.arange(n)[::-1]
    ax.barh(
        y + 0.17,
        t["programado_pct"],
        height=0.34,
        color="#c9c9c9",
        edgecolor="#777777",
        lw=0.5,
        label="Programado a la fecha",
        zorder=2,
    )
    ax.barh(y - 0.17, t["ejecutado_pct"], height=0.34, color="#1d3557", label="Ejecutado", zorder=2)
    ax.scatter(
        t["cuatrienio_pct"], y, marker="D", s=28, color="#e07a1f", edgecolor="white", zorder=4, label="Avance del cuatrienio"
    )
    for yy, a, b in zip(y, t["programado_pct"], t["ejecutado_pct"], strict=False):
        ax.text((a if pd.notna(a) else 0) + 1, yy + 0.17, pct(a, 0), va="center", fontsize=7.5)
        ax.text((b if pd.notna(b) else 0) + 1, yy - 0.17, pct(b, 0), va="center", fontsize=7.5, fontweight="bold")
    ax.set_yticks(y, [str(p) if chico else f"Proyecto {p}" for p in t["proyecto"]])
    ax.set_xlim(0, 112)
    ax.set_xlabel("% de la meta de la vigencia" + ("" if chico else " (promedio de las metas del proyecto)"))
    eje_pct(ax, "x")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2 if chico else 3)
    return fig


@con_estilo
def conteo_por_grupo(tabla: pd.DataFrame, grupo: str, parametros, sin_dato: str = "Sin reporte", ancho: float = ANCHO):
    """Barras apiladas: cuántos elementos de cada grupo están en cada semáforo (``semaforo`` None = ``sin_dato``)."""
    if not len(tabla):
        return None
    orden = ["critico", "en_riesgo", "satisfactorio", None]
    t = tabla.assign(_s=tabla["semaforo"].where(tabla["semaforo"].notna(), "sin"))
    conteo = pd.crosstab(t[grupo], t["_s"]).reindex(columns=["critico", "en_riesgo", "satisfactorio", "sin"], fill_value=0)
    conteo = conteo.loc[conteo.sum(axis=1).sort_values(kind="stable").index]
    chico = angosto(ancho)
    fig, ax = nueva_figura(alto=(1.4 if chico else 0.9) + (0.48 if chico else 0.36) * len(conteo), ancho=ancho)
    izquierda = np.zeros(len(conteo))
    y = np.arange(len(conteo))
    for clave, col in zip(orden, conteo.columns, strict=False):
        barras = ax.barh(y, conteo[col], left=izquierda, height=0.66, zorder=2)
        for b, v, x0 in zip(barras, conteo[col], izquierda, strict=False):
            barra_semaforo(b, clave)
            if v:
                ax.text(
                    x0 + v / 2,
                    b.get_y() + b.get_height() / 2,
                    str(int(v)),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if clave == "critico" else "black",
                    fontweight="bold",
                    zorder=3,
                    bbox={"facecolor": COLORES_SEMAFORO[clave], "edgecolor": "none", "pad": 0.6}
                    if clave != "satisfactorio"
                    else None,
                )
        izquierda += conteo[col].to_numpy()
    ax.set_yticks(y, [envolver(g, 22 if chico else 46) for g in conteo.index], fontsize=8)
    ax.set_xlim(0, max(izquierda.max(), 1) * 1.05)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Número de elementos")
    ax.grid(axis="y", visible=False)
    leyenda_semaforo(ax, parametros, loc="lower center", sin_dato=sin_dato, bbox_to_anchor=(0.5, 1.0), ncol=1 if chico else 2)
    return fig


@con_estilo
def avance_por_grupo(grupos: pd.DataFrame, parametros, ancho: float = ANCHO):
    """Por grupo (plan o dependencia; tabla de :func:`pai_analisis.metricas.actividades.avance_por_grupo`): programado y
    ejecutado promedio (% acumulado), ejecutado coloreado por semáforo."""
    if not hay_datos(grupos["ejecutado"]):
        return None
    g = grupos.sort_values(["cumplimiento", "ejecutado"], ascending=False, kind="stable")  # el más rezagado arriba
    claves = parametros.semaforo(g["cumplimiento"].clip(upper=100))
    chico = angosto(ancho)
    fig, ax = nueva_figura(alto=(1.5 if chico else 0.9) + (0.62 if chico else 0.42) * len(g), ancho=ancho)
    y = np.arange(len(g))
    ax.barh(y + 0.18, g["programado"], height=0.34, color="#d0d0d0", edgecolor="#777777", lw=0.5, zorder=2, label="Programado")
    barras = ax.barh(y - 0.18, g["ejecutado"], height=0.34, zorder=2, label="Ejecutado")
    for b, clave, v in zip(barras, claves, g["ejecutado"], strict=False):
        barra_semaforo(b, clave)
        ax.text(
            (v if pd.notna(v) else 0) + 1, b.get_y() + b.get_height() / 2, pct(v, 0), va="center", fontsize=7.5, fontweight="bold"
        )
    ax.set_yticks(y, [f"{envolver(i, 22 if chico else 46)} ({n})" for i, n in zip(g.index, g["n"], strict=False)], fontsize=8)
    ax.set_xlim(0, 112)
    eje_pct(ax, "x")
    ax.set_xlabel("Avance acumulado promedio de las actividades")
    ax.grid(axis="y", visible=False)
    manijas = [Patch(facecolor="#d0d0d0", edgecolor="#777777", label="Programado")] + [
        Patch(
            facecolor=COLORES_SEMAFORO[k],
            hatch=TRAMAS_SEMAFORO[k],
            edgecolor=BORDES_SEMAFORO[k],
            label=f"Ejecutado: {ETIQUETAS_SEMAFORO[k].lower()}",
        )
        for k in ("critico", "en_riesgo", "satisfactorio")
    ]
    ax.legend(handles=manijas, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=1 if chico else 2)
    return fig


@con_estilo
def reportes_por_dependencia(dependencias: pd.DataFrame, ancho: float = ANCHO):
    """Por dependencia (tabla ``dependencias`` de :mod:`pai_analisis.metricas.dependencias`): reportes del mes entregados y
    faltantes, apilados; la que más debe arriba. Solo las que debían algo en el periodo."""
    t = dependencias[dependencias["debidos"] > 0]
    if not len(t):
        return None
    t = t.sort_values(["faltantes", "debidos"], ascending=[True, True], kind="stable")  # barh dibuja de abajo arriba
    chico = angosto(ancho)
    fig, ax = nueva_figura(alto=(1.4 if chico else 1.0) + (0.5 if chico else 0.34) * len(t), ancho=ancho)
    y = np.arange(len(t))
    entregados = ax.barh(y, t["reportados"], height=0.62, color="#1d3557", zorder=2, label="Reportados")
    faltan = ax.barh(y, t["faltantes"], left=t["reportados"], height=0.62, color=COLORES_SEMAFORO["critico"],
                     hatch=TRAMAS_SEMAFORO["critico"], edgecolor=BORDES_SEMAFORO["critico"], lw=0.5, zorder=2, label="Faltan")
    for barras, valores, color in ((entregados, t["reportados"], "white"), (faltan, t["faltantes"], "white")):
        for b, v in zip(barras, valores, strict=False):
            if v:
                ax.text(b.get_x() + b.get_width() / 2, b.get_y() + b.get_height() / 2, str(int(v)), ha="center", va="center",
                        fontsize=8, color=color, fontweight="bold", zorder=3,
                        bbox={"facecolor": b.get_facecolor(), "edgecolor": "none", "pad": 0.6})
    ax.set_yticks(y, [envolver(d, 22 if chico else 46) for d in t["dependencia"]], fontsize=8)
    ax.set_xlim(0, max(int(t["debidos"].max()), 1) * 1.05)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Reportes del mes (elementos debidos)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    return fig
