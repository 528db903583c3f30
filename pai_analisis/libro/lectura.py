"""Lectura del archivo .xlsx: comprobar que es un libro de Excel y leer sus hojas como valores crudos.

:func:`leer_bytes` reconoce lo que no es un .xlsx (un .xls antiguo, un .ods, un .xlsb, un
archivo cifrado, vacío o a medio copiar) y lo dice en una línea clara; :func:`leer_xlsx` lee
las hojas con openpyxl en modo de solo lectura, con la fila de Excel de cada registro.

Qué se lee (para que un libro con una hoja gigante se valide en segundos):

* **Solo las hojas pedidas**: por omisión, las del contrato (``esquema.HOJAS``, opcionales
  incluidas), comparando nombres normalizados (sin mayúsculas, tildes ni espacios sobrantes,
  como :func:`~pai_analisis.libro.celdas.tipar_hojas`). Las demás (``instrucciones``, la oculta
  ``listas``, cualquier hoja de trabajo de la Oficina, aunque tenga un millón de filas) no se
  abren. Si dos hojas normalizan al mismo nombre se leen las dos: ``tipar_hojas`` reporta
  ``hoja_repetida``. Quien necesite otra hoja la pide con ``hojas=`` (nombres, se normalizan).
* **En una hoja del contrato, las columnas hasta la última cuyo encabezado (fila 1) es una
  columna del contrato** de esa hoja, con todas las columnas extra que haya a su izquierda
  (con o sin encabezado, como siempre). **A la derecha** de esa columna solo se leen las que
  tienen encabezado (p. ej. ``supuesto`` de la plantilla): una columna sin nombre a la derecha
  no se lee, y un encabezado suelto en la columna XFD es una sola columna extra, vacía. El
  ancho de la hoja lo fija cada fila (no ``<dimension>``, que algunos programas escriben mal).
  (No leer nada a la derecha perdería ``supuesto``, que la plantilla escribe allí y que
  ``tests/test_plantilla.py`` exige conservar. Un encabezado lleno hasta XFD —16.384 nombres—
  sí se lee entero: unos segundos.)
* Los valores quedan tal como los da openpyxl (vacío = ``None``, fechas ``datetime``), sin
  inferir tipos por columna.
* En una hoja fuera del contrato pedida con ``hojas=``, todas las columnas.
* Las filas vacías (en las columnas leídas) se omiten; ``_fila`` guarda la fila de Excel.

El libro se abre con :func:`abrir_libro`, que no mide las hojas al abrir (openpyxl recorre
entera una hoja sin ``<dimension>``, aunque no se lea). Ninguna advertencia de openpyxl
(extensiones no soportadas, estilos…) llega al usuario: la lectura corre bajo
``warnings.catch_warnings()``, sin tocar los filtros globales.

Límite conocido: openpyxl lee entera, al abrir, la tabla de textos compartidos
(``sharedStrings.xml``) de todo el libro. Una hoja ajena guardada por Excel con un millón de
textos *distintos* la llena, y abrir el libro tarda lo que tarde esa tabla (ver
``bench/libro_gigante.py --con-textos``); con números o textos repetidos no pesa.
"""

from __future__ import annotations

import bisect
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..comun.textos import normalizar
from ..errores import ErrorLectura
from . import esquema

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def leer_bytes(ruta: Path) -> bytes:
    if not ruta.exists():
        raise ErrorLectura(f"No existe el archivo «{ruta}». Se esperaba la ruta de un libro .xlsx.")
    if ruta.is_dir():
        raise ErrorLectura(f"«{ruta}» es una carpeta. Se esperaba un libro .xlsx.")
    datos = ruta.read_bytes()
    if not datos:
        raise ErrorLectura(
            f"El archivo «{ruta.name}» está vacío (0 bytes). Se esperaba un libro .xlsx con las hojas del seguimiento."
        )
    if datos[:8] == _OLE2:
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in datos:
            raise ErrorLectura(
                f"El libro «{ruta.name}» está protegido con contraseña. Guárdelo sin contraseña (Archivo › Información › Proteger libro) y vuelva a intentarlo."
            )
        raise ErrorLectura(f"«{ruta.name}» es un libro de Excel antiguo (.xls). Ábralo y guárdelo como «Libro de Excel (.xlsx)».")
    if not zipfile.is_zipfile(ruta):
        if datos[:4] == b"PK\x03\x04":  # empieza como .xlsx pero el zip no cierra: copia a medias
            raise ErrorLectura(
                f"«{ruta.name}» parece un libro .xlsx dañado o incompleto (¿se copió o descargó a medias?). Vuelva a guardarlo desde Excel."
            )
        raise ErrorLectura(
            f"«{ruta.name}» no es un libro .xlsx (no tiene el formato de Excel 2007 o posterior). Se esperaba un .xlsx."
        )
    try:
        with zipfile.ZipFile(ruta) as z:
            nombres = set(z.namelist())
            tipo = z.read("mimetype")[:100] if "mimetype" in nombres else b""
    except (zipfile.BadZipFile, OSError) as exc:
        raise ErrorLectura(
            f"«{ruta.name}» parece un libro .xlsx dañado ({type(exc).__name__}). Vuelva a guardarlo desde Excel."
        ) from exc
    if b"opendocument.spreadsheet" in tipo:
        raise ErrorLectura(
            f"«{ruta.name}» es una hoja de cálculo de LibreOffice (.ods). Guárdela como «Libro de Excel 2007-365 (.xlsx)»."
        )
    if "xl/workbook.bin" in nombres:
        raise ErrorLectura(f"«{ruta.name}» es un libro binario de Excel (.xlsb). Guárdelo como «Libro de Excel (.xlsx)».")
    return datos


