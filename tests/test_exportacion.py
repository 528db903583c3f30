"""Exportación de las métricas a .xlsx: hojas, formatos numéricos, semáforo condicional,
textos que no se vuelven fórmulas y escritura atómica."""

from __future__ import annotations

import errno
import math
import os
import zipfile

import openpyxl
import pytest
from libros_minimos import act, hacer_libro, ind, meta, si, sm

from pai_analisis import calcular_metricas  # con la frase de cada alerta (mensaje), como la CLI
from pai_analisis.cli import main
from pai_analisis.errores import ErrorEscritura
from pai_analisis.informes.excel import exportar_xlsx
from pai_analisis.informes.hojas_excel import MILLONES, PCT
from pai_analisis.libro.carga import cargar_libro
from pai_analisis.metricas.parametros import cargar_parametros

HOJAS = ["resumen", "objetivos", "proyectos", "metas", "presupuesto", "indicadores", "actividades", "riesgos", "alertas",
         "dependencias", "modificaciones", "armonizacion", "reprogramaciones", "dimensiones"]


@pytest.fixture(scope="module")
def metricas():
    return calcular_metricas(cargar_libro(), "2024-06")


@pytest.fixture(scope="module")
def libro_xlsx(metricas, tmp_path_factory):
    ruta = exportar_xlsx(metricas, tmp_path_factory.mktemp("exp") / "metricas.xlsx")
    return openpyxl.load_workbook(ruta)


def _columna(ws, encabezado: str) -> int:
    for c in ws[1]:
        if c.value == encabezado:
            return c.column
    raise AssertionError(f"no está la columna «{encabezado}» en la hoja {ws.title}: {[c.value for c in ws[1]]}")


def test_hojas_y_filas(libro_xlsx, metricas):
    assert libro_xlsx.sheetnames == HOJAS
    # presupuesto: 7 proyectos × 6 cortes (enero a junio); dimensiones: 8 + 7 + 43 + 46 + 25 + 88 = 217 códigos;
    # dependencias: las 19 que responden por algún elemento del plan 2024 (todos activos en junio)
    for hoja, n in [("objetivos", 8), ("proyectos", 7), ("metas", 43), ("presupuesto", 42), ("indicadores", 46),
                    ("actividades", 25), ("riesgos", 88), ("alertas", len(metricas.alertas)), ("dependencias", 19),
                    ("modificaciones", 0),
                    ("armonizacion", 0), ("reprogramaciones", 0), ("dimensiones", 217)]:
        assert libro_xlsx[hoja].max_row == n + 1, hoja


def test_encabezados_en_espanol_fijos_y_con_filtro(libro_xlsx):
    for hoja in HOJAS[1:]:
        ws = libro_xlsx[hoja]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert all(isinstance(c.value, str) and c.value for c in ws[1])
        assert all("_" not in c.value for c in ws[1]), [c.value for c in ws[1]]  # nada de nombres de columna internos
        assert ws.column_dimensions["A"].width >= 9
    assert "Cumplimiento (%)" in [c.value for c in libro_xlsx["metas"][1]]
    assert libro_xlsx["resumen"].freeze_panes == "A2"


def test_porcentajes_como_numeros_en_escala_0_100(libro_xlsx, metricas):
    ws = libro_xlsx["metas"]
    col = _columna(ws, "Cumplimiento (%)")
    for fila, esperado in zip(range(2, ws.max_row + 1), metricas.metas["cumplimiento"], strict=True):
        celda = ws.cell(fila, col)
        if math.isnan(esperado):
            assert celda.value is None  # indefinido → celda vacía, no 0 ni «nan»
        else:
            assert celda.data_type == "n" and celda.value == pytest.approx(esperado)  # bruto, sin dividir por 100
            assert celda.number_format == PCT
    assert max(c.value for c in ws[ws.cell(1, col).column_letter][1:] if c.value is not None) > 100  # sobreejecución bruta
    resumen = libro_xlsx["resumen"]
    assert resumen["A2"].value == "Índice PAI"
    assert resumen["B2"].value == pytest.approx(metricas.indice_pai) and resumen["B2"].number_format == PCT
    assert resumen["C2"].value == pytest.approx(metricas.anterior["indice_pai"])
    assert resumen["E2"].value == pytest.approx(metricas.proyeccion["indice_pai"])


