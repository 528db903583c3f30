"""Robustez de la lectura y el tipado del libro (issue 12): NaN, números ambiguos, cifras enormes,
hojas repetidas al normalizar y hojas o columnas gigantes.

Cada prueba escribe con openpyxl un libro diminuto a la medida (``libro_valido()`` de
``conftest.py`` con un cambio). Las decisiones que se prueban están en los docstrings de
``pai_analisis.libro.celdas`` (formas de número y cotas) y ``pai_analisis.libro.lectura`` (qué
hojas y columnas se leen). Cuánto tarda un libro gigante se mide en ``bench/libro_gigante.py``,
no aquí.
"""

from __future__ import annotations

import math
import warnings
import zipfile

import openpyxl
import pandas as pd
import pytest
from conftest import fila_excel, guardar_libro, libro_valido, muestra_rapida

from pai_analisis import cli
from pai_analisis.errores import ErrorValidacion, describir_problemas
from pai_analisis.libro import esquema
from pai_analisis.libro.carga import cargar_libro
from pai_analisis.libro.celdas import tipar_hojas
from pai_analisis.libro.cifras import COTAS, interpretar_numero, leer_numero
from pai_analisis.libro.lectura import leer_xlsx
from pai_analisis.libro.problemas import Problemas

F = fila_excel
SM, PR, SA = "seguimiento_metas", "presupuesto", "seguimiento_actividades"


def _errores(hojas, tmp_path, nombre="libro.xlsx") -> pd.DataFrame:
    """Los errores de ``cargar_libro`` sobre ``hojas`` escritas en un .xlsx (falla si el libro es válido)."""
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(guardar_libro(tmp_path / nombre, hojas))
    p = info.value.problemas
    return p[p["nivel"] == "error"].reset_index(drop=True)


def _uno(errores: pd.DataFrame) -> pd.Series:
    assert len(errores) == 1, describir_problemas(errores)
    return errores.iloc[0]


def _donde(e: pd.Series) -> tuple:
    return e["hoja"], int(e["fila"]), e["columna"], e["valor"]


def _validar_cli(ruta, capsys) -> tuple[int, str]:
    codigo = cli.main(["validar", str(ruta)])
    return codigo, capsys.readouterr().err


# ---------------------------------------------------------------- 1. NaN e infinito escritos como texto

NO_FINITOS = ["NaN", "nan", "NAN", "+NaN", "-nan", "inf", "INF", "+inf", "-inf", "Infinity", "-Infinity"]
# (hoja, índice de la fila en libro_valido, columna): celdas numéricas obligatorias de cinco hojas
CELDAS_NUMERICAS = [
    (SM, 1, "ejecutado"),
    (PR, 0, "apropiacion"),
    ("metas", 0, "programacion_vigencia"),
    (SA, 1, "programado"),
    ("indicadores", 0, "meta"),
]


# Cada escritura en una celda distinta, rotando: todas las escrituras y todas las celdas, sin el
# producto cruzado completo (55 libros); el producto completo se prueba en ``interpretar_numero``.
CASOS_NO_FINITOS = [(t, *CELDAS_NUMERICAS[k % len(CELDAS_NUMERICAS)]) for k, t in enumerate(NO_FINITOS)]


@pytest.mark.parametrize("texto", NO_FINITOS)
def test_nan_e_infinito_no_son_cifras(texto):
    valor, regla, detalle = interpretar_numero(texto)
    assert (valor, regla) == (None, "no_numero") and f"«{texto}» significa" in detalle
    assert leer_numero(texto) is None


# cada grafía ya la prueba la anterior sin libro; de punta a punta, una celda por hoja en el nivel rápido y todas en el lento
@pytest.mark.parametrize("texto, hoja, i, columna", muestra_rapida(CASOS_NO_FINITOS, grupo=lambda c: c[1],
                                                                  ids=[f"{h}.{c}={t}" for t, h, _, c in CASOS_NO_FINITOS]))
def test_nan_e_infinito_como_texto_son_errores(hoja, i, columna, texto, tmp_path, capsys):
    hojas = libro_valido()
    hojas[hoja][i][columna] = texto
    ruta = guardar_libro(tmp_path / "libro.xlsx", hojas)
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(ruta)
    problemas = info.value.problemas
    e = _uno(problemas[problemas["nivel"] == "error"])
    assert e["regla"] == "no_numero"
    assert _donde(e) == (hoja, F(i), columna, texto)
    assert "no es una cifra" in e["esperado"]
    codigo, err = _validar_cli(ruta, capsys)
    assert codigo == 1
    assert f"ERROR [hoja «{hoja}», fila {F(i)}, columna «{columna}»]: valor «{texto}» — se esperaba un número" in err
    assert "NO es válido: 1 error(es)" in err


