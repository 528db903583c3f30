"""Figuras de los informes: el gráfico como imagen incrustada, con texto alternativo obligatorio."""

from __future__ import annotations

import base64
import io
import sys

from .piezas import Html, e

PPP = 100  # puntos por pulgada de las figuras: nítidas en pantalla y livianas (< 1 MB por informe)


def png_base64(fig, ppp: int = PPP) -> tuple[str, int, int]:
    """PNG (paleta de 256 colores, optimizado) en base64, con su ancho y alto en píxeles."""
    from PIL import Image

    from .graficos import estilo

    buf = io.BytesIO()
    with estilo():
        fig.savefig(buf, format="png", dpi=ppp, facecolor="white", metadata={"Software": None})
    imagen = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    paleta = imagen.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    salida = io.BytesIO()
    paleta.save(salida, format="PNG", optimize=True)
    return base64.b64encode(salida.getvalue()).decode("ascii"), imagen.width, imagen.height


def figura_html(fig, alt: str, titulo: str | None = None) -> Html | None:
    """``<figure>`` con el PNG incrustado (``data:``), texto alternativo obligatorio y pie; cierra la figura.

    ``fig=None`` (el gráfico no tiene datos que dibujar: así lo dicen los ``grafico_*`` de
    :mod:`pai_analisis.informes.lecturas`) → ``None``: la celda no
    muestra nada y la frase de la sección explica por qué. El texto alternativo se exige igual.
    """
    if not alt or not str(alt).strip():
        raise ValueError("Cada figura necesita un texto alternativo (alt) que diga qué muestra y sus cifras clave.")
    if fig is None:
        return None
    datos, ancho, alto = png_base64(fig)
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close(fig)
    fig.clear()
    pie_figura = f"<figcaption>{e(titulo)}</figcaption>" if titulo else ""
    return Html(f'<figure class="pai-figura"><img src="data:image/png;base64,{datos}" alt="{e(alt)}" width="{ancho}" '
                f'height="{alto}">{pie_figura}</figure>')
