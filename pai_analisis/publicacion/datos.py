"""Los datos abiertos de un periodo publicado (sección 8.4): ``DIR/P/datos/``.

El modelo arma los archivos (:func:`~pai_analisis.modelo.datos_abiertos.paquete_datos`: un CSV por
nivel y el ``datapackage.json``); aquí solo se escriben, en la carpeta del periodo que se está
construyendo. Como todo lo de esa carpeta, se publican de forma atómica con el HTML (nunca queda un
periodo con datos de otra versión) y la versión anterior se guarda completa, datos incluidos, en
``DIR/P/versiones/vN/datos/`` (:mod:`.versiones`). No se validan con ``frictionless`` al publicar:
esa biblioteca no es parte de la instalación de la corrida mensual; las pruebas del proyecto lo hacen.
"""

from __future__ import annotations

from pathlib import Path

from ..comun.archivos import escribir_atomico
from ..modelo.columnas import TABLAS_ABIERTAS
from ..modelo.datos_abiertos import CARPETA, DESCRIPTOR, paquete_datos

__all__ = ["CARPETA", "DESCRIPTOR", "TABLAS_ABIERTAS", "escribir_datos"]


def escribir_datos(carpeta: Path, metricas) -> Path:
    """Escribe ``carpeta/datos/`` (la carpeta del periodo en construcción) y devuelve su ruta."""
    destino = Path(carpeta) / CARPETA
    for nombre, contenido in paquete_datos(metricas).items():
        escribir_atomico(destino / nombre, contenido)
    return destino