def test_numero_de_excel_infinito_es_error():
    """Un float no finito que llegue como número (no como texto) tampoco pasa."""
    assert interpretar_numero(math.inf)[1] == "no_numero"
    assert interpretar_numero(-math.inf)[1] == "no_numero"
    assert leer_numero(math.inf) is None


def test_repro_de_la_plantilla_con_nan(tmp_path, capsys):
    """El caso del probador: ``pai plantilla --con-ejemplo`` y el texto NaN en seguimiento_metas!E4."""
    ruta = tmp_path / "base.xlsx"
    assert cli.main(["plantilla", str(ruta), "--con-ejemplo"]) == 0
    wb = openpyxl.load_workbook(ruta)
    assert wb["seguimiento_metas"]["E1"].value == "ejecutado"
    wb["seguimiento_metas"]["E4"] = "NaN"
    wb.save(ruta)
    capsys.readouterr()
    codigo, err = _validar_cli(ruta, capsys)
    assert codigo == 1
    assert "ERROR [hoja «seguimiento_metas», fila 4, columna «ejecutado»]: valor «NaN» — se esperaba" in err


# ---------------------------------------------------------------- 2. números escritos como texto

# texto → valor, calculado a mano (la coma es siempre decimal; el punto y el espacio, de miles)
ACEPTADOS = [
    ("20149", 20149.0),  # solo dígitos
    (" 500 ", 500.0),  # espacios alrededor
    ("+5", 5.0),
    ("0,30", 0.30),  # coma decimal
    ("-3,5", -3.5),
    ("1,234", 1.234),  # coma decimal aunque la sigan tres cifras: la coma nunca separa miles aquí
    (",5", 0.5),
    ("20.149,5", 20149.5),  # punto de miles + coma decimal: 20 149 + 0,5
    ("1.234.567", 1234567.0),  # dos puntos: solo pueden ser de miles
    ("1.234.567,89", 1234567.89),
    ("-1.500,25", -1500.25),
    ("1 500", 1500.0),  # espacio de miles
    ("1\u00a0500,5", 1500.5),  # espacio no separable de miles + coma decimal
    ("12\u202f345", 12345.0),  # espacio fino no separable
    ("0.5", 0.5),  # punto que no puede ser de miles: una cifra después
    ("20.5", 20.5),
    ("20.1495", 20.1495),  # cuatro cifras después
    ("1234.567", 1234.567),  # cuatro cifras antes: un grupo de miles tiene a lo sumo tres
    ("0.500", 0.5),  # un grupo de miles no empieza por 0
    ("1e3", 1000.0),  # notación científica: 1 × 10³
    ("2,5E-2", 0.025),  # 2,5 × 10⁻²
]


@pytest.mark.parametrize("texto, valor", ACEPTADOS, ids=[repr(t) for t, _ in ACEPTADOS])
def test_formas_aceptadas_leer_numero(texto, valor):
    assert leer_numero(texto) == pytest.approx(valor, rel=1e-15)


def _metas_con(textos: list[str]) -> dict:
    """El libro válido con una meta más por texto (``programacion_cuatrienio`` = el texto), desde la fila 4 de Excel."""
    hojas = libro_valido()
    for k, texto in enumerate(textos):
        hojas["metas"].append(
            {
                "proyecto": 7867,
                "meta": 10 + k,
                "nombre": f"Meta {k}",
                "anualizacion": "Suma",
                "programacion_cuatrienio": texto,
                "programacion_vigencia": 1,
            }
        )
    return hojas


def test_formas_aceptadas_en_el_libro(tmp_path):
    """Las mismas formas, escritas como texto en un .xlsx (una meta por forma; la columna admite negativos)."""
    libro = cargar_libro(guardar_libro(tmp_path / "libro.xlsx", _metas_con([t for t, _ in ACEPTADOS])))
    leidos = libro.metas["programacion_cuatrienio"].tolist()[2:]
    assert leidos == pytest.approx([v for _, v in ACEPTADOS], rel=1e-15)