def test_dinero_en_millones(libro_xlsx, metricas):
    ws = libro_xlsx["proyectos"]
    col = _columna(ws, "Presupuesto programado (millones)")
    celda = ws.cell(2, col)
    assert celda.number_format == MILLONES
    assert celda.value == pytest.approx(float(metricas.proyectos["presupuesto_programado"].iloc[0]))
    assert ws.cell(2, _columna(ws, "Ejecución presupuestal (%)")).number_format == PCT


def _reglas(ws) -> dict[str, list[str]]:
    return {str(cf.sqref): [f for r in cf.rules for f in r.formula] for cf in ws.conditional_formatting}


def test_semaforo_por_formato_condicional(libro_xlsx):
    ws = libro_xlsx["metas"]
    letra = ws.cell(1, _columna(ws, "Cumplimiento (%)")).column_letter
    reglas = _reglas(ws)
    assert f"{letra}2:{letra}44" in reglas
    formulas = reglas[f"{letra}2:{letra}44"]
    assert formulas == [f"AND(ISNUMBER({letra}2),{letra}2<70)", f"AND(ISNUMBER({letra}2),{letra}2>=70,{letra}2<90)",
                        f"AND(ISNUMBER({letra}2),{letra}2>=90)"]
    for hoja in ("objetivos", "proyectos", "indicadores", "actividades", "resumen"):
        assert _reglas(libro_xlsx[hoja]), hoja
    # los rellenos existen y son distintos para cada nivel
    colores = {r.dxf.fill.bgColor.rgb for cf in ws.conditional_formatting for r in cf.rules}
    assert len(colores) == 3


def test_semaforo_con_umbrales_de_los_parametros(tmp_path):
    libro = hacer_libro(metas=[meta(1)], seguimiento_metas=[sm(1, 1, 10, 6)])
    par = cargar_parametros(None, umbral_critico=55, umbral_satisfactorio=85.5)
    ruta = exportar_xlsx(calcular_metricas(libro, "2024-01", par), tmp_path / "m.xlsx")
    formulas = [f for fs in _reglas(openpyxl.load_workbook(ruta)["metas"]).values() for f in fs]
    assert any("<55" in f for f in formulas) and any(">=85.5" in f for f in formulas)


PELIGROSOS = ['=HYPERLINK("http://ejemplo.invalid","clic")', "+57 1 3813000", "-5 días", "@SUMA(A1)", "=1+1"]


def test_textos_peligrosos_quedan_como_texto(tmp_path):
    libro = hacer_libro(
        metas=[meta(k + 1, nombre=nombre) for k, nombre in enumerate(PELIGROSOS)],
        seguimiento_metas=[sm(k + 1, 1, 2, 1) for k in range(len(PELIGROSOS))],
        indicadores=[{**ind("GF-01"), "proceso": "=CMD|' /C calc'!A0", "nombre": "@hoy"}],
        seguimiento_indicadores=[si("GF-01", 1, resultado=80)],
        actividades=[{**act("A-01"), "nombre": "-1+2", "dependencia": "+Talento"}],
    )
    ruta = exportar_xlsx(calcular_metricas(libro, "2024-01"), tmp_path / "peligro.xlsx")
    wb = openpyxl.load_workbook(ruta)
    ws = wb["metas"]
    col = _columna(ws, "Nombre")
    for fila, nombre in enumerate(PELIGROSOS, start=2):
        celda = ws.cell(fila, col)
        assert celda.data_type == "s" and celda.value == nombre
        assert celda.quotePrefix
    ws = wb["indicadores"]
    assert ws.cell(2, _columna(ws, "Proceso")).value == "=CMD|' /C calc'!A0"
    assert ws.cell(2, _columna(ws, "Proceso")).data_type == "s"
    assert wb["actividades"].cell(2, _columna(wb["actividades"], "Nombre")).value == "-1+2"
    # en el XML no hay ninguna fórmula (<f>) salvo las de formato condicional, que no están en <c>
    with zipfile.ZipFile(ruta) as z:
        for nombre in z.namelist():
            if nombre.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(nombre).decode("utf-8"), nombre


