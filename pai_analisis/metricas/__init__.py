"""Segunda etapa: la metodología (sección 3 de la especificación), un módulo por sección.

* :mod:`.periodo`: qué filas cuentan en P, cierres de los indicadores, último mes reportado.
* :mod:`.metas` (3.1), :mod:`.presupuesto` (3.2), :mod:`.indicadores` (3.3),
  :mod:`.actividades` (3.4), :mod:`.indice` (3.5: componentes, índice, objetivos y proyección),
  :mod:`.riesgos` (3.7).
* :mod:`.parametros`: umbrales del semáforo (3.6), pesos del índice, entidad.
* :mod:`.alertas`: qué mirar primero, como datos; :mod:`.advertencias`: las advertencias del
  libro que necesitan cifras calculadas.
* :mod:`.conciliacion` (8.3): los totales del libro frente al presupuesto que publica el Distrito.
* :mod:`.dependencias` (10): quién reporta qué, lo que cada dependencia debía y reportó en P, lo que tiene en rojo.
* :mod:`.calculo`: :func:`calcular_metricas` reúne todo en :class:`Metricas`, con las alertas
  como datos: ``pai.calcular_metricas`` (:mod:`pai_analisis.informes.contexto`) les agrega su frase.

Toda fórmula vive aquí; los informes solo dan formato a lo que esta etapa calcula.
"""

from .advertencias import advertencias
from .calculo import Metricas, calcular_metricas, serie_mensual
from .parametros import Parametros, cargar_parametros

__all__ = ["Metricas", "Parametros", "advertencias", "calcular_metricas", "cargar_parametros", "serie_mensual"]
