"""Los formularios guardados por LibreOffice (sección 10): la identidad sobrevive y las respuestas llegan valor por valor.

Lo que se midió con LibreOffice 7.4 (``libreoffice.py``): la hoja ``_pai`` muy oculta vuelve como oculta
(LibreOffice no tiene el estado «muy oculta»), las propiedades personalizadas del documento, la protección
de las hojas, las celdas desbloqueadas y las validaciones de datos vuelven iguales; los números con más de
15 cifras significativas vuelven redondeados a 15 (por eso el contexto se escribe redondeado y los valores
se comparan con tolerancia relativa). El libro diminuto y las respuestas buenas son los de ``test_formularios``.
"""

from __future__ import annotations

import shutil

import openpyxl
import pandas as pd
import pytest
from conftest import guardar_libro
from libreoffice import convertir_xlsx, guardar_con_libreoffice, requiere_libreoffice
from test_formularios import ARCHIVOS, BUENAS, del_mes, hojas_oficina, responder

from pai_analisis.formularios.escritura import escribir_formularios
from pai_analisis.formularios.identidad import leer_identidad
from pai_analisis.formularios.lectura import leer_formulario
from pai_analisis.formularios.recogida import recoger_formularios
from pai_analisis.libro.carga import cargar_libro
from pai_analisis.libro.plantilla import escribir_plantilla

pytestmark = [requiere_libreoffice, pytest.mark.libreoffice]
SEGUIMIENTOS = {"seguimiento_metas": (["proyecto", "meta"], ["programado", "ejecutado", "observaciones"]),
                "seguimiento_indicadores": (["indicador"], ["resultado", "numerador", "denominador", "observaciones"]),
                "seguimiento_actividades": (["actividad"], ["programado", "ejecutado", "observaciones"]),
                "seguimiento_riesgos": (["riesgo"], ["materializado", "observaciones"])}


def test_la_identidad_y_la_proteccion_sobreviven_a_libreoffice(tmp_path):
    libro = guardar_libro(tmp_path / "libro.xlsx", hojas_oficina())
    escribir_formularios("2024-06", salida=tmp_path / "enviar", datos=libro)
    original = tmp_path / "enviar" / "oficina_b.xlsx"
    guardado = guardar_con_libreoffice(original, tmp_path / "lo" / "oficina_b.xlsx")
    assert guardado.read_bytes() != original.read_bytes()
    wb = openpyxl.load_workbook(guardado)
    assert wb["_pai"].sheet_state == "hidden"  # muy oculta → oculta
    antes = leer_identidad(openpyxl.load_workbook(original))
    assert leer_identidad(wb) == antes and leer_identidad(wb).sello() == antes.sello()
    ws = wb["indicadores"]
    assert ws.protection.sheet and not ws.protection.password
    assert [ws.cell(2, j).protection.locked for j in range(1, 13)] == [True] * 8 + [False] * 4
    assert sorted(str(dv.sqref) for dv in ws.data_validations.dataValidation) == ["I2", "J2", "K2", "L2"]
    leido = leer_formulario(guardado)
    assert leido.identidad == antes and leido.danado is None
    r = recoger_formularios(guardado.parent, periodo="2024-06", libro=libro)
    assert r.problemas.empty and r.codigo_salida == 0  # sin llenar: nada que hacer, sin problemas de forma


def test_respuestas_guardadas_por_libreoffice_se_fusionan_valor_por_valor(tmp_path):
    libro = guardar_libro(tmp_path / "libro.xlsx", hojas_oficina())
    escribir_formularios("2024-06", salida=tmp_path / "enviar", datos=libro)
    llenos = [responder(tmp_path / "enviar" / a, tmp_path / "llenos" / a, BUENAS[a]) for a in ARCHIVOS.values()]
    # un cuarto archivo: el de Oficina A con texto en un número y su nombre cambiado, también guardado por LibreOffice
    malo = responder(tmp_path / "enviar" / "oficina_a.xlsx", tmp_path / "llenos" / "a_mal.xlsx",
                     {"metas": {(2, "programado"): 1, (2, "ejecutado"): "uno"}},
                     lambda wb: setattr(wb["metas"]["C2"], "value", "Otra meta"))
    convertir_xlsx([*llenos[1:], malo], tmp_path / "recibidos")
    r = recoger_formularios(tmp_path / "recibidos", periodo="2024-06", libro=libro, aplicar=True)
    assert r.codigo_salida == 1
    assert sorted(zip(r.problemas["regla"], r.problemas["fila"], r.problemas["columna"], r.problemas["valor"], strict=True)) == [
        ("celda_bloqueada", 2, "nombre", "Otra meta"), ("no_numero", 2, "ejecutado", "uno")]
    mes = del_mes(libro, "2024-06")
    assert sorted(mes) == [("seguimiento_actividades", "TH-01"), ("seguimiento_indicadores", "GF-01"), ("seguimiento_metas", "7867-2")]
    # ahora el bueno de Oficina A, guardado por LibreOffice; el malo se retira
    (tmp_path / "recibidos" / "a_mal.xlsx").unlink()
    convertir_xlsx(llenos[:1], tmp_path / "recibidos")
    r = recoger_formularios(tmp_path / "recibidos", periodo="2024-06", libro=libro, aplicar=True)
    assert r.codigo_salida == 0 and r.aplicada
    mes = del_mes(libro, "2024-06")
    assert (mes["seguimiento_metas", "7867-1"]["ejecutado"], mes["seguimiento_indicadores", "GF-01"]["numerador"],
            mes["seguimiento_actividades", "TH-01"]["observaciones"]) == (1, 46, "Dos cursos")
    antes = libro.read_bytes()
    assert recoger_formularios(tmp_path / "recibidos", periodo="2024-06", libro=libro, aplicar=True).codigo_salida == 0
    assert libro.read_bytes() == antes