@contextmanager
def abrir_libro(ruta: Path) -> Iterator:
    """El libro abierto con openpyxl en solo lectura (valores, no fórmulas), que se cierra al salir.

    Como ``openpyxl.load_workbook(ruta, read_only=True, data_only=True)``, pero sin medir cada
    hoja al abrir: openpyxl busca el ``<dimension>`` de todas y, si falta (openpyxl en modo
    ``write_only`` no lo escribe), recorre la hoja entera (~40 s para una hoja ajena de un millón
    de filas que nadie va a leer). Ninguna advertencia de openpyxl sale de aquí. Para quien lea
    otras hojas del mismo archivo (p. ej. las marcas de ``instrucciones``).
    """
    ruta = Path(ruta)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl avisa de extensiones, estilos y nombres que no entiende
        try:
            wb = _cargar(ruta)
        except Exception as exc:  # zip válido pero no un libro (p. ej. un .docx) o dañado
            raise ErrorLectura(
                f"No se pudo abrir «{ruta.name}» como libro .xlsx ({type(exc).__name__}). ¿Está dañado o es otro tipo de documento?"
            ) from exc
        try:
            yield wb
        finally:
            wb.close()


def _cargar(ruta: Path):
    import openpyxl

    try:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    except ImportError:  # otra versión de openpyxl: la carga normal (más lenta con hojas sin <dimension>)
        return openpyxl.load_workbook(ruta, read_only=True, data_only=True)

    class HojaSinMedir(ReadOnlyWorksheet):
        def _get_size(self):  # las dimensiones no se usan: _leer_hoja llama a reset_dimensions()
            pass

    class Lector(ExcelReader):
        def read_worksheets(self):  # la rama read_only de ExcelReader.read_worksheets, con HojaSinMedir
            for hoja, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(hoja, rel)
                    continue
                ws = HojaSinMedir(self.wb, hoja.name, rel.target, self.shared_strings)
                ws.sheet_state = hoja.state
                self.wb._sheets.append(ws)

    try:
        lector = Lector(ruta, read_only=True, data_only=True)
        lector.read()
        return lector.wb
    except Exception:  # un archivo dañado, o un openpyxl cuyos internos cambiaron: la carga normal decide
        return openpyxl.load_workbook(ruta, read_only=True, data_only=True)


@dataclass(frozen=True)
class FormulaSinValor:
    """Lo que se lee en una celda del contrato con fórmula y sin valor en caché (sección 9): no es una celda vacía.

    La tipificación (:func:`~pai_analisis.libro.celdas.tipar_columna`) lo reporta como ``formula_sin_valor``,
    con la celda y la fórmula, y dice que hay que abrir y guardar el archivo en Excel o LibreOffice.
    """

    celda: str
    formula: str

    def __str__(self) -> str:
        return f"={self.formula}"


