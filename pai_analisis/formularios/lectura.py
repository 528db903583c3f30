"""La lectura de lo que vuelve de las dependencias: cada ``.xlsx`` de una carpeta, formulario o no.

:func:`leer_carpeta` lee los ``.xlsx`` de la carpeta (sin los temporales de Excel ``~$…`` ni los
ocultos, la regla de :func:`~pai_analisis.comun.recursos.libros_en`) y da, por archivo:

* :class:`NoFormulario`: no se pudo abrir como ``.xlsx`` o no trae la identidad de un formulario
  de pai (se lista y se ignora);
* :class:`FormularioLeido`: su identidad (o por qué está dañada, :class:`~.identidad.IdentidadDanada`)
  y, de cada hoja, las celdas no vacías tal como las muestra la hoja de cálculo (el valor en caché
  de una fórmula; una fórmula sin valor en caché llega como
  :class:`~pai_analisis.libro.lectura.FormulaSinValor`, para que la revisión la reporte).

Nada aquí decide si un formulario sirve: eso es :mod:`.revision` y :mod:`.recogida`.
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..comun.recursos import libros_en
from ..errores import ErrorLectura
from ..libro.formulas import formulas_de_hoja, referencia
from ..libro.lectura import FormulaSinValor, leer_bytes
from .identidad import HOJA, Identidad, IdentidadDanada, leer_identidad


@dataclass
class NoFormulario:
    archivo: Path
    motivo: str


@dataclass
class HojaLeida:
    """Las celdas no vacías de una hoja: {fila: {columna (1 = A): valor}}."""

    titulo: str
    celdas: dict[int, dict[int, object]] = field(default_factory=dict)

    def fila(self, n: int) -> dict[int, object]:
        return self.celdas.get(n, {})

    @property
    def ultima(self) -> int:
        return max(self.celdas, default=1)


@dataclass
class FormularioLeido:
    archivo: Path
    identidad: Identidad | None
    danado: str | None  # por qué su identidad no sirve (entonces ``identidad`` es None)
    hojas: dict[str, HojaLeida]  # por título exacto, sin ``instrucciones`` ni la hoja de identidad
    sha256: str

    @property
    def nombre(self) -> str:
        return self.archivo.name


def _vacia(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def leer_formulario(ruta: Path) -> FormularioLeido | NoFormulario:
    """Lee un archivo; ver el docstring del módulo."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    ruta = Path(ruta)
    try:
        datos = leer_bytes(ruta)
    except ErrorLectura as exc:
        return NoFormulario(ruta, str(exc))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(datos), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        return NoFormulario(ruta, f"no se pudo abrir como libro .xlsx ({type(exc).__name__}); ¿está dañado o es otro tipo de documento?")
    try:
        identidad, danado = leer_identidad(wb), None
    except IdentidadDanada as exc:
        identidad, danado = None, str(exc)
    if identidad is None and danado is None:
        return NoFormulario(ruta, f"no trae la identidad de un formulario de pai (ni la hoja oculta «{HOJA}» ni las "
                                  "propiedades del documento): no es un formulario de `pai formularios`")
    hojas = {}
    for ws in wb.worksheets:
        if ws.title in (HOJA, "instrucciones"):
            continue
        hoja = HojaLeida(ws.title)
        for fila in ws.iter_rows():
            for c in fila:
                if not _vacia(c.value):
                    hoja.celdas.setdefault(c.row, {})[c.column] = c.value
        # una fórmula sin valor calculado (``<v>`` ausente o vacío, como la deja openpyxl) no es una celda vacía
        for (f, col), formula in formulas_de_hoja(datos, ws.title).items():
            if col not in hoja.fila(f):
                hoja.celdas.setdefault(f, {})[col] = FormulaSinValor(referencia(f, col), formula)
        hojas[ws.title] = hoja
    wb.close()
    return FormularioLeido(ruta, identidad, danado, hojas, hashlib.sha256(datos).hexdigest())


def leer_carpeta(carpeta: Path, *, excluir: tuple[Path, ...] = ()) -> list[FormularioLeido | NoFormulario]:
    """Cada ``.xlsx`` de ``carpeta`` (en orden de nombre) leído; ``excluir``: archivos que no se miran (el libro mismo)."""
    carpeta = Path(carpeta)
    if not carpeta.is_dir():
        raise ErrorLectura(f"«{carpeta}» no es una carpeta: se esperaba la carpeta con los formularios recibidos.")
    fuera = {p.resolve() for p in excluir}
    return [leer_formulario(r) for r in libros_en([carpeta]) if r.resolve() not in fuera]


__all__ = ["FormularioLeido", "HojaLeida", "NoFormulario", "leer_carpeta", "leer_formulario"]