def test_numero_ambiguo_dice_las_dos_lecturas(tmp_path, capsys):
    hojas = libro_valido()
    hojas[PR][0]["apropiacion"] = "20.149"
    ruta = guardar_libro(tmp_path / "libro.xlsx", hojas)
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(ruta)
    p = info.value.problemas
    e = _uno(p[p["nivel"] == "error"])
    assert e["regla"] == "numero_ambiguo"
    assert _donde(e) == (PR, F(0), "apropiacion", "20.149")
    assert "«20.149» puede leerse como 20149 (punto de miles) o como 20,149 (punto decimal)" in e["esperado"]
    assert "escriba 20149 o 20,149" in e["esperado"]
    codigo, err = _validar_cli(ruta, capsys)
    assert codigo == 1 and "valor «20.149» — se esperaba un número sin ambigüedad" in err


@pytest.mark.parametrize(
    "hoja, i, columna, texto, miles, decimal",
    [
        (SM, 0, "programado", "1.500", "1500", "1,500"),
        ("metas", 0, "programacion_cuatrienio", "-3.250", "-3250", "-3,250"),
        ("metas", 0, "programacion_cuatrienio", "+20.149", "20149", "20,149"),
        (PR, 1, "compromisos", " 500.000 ", "500000", "500,000"),
        ("proyectos", 0, "proyecto", "7.867", "7867", "7,867"),  # también en enteros, por uniformidad
    ],
)
def test_otros_numeros_ambiguos(hoja, i, columna, texto, miles, decimal, tmp_path):
    hojas = libro_valido()
    hojas[hoja][i][columna] = texto
    errores = _errores(hojas, tmp_path)
    e = errores[(errores["hoja"] == hoja) & (errores["columna"] == columna)].iloc[0]
    assert e["regla"] == "numero_ambiguo" and int(e["fila"]) == F(i)
    assert f"como {miles} (punto de miles) o como {decimal} (punto decimal)" in e["esperado"]


def test_un_numero_de_excel_nunca_es_ambiguo(tmp_path):
    hojas = libro_valido()
    hojas[PR][0]["giros"] = 20.149  # celda numérica: Excel ya decidió
    libro = cargar_libro(guardar_libro(tmp_path / "libro.xlsx", hojas))
    assert libro.presupuesto.loc[0, "giros"] == 20.149


RECHAZADOS = [
    ("$20.149", "sin «$»"),
    ("$ 1.500,5", "sin «$»"),
    ("10 %", "sin «%»"),
    ("87,5%", "sin «%»"),
    ("２０", "«２» (U+FF12)"),  # dígitos de ancho completo
    ("٢٠", "(U+0662)"),  # dígitos arábigo-índicos
    ("1٫5", "(U+066B)"),  # separador decimal árabe
    ("10²", "(U+00B2)"),  # superíndice
    ("−5", "(U+2212)"),  # signo menos tipográfico
    ("1,234,567", "escriba 1234567"),  # coma de miles
    ("20,149.5", "escriba 20149,5"),  # formato de EE. UU.
    ("#DIV/0!", "error de Excel «#DIV/0!»"),
    ("1_000", ""),  # float() lo aceptaría
    ("1 2", ""),  # espacio que no separa miles
    ("1.2.3", ""),
    ("doce", ""),
]


@pytest.mark.parametrize("texto, fragmento", RECHAZADOS, ids=[repr(t) for t, _ in RECHAZADOS])
def test_formas_rechazadas(texto, fragmento):
    valor, regla, detalle = interpretar_numero(texto)
    assert (valor, regla) == (None, "no_numero") and fragmento in detalle
    assert leer_numero(texto) is None


def test_formas_rechazadas_en_el_libro(tmp_path):
    """Cada forma rechazada, escrita como texto en un .xlsx: un error por celda, en su fila, con el valor tal cual."""
    errores = _errores(_metas_con([t for t, _ in RECHAZADOS]), tmp_path)
    assert len(errores) == len(RECHAZADOS), describir_problemas(errores)
    for k, (texto, fragmento) in enumerate(RECHAZADOS):
        e = errores[errores["fila"] == F(2 + k)].iloc[0]
        assert e["regla"] == "no_numero"
        assert _donde(e) == ("metas", F(2 + k), "programacion_cuatrienio", texto)
        assert e["esperado"].startswith("un número (use coma o punto decimal)") and fragmento in e["esperado"]


# ---------------------------------------------------------------- 3. cifras enormes


