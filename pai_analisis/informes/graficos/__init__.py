"""Gráficos de los informes: cada función recibe tablas de :mod:`pai_analisis.metricas` y devuelve una ``Figure``,
o ``None`` si no hay ningún valor que dibujar (no se dibujan gráficos vacíos). Se publican con
:func:`pai_analisis.informes.figuras.figura_html`.

* :mod:`.base`: estilo, colores del semáforo, figuras y ejes.
* :mod:`.barras`, :mod:`.series`, :mod:`.matrices`: los gráficos, por forma.
"""

from .barras import avance_por_grupo, barras_semaforo, conteo_por_grupo, fisico_financiero, metas_por_proyecto
from .base import estilo, hay_datos
from .matrices import franja_mensual, mapas_riesgo, riesgos_por_proceso
from .series import curvas_presupuesto, evolucion_indice

__all__ = ["avance_por_grupo", "barras_semaforo", "conteo_por_grupo", "curvas_presupuesto", "estilo", "evolucion_indice",
           "fisico_financiero", "franja_mensual", "hay_datos", "mapas_riesgo", "metas_por_proyecto", "riesgos_por_proceso"]
