"""Indicadores de gestión (sección 3.3): resultado acumulado del año, vencimiento y cumplimiento.

Resultado al periodo P: Σnumerador / Σdenominador sobre las mediciones hasta P cuando
todas traen ambos; si no, el promedio de los resultados de las mediciones (el
``resultado`` de cada una o, si está vacío, numerador / denominador).

Decisión de la Oficina (la especificación escribe «× 100»): la razón se multiplica por 100
solo cuando la ``unidad`` es ``%``; para ``días`` o ``número`` la razón es el valor por
unidad (p. ej. días totales / pagos = días promedio por pago).

Un indicador está *vencido* (``debido``) en P cuando al menos uno de sus periodos hasta P
cerró (Trimestral: meses 3, 6, 9, 12; Semestral: 6, 12; Anual: 12; Mensual: todos).
Vencido y sin mediciones: cumplimiento 0 y alerta «sin reporte». No vencido: fuera.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..comun.periodos import meses_de, textos_periodo
from .periodo import hasta_periodo, mes_de_cierre, meses_debidos, ultima_observacion
from .ventanas import filas_hasta_corte, iniciados


def _escala(unidades: pd.Series) -> np.ndarray:
    return np.where(unidades.astype(str).str.strip() == "%", 100.0, 1.0)


def _resultado_medicion(seg: pd.DataFrame, escala: np.ndarray) -> pd.Series:
    with np.errstate(divide="ignore", invalid="ignore"):
        razon = seg["numerador"] / seg["denominador"] * escala
    return seg["resultado"].fillna(razon)


def cumplimiento_de(resultado, meta, sentido) -> np.ndarray:
    """Cumplimiento bruto: ``mayor`` → resultado/meta×100; ``menor`` → 100 si resultado ≤ meta, si no meta/resultado×100."""
    r, m = np.asarray(resultado, dtype="float64"), np.asarray(meta, dtype="float64")
    menor = np.asarray(sentido) == "menor"
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(menor, np.where(r <= m, 100.0, m / r * 100), r / m * 100)
    return np.where(np.isfinite(c) | np.isnan(r), c, np.nan)


def _mediciones(ind: pd.DataFrame, seguimiento: pd.DataFrame, periodo: pd.Period) -> pd.DataFrame:
    """Las mediciones hasta el corte de cada indicador con el resultado de cada una (``_res``)."""
    seg = filas_hasta_corte(hasta_periodo(seguimiento, periodo), ind["corte_calculo"], ["indicador"]).copy()
    seg["_res"] = _resultado_medicion(seg, _escala(seg["indicador"].map(ind["unidad"])))
    return seg


def calcular_indicadores(indicadores: pd.DataFrame, seguimiento: pd.DataFrame, periodo: pd.Period, *,
                         observaciones: bool = True) -> pd.DataFrame:
    """Una fila por indicador iniciado: debido, mediciones, resultado, cumplimiento (bruto y acotado).

    Un indicador cerrado se calcula en su ``vigente_hasta``; solo debe reportar en los cierres
    de su periodicidad que caen dentro de su ventana. ``observaciones=False`` omite ``observacion*``.
    """
    ind = iniciados(indicadores, periodo).set_index("indicador")
    corte_mes = meses_de(ind["corte_calculo"])
    desde_mes = meses_de(ind["vigente_desde"])
    seg = _mediciones(ind, seguimiento, periodo)
    seg["_completa"] = seg["numerador"].notna() & seg["denominador"].notna()
    g = seg.groupby("indicador")
    agg = pd.DataFrame(
        {
            "n_mediciones": g.size(),
            "num": g["numerador"].sum(),
            "den": g["denominador"].sum(),
            "todas_completas": g["_completa"].all(),
            "promedio": g["_res"].mean(),
            "ultimo_reporte": g["periodo"].max(),
        }
    ).reindex(ind.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        razon = agg["num"] / agg["den"] * _escala(ind["unidad"])
    usa_razon = agg["todas_completas"].fillna(False).astype(bool) & (agg["den"] > 0)
    resultado = razon.where(usa_razon, agg["promedio"])
    n = agg["n_mediciones"].fillna(0).astype(int)
    cerrados = meses_debidos(ind["periodicidad"], corte_mes, desde_mes)
    debido = cerrados > 0
    cumpl = cumplimiento_de(resultado, ind["meta"], ind["sentido"].astype(object))
    sin_reporte = debido & (n.to_numpy() == 0)
    cumpl = np.where(sin_reporte, 0.0, np.where(debido, cumpl, np.nan))
    # último periodo que debió reportarse (mes de cierre más reciente) y si falta
    mes_cierre = mes_de_cierre(ind["periodicidad"], corte_mes, desde_mes)
    ultimo_mes = meses_de(agg["ultimo_reporte"])
    base = ["indicador", "proceso", "nombre", "meta", "unidad", "sentido", "periodicidad", "objetivo", "estado"]
    out = ind.reset_index()[base].copy()
    out["responsable"] = ind["responsable"].astype(object).to_numpy() if "responsable" in ind else None
    out["vigente_desde"] = ind["vigente_desde"].astype(str).to_numpy()
    out["vigente_hasta"] = ind["vigente_hasta"].astype(str).to_numpy()
    out["corte"] = ind["corte_calculo"].astype(str).to_numpy()
    out["debido"] = debido
    out["n_mediciones"] = n.to_numpy()
    out["metodo"] = np.where(n.to_numpy() == 0, None, np.where(usa_razon, "razon_de_sumas", "promedio"))
    out["resultado"] = resultado.to_numpy()
    out["cumplimiento"] = cumpl
    out["cumplimiento_tope"] = np.clip(cumpl, 0, 100)
    out["sin_reporte"] = sin_reporte
    out["reporte_atrasado"] = debido & ~sin_reporte & (ultimo_mes < mes_cierre)
    out["ultimo_reporte"] = textos_periodo(agg["ultimo_reporte"])
    if observaciones:
        out = out.merge(ultima_observacion(seg, ["indicador"]), on="indicador", how="left")
    return out.sort_values("indicador", kind="stable").reset_index(drop=True)


def cumplimiento_mensual(indicadores: pd.DataFrame, seguimiento: pd.DataFrame, periodo: pd.Period) -> pd.DataFrame:
    """Cumplimiento de cada medición (no acumulado): filas indicador (los iniciados), columnas mes (1…P)."""
    ind = iniciados(indicadores, periodo).set_index("indicador")
    seg = _mediciones(ind, seguimiento, periodo)
    seg["cumplimiento"] = cumplimiento_de(seg["_res"], seg["indicador"].map(ind["meta"]), seg["indicador"].map(ind["sentido"]).astype(object))
    seg["mes"] = seg["periodo"].dt.month
    tabla = seg.pivot_table(index="indicador", columns="mes", values="cumplimiento", aggfunc="last")
    return tabla.reindex(index=ind.index.sort_values(), columns=range(1, periodo.month + 1))


def cumplimiento_por_proceso(indicadores: pd.DataFrame) -> pd.Series:
    """Cumplimiento promedio (simple, acotado a 100: ``cumplimiento_tope``) de los indicadores de cada proceso."""
    return indicadores.groupby("proceso")["cumplimiento_tope"].mean()
