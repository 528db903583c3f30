"""Plan de acción integrado (Decreto 612 de 2018, sección 3.4): cumplimiento de cada actividad.

Del último corte hasta el periodo: ``cumplimiento`` = ejecutado / programado × 100, indefinido
mientras programado = 0. Una actividad sin corte hasta el periodo queda ``sin_reporte`` y sin
cumplimiento (no entra al componente).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..comun.periodos import textos_periodo
from .periodo import hasta_periodo, ultima_observacion
from .ventanas import filas_hasta_corte, iniciados


def calcular_actividades(actividades: pd.DataFrame, seguimiento: pd.DataFrame, periodo: pd.Period, *,
                         observaciones: bool = True) -> pd.DataFrame:
    """Una fila por actividad iniciada, con su último corte hasta P (o hasta su cierre) y su cumplimiento.

    ``observaciones=False`` omite las columnas ``observacion*``.
    """
    act = iniciados(actividades, periodo)
    cortes = filas_hasta_corte(hasta_periodo(seguimiento, periodo), act.set_index("actividad")["corte_calculo"], ["actividad"])
    cortes = cortes.sort_values("periodo", kind="stable")
    ultimo = cortes.groupby("actividad").tail(1).set_index("actividad")
    a = act.set_index("actividad")[["plan", "dependencia", "nombre", "objetivo", "estado", "vigente_desde", "vigente_hasta"]]
    t = a.join(ultimo[["periodo", "programado", "ejecutado"]].rename(columns={"periodo": "corte"}), how="left")
    with np.errstate(divide="ignore", invalid="ignore"):
        c = t["ejecutado"] / t["programado"] * 100
    t["cumplimiento"] = c.where(t["programado"] > 0)
    t["cumplimiento_tope"] = t["cumplimiento"].clip(0, 100)
    t["rezago"] = t["programado"] - t["ejecutado"]
    t["sin_reporte"] = t["corte"].isna()
    t["corte"] = textos_periodo(t["corte"])
    t["plan"] = t["plan"].astype(object)
    t["responsable"] = t["dependencia"].astype(object)  # en el plan de acción integrado responde la dependencia
    for col in ("vigente_desde", "vigente_hasta"):
        t[col] = t[col].astype(str)
    t = t.reset_index()
    if observaciones:
        t = t.merge(ultima_observacion(cortes, ["actividad"]), on="actividad", how="left")
    return t.sort_values("actividad", kind="stable").reset_index(drop=True)


def avance_promedio(tabla: pd.DataFrame) -> dict[str, float]:
    """``programado`` y ``ejecutado`` promedio (% acumulado) de las actividades de ``tabla``: media simple.

    Cada actividad pesa lo mismo, como en :func:`avance_por_grupo` (las tarjetas del informe 05); sin actividades, NaN.
    """
    return {c: float(tabla[c].mean()) for c in ("programado", "ejecutado")}


def avance_por_grupo(tabla: pd.DataFrame, grupo: str) -> pd.DataFrame:
    """Por plan o por dependencia: programado y ejecutado promedio (% acumulado), rezago y cumplimiento.

    ``cumplimiento`` del grupo = ejecutado promedio / programado promedio × 100 (indefinido si
    nada estaba programado); ``rezago`` = programado − ejecutado, en puntos. ``n`` = actividades.
    """
    g = tabla.groupby(grupo, observed=True).agg(programado=("programado", "mean"), ejecutado=("ejecutado", "mean"),
                                                n=("actividad", "size"))
    with np.errstate(divide="ignore", invalid="ignore"):
        g["cumplimiento"] = g["ejecutado"] / g["programado"].where(g["programado"] > 0) * 100
    g["rezago"] = g["programado"] - g["ejecutado"]
    return g
