""":class:`AjustesCorrida`: lo que pidió quien llamó a ``publicar_informes``, ya normalizado, para toda la corrida.

Se arma una vez en :func:`~.publicador.publicar_informes` y baja tal cual a la corrida y al
renderizado (antes, 13 a 17 argumentos posicionales que se podían desordenar sin avisar). Lo
que la corrida calcula después (los libros, los parámetros leídos, los cuadernos hallados, la
fuente ya leída) no está aquí: estos son los ajustes, no el estado.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, kw_only=True)
class AjustesCorrida:
    """Los ajustes de una corrida de ``pai informes`` (los argumentos de ``publicar_informes``, con rutas como ``Path``)."""

    periodos: tuple[str, ...]  # como se pidieron: "AAAA-MM", "anterior", "ultimo"
    desde: str | None
    hasta: str | None
    datos: tuple[Path, ...] | None  # libros o carpetas; None: el ejemplo incorporado
    ejemplo: str
    parametros: Path | None  # el YAML pedido; None: parametros/base.yaml si existe
    salida: Path
    cuadernos: Path | None  # carpeta de cuadernos adaptados; None: los del paquete
    forzar: bool
    procesos: int | None
    hoy: dt.date | None
    tiempo_cuaderno: float | None  # segundos máximos de cada cuaderno
    pdf: bool
    fuente: tuple[Path, str | None] | None  # (CSV de datos abiertos del Distrito, entidad pedida); None: sin conciliación
