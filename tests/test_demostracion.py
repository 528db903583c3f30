"""Pruebas del año de demostración 2024 (``pai_analisis.demostracion``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pai_analisis.libro.demostracion import seguimiento_demostracion
from pai_analisis.libro.plan import tablas_plan_2024

PERIODOS = [f"2024-{m:02d}" for m in range(1, 13)]
COLUMNAS = {
    "seguimiento_metas": ["proyecto", "meta", "periodo", "programado", "ejecutado", "observaciones"],
    "presupuesto": ["proyecto", "periodo", "apropiacion", "compromisos", "giros", "compromisos_programados"],
    "seguimiento_indicadores": ["indicador", "periodo", "resultado", "numerador", "denominador"],
    "seguimiento_actividades": ["actividad", "periodo", "programado", "ejecutado"],
    "seguimiento_riesgos": ["riesgo", "periodo", "materializado", "observaciones"],
}
CLAVES = {
    "seguimiento_metas": ("metas", ["proyecto", "meta"]),
    "presupuesto": ("proyectos", ["proyecto"]),
    "seguimiento_indicadores": ("indicadores", ["indicador"]),
    "seguimiento_actividades": ("actividades", ["actividad"]),
    "seguimiento_riesgos": ("riesgos", ["riesgo"]),
}
@pytest.fixture(scope="module")
def demo():
    return seguimiento_demostracion()


@pytest.fixture(scope="module")
def plan():
    t = tablas_plan_2024()
    m = t["metas"]
    m["proyecto"], m["meta"] = m["proyecto"].astype(int), m["meta"].astype(int)
    m["programacion_vigencia"] = m["programacion_vigencia"].str.replace(",", ".").astype(float)
    t["proyectos"]["proyecto"] = t["proyectos"]["proyecto"].astype(int)
    return t


def test_determinista_y_copias(demo):
    otra = seguimiento_demostracion()
    assert list(otra) == list(COLUMNAS)
    for hoja in COLUMNAS:
        pd.testing.assert_frame_equal(otra[hoja], demo[hoja])
    otra["presupuesto"].loc[0, "compromisos"] = -1.0  # modificar la copia no toca la caché
    assert seguimiento_demostracion()["presupuesto"].loc[0, "compromisos"] >= 0
    assert not seguimiento_demostracion(7)["seguimiento_metas"]["ejecutado"].equals(demo["seguimiento_metas"]["ejecutado"])


def test_columnas_periodos_claves(demo, plan):
    for hoja, columnas in COLUMNAS.items():
        df = demo[hoja]
        assert list(df.columns) == columnas
        assert set(df["periodo"]) <= set(PERIODOS)
        ref, cols = CLAVES[hoja]
        existentes = set(map(tuple, plan[ref][cols].astype(str).itertuples(index=False, name=None)))
        assert set(map(tuple, df[cols].astype(str).itertuples(index=False, name=None))) <= existentes
        assert not df.duplicated(cols + ["periodo"]).any(), hoja
        numeros = df.select_dtypes("number").drop(columns=["proyecto", "meta"], errors="ignore")
        assert (numeros.fillna(0) >= 0).all().all(), hoja
    for hoja in ("seguimiento_metas", "presupuesto", "seguimiento_actividades", "seguimiento_riesgos"):
        assert set(demo[hoja]["periodo"]) == set(PERIODOS)  # todo el año, cada mes


def test_programacion_de_metas(demo, plan):
    sm = demo["seguimiento_metas"].merge(plan["metas"], on=["proyecto", "meta"])
    assert len(sm) == 12 * len(plan["metas"])
    flujo = sm[sm["anualizacion"].isin(["Suma", "Creciente"])]
    sumas = flujo.groupby(["proyecto", "meta"]).agg(prog=("programado", "sum"), mv=("programacion_vigencia", "first"))
    np.testing.assert_allclose(sumas["prog"], sumas["mv"], rtol=0, atol=1e-9)
    constante = sm[sm["anualizacion"] == "Constante"]
    assert (constante["programado"] == constante["programacion_vigencia"]).all()
    assert (constante["ejecutado"] <= constante["programacion_vigencia"]).all()
    decimales = sm.loc[(sm["proyecto"] == 7872) & (sm["meta"] == 4), "programado"]
    assert (decimales % 1 != 0).any()  # 0,30 se reparte con decimales


def _cumplimiento_metas(demo, plan, mes: int) -> pd.Series:
    sm = demo["seguimiento_metas"]
    sm = sm[sm["periodo"] <= f"2024-{mes:02d}"].merge(plan["metas"][["proyecto", "meta", "anualizacion"]])
    flujo = sm["anualizacion"].isin(["Suma", "Creciente"])
    sumas = sm[flujo].groupby(["proyecto", "meta"])[["programado", "ejecutado"]].sum()
    niveles = sm[~flujo].groupby(["proyecto", "meta"])[["programado", "ejecutado"]].last()
    t = pd.concat([sumas, niveles])
    return (t["ejecutado"] / t["programado"] * 100).dropna()


def test_metas_sobreejecutadas_y_rezagadas(demo, plan):
    c = _cumplimiento_metas(demo, plan, 6)
    assert (c > 125).sum() >= 1
    assert 1 <= (c < 75).sum() <= 8
    assert (c.between(90, 110)).mean() > 0.7  # la mayoría va al día
    assert (_cumplimiento_metas(demo, plan, 12) > 125).any()  # la advertencia también sale al cierre
    obs = demo["seguimiento_metas"]["observaciones"]
    assert 0 < obs.notna().sum() < len(obs) / 4


def test_presupuesto(demo, plan):
    pr = demo["presupuesto"].sort_values(["proyecto", "periodo"])
    assert set(pr["proyecto"]) == set(plan["proyectos"]["proyecto"])
    assert (pr["giros"] <= pr["compromisos"]).all()
    assert (pr["compromisos"] <= pr["apropiacion"]).all()
    g = pr.groupby("proyecto")
    for col in ("compromisos", "giros"):
        assert (g[col].diff().fillna(0) >= 0).all(), col
    dic = pr[pr["periodo"] == "2024-12"]
    assert (dic["compromisos_programados"] == dic["apropiacion"]).all()
    assert (dic["compromisos"] / dic["apropiacion"]).between(0.9, 1.0).all()
    ene = pr[pr["periodo"] == "2024-01"].set_index("proyecto")["apropiacion"]
    assert ene.to_dict() == plan["proyectos"].set_index("proyecto")["presupuesto_programado"].astype(float).to_dict()


def test_actividades(demo):
    sa = demo["seguimiento_actividades"].sort_values(["actividad", "periodo"])
    assert sa[["programado", "ejecutado"]].le(100).all().all()
    g = sa.groupby("actividad")
    for col in ("programado", "ejecutado"):
        assert (g[col].diff().fillna(0) >= 0).all(), col
    assert (g["programado"].last() == 100).all()
    fin = sa[sa["programado"] == 100].groupby("actividad")["periodo"].min()
    assert fin.nunique() >= 3  # terminan en distintos meses


def test_indicadores(demo, plan):
    si = demo["seguimiento_indicadores"].merge(plan["indicadores"][["indicador", "periodicidad", "unidad"]])
    paso = si["periodicidad"].map({"Mensual": 1, "Trimestral": 3, "Semestral": 6, "Anual": 12})
    assert (si["periodo"].str[5:].astype(int) % paso == 0).all()  # solo en meses de medición
    completa = si["numerador"].notna() & si["denominador"].notna()
    assert (si["resultado"].notna() | completa).all()
    assert (si["numerador"].fillna(0) <= si["denominador"].fillna(np.inf)).all()
    assert (si.loc[si["unidad"] != "%", "resultado"].notna()).all()
    gf = si.loc[si["indicador"] == "GF-01", "resultado"]
    assert (gf <= 6).sum() >= 8 and (gf > 6).sum() >= 1


def test_indicador_debido_sin_reporte_en_junio(demo, plan):
    ind = plan["indicadores"]
    debidos = set(ind.loc[ind["periodicidad"].isin(["Mensual", "Trimestral", "Semestral"]), "indicador"])
    si = demo["seguimiento_indicadores"]
    reportados = set(si.loc[si["periodo"] == "2024-06", "indicador"])
    assert 1 <= len(debidos - reportados) <= 3


def test_riesgos(demo, plan):
    sr = demo["seguimiento_riesgos"]
    assert set(sr["materializado"]) <= {"Sí", "No"}
    materializados = sr.loc[sr["materializado"] == "Sí"]
    assert 1 <= materializados["riesgo"].nunique() <= 6
    assert materializados["observaciones"].notna().all()
    assert len(sr) == 12 * len(plan["riesgos"])


def test_el_libro_incorporado_carga_sin_errores():
    import pai_analisis
    from pai_analisis.errores import ErrorValidacion

    try:
        libro = pai_analisis.cargar_libro()
    except ErrorValidacion as exc:  # pragma: no cover - mostrar qué falló
        pytest.fail("El año de demostración no valida:\n" + exc.problemas.to_string())
    assert libro.demostracion
    assert len(libro.advertencias) == 0  # el libro solo no tiene nada que advertir
    adv = pai_analisis.advertencias(libro)  # las advertencias que necesitan cifras calculadas
    assert (adv["nivel"] != "error").all()
    assert adv["esperado"].str.contains("sobreejecución").any()
    assert adv["esperado"].str.contains("falta en 2024-06").any()
