"""Gráficos de los informes: cada función recibe tablas de :mod:`pai_analisis.metricas` y devuelve una ``Figure``,
o ``None`` si no hay ningún valor que dibujar (no se dibujan gráficos vacíos). Se publican con
:func:`pai_analisis.informes.figuras.figura_html`.

* :mod:`.base`: estilo, colores del semáforo, figuras y ejes.
* :mod:`.barras`, :mod:`.series`, :mod:`.matrices`: los gráficos, por forma.
"""

from .barras import (
    avance_por_grupo,
    barras_semaforo,
    conteo_por_grupo,
    fisico_financiero,
    metas_por_proyecto,
    reportes_por_dependencia,
)
from .base import ANCHO, ANCHO_TELEFONO, estilo, hay_datos
from .matrices import franja_mensual, mapas_riesgo, riesgos_por_proceso
from .series import curvas_presupuesto, evolucion_indice

__all__ = [
    "ANCHO",
    "ANCHO_TELEFONO",
    "Figuras",
    "avance_por_grupo",
    "dos_anchos",
    "barras_semaforo",
    "conteo_por_grupo",
    "curvas_presupuesto",
    "estilo",
    "evolucion_indice",
    "fisico_financiero",
    "franja_mensual",
    "hay_datos",
    "mapas_riesgo",
    "metas_por_proyecto",
    "reportes_por_dependencia",
    "riesgos_por_proceso",
]


class Figuras(tuple):
    """Las dos variantes de un gráfico: ``(pagina, telefono)`` (la de teléfono puede ser ``None``)."""

    @property
    def pagina(self):
        return self[0]

    @property
    def telefono(self):
        return self[1]


def dos_anchos(grafico, *args, **kwargs) -> Figuras | None:
    """Dibuja ``grafico`` al ancho de la página A4 y al de un teléfono (390 px); ``None`` si no hay nada que dibujar.

    La variante de teléfono no es la de página encogida (con letra de 4 px): tiene su propio
    diseño, con la misma letra (menos texto por línea, leyendas en menos columnas, matrices una
    debajo de otra). :func:`~pai_analisis.informes.figuras.figura_html` muestra cada una donde va.
    """
    pagina = grafico(*args, ancho=ANCHO, **kwargs)
    if pagina is None:
        return None
    return Figuras((pagina, grafico(*args, ancho=ANCHO_TELEFONO, **kwargs)))
