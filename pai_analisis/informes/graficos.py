"""Gráficos de los informes: cada función recibe tablas de :mod:`pai_analisis.metricas` y devuelve una ``Figure``,
o ``None`` si no hay ningún valor que dibujar (tabla vacía o sin un solo número: no se dibujan gráficos vacíos).

Se construyen con la interfaz orientada a objetos de matplotlib sobre un lienzo Agg (sin
``pyplot``): no dependen del *backend* del núcleo ni se muestran solos en JupyterLab; se
publican con :func:`pai_analisis.presentacion.figura_html`.

Colores del semáforo pensados para imprimirse en escala de grises: crítico rojo oscuro con
rayas, en riesgo ámbar claro con puntos, satisfactorio verde medio liso; además cada barra
lleva su valor escrito. Ejes en español con coma decimal.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache, wraps

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..comun.numeros import millones, numero, pct
from ..comun.periodos import MESES
from ..metricas.parametros import ETIQUETAS_SEMAFORO, NOMBRES_COMPONENTES
from ..metricas.riesgos import ZONAS_MATRIZ

ANCHO = 7.6  # pulgadas: ancho útil de una hoja A4 con márgenes, a ~100 ppp
COLORES_SEMAFORO = {"critico": "#8e1b1b", "en_riesgo": "#f2c14e", "satisfactorio": "#4f9a62", None: "#ffffff"}
TRAMAS_SEMAFORO = {"critico": "///", "en_riesgo": "...", "satisfactorio": "", None: "\\\\\\"}
BORDES_SEMAFORO = {"critico": "#ffffff", "en_riesgo": "#6b5200", "satisfactorio": "#4f9a62", None: "#555555"}
FONDOS_SEMAFORO = {"critico": "#f6dede", "en_riesgo": "#fcf1d2", "satisfactorio": "#e2f1e5"}
COLORES_ZONA = {"Bajo": "#8fcf9c", "Moderado": "#f7dc6f", "Alto": "#ec8a3c", "Extremo": "#a61e1e"}
COLORES_SERIE = {"indice_pai": "#1d3557", "proyectos_inversion": "#457b9d", "indicadores_gestion": "#8a5a44",
                 "plan_accion_integrado": "#6a994e"}
MES_CORTO = [m[:3] for m in MESES]


def hay_datos(*valores) -> bool:
    """¿Hay al menos un número definido en alguna de estas series o tablas? (vacías o todo NaN/None: no)."""
    for v in valores:
        plano = pd.Series(np.ravel(np.asarray(v, dtype=object)), dtype=object)
        if pd.to_numeric(plano, errors="coerce").notna().any():
            return True
    return False


_AJUSTES = {
    "figure.dpi": 100, "savefig.dpi": 100, "font.size": 9.5, "axes.titlesize": 11, "axes.titleweight": "bold",
    "axes.titlelocation": "left", "axes.labelsize": 9.5, "xtick.labelsize": 9, "ytick.labelsize": 9,
    "legend.fontsize": 8.5, "legend.frameon": False, "axes.spines.top": False, "axes.spines.right": False,
    "axes.formatter.use_locale": False, "hatch.linewidth": 0.8, "figure.constrained_layout.use": True,
    "font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "sans-serif"],
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


def _con_estilo(funcion):
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
    tramos = [("critico", -1e3, parametros.umbral_critico), ("en_riesgo", parametros.umbral_critico, parametros.umbral_satisfactorio),
              ("satisfactorio", parametros.umbral_satisfactorio, hasta)]
    for clave, a, b in tramos:
        (ax.axhspan if eje == "y" else ax.axvspan)(a, b, color=FONDOS_SEMAFORO[clave], zorder=0, lw=0)


def _barra_semaforo(barra, clave) -> None:
    barra.set_facecolor(COLORES_SEMAFORO.get(clave, "#ffffff"))
    barra.set_hatch(TRAMAS_SEMAFORO.get(clave, ""))
    barra.set_edgecolor(BORDES_SEMAFORO.get(clave, "#555555"))
    barra.set_linewidth(0.6)


def leyenda_semaforo(ax, parametros, loc="lower right", sin_dato: str | None = None, **kw) -> None:
    p = parametros
    textos = {"critico": f"Crítico (< {numero(p.umbral_critico, 0)})",
              "en_riesgo": f"En riesgo ({numero(p.umbral_critico, 0)}–{numero(p.umbral_satisfactorio, 0)})",
              "satisfactorio": f"Satisfactorio (≥ {numero(p.umbral_satisfactorio, 0)})"}
    if sin_dato:
        textos[None] = sin_dato
    manijas = [Patch(facecolor=COLORES_SEMAFORO[k], hatch=TRAMAS_SEMAFORO[k], edgecolor=BORDES_SEMAFORO[k], label=t) for k, t in textos.items()]
    ax.legend(handles=manijas, loc=loc, **kw)


@_con_estilo
def barras_semaforo(etiquetas, valores, parametros, titulo: str | None = None, ancho_etiqueta: int = 38, alto_barra: float = 0.42):
    """Barras horizontales de cumplimiento (0–100) coloreadas por semáforo, con el valor escrito."""
    valores = pd.Series(list(valores), dtype="float64")
    if not hay_datos(valores):
        return None
    claves = parametros.semaforo(valores.clip(upper=100))
    n = len(valores)
    fig, ax = nueva_figura(alto=max(1.6, 0.75 + alto_barra * n))
    y = np.arange(n)[::-1]
    bandas_semaforo(ax, parametros, eje="x")
    barras = ax.barh(y, valores.clip(0, 100).fillna(0), height=0.62, zorder=2)
    for barra, clave, v in zip(barras, claves, valores, strict=False):
        _barra_semaforo(barra, clave)
        ax.text(min(v if pd.notna(v) else 0, 100) + 1.5, barra.get_y() + barra.get_height() / 2, pct(v),
                va="center", fontsize=9, fontweight="bold", zorder=3)
    ax.set_yticks(y, [envolver(e, ancho_etiqueta) for e in etiquetas])
    ax.set_xlim(0, 112)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    eje_pct(ax, "x")
    ax.grid(axis="y", visible=False)
    if titulo:
        ax.set_title(titulo)
    return fig


@_con_estilo
def evolucion_indice(serie: pd.DataFrame, proyeccion: dict, parametros, componentes: bool = True):
    """Índice PAI (y componentes) de enero al periodo; punteado hasta la proyección de diciembre."""
    columnas = ["indice_pai", *(NOMBRES_COMPONENTES if componentes else [])]
    if not hay_datos(serie[columnas]):
        return None
    fig, ax = nueva_figura(alto=3.4)
    meses = serie["periodo"].map(lambda p: pd.Period(p, freq="M").month).to_numpy()
    valores = serie[columnas].to_numpy(dtype=float)
    minimo = np.nanmin(np.r_[valores.ravel(), parametros.umbral_critico]) if valores.size else parametros.umbral_critico
    bandas_semaforo(ax, parametros)
    proy = dict(proyeccion.get("componentes") or {}, indice_pai=proyeccion.get("indice_pai"))
    for col in columnas:
        principal = col == "indice_pai"
        color = COLORES_SERIE[col]
        nombre = "Índice PAI" if principal else NOMBRES_COMPONENTES[col]
        ax.plot(meses, serie[col], marker="o", ms=5 if principal else 3.5, lw=2.6 if principal else 1.4, color=color,
                label=nombre, zorder=4 if principal else 3, linestyle="-" if principal else (0, (4, 1.5)) if col == "indicadores_gestion" else "-")
        destino = proy.get(col)
        if destino is not None and len(meses) and meses[-1] < 12 and pd.notna(serie[col].iloc[-1]):
            ax.plot([meses[-1], 12], [serie[col].iloc[-1], destino], ls=":", lw=2 if principal else 1.2, color=color, zorder=3)
            if principal:
                ax.annotate(f"Proyección: {pct(destino)}", (12, destino), xytext=(-4, 8), textcoords="offset points",
                            ha="right", fontsize=8.5, color=color)
    if len(meses):
        ultimo = serie["indice_pai"].iloc[-1]
        ax.annotate(pct(ultimo), (meses[-1], ultimo), xytext=(7, -3), textcoords="offset points", ha="left", va="top",
                    fontsize=10, fontweight="bold", color=COLORES_SERIE["indice_pai"],
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5}, zorder=6)
    ax.set_xlim(0.6, 12.4)
    ax.set_xticks(range(1, 13), MES_CORTO)
    ax.set_ylim(max(0, minimo - 8), 104)
    eje_pct(ax)
    ax.set_ylabel("Cumplimiento")
    ax.legend(loc="lower left", ncol=2)
    return fig


@_con_estilo
def fisico_financiero(proyectos: pd.DataFrame):
    """Por proyecto: avance físico de la vigencia frente a compromisos y giros (% de la apropiación)."""
    t = proyectos.sort_values("proyecto")
    series = [("avance_fisico", "Avance físico (vigencia)", "#1d3557", ""), ("ejecucion_presupuestal", "Compromisos", "#8a8a8a", ""),
              ("giros_pct", "Giros", "#d4d4d4", "///")]
    if not hay_datos(t[[c for c, *_ in series]]):
        return None
    n = len(t)
    fig, ax = nueva_figura(alto=0.9 + 0.62 * n)
    y = np.arange(n)[::-1]
    alto = 0.26
    for i, (col, nombre, color, trama) in enumerate(series):
        pos = y + (1 - i) * alto
        ax.barh(pos, t[col].fillna(0), height=alto, color=color, hatch=trama, edgecolor="#555555" if trama else color,
                lw=0.5, label=nombre, zorder=2)
        for p, v in zip(pos, t[col], strict=False):
            ax.text((v if pd.notna(v) else 0) + 1, p, pct(v, 0), va="center", fontsize=7.5, zorder=3)
    ax.set_yticks(y, [f"{r.proyecto} · {envolver(r.nombre, 42)}" for r in t.itertuples()], fontsize=8)
    ax.set_xlim(0, 110)
    eje_pct(ax, "x")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3)
    return fig


@_con_estilo
def curvas_presupuesto(curva: pd.DataFrame, proyectos: pd.DataFrame, columnas: int = 4):
    """Múltiplos pequeños: compromisos, giros y compromisos programados (% de la apropiación) mes a mes, por proyecto y total."""
    if not hay_datos(curva[["ejecucion_presupuestal", "giros_pct"]]):
        return None
    ids = [*proyectos.sort_values("proyecto")["proyecto"].tolist(), "Total"]
    filas = int(np.ceil(len(ids) / columnas))
    fig, ejes = nueva_figura(alto=1.95 * filas + 0.5, nrows=filas, ncols=columnas, sharex=True, sharey=True, squeeze=False)
    for ax, pid in zip(ejes.ravel(), ids, strict=False):
        d = curva[curva["proyecto"].astype(str) == str(pid)]
        meses = d["periodo"].map(lambda p: pd.Period(p, freq="M").month)
        ax.axhline(100, color="#222222", lw=0.9)
        ax.plot(meses, d["ejecucion_programada"], ls="--", color="#8a8a8a", lw=1.3, label="Compromisos programados")
        ax.plot(meses, d["ejecucion_presupuestal"], color="#1d3557", lw=2.2, marker="o", ms=2.5, label="Compromisos")
        ax.plot(meses, d["giros_pct"], color="#e07a1f", lw=1.8, marker="s", ms=2.5, label="Giros")
        apropiacion = d["apropiacion"].dropna()
        total = pid == "Total"
        ax.set_title(("Total entidad" if total else f"Proyecto {pid}") + (f"\n{millones(apropiacion.iloc[-1])}" if len(apropiacion) else ""),
                     fontsize=9, fontweight="bold" if total else "normal")
        if total:
            ax.set_facecolor("#f1f4f8")
        ax.set_ylim(0, 110)
        ax.set_xticks(range(1, 13, 2), MES_CORTO[::2], fontsize=7.5)
        eje_pct(ax)
    for ax in ejes.ravel()[len(ids):]:
        ax.set_visible(False)
    manijas, nombres = ejes.ravel()[0].get_legend_handles_labels()
    fig.legend(manijas, nombres, loc="outside lower center", ncol=3)
    return fig


@_con_estilo
def metas_por_proyecto(resumen: pd.DataFrame):
    """Por proyecto: programado a la fecha y ejecutado, como % de la meta de la vigencia; marca del cuatrienio."""
    t = resumen.sort_values("proyecto")
    if not hay_datos(t[["programado_pct", "ejecutado_pct", "cuatrienio_pct"]]):
        return None
    n = len(t)
    fig, ax = nueva_figura(alto=0.9 + 0.5 * n)
    y = np.arange(n)[::-1]
    ax.barh(y + 0.17, t["programado_pct"], height=0.34, color="#c9c9c9", edgecolor="#777777", lw=0.5, label="Programado a la fecha", zorder=2)
    ax.barh(y - 0.17, t["ejecutado_pct"], height=0.34, color="#1d3557", label="Ejecutado", zorder=2)
    ax.scatter(t["cuatrienio_pct"], y, marker="D", s=28, color="#e07a1f", edgecolor="white", zorder=4, label="Avance del cuatrienio")
    for yy, a, b in zip(y, t["programado_pct"], t["ejecutado_pct"], strict=False):
        ax.text((a if pd.notna(a) else 0) + 1, yy + 0.17, pct(a, 0), va="center", fontsize=7.5)
        ax.text((b if pd.notna(b) else 0) + 1, yy - 0.17, pct(b, 0), va="center", fontsize=7.5, fontweight="bold")
    ax.set_yticks(y, [f"Proyecto {p}" for p in t["proyecto"]])
    ax.set_xlim(0, 110)
    ax.set_xlabel("% de la meta de la vigencia (promedio de las metas del proyecto)")
    eje_pct(ax, "x")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3)
    return fig


@_con_estilo
def conteo_por_grupo(tabla: pd.DataFrame, grupo: str, parametros, sin_dato: str = "Sin reporte"):
    """Barras apiladas: cuántos elementos de cada grupo están en cada semáforo (``semaforo`` None = ``sin_dato``)."""
    if not len(tabla):
        return None
    orden = ["critico", "en_riesgo", "satisfactorio", None]
    t = tabla.assign(_s=tabla["semaforo"].where(tabla["semaforo"].notna(), "sin"))
    conteo = pd.crosstab(t[grupo], t["_s"]).reindex(columns=["critico", "en_riesgo", "satisfactorio", "sin"], fill_value=0)
    conteo = conteo.loc[conteo.sum(axis=1).sort_values(kind="stable").index]
    fig, ax = nueva_figura(alto=0.9 + 0.36 * len(conteo))
    izquierda = np.zeros(len(conteo))
    y = np.arange(len(conteo))
    for clave, col in zip(orden, conteo.columns, strict=False):
        barras = ax.barh(y, conteo[col], left=izquierda, height=0.66, zorder=2)
        for b, v, x0 in zip(barras, conteo[col], izquierda, strict=False):
            _barra_semaforo(b, clave)
            if v:
                ax.text(x0 + v / 2, b.get_y() + b.get_height() / 2, str(int(v)), ha="center", va="center", fontsize=8,
                        color="white" if clave == "critico" else "black", fontweight="bold", zorder=3,
                        bbox={"facecolor": COLORES_SEMAFORO[clave], "edgecolor": "none", "pad": 0.6} if clave != "satisfactorio" else None)
        izquierda += conteo[col].to_numpy()
    ax.set_yticks(y, [envolver(g, 46) for g in conteo.index], fontsize=8)
    ax.set_xlim(0, max(izquierda.max(), 1) * 1.05)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Número de elementos")
    ax.grid(axis="y", visible=False)
    leyenda_semaforo(ax, parametros, loc="lower center", sin_dato=sin_dato, bbox_to_anchor=(0.5, 1.0), ncol=2)
    return fig


@_con_estilo
def franja_mensual(tabla: pd.DataFrame, parametros, etiquetas: dict | None = None):
    """Mapa indicadores × meses: color del semáforo de cada medición y su valor; en blanco, sin medición."""
    import seaborn as sns
    from matplotlib.colors import BoundaryNorm, ListedColormap

    t = tabla.dropna(how="all")
    if not hay_datos(t):
        return None
    fig, ax = nueva_figura(alto=0.8 + 0.24 * max(len(t), 1), ancho=min(ANCHO, 3.6 + 0.55 * t.shape[1]))
    cmap = ListedColormap([COLORES_SEMAFORO["critico"], COLORES_SEMAFORO["en_riesgo"], COLORES_SEMAFORO["satisfactorio"]])
    norm = BoundaryNorm([-1e9, parametros.umbral_critico, parametros.umbral_satisfactorio, 1e9], cmap.N)
    texto = t.map(lambda v: "" if pd.isna(v) else numero(v, 0))
    sns.heatmap(t.clip(upper=100), ax=ax, cmap=cmap, norm=norm, annot=texto.to_numpy(), fmt="", cbar=False, linewidths=1,
                linecolor="white", annot_kws={"fontsize": 7.5})
    for txt, v in zip(ax.texts, t.to_numpy().ravel()[~np.isnan(t.to_numpy().ravel())], strict=False):
        txt.set_color("white" if v < parametros.umbral_critico else "black")
    ax.set_xticks(np.arange(t.shape[1]) + 0.5, [MES_CORTO[m - 1] for m in t.columns], rotation=0)
    nombres = [(etiquetas or {}).get(i, i) for i in t.index]
    ax.set_yticks(np.arange(len(t)) + 0.5, [envolver(e, 48) for e in nombres], rotation=0, fontsize=7.5)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    ax.tick_params(length=0)
    return fig


@_con_estilo
def avance_por_grupo(grupos: pd.DataFrame, parametros):
    """Por grupo (plan o dependencia; tabla de :func:`pai_analisis.metricas.actividades.avance_por_grupo`): programado y
    ejecutado promedio (% acumulado), ejecutado coloreado por semáforo."""
    if not hay_datos(grupos["ejecutado"]):
        return None
    g = grupos.sort_values(["cumplimiento", "ejecutado"], ascending=False, kind="stable")  # el más rezagado arriba
    claves = parametros.semaforo(g["cumplimiento"].clip(upper=100))
    fig, ax = nueva_figura(alto=0.9 + 0.42 * len(g))
    y = np.arange(len(g))
    ax.barh(y + 0.18, g["programado"], height=0.34, color="#d0d0d0", edgecolor="#777777", lw=0.5, zorder=2, label="Programado")
    barras = ax.barh(y - 0.18, g["ejecutado"], height=0.34, zorder=2, label="Ejecutado")
    for b, clave, v in zip(barras, claves, g["ejecutado"], strict=False):
        _barra_semaforo(b, clave)
        ax.text((v if pd.notna(v) else 0) + 1, b.get_y() + b.get_height() / 2, pct(v, 0), va="center", fontsize=7.5, fontweight="bold")
    ax.set_yticks(y, [f"{envolver(i, 46)} ({n})" for i, n in zip(g.index, g["n"], strict=False)], fontsize=8)
    ax.set_xlim(0, 110)
    eje_pct(ax, "x")
    ax.set_xlabel("Avance acumulado promedio de las actividades")
    ax.grid(axis="y", visible=False)
    manijas = [Patch(facecolor="#d0d0d0", edgecolor="#777777", label="Programado")] + [
        Patch(facecolor=COLORES_SEMAFORO[k], hatch=TRAMAS_SEMAFORO[k], edgecolor=BORDES_SEMAFORO[k], label=f"Ejecutado: {ETIQUETAS_SEMAFORO[k].lower()}")
        for k in ("critico", "en_riesgo", "satisfactorio")]
    ax.legend(handles=manijas, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
    return fig


@_con_estilo
def mapas_riesgo(inherente: pd.DataFrame, residual: pd.DataFrame):
    """Dos matrices DAFP 5×5 (inherente y residual): color de la zona, número de riesgos y nombre de la zona en cada celda."""
    if not (inherente.to_numpy().sum() or residual.to_numpy().sum()):
        return None
    fig, ejes = nueva_figura(alto=3.6, ncols=2, sharey=True)
    for ax, conteo, titulo in ((ejes[0], inherente, "Riesgo inherente"), (ejes[1], residual, "Riesgo residual (después de controles)")):
        for i, prob in enumerate(ZONAS_MATRIZ.index):
            for j, imp in enumerate(ZONAS_MATRIZ.columns):
                zona = ZONAS_MATRIZ.loc[prob, imp]
                n = int(conteo.loc[prob, imp])
                oscuro = zona == "Extremo"
                ax.add_patch(Rectangle((j, 4 - i), 1, 1, facecolor=COLORES_ZONA[zona], edgecolor="white", lw=2))
                color = "white" if oscuro else "#1a1a1a"
                ax.text(j + 0.5, 4 - i + 0.58, str(n) if n else "", ha="center", va="center", fontsize=13, fontweight="bold", color=color)
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
    ejes[0].set_ylabel("Probabilidad")
    return fig


@_con_estilo
def riesgos_por_proceso(riesgos: pd.DataFrame):
    """Barras apiladas por proceso: riesgos por zona residual, con la cantidad de riesgos de corrupción anotada."""
    if not len(riesgos):
        return None
    orden = ["Bajo", "Moderado", "Alto", "Extremo"]
    conteo = pd.crosstab(riesgos["proceso"].astype(str), riesgos["zona_residual"].astype(str)).reindex(columns=orden, fill_value=0)
    corrupcion = riesgos[riesgos["tipo"].astype(str) == "Corrupción"].groupby(riesgos["proceso"].astype(str)).size()
    conteo = conteo.loc[conteo.sum(axis=1).sort_values(kind="stable").index]
    fig, ax = nueva_figura(alto=0.9 + 0.34 * len(conteo))
    y = np.arange(len(conteo))
    izquierda = np.zeros(len(conteo))
    tramas = {"Bajo": "", "Moderado": "..", "Alto": "//", "Extremo": "xx"}
    for zona in orden:
        ax.barh(y, conteo[zona], left=izquierda, height=0.66, color=COLORES_ZONA[zona], hatch=tramas[zona],
                edgecolor="white" if zona == "Extremo" else "#555555", lw=0.4, label=zona, zorder=2)
        izquierda += conteo[zona].to_numpy()
    for yy, total, proc in zip(y, izquierda, conteo.index, strict=False):
        c = int(corrupcion.get(proc, 0))
        ax.text(total + 0.2, yy, f"{int(total)}" + (f"  ({c} de corrupción)" if c else ""), va="center", fontsize=7.5)
    ax.set_yticks(y, [envolver(p, 46) for p in conteo.index], fontsize=8)
    ax.set_xlim(0, izquierda.max() * 1.35 + 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Número de riesgos, por zona residual")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, title=None)
    return fig
