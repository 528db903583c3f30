"""Pruebas de la metodología de riesgos DAFP v5 (sección 3.7), con ejemplos resueltos a mano."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pai_analisis.libro.esquema import IMPACTOS, IMPLEMENTACIONES, PROBABILIDADES, TIPOS_CONTROL, TIPOS_RIESGO, ZONAS
from pai_analisis.metricas import riesgos as R

P = pd.Period("2024-06", freq="M")

# La tabla de la especificación, fila por fila (impacto Leve … Catastrófico).
TABLA_ESPEC = {
    "Muy alta": ("Alto", "Alto", "Alto", "Alto", "Extremo"),
    "Alta": ("Moderado", "Moderado", "Alto", "Alto", "Extremo"),
    "Media": ("Moderado", "Moderado", "Moderado", "Alto", "Extremo"),
    "Baja": ("Bajo", "Moderado", "Moderado", "Alto", "Extremo"),
    "Muy baja": ("Bajo", "Bajo", "Moderado", "Alto", "Extremo"),
}
CELDAS = [(p, i, z) for p, fila in TABLA_ESPEC.items() for i, z in zip(IMPACTOS, fila, strict=True)]


def _cat(valores, categorias, ordenada=False):
    return pd.Categorical(valores, categories=list(categorias), ordered=ordenada)


@pytest.fixture
def tablas():
    """Construye las tres tablas tipadas como las deja ``carga`` (categorías del esquema, Period[M])."""

    def construir(riesgos, controles=(), seguimiento=(), periodo_objeto=True):
        r = pd.DataFrame(riesgos, columns=["riesgo", "tipo", "probabilidad", "impacto"])
        r.insert(1, "proceso", "Proceso")
        r.insert(3, "descripcion", "Descripción")
        r["tipo"] = _cat(r["tipo"], TIPOS_RIESGO)
        r["probabilidad"] = _cat(r["probabilidad"], PROBABILIDADES, True)
        r["impacto"] = _cat(r["impacto"], IMPACTOS, True)
        r["_fila"] = range(2, len(r) + 2)
        c = pd.DataFrame(list(controles), columns=["riesgo", "tipo", "implementacion"])
        c.insert(1, "control", "Control")
        c["tipo"] = _cat(c["tipo"], TIPOS_CONTROL)
        c["implementacion"] = _cat(c["implementacion"], IMPLEMENTACIONES)
        s = pd.DataFrame(list(seguimiento), columns=["riesgo", "periodo", "materializado"])
        periodos = pd.PeriodIndex(s["periodo"], freq="M")
        s["periodo"] = periodos.to_numpy() if periodo_objeto else pd.Series(periodos, index=s.index)
        s["materializado"] = s["materializado"].astype(bool)
        return r, c, s

    return construir


@pytest.mark.parametrize(("probabilidad", "impacto", "esperada"), CELDAS)
def test_zona_cada_celda_de_la_matriz(probabilidad, impacto, esperada):
    assert R.zona(probabilidad, impacto) == esperada
    assert R.ZONAS_MATRIZ.loc[probabilidad, impacto] == esperada


def test_zona_vectorizada_igual_a_la_escalar(tablas):
    r, c, s = tablas([(f"R{n:02d}", "Gestión", p, i) for n, (p, i, _) in enumerate(CELDAS)])
    t = R.calcular_riesgos(r, c, s, P)
    assert list(t["zona_inherente"].astype(object)) == [z for _, _, z in CELDAS]
    # sin controles, la zona residual es la inherente
    assert list(t["zona_residual"].astype(object)) == [z for _, _, z in CELDAS]
    assert (t["n_controles"] == 0).all()


def test_zona_acepta_texto_sin_tildes_y_rechaza_desconocidos():
    assert R.zona(" muy ALTA", "catastrofico") == "Extremo"
    with pytest.raises(ValueError, match="Probabilidad"):
        R.zona("Altísima", "Leve")
    with pytest.raises(ValueError, match="Impacto"):
        R.zona("Alta", "Grave")


def test_forma_de_zonas_matriz():
    assert list(R.ZONAS_MATRIZ.index) == list(PROBABILIDADES[::-1])
    assert list(R.ZONAS_MATRIZ.columns) == list(IMPACTOS)


@pytest.mark.parametrize(
    ("valor", "esperado"),
    [(0, "Muy baja"), (12, "Muy baja"), (20, "Muy baja"), (20.25, "Baja"), (36, "Baja"), (40, "Baja"),
     (40.5, "Media"), (60, "Media"), (80, "Alta"), (80.1, "Muy alta"), (100, "Muy alta"),
     (40 + 1e-12, "Baja"), (100 * 0.8 * 0.5, "Baja")],
)
def test_nivel_por_valor(valor, esperado):
    assert R.nivel_por_valor(valor, PROBABILIDADES) == esperado


def test_nivel_por_valor_impacto_y_arreglos():
    assert R.nivel_por_valor(60, IMPACTOS) == "Moderado"
    assert R.nivel_por_valor(float("nan")) is None
    assert list(R.nivel_por_valor(np.array([12.0, 28.8, 60.0]), IMPACTOS)) == ["Leve", "Menor", "Moderado"]


def test_encadenamiento_de_controles(tablas):
    # Alta (80) × Preventivo Manual (40 %) × Detectivo Automático (40 %) = 80 × 0,6 × 0,6 = 28,8 → Baja.
    # Mayor (80) × Correctivo Manual (25 %) = 60 → Moderado. Zona Baja × Moderado = Moderado.
    r, c, s = tablas(
        [("R1", "Gestión", "Alta", "Mayor")],
        [("R1", "Preventivo", "Manual"), ("R1", "Detectivo", "Automático"), ("R1", "Correctivo", "Manual")],
    )
    fila = R.calcular_riesgos(r, c, s, P).iloc[0]
    assert fila["zona_inherente"] == "Alto"
    assert fila["n_controles"] == 3
    assert fila["probabilidad_residual_valor"] == pytest.approx(28.8)
    assert fila["probabilidad_residual"] == "Baja"
    assert fila["impacto_residual_valor"] == pytest.approx(60.0)
    assert fila["impacto_residual"] == "Moderado"
    assert fila["zona_residual"] == "Moderado"


@pytest.mark.parametrize(
    ("tipo", "implementacion", "factor"),
    [("Preventivo", "Automático", 0.50), ("Preventivo", "Manual", 0.60),
     ("Detectivo", "Automático", 0.60), ("Detectivo", "Manual", 0.70)],
)
def test_peso_de_cada_control_sobre_la_probabilidad(tablas, tipo, implementacion, factor):
    r, c, s = tablas([("R1", "Gestión", "Muy alta", "Leve")], [("R1", tipo, implementacion)])
    fila = R.calcular_riesgos(r, c, s, P).iloc[0]
    assert fila["probabilidad_residual_valor"] == pytest.approx(100 * factor)
    assert fila["impacto_residual_valor"] == 20


def test_el_orden_no_cambia_el_producto(tablas):
    controles = [("R1", "Preventivo", "Automático"), ("R1", "Detectivo", "Manual"), ("R1", "Correctivo", "Automático"),
                 ("R1", "Preventivo", "Manual")]
    r, c, s = tablas([("R1", "Gestión", "Muy alta", "Catastrófico")], controles)
    r2, c2, s2 = tablas([("R1", "Gestión", "Muy alta", "Catastrófico")], controles[::-1])
    a, b = R.calcular_riesgos(r, c, s, P).iloc[0], R.calcular_riesgos(r2, c2, s2, P).iloc[0]
    assert a["probabilidad_residual_valor"] == pytest.approx(100 * 0.5 * 0.7 * 0.6)  # 21 → Baja
    assert a["probabilidad_residual_valor"] == pytest.approx(b["probabilidad_residual_valor"])
    assert a["impacto_residual_valor"] == pytest.approx(b["impacto_residual_valor"]) == pytest.approx(65.0)
    assert (a["probabilidad_residual"], a["impacto_residual"]) == (b["probabilidad_residual"], b["impacto_residual"])
    assert (a["probabilidad_residual"], a["impacto_residual"], a["zona_residual"]) == ("Baja", "Mayor", "Alto")


def test_correctivos_no_mueven_el_impacto_de_corrupcion(tablas):
    r, c, s = tablas(
        [("C1", "Corrupción", "Media", "Catastrófico"), ("G1", "Gestión", "Media", "Catastrófico")],
        [("C1", "Correctivo", "Automático"), ("G1", "Correctivo", "Automático")],
    )
    t = R.calcular_riesgos(r, c, s, P).set_index("riesgo")
    assert t.loc["C1", "impacto_residual_valor"] == 100
    assert t.loc["C1", "impacto_residual"] == "Catastrófico"
    assert t.loc["C1", "zona_residual"] == "Extremo"
    assert t.loc["C1", "n_controles"] == 1
    assert t.loc["G1", "impacto_residual_valor"] == pytest.approx(65.0)
    assert t.loc["G1", "impacto_residual"] == "Mayor"
    # la probabilidad no la tocan los correctivos
    assert (t["probabilidad_residual_valor"] == 60).all()


def test_columnas_orden_y_tipos(tablas):
    r, c, s = tablas([("R2", "Gestión", "Baja", "Menor"), ("R1", "Corrupción", "Alta", "Mayor")])
    r["extra"] = "ignorada"
    t = R.calcular_riesgos(r, c, s, "2024-06")
    assert list(t.columns) == [*R.COLUMNAS, "observacion", "observacion_periodo"]
    assert list(t["riesgo"]) == ["R1", "R2"]
    assert t["materializado"].dtype == bool
    assert t["periodo_materializacion"].tolist() == [None, None]


@pytest.mark.parametrize("periodo_objeto", [True, False])
def test_materializado_solo_hasta_el_periodo_y_en_su_anio(tablas, periodo_objeto):
    r, c, s = tablas(
        [("R1", "Gestión", "Media", "Menor"), ("R2", "Gestión", "Media", "Menor"),
         ("R3", "Gestión", "Media", "Menor"), ("R4", "Gestión", "Media", "Menor")],
        seguimiento=[
            ("R1", "2024-07", True),  # después de P: no cuenta
            ("R1", "2024-06", False),
            ("R2", "2024-02", False), ("R2", "2024-04", True), ("R2", "2024-05", True),
            ("R3", "2023-12", True),  # otro año: no cuenta
        ],
        periodo_objeto=periodo_objeto,
    )
    t = R.calcular_riesgos(r, c, s, P).set_index("riesgo")
    assert t["materializado"].tolist() == [False, True, False, False]
    assert t.loc["R2", "periodo_materializacion"] == "2024-04"
    assert t.loc["R1", "periodo_materializacion"] is None
    t7 = R.calcular_riesgos(r, c, s, pd.Period("2024-07", freq="M")).set_index("riesgo")
    assert t7.loc["R1", "materializado"]
    assert t7.loc["R1", "periodo_materializacion"] == "2024-07"


def test_resumen_con_todas_las_claves(tablas):
    r, c, s = tablas(
        [("R1", "Gestión", "Muy baja", "Leve"), ("R2", "Gestión", "Alta", "Mayor")],
        [("R2", "Preventivo", "Automático"), ("R2", "Preventivo", "Automático")],  # 80 × 0,25 = 20 → Muy baja
        [("R2", "2024-03", True)],
    )
    resumen = R.resumen_riesgos(R.calcular_riesgos(r, c, s, P))
    assert resumen == {
        "total": 2,
        "por_tipo": {"Corrupción": 0, "Gestión": 2},
        "por_zona_inherente": {"Bajo": 1, "Moderado": 0, "Alto": 1, "Extremo": 0},
        "por_zona_residual": {"Bajo": 1, "Moderado": 0, "Alto": 1, "Extremo": 0},
        "materializados": 1,
    }
    assert all(type(v) is int for d in resumen.values() if isinstance(d, dict) for v in d.values())
    assert list(resumen["por_zona_residual"]) == list(ZONAS)


def test_resumen_de_tabla_vacia(tablas):
    r, c, s = tablas([])
    t = R.calcular_riesgos(r, c, s, P)
    assert len(t) == 0
    assert R.resumen_riesgos(t) == {
        "total": 0,
        "por_tipo": {"Corrupción": 0, "Gestión": 0},
        "por_zona_inherente": dict.fromkeys(ZONAS, 0),
        "por_zona_residual": dict.fromkeys(ZONAS, 0),
        "materializados": 0,
    }
    assert R.mapa_calor(t).to_numpy().sum() == 0


def test_mapa_calor(tablas):
    r, c, s = tablas(
        [("R1", "Gestión", "Muy alta", "Leve"), ("R2", "Gestión", "Muy alta", "Leve"), ("R3", "Corrupción", "Baja", "Mayor")],
        [("R1", "Preventivo", "Automático")],  # 100 → 50: Media
    )
    t = R.calcular_riesgos(r, c, s, P)
    inh, res = R.mapa_calor(t), R.mapa_calor(t, "residual")
    for m in (inh, res):
        assert m.shape == (5, 5)
        assert list(m.index) == list(PROBABILIDADES[::-1])
        assert list(m.columns) == list(IMPACTOS)
        assert m.to_numpy().sum() == 3
    assert inh.loc["Muy alta", "Leve"] == 2
    assert inh.loc["Baja", "Mayor"] == 1
    assert res.loc["Muy alta", "Leve"] == 1 and res.loc["Media", "Leve"] == 1
    with pytest.raises(ValueError):
        R.mapa_calor(t, "otro")


def test_tolerancia_no_confunde_valores_genuinos():
    # el valor genuino más cercano a un límite por encima de él sigue subiendo de nivel
    assert R.nivel_por_valor(40 + 20 / 20**5) == "Media"
    assert not math.isclose(R.TOLERANCIA, 0)
