"""Cobertura de un periodo y su estado (sección 7.1): ¿están los reportes que se esperaban del mes P?

Se esperan, **del mes P mismo**: una fila de cada meta activa (reporte mensual), una de cada
indicador activo cuyo mes de cierre es P, una de cada actividad activa y un corte presupuestal
de cada proyecto activo. La cobertura de cada componente es lo que llegó sobre lo esperado
(0–100); la total, la suma de lo que llegó sobre la suma de lo esperado.

* ``sin_datos``: nada reportado para P (cobertura 0, o nada esperado y ninguna fila de P de
  metas, indicadores, actividades o presupuesto); ``pai informes`` no publica el periodo.
  **Los reportes de riesgos no cuentan**: la sección 7.1 no los espera (el seguimiento de riesgos
  no es mensual en todas las entidades) y un mes con solo riesgos no tiene índice, proyectos ni
  componentes que publicar. Siguen siendo ``sin_datos``, pero no se pierden: ``reportes_riesgos``
  dice cuántas filas de ``seguimiento_riesgos`` tiene P, y el aviso de ``pai informes`` las
  nombra (decisión en ``docs/metodologia.md``, «Un mes con solo reportes de riesgos»).
* ``preliminar``: cobertura total por debajo de ``umbral_cobertura`` (parámetro, 90 por omisión).
* ``completo``: lo demás.
"""

from __future__ import annotations

import pandas as pd

from .periodo import paso
from .ventanas import ACTIVO, estado_en

COMPONENTES_COBERTURA = ("metas", "indicadores", "actividades", "presupuesto")
SIN_DATOS, PRELIMINAR, COMPLETO = "sin_datos", "preliminar", "completo"


def _del_mes(seguimiento: pd.DataFrame, periodo: pd.Period) -> pd.DataFrame:
    return seguimiento[seguimiento["periodo"] == periodo]


def calcular_cobertura(libro, periodo: pd.Period, umbral: float = 90.0) -> dict:
    """``{"estado_periodo", "cobertura": {componente: %, "total": %}, "esperados", "recibidos", "faltantes", "reportes_riesgos"}``.

    ``faltantes``: por componente, la lista de los elementos sin su reporte de P (códigos).
    """
    activos = {h: getattr(libro, h)[estado_en(getattr(libro, h), periodo) == ACTIVO]
               for h in ("metas", "indicadores", "actividades", "proyectos")}
    ind = activos["indicadores"]
    ind = ind[(periodo.month % paso(ind["periodicidad"])) == 0]
    esperados = {
        "metas": [f"{p}-{m}" for p, m in zip(activos["metas"]["proyecto"].tolist(), activos["metas"]["meta"].tolist(), strict=True)],
        "indicadores": ind["indicador"].astype(str).tolist(),
        "actividades": activos["actividades"]["actividad"].astype(str).tolist(),
        "presupuesto": activos["proyectos"]["proyecto"].astype(int).astype(str).tolist(),
    }
    sm = _del_mes(libro.seguimiento_metas, periodo)
    llegaron = {
        "metas": {f"{p}-{m}" for p, m in zip(sm["proyecto"], sm["meta"], strict=False)},
        "indicadores": set(_del_mes(libro.seguimiento_indicadores, periodo)["indicador"].astype(str)),
        "actividades": set(_del_mes(libro.seguimiento_actividades, periodo)["actividad"].astype(str)),
        "presupuesto": {str(int(p)) for p in _del_mes(libro.presupuesto, periodo)["proyecto"].dropna()},
    }
    cobertura, recibidos, faltantes = {}, {}, {}
    for c in COMPONENTES_COBERTURA:
        recibidos[c] = sum(1 for x in esperados[c] if x in llegaron[c])
        faltantes[c] = [x for x in esperados[c] if x not in llegaron[c]]
        cobertura[c] = 100.0 * recibidos[c] / len(esperados[c]) if esperados[c] else None
    total_esperado = sum(len(v) for v in esperados.values())
    total_recibido = sum(recibidos.values())
    cobertura["total"] = 100.0 * total_recibido / total_esperado if total_esperado else None
    alguna_fila = any(len(_del_mes(getattr(libro, h), periodo)) for h in
                      ("seguimiento_metas", "seguimiento_indicadores", "seguimiento_actividades", "presupuesto"))
    reportes_riesgos = len(_del_mes(libro.seguimiento_riesgos, periodo))
    if (cobertura["total"] == 0) or (cobertura["total"] is None and not alguna_fila):
        estado = SIN_DATOS
    elif cobertura["total"] is not None and cobertura["total"] < umbral:
        estado = PRELIMINAR
    else:
        estado = COMPLETO
    return {"estado_periodo": estado, "cobertura": cobertura, "umbral_cobertura": umbral, "reportes_riesgos": reportes_riesgos,
            "esperados": {c: len(v) for c, v in esperados.items()}, "recibidos": recibidos, "faltantes": faltantes}
