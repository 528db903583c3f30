"""LibreOffice en las pruebas: lo que un programa de hojas de cálculo de verdad muestra de un .xlsx.

:func:`valores_libreoffice` abre el libro en LibreOffice sin interfaz (``soffice --headless
--convert-to xlsx``, con un perfil nuevo en cada llamada: se puede correr en paralelo) y devuelve
lo que LibreOffice tiene en cada celda de cada hoja después de abrirlo —el recálculo al abrir
incluido—, leído del .xlsx que LibreOffice escribe (openpyxl, ``data_only=True``): valores con
tipo, nombres de hoja intactos. :func:`guardar_con_libreoffice` es el libro «guardado por
LibreOffice» (filtro «Calc MS Excel 2007 XML»). Cada llamada a ``soffice`` cuesta ~2 s;
:func:`convertir_xlsx` convierte varios libros en una sola llamada. :func:`abierto_en_libreoffice`
deja un libro abierto en LibreOffice (con su archivo de bloqueo de verdad) mientras dura un ``with``.

Lo que se midió (LibreOffice 7.4.7, Debian 12; y el código de ``sc/source/filter/oox``):

* **LibreOffice no lee ``fullCalcOnLoad``.** ``WorkbookSettings::importCalcPr`` no mira ese
  atributo; qué se recalcula al abrir lo decide la opción
  ``/org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode`` (Herramientas › Opciones ›
  LibreOffice Calc › Fórmula › «Recalcular al cargar el archivo», Excel 2007 y posteriores):
  0 = siempre, **1 = nunca (la de fábrica)**, 2 = preguntar. Con «nunca», con o sin
  ``fullCalcOnLoad``:

  - una fórmula común con ``<v>`` muestra ese valor guardado, aunque esté viejo;
  - una fórmula sin ``<v>`` se calcula;
  - las celdas de una fórmula compartida (``<f t="shared">``) se calculan **siempre**
    (``applySharedFormulas`` nunca las da por calculadas), aunque traigan ``<v>``;
  - una fórmula común que depende de una celda recalculada **no** se entera: un
    ``=SUM(...)`` con ``<v>`` viejo sigue mostrando el viejo;
  - excepción: si ninguna fórmula del libro trae un resultado distinto de 0, recalcula todo.

  Con ``recalcular=True`` las funciones de este módulo usan un perfil con ``OOXMLRecalcMode=0``
  («recalcular siempre»): lo que ve quien eligió esa opción, y lo que hace Excel con
  ``fullCalcOnLoad``. Para que LibreOffice *de fábrica* muestre sumas frescas, el escritor
  tendría que quitar el ``<v>`` de esas fórmulas: medido, quitarlo de las fórmulas del
  ``tablero`` del libro de la Oficina basta para que muestre las sumas nuevas.
* **Guardar en LibreOffice redondea a 15 cifras significativas** (``42.00000000000001`` →
  ``42``, ``93.47043630246367`` → ``93.4704363024637``): las cifras del libro (millones con
  decimales cortos) vuelven iguales; las de la exportación, iguales hasta 1e-14 relativo.
* **Fórmula compartida sin ancla.** Si la celda ancla (la que lleva ``ref`` y el texto de la
  fórmula) pierde su ``<f>``, LibreOffice descarta las demás celdas del grupo
  (``<f t="shared" si="0"/>``): quedan **vacías**, sin valor ni fórmula, aunque traigan ``<v>``
  (``formulabuffer.cxx``: ``if (!pEntry) continue;``). Es el «83 celdas vacías» del issue.

Archivos de bloqueo (para el lector de :mod:`pai_analisis.libro.bloqueos`):

* **Excel** (:func:`bloqueo_excel`), ``~$LIBRO.xlsx``, 165 bytes: byte 0 = longitud *n* del nombre
  (≤ 52); bytes 1…n = el nombre en la página de códigos de Windows (cp1252); espacios (0x20)
  hasta el byte 54 inclusive; bytes 55–56 = *n* otra vez (entero de 2 bytes, little-endian);
  desde el 57, el nombre en UTF-16LE; el resto, espacios UTF-16 (``20 00``). Es el formato que
  escribe y lee LibreOffice para Excel (``svl/source/misc/msodocumentlockfile.cxx``, ingeniería
  inversa de MS Office 2016; Word usa 162 bytes y ceros).
* **LibreOffice** (:func:`bloqueo_libreoffice`), ``.~lock.LIBRO.xlsx#``, UTF-8, una sola línea sin
  salto final: ``nombre,usuario,equipo,dd.mm.aaaa hh:mm,url-del-perfil;`` —nombre = el de
  Herramientas › Opciones › Datos del usuario (vacío de fábrica), usuario = el del sistema—; ``\\``,
  ``,`` y ``;`` dentro de un campo van escapados con ``\\`` (``svl/source/misc/lockfilecommon.cxx``).
  LibreOffice 7.4 escribió, al abrir un libro: ``,root,vm,07.12.2026 01:33,file:///tmp/lo_exp/p_lock;``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

_RUTAS = ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
          "/Applications/LibreOffice.app/Contents/MacOS/soffice")
FILTRO_XLSX = "xlsx:Calc MS Excel 2007 XML"
_RECALCULAR_SIEMPRE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class ErrorLibreOffice(RuntimeError):
    """LibreOffice no abrió o no convirtió un libro."""


@functools.cache
def soffice() -> str | None:
    """La ruta del ejecutable de LibreOffice, o ``None`` si no está instalado."""
    encontrado = shutil.which("soffice") or shutil.which("libreoffice")
    return encontrado or next((r for r in _RUTAS if os.access(r, os.X_OK)), None)


requiere_libreoffice = pytest.mark.skipif(
    soffice() is None, reason="LibreOffice no está instalado (Debian: apt-get install libreoffice-calc-nogui)")


def con_libreoffice(prueba):
    """Una prueba que abre LibreOffice: marca ``libreoffice`` (``-m "not libreoffice"`` la deja fuera) y se omite sin él."""
    return pytest.mark.libreoffice(requiere_libreoffice(prueba))


@functools.cache
def version() -> str:
    """``"LibreOffice 7.4.7.2 40(Build:2)"``."""
    return subprocess.run([soffice(), "--version"], capture_output=True, text=True, timeout=60).stdout.strip()


def convertir_xlsx(rutas: list[Path], carpeta: Path, *, recalcular: bool = False, timeout: float = 180) -> list[Path]:
    """Abre cada libro en LibreOffice y lo guarda como .xlsx en ``carpeta`` (mismo nombre, .xlsx); una sola llamada.

    Los libros se copian antes a una carpeta temporal: LibreOffice no deja archivos de bloqueo ni
    nada al lado del original. ``recalcular``: con la opción «recalcular siempre al cargar».
    """
    rutas = [Path(r) for r in rutas]
    if len({r.stem for r in rutas}) != len(rutas):
        raise ValueError("convertir_xlsx: los libros deben tener nombres distintos")
    if soffice() is None:
        raise ErrorLibreOffice("LibreOffice no está instalado")
    carpeta = Path(carpeta)
    carpeta.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pai-libreoffice-") as tmp:
        tmp = Path(tmp)
        (tmp / "entrada").mkdir()
        copias = [shutil.copyfile(r, tmp / "entrada" / r.name) for r in rutas]
        perfil = tmp / "perfil"
        if recalcular:
            (perfil / "user").mkdir(parents=True)
            (perfil / "user" / "registrymodifications.xcu").write_text(_RECALCULAR_SIEMPRE, encoding="utf-8")
        orden = [soffice(), "--headless", "--norestore", "--nologo", "--nolockcheck", f"-env:UserInstallation={perfil.as_uri()}",
                 "--convert-to", FILTRO_XLSX, "--outdir", str(tmp / "salida"), *map(str, copias)]
        salida, error, codigo = _correr(orden, timeout)
        hechos = []
        for r in rutas:
            hecho = tmp / "salida" / f"{r.stem}.xlsx"
            if not hecho.is_file():
                raise ErrorLibreOffice(f"LibreOffice no pudo abrir o guardar «{r.name}» (código {codigo}).\n"
                                       f"salida: {salida.strip()}\nerrores: {error.strip()}")
            hechos.append(Path(shutil.move(hecho, carpeta / hecho.name)))
    return hechos


def _correr(orden: list[str], timeout: float) -> tuple[str, str, int]:
    """Corre ``soffice`` en su propio grupo de procesos; si se pasa de ``timeout``, lo termina (solo a él)."""
    proceso = subprocess.Popen(orden, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        salida, error = proceso.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proceso.pid, signal.SIGKILL)
        proceso.communicate()
        raise ErrorLibreOffice(f"LibreOffice no terminó en {timeout:.0f} s: {' '.join(orden[-3:])}") from None
    return salida, error, proceso.returncode


@contextlib.contextmanager
def abierto_en_libreoffice(libro: Path, *, timeout: float = 60) -> Iterator[Path]:
    """Abre ``libro`` en LibreOffice (sin interfaz, para editar) mientras dura el ``with``; da su archivo de bloqueo.

    Es la Oficina con el libro abierto: ``.~lock.LIBRO.xlsx#`` existe (el de verdad) hasta que
    LibreOffice se cierra. Al salir se termina ese LibreOffice (solo ese grupo de procesos) y se
    borra el bloqueo, como al cerrarlo bien.
    """
    if soffice() is None:
        raise ErrorLibreOffice("LibreOffice no está instalado")
    libro = Path(libro)
    bloqueo = libro.with_name(f".~lock.{libro.name}#")
    with tempfile.TemporaryDirectory(prefix="pai-abierto-") as tmp:
        orden = [soffice(), "--headless", "--norestore", "--nologo", f"-env:UserInstallation={Path(tmp).as_uri()}", str(libro)]
        proceso = subprocess.Popen(orden, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            limite = time.monotonic() + timeout
            while not (bloqueo.is_file() and bloqueo.read_bytes().endswith(b";")):
                if proceso.poll() is not None or time.monotonic() > limite:
                    raise ErrorLibreOffice(f"LibreOffice no abrió «{libro.name}» en {timeout:.0f} s (código {proceso.poll()})")
                time.sleep(0.1)
            yield bloqueo
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proceso.pid, signal.SIGKILL)
            proceso.wait()
            bloqueo.unlink(missing_ok=True)  # lo que hace LibreOffice al cerrarse bien


def guardar_con_libreoffice(ruta: Path, destino: Path, *, recalcular: bool = False) -> Path:
    """``ruta`` abierto en LibreOffice y guardado como .xlsx en ``destino`` (el libro «guardado por LibreOffice»)."""
    destino = Path(destino)
    with tempfile.TemporaryDirectory(prefix="pai-guardado-") as tmp:
        copia = Path(tmp) / "entrada" / f"{destino.stem}.xlsx"
        copia.parent.mkdir()
        shutil.copyfile(ruta, copia)
        (hecho,) = convertir_xlsx([copia], Path(tmp) / "salida", recalcular=recalcular)
        destino.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(hecho, destino)
    return destino


def valores_xlsx(ruta: Path, *, data_only: bool = True) -> dict[str, list[list]]:
    """Cada hoja como filas de valores (fila 1 de Excel = índice 0), rectangular, sin filas ni columnas vacías al final.

    ``data_only``: el valor guardado de cada fórmula (``False``: el texto de la fórmula).
    """
    import openpyxl

    wb = openpyxl.load_workbook(ruta, read_only=True, data_only=data_only)
    try:
        salida = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()  # no confiar en <dimension>: leer hasta la última fila y columna escritas
            filas = [list(f) for f in ws.iter_rows(values_only=True)]
            while filas and all(v is None for v in filas[-1]):
                filas.pop()
            ancho = max((max((i + 1 for i, v in enumerate(f) if v is not None), default=0) for f in filas), default=0)
            salida[ws.title] = [(f + [None] * ancho)[:ancho] for f in filas]
        return salida
    finally:
        wb.close()


def valores_libreoffice(ruta: Path, *, recalcular: bool = False) -> dict[str, list[list]]:
    """Lo que LibreOffice muestra en cada hoja de ``ruta`` después de abrirlo (ver el docstring del módulo)."""
    with tempfile.TemporaryDirectory(prefix="pai-valores-") as tmp:
        return valores_xlsx(guardar_con_libreoffice(ruta, Path(tmp) / "libro.xlsx", recalcular=recalcular))


def celda(valores: list[list], ref: str):
    """El valor de ``ref`` (``"B2"``) en las filas de una hoja; ``None`` fuera de lo escrito."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letra, fila = coordinate_from_string(ref)
    col = column_index_from_string(letra)
    return valores[fila - 1][col - 1] if fila <= len(valores) and col <= len(valores[fila - 1]) else None