@pytest.mark.parametrize("valor, mostrado", [(1e308, "1e+308"), (-1e308, "-1e+308")])
@pytest.mark.parametrize(
    "hoja, i, columna, clase",
    [
        (PR, 0, "apropiacion", "dinero"),
        ("proyectos", 0, "presupuesto_programado", "dinero"),
        ("metas", 0, "programacion_cuatrienio", "magnitud"),
        (SM, 0, "ejecutado", "magnitud"),
    ],
)
def test_cifras_enormes_fuera_de_rango(hoja, i, columna, clase, valor, mostrado, tmp_path, capsys):
    hojas = libro_valido()
    hojas[hoja][i][columna] = valor
    ruta = guardar_libro(tmp_path / "libro.xlsx", hojas)
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(ruta)
    p = info.value.problemas
    e = _uno(p[p["nivel"] == "error"])  # una sola: la cota se revisa antes que el signo
    assert e["regla"] == "fuera_de_rango"
    assert _donde(e) == (hoja, F(i), columna, mostrado)
    tope = "1.000.000.000 millones de pesos" if clase == "dinero" else "1.000.000.000.000"
    assert f"a lo sumo {tope}" in e["esperado"]
    codigo, err = _validar_cli(ruta, capsys)
    assert codigo == 1 and f"valor «{mostrado}» — se esperaba un valor de a lo sumo" in err
    assert "inf" not in err


@pytest.mark.parametrize(
    "hoja, i, columna, clase, encima",
    # justo encima, con las 15 cifras que guarda Excel (openpyxl escribe los float con 16 a lo sumo)
    [(PR, 0, "apropiacion", "dinero", 1_000_000_000.01), ("metas", 0, "programacion_cuatrienio", "magnitud", 1_000_000_000_001)],
)
def test_cota_exacta_se_acepta_y_la_siguiente_no(hoja, i, columna, clase, encima, tmp_path):
    cota = COTAS[clase]
    hojas = libro_valido()
    hojas[hoja][i][columna] = cota
    libro = cargar_libro(guardar_libro(tmp_path / "en_la_cota.xlsx", hojas))
    assert getattr(libro, hoja).loc[i, columna] == cota
    hojas[hoja][i][columna] = encima
    e = _uno(_errores(hojas, tmp_path, "sobre_la_cota.xlsx"))
    assert (e["regla"], e["hoja"], int(e["fila"]), e["columna"]) == ("fuera_de_rango", hoja, F(i), columna)


def test_cota_en_texto(tmp_path):
    hojas = libro_valido()
    hojas[PR][0]["apropiacion"] = "1.000.000.000"  # 10^9 millones, la cota del dinero
    hojas[PR][1]["apropiacion"] = "1e9"
    hojas[PR][2]["apropiacion"] = "1.000.000.001"
    e = _uno(_errores(hojas, tmp_path))
    assert (e["regla"], int(e["fila"]), e["valor"]) == ("fuera_de_rango", F(2), "1.000.000.001")


def test_cota_de_enteros(tmp_path):
    hojas = libro_valido()
    hojas["objetivos"][1]["objetivo"] = 999_999_999  # nueve cifras: se acepta
    hojas["metas"][1]["objetivo"] = 999_999_999
    libro = cargar_libro(guardar_libro(tmp_path / "libro.xlsx", hojas))
    assert libro.objetivos["objetivo"].tolist() == [1, 999_999_999]
    hojas["proyectos"][0]["proyecto"] = 10**20  # no cabe en Int64: sin la cota, la conversión desbordaba
    hojas["objetivos"][1]["objetivo"] = 1_000_000_000
    errores = _errores(hojas, tmp_path, "grande.xlsx")
    rango = errores[errores["regla"] == "fuera_de_rango"]
    assert set(zip(rango["hoja"], rango["columna"], rango["valor"], strict=True)) == {
        ("proyectos", "proyecto", "1e+20"),
        ("objetivos", "objetivo", "1000000000"),
    }
    assert "999.999.999" in rango["esperado"].iloc[0]


def test_texto_que_desborda_el_float(tmp_path):
    hojas = libro_valido()
    hojas[SM][0]["ejecutado"] = "1e400"
    e = _uno(_errores(hojas, tmp_path))
    assert (e["regla"], e["valor"]) == ("fuera_de_rango", "1e400")


# ---------------------------------------------------------------- 4. hojas repetidas al normalizar


