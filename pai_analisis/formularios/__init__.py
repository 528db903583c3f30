"""Los formularios de las dependencias (sección 10): el reporte del mes, de ida y de vuelta.

Una etapa propia entre la metodología y el modelo: usa :mod:`~pai_analisis.metricas.dependencias`
(quién debe qué en P) y devuelve lo recogido al libro por su único escritor
(:mod:`~pai_analisis.libro.escritor`).

* :mod:`.columnas`: qué lleva cada hoja del formulario (claves, contexto, entradas).
* :mod:`.contenido`: los elementos debidos en P de cada dependencia, con su contexto y lo que el libro ya tiene.
* :mod:`.identidad`: de qué vigencia, mes, dependencia y plan es un formulario, de forma que sobreviva a Excel y LibreOffice.
* :mod:`.hojas`, :mod:`.instrucciones` y :mod:`.escritura`: ``pai formularios``.
* :mod:`.lectura`, :mod:`.revision`, :mod:`.recogida` y :mod:`.estado`: ``pai recoger``.
"""

from .escritura import Formularios, escribir_formularios

__all__ = ["Formularios", "escribir_formularios"]
