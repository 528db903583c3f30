"""pai-analisis: seguimiento del Plan de Acción Institucional (PAI) de la Secretaría General.

API pública corta; el resto de módulos son internos.
"""

from importlib.metadata import PackageNotFoundError, version

from .carga import Libro, cargar_libro
from .errores import ErrorPAI, ErrorValidacion
from .metricas import Metricas, calcular_metricas, serie_mensual
from .parametros import Parametros, cargar_parametros

try:
    __version__ = version("pai-analisis")
except PackageNotFoundError:  # pragma: no cover - ejecutado sin instalar
    __version__ = "0.0.0"

__all__ = [
    "ErrorPAI",
    "ErrorValidacion",
    "Libro",
    "Metricas",
    "Parametros",
    "__version__",
    "calcular_metricas",
    "cargar_libro",
    "cargar_parametros",
    "serie_mensual",
]