@pytest.mark.parametrize("otra", ["Métas", "Metas ", "MÉTAS"])  # «METAS» no: Excel y openpyxl ya lo impiden
def test_hoja_repetida_al_normalizar(otra, tmp_path, capsys):
    hojas = libro_valido()
    copia = [dict(f) for f in hojas["metas"]]
    copia[0]["programacion_cuatrienio"] = "no se lee"  # la segunda hoja no se tipa: su error no sale
    hojas["metas"][1]["programacion_vigencia"] = "mucho"  # la primera sí: su error sale igual
    hojas[otra] = copia
    ruta = guardar_libro(tmp_path / "libro.xlsx", hojas)
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(ruta)
    p = info.value.problemas
    errores = p[p["nivel"] == "error"]
    repetida = errores[errores["regla"] == "hoja_repetida"]
    assert len(repetida) == 1, describir_problemas(errores)
    e = repetida.iloc[0]
    assert (e["hoja"], e["valor"]) == ("metas", f"metas, {otra}")
    assert f"«metas» y «{otra}»" in e["esperado"]
    otros = errores[errores["regla"] != "hoja_repetida"]
    assert list(zip(otros["hoja"], otros["fila"], otros["columna"], strict=True)) == [("metas", F(1), "programacion_vigencia")]
    codigo, err = _validar_cli(ruta, capsys)
    assert codigo == 1 and "ERROR [hoja «metas»]: valor «metas, " in err


def test_hoja_repetida_usa_la_primera_del_libro():
    p = Problemas()
    crudas = {h: pd.DataFrame({"_fila": pd.Series(dtype="int64")}) for h in esquema.HOJAS if h != "objetivos"}
    primera = pd.DataFrame({"objetivo": ["7"], "nombre": ["primera"], "_fila": [2]})
    segunda = pd.DataFrame({"objetivo": ["8"], "nombre": ["segunda"], "_fila": [2]})
    tablas = tipar_hojas({"Objetivos": primera, **crudas, "objetivos": segunda}, p)
    assert tablas["objetivos"]["nombre"].tolist() == ["primera"]
    t = p.tabla()
    assert t.loc[t["regla"] == "hoja_repetida", "valor"].tolist() == ["Objetivos, objetivos"]


def test_hojas_opcionales_pueden_faltar():
    opcionales = getattr(esquema, "HOJAS_OPCIONALES", ())
    if not opcionales:
        pytest.skip("el esquema no tiene hojas opcionales")
    p = Problemas()
    crudas = {h: pd.DataFrame({"_fila": pd.Series(dtype="int64")}) for h in esquema.HOJAS if h not in opcionales}
    tablas = tipar_hojas(crudas, p)
    t = p.tabla()
    assert not set(t.loc[t["regla"] == "hoja_faltante", "hoja"]) & set(opcionales)
    for h in opcionales:
        assert tablas[h].empty and "_fila" in tablas[h]


# ---------------------------------------------------------------- 9. hojas y columnas gigantes (sin medir tiempos)


def _hoja_ajena_write_only(ruta, filas: int) -> None:
    """Reescribe ``ruta`` con una hoja ajena «borrador» de ``filas`` filas, escrita en modo write_only (sin <dimension>)."""
    origen = openpyxl.load_workbook(ruta)
    wb = openpyxl.Workbook(write_only=True)
    for ws in origen.worksheets:
        nueva = wb.create_sheet(ws.title)
        for fila in ws.iter_rows(values_only=True):
            nueva.append(fila)
    borrador = wb.create_sheet("borrador")
    borrador.append(["id", "nota"])
    for i in range(filas):
        borrador.append([i, f"nota {i}"])
    wb.save(ruta)


