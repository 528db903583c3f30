"""Figuras de los informes: el gráfico como SVG incrustado, con texto alternativo obligatorio.

Cada gráfico se guarda como SVG (vectorial: nítido al ampliarlo en pantalla y al imprimirlo, con
el texto como texto) dentro de un ``<img src="data:image/svg+xml;base64,…">``: el informe sigue
siendo un solo archivo y el ``alt`` describe la figura para quien no la ve. Con las dos variantes
de :func:`~pai_analisis.informes.graficos.dos_anchos`, la de página va con la clase
``pai-fig-pagina`` y la de teléfono con ``pai-fig-telefono``; el CSS muestra una u otra según el
ancho de la pantalla (al imprimir, siempre la de página).
"""

from __future__ import annotations

import base64
import io
import re
import sys

from .piezas import Pieza, escapar

PPP = 100  # puntos por pulgada al rasterizar (PNG para quien lo pida: el banco de pruebas, un analista)
_FECHA = re.compile(rb"<dc:date>.*?</dc:date>", re.S)


def svg_de(fig) -> bytes:
    """El SVG de la figura, sin metadatos que cambien de una corrida a otra."""
    from .graficos import estilo

    buf = io.BytesIO()
    with estilo():
        fig.savefig(buf, format="svg", facecolor="white", metadata={"Date": None, "Creator": "pai-analisis"})
    return _FECHA.sub(b"", buf.getvalue())


def _cerrar(fig) -> None:
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close(fig)
    fig.clear()


def _img(fig, alt: str, clase: str) -> str:
    ancho, alto = (round(x * 96) for x in fig.get_size_inches())  # tamaño CSS (96 px por pulgada)
    datos = base64.b64encode(svg_de(fig)).decode("ascii")
    _cerrar(fig)
    return (
        f'<img class="{clase}" src="data:image/svg+xml;base64,{datos}" alt="{escapar(alt)}" width="{ancho}" height="{alto}" '
        'decoding="async">'
    )


def figura_html(fig, alt: str, titulo: str | None = None) -> Pieza | None:
    """``<figure>`` con el gráfico incrustado (una ``Figure`` o las dos variantes de ``dos_anchos``), su texto
    alternativo y su pie; cierra las figuras.

    ``fig=None`` (el gráfico no tiene datos que dibujar: así lo dicen los ``grafico_*`` de
    :mod:`pai_analisis.informes.lecturas`) → ``None``: la celda no muestra nada y la frase de la
    sección explica por qué. El texto alternativo se exige igual.
    """
    if not alt or not str(alt).strip():
        raise ValueError("Cada figura necesita un texto alternativo (alt) que diga qué muestra y sus cifras clave.")
    if fig is None:
        return None
    if isinstance(fig, tuple):
        pagina, telefono = fig
        imagenes = _img(pagina, alt, "pai-fig-pagina") + (_img(telefono, alt, "pai-fig-telefono") if telefono is not None else "")
    else:
        imagenes = _img(fig, alt, "pai-fig-pagina pai-fig-unica")
    pie_figura = f"<figcaption>{escapar(titulo)}</figcaption>" if titulo else ""
    return Pieza(f'<figure class="pai-figura">{imagenes}{pie_figura}</figure>')
