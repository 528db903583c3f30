"""Una vigencia nueva (sección 6.5): el plan del año siguiente a partir del libro del año que termina.

:func:`plan_siguiente` devuelve las hojas del plan para ``pai plantilla NUEVO.xlsx --vigencia AAAA
--desde ANTERIOR.xlsx``:

* objetivos, riesgos y controles, tal cual;
* proyectos, metas, indicadores y actividades **vigentes en diciembre** (lo que cerró durante el
  año no pasa), sin ventanas (en el año nuevo rigen todo el año hasta que la Oficina diga otra cosa);
* cada meta con ``ejecutado_anterior`` = lo logrado antes de la vigencia nueva, por las reglas de
  la sección 3.1: en Suma y Creciente, el ``ejecutado_anterior`` que traía (vacío cuenta 0) más lo
  ejecutado en el año; en Constante y Decreciente, el último nivel reportado (el valor de un
  nivel no se acumula; si no hubo reportes, se conserva el que traía). Así el avance del
  cuatrienio continúa;
* ``programacion_vigencia`` de las metas y ``presupuesto_programado`` de los proyectos quedan
  vacíos para que la Oficina los diligencie (la validación lo advierte mientras falten).

Si el libro anterior no llega a diciembre, lo ejecutado es lo reportado hasta su último mes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .metas import FLUJO, calcular_metas
from .ventanas import ACTIVO, estado_en

_SIN_VENTANA = ["vigente_desde", "vigente_hasta"]


def _vigentes_en_diciembre(tabla: pd.DataFrame, diciembre: pd.Period) -> pd.DataFrame:
    return tabla[estado_en(tabla, diciembre) == ACTIVO]


def _limpia(tabla: pd.DataFrame, columnas: list[str]) -> pd.DataFrame:
    """Solo las columnas del contrato que se pasan (sin ventanas ni columnas internas), como valores de Python."""
    t = tabla[[c for c in columnas if c in tabla.columns]].copy()
    for c in t.columns:
        if isinstance(t[c].dtype, pd.CategoricalDtype):
            t[c] = t[c].astype(object)
    return t.reset_index(drop=True)


def plan_siguiente(libro, vigencia: int | None = None) -> dict[str, pd.DataFrame]:
    """Las hojas del plan de ``vigencia`` (por omisión, la siguiente a la del libro), listas para la plantilla."""
    from ..libro import esquema

    dic = pd.Period(year=libro.vigencia, month=12, freq="M")
    columnas = {h: [c.nombre for c in esquema.HOJAS[h] if c.nombre not in _SIN_VENTANA] for h in esquema.HOJAS}
    proyectos = _vigentes_en_diciembre(libro.proyectos, dic)
    metas = _vigentes_en_diciembre(libro.metas, dic)
    metas = metas[metas["proyecto"].isin(proyectos["proyecto"])]
    logrado = calcular_metas(libro.metas, libro.proyectos, libro.seguimiento_metas, dic, libro.reprogramaciones)
    logrado = logrado.set_index(["proyecto", "meta"])
    metas = metas.copy()
    clave = pd.MultiIndex.from_frame(metas[["proyecto", "meta"]])
    ejecutado = logrado["ejecutado"].reindex(clave).to_numpy(dtype=float)
    anterior = metas["ejecutado_anterior"].to_numpy(dtype=float)
    flujo = metas["anualizacion"].astype(object).isin(FLUJO).to_numpy()
    metas["ejecutado_anterior"] = np.where(flujo, np.nan_to_num(anterior) + np.nan_to_num(ejecutado),
                                           np.where(np.isnan(ejecutado), anterior, ejecutado))
    metas["programacion_vigencia"] = np.nan
    proyectos = proyectos.assign(presupuesto_programado=np.nan)
    return {
        "objetivos": _limpia(libro.objetivos, columnas["objetivos"]),
        "proyectos": _limpia(proyectos, columnas["proyectos"]),
        "metas": _limpia(metas, columnas["metas"]),
        "indicadores": _limpia(_vigentes_en_diciembre(libro.indicadores, dic), columnas["indicadores"]),
        "actividades": _limpia(_vigentes_en_diciembre(libro.actividades, dic), columnas["actividades"]),
        "riesgos": _limpia(libro.riesgos, columnas["riesgos"]),
        "controles": _limpia(libro.controles, columnas["controles"]),
    }