def test_hoja_ajena_grande_no_se_lee(tmp_path):
    ruta = guardar_libro(tmp_path / "libro.xlsx", libro_valido())
    _hoja_ajena_write_only(ruta, 5_000)
    with zipfile.ZipFile(ruta) as z:
        assert not any(b"<dimension" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    crudas = leer_xlsx(ruta)
    assert "borrador" not in crudas and set(crudas) == set(libro_valido())
    libro = cargar_libro(ruta)
    assert len(libro.seguimiento_metas) == 6
    ajena = leer_xlsx(ruta, hojas=["Borrador"])  # quien la necesite, la pide (nombre normalizado)
    assert list(ajena) == ["borrador"] and len(ajena["borrador"]) == 5_000
    assert ajena["borrador"]["_fila"].iloc[-1] == 5_001


def test_encabezado_en_xfd(tmp_path):
    ruta = guardar_libro(tmp_path / "libro.xlsx", libro_valido())
    wb = openpyxl.load_workbook(ruta)
    wb[SM]["XFD1"] = "comentario"
    wb[SM]["XFD3"] = "se lee: tiene encabezado"
    wb.save(ruta)
    cruda = leer_xlsx(ruta)[SM]
    assert list(cruda.columns) == ["proyecto", "meta", "periodo", "programado", "ejecutado", "comentario", "_fila"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.PerformanceWarning)  # «DataFrame is highly fragmented»
        libro = cargar_libro(ruta)
    comentario = libro.seguimiento_metas["comentario"]  # columna extra, tal cual: vacío = None o NaN
    assert comentario.isna().tolist() == [True, False, True, True, True, True]
    assert comentario[1] == "se lee: tiene encabezado"


def test_columnas_que_se_leen(tmp_path):
    """A la izquierda de la última columna del contrato, todas; a la derecha, solo las que tienen encabezado."""
    hojas = libro_valido()
    hojas["objetivos"] = [
        {"nota": "a la izquierda", "objetivo": o["objetivo"], "nombre": o["nombre"]} for o in hojas["objetivos"]
    ]
    ruta = guardar_libro(tmp_path / "libro.xlsx", hojas)
    wb = openpyxl.load_workbook(ruta)
    ws = wb["objetivos"]
    ws["E1"] = "supuesto"  # con nombre, a la derecha: se lee
    ws["E2"] = "s1"
    ws["F2"] = "sin encabezado, a la derecha: no se lee"
    ws["XFD3"] = "tampoco"
    ws["D1"] = None
    wb.save(ruta)
    cruda = leer_xlsx(ruta)["objetivos"]
    assert list(cruda.columns) == ["nota", "objetivo", "nombre", "supuesto", "_fila"]
    assert cruda["supuesto"].iloc[0] == "s1" and pd.isna(cruda["supuesto"].iloc[1])
    libro = cargar_libro(ruta)
    assert libro.objetivos["nota"].tolist() == ["a la izquierda"] * 2


def test_fila_con_datos_solo_fuera_de_lo_leido_se_omite(tmp_path):
    ruta = guardar_libro(tmp_path / "libro.xlsx", libro_valido())
    wb = openpyxl.load_workbook(ruta)
    wb["objetivos"]["Z50"] = "nota suelta"  # fila 50: ni encabezado ni columna del contrato
    wb["objetivos"]["A5000"] = 3  # fila 5000 con un objetivo sin nombre: se lee y se reporta en su fila
    wb.save(ruta)
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(ruta)
    p = info.value.problemas
    e = _uno(p[p["nivel"] == "error"])
    assert (e["regla"], e["hoja"], int(e["fila"]), e["columna"]) == ("celda_vacia", "objetivos", 5000, "nombre")


def test_hojas_fuera_del_contrato_no_se_leen_por_omision(tmp_path):
    from pai_analisis.libro.plantilla import escribir_plantilla

    ruta = escribir_plantilla(tmp_path / "plantilla.xlsx")
    assert not {"instrucciones", "listas"} & set(leer_xlsx(ruta))
    instrucciones = leer_xlsx(ruta, hojas="Instrucciones")["instrucciones"]  # un nombre suelto también vale
    assert len(instrucciones) > 5 and "_fila" in instrucciones


def _sin_estilos(ruta) -> None:
    """Cambia xl/styles.xml por una hoja de estilos vacía: openpyxl avisa «Workbook contains no stylesheet»."""
    copia = ruta.with_name("copia.xlsx")
    with zipfile.ZipFile(ruta) as z, zipfile.ZipFile(copia, "w") as salida:
        for item in z.infolist():
            datos = z.read(item.filename)
            if item.filename == "xl/styles.xml":
                datos = b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
            salida.writestr(item, datos)
    copia.replace(ruta)


def test_ninguna_advertencia_de_openpyxl_llega_al_usuario(tmp_path):
    ruta = guardar_libro(tmp_path / "libro.xlsx", libro_valido())
    _sin_estilos(ruta)
    with warnings.catch_warnings(record=True) as vistos:
        warnings.simplefilter("always")
        openpyxl.load_workbook(ruta, read_only=True).close()
    assert vistos, "el libro de prueba ya no provoca advertencias de openpyxl: cambie el truco"
    filtros = list(warnings.filters)
    with warnings.catch_warnings(record=True) as vistos:
        warnings.simplefilter("always")
        crudas = leer_xlsx(ruta)
    assert not vistos, [str(w.message) for w in vistos]
    assert len(crudas[SM]) == 6
    assert warnings.filters == filtros  # los filtros globales quedan como estaban
