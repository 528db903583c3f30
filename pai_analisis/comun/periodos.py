"""Periodos: un mes ``AAAA-MM`` leído de una celda, y el mes en palabras.

Un ``periodo`` puede llegar como texto ``2024-06``, como fecha de Excel (cualquier día de ese
mes, o su número de serie) o como ``2024-06-30``.
"""

from __future__ import annotations

import datetime as _dt
import math

import numpy as np
import pandas as pd

from .faltantes import es_faltante
from .meses import mes_de_texto

_EXCEL_EPOCA = _dt.datetime(1899, 12, 30)

MESES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)


def a_periodo(valor: object) -> pd.Period | None:
    """Convierte un valor de celda en un periodo mensual, o ``None`` si no se reconoce."""
    if es_faltante(valor):
        return None
    if isinstance(valor, pd.Period):
        return valor.asfreq("M")
    if isinstance(valor, (_dt.datetime, _dt.date, pd.Timestamp)):
        return pd.Period(year=valor.year, month=valor.month, freq="M")
    if isinstance(valor, (int, float, np.integer, np.floating)) and not isinstance(valor, (bool, np.bool_)):
        # número de serie de Excel (días desde 1899-12-30; la fracción es la hora del día)
        if math.isfinite(valor) and 1 <= valor < 2958466:
            fecha = _EXCEL_EPOCA + _dt.timedelta(days=math.floor(valor))
            return pd.Period(year=fecha.year, month=fecha.month, freq="M")
        return None
    mes = mes_de_texto(str(valor))
    if mes is None:
        return None
    return pd.Period(year=mes[0], month=mes[1], freq="M")


def texto_periodo(valor) -> str | None:
    """``Period('2024-06')`` → ``"2024-06"``; lo que no es un periodo (NaT, None) → ``None``."""
    return str(valor) if isinstance(valor, pd.Period) else None


def textos_periodo(serie: pd.Series) -> np.ndarray:
    """:func:`texto_periodo` de una columna de periodos, vectorizado: ``"AAAA-MM"`` u ``None`` (objeto)."""
    per = pd.Series(serie).astype("period[M]")
    return np.where(per.isna().to_numpy(), None, per.dt.strftime("%Y-%m").to_numpy(dtype=object))


def meses_de(serie: pd.Series) -> np.ndarray:
    """El número de mes (1–12) de cada periodo de una columna; 0 donde no hay periodo (NaT)."""
    per = pd.Series(serie).astype("period[M]")
    return np.where(per.isna().to_numpy(), 0, per.dt.month.to_numpy()).astype(int)


def periodo_en_palabras(periodo: pd.Period | str) -> str:
    """``2024-06`` → ``junio de 2024``."""
    p = pd.Period(periodo, freq="M")
    return f"{MESES[p.month - 1]} de {p.year}"
