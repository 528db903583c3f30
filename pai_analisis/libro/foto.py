"""La foto de un libro antes de escribirlo: sus bytes y, hoja por hoja, valores en caché y fórmulas.

Quien planea una escritura (:func:`~pai_analisis.libro.escritor.escribir_libro`) lee aquí lo que
el libro tiene, celda por celda, tal como lo muestra Excel: el valor calculado de una fórmula (el
que guardó el último programa que la calculó), nunca el texto ``=H2/1000000`` como si fuera un
número. Las fórmulas se leen aparte (:mod:`.formulas`), con las compartidas resueltas en cada celda.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..comun.textos import normalizar
from ..errores import ErrorLectura
from .formulas import formulas_de_hoja
from .lectura import leer_bytes


@dataclass
class HojaLeida:
    """Una hoja: ``columnas`` {encabezado normalizado: columna (1 = A)}, ``valores`` {fila: {columna: valor}}
    (valores en caché, sin celdas vacías) y ``formulas`` {(fila, columna): fórmula sin «=»}."""

    titulo: str
    columnas: dict[str, int]
    valores: dict[int, dict[int, object]]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def ultima(self) -> int:
        """La última fila con algún valor o fórmula (1 si solo tiene encabezados o nada)."""
        filas = [*self.valores, *(f for f, _ in self.formulas)]
        return max(filas, default=1)

    def valor(self, fila: int, columna: str):
        """El valor en caché de la celda (fila, columna por nombre); ``None`` si la columna no está o la celda está vacía."""
        col = self.columnas.get(normalizar(columna))
        return None if col is None else self.valores.get(fila, {}).get(col)

    def formula(self, fila: int, columna: str) -> str | None:
        col = self.columnas.get(normalizar(columna))
        return None if col is None else self.formulas.get((fila, col))

    def filas(self) -> list[int]:
        """Las filas de datos (2 en adelante) con algún valor, en orden."""
        return sorted(f for f in self.valores if f >= 2)


@dataclass
class FotoLibro:
    """Los bytes de un libro y sus hojas leídas a pedido."""

    ruta: Path
    original: bytes
    _hojas: dict[str, HojaLeida] = field(default_factory=dict, repr=False)
    _wb: object = field(default=None, repr=False)  # el libro abierto con openpyxl (solo lectura), al primer uso

    @classmethod
    def de(cls, ruta: str | Path) -> FotoLibro:
        ruta = Path(ruta)
        return cls(ruta, leer_bytes(ruta))

    def titulos(self) -> list[str]:
        return list(self._libro().sheetnames)

    def hoja(self, nombre: str) -> HojaLeida:
        """La hoja cuyo nombre normalizado es ``nombre`` (``ErrorLectura`` si el libro no la tiene)."""
        clave = normalizar(nombre)
        if clave not in self._hojas:
            wb = self._libro()
            titulo = next((t for t in wb.sheetnames if normalizar(t) == clave), None)
            if titulo is None:
                raise ErrorLectura(f"El libro «{self.ruta.name}» no tiene la hoja «{nombre}».")
            ws = wb[titulo]
            ws.reset_dimensions()  # no confiar en <dimension>: algunos programas la escriben mal
            valores: dict[int, dict[int, object]] = {}
            for n, fila in enumerate(ws.iter_rows(values_only=True), start=1):
                for col, v in enumerate(fila, start=1):
                    if v is not None and not (isinstance(v, str) and not v.strip()):
                        valores.setdefault(n, {})[col] = v
            columnas: dict[str, int] = {}
            for col, v in sorted(valores.get(1, {}).items()):
                columnas.setdefault(normalizar(v), col)
            self._hojas[clave] = HojaLeida(titulo, columnas, valores, formulas_de_hoja(self.original, titulo))
        return self._hojas[clave]

    def _libro(self):
        if self._wb is None:
            import openpyxl

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:  # solo lectura: valores en caché, sin cargar estilos (un libro grande abre en una fracción)
                    self._wb = openpyxl.load_workbook(io.BytesIO(self.original), read_only=True, data_only=True)
                except Exception as exc:  # zip válido pero no un libro, o dañado: lo dice en español
                    raise ErrorLectura(f"No se pudo abrir «{self.ruta.name}» como libro .xlsx ({type(exc).__name__}). "
                                       "¿Está dañado o es otro tipo de documento?") from exc
        return self._wb
