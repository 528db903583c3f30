"""Reglas de periodo de la metodología: qué filas cuentan en P, qué mes es P y cuándo cierra un indicador.

* :func:`hasta_periodo`: solo cuentan las filas con ``periodo`` ≤ P y del año de P (sección 3).
* :func:`resolver_periodo`: ``"2024-06"`` (o una fecha) como periodo de la vigencia de los datos.
* :func:`meses_debidos` y :func:`mes_de_cierre`: los cierres de medición de un indicador según
  su periodicidad (tabla única en :data:`pai_analisis.libro.esquema.MESES_POR_PERIODO`).
* :func:`ultimo_reporte`: el último mes con reportes de una o varias hojas de seguimiento.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..comun.periodos import a_periodo
from ..errores import ErrorPeriodo
from ..libro.esquema import HOJAS_SEGUIMIENTO, MESES_POR_PERIODO


def hasta_periodo(seguimiento: pd.DataFrame, periodo: pd.Period) -> pd.DataFrame:
    """Las filas de una hoja de seguimiento que cuentan en ``periodo``: del mismo año y hasta ese mes."""
    per = seguimiento["periodo"]
    if not isinstance(per.dtype, pd.PeriodDtype):
        per = pd.Series(pd.PeriodIndex(per, freq="M"), index=seguimiento.index)
    return seguimiento[(per <= periodo) & (per.dt.year == periodo.year)]


def resolver_periodo(periodo, vigencia: int) -> pd.Period:
    """Convierte ``periodo`` (``"2024-06"``, fecha…) y comprueba que esté en la vigencia."""
    p = a_periodo(periodo)
    if p is None:
        raise ErrorPeriodo(f"El periodo «{periodo}» no es válido: se esperaba AAAA-MM, por ejemplo {vigencia}-06.")
    if p.year != vigencia:
        raise ErrorPeriodo(
            f"El periodo {p} está fuera de la vigencia de los datos ({vigencia}): use un mes entre {vigencia}-01 y {vigencia}-12."
        )
    return p


def paso(periodicidad) -> np.ndarray:
    """Meses entre cierres de cada periodicidad (Mensual 1, Trimestral 3, Semestral 6, Anual 12)."""
    return pd.Series(periodicidad).astype(object).map(MESES_POR_PERIODO).fillna(1).to_numpy().astype(int)


def meses_debidos(periodicidad, mes, desde=1) -> np.ndarray:
    """Cuántos cierres de medición hubo entre el mes ``desde`` y ``mes`` (0 = aún no vence).

    ``mes`` y ``desde`` pueden ser un número o uno por indicador (su corte y el primer mes de su
    ventana): un indicador solo debe reportar en los cierres dentro de su ventana (sección 6.1).
    """
    p = paso(periodicidad)
    return np.maximum(np.asarray(mes) // p - (np.asarray(desde) - 1) // p, 0).astype(int)


def mes_de_cierre(periodicidad, mes, desde=1) -> np.ndarray:
    """El mes de cierre más reciente hasta ``mes`` dentro de la ventana (0 si ninguno cerró): Trimestral en mayo → 3."""
    p = paso(periodicidad)
    cierre = (np.asarray(mes) // p) * p
    return np.where(cierre >= np.asarray(desde), cierre, 0).astype(int)


def ultimo_reporte(libro, hojas=HOJAS_SEGUIMIENTO, hasta: pd.Period | None = None) -> pd.Period | None:
    """El último mes con algún reporte en ``hojas`` (de la vigencia del libro y, si se da, hasta ``hasta``).

    La única definición de «último mes reportado» del paquete: la usan ``--periodo ultimo``,
    las advertencias de la validación y las frases «último reporte: …» de los informes.
    """
    hojas = (hojas,) if isinstance(hojas, str) else hojas
    maximos = []
    for hoja in hojas:
        per = getattr(libro, hoja)["periodo"].dropna()
        per = per[per.dt.year == libro.vigencia] if len(per) else per
        if hasta is not None and len(per):
            per = per[per <= hasta]
        if len(per):
            maximos.append(per.max())
    return max(maximos) if maximos else None


def ultima_observacion(seguimiento: pd.DataFrame, claves: list[str]) -> pd.DataFrame:
    """La última observación escrita de cada elemento en ``seguimiento`` (ya filtrado hasta P).

    Columnas: ``claves``, ``observacion`` (el texto) y ``observacion_periodo`` (``AAAA-MM``).
    Las celdas vacías no cuentan: si el último mes no trae observación, rige la anterior.
    """
    columnas = [*claves, "observacion", "observacion_periodo"]
    if "observaciones" not in seguimiento or seguimiento.empty:
        return pd.DataFrame(columns=columnas)
    texto = seguimiento["observaciones"].astype(object)
    con = seguimiento[texto.notna() & (texto.astype(str).str.strip() != "") & (texto.astype(str).str.lower() != "nan")]
    if con.empty:
        return pd.DataFrame(columns=columnas)
    ultima = con.sort_values("periodo", kind="stable").groupby(claves, sort=False).tail(1)
    return pd.DataFrame({**{c: ultima[c].to_numpy() for c in claves}, "observacion": ultima["observaciones"].astype(str).to_numpy(),
                         "observacion_periodo": ultima["periodo"].astype(str).to_numpy()}, columns=columnas)
