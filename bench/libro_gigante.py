"""Benchmark de ``cargar_libro`` con libros que traen una hoja o una columna gigantes.

Arma una vez, en una carpeta temporal, el libro de demostración
(``escribir_plantilla(ruta, con_ejemplo=True)``) y dos variantes suyas:

* **hoja_extra**: el mismo libro más una hoja ajena al contrato («borrador») con 1.048.576 filas
  (todas las de Excel: un encabezado y 1.048.575 filas de un número y un texto). La hoja se
  escribe directamente como XML dentro del .xlsx, como la deja openpyxl en modo ``write_only``:
  textos en línea y sin ``<dimension>`` (el peor caso para openpyxl, que al abrir recorre
  entera una hoja sin dimensiones). Con openpyxl ``write_only`` tardaría minutos en escribirse.
* **columna_xfd**: el mismo libro con un encabezado suelto («comentario») en XFD1, la última
  columna de Excel, de ``seguimiento_metas`` (escrito con openpyxl, como lo haría una persona).
* **textos_distintos** (solo con ``--con-textos``, informativo): como *hoja_extra*, pero con un
  millón de textos *distintos* en la tabla de textos compartidos, como guarda Excel. openpyxl
  lee esa tabla entera al abrir el libro: es el límite conocido de ``libro.lectura``.

Mide ``cargar_libro(ruta)`` de cada libro (lectura, tipado y validación completos): la mediana
de ``--corridas`` corridas tras una de calentamiento, y la razón contra el libro de
demostración medido en el mismo proceso. La memoria se mide aparte, en una corrida bajo
``tracemalloc`` (pico de memoria asignada durante la llamada); también se imprime el RSS máximo
del proceso. Objetivo: cada libro gigante en 5 s o menos.

Uso::

    python bench/libro_gigante.py [--corridas 3] [--carpeta DIR] [--con-textos]
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from pai_analisis.libro.carga import cargar_libro
from pai_analisis.libro.lectura import leer_xlsx
from pai_analisis.libro.plantilla import escribir_plantilla

FILAS_EXCEL = 1_048_576
OBJETIVO_S = 5.0
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_HOJA = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_TEXTOS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _filas_xml(textos_compartidos: bool, desde_indice: int):
    """El XML de las filas de la hoja gigante, por tandas (bytes)."""
    if textos_compartidos:
        celda_b = '<c r="B{i}" t="s"><v>{s}</v></c>'
    else:
        celda_b = '<c r="B{i}" t="inlineStr"><is><t>registro {i}</t></is></c>'
    yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>nota</t></is></c></row>'
    tanda: list[str] = []
    for i in range(2, FILAS_EXCEL + 1):
        tanda.append(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c>' + celda_b.format(i=i, s=desde_indice + i - 2) + "</row>")
        if len(tanda) == 50_000:
            yield "".join(tanda).encode()
            tanda.clear()
    yield "".join(tanda).encode()


def agregar_hoja_gigante(base: Path, destino: Path, textos_compartidos: bool = False) -> Path:
    """Copia ``base`` en ``destino`` con una hoja más («borrador») de 1.048.576 filas."""
    with zipfile.ZipFile(base) as z:
        partes = {i.filename: z.read(i.filename) for i in z.infolist()}
    n = 1 + max(int(m.group(1)) for k in partes if (m := re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", k)))
    libro = partes["xl/workbook.xml"].decode()
    id_hoja = 1 + max(int(x) for x in re.findall(r'sheetId="(\d+)"', libro))
    libro = libro.replace(
        "</sheets>", f'<sheet name="borrador" sheetId="{id_hoja}" state="visible" r:id="rIdGigante" /></sheets>'
    )
    rels = partes["xl/_rels/workbook.xml.rels"].decode()
    nuevas = f'<Relationship Type="{_REL}/worksheet" Target="/xl/worksheets/sheet{n}.xml" Id="rIdGigante" />'
    tipos = partes["[Content_Types].xml"].decode()
    nuevos_tipos = f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_HOJA}" />'
    desde = 0
    if textos_compartidos:
        if "xl/sharedStrings.xml" in partes:
            raise SystemExit("el libro base ya trae sharedStrings.xml: este benchmark no sabe ampliarla")
        nuevas += f'<Relationship Type="{_REL}/sharedStrings" Target="/xl/sharedStrings.xml" Id="rIdTextos" />'
        nuevos_tipos += f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TEXTOS}" />'
    partes["xl/workbook.xml"] = libro.encode()
    partes["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", nuevas + "</Relationships>").encode()
    partes["[Content_Types].xml"] = tipos.replace("</Types>", nuevos_tipos + "</Types>").encode()
    with zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for nombre, datos in partes.items():
            z.writestr(nombre, datos)
        with z.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as f:
            f.write(f'<worksheet xmlns="{_NS}"><sheetData>'.encode())  # sin <dimension>, como write_only
            for trozo in _filas_xml(textos_compartidos, desde):
                f.write(trozo)
            f.write(b"</sheetData></worksheet>")
        if textos_compartidos:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                total = FILAS_EXCEL - 1
                f.write(f'<sst xmlns="{_NS}" count="{total}" uniqueCount="{total}">'.encode())
                for inicio in range(2, FILAS_EXCEL + 1, 50_000):
                    fin = min(inicio + 50_000, FILAS_EXCEL + 1)
                    f.write("".join(f"<si><t>registro {i}</t></si>" for i in range(inicio, fin)).encode())
                f.write(b"</sst>")
    return destino


def agregar_columna_xfd(base: Path, destino: Path) -> Path:
    """Copia ``base`` en ``destino`` con «comentario» en XFD1 de ``seguimiento_metas`` (con openpyxl)."""
    import openpyxl

    wb = openpyxl.load_workbook(base)
    wb["seguimiento_metas"]["XFD1"] = "comentario"
    wb.save(destino)
    return destino


def medir(ruta: Path, corridas: int) -> tuple[float, list[float], float, float]:
    """(mediana en s, tiempos, pico de tracemalloc en MB, segundos de leer_xlsx) de ``cargar_libro(ruta)``."""
    cargar_libro(ruta)  # calentamiento: importaciones perezosas y cachés
    tiempos = []
    for _ in range(corridas):
        t0 = time.perf_counter()
        cargar_libro(ruta)
        tiempos.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    leer_xlsx(ruta)
    lectura = time.perf_counter() - t0
    tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    cargar_libro(ruta)
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(tiempos), tiempos, (pico - base) / 2**20, lectura


def _rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024  # macOS en bytes, Linux en KiB


def _mb(ruta: Path) -> str:
    return f"{ruta.stat().st_size / 2**20:.1f} MB"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corridas", type=int, default=3)
    ap.add_argument(
        "--carpeta", type=Path, default=None, help="dónde dejar los libros (por omisión, una carpeta temporal que se borra)"
    )
    ap.add_argument("--con-textos", action="store_true", help="mide también la hoja de un millón de textos distintos (lento)")
    a = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="pai-gigante-") as tmp:
        carpeta = a.carpeta or Path(tmp)
        carpeta.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        base = escribir_plantilla(carpeta / "demostracion.xlsx", con_ejemplo=True)
        libros = {
            "hoja_extra": agregar_hoja_gigante(base, carpeta / "hoja_extra.xlsx"),
            "columna_xfd": agregar_columna_xfd(base, carpeta / "columna_xfd.xlsx"),
        }
        if a.con_textos:
            libros["textos_distintos"] = agregar_hoja_gigante(base, carpeta / "textos_distintos.xlsx", textos_compartidos=True)
        print(
            f"Libros armados en {time.perf_counter() - t0:.1f} s en {carpeta}: demostración {_mb(base)}, "
            + ", ".join(f"{k} {_mb(v)}" for k, v in libros.items())
        )

        m0, t_base, mem0, l0 = medir(base, a.corridas)
        print(
            f"cargar_libro, mediana de {a.corridas} corridas tras una de calentamiento (reloj); "
            "pico de tracemalloc en una corrida aparte; entre corchetes, solo leer_xlsx:"
        )
        print(
            f"  {'demostración (línea base)':<27} {m0:6.2f} s  [{l0:5.2f} s]  pico {mem0:7.1f} MB   "
            f"corridas: {', '.join(f'{t:.2f}' for t in t_base)}"
        )
        ok = True
        for nombre, ruta in libros.items():
            m, tiempos, mem, lectura = medir(ruta, a.corridas)
            informativo = nombre == "textos_distintos"
            veredicto = "informativo" if informativo else ("PASS" if m <= OBJETIVO_S else "FAIL")
            ok = ok and (informativo or m <= OBJETIVO_S)
            print(
                f"  {nombre:<27} {m:6.2f} s  [{lectura:5.2f} s]  pico {mem:7.1f} MB   razón {m / m0:4.1f}×   "
                f"corridas: {', '.join(f'{t:.2f}' for t in tiempos)}   {veredicto}"
            )
        print(f"  RSS máximo del proceso (getrusage, incluye importaciones y la construcción de los libros): {_rss_mb():.0f} MB")
        print(f"  objetivo (cada libro gigante ≤ {OBJETIVO_S:.0f} s):", "cumplido" if ok else "NO cumplido")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
