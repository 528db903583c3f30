"""Conciliación con el presupuesto que publica el Distrito (sección 8.3).

Mes a mes, los totales de la entidad en el libro (Σ ``apropiacion``, ``compromisos`` y ``giros``
de los proyectos, con la misma regla que :func:`~.presupuesto.totales_entidad`: el último corte
de cada proyecto hasta ese mes, los cerrados incluidos) frente a los de la fuente
(:mod:`pai_analisis.fuentes.presupuesto_distrital`), en millones. Una cifra **cuadra** cuando la
diferencia es de 1 millón o menos, o del 0,5 % o menos de la cifra de la fuente; un mes cuadra
cuando sus tres cifras cuadran. Un mes que está en el libro y no en la fuente (o al revés) se
dice con su propio estado, sin diferencia.

Solo se comparan los meses de la vigencia del libro (la fuente trae varios años) hasta ``hasta``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .periodo import hasta_periodo
from .presupuesto import totales_entidad

MEDIDAS = ("apropiacion", "compromisos", "giros")
TOLERANCIA_MILLONES = 1.0
TOLERANCIA_PCT = 0.5
CUADRA, NO_CUADRA = "cuadra", "no cuadra"
SOLO_LIBRO, SOLO_FUENTE = "solo en el libro", "solo en la fuente"
COLUMNAS = ["periodo", *(f"{m}_{lado}" for m in MEDIDAS for lado in ("libro", "fuente", "diferencia", "diferencia_pct")), "estado"]


def totales_mensuales(presupuesto: pd.DataFrame, vigencia: int, hasta: pd.Period | None = None) -> pd.DataFrame:
    """Los totales de la entidad en el libro, uno por mes con algún corte (``periodo`` y las tres medidas, millones)."""
    pr = presupuesto.dropna(subset=["periodo"])
    meses = sorted(m for m in set(pr["periodo"]) if m.year == vigencia and (hasta is None or m <= hasta))
    filas = []
    for mes in meses:
        t = totales_entidad(hasta_periodo(pr, mes).sort_values("periodo", kind="stable"))
        filas.append({"periodo": mes, **{m: t[m] for m in MEDIDAS}})
    return pd.DataFrame(filas, columns=["periodo", *MEDIDAS]).astype({"periodo": "period[M]"})


def conciliar(presupuesto: pd.DataFrame, fuente: pd.DataFrame, vigencia: int, hasta: pd.Period | None = None) -> pd.DataFrame:
    """La tabla de conciliación, un mes por fila (ver :data:`COLUMNAS`), ordenada por ``periodo``.

    ``fuente``: los totales mensuales de la entidad en la fuente
    (:func:`~pai_analisis.fuentes.presupuesto_distrital.de_entidad`). ``diferencia`` = libro −
    fuente (millones); ``diferencia_pct`` = diferencia / fuente × 100 (``NaN`` si la fuente es 0).
    ``estado``: ``cuadra``, ``no cuadra``, ``solo en el libro`` o ``solo en la fuente``.
    """
    libro = totales_mensuales(presupuesto, vigencia, hasta).set_index("periodo")
    f = fuente.assign(periodo=fuente["periodo"].astype("period[M]"))
    f = f[(f["periodo"].dt.year == vigencia) & ((f["periodo"] <= hasta) if hasta is not None else True)].set_index("periodo")
    meses = libro.index.union(f.index).sort_values()
    t = pd.DataFrame(index=pd.PeriodIndex(meses, freq="M", name="periodo"))
    cuadra = pd.Series(True, index=t.index)
    for m in MEDIDAS:
        a, b = libro[m].reindex(t.index), f[m].reindex(t.index)
        dif = (a - b).round(6)
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = (dif / b * 100).where(b.abs() > 1e-9)
        t[f"{m}_libro"], t[f"{m}_fuente"], t[f"{m}_diferencia"], t[f"{m}_diferencia_pct"] = a, b, dif, pct.round(6)
        cuadra &= (dif.abs() <= TOLERANCIA_MILLONES + 1e-9) | (pct.abs() <= TOLERANCIA_PCT + 1e-9)
    en_libro, en_fuente = t.index.isin(libro.index), t.index.isin(f.index)
    t["estado"] = np.select([~en_fuente, ~en_libro, cuadra.to_numpy()], [SOLO_LIBRO, SOLO_FUENTE, CUADRA], NO_CUADRA)
    return t.reset_index()[COLUMNAS]


def ultima(conciliacion: pd.DataFrame) -> dict | None:
    """El último mes que está en ambos lados (la conciliación «más reciente»), como diccionario; ``None`` si no hay."""
    ambos = conciliacion[conciliacion["estado"].isin([CUADRA, NO_CUADRA])]
    return None if ambos.empty else ambos.iloc[-1].to_dict()
