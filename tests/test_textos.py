"""Normalización de textos y periodos (pai_analisis.textos)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pai_analisis.comun.periodos import a_periodo, periodo_en_palabras
from pai_analisis.comun.textos import canonico, limpiar, normalizar, normalizar_id
from pai_analisis.libro import esquema


@pytest.mark.parametrize(
    "entrada, salida",
    [
        ("Creciente", "creciente"),
        ("CRECIENTE", "creciente"),
        ("Créciente ", "creciente"),
        (" suma", "suma"),
        ("Muy   alta", "muy alta"),
        ("Catastrófico", "catastrofico"),
        ("Sí", "si"),
        ("Plan de\tCapacitación\n", "plan de capacitacion"),
        ("Ñandú", "nandu"),
        (7867, "7867"),
        ("", ""),
    ],
)
def test_normalizar(entrada, salida):
    assert normalizar(entrada) == salida


@pytest.mark.parametrize(
    "entrada, salida",
    [("GF-01", "GF-01"), ("gf-01 ", "GF-01"), ("  Gf-01", "GF-01"), ("th-01", "TH-01"), ("r-ñ1", "R-N1"), ("PEI  3", "PEI 3")],
)
def test_normalizar_id(entrada, salida):
    assert normalizar_id(entrada) == salida


@pytest.mark.parametrize(
    "entrada, salida",
    [("  Dependencia   de   prueba ", "Dependencia de prueba"), ("Gestión", "Gestión"), (12, "12")],
)
def test_limpiar_conserva_tildes_y_mayusculas(entrada, salida):
    assert limpiar(entrada) == salida


@pytest.mark.parametrize(
    "entrada, valores, salida",
    [
        ("CRECIENTE", esquema.ANUALIZACIONES, "Creciente"),
        ("Créciente ", esquema.ANUALIZACIONES, "Creciente"),
        (" suma", esquema.ANUALIZACIONES, "Suma"),
        ("decreciente", esquema.ANUALIZACIONES, "Decreciente"),
        ("Acumulativa", esquema.ANUALIZACIONES, None),
        ("si", esquema.SI_NO, "Sí"),
        ("NO", esquema.SI_NO, "No"),
        ("muy  alta", esquema.PROBABILIDADES, "Muy alta"),
        ("catastrofico", esquema.IMPACTOS, "Catastrófico"),
        ("Alta", esquema.IMPACTOS, None),
        ("corrupcion", esquema.TIPOS_RIESGO, "Corrupción"),
        ("automatico", esquema.IMPLEMENTACIONES, "Automático"),
        ("plan anual de adquisiciones", esquema.PLANES, "Plan Anual de Adquisiciones"),
        ("MAYOR", esquema.SENTIDOS, "mayor"),
        ("", esquema.SENTIDOS, None),
        (None, esquema.SI_NO, None),
    ],
)
def test_canonico(entrada, valores, salida):
    assert canonico(entrada, valores) == salida


JUNIO = pd.Period("2024-06", freq="M")


@pytest.mark.parametrize(
    "entrada, salida",
    [
        ("2024-06", JUNIO),
        (" 2024-06 ", JUNIO),
        ("2024-6", JUNIO),
        ("2024/06", JUNIO),
        ("2024-06-30", JUNIO),
        ("2024-06-01 00:00:00", JUNIO),
        ("2024-06-15T08:30", JUNIO),
        (dt.datetime(2024, 6, 30, 17, 0), JUNIO),
        (dt.date(2024, 6, 1), JUNIO),
        (pd.Timestamp("2024-06-10"), JUNIO),
        (pd.Period("2024-06-15", freq="D"), JUNIO),
        (JUNIO, JUNIO),
        (45473, JUNIO),  # número de serie de Excel de 2024-06-30
        (45444.75, JUNIO),  # 2024-06-01 18:00
        (np.int64(45473), JUNIO),
        (45443, pd.Period("2024-05", freq="M")),
        ("2024-02-29", pd.Period("2024-02", freq="M")),
        ("2024-12", pd.Period("2024-12", freq="M")),
        # inválidos
        ("2024-13", None),
        ("2024-00", None),
        ("junio", None),
        ("junio de 2024", None),
        ("2024-02-30", None),
        ("2023-02-29", None),
        ("06-2024", None),
        ("202406", None),
        ("", None),
        ("   ", None),
        (None, None),
        (float("nan"), None),
        (pd.NaT, None),
        (float("inf"), None),
        (0, None),
        (-5, None),
        (True, None),
    ],
)
def test_a_periodo(entrada, salida):
    assert a_periodo(entrada) == salida


@pytest.mark.parametrize(
    "entrada, salida",
    [
        ("2024-06", "junio de 2024"),
        ("2024-01", "enero de 2024"),
        ("2024-09", "septiembre de 2024"),
        (pd.Period("2024-12", freq="M"), "diciembre de 2024"),
        (pd.Period("2023-03-15", freq="D"), "marzo de 2023"),
    ],
)
def test_periodo_en_palabras(entrada, salida):
    assert periodo_en_palabras(entrada) == salida