def leer_xlsx(ruta: Path, hojas: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Lee las hojas como valores crudos (``object``), con la columna ``_fila`` (fila de Excel).

    ``hojas``: los nombres de las hojas que se leen (se comparan normalizados); ``None`` = las
    del contrato. Las claves del resultado son los nombres reales de las hojas, en el orden
    del libro. Una celda de una columna del contrato con fórmula y sin valor en caché llega como
    :class:`FormulaSinValor` (el valor en caché de las demás fórmulas llega como cualquier valor).
    """
    ruta = Path(ruta)
    with abrir_libro(ruta) as wb:
        try:
            return _leer_hojas(wb, hojas, ruta)
        except Exception as exc:  # XML de una hoja dañado: sigue siendo un problema del archivo
            raise ErrorLectura(
                f"No se pudo leer «{ruta.name}»: una hoja está dañada ({type(exc).__name__}). Ábralo en Excel y vuelva a guardarlo."
            ) from exc


def _leer_hojas(wb, hojas: Iterable[str] | None = None, ruta: Path | None = None) -> dict[str, pd.DataFrame]:
    """Las hojas pedidas de un libro abierto (``None`` = las del contrato), por nombre real.

    Con ``ruta`` (el archivo de ``wb``), las fórmulas sin valor en caché de las hojas del contrato se
    leen de su XML (:func:`~.formulas.formulas_sin_valor`) y llegan como :class:`FormulaSinValor`.
    """
    if isinstance(hojas, str):  # leer_xlsx(ruta, hojas="instrucciones"): un nombre, no sus letras
        hojas = [hojas]
    buscadas = {normalizar(h) for h in (esquema.HOJAS if hojas is None else hojas)}
    contrato = {normalizar(h): {normalizar(c.nombre) for c in columnas} for h, columnas in esquema.HOJAS.items()}
    titulos = [ws.title for ws in wb.worksheets if normalizar(ws.title) in buscadas]
    sin_valor = {}
    if ruta is not None:
        from .formulas import formulas_sin_valor

        sin_valor = formulas_sin_valor(ruta, [t for t in titulos if normalizar(t) in contrato])
    leidas: dict[str, pd.DataFrame] = {}
    for ws in wb.worksheets:
        clave = normalizar(ws.title)
        if clave in buscadas:
            leidas[ws.title] = _leer_hoja(ws, contrato.get(clave), sin_valor.get(ws.title, {}))
    return leidas


def _en_blanco(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _nombre(encabezado: tuple, i: int) -> str:
    """El nombre de la columna ``i`` (desde 0): su encabezado, o ``_sin_nombre_<i>`` si está en blanco."""
    return f"_sin_nombre_{i}" if i >= len(encabezado) or _en_blanco(encabezado[i]) else str(encabezado[i]).strip()


def _leer_hoja(ws, columnas_contrato: set[str] | None, sin_valor: dict | None = None) -> pd.DataFrame:
    """Una hoja como DataFrame crudo; ``columnas_contrato`` (normalizadas) fija qué columnas se leen.

    ``sin_valor``: {(fila, columna): fórmula} de las celdas con fórmula sin valor en caché; en una columna
    del contrato llegan como :class:`FormulaSinValor` (en las demás, vacías, como las lee openpyxl).
    """
    ws.reset_dimensions()  # no confiar en <dimension>: algunos programas la escriben mal y se perderían filas
    filas = ws.iter_rows(values_only=True)  # sin max_col: cada fila llega hasta su última celda
    encabezado = tuple(next(filas, None) or ())
    if columnas_contrato is None:  # hoja fuera del contrato: todas las columnas
        registros = [(n, tuple(f)) for n, f in enumerate(filas, start=2) if f and not all(map(_en_blanco, f))]
        ancho = max([len(encabezado), *(len(f) for _, f in registros)])
        return _tabla([_nombre(encabezado, i) for i in range(ancho)], ancho, [(n, f, ()) for n, f in registros])
    contrato = [i for i, c in enumerate(encabezado) if not _en_blanco(c) and normalizar(c) in columnas_contrato]
    ancho = contrato[-1] + 1 if contrato else 0  # de A a la última columna del contrato, todas
    derecha = [i for i in range(ancho, len(encabezado)) if not _en_blanco(encabezado[i])]  # después, solo con nombre
    lugar = {i: ancho + k for k, i in enumerate(derecha)}  # columna de Excel → posición en la tabla
    registros: list[tuple[int, tuple, tuple]] = []
    faltan: dict[int, dict[int, FormulaSinValor]] = {}
    for (n, col), formula in (sin_valor or {}).items():
        if col - 1 in contrato:
            faltan.setdefault(n, {})[col - 1] = FormulaSinValor(f"{_letras(col)}{n}", formula)
    for n, fila in enumerate(filas, start=2):
        if n in faltan:
            fila = list(fila) + [None] * (max(faltan[n]) + 1 - len(fila))
            for i, sentinela in faltan[n].items():
                fila[i] = sentinela
            fila = tuple(fila)
        if not fila:  # filas que faltan en el XML (openpyxl las entrega vacías)
            continue
        valores = tuple(fila[:ancho])
        # a la derecha, solo hasta donde llega la fila: un encabezado en XFD no obliga a recorrer 16.384 celdas por fila
        otras = tuple((lugar[i], fila[i]) for i in derecha[: bisect.bisect_left(derecha, len(fila))] if fila[i] is not None)
        if otras or not all(map(_en_blanco, valores)):
            registros.append((n, valores, otras))
    return _tabla([_nombre(encabezado, i) for i in [*range(ancho), *derecha]], ancho, registros)


def _letras(columna: int) -> str:
    from .formulas import columna_letra

    return columna_letra(columna)


def _tabla(nombres: list[str], ancho: int, registros: list[tuple[int, tuple, tuple]]) -> pd.DataFrame:
    """DataFrame ``object`` con los valores tal como los da openpyxl (vacío = ``None``) y ``_fila``.

    Cada registro es ``(fila de Excel, valores de las primeras columnas (hasta ``ancho``), ((posición, valor), …)
    de las demás)``. Se arma en un solo bloque de numpy: sin inferir tipos por columna y sin
    insertar columnas una a una (con miles, pandas avisaría «DataFrame is highly fragmented»).
    """
    datos = np.full((len(registros), len(nombres)), None, dtype=object)
    for r, (_, valores, otras) in enumerate(registros):
        if valores:
            datos[r, : len(valores)] = valores
        for k, v in otras:
            datos[r, k] = v
    df = pd.DataFrame(datos, columns=nombres, dtype=object)  # dtype: sin inferir tipos columna por columna
    df["_fila"] = pd.Series([n for n, _, _ in registros], dtype="int64")
    return df
