"""Gráficos de matriz: la cuadrícula de indicadores por mes y los mapas de calor de riesgos; barras de riesgos por proceso."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from ...comun.numeros import numero
from ...metricas.riesgos import ZONAS_MATRIZ
from .base import ANCHO, COLORES_SEMAFORO, COLORES_ZONA, MES_CORTO, angosto, con_estilo, envolver, hay_datos, nueva_figura


@con_estilo
def franja_mensual(tabla: pd.DataFrame, parametros, etiquetas: dict | None = None, ancho: float = ANCHO):
    """Mapa indicadores × meses: color del semáforo de cada medición y su valor; en blanco, sin medición."""
    import seaborn as sns
    from matplotlib.colors import BoundaryNorm, ListedColormap

    t = tabla.dropna(how="all")
    if not hay_datos(t):
        return None
    chico = angosto(ancho)
    fig, ax = nueva_figura(alto=0.8 + 0.24 * max(len(t), 1), ancho=min(ancho, (1.4 if chico else 3.6) + 0.55 * t.shape[1]))
    cmap = ListedColormap([COLORES_SEMAFORO["critico"], COLORES_SEMAFORO["en_riesgo"], COLORES_SEMAFORO["satisfactorio"]])
    norm = BoundaryNorm([-1e9, parametros.umbral_critico, parametros.umbral_satisfactorio, 1e9], cmap.N)
    texto = t.map(lambda v: "" if pd.isna(v) or chico else numero(v, 0))  # en el teléfono, solo el color
    sns.heatmap(
        t.clip(upper=100),
        ax=ax,
        cmap=cmap,
        norm=norm,
        annot=texto.to_numpy(),
        fmt="",
        cbar=False,
        linewidths=1,
        linecolor="white",
        annot_kws={"fontsize": 7.5},
    )
    for txt, v in zip(ax.texts, t.to_numpy().ravel()[~np.isnan(t.to_numpy().ravel())], strict=False):
        txt.set_color("white" if v < parametros.umbral_critico else "black")
    ax.set_xticks(np.arange(t.shape[1]) + 0.5, [MES_CORTO[m - 1][: 1 if chico else 3] for m in t.columns], rotation=0)
    nombres = list(t.index) if chico else [(etiquetas or {}).get(i, i) for i in t.index]
    ax.set_yticks(np.arange(len(t)) + 0.5, [envolver(e, 48) for e in nombres], rotation=0, fontsize=8 if chico else 7.5)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    ax.tick_params(length=0)
    return fig


@con_estilo
def mapas_riesgo(inherente: pd.DataFrame, residual: pd.DataFrame, ancho: float = ANCHO):
    """Dos matrices DAFP 5×5 (inherente y residual): color de la zona, número de riesgos y nombre de la zona en cada celda."""
    if not (inherente.to_numpy().sum() or residual.to_numpy().sum()):
        return None
    chico = angosto(ancho)
    fig, ejes = (
        nueva_figura(alto=7.4, ancho=ancho, nrows=2) if chico else nueva_figura(alto=3.6, ancho=ancho, ncols=2, sharey=True)
    )
    for ax, conteo, titulo in (
        (ejes[0], inherente, "Riesgo inherente"),
        (ejes[1], residual, "Riesgo residual (después de controles)"),
    ):
        # (en el teléfono las dos matrices van una debajo de la otra, cada una con su eje de probabilidad)
        for i, prob in enumerate(ZONAS_MATRIZ.index):
            for j, imp in enumerate(ZONAS_MATRIZ.columns):
                zona = ZONAS_MATRIZ.loc[prob, imp]
                n = int(conteo.loc[prob, imp])
                oscuro = zona == "Extremo"
                ax.add_patch(Rectangle((j, 4 - i), 1, 1, facecolor=COLORES_ZONA[zona], edgecolor="white", lw=2))
                color = "white" if oscuro else "#1a1a1a"
                ax.text(
                    j + 0.5,
                    4 - i + 0.58,
                    str(n) if n else "",
                    ha="center",
                    va="center",
                    fontsize=13,
                    fontweight="bold",
                    color=color,
                )
                ax.text(j + 0.5, 4 - i + 0.2, zona, ha="center", va="center", fontsize=6.5, color=color)
        ax.set_xlim(0, 5)
        ax.set_ylim(0, 5)
        ax.set_aspect("equal")
        ax.set_xticks(np.arange(5) + 0.5, list(ZONAS_MATRIZ.columns), fontsize=7)
        ax.set_yticks(np.arange(5) + 0.5, list(ZONAS_MATRIZ.index[::-1]), fontsize=7.5)
        ax.set_xlabel("Impacto")
        ax.grid(False)
        ax.tick_params(length=0)
        for lado in ax.spines.values():
            lado.set_visible(False)
        ax.set_title(titulo, fontsize=10)
    for ax in ejes if chico else ejes[:1]:
        ax.set_ylabel("Probabilidad")
    return fig


@con_estilo
def riesgos_por_proceso(riesgos: pd.DataFrame, ancho: float = ANCHO):
    """Barras apiladas por proceso: riesgos por zona residual, con la cantidad de riesgos de corrupción anotada."""
    if not len(riesgos):
        return None
    orden = ["Bajo", "Moderado", "Alto", "Extremo"]
    conteo = pd.crosstab(riesgos["proceso"].astype(str), riesgos["zona_residual"].astype(str)).reindex(
        columns=orden, fill_value=0
    )
    corrupcion = riesgos[riesgos["tipo"].astype(str) == "Corrupción"].groupby(riesgos["proceso"].astype(str)).size()
    conteo = conteo.loc[conteo.sum(axis=1).sort_values(kind="stable").index]
    chico = angosto(ancho)
    fig, ax = nueva_figura(alto=(1.2 if chico else 0.9) + (0.5 if chico else 0.34) * len(conteo), ancho=ancho)
    y = np.arange(len(conteo))
    izquierda = np.zeros(len(conteo))
    tramas = {"Bajo": "", "Moderado": "--", "Alto": "//", "Extremo": "xx"}
    for zona in orden:
        ax.barh(
            y,
            conteo[zona],
            left=izquierda,
            height=0.66,
            color=COLORES_ZONA[zona],
            hatch=tramas[zona],
            edgecolor="white" if zona == "Extremo" else "#555555",
            lw=0.4,
            label=zona,
            zorder=2,
        )
        izquierda += conteo[zona].to_numpy()
    for yy, total, proc in zip(y, izquierda, conteo.index, strict=False):
        c = int(corrupcion.get(proc, 0))
        ax.text(
            total + 0.2,
            yy,
            f"{int(total)}" + (f" ({c} corr.)" if chico and c else f"  ({c} de corrupción)" if c else ""),
            va="center",
            fontsize=7.5,
        )
    ax.set_yticks(y, [envolver(p, 22 if chico else 46) for p in conteo.index], fontsize=8)
    ax.set_xlim(0, izquierda.max() * 1.35 + 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Número de riesgos, por zona residual")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2 if chico else 4, title=None)
    return fig
