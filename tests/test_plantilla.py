"""La plantilla del libro: se relee igual que el plan incorporado y ayuda a diligenciarla."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from pai_analisis.libro import esquema
from pai_analisis.libro.carga import _crudas_incorporadas, cargar_libro
from pai_analisis.libro.lectura import leer_xlsx
from pai_analisis.libro.plan import HOJAS_PLAN
from pai_analisis.libro.plantilla import escribir_plantilla
from pai_analisis.libro.validacion import validar


@pytest.fixture(scope="module")
def plantilla(tmp_path_factory):
    return escribir_plantilla(tmp_path_factory.mktemp("plantilla") / "sub" / "plantilla.xlsx")


@pytest.fixture(scope="module")
def plantilla_con_ejemplo(tmp_path_factory):
    return escribir_plantilla(tmp_path_factory.mktemp("plantilla") / "ejemplo.xlsx", con_ejemplo=True)


def _comparar(leida: pd.DataFrame, incorporada: pd.DataFrame, hoja: str) -> None:
    contrato = [c.nombre for c in esquema.HOJAS[hoja]]
    pd.testing.assert_frame_equal(leida[contrato], incorporada[contrato], obj=hoja)
    extras = [c for c in incorporada.columns if c not in contrato and c != "_fila"]
    assert [c for c in leida.columns if c not in contrato and c != "_fila"] == extras, hoja
    for c in extras:  # columnas extra (``supuesto``): se conservan tal cual, vacío = vacío
        assert leida[c].where(leida[c].notna(), None).tolist() == incorporada[c].where(incorporada[c].notna(), None).tolist()


def test_plantilla_devuelve_la_ruta_y_crea_la_carpeta(plantilla):
    assert plantilla.exists() and plantilla.name == "plantilla.xlsx"


def test_plantilla_releida_da_el_mismo_plan(plantilla):
    tablas, problemas, vigencia = validar(leer_xlsx(plantilla))
    assert not (problemas["nivel"] == "error").any()
    assert problemas.empty  # sin seguimiento no hay reportes debidos
    assert vigencia == 2024
    esperado, _, _ = validar(_crudas_incorporadas())
    for hoja in HOJAS_PLAN:
        _comparar(tablas[hoja], esperado[hoja], hoja)
    for hoja in esquema.HOJAS_SEGUIMIENTO:
        assert tablas[hoja].empty, hoja


def test_plantilla_con_ejemplo_da_el_mismo_libro(plantilla_con_ejemplo):
    leido, incorporado = cargar_libro(plantilla_con_ejemplo), cargar_libro(None)
    assert leido.vigencia == incorporado.vigencia
    for hoja in esquema.HOJAS:
        _comparar(leido.hojas()[hoja], incorporado.hojas()[hoja], hoja)
    columnas = ["nivel", "hoja", "columna", "valor", "esperado"]
    pd.testing.assert_frame_equal(leido.advertencias[columnas], incorporado.advertencias[columnas])


def test_hojas_en_orden_con_instrucciones_y_listas_oculta(plantilla):
    wb = openpyxl.load_workbook(plantilla)
    assert wb.sheetnames == ["instrucciones", *esquema.HOJAS, "listas"]
    assert wb["listas"].sheet_state == "hidden"
    texto = " ".join(str(v) for fila in wb["instrucciones"].iter_rows(values_only=True) for v in fila if v)
    for fragmento in ("pai validar LIBRO.xlsx", "AAAA-MM", "millones", "0 a 100", "Suma", "Constante", "acumulad"):
        assert fragmento in texto
    for hoja, columnas in esquema.HOJAS.items():
        assert f"«{hoja}»" in texto
        for col in columnas:
            assert col.descripcion in texto


def test_encabezados_paneles_filtros_y_tipos(plantilla):
    wb = openpyxl.load_workbook(plantilla)
    for hoja, columnas in esquema.HOJAS.items():
        ws = wb[hoja]
        encabezado = [c.value for c in ws[1]]
        assert encabezado[: len(columnas)] == [c.nombre for c in columnas]
        assert all(c.font.b for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
    metas = wb["metas"]
    assert metas.column_dimensions["C"].width > metas.column_dimensions["A"].width  # nombre, más ancha
    fila = [c.value for c in metas[2]]
    assert isinstance(fila[0], int) and isinstance(fila[1], int)  # proyecto, meta: enteros
    assert "supuesto" in [c.value for c in metas[1]]


def test_listas_desplegables_en_columnas_codificadas(plantilla):
    wb = openpyxl.load_workbook(plantilla)
    listas = wb["listas"]
    for hoja, columnas in esquema.HOJAS.items():
        ws = wb[hoja]
        validaciones = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
        for j, col in enumerate(columnas, start=1):
            letra = openpyxl.utils.get_column_letter(j)
            dv = validaciones.get(f"{letra}2:{letra}2000")
            if col.tipo != "codigo":
                assert dv is None, (hoja, col.nombre)
                continue
            assert dv is not None and dv.type == "list", (hoja, col.nombre)
            assert dv.formula1.startswith("listas!$")
            rango = dv.formula1.split("!", 1)[1].replace("$", "")
            assert tuple(c.value for (c,) in listas[rango]) == col.valores


def test_periodos_como_texto_y_formulas_como_texto(tmp_path, monkeypatch, plantilla_con_ejemplo):
    wb = openpyxl.load_workbook(plantilla_con_ejemplo)
    ws = wb["seguimiento_metas"]
    assert ws["C2"].value == "2024-01" and ws["C2"].data_type == "s"
    assert isinstance(ws["A2"].value, int)

    from pai_analisis.libro import plan

    original = plan.tablas_plan_2024

    def con_formula():
        tablas = original()
        tablas["objetivos"].loc[0, "nombre"] = "=HYPERLINK(\"http://x\")"
        return tablas

    monkeypatch.setattr(plan, "tablas_plan_2024", con_formula)
    ruta = escribir_plantilla(tmp_path / "formula.xlsx")
    celda = openpyxl.load_workbook(ruta)["objetivos"]["B2"]
    assert celda.data_type == "s" and celda.value == "=HYPERLINK(\"http://x\")"
    assert leer_xlsx(ruta)["objetivos"].loc[0, "nombre"] == "=HYPERLINK(\"http://x\")"
