"""La navegación entre páginas: cada informe lleva al índice del periodo, al archivo, a los otros seis
informes y al mismo informe del mes anterior y del siguiente.

El bloque de los meses vecinos va entre los comentarios ``<!--pai:vecinos-->`` y
``<!--/pai:vecinos-->``: al escribirse un informe aún no se sabe qué meses estarán publicados, así
que la publicación lo llena (y lo actualiza en las páginas vecinas cuando se publica un mes nuevo)
con :func:`bloque_vecinos`. Sin JavaScript: son enlaces comunes.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..comun.periodos import periodo_en_palabras
from .piezas import Pieza, escapar

# (archivo sin .html, título, nombre corto, descripción) de los siete informes de un periodo, en orden.
INFORMES = (
    ("01_resumen", "Resumen ejecutivo", "Resumen", "Índice PAI, componentes, alertas principales y evolución del índice."),
    (
        "02_objetivos",
        "Objetivos estratégicos",
        "Objetivos",
        "Cada objetivo con las metas, indicadores y actividades que lo sostienen.",
    ),
    (
        "03_proyectos_presupuesto",
        "Proyectos de inversión y presupuesto",
        "Proyectos y presupuesto",
        "Metas por proyecto, físico frente a financiero, curva y modificaciones presupuestales, armonización.",
    ),
    (
        "04_indicadores",
        "Indicadores de gestión",
        "Indicadores",
        "Cumplimiento por proceso, mes a mes; indicadores sin reporte y críticos.",
    ),
    (
        "05_plan_integrado",
        "Plan de acción integrado",
        "Plan integrado",
        "Actividades del Decreto 612 de 2018 por plan y dependencia; rezagos.",
    ),
    (
        "06_riesgos",
        "Riesgos de gestión y corrupción",
        "Riesgos",
        "Mapas de calor DAFP inherente y residual, riesgos materializados y en zona alta.",
    ),
    (
        "07_dependencias",
        "Reportes de las dependencias",
        "Dependencias",
        "Qué debía reportar cada dependencia en el mes, qué reportó, qué falta, sus elementos en rojo y sus alertas.",
    ),
)
TITULOS = {archivo: (titulo, descripcion) for archivo, titulo, _corto, descripcion in INFORMES}
INICIO, FIN = "<!--pai:vecinos-->", "<!--/pai:vecinos-->"
_BLOQUE = re.compile(re.escape(INICIO) + r".*?" + re.escape(FIN), re.S)


def titulo_de(nombre: str) -> tuple[str, str]:
    """(título, descripción) de un informe por el nombre de su cuaderno (``03_proyectos_presupuesto``)."""
    area = re.sub(r"^\d+_", "", Path(nombre).stem)
    for archivo, (titulo, descripcion) in TITULOS.items():
        if re.sub(r"^\d+_", "", archivo) == area:
            return titulo, descripcion
    return area.replace("_", " ").capitalize(), ""


def navegacion(periodo, actual: str | None = None) -> Pieza:
    """La barra de navegación de una página del periodo (``actual``: el informe que se está viendo; ``None``: la portada)."""
    mes = periodo_en_palabras(periodo).capitalize()
    enlaces = []
    for archivo, _titulo, corto, _d in INFORMES:
        marca = ' aria-current="page"' if archivo == actual else ""
        enlaces.append(f'<li><a href="{archivo}.html"{marca}>{escapar(corto)}</a></li>')
    portada = ' aria-current="page"' if actual is None else ""
    return Pieza(
        f'<nav class="pai-navegacion" aria-label="Navegación entre informes">'
        f'<p class="pai-nav-ruta"><a href="../index.html">Archivo de informes</a> › '
        f'<a href="index.html"{portada}>{escapar(mes)}: índice del periodo</a> '
        f'<span class="pai-nav-vecinos">{INICIO}{FIN}</span></p>'
        f'<ul class="pai-nav-informes">{"".join(enlaces)}</ul></nav>'
    )


def bloque_vecinos(anterior: str | None, siguiente: str | None, pagina: str) -> Pieza:
    """El bloque de meses vecinos para ``pagina`` (``index.html`` o ``03_….html``): enlaces al mismo informe."""
    partes = []
    if anterior:
        partes.append(f'<a href="../{anterior}/{pagina}" rel="prev">◀ {escapar(periodo_en_palabras(anterior))}</a>')
    if siguiente:
        partes.append(f'<a href="../{siguiente}/{pagina}" rel="next">{escapar(periodo_en_palabras(siguiente))} ▶</a>')
    return Pieza(INICIO + " · ".join(partes) + FIN)


def poner_vecinos(texto: str, bloque: str) -> str:
    """El HTML con su bloque de vecinos reemplazado (sin cambios si la página no tiene el bloque)."""
    return _BLOQUE.sub(lambda _m: bloque, texto, count=0)
