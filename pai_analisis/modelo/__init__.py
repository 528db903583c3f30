"""El modelo ordenado (tidy) de un periodo: una tabla tipada por nivel (sección 8.4).

Está entre las métricas y los informes: toma una :class:`~pai_analisis.metricas.Metricas` y da
las tablas que leen los analistas (:func:`~.tablas.tablas`), de las que salen los CSV de datos
abiertos (:mod:`.datos_abiertos`), el Parquet (:mod:`.parquet`) y las hojas del Excel; y la serie
mes a mes de todos los niveles (:func:`~.serie.serie_larga`). Cada columna se documenta una
sola vez (:mod:`.columnas`: tipo, unidad, significado) y de ahí salen el esquema del
``datapackage.json`` y ``docs/tablas.md`` (:mod:`.documentacion`).
"""

from .serie import serie_larga
from .tablas import tablas

__all__ = ["serie_larga", "tablas"]
