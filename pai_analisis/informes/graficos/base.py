"""Base de los gráficos: estilo (como contexto), colores del semáforo, figuras al ancho de A4, ejes en español.

Se construyen con la interfaz orientada a objetos de matplotlib sobre un lienzo Agg (sin
``pyplot``): no dependen del *backend* del núcleo ni se muestran solos en JupyterLab. El estilo
se aplica solo dentro de cada función (:func:`con_estilo`): los gráficos del analista no cambian.

Colores del semáforo pensados para imprimirse en escala de grises: crítico rojo oscuro con
rayas, en riesgo ámbar claro con líneas horizontales, satisfactorio verde medio liso; además cada barra
lleva su valor escrito. Ejes en español con coma decimal.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache, wraps

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from ...comun.numeros import numero, pct
from ...comun.periodos import MESES

ANCHO = 7.6  # pulgadas: ancho útil de una hoja A4 con márgenes, a ~100 ppp
ANCHO_TELEFONO = 3.9  # pulgadas: la variante para una pantalla de 390 px (misma letra, otro diseño)


def angosto(ancho: float) -> bool:
    """¿Es la variante de teléfono? (etiquetas más cortas por línea, leyendas en menos columnas)."""
    return ancho < 5


COLORES_SEMAFORO = {"critico": "#8e1b1b", "en_riesgo": "#f2c14e", "satisfactorio": "#4f9a62", None: "#ffffff"}
# Tramas de líneas, no de puntos: en SVG una trama de puntos pesa ~150 kB por gráfico.
TRAMAS_SEMAFORO = {"critico": "///", "en_riesgo": "--", "satisfactorio": "", None: "\\\\\\"}
BORDES_SEMAFORO = {"critico": "#ffffff", "en_riesgo": "#6b5200", "satisfactorio": "#4f9a62", None: "#555555"}
FONDOS_SEMAFORO = {"critico": "#f6dede", "en_riesgo": "#fcf1d2", "satisfactorio": "#e2f1e5"}
COLORES_ZONA = {"Bajo": "#8fcf9c", "Moderado": "#f7dc6f", "Alto": "#ec8a3c", "Extremo": "#a61e1e"}
COLORES_SERIE = {
    "indice_pai": "#1d3557",
    "proyectos_inversion": "#457b9d",
    "indicadores_gestion": "#8a5a44",
    "plan_accion_integrado": "#6a994e",
}
MES_CORTO = [m[:3] for m in MESES]


def hay_datos(*valores) -> bool:
    """¿Hay al menos un número definido en alguna de estas series o tablas? (vacías o todo NaN/None: no)."""
    for v in valores:
        plano = pd.Series(np.ravel(np.asarray(v, dtype=object)), dtype=object)
        if pd.to_numeric(plano, errors="coerce").notna().any():
            return True
    return False


_AJUSTES = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 9.5,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9.5,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.formatter.use_locale": False,
    "hatch.linewidth": 0.8,
    "figure.constrained_layout.use": True,
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "sans-serif"],
    # SVG: el texto queda como texto (liviano, nítido a cualquier escala y buscable) y los id son estables
    "svg.fonttype": "none",
    "svg.hashsalt": "pai-analisis",
}


@lru_cache(maxsize=1)
def _rc() -> dict:
    """El estilo de los gráficos del paquete: seaborn «whitegrid» + letra legible, sin bordes de más."""
    import seaborn as sns
    from cycler import cycler

    rc = {**sns.axes_style("whitegrid"), **sns.plotting_context("notebook")}
    rc["axes.prop_cycle"] = cycler(color=sns.color_palette("deep"))
    return {**rc, **_AJUSTES}


def estilo():
    """Contexto con el estilo de los gráficos del paquete: fuera del bloque, ``rcParams`` queda como estaba.

    Los gráficos de un analista en su sesión no cambian por importar o llamar al paquete.
    """
    import matplotlib as mpl

    return mpl.rc_context(_rc())


def con_estilo(funcion):
    @wraps(funcion)
    def envoltura(*args, **kwargs):
        with estilo():
            return funcion(*args, **kwargs)

    return envoltura


def nueva_figura(alto: float = 3.2, ancho: float = ANCHO, **subplots):
    """``(fig, ejes)`` sobre un lienzo Agg, al ancho de una página A4."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=(ancho, alto))
    FigureCanvasAgg(fig)
    return fig, fig.subplots(**subplots)


def eje_pct(ax, eje: str = "y", decimales: int = 0) -> None:
    """Marcas del eje como porcentaje con coma decimal: ``87,5 %``."""
    fmt = FuncFormatter(lambda v, _pos: pct(v, decimales))
    (ax.yaxis if eje == "y" else ax.xaxis).set_major_formatter(fmt)


def envolver(texto, ancho: int = 34) -> str:
    return "\n".join(textwrap.wrap(str(texto), ancho)) or str(texto)


def bandas_semaforo(ax, parametros, eje: str = "y", hasta: float = 200) -> None:
    """Fondo claro por tramo del semáforo (crítico, en riesgo, satisfactorio)."""
    tramos = [
        ("critico", -1e3, parametros.umbral_critico),
        ("en_riesgo", parametros.umbral_critico, parametros.umbral_satisfactorio),
        ("satisfactorio", parametros.umbral_satisfactorio, hasta),
    ]
    for clave, a, b in tramos:
        (ax.axhspan if eje == "y" else ax.axvspan)(a, b, color=FONDOS_SEMAFORO[clave], zorder=0, lw=0)


def barra_semaforo(barra, clave) -> None:
    barra.set_facecolor(COLORES_SEMAFORO.get(clave, "#ffffff"))
    barra.set_hatch(TRAMAS_SEMAFORO.get(clave, ""))
    barra.set_edgecolor(BORDES_SEMAFORO.get(clave, "#555555"))
    barra.set_linewidth(0.6)


def leyenda_semaforo(ax, parametros, loc="lower right", sin_dato: str | None = None, **kw) -> None:
    p = parametros
    textos = {
        "critico": f"Crítico (< {numero(p.umbral_critico, 0)})",
        "en_riesgo": f"En riesgo ({numero(p.umbral_critico, 0)}–{numero(p.umbral_satisfactorio, 0)})",
        "satisfactorio": f"Satisfactorio (≥ {numero(p.umbral_satisfactorio, 0)})",
    }
    if sin_dato:
        textos[None] = sin_dato
    manijas = [
        Patch(facecolor=COLORES_SEMAFORO[k], hatch=TRAMAS_SEMAFORO[k], edgecolor=BORDES_SEMAFORO[k], label=t)
        for k, t in textos.items()
    ]
    ax.legend(handles=manijas, loc=loc, **kw)
