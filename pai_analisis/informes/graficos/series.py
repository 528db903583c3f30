"""Gráficos de series mensuales: evolución del índice PAI y curvas presupuestales por proyecto."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...comun.numeros import millones, pct
from ...metricas.parametros import NOMBRES_COMPONENTES
from .base import ANCHO, COLORES_SERIE, MES_CORTO, angosto, bandas_semaforo, con_estilo, eje_pct, hay_datos, nueva_figura


@con_estilo
def evolucion_indice(serie: pd.DataFrame, proyeccion: dict, parametros, componentes: bool = True, ancho: float = ANCHO):
    """Índice PAI (y componentes) de enero al periodo; punteado hasta la proyección de diciembre (si la hay)."""
    columnas = ["indice_pai", *(NOMBRES_COMPONENTES if componentes else [])]
    if not hay_datos(serie[columnas]):
        return None
    chico = angosto(ancho)
    fig, ax = nueva_figura(alto=4.2 if chico else 3.4, ancho=ancho)
    meses = serie["periodo"].map(lambda p: pd.Period(p, freq="M").month).to_numpy()
    valores = serie[columnas].to_numpy(dtype=float)
    minimo = np.nanmin(np.r_[valores.ravel(), parametros.umbral_critico]) if valores.size else parametros.umbral_critico
    bandas_semaforo(ax, parametros)
    proy = dict(proyeccion.get("componentes") or {}, indice_pai=proyeccion.get("indice_pai"))
    for col in columnas:
        principal = col == "indice_pai"
        color = COLORES_SERIE[col]
        nombre = "Índice PAI" if principal else NOMBRES_COMPONENTES[col]
        ax.plot(
            meses,
            serie[col],
            marker="o",
            ms=5 if principal else 3.5,
            lw=2.6 if principal else 1.4,
            color=color,
            label=nombre,
            zorder=4 if principal else 3,
            linestyle="-" if principal else (0, (4, 1.5)) if col == "indicadores_gestion" else "-",
        )
        destino = proy.get(col)
        if destino is not None and len(meses) and meses[-1] < 12 and pd.notna(serie[col].iloc[-1]):
            ax.plot([meses[-1], 12], [serie[col].iloc[-1], destino], ls=":", lw=2 if principal else 1.2, color=color, zorder=3)
            if principal:
                ax.annotate(
                    f"Proyección: {pct(destino)}",
                    (12, destino),
                    xytext=(-4, 8),
                    textcoords="offset points",
                    ha="right",
                    fontsize=8.5,
                    color=color,
                )
    if len(meses):
        ultimo = serie["indice_pai"].iloc[-1]
        ax.annotate(
            pct(ultimo),
            (meses[-1], ultimo),
            xytext=(7, -3),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=10,
            fontweight="bold",
            color=COLORES_SERIE["indice_pai"],
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5},
            zorder=6,
        )
    ax.set_xlim(0.6, 12.4)
    ax.set_xticks(range(1, 13, 2 if chico else 1), MES_CORTO[:: 2 if chico else 1])
    ax.set_ylim(max(0, minimo - 8), 104)
    eje_pct(ax)
    ax.set_ylabel("Cumplimiento")
    if chico:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8)
    else:
        ax.legend(loc="lower left", ncol=2)
    return fig


@con_estilo
def curvas_presupuesto(curva: pd.DataFrame, proyectos: pd.DataFrame, columnas: int = 4, ancho: float = ANCHO):
    """Múltiplos pequeños: compromisos, giros y compromisos programados (% de la apropiación) mes a mes, por proyecto y total."""
    if not hay_datos(curva[["ejecucion_presupuestal", "giros_pct"]]):
        return None
    ids = [*proyectos.sort_values("proyecto")["proyecto"].tolist(), "Total"]
    columnas = 2 if angosto(ancho) else columnas
    filas = int(np.ceil(len(ids) / columnas))
    fig, ejes = nueva_figura(
        alto=1.95 * filas + 0.6, ancho=ancho, nrows=filas, ncols=columnas, sharex=True, sharey=True, squeeze=False
    )
    for ax, pid in zip(ejes.ravel(), ids, strict=False):
        d = curva[curva["proyecto"].astype(str) == str(pid)]
        meses = d["periodo"].map(lambda p: pd.Period(p, freq="M").month)
        ax.axhline(100, color="#222222", lw=0.9)
        ax.plot(meses, d["ejecucion_programada"], ls="--", color="#8a8a8a", lw=1.3, label="Compromisos programados")
        ax.plot(meses, d["ejecucion_presupuestal"], color="#1d3557", lw=2.2, marker="o", ms=2.5, label="Compromisos")
        ax.plot(meses, d["giros_pct"], color="#e07a1f", lw=1.8, marker="s", ms=2.5, label="Giros")
        apropiacion = d["apropiacion"].dropna()
        total = pid == "Total"
        ax.set_title(
            ("Total entidad" if total else f"Proyecto {pid}")
            + (f"\n{millones(apropiacion.iloc[-1])}" if len(apropiacion) else ""),
            fontsize=9,
            fontweight="bold" if total else "normal",
        )
        if total:
            ax.set_facecolor("#f1f4f8")
        ax.set_ylim(0, 110)
        ax.set_xticks(range(1, 13, 2), MES_CORTO[::2], fontsize=7.5)
        eje_pct(ax)
    for ax in ejes.ravel()[len(ids) :]:
        ax.set_visible(False)
    manijas, nombres = ejes.ravel()[0].get_legend_handles_labels()
    fig.legend(manijas, nombres, loc="outside lower center", ncol=1 if angosto(ancho) else 3)
    return fig
