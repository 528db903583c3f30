"""Los libros de pai en un programa de hojas de cálculo de verdad (sección 9): LibreOffice sin interfaz.

Lo que pai escribe para personas (la plantilla, la exportación a Excel) abre en LibreOffice y
muestra lo que pai lee; un libro guardado por LibreOffice se carga igual; el libro vivo de la
Oficina (``libro_oficina.py``) abre con sus fórmulas calculadas. Y, como caracterización de
LibreOffice 7.4 (ver el docstring de ``libreoffice.py``), lo que el escritor debe tener en cuenta:
``fullCalcOnLoad`` no se lee, y una fórmula compartida sin ancla deja vacías sus demás celdas.

Cada llamada a ``soffice`` cuesta segundos: los libros se convierten juntos, una vez por módulo.
"""

from __future__ import annotations

import functools
import getpass
import math
import re
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from libreoffice import (
    abierto_en_libreoffice,
    bloqueo_excel,
    bloqueo_libreoffice,
    celda,
    con_libreoffice,
    convertir_xlsx,
    valores_xlsx,
)
from libro_oficina import HOJA, TABLERO, base_oficina, construir_libro_oficina
from xlsx_xml import N, a_bytes, escribir_partes, leer_partes, parte_de_hoja, pisar_celda, xml

from pai_analisis.cli import main
from pai_analisis.libro.carga import cargar_libro
from pai_analisis.libro.lectura import leer_xlsx

VARIANTES = {"oficina": {}, "tabla": {"tabla": True}, "autofiltro": {"autofiltro": True}, "sin_cache": {"sin_cache": True}}
valores_de = functools.cache(valores_xlsx)  # cada libro se lee una vez por módulo (las pruebas no cambian las filas)
_LINEA_LIBREOFFICE = re.compile(r"^((?:[^,;\\]|\\.)*),((?:[^,;\\]|\\.)*),((?:[^,;\\]|\\.)*),(\d\d\.\d\d\.\d{4} \d\d:\d\d),(file:///[^;]*);$")


def _calcular_al_abrir(ruta: Path) -> None:
    """``<calcPr fullCalcOnLoad="1"/>``, lo que el escritor pone en todo libro que escribe."""
    partes = leer_partes(ruta)
    libro = xml(partes["xl/workbook.xml"])
    libro.find("m:calcPr", N).set("fullCalcOnLoad", "1")
    partes["xl/workbook.xml"] = a_bytes(libro)
    ruta.write_bytes(escribir_partes(partes))


@pytest.fixture(scope="module")
def libros(tmp_path_factory) -> dict[str, Path]:
    """Los libros de pai para personas y el de la Oficina con sus variantes, más dos escrituras simuladas."""
    d = tmp_path_factory.mktemp("libreoffice")
    assert main(["plantilla", str(d / "plantilla.xlsx")]) == 0
    assert main(["plantilla", str(d / "plantilla_ejemplo.xlsx"), "--con-ejemplo"]) == 0
    assert main(["metricas", "--periodo", "2024-06", "--formato", "xlsx", "--salida", str(d / "exportacion.xlsx")]) == 0
    libros = {n: d / f"{n}.xlsx" for n in ("plantilla", "plantilla_ejemplo", "exportacion")}
    base = base_oficina(d)  # la plantilla con ejemplo guardada por LibreOffice, como en la reproducción del issue
    for nombre, opciones in VARIANTES.items():
        formulas = {"D10": None} if nombre == "sin_cache" else None  # compromisos de una fila: =<su valor>+0
        libros[nombre] = construir_libro_oficina(d / f"{nombre}.xlsx", base, formulas=formulas, **opciones).ruta
    libros["ancla_pisada"] = shutil.copyfile(libros["oficina"], d / "ancla_pisada.xlsx")
    pisar_celda(libros["ancla_pisada"], HOJA, "E2", 353.9)  # el escritor ingenuo: la misma cifra, sin la fórmula
    libros["escrito"] = shutil.copyfile(libros["oficina"], d / "escrito.xlsx")
    pisar_celda(libros["escrito"], HOJA, "D2", 5000.0)  # compromisos de 7867 en 2024-01: 4063,9 → 5000
    pisar_celda(libros["escrito"], HOJA, "H2", 400_000_000.0)  # giros en pesos de esa fila: giros (E2) = 400
    _calcular_al_abrir(libros["escrito"])
    return libros


