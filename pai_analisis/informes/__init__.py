"""Tercera etapa: las piezas de los informes. Solo dan formato a lo que calculó :mod:`pai_analisis.metricas`.

* :mod:`.contexto`: el cálculo de un periodo que reciben los cuadernos (:func:`preparar`).
* :mod:`.piezas`, :mod:`.tablas`, :mod:`.figuras`, :mod:`.graficos`: frases, tablas, gráficos.
* :mod:`.lecturas`: lo que dice cada informe (``resumen``, ``objetivos``, ``proyectos``,
  ``indicadores``, ``plan``, ``riesgos``), una función por sección.
* :mod:`.paginas`: encabezado, pie de procedencia y el cuaderno ejecutado como HTML.
* :mod:`.excel`: las métricas de un periodo en un libro .xlsx para analistas.
"""

from .contexto import Contexto, preparar

__all__ = ["Contexto", "preparar"]
