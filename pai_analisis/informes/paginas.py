"""Las páginas de los informes: encabezado, pie de procedencia y conversión a HTML sin código.

Cada cuaderno de ``cuadernos/`` abre con :func:`encabezado` y cierra con :func:`pie`.
``pai informes`` convierte cada cuaderno ejecutado con :func:`a_html` (plantilla
``plantillas/pai``: sin código, sin recursos externos, lista para imprimir en A4) y arma la
portada del periodo y el archivo con :func:`pagina_html`. Las piezas de dentro (tablas,
figuras, tarjetas) y el escape de textos vienen de :mod:`.piezas`, :mod:`.tablas` y :mod:`.figuras`.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..comun.numeros import numero, pct
from ..comun.reloj import fecha_hora
from .contexto import Contexto
from .navegacion import navegacion
from .piezas import Pieza, escapar
from .tablas import rotular_marcos

PLANTILLAS = Path(__file__).parent / "plantillas"
ETIQUETA_SOLO_CUADERNO = "solo-cuaderno"


# ---------------------------------------------------------------- encabezado y pie


def _leer(nombre: str) -> str:
    return (PLANTILLAS / "pai" / nombre).read_text(encoding="utf-8")


def _css() -> str:
    """Las piezas de los informes y las tablas (también en la vista previa de JupyterLab)."""
    return _leer("componentes.css") + "\n" + _leer("pai-tablas.css")


def recursos_tablas() -> tuple[str, str]:
    """(CSS, JS) de las tablas interactivas: DataTables (vendor/, con su licencia) y ``pai-tablas.js``.

    Se incrustan en la página (sin CDN): el informe se abre sin red, desde el correo o la intranet.
    """
    vendor = PLANTILLAS / "pai" / "vendor"
    licencia = (vendor / "datatables.net" / "LICENSE.txt").read_text(encoding="utf-8").replace("*/", "* /")
    js = (
        f"/*! DataTables 3 (datatables.net) — {licencia.strip()} */\n"
        + (vendor / "datatables.net" / "dataTables.min.js").read_text(encoding="utf-8")
        + "\n"
        + _leer("pai-tablas.js")
    )
    return (vendor / "datatables.net-dt" / "dataTables.dataTables.min.css").read_text(encoding="utf-8"), js


def _banner(ctx=None, demostracion: bool | None = None) -> Pieza:
    if not (ctx.libro.demostracion if demostracion is None else demostracion):
        return Pieza()
    return Pieza(
        '<div class="pai-demostracion" role="note"><strong>Datos de demostración:</strong> el seguimiento de este '
        "informe fue generado para mostrar cómo funciona la herramienta; sus cifras no son cifras reales de la entidad.</div>"
    )


def _aviso_preliminar(ctx) -> Pieza:
    from .lecturas.comunes import frase_preliminar

    texto = frase_preliminar(ctx) if ctx is not None else None
    return Pieza(f'<div class="pai-preliminar" role="note"><strong>Preliminar:</strong> {escapar(texto)}</div>' if texto else "")


def encabezado(ctx: Contexto, titulo: str, informe: str | None = None) -> Pieza:
    """La barra de navegación, entidad, dependencia, título e «Informe de junio de 2024»; avisos muy visibles
    si los datos son de demostración o si el periodo es preliminar (dice qué falta). ``informe``: el nombre del
    cuaderno (``03_proyectos_presupuesto``) para marcarlo en la navegación."""
    p = ctx.parametros
    return Pieza(
        f'<style>{_css()}</style>{navegacion(ctx.periodo, informe)}<header class="pai-encabezado">'
        f'<p class="pai-entidad">{escapar(p.entidad)} · {escapar(p.dependencia)}</p>'
        f'<h1 class="pai-titulo">{escapar(titulo)}</h1><p class="pai-periodo">Informe de {escapar(ctx.periodo_texto)} · '
        f"vigencia {ctx.libro.vigencia}</p></header>{_banner(ctx)}{_aviso_preliminar(ctx)}"
    )


def _procedencia(ctx) -> list[tuple[str, str]]:
    from .. import __version__

    filas = []
    if ctx is not None:
        libro, p = ctx.libro, ctx.parametros
        datos = (
            f"{libro.nombre_datos} (plan {libro.vigencia} con un año de seguimiento simulado)"
            if libro.origen is None
            else f"{libro.nombre_datos} — SHA-256 {libro.sha256}"
            + (" — marcado como datos de demostración" if libro.demostracion else "")
        )
        pesos = ", ".join(
            f"{n} {pct(p.pesos.get(c, 0) * 100)}"
            for c, n in (
                ("proyectos_inversion", "proyectos"),
                ("indicadores_gestion", "indicadores"),
                ("plan_accion_integrado", "plan"),
            )
        )
        umbrales = (
            f"crítico por debajo de {numero(p.umbral_critico, 0)}, satisfactorio desde {numero(p.umbral_satisfactorio, 0)}, "
            f"sobreejecución por encima de {pct(p.umbral_sobreejecucion, 0)}, brecha físico-financiera de {numero(p.umbral_brecha, 0)} puntos"
        )
        filas += [
            ("Datos", datos),
            (
                "Parámetros",
                f"{Path(p.archivo).name if p.archivo else 'valores por defecto'} — {umbrales}; pesos del índice: {pesos}",
            ),
            ("Periodo", f"{ctx.periodo_texto} (corte acumulado de la vigencia {libro.vigencia})"),
        ]
    filas += [("Programa", f"pai-analisis {__version__}"), ("Generado", fecha_hora())]
    return filas


def pie(ctx: Contexto | None, informe: str | None = None) -> Pieza:
    """Procedencia (archivo de datos y su SHA-256, parámetros, versión del paquete, hora) y, en un informe, la
    navegación otra vez al final de la página."""
    filas = "".join(f"<dt>{escapar(k)}</dt><dd>{escapar(v)}</dd>" for k, v in _procedencia(ctx))
    abajo = (
        str(navegacion(ctx.periodo, informe)).replace('class="pai-navegacion"', 'class="pai-navegacion pai-nav-final"') if ctx else ""
    )
    return Pieza(
        f'<footer class="pai-pie"><p class="pai-pie-titulo">Procedencia de este informe</p><dl>{filas}</dl></footer>{abajo}'
    )


# ---------------------------------------------------------------- conversión a HTML

_H2 = re.compile(r'<h2 id="([^"]*)">(.*?)(?:<a class="anchor-link"|</h2>)', re.S)


def indice_secciones(nb) -> list[tuple[str, str]]:
    """(id, título) de cada encabezado ``##`` de las celdas Markdown, con los mismos id que genera nbconvert."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    secciones = []
    for celda in nb.cells:
        if celda.cell_type != "markdown":
            continue
        for ident, contenido in _H2.findall(markdown2html_mistune(celda.source)):
            secciones.append((html.unescape(ident), html.unescape(re.sub(r"<[^>]+>", "", contenido)).strip()))
    return secciones