@pytest.fixture(scope="module")
def en_lo(libros, tmp_path_factory) -> dict[str, Path]:
    """Cada libro abierto y guardado por LibreOffice con las opciones de fábrica, en una sola llamada."""
    return dict(zip(libros, convertir_xlsx(list(libros.values()), tmp_path_factory.mktemp("guardados"))))


@pytest.fixture(scope="module")
def recalculados(libros, tmp_path_factory) -> dict[str, Path]:
    """La Oficina y la escritura simulada con «recalcular siempre al cargar» (lo que hace Excel con fullCalcOnLoad)."""
    hechos = convertir_xlsx([libros["oficina"], libros["escrito"]], tmp_path_factory.mktemp("recalculados"), recalcular=True)
    return dict(zip(("oficina", "escrito"), hechos))


@pytest.fixture(scope="module")
def ejemplo(libros) -> pd.DataFrame:
    """``presupuesto`` de la plantilla con ejemplo, crudo (con ``_fila``): lo que tenía el libro antes de la Oficina."""
    return leer_xlsx(libros["plantilla_ejemplo"], ["presupuesto"])["presupuesto"]


def _sumas(ejemplo: pd.DataFrame) -> dict[str, float]:
    """Lo que deben mostrar las celdas B2:B6 del tablero."""
    s = {c: math.fsum(ejemplo[c].astype(float)) for c in ("apropiacion", "compromisos", "giros")}
    return {"B2": s["apropiacion"], "B3": s["compromisos"], "B4": s["giros"], "B5": s["giros"] * 1e6,
            "B6": 100 * s["compromisos"] / s["apropiacion"]}


def _iguales(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, int | float) and isinstance(b, int | float) and math.isclose(a, b, rel_tol=1e-14)
    return a == b


@con_libreoffice
@pytest.mark.parametrize("nombre", ["plantilla", "plantilla_ejemplo"])
def test_la_plantilla_muestra_en_libreoffice_lo_que_lee_pai(libros, en_lo, nombre):
    vistos = valores_de(en_lo[nombre])
    assert list(vistos) == openpyxl.load_workbook(libros[nombre], read_only=True).sheetnames  # instrucciones y listas también
    comparadas = 0
    for hoja, df in leer_xlsx(libros[nombre]).items():
        encabezado = vistos[hoja][0]
        for registro in df.to_dict("records"):
            fila = vistos[hoja][registro.pop("_fila") - 1]
            for columna, valor in registro.items():
                assert fila[encabezado.index(columna)] == valor, (hoja, columna, registro)
                comparadas += 1
    assert comparadas > (10_000 if nombre == "plantilla_ejemplo" else 300)


@con_libreoffice
def test_la_exportacion_a_excel_muestra_en_libreoffice_lo_que_escribio_pai(libros, en_lo):
    escritos, vistos = valores_de(libros["exportacion"], data_only=False), valores_de(en_lo["exportacion"])
    assert list(vistos) == list(escritos)
    for hoja, filas in escritos.items():
        assert len(vistos[hoja]) == len(filas), hoja
        for n, (fila, vista) in enumerate(zip(filas, vistos[hoja]), start=1):
            assert len(vista) == len(fila) and all(map(_iguales, fila, vista)), (hoja, n, fila, vista)


