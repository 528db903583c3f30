"""Lectura del archivo .xlsx: comprobar que es un libro de Excel y leer sus hojas como valores crudos.

:func:`leer_bytes` reconoce lo que no es un .xlsx (un .xls antiguo, un .ods, un .xlsb, un
archivo cifrado, vacío o a medio copiar) y lo dice en una línea clara; :func:`leer_xlsx` lee
cada hoja con openpyxl en modo de solo lectura, con la fila de Excel de cada registro.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd

from ..errores import ErrorLectura

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def leer_bytes(ruta: Path) -> bytes:
    if not ruta.exists():
        raise ErrorLectura(f"No existe el archivo «{ruta}». Se esperaba la ruta de un libro .xlsx.")
    if ruta.is_dir():
        raise ErrorLectura(f"«{ruta}» es una carpeta. Se esperaba un libro .xlsx.")
    datos = ruta.read_bytes()
    if not datos:
        raise ErrorLectura(f"El archivo «{ruta.name}» está vacío (0 bytes). Se esperaba un libro .xlsx con las hojas del seguimiento.")
    if datos[:8] == _OLE2:
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in datos:
            raise ErrorLectura(f"El libro «{ruta.name}» está protegido con contraseña. Guárdelo sin contraseña (Archivo › Información › Proteger libro) y vuelva a intentarlo.")
        raise ErrorLectura(f"«{ruta.name}» es un libro de Excel antiguo (.xls). Ábralo y guárdelo como «Libro de Excel (.xlsx)».")
    if not zipfile.is_zipfile(ruta):
        if datos[:4] == b"PK\x03\x04":  # empieza como .xlsx pero el zip no cierra: copia a medias
            raise ErrorLectura(f"«{ruta.name}» parece un libro .xlsx dañado o incompleto (¿se copió o descargó a medias?). Vuelva a guardarlo desde Excel.")
        raise ErrorLectura(f"«{ruta.name}» no es un libro .xlsx (no tiene el formato de Excel 2007 o posterior). Se esperaba un .xlsx.")
    try:
        with zipfile.ZipFile(ruta) as z:
            nombres = set(z.namelist())
            tipo = z.read("mimetype")[:100] if "mimetype" in nombres else b""
    except (zipfile.BadZipFile, OSError) as exc:
        raise ErrorLectura(f"«{ruta.name}» parece un libro .xlsx dañado ({type(exc).__name__}). Vuelva a guardarlo desde Excel.") from exc
    if b"opendocument.spreadsheet" in tipo:
        raise ErrorLectura(f"«{ruta.name}» es una hoja de cálculo de LibreOffice (.ods). Guárdela como «Libro de Excel 2007-365 (.xlsx)».")
    if "xl/workbook.bin" in nombres:
        raise ErrorLectura(f"«{ruta.name}» es un libro binario de Excel (.xlsb). Guárdelo como «Libro de Excel (.xlsx)».")
    return datos


def leer_xlsx(ruta: Path) -> dict[str, pd.DataFrame]:
    """Lee cada hoja como texto/valores crudos, con la columna ``_fila`` (fila de Excel)."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(ruta, read_only=True, data_only=True)
    except Exception as exc:  # zip válido pero no un libro (p. ej. un .docx) o dañado
        raise ErrorLectura(f"No se pudo abrir «{ruta.name}» como libro .xlsx ({type(exc).__name__}). ¿Está dañado o es otro tipo de documento?") from exc
    try:
        hojas = _leer_hojas(wb)
    except Exception as exc:  # XML de una hoja dañado: sigue siendo un problema del archivo
        raise ErrorLectura(f"No se pudo leer «{ruta.name}»: una hoja está dañada ({type(exc).__name__}). Ábralo en Excel y vuelva a guardarlo.") from exc
    finally:
        wb.close()
    return hojas


def _leer_hojas(wb) -> dict[str, pd.DataFrame]:
    hojas: dict[str, pd.DataFrame] = {}
    for ws in wb.worksheets:
        ws.reset_dimensions()  # no confiar en <dimension>: algunos programas la escriben mal y se perderían filas
        filas = ws.iter_rows(values_only=True)
        encabezado = next(filas, None)
        if encabezado is None:
            hojas[ws.title] = pd.DataFrame({"_fila": pd.Series(dtype="int64")})
            continue
        nombres = [str(c).strip() if c is not None else f"_sin_nombre_{i}" for i, c in enumerate(encabezado)]
        registros, numeros = [], []
        for n, fila in enumerate(filas, start=2):
            if fila is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in fila):
                continue
            fila = tuple(fila) + (None,) * (len(nombres) - len(fila))
            registros.append(fila[: len(nombres)])
            numeros.append(n)
        df = pd.DataFrame.from_records(registros, columns=nombres) if registros else pd.DataFrame(columns=nombres)
        df = df.astype(object)
        df["_fila"] = pd.Series(numeros, dtype="int64")
        hojas[ws.title] = df
    return hojas