def a_html(nb, titulo: str) -> str:
    """Convierte un cuaderno ejecutado en el HTML del informe (plantilla ``pai``: sin código, sin recursos externos).

    Las celdas con la etiqueta ``solo-cuaderno`` (notas para analistas) no pasan al informe; el
    índice de secciones va tras la celda etiquetada ``encabezado`` (o al principio si no la hay).
    """
    import copy

    from nbconvert import HTMLExporter

    exportador = HTMLExporter(
        template_name="pai",
        extra_template_basedirs=[str(PLANTILLAS)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if ETIQUETA_SOLO_CUADERNO not in c.get("metadata", {}).get("tags", [])]
    encabezado_en = next((i for i, c in enumerate(nb.cells) if "encabezado" in c.get("metadata", {}).get("tags", [])), None)
    # DataTables solo viaja (incrustado) en las páginas que lo usan: tablas interactivas o detalles desplegables.
    interactiva = any(
        "data-interactiva" in texto or "<details" in texto
        for c in nb.cells
        for salida in c.get("outputs", [])
        for texto in [str(salida.get("data", {}).get("text/html", ""))]
    )
    css_tablas, js_tablas = recursos_tablas() if interactiva else ("", "")
    cuerpo, _ = exportador.from_notebook_node(
        nb,
        resources={
            "pai": {
                "titulo": titulo,
                "indice": indice_secciones(nb),
                "encabezado_en": encabezado_en,
                "css_tablas": css_tablas,
                "js_tablas": js_tablas,
            }
        },
    )
    # El encabezado trae el CSS de las piezas para la vista previa en JupyterLab; la página ya lo tiene en <head>.
    return rotular_marcos(cuerpo.replace(f"<style>{_css()}</style>", "", 1))


def pagina_html(
    titulo: str,
    cuerpo_html: str,
    ctx: Contexto | None = None,
    demostracion: bool | None = None,
    parametros=None,
    portada: bool = False,
) -> str:
    """Página HTML suelta (índice, portada del periodo) con el mismo estilo, encabezado y pie de los informes.

    ``cuerpo_html`` (solo ``Markup``: una :class:`~.piezas.Pieza`) se inserta tal cual. Sin ``ctx``, el
    encabezado lleva la entidad de ``parametros`` (si se da) y el título, y ``demostracion=True``
    agrega el aviso de datos de demostración.
    """
    if not hasattr(cuerpo_html, "__html__"):
        raise TypeError(f"pagina_html recibe el cuerpo como HTML seguro (markupsafe.Markup), no como {type(cuerpo_html).__name__}.")
    css = "".join(f"<style>\n{_leer(n)}</style>" for n in ("informe.css", "componentes.css", "pai-tablas.css"))
    if ctx is not None:
        cabeza = str(encabezado(ctx, titulo)).split("</style>", 1)[1]
    else:
        entidad = f'<p class="pai-entidad">{escapar(parametros.entidad)} · {escapar(parametros.dependencia)}</p>' if parametros else ""
        cabeza = (
            f'<header class="pai-encabezado">{entidad}<h1 class="pai-titulo">{escapar(titulo)}</h1></header>'
            f"{_banner(None, bool(demostracion))}"
        )
    return rotular_marcos(
        '<!DOCTYPE html>\n<html lang="es">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{escapar(titulo)}</title>\n{css}\n</head>\n<body>\n<main class="pai-informe pai-pagina">\n{cabeza}\n'
        f"{cuerpo_html}\n{pie(ctx) if portada or ctx is None else pie(ctx)}\n</main>\n</body>\n</html>\n"
    )
