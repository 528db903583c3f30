"""El modelo ordenado (tidy) de un periodo: una tabla tipada por nivel (sección 8.4).

Está entre las métricas y los informes: toma una :class:`~pai_analisis.metricas.Metricas` y da
las tablas que leen los analistas (``tablas()``), de las que salen los CSV de datos abiertos,
el Parquet y las hojas del Excel. Cada columna se documenta una sola vez (tipo, unidad,
significado) y de ahí salen el esquema del ``datapackage.json`` y la documentación.
"""