@con_libreoffice
@pytest.mark.parametrize("nombre", ["plantilla", "plantilla_ejemplo", "oficina"])
def test_un_libro_guardado_por_libreoffice_se_carga_igual(libros, en_lo, nombre):
    antes, despues = cargar_libro(libros[nombre]), cargar_libro(en_lo[nombre])
    for hoja, tabla in antes.hojas().items():
        pd.testing.assert_frame_equal(getattr(despues, hoja), tabla, obj=hoja)
    pd.testing.assert_frame_equal(despues.advertencias, antes.advertencias)
    assert (despues.vigencia, despues.marcas, despues.demostracion) == (antes.vigencia, antes.marcas, antes.demostracion)
    assert despues.demostracion is (nombre != "plantilla")  # la marca de demostración sobrevive


@con_libreoffice
@pytest.mark.parametrize("variante", list(VARIANTES))
def test_el_libro_de_la_oficina_abre_en_libreoffice_con_sus_formulas_calculadas(libros, en_lo, ejemplo, variante):
    vistos = valores_de(en_lo[variante])
    presupuesto, tablero = vistos[HOJA], vistos[TABLERO]
    assert presupuesto[0][4:8] == ["giros", "compromisos_programados", "observaciones", "giros_pesos"]
    for registro in ejemplo.to_dict("records"):
        n = registro["_fila"]
        assert celda(presupuesto, f"E{n}") == registro["giros"], n  # la fórmula compartida =H/1000000, calculada
        assert celda(presupuesto, f"H{n}") == pytest.approx(registro["giros"] * 1e6, rel=1e-12)
        assert celda(presupuesto, f"D{n}") == registro["compromisos"], n
    for ref, esperado in _sumas(ejemplo).items():
        assert celda(tablero, ref) == pytest.approx(esperado, rel=1e-12), ref
    por_proyecto = {fila[0]: fila[1] for fila in tablero[8:]}
    assert por_proyecto == pytest.approx(ejemplo.groupby("proyecto")["giros"].sum().to_dict(), rel=1e-12)
    assert main(["validar", str(libros[variante])]) == (1 if variante == "sin_cache" else 0)  # sin caché: error que lo dice


@con_libreoffice
def test_los_valores_guardados_del_libro_de_la_oficina_son_los_que_calcula_una_hoja_de_calculo(en_lo, recalculados):
    assert valores_de(recalculados["oficina"]) == valores_de(en_lo["oficina"])
    formulas = valores_de(en_lo["oficina"], data_only=False)
    assert (celda(formulas[HOJA], "E2"), celda(formulas[HOJA], "E85")) == ("=H2/1000000", "=H85/1000000")


@con_libreoffice
def test_la_tabla_y_el_autofiltro_de_la_oficina_abren_en_libreoffice(en_lo):
    partes = leer_partes(en_lo["tabla"])
    tablas = [xml(d) for n, d in partes.items() if n.startswith("xl/tables/")]
    assert [(t.get("ref"), [c.get("name") for c in t.iterfind("m:tableColumns/m:tableColumn", N)]) for t in tablas] == [
        ("A1:H85", ["proyecto", "periodo", "apropiacion", "compromisos", "giros", "compromisos_programados", "observaciones",
                    "giros_pesos"])]
    partes = leer_partes(en_lo["autofiltro"])
    assert xml(partes[parte_de_hoja(partes, HOJA)]).find("m:autoFilter", N).get("ref") == "A1:H85"


@con_libreoffice
def test_una_formula_compartida_sin_ancla_deja_vacias_sus_demas_celdas_en_libreoffice(libros, en_lo, ejemplo):
    """El issue: el escritor cambió el ``<f>`` del ancla E2 por un ``<v>``; las otras 83 celdas de giros se ven vacías."""
    guardados, vistos = valores_de(libros["ancla_pisada"]), valores_de(en_lo["ancla_pisada"])
    giros = ejemplo["giros"].tolist()
    assert [celda(guardados[HOJA], f"E{n}") for n in range(2, 86)] == giros  # lo que lee pai: nada raro
    assert celda(vistos[HOJA], "E2") == giros[0]
    assert [celda(vistos[HOJA], f"E{n}") for n in range(3, 86)] == [None] * 83  # lo que ve la Oficina


