"""Sección 9: cada promesa del único escritor del libro de la Oficina, sobre un libro vivo guardado por LibreOffice.

El libro (:mod:`libro_oficina`) es el ejemplo de ``pai plantilla --con-ejemplo`` guardado por LibreOffice,
con ``giros`` = ``=H2/1000000`` llenado hacia abajo (fórmula compartida anclada en E2, 84 celdas),
una hoja ``tablero`` que suma el presupuesto, ``calcChain.xml`` y, según la prueba, una tabla de Excel o
un autofiltro sobre ``presupuesto``. Lo que muestra LibreOffice (sin interfaz) es la referencia.

El reporte de CRP de junio (:mod:`reportes_crp`, ``FILAS_JUNIO``) escribe ``compromisos`` y ``giros`` de
las filas de junio de los siete proyectos: 7, 19, 31, 43, 55, 67 y 79 (12 meses por proyecto desde la fila 2).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from libreoffice import bloqueo_excel, bloqueo_libreoffice, celda, requiere_libreoffice, valores_libreoffice
from libro_oficina import base_oficina, construir_libro_oficina
from reportes_crp import FILAS_JUNIO, escribir_reporte
from xlsx_xml import cadena_de_calculo, celda_xml, formula, leer_partes, parte_de_hoja

from pai_analisis.cli import main
from pai_analisis.libro import escritor
from pai_analisis.libro.escritor import Edicion, Plan, escribir_libro

pytestmark = requiere_libreoffice
FILAS_JUNIO_LIBRO = [7, 19, 31, 43, 55, 67, 79]  # 2 + 12·k + 5 (junio es el sexto mes de cada proyecto)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> bytes:
    return base_oficina(tmp_path_factory.mktemp("base"))


def _oficina(tmp_path: Path, base: bytes, **opciones):
    return construir_libro_oficina(tmp_path / "oficina.xlsx", base, **opciones)


def _importar(libro: Path, tmp_path: Path, *extra: str) -> int:
    reporte = tmp_path / "crp.xlsx"
    if not reporte.exists():
        escribir_reporte(reporte, FILAS_JUNIO)
    return main(["importar", "crp", str(reporte), "--libro", str(libro), *extra])


def _hermanos(libro: Path) -> list[str]:
    return sorted(p.name for p in libro.parent.iterdir() if p.name.startswith(libro.stem) and p != libro)


@pytest.mark.parametrize("aplicar", [False, True], ids=["simulacion", "aplicar"])
def test_celdas_con_formula_no_se_pisan(tmp_path, base, capsys, aplicar):
    lo = _oficina(tmp_path, base)
    antes = lo.ruta.read_bytes()
    assert _importar(lo.ruta, tmp_path, *(["--aplicar"] if aplicar else [])) == 1  # ni 2 (el ValueError del issue) ni 0
    error = capsys.readouterr().err
    for n in FILAS_JUNIO_LIBRO:  # cada celda con su fórmula
        assert f"hoja «presupuesto», celda E{n}: =H{n}/1000000" in error
    assert "--reemplazar-formulas" in error and "no se escribió nada" in error
    assert lo.ruta.read_bytes() == antes and _hermanos(lo.ruta) == []


def test_reemplazar_formulas_deja_todo_calculando(tmp_path, base, capsys):
    lo = _oficina(tmp_path, base)
    antes_lo = valores_libreoffice(lo.ruta)
    assert _importar(lo.ruta, tmp_path, "--aplicar", "--reemplazar-formulas") == 0
    assert "Fórmula reemplazada" in capsys.readouterr().out
    # ninguna fórmula compartida huérfana: cada celda del grupo tiene un ancla cuyo rango la cubre
    anclas = {}
    for n in range(2, lo.ultima_fila + 1):
        f = formula(celda_xml(lo.ruta, "presupuesto", f"E{n}"))
        if n in FILAS_JUNIO_LIBRO:
            assert f is None, n
        elif f["texto"]:
            anclas[f["si"]] = f
    assert set(anclas) == {"0"} and anclas["0"]["ref"] == f"E2:E{lo.ultima_fila}"  # E2 sigue siendo el ancla
    # la cadena de cálculo sin las celdas reemplazadas, y cada entrada es una fórmula
    cadena = set(cadena_de_calculo(lo.ruta))
    hoja = lo.sheet_ids["presupuesto"]
    assert not cadena & {(hoja, f"E{n}") for n in FILAS_JUNIO_LIBRO}
    assert cadena == {(lo.sheet_ids[h], c) for h, c in lo.formulas} - {(hoja, f"E{n}") for n in FILAS_JUNIO_LIBRO}
    assert b'fullCalcOnLoad="1"' in leer_partes(lo.ruta)["xl/workbook.xml"]
    # LibreOffice: la cifra nueva en junio, todas las demás filas como antes, el tablero al día
    despues = valores_libreoffice(lo.ruta)
    pres_antes, pres = antes_lo["presupuesto"], despues["presupuesto"]
    for n in range(2, lo.ultima_fila + 1):
        if n in FILAS_JUNIO_LIBRO:
            assert celda(pres, f"E{n}") is not None
        else:
            assert pres[n - 1] == pres_antes[n - 1], n
    assert celda(pres, "E7") == pytest.approx(8600.0) and celda(pres, "D7") == pytest.approx(12650.0)
    giros = sum(celda(pres, f"E{n}") for n in range(2, lo.ultima_fila + 1))
    compromisos = sum(celda(pres, f"D{n}") for n in range(2, lo.ultima_fila + 1))
    tablero = {fila[0]: fila[1] for fila in despues["tablero"][1:] if fila and fila[0]}
    assert tablero["giros"] == pytest.approx(giros) and tablero["compromisos"] == pytest.approx(compromisos)
    assert tablero["compromisos"] != pytest.approx(dict((f[0], f[1]) for f in antes_lo["tablero"][1:] if f and f[0])["compromisos"])


def test_el_ancla_reemplazada_se_reancla(tmp_path, base):
    """Escribir E2 (el ancla): las otras 83 celdas siguen calculando en LibreOffice (el issue: quedaban vacías)."""
    lo = _oficina(tmp_path, base)
    plan = Plan({"presupuesto": Edicion({(2, 5): 400})})
    escribir_libro(lo.ruta, lambda foto: plan, accion="prueba", que="La prueba", aplicar=True, reemplazar_formulas=True)
    nueva = formula(celda_xml(lo.ruta, "presupuesto", "E3"))
    assert (nueva["texto"], nueva["ref"], nueva["t"]) == ("H3/1000000", f"E3:E{lo.ultima_fila}", "shared")
    pres = valores_libreoffice(lo.ruta)["presupuesto"]
    assert celda(pres, "E2") == 400
    for n in range(3, lo.ultima_fila + 1):
        assert celda(pres, f"E{n}") == pytest.approx(celda(pres, f"H{n}") / 1e6), n
    assert (lo.sheet_ids["presupuesto"], "E2") not in set(cadena_de_calculo(lo.ruta))
    assert (lo.sheet_ids["presupuesto"], "E3") in set(cadena_de_calculo(lo.ruta))


@pytest.mark.parametrize("opcion", ["tabla", "autofiltro"])
def test_tabla_y_autofiltro_crecen_sobre_las_filas_nuevas(tmp_path, base, opcion):
    lo = _oficina(tmp_path, base, **{opcion: True})
    u = lo.ultima_fila
    filas = {(u + 1, 1): 7867, (u + 1, 2): "2025-01", (u + 2, 1): 7868, (u + 2, 2): "2025-01"}
    plan = Plan({"presupuesto": Edicion(filas, {u + 1: u, u + 2: u})})
    escribir_libro(lo.ruta, lambda foto: plan, accion="prueba", que="La prueba", aplicar=True, validar=False)
    partes = leer_partes(lo.ruta)
    if opcion == "tabla":
        tabla = next(v for k, v in partes.items() if k.startswith("xl/tables/"))
        assert f'ref="A1:H{u + 2}"'.encode() in tabla and tabla.count(f":H{u + 2}".encode()) == 2  # tabla y su filtro
    else:
        assert f'<autoFilter ref="A1:H{u + 2}"'.encode() in partes[parte_de_hoja(partes, "presupuesto")]
        assert f"$A$1:$H${u + 2}".encode() in partes["xl/workbook.xml"]
    pres = valores_libreoffice(lo.ruta)["presupuesto"]
    assert celda(pres, f"A{u + 2}") == 7868


@pytest.mark.parametrize("programa", ["excel", "libreoffice"])
def test_libro_abierto_no_se_escribe(tmp_path, base, capsys, programa):
    lo = _oficina(tmp_path, base)
    antes = lo.ruta.read_bytes()
    if programa == "excel":
        bloqueo_excel(lo.ruta, "Ana Pérez")
    else:
        bloqueo_libreoffice(lo.ruta, "jgomez", nombre="Juan Gómez")
    assert _importar(lo.ruta, tmp_path, "--aplicar", "--reemplazar-formulas") == 1
    error = capsys.readouterr().err
    assert ("Excel, usuario «Ana Pérez»" if programa == "excel" else "LibreOffice, usuario «Juan Gómez»") in error
    assert lo.ruta.read_bytes() == antes and not [n for n in _hermanos(lo.ruta) if "antes_de" in n]


@pytest.mark.parametrize("donde", ["validar", "resumen", "copia", "reemplazo"])
def test_una_falla_despues_de_calcular_deja_el_libro_igual(tmp_path, base, monkeypatch, donde):
    lo = _oficina(tmp_path, base)
    antes = lo.ruta.read_bytes()

    def falla(*a, **k):
        raise RuntimeError("falla inyectada")

    if donde == "validar":
        monkeypatch.setattr(escritor, "_validar", falla)
    elif donde == "resumen":
        monkeypatch.setattr("pai_analisis.libro.resumen_importacion.describir_importacion", falla)
    else:
        real = escritor.escribir_atomico
        llamadas = []

        def a_medias(ruta, contenido, **k):
            llamadas.append(ruta)
            if (donde == "copia" and len(llamadas) == 1) or (donde == "reemplazo" and len(llamadas) == 2):
                falla()
            return real(ruta, contenido, **k)

        monkeypatch.setattr(escritor, "escribir_atomico", a_medias)
    with pytest.raises(RuntimeError):
        main(["--depurar", "importar", "crp", str(escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO)), "--libro",
              str(lo.ruta), "--aplicar", "--reemplazar-formulas"])
    assert lo.ruta.read_bytes() == antes


_LENTO = """
import sys, time
from pai_analisis.libro import escritor
real = escritor.escribir_atomico
def lento(ruta, contenido, **k):
    if not str(ruta).endswith("oficina.xlsx"):
        return real(ruta, contenido, **k)
    def escribir(temporal):
        with open(temporal, "wb") as f:
            f.write(contenido[: len(contenido) // 2]); f.flush()
            print("ESCRIBIENDO", flush=True); time.sleep(30); f.write(contenido[len(contenido) // 2:])
    return real(ruta, escribir, **k)
escritor.escribir_atomico = lento
from pai_analisis.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_un_proceso_muerto_a_mitad_de_escritura_no_deja_el_libro_a_medias(tmp_path, base):
    lo = _oficina(tmp_path, base)
    antes = lo.ruta.read_bytes()
    reporte = escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO)
    proc = subprocess.Popen([sys.executable, "-c", _LENTO, "importar", "crp", str(reporte), "--libro", str(lo.ruta),
                             "--aplicar", "--reemplazar-formulas"], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ESCRIBIENDO"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert lo.ruta.read_bytes() == antes  # el temporal a medias nunca reemplazó al libro
    assert _importar(lo.ruta, tmp_path, "--aplicar", "--reemplazar-formulas") == 0  # y se puede repetir


def test_dos_escritores_no_se_intercalan(tmp_path, base):
    lo = _oficina(tmp_path, base)
    reporte = escribir_reporte(tmp_path / "crp.xlsx", FILAS_JUNIO)
    orden = [sys.executable, "-m", "pai_analisis.cli", "importar", "crp", str(reporte), "--libro", str(lo.ruta),
             "--aplicar", "--reemplazar-formulas", "--espera", "120"]
    procesos = [subprocess.Popen(orden, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    salidas = [p.communicate(timeout=300) for p in procesos]
    assert [p.returncode for p in procesos] == [0, 0], salidas
    assert sum("APLICADA" in out for out, _ in salidas) == 1  # el segundo planeó sobre lo que escribió el primero
    assert len([n for n in _hermanos(lo.ruta) if "antes_de" in n]) == 1
    obs = celda(valores_libreoffice(lo.ruta)["presupuesto"], "G7")
    assert obs.count("[BogData CRP «crp.xlsx», corte 2024-06-30]") == 1


def test_el_segundo_escritor_espera_y_se_rinde(tmp_path, base, capsys):
    from filelock import FileLock

    lo = _oficina(tmp_path, base)
    antes = lo.ruta.read_bytes()
    with FileLock(str(lo.ruta.with_name(f".{lo.ruta.name}.pai-lock"))):
        inicio = time.monotonic()
        assert _importar(lo.ruta, tmp_path, "--aplicar", "--reemplazar-formulas", "--espera", "0.5") == 1
        assert time.monotonic() - inicio < 30
    assert "Otro comando de pai está escribiendo" in capsys.readouterr().err and lo.ruta.read_bytes() == antes


def test_formula_sin_valor_en_cache_se_nombra(tmp_path, base, capsys):
    lo = _oficina(tmp_path, base, sin_cache=True)
    assert main(["validar", str(lo.ruta)]) == 1
    salida = capsys.readouterr()
    texto = salida.out + salida.err
    assert "columna «giros»]: valor «=H2/1000000»" in texto and "ábralo en Excel o LibreOffice, guárdelo" in texto
    assert "la celda está vacía" not in texto
    antes = lo.ruta.read_bytes()
    assert _importar(lo.ruta, tmp_path, "--aplicar") == 1 and lo.ruta.read_bytes() == antes  # nunca 2
