"""Piezas que usan todas las etapas (libro, métricas, informes, publicación) y que no dependen de ninguna.

* :mod:`.textos`: comparar códigos sin tildes ni mayúsculas, leer Sí/No.
* :mod:`.periodos`: un valor de celda como periodo ``AAAA-MM``; el mes en palabras.
* :mod:`.numeros`: cifras a la colombiana (``$20.149 millones``, ``87,5 %``).
* :mod:`.faltantes`: qué es un valor faltante (``pd.isna`` sobre un escalar) y cómo se escribe («—»).
* :mod:`.archivos`: escritura atómica de archivos y errores de disco en español.
* :mod:`.reloj`: la hora de Bogotá.
"""