def bloqueo_excel(libro: Path, usuario: str) -> Path:
    """Escribe ``~$LIBRO.xlsx`` junto a ``libro`` como lo deja Excel al abrirlo (165 bytes; ver el docstring)."""
    nombre = usuario[:52]
    n = len(nombre)
    datos = bytes([n]) + nombre.encode("cp1252", errors="replace") + b" " * (54 - n)
    datos += n.to_bytes(2, "little") + nombre.encode("utf-16-le")
    datos += b" \x00" * ((165 - len(datos)) // 2)
    assert len(datos) == 165, len(datos)
    destino = Path(libro).with_name(f"~${Path(libro).name}")
    destino.write_bytes(datos)
    return destino


def _escapar(campo: str) -> str:
    return "".join("\\" + c if c in "\\,;" else c for c in campo)


def bloqueo_libreoffice(libro: Path, usuario: str, *, nombre: str = "", equipo: str = "PC-PLANEACION",
                        fecha: dt.datetime | None = None, perfil: str | None = None) -> Path:
    """Escribe ``.~lock.LIBRO.xlsx#`` junto a ``libro`` como lo deja LibreOffice al abrirlo (ver el docstring).

    ``usuario``: el usuario del sistema; ``nombre``: el de los datos del usuario de LibreOffice.
    """
    fecha = fecha or dt.datetime(2024, 7, 5, 9, 30)
    perfil = perfil or f"file:///home/{usuario}/.config/libreoffice/4"
    campos = [nombre, usuario, equipo, fecha.strftime("%d.%m.%Y %H:%M"), perfil]
    destino = Path(libro).with_name(f".~lock.{Path(libro).name}#")
    destino.write_bytes((",".join(map(_escapar, campos)) + ";").encode("utf-8"))
    return destino