def test_caracteres_de_control_no_rompen_la_exportacion(tmp_path):
    libro = hacer_libro(metas=[meta(1, nombre="Meta\x07 con campana")], seguimiento_metas=[sm(1, 1, 2, 1)])
    ruta = exportar_xlsx(calcular_metricas(libro, "2024-01"), tmp_path / "m.xlsx")
    ws = openpyxl.load_workbook(ruta)["metas"]
    assert ws.cell(2, _columna(ws, "Nombre")).value == "Meta con campana"


def test_libro_sin_datos_se_exporta(tmp_path):
    ruta = exportar_xlsx(calcular_metricas(hacer_libro(), "2024-01"), tmp_path / "sub" / "vacio.xlsx")
    wb = openpyxl.load_workbook(ruta)
    assert wb.sheetnames == HOJAS
    assert wb["metas"].max_row == 1
    assert wb["resumen"]["B2"].value is None  # índice indefinido: celda vacía


def test_escritura_atomica(tmp_path, metricas, monkeypatch):
    ruta = tmp_path / "metricas.xlsx"
    ruta.write_bytes(b"version anterior")

    def disco_lleno(fd):  # el libro ya se escribió a medias en el temporal; el disco se llena al asentarlo
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disco_lleno)
    with pytest.raises(ErrorEscritura, match="No se pudo escribir .*no queda espacio en el disco"):
        exportar_xlsx(metricas, ruta)
    assert ruta.read_bytes() == b"version anterior"  # el anterior sigue intacto
    assert [p.name for p in tmp_path.iterdir()] == ["metricas.xlsx"]  # sin temporales huérfanos
    monkeypatch.undo()
    assert exportar_xlsx(metricas, ruta) == ruta
    assert zipfile.is_zipfile(ruta)
    assert [p.name for p in tmp_path.iterdir()] == ["metricas.xlsx"]
    assert (ruta.stat().st_mode & 0o777) != 0o600  # el temporal no impone permisos privados


def test_cli_metricas_xlsx(tmp_path, capsys):
    salida = tmp_path / "m.xlsx"
    assert main(["metricas", "--periodo", "2024-06", "--formato", "xlsx", "--salida", str(salida)]) == 0
    assert openpyxl.load_workbook(salida).sheetnames == HOJAS
    assert "2024-06" in capsys.readouterr().out


def test_hoja_de_movimientos_con_negativo(tmp_path):
    """Sección 8.1: el movimiento del mes se escribe con su signo; la observación del corte lo explica.

    Los movimientos van en la hoja ``presupuesto`` del modelo (un corte por fila), no en una hoja aparte.
    """

    pres = [{"proyecto": 1, "periodo": f"2024-0{m}", "apropiacion": 100, "compromisos": c, "giros": g, "observaciones": o}
            for m, c, g, o in ((1, 40, 10, None), (2, 60, 30, None), (3, 10, 5, "anulación CRP 7; reintegro"))]
    m = calcular_metricas(hacer_libro(presupuesto=pres), "2024-03")
    ws = openpyxl.load_workbook(exportar_xlsx(m, tmp_path / "m.xlsx"))["presupuesto"]
    columnas = ["Proyecto", "Corte", "Apropiación (millones)", "Compromisos (millones)", "Movimiento compromisos (millones)",
                "Giros (millones)", "Movimiento giros (millones)", "Observación del corte"]
    indices = [_columna(ws, c) - 1 for c in columnas]
    filas = [[r[i].value for i in indices] for r in ws.iter_rows(min_row=2)]
    # marzo: compromisos 10 − 60 = −50, giros 5 − 30 = −25
    assert filas[-1] == [1, "2024-03", 100, 10, -50, 5, -25, "anulación CRP 7; reintegro"]
    assert [f[4] for f in filas] == [40, 20, -50]
    assert "movimientos" not in openpyxl.load_workbook(tmp_path / "m.xlsx").sheetnames  # sin duplicar