def _sin_meses(origen, destino, meses):
    """El libro sin las filas de seguimiento de ``meses`` (openpyxl, como lo haría la Oficina)."""
    wb = openpyxl.load_workbook(origen)
    for hoja in SEGUIMIENTOS:
        ws = wb[hoja]
        col = [c.value for c in ws[1]].index("periodo") + 1
        for fila in reversed([f for f in range(2, ws.max_row + 1) if ws.cell(f, col).value in meses]):
            ws.delete_rows(fila)
    wb.save(destino)
    return destino


def _mes(libro, periodo):
    datos, p = cargar_libro(libro), pd.Period(periodo, "M")
    salida = {}
    for hoja, (claves, valores) in SEGUIMIENTOS.items():
        t = getattr(datos, hoja)
        t = t[t["periodo"] == p].set_index(claves)[valores].sort_index()
        salida[hoja] = t.astype(object).where(t.notna(), None)
    return salida


@pytest.mark.lento
def test_el_mes_de_todas_las_dependencias_del_ejemplo_ida_y_vuelta(tmp_path):
    """El año de demostración sin julio a diciembre: los 19 formularios de julio, llenos con las cifras de julio del ejemplo
    (openpyxl), guardados por LibreOffice y recogidos, dejan julio igual al del ejemplo, valor por valor."""
    original = escribir_plantilla(tmp_path / "ejemplo.xlsx", con_ejemplo=True)
    libro = _sin_meses(original, tmp_path / "libro.xlsx", {f"2024-{m:02d}" for m in range(7, 13)})
    hechos = escribir_formularios("2024-07", salida=tmp_path / "enviar", datos=libro)
    assert len(hechos.tabla) == 19 and hechos.tabla["total"].sum() == 188
    julio = _mes(original, "2024-07")
    llenos = []
    for archivo in hechos.tabla["archivo"]:
        wb = openpyxl.load_workbook(tmp_path / "enviar" / archivo)
        for ws in wb.worksheets[1:-1]:
            hoja = f"seguimiento_{ws.title}"
            claves, valores = SEGUIMIENTOS[hoja]
            pos = {c.value: c.column for c in ws[1]}
            for f in range(2, ws.max_row + 1):
                clave = tuple(ws.cell(f, pos[c]).value for c in claves)
                fila = julio[hoja].loc[clave if len(clave) > 1 else clave[0]]
                for c in valores:
                    v = fila[c]
                    ws.cell(f, pos[c]).value = ("Sí" if v else "No") if c == "materializado" else v
        llenos.append(tmp_path / "llenos" / archivo)
        llenos[-1].parent.mkdir(exist_ok=True)
        wb.save(llenos[-1])
    convertir_xlsx(llenos, tmp_path / "recibidos")
    r = recoger_formularios(tmp_path / "recibidos", periodo="2024-07", libro=libro, aplicar=True)
    assert r.codigo_salida == 0 and r.problemas.empty, r.texto
    assert sum(len(x.escritos) for x in r.recibidos) == 188
    despues = _mes(libro, "2024-07")
    for hoja in SEGUIMIENTOS:
        pd.testing.assert_frame_equal(despues[hoja], julio[hoja], check_dtype=False)
    antes = libro.read_bytes()
    otra = recoger_formularios(tmp_path / "recibidos", periodo="2024-07", libro=libro, aplicar=True)
    assert otra.codigo_salida == 0 and not otra.aplicada and libro.read_bytes() == antes
    shutil.rmtree(tmp_path / "llenos")