@con_libreoffice
def test_libreoffice_no_recalcula_al_abrir_aunque_el_libro_pida_fullCalcOnLoad(en_lo, recalculados, ejemplo):
    sumas = _sumas(ejemplo)
    de_fabrica, siempre = valores_de(en_lo["escrito"]), valores_de(recalculados["escrito"])
    for vistos in (de_fabrica, siempre):  # la fórmula compartida se calcula siempre
        assert (celda(vistos[HOJA], "D2"), celda(vistos[HOJA], "E2")) == (5000, 400)
    assert celda(de_fabrica[TABLERO], "B3") == pytest.approx(sumas["B3"], rel=1e-12)  # el SUM viejo, no el nuevo
    assert celda(de_fabrica[TABLERO], "B4") == pytest.approx(sumas["B4"], rel=1e-12)
    assert celda(siempre[TABLERO], "B3") == pytest.approx(sumas["B3"] - 4063.9 + 5000, rel=1e-12)
    assert celda(siempre[TABLERO], "B4") == pytest.approx(sumas["B4"] - 353.9 + 400, rel=1e-12)


def test_el_bloqueo_de_excel_tiene_el_formato_del_archivo_de_propietario(tmp_path):
    datos = bloqueo_excel(tmp_path / "libro.xlsx", "Ana Pérez").read_bytes()
    assert (tmp_path / "~$libro.xlsx").is_file() and len(datos) == 165
    assert datos[0] == 9 and datos[1:10].decode("cp1252") == "Ana Pérez" and datos[10:55] == b" " * 45
    assert int.from_bytes(datos[55:57], "little") == 9 and datos[57:75].decode("utf-16-le") == "Ana Pérez"
    assert datos[75:] == b" \x00" * 45
    # como lo lee LibreOffice (msodocumentlockfile.cxx): la longitud UTF-16 en el byte 54 (Word) o en el 55 (Excel)
    largo = datos[54] if datos[54] != 0x20 or datos[53] == datos[52] == 0 else datos[55]
    assert datos[57:57 + 2 * largo].decode("utf-16-le") == "Ana Pérez"
    assert len(bloqueo_excel(tmp_path / "otro.xlsx", "x" * 80).read_bytes()) == 165  # nombre recortado a 52


def test_el_lector_de_pai_dice_quien_tiene_abierto_el_libro(tmp_path):
    from pai_analisis.libro.bloqueos import quien_lo_tiene_abierto

    excel, lo = tmp_path / "excel.xlsx", tmp_path / "lo.xlsx"
    bloqueo_excel(excel, "Ana Pérez")
    bloqueo_libreoffice(lo, "jgomez", nombre="Julián Gómez")
    assert "Ana Pérez" in quien_lo_tiene_abierto(excel)
    assert "Julián Gómez" in quien_lo_tiene_abierto(lo)
    assert quien_lo_tiene_abierto(tmp_path / "cerrado.xlsx") is None


@con_libreoffice
def test_el_bloqueo_de_libreoffice_es_como_el_que_deja_libreoffice(libros, tmp_path):
    libro = shutil.copyfile(libros["plantilla"], tmp_path / "abierto.xlsx")
    with abierto_en_libreoffice(libro) as bloqueo:
        real = bloqueo.read_text(encoding="utf-8")
        from pai_analisis.libro.bloqueos import quien_lo_tiene_abierto

        assert getpass.getuser() in quien_lo_tiene_abierto(libro)
    assert not bloqueo.exists()
    campos = _LINEA_LIBREOFFICE.match(real)
    assert campos and campos[2] == getpass.getuser(), real
    hecho = bloqueo_libreoffice(tmp_path / "otro.xlsx", "ana", nombre="Pérez, Ana; \\ Planeación").read_text(encoding="utf-8")
    assert _LINEA_LIBREOFFICE.match(hecho) and hecho.startswith("Pérez\\, Ana\\; \\\\ Planeación,ana,"), hecho
