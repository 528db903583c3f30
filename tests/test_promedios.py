"""Los promedios y sumas que citan las lecturas viven en métricas (issue 20, punto 4): cada uno a mano."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pai_analisis.metricas.actividades import avance_promedio
from pai_analisis.metricas.metas import promedio_de_proyectos
from pai_analisis.metricas.presupuesto import movimiento_del_mes


def test_promedio_de_proyectos_pesa_igual_cada_proyecto():
    # (40 + 80) / 2 = 60 programado; (30 + 90) / 2 = 60 ejecutado; el proyecto sin ejecutado sale de esa media
    r = pd.DataFrame({"proyecto": ["7867", "7868", "7869"], "programado_pct": [40.0, 80.0, float("nan")],
                      "ejecutado_pct": [30.0, 90.0, float("nan")]})
    assert promedio_de_proyectos(r) == {"programado_pct": 60.0, "ejecutado_pct": 60.0}
    assert all(math.isnan(v) for v in promedio_de_proyectos(r.iloc[:0]).values())


def test_avance_promedio_de_las_actividades():
    # programado (50 + 100 + 30) / 3 = 60; ejecutado (25 + 100 + 10) / 3 = 45
    t = pd.DataFrame({"actividad": ["A", "B", "C"], "programado": [50.0, 100.0, 30.0], "ejecutado": [25.0, 100.0, 10.0]})
    assert avance_promedio(t) == pytest.approx({"programado": 60.0, "ejecutado": 45.0})


@pytest.mark.parametrize(("periodo", "esperado"), [
    ("2024-06", {"compromisos": 120.5 - 30.0, "giros": 10.0 + 0.0}),  # 90,5 y 10: el negativo (anulación) resta
    ("2024-05", {"compromisos": 200.0, "giros": 50.0}),
    ("2024-07", None),  # ningún corte ese mes: no hay movimiento que decir, ni siquiera 0
])
def test_movimiento_del_mes_suma_los_proyectos_con_su_signo(periodo, esperado):
    movs = pd.DataFrame({"proyecto": ["7867", "7868", "7867"], "periodo": pd.PeriodIndex(["2024-06", "2024-06", "2024-05"], freq="M"),
                         "movimiento_compromisos": [120.5, -30.0, 200.0], "movimiento_giros": [10.0, 0.0, 50.0]})
    assert movimiento_del_mes(movs, periodo) == esperado
