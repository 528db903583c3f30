"""``pai importar crp`` (sección 8.2): el reporte de CRP de BogData en su diseño exacto, al libro.

Los reportes salen de :mod:`reportes_crp` (todas las columnas de la referencia, los pares de
fechas repetidos, pesos); las sumas esperadas están hechas a mano allí (``ESPERADO_JUNIO``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from reportes_crp import ENCABEZADO, ESPERADO_JUNIO, FILAS_JUNIO, TOTALES_JUNIO, escribir_reporte, fila, pep, rubro_inversion

from pai_analisis.cli import main
from pai_analisis.errores import ErrorReporte
from pai_analisis.fuentes.crp import ANTERIORES, FUNCIONAMIENTO, leer_reporte_crp
from pai_analisis.libro.importacion import importar_crp
from pai_analisis.libro.marcas import leer_marcas

MARCA_JUNIO = "[BogData CRP «crp.xlsx», corte 2024-06-30]"


# ---------------------------------------------------------------- el lector (etapa fuentes)

def test_sumas_por_proyecto_hechas_a_mano(tmp_path):
    r = leer_reporte_crp(escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO))
    assert (r.fecha_inicial, r.corte, r.vigencia, r.filas) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30), 2024, 12)
    obtenido = {int(p.proyecto): (p.compromisos, p.giros) for p in r.proyectos.itertuples()}
    assert set(obtenido) == set(ESPERADO_JUNIO)
    for proyecto, esperado in ESPERADO_JUNIO.items():
        assert obtenido[proyecto] == pytest.approx(esperado), proyecto
    assert dict(zip(r.proyectos["proyecto"], r.proyectos["filas"])) == {7867: 2, 7868: 1, 7869: 1, 7870: 2, 7871: 1, 7872: 1, 7873: 1}
    assert r.totales == pytest.approx(TOTALES_JUNIO)
    fuera = r.fuera.set_index("clase")
    # vigencias anteriores: 1.200.000.000 + 300.000.000 de neto; 1.000.000.000 + 300.000.000 girados
    assert fuera.loc[ANTERIORES].tolist() == [2, 1_500_000_000, 1_300_000_000]
    assert fuera.loc[FUNCIONAMIENTO].tolist() == [1, 450_000_000, 200_000_000]


def test_el_encabezado_es_el_de_la_referencia():
    assert len(ENCABEZADO) == 44 and ENCABEZADO.count("Fecha Inicial") == 2 and ENCABEZADO.count("Fecha Final") == 2
    assert "Reponsable" in ENCABEZADO and "Decripción Concepto Gasto" in ENCABEZADO and "Responsable" not in ENCABEZADO


def test_el_corte_es_el_primer_par_de_fechas(tmp_path):
    # el segundo par (fechas del compromiso) termina en diciembre: no es el corte
    filas = [fila(1, rubro_inversion(7867), pep(7867), 100, 0, 50, _compromiso=(dt.datetime(2024, 3, 1), dt.datetime(2024, 12, 31)))]
    assert leer_reporte_crp(escribir_reporte(tmp_path / "r.xlsx", filas)).corte == dt.date(2024, 6, 30)


def test_fechas_del_rango_como_texto_de_sap(tmp_path):
    filas = [fila(1, rubro_inversion(7867), pep(7867), 100, 0, 50, _rango=("01.01.2024", "31.05.2024"))]
    assert leer_reporte_crp(escribir_reporte(tmp_path / "r.xlsx", filas)).corte == dt.date(2024, 5, 31)


def _sin_columna(nombre):
    return [c for c in ENCABEZADO if c != nombre]


R, P = rubro_inversion, pep
MALOS = {
    # caso: (filas, opciones de escribir_reporte, textos que el error debe nombrar)
    "rubro y PEP no coinciden": ([*FILAS_JUNIO[:2], fila(9, R(7868), P(7869), 10, 0, 5)], {},
                                 ["fila 4", "«Elemento PEP»", "PM/0008/0101/45990007869", "termine en 7868"]),
    "clave repetida": ([*FILAS_JUNIO, fila(500101, R(7867), P(7867), 10, 0, 5)], {},
                       ["fila 14", "N° Interno CRP + N° Posición CRP", "500101 / 1", "ya aparece en la fila 2"]),
    "clave repetida como texto": ([fila(7, R(7867), P(7867), 10, 0, 5), fila(8, R(7867), P(7867), 10, 0, 5,
                                                                            **{"N° Interno CRP": " 7 "})], {},
                                  ["fila 3", "7 / 1", "ya aparece en la fila 2"]),
    "texto con separadores": ([fila(1, R(7867), P(7867), 100, 0, 50, **{"Valor Neto": "100.000.000"})], {},
                              ["fila 2", "«Valor Neto»", "100.000.000", "un número en pesos"]),
    "monto vacío": ([fila(1, R(7867), P(7867), 100, 0, 50, **{"Autorizacion giro": None})], {},
                    ["fila 2", "«Autorizacion giro»", "(vacío)"]),
    "Valor Neto no cuadra": ([fila(1, R(7867), P(7867), 1000, 100, 50, **{"Valor Neto": 950, "Com.Sin.Aut.Giro": 900})], {},
                             ["fila 2", "«Valor Neto»", "Valor CRP − Anulaciones = 900"]),
    "reintegro restado del neto": ([fila(1, R(7867), P(7867), 1000, 0, 500, reintegros=100,
                                         **{"Valor Neto": 900, "Com.Sin.Aut.Giro": 400})], {}, ["«Valor Neto»", "= 1.000"]),
    "Com.Sin.Aut.Giro no cuadra": ([fila(1, R(7867), P(7867), 1000, 0, 300, **{"Com.Sin.Aut.Giro": 600})], {},
                                   ["fila 2", "«Com.Sin.Aut.Giro»", "= 700"]),
    "rubro desconocido": ([fila(1, "O2401010101", None, 10, 0, 5)], {}, ["fila 2", "«Rubro»", "O2401010101"]),
    "rubro de inversión corto": ([fila(1, "O2301174599202478670100", P(7867), 10, 0, 5)], {}, ["«Rubro»", "24 caracteres"]),
    "otro año": ([fila(1, R(7867), P(7867), 10, 0, 5, Ejercicio=2023)], {}, ["«Ejercicio»", "2023"]),
    "falta una columna": (FILAS_JUNIO, {"encabezado": _sin_columna("Autorizacion giro")}, ["columna «Autorizacion giro»"]),
    "un solo par de fechas": (FILAS_JUNIO, {"encabezado": ENCABEZADO[:9] + ENCABEZADO[11:]}, ["«Fecha Inicial»", "dos veces"]),
    "hoja que no es Data": (FILAS_JUNIO, {"hoja": "Hoja1"}, ["no tiene la hoja «Data»", "Hoja1"]),
}


@pytest.mark.parametrize("caso", MALOS)
def test_cada_reporte_malo_se_nombra(tmp_path, caso):
    filas, opciones, textos = MALOS[caso]
    ruta = escribir_reporte(tmp_path / "malo.xlsx", filas, **opciones)
    with pytest.raises(ErrorReporte) as exc:
        leer_reporte_crp(ruta)
    for texto in textos:
        assert texto in str(exc.value), (texto, str(exc.value))


def test_se_reunen_todos_los_problemas(tmp_path):
    filas = [fila(1, R(7867), P(7868), 10, 0, 5), fila(2, R(7867), P(7867), 10, 0, 5, **{"Valor Neto": "10"}),
             fila(3, "X1", None, 10, 0, 5)]
    with pytest.raises(ErrorReporte) as exc:
        leer_reporte_crp(escribir_reporte(tmp_path / "r.xlsx", filas))
    assert list(exc.value.problemas["fila"]) == [2, 3, 4]
    assert "3 problema(s)" in str(exc.value)


def test_archivo_truncado_o_que_no_es_xlsx(tmp_path):
    completo = escribir_reporte(tmp_path / "completo.xlsx", FILAS_JUNIO).read_bytes()
    (tmp_path / "truncado.xlsx").write_bytes(completo[: len(completo) // 2])
    (tmp_path / "texto.xlsx").write_text("Ejercicio;Rubro\n2024;O23011\n", encoding="utf-8")
    for nombre in ("truncado.xlsx", "texto.xlsx"):
        with pytest.raises(ErrorReporte, match="no es un libro .xlsx legible"):
            leer_reporte_crp(tmp_path / nombre)


def test_hoja_data_rota_por_dentro(tmp_path):
    """Un zip que abre pero con el XML de la hoja cortado a la mitad, o con bytes dañados."""
    import zipfile

    completo = escribir_reporte(tmp_path / "completo.xlsx", FILAS_JUNIO)
    with zipfile.ZipFile(completo) as a, zipfile.ZipFile(tmp_path / "xml.xlsx", "w") as b:
        for info in a.infolist():
            datos = a.read(info.filename)
            b.writestr(info, datos[: len(datos) // 2] if info.filename == "xl/worksheets/sheet1.xml" else datos)
    with pytest.raises(ErrorReporte, match="no se puede leer entera"):
        leer_reporte_crp(tmp_path / "xml.xlsx")
    datos = bytearray(completo.read_bytes())
    with zipfile.ZipFile(completo) as z:
        hoja = z.getinfo("xl/worksheets/sheet1.xml")
    medio = hoja.header_offset + 30 + len(hoja.filename) + len(hoja.extra) + hoja.compress_size // 2
    datos[medio: medio + 20] = bytes(b ^ 0xFF for b in datos[medio: medio + 20])
    (tmp_path / "bytes.xlsx").write_bytes(bytes(datos))
    with pytest.raises(ErrorReporte, match="legible|no se puede leer entera"):
        leer_reporte_crp(tmp_path / "bytes.xlsx")


def test_tolerancia_de_un_centavo(tmp_path):
    # 0,004 pesos de ruido de coma flotante se aceptan; 0,02 no
    bien = fila(1, R(7867), P(7867), 1000.5, 0.25, 500, **{"Valor Neto": 1000.254, "Com.Sin.Aut.Giro": 500.25})
    assert leer_reporte_crp(escribir_reporte(tmp_path / "a.xlsx", [bien])).filas == 1
    mal = fila(1, R(7867), P(7867), 1000.5, 0.25, 500, **{"Valor Neto": 1000.27, "Com.Sin.Aut.Giro": 500.27})
    with pytest.raises(ErrorReporte, match="Valor Neto"):
        leer_reporte_crp(escribir_reporte(tmp_path / "b.xlsx", [mal]))


# ---------------------------------------------------------------- ida y vuelta sobre el libro incorporado

def _libro(tmp_path) -> Path:
    assert main(["plantilla", str(tmp_path / "libro.xlsx"), "--con-ejemplo"]) == 0
    return tmp_path / "libro.xlsx"


def _foto(ruta: Path) -> dict:
    """Todo lo que la importación no debe tocar: valores, estilos, validaciones, hojas, propiedades."""
    wb = openpyxl.load_workbook(ruta)
    foto = {"hojas": [(ws.title, ws.sheet_state) for ws in wb.worksheets],
            "propiedades": sorted((p.name, str(p.value)) for p in wb.custom_doc_props),
            "nombres": sorted(wb.defined_names), "marcas": leer_marcas(ruta)}
    for ws in wb.worksheets:
        foto[ws.title, "validaciones"] = sorted((v.type, v.formula1, str(v.sqref)) for v in ws.data_validations.dataValidation)
        foto[ws.title, "columnas"] = {k: d.width for k, d in ws.column_dimensions.items()}
        foto[ws.title, "congelado"] = ws.freeze_panes
        for celdas in ws.iter_rows():
            for c in celdas:
                foto[ws.title, c.coordinate] = (c.value, c.number_format, c.font.b, c.fill.fgColor.rgb, c.alignment.wrap_text,
                                                c.comment.text if c.comment else None)
    return foto


def _filas_presupuesto(ruta: Path, periodo: str) -> dict[int, tuple[int, tuple]]:
    ws = openpyxl.load_workbook(ruta)["presupuesto"]
    return {r[0].value: (r[0].row, tuple(c.value for c in r)) for r in ws.iter_rows(min_row=2) if r[1].value == periodo}


def _otros_archivos(carpeta: Path) -> list[str]:
    # el candado entre escritores de pai (.libro.xlsx.pai-lock, oculto y vacío) no es un archivo del usuario
    return sorted(p.name for p in carpeta.iterdir()
                  if p.name not in ("libro.xlsx", "crp.xlsx", "crp_mayo.xlsx", "crp_julio.xlsx") and not p.name.endswith(".pai-lock"))


def test_simulacion_no_cambia_nada(tmp_path, capsys):
    libro = _libro(tmp_path)
    antes = libro.read_bytes()
    assert main(["importar", "crp", str(escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO)), "--libro", str(libro)]) == 0
    salida = capsys.readouterr().out
    assert libro.read_bytes() == antes and _otros_archivos(tmp_path) == []
    assert "SIMULACIÓN" in salida and "--aplicar" in salida
    # 7867: libro 12.615 → importado 12.650 (+35); giros 8.631,9 → 8.600 (−31,9)
    assert re.search(r"7867\s+7\s+12\.615,00\s+12\.650,00\s+\+35,00\s+8\.631,90\s+8\.600,00\s+−31,90\s+cambia", salida)
    assert "62.832.700.000" in salida and "36.760.250.000,50" in salida and "vigencias anteriores      2  1.500.000.000" in salida


def test_aplicar_cambia_solo_las_celdas_del_corte(tmp_path, capsys):
    libro = _libro(tmp_path)
    wb = openpyxl.load_workbook(libro)  # la Oficina escribió una nota en junio de 7867
    ws = wb["presupuesto"]
    fila_7867 = _filas_presupuesto(libro, "2024-06")[7867][0]
    ws.cell(fila_7867, 7, "Adición del convenio 45")
    wb.save(libro)
    antes, foto_antes = libro.read_bytes(), _foto(libro)
    reporte = escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO)
    assert main(["importar", "crp", str(reporte), "--libro", str(libro), "--aplicar"]) == 0
    assert "APLICADA: 7 fila(s)" in capsys.readouterr().out
    copia = tmp_path / "libro.antes_de_crp_2024-06-30.xlsx"
    assert copia.read_bytes() == antes and _otros_archivos(tmp_path) == [copia.name]
    junio = _filas_presupuesto(libro, "2024-06")
    for proyecto, (compromisos, giros) in ESPERADO_JUNIO.items():
        fila_x, valores = junio[proyecto]
        assert valores[3:5] == pytest.approx((compromisos, giros))
        nota = "Adición del convenio 45\n" if proyecto == 7867 else ""
        assert valores[6] == nota + MARCA_JUNIO
    tocadas = {("presupuesto", f"{col}{fila_x}") for fila_x, _ in junio.values() for col in "DEG"}
    foto = _foto(libro)
    distintas = {k for k in foto_antes.keys() | foto.keys() if foto_antes.get(k) != foto.get(k)}
    # 7872 ya tenía 15.882,2 de compromisos en junio (fila 67): esa celda queda igual
    assert distintas == tocadas - {("presupuesto", "D67")}
    assert main(["validar", str(libro)]) == 0
    capsys.readouterr()
    # el mismo archivo otra vez: nada que escribir, ni copia nueva
    despues = libro.read_bytes()
    assert main(["importar", "crp", str(reporte), "--libro", str(libro), "--aplicar"]) == 0
    assert "no hay nada que escribir" in capsys.readouterr().out
    assert libro.read_bytes() == despues and _otros_archivos(tmp_path) == [copia.name]
    # un corte más viejo se rechaza sin escribir
    mayo = escribir_reporte(tmp_path / "crp_mayo.xlsx", FILAS_JUNIO, corte=dt.datetime(2024, 5, 31))
    assert main(["importar", "crp", str(mayo), "--libro", str(libro), "--aplicar"]) == 1
    assert "anterior al último importado en 2024 (2024-06-30" in capsys.readouterr().err
    assert libro.read_bytes() == despues and _otros_archivos(tmp_path) == [copia.name]
    # uno más nuevo sí entra (julio), y junio queda como estaba
    julio = [fila(500101, R(7867), P(7867), 14_000_000_000, 0, 9_500_000_000)]
    assert main(["importar", "crp", str(escribir_reporte(tmp_path / "crp_julio.xlsx", julio, corte=dt.datetime(2024, 7, 31))),
                 "--libro", str(libro), "--aplicar"]) == 0
    assert "Proyectos del libro sin filas de inversión en el reporte (no se tocan): 7868, 7869" in capsys.readouterr().out
    assert _filas_presupuesto(libro, "2024-07")[7867][1][3:5] == (14000, 9500)
    assert _filas_presupuesto(libro, "2024-06") == junio
    assert sorted(_otros_archivos(tmp_path)) == [copia.name, "libro.antes_de_crp_2024-07-31.xlsx"]


@pytest.mark.parametrize("caso", ["rubro y PEP no coinciden", "clave repetida", "texto con separadores", "falta una columna",
                                  "hoja que no es Data"])
def test_cada_reporte_malo_sale_con_1_sin_escribir(tmp_path, capsys, caso):
    libro = _libro(tmp_path)
    antes = libro.read_bytes()
    filas, opciones, textos = MALOS[caso]
    reporte = escribir_reporte(tmp_path / "crp.xlsx", filas, **opciones)
    assert main(["importar", "crp", str(reporte), "--libro", str(libro), "--aplicar"]) == 1
    error = capsys.readouterr().err
    assert all(t in error for t in textos) and "Traceback" not in error
    assert libro.read_bytes() == antes and _otros_archivos(tmp_path) == []


def test_truncado_sale_con_1(tmp_path, capsys):
    libro = _libro(tmp_path)
    completo = escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO).read_bytes()
    (tmp_path / "crp.xlsx").write_bytes(completo[:3000])
    assert main(["importar", "crp", str(tmp_path / "crp.xlsx"), "--libro", str(libro), "--aplicar"]) == 1
    assert "no es un libro .xlsx legible" in capsys.readouterr().err and _otros_archivos(tmp_path) == []


def test_compromisos_sobre_apropiacion_no_se_escriben(tmp_path, capsys):
    libro = _libro(tmp_path)
    antes = libro.read_bytes()
    # 7869 tiene 1.547 millones de apropiación; el reporte trae 1.600; 7870: giros 2.000 > compromisos 1.999,5
    filas = [fila(1, R(7869), P(7869), 1_600_000_000, 0, 100_000_000),
             fila(2, R(7870), P(7870), 1_999_500_000, 0, 2_000_000_000)]
    assert main(["importar", "crp", str(escribir_reporte(tmp_path / "crp.xlsx", filas)), "--libro", str(libro), "--aplicar"]) == 1
    error = capsys.readouterr().err
    assert "proyecto 7869, 2024-06: compromisos 1.600 > apropiación 1.547 (millones)" in error
    assert "proyecto 7870, 2024-06: giros 2.000 > compromisos 1.999,5 (millones)" in error
    assert libro.read_bytes() == antes and _otros_archivos(tmp_path) == []


def test_fila_nueva_con_la_apropiacion_del_corte_anterior(tmp_path, capsys):
    libro = _libro(tmp_path)
    wb = openpyxl.load_workbook(libro)
    ws = wb["presupuesto"]
    for n in range(ws.max_row, 1, -1):  # el libro llega hasta mayo
        if ws.cell(n, 2).value >= "2024-06":
            ws.delete_rows(n)
    wb.save(libro)
    filas = [*FILAS_JUNIO, fila(600001, R(7999), P(7999), 10_000_000, 0, 0)]
    resultado = importar_crp(escribir_reporte(tmp_path / "crp.xlsx", filas), libro=libro, aplicar=True)
    assert [c.nueva for c in resultado.cambios] == [True] * 7 and list(resultado.fuera_del_libro["proyecto"]) == [7999]
    junio = _filas_presupuesto(libro, "2024-06")
    # 7867: apropiación de mayo 20.149; filas nuevas al final (la hoja tenía 1 + 7 × 5 = 36 filas)
    assert junio[7867] == (37, (7867, "2024-06", 20149, 12650, 8600, None, MARCA_JUNIO))
    assert junio[7873][0] == 43
    assert main(["validar", str(libro)]) == 0


def test_periodo_explicito_y_libro_de_otra_vigencia(tmp_path, capsys):
    libro = _libro(tmp_path)
    reporte = escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO)
    r = importar_crp(reporte, libro=libro, periodo="2024-07")
    assert r.periodo == "2024-07" and r.cambios[0].compromisos_antes == 13523.3
    assert main(["importar", "crp", str(reporte), "--libro", str(libro), "--periodo", "2023-07"]) == 1
    assert "no es de la vigencia del reporte (2024" in capsys.readouterr().err
    otro = escribir_reporte(tmp_path / "crp_mayo.xlsx", [fila(1, R(7867), P(7867), 10, 0, 5, Ejercicio=2025)],
                            inicio=dt.datetime(2025, 1, 1), corte=dt.datetime(2025, 1, 31))
    assert main(["importar", "crp", str(otro), "--libro", str(libro)]) == 1
    assert "de la vigencia 2024" in capsys.readouterr().err


def test_la_seccion_del_readme_funciona_tal_cual(tmp_path, monkeypatch, capsys):
    """Cada línea del bloque de «Importar de BogData» del README, con un reporte en el diseño de BogData."""
    import shlex

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    seccion = readme.split("## Importar de BogData", 1)[1].split("\n## ", 1)[0]
    bloque = seccion.split("```bash\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    escribir_reporte(tmp_path / "reporte_crp.xlsx", FILAS_JUNIO)
    for linea in bloque.splitlines():
        argumentos = shlex.split(linea, comments=True)
        assert argumentos[0] == "pai"
        assert main(argumentos[1:]) == 0, linea
    assert (tmp_path / "ejemplo.antes_de_crp_2024-06-30.xlsx").exists()
    assert _filas_presupuesto(tmp_path / "ejemplo.xlsx", "2024-06")[7867][1][3:5] == (12650, 8600)


def test_libro_sin_columna_observaciones(tmp_path, capsys):
    libro = _libro(tmp_path)
    wb = openpyxl.load_workbook(libro)
    wb["presupuesto"].delete_cols(7)  # la columna opcional observaciones
    wb.save(libro)
    importar_crp(escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO), libro=libro, aplicar=True)
    ws = openpyxl.load_workbook(libro)["presupuesto"]
    assert ws["G1"].value == "observaciones" and ws["G7"].value == MARCA_JUNIO and ws["G6"].value is None
    assert main(["validar", str(libro)]) == 0


def test_un_libro_invalido_no_se_toca(tmp_path, capsys):
    """Un libro que ya es inválido no se toca: la lista de sus problemas y salida 1."""
    libro = _libro(tmp_path)
    wb = openpyxl.load_workbook(libro)
    wb["presupuesto"]["B2"] = "2023-01"  # un periodo de otro año: el libro ya es inválido
    wb.save(libro)
    antes = libro.read_bytes()
    assert main(["importar", "crp", str(escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO)), "--libro", str(libro),
                 "--aplicar"]) == 1
    assert "fila 2" in capsys.readouterr().err and libro.read_bytes() == antes and _otros_archivos(tmp_path) == []


def test_la_red_de_seguridad_valida_el_libro_antes_de_reemplazarlo(tmp_path, capsys, monkeypatch):
    """Sin la revisión previa, el libro resultante (compromisos > apropiación) no pasa la validación y no se escribe."""
    from pai_analisis.libro import importacion

    monkeypatch.setattr(importacion, "_exigir_contrato", lambda cambios, p: None)
    libro = _libro(tmp_path)
    antes = libro.read_bytes()
    filas = [fila(1, R(7869), P(7869), 1_600_000_000, 0, 100_000_000)]  # 1.600 > 1.547 de apropiación
    assert main(["importar", "crp", str(escribir_reporte(tmp_path / "crp.xlsx", filas)), "--libro", str(libro), "--aplicar"]) == 1
    error = capsys.readouterr().err
    assert "dejaría el libro «libro.xlsx» inválido; no se escribió nada" in error and "columna «compromisos»" in error
    assert libro.read_bytes() == antes and _otros_archivos(tmp_path) == []


def _partes(ruta: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(ruta) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_las_demas_partes_del_archivo_quedan_byte_a_byte(tmp_path, capsys):
    """También lo que openpyxl no conserva: una lista desplegable guardada por Excel 2010+ como extensión x14."""
    import zipfile

    libro = _libro(tmp_path)
    partes = _partes(libro)
    x14 = (b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
           b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" '
           b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list">'
           b'<x14:formula1><xm:f>listas!$A$2:$A$5</xm:f></x14:formula1><xm:sqref>D2:D2000</xm:sqref>'
           b'</x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>')
    partes["xl/worksheets/sheet4.xml"] = partes["xl/worksheets/sheet4.xml"].replace(b"</worksheet>", x14)
    with zipfile.ZipFile(libro, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in partes.items():
            z.writestr(nombre, datos)
    assert main(["importar", "crp", str(escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO)), "--libro", str(libro),
                 "--aplicar"]) == 0
    despues = _partes(libro)
    assert list(despues) == list(partes)  # mismas partes, en el mismo orden
    # solo la hoja presupuesto y, en workbook.xml, el pedido de recalcular al abrir (sección 9)
    assert {n for n in partes if partes[n] != despues[n]} == {"xl/worksheets/sheet6.xml", "xl/workbook.xml"}
    assert b'fullCalcOnLoad="1"' in despues["xl/workbook.xml"]
    assert re.sub(rb"<calcPr[^>]*/>", b"", despues["xl/workbook.xml"]).replace(b"'", b'"').count(b"<sheet ") == \
        partes["xl/workbook.xml"].count(b"<sheet ")
    assert x14 in despues["xl/worksheets/sheet4.xml"]
