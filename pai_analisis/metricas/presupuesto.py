"""Ejecución presupuestal (sección 3.2): del último corte de ``presupuesto`` hasta el periodo.

Por proyecto: ``ejecucion_presupuestal`` = compromisos / apropiación × 100; ``giros`` (%) =
giros / apropiación × 100; ``giros_sobre_compromisos`` = giros / compromisos × 100. Los
totales de la entidad son razones de sumas, no promedios de razones.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .periodo import hasta_periodo

_MONTOS = ["apropiacion", "compromisos", "giros", "compromisos_programados"]


def _pct(num, den):
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.asarray(num, dtype="float64") / np.asarray(den, dtype="float64") * 100
    return np.where(np.isfinite(r), r, np.nan)


def _ratios(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["ejecucion_presupuestal"] = _pct(df["compromisos"], df["apropiacion"])
    df["giros_pct"] = _pct(df["giros"], df["apropiacion"])
    df["giros_sobre_compromisos"] = _pct(df["giros"], df["compromisos"])
    df["ejecucion_programada"] = _pct(df["compromisos_programados"], df["apropiacion"])
    return df


def calcular_presupuesto(proyectos: pd.DataFrame, presupuesto: pd.DataFrame, periodo: pd.Period) -> tuple[pd.DataFrame, dict]:
    """(tabla por proyecto, totales de la entidad) al corte del periodo.

    Un proyecto sin corte reportado conserva su ``presupuesto_programado`` como referencia
    y queda sin razones (``NaN``).
    """
    cortes = hasta_periodo(presupuesto, periodo).sort_values("periodo", kind="stable")
    ultimo = cortes.groupby("proyecto").tail(1).set_index("proyecto")
    base = proyectos.set_index("proyecto")[["nombre", "presupuesto_programado"]]
    t = base.join(ultimo[["periodo", *_MONTOS]].rename(columns={"periodo": "corte"}), how="left")
    t = _ratios(t).reset_index()
    con_datos = t[t["apropiacion"].notna()]
    suma = con_datos[_MONTOS].sum(min_count=1)
    total = {
        "apropiacion": float(suma["apropiacion"]) if pd.notna(suma["apropiacion"]) else 0.0,
        "compromisos": float(suma["compromisos"]) if pd.notna(suma["compromisos"]) else 0.0,
        "giros": float(suma["giros"]) if pd.notna(suma["giros"]) else 0.0,
    }
    total["ejecucion_presupuestal"] = _escalar(_pct(total["compromisos"], total["apropiacion"]))
    total["giros_pct"] = _escalar(_pct(total["giros"], total["apropiacion"]))
    total["giros_sobre_compromisos"] = _escalar(_pct(total["giros"], total["compromisos"]))
    programados = con_datos["compromisos_programados"]
    total["ejecucion_programada"] = (
        _escalar(_pct(programados.sum(), total["apropiacion"])) if programados.notna().all() and len(programados) else None
    )
    return t.sort_values("proyecto").reset_index(drop=True), total


def _escalar(x) -> float | None:
    v = float(np.asarray(x))
    return v if np.isfinite(v) else None


def curva_presupuestal(proyectos: pd.DataFrame, presupuesto: pd.DataFrame, periodo: pd.Period) -> pd.DataFrame:
    """Curva mensual (enero … periodo) por proyecto y total (``proyecto`` = ``"Total"``).

    Columnas: proyecto, periodo, apropiación, compromisos, giros, compromisos programados y
    sus porcentajes sobre la apropiación. Un mes sin corte repite el último corte conocido.
    """
    cortes = hasta_periodo(presupuesto, periodo)
    meses = pd.period_range(pd.Period(year=periodo.year, month=1, freq="M"), periodo, freq="M")
    ids = proyectos["proyecto"].drop_duplicates().sort_values()
    rejilla = pd.MultiIndex.from_product([ids, meses], names=["proyecto", "periodo"])
    t = cortes.set_index(["proyecto", "periodo"])[_MONTOS].reindex(rejilla)
    t = t.groupby(level="proyecto").ffill().reset_index()
    total = t.groupby("periodo")[_MONTOS].sum(min_count=1).reset_index()
    total.insert(0, "proyecto", "Total")
    t["proyecto"] = t["proyecto"].astype(object)
    return _ratios(pd.concat([t, total], ignore_index=True))
