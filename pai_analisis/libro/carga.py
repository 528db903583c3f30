"""Carga del libro de seguimiento (.xlsx) o del plan 2024 incorporado con su año de demostración.

``cargar_libro(ruta)`` lee, tipa y valida; devuelve un :class:`Libro` con un DataFrame
por hoja (enteros ``Int64``, números ``float64``, códigos como categorías, ``periodo`` como
``Period[M]``). Si hay errores lanza :class:`~pai_analisis.errores.ErrorValidacion` con la
tabla completa de problemas; las advertencias quedan en ``libro.advertencias``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..comun.textos import es_si
from ..errores import ErrorValidacion
from . import esquema
from .lectura import leer_bytes, leer_xlsx
from .validacion import validar


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
        datos = leer_bytes(origen)
        sha = hashlib.sha256(datos).hexdigest()
        crudas = leer_xlsx(origen)
    tablas, problemas, vig = validar(crudas, vigencia)
    if (problemas["nivel"] == "error").any() if len(problemas) else False:
        raise ErrorValidacion(problemas)
    if "materializado" in tablas["seguimiento_riesgos"]:
        sr = tablas["seguimiento_riesgos"]
        sr["materializado"] = sr["materializado"].map(es_si).astype(bool)
    return Libro(**tablas, vigencia=vig, origen=origen, sha256=sha, advertencias=problemas)
