"""El estado de cada elemento en el periodo P (sección 6.1): activo, no iniciado o cerrado.

Con las ventanas ya resueltas al cargar el libro (:mod:`pai_analisis.libro.ventanas`):

* **activo** si ``vigente_desde`` ≤ P ≤ ``vigente_hasta``: se calcula como en la sección 3;
* **no iniciado** si P < ``vigente_desde``: no aparece en nada en P (ni en el JSON, ni como «sin
  dato», ni en advertencias ni alertas);
* **cerrado** si ``vigente_hasta`` < P: sus valores se congelan en ``vigente_hasta`` (se calculan
  como en ese mes), se informan con ``estado: "cerrado"`` y salen de componentes, objetivos,
  índice y alertas.

:func:`corte` es el mes en que se calcula cada elemento: P, o su ``vigente_hasta`` si cerró antes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ACTIVO, NO_INICIADO, CERRADO = "activo", "no iniciado", "cerrado"


def _extremos(tabla: pd.DataFrame, periodo: pd.Period) -> tuple[pd.Series, pd.Series]:
    enero, diciembre = pd.Period(year=periodo.year, month=1, freq="M"), pd.Period(year=periodo.year, month=12, freq="M")
    desde = tabla["vigente_desde"] if "vigente_desde" in tabla else pd.Series(enero, index=tabla.index)
    hasta = tabla["vigente_hasta"] if "vigente_hasta" in tabla else pd.Series(diciembre, index=tabla.index)
    return desde.fillna(enero), hasta.fillna(diciembre)


def estado_en(tabla: pd.DataFrame, periodo: pd.Period) -> pd.Series:
    """``activo``, ``no iniciado`` o ``cerrado`` de cada fila de ``tabla`` en ``periodo``."""
    desde, hasta = _extremos(tabla, periodo)
    return pd.Series(np.select([periodo < desde, hasta < periodo], [NO_INICIADO, CERRADO], default=ACTIVO),
                     index=tabla.index, dtype=object)


def iniciados(tabla: pd.DataFrame, periodo: pd.Period) -> pd.DataFrame:
    """Las filas que existen en ``periodo`` (activas o cerradas), con su ``estado`` y su ``corte``."""
    estado = estado_en(tabla, periodo)
    t = tabla[estado != NO_INICIADO].copy()
    t["estado"] = estado[estado != NO_INICIADO].to_numpy()
    t["corte_calculo"] = corte(t, periodo).array  # .array, no .to_numpy(): sin convertir cada mes en un objeto Period
    return t


def corte(tabla: pd.DataFrame, periodo: pd.Period) -> pd.Series:
    """El mes en que se calcula cada fila: ``periodo``, o ``vigente_hasta`` si cerró antes."""
    _, hasta = _extremos(tabla, periodo)
    return hasta.where(hasta < periodo, periodo).astype("period[M]")


def filas_hasta_corte(seguimiento: pd.DataFrame, cortes: pd.Series, claves: list[str]) -> pd.DataFrame:
    """Las filas de seguimiento con ``periodo`` ≤ el corte de su elemento (``cortes`` indexado por ``claves``)."""
    if seguimiento.empty:
        return seguimiento
    c = seguimiento.join(cortes.rename("_corte"), on=claves, how="inner")
    return c[c["periodo"] <= c["_corte"]].drop(columns="_corte")
