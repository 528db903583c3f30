"""Las fuentes del Distrito, una etapa antes del libro (sección 8 de la especificación).

Cada módulo lee un archivo oficial tal como lo entrega su sistema y lo deja en una tabla
propia, sin saber nada del libro de seguimiento: el reporte de CRP de BogData
(``crp``) y el archivo de presupuesto de los datos abiertos del Distrito
(``presupuesto_distrital``). Lo que se hace con esas tablas (llenar ``presupuesto``, conciliar)
vive en las etapas siguientes. Las reglas y trampas de cada formato están en
``docs/fuentes_distritales.md``.
"""
