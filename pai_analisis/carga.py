"""Carga del libro de seguimiento (.xlsx) o del plan 2024 incorporado con su año de demostración.

``cargar_libro(ruta)`` lee, tipa y valida; devuelve un :class:`Libro` con un DataFrame
por hoja (enteros ``Int64``, números ``float64``, códigos como categorías, ``periodo`` como
``Period[M]``). Si hay errores lanza :class:`~pai_analisis.errores.ErrorValidacion` con la
tabla completa de problemas; las advertencias quedan en ``libro.advertencias``.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import esquema
from .errores import ErrorLectura, ErrorValidacion
from .validacion import validar

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Libro:
    """Las doce hojas del libro, tipadas, más su procedencia."""

    objetivos: pd.DataFrame
    proyectos: pd.DataFrame
    metas: pd.DataFrame
    seguimiento_metas: pd.DataFrame
    presupuesto: pd.DataFrame
    indicadores: pd.DataFrame
    seguimiento_indicadores: pd.DataFrame
    actividades: pd.DataFrame
    seguimiento_actividades: pd.DataFrame
    riesgos: pd.DataFrame
    controles: pd.DataFrame
    seguimiento_riesgos: pd.DataFrame
    vigencia: int = 2024
    origen: Path | None = None
    sha256: str | None = None
    advertencias: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def demostracion(self) -> bool:
        """``True`` cuando son los datos de demostración incorporados (sin archivo)."""
        return self.origen is None

    @property
    def nombre_datos(self) -> str:
        return self.origen.name if self.origen else "datos de demostración incorporados (plan 2024)"

    def hojas(self) -> dict[str, pd.DataFrame]:
        return {h: getattr(self, h) for h in esquema.HOJAS}

    def ultimo_periodo(self) -> pd.Period | None:
        """El último mes con algún reporte en las hojas de seguimiento (``None`` si no hay)."""
        periodos = [getattr(self, h)["periodo"].dropna() for h in esquema.HOJAS_SEGUIMIENTO]
        maximos = [s.max() for s in periodos if len(s)]
        return max(maximos) if maximos else None


def _leer_bytes(ruta: Path) -> bytes:
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


def _crudas_incorporadas() -> dict[str, pd.DataFrame]:
    from .demostracion import seguimiento_demostracion
    from .plan import tablas_plan_2024

    crudas = tablas_plan_2024() | seguimiento_demostracion()
    for df in crudas.values():
        df["_fila"] = range(2, len(df) + 2)
    return crudas


def cargar_libro(ruta: str | Path | None = None, vigencia: int | None = None) -> Libro:
    """Carga y valida un libro de seguimiento; ``None`` = plan 2024 con año de demostración.

    Lanza ``ErrorLectura`` si el archivo no es un .xlsx legible y ``ErrorValidacion``
    (con todos los problemas) si el contenido no cumple el contrato.
    """
    if ruta is None:
        crudas, origen, sha = _crudas_incorporadas(), None, None
    else:
        origen = Path(ruta)
        datos = _leer_bytes(origen)
        sha = hashlib.sha256(datos).hexdigest()
        crudas = leer_xlsx(origen)
    tablas, problemas, vig = validar(crudas, vigencia)
    if (problemas["nivel"] == "error").any() if len(problemas) else False:
        raise ErrorValidacion(problemas)
    if "materializado" in tablas["seguimiento_riesgos"]:
        sr = tablas["seguimiento_riesgos"]
        sr["materializado"] = (sr["materializado"] == "Sí").astype(bool)
    return Libro(**tablas, vigencia=vig, origen=origen, sha256=sha, advertencias=problemas)
