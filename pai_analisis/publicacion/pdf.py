"""PDF del comité: la portada del periodo y sus informes en un solo documento A4 (motor: WeasyPrint).

:func:`escribir_pdf` une el HTML **ya publicado** de una carpeta de periodo (``index.html`` y los
``NN_*.html``, en orden): portada, **Contenido** (informes y secciones h2 con enlace y número de página)
y pie de procedencia, cada informe desde una página nueva, «Página N de M» y marcadores desde h1–h3.
Reglas de papel: ``informes/plantillas/pai/impresion_pdf.css``. Decisiones:

* **WeasyPrint**, no Chromium: ~150–300 MB y no ~1,3 GB, sin navegador, ``target-counter()``. Se importa al llamar.
* ``html.parser``, no expresiones regulares: un analizador sigue el anidamiento. Se quitan ``<script>``, ``<template>``,
  ``<link>``, todo ``<nav>``, lo de clase ``pai-solo-pantalla`` o ``pai-fig-telefono`` (también una
  columna: ``th``/``td``) y las anclas ``¶``; todo ``<details>`` sale abierto; los ``<style>`` van una vez
  a la cabeza. Avisos ``pai-demostracion``/``pai-preliminar``: la portada recibe copia del que traiga un informe.
* Cada ``id`` (y ``for``, ``headers``, ``aria-*``) lleva el prefijo de su parte (``p03-…``: «Resultado
  del mes» está en varios informes), decodificado (nbconvert escribe ``Evoluci%C3%B3n``); en un ``<svg>``
  en línea nada cambia. Un enlace a otra página del periodo salta a su parte; uno a lo que no viaja en
  el PDF (``cuadernos/``, ``metricas.json``, ``versiones/``, ``../``…) pierde el ``href`` y deja su texto.
* Un solo pie de procedencia (el de la portada), tras el contenido (al final quedaba solo en la última página).
* **Etiquetado** (``pdf_variant="pdf/ua-1"``): estructura en el orden visual, ``/Lang`` ``es-CO``, título, h1–h6
  como ``H1``–``H6``, tablas ``Table`` con ``TH``, cada gráfico ``Figure`` con ``/Alt`` = el ``alt`` del HTML.
* Sin red (solo ``data:`` y ``file:``). Lo que WeasyPrint y fontTools imprimen o registran no llega a quien usa
  ``pai``. Toda falla del motor es :class:`ErrorPDF` (causa encadenada): se publica el HTML igual. Escritura atómica.
"""

from __future__ import annotations

import contextlib
import io
import logging
import posixpath
import warnings
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markupsafe import escape

from ..comun.archivos import escribir_atomico
from ..errores import ErrorEscritura, ErrorPDF, PDFNoDisponible
from .papel import hojas_para_papel

__all__ = ["APT", "CSS_IMPRESION", "componer_html", "escribir_pdf", "motor_disponible", "paginas_del_periodo"]

CSS_IMPRESION = Path(__file__).resolve().parents[1] / "informes" / "plantillas" / "pai" / "impresion_pdf.css"
_PIP = "instálelo con «pip install 'weasyprint>=68'»"
APT = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation fonts-dejavu-core"
_VACIOS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_FUERA = frozenset({"script", "template", "link", "nav"})
_CLASES_FUERA = frozenset({"pai-solo-pantalla", "pai-fig-telefono", "anchor-link"})
_AVISOS = ("pai-demostracion", "pai-preliminar")
IDIOMA, VARIANTE = "es-CO", "pdf/ua-1"  # /Lang del PDF; PDF/UA-1 etiquetado (Resolución 1519 de 2020 de MinTIC)
_REFERENCIAS = frozenset({"for", "headers", "aria-labelledby", "aria-describedby", "aria-controls"})


@dataclass(slots=True)
class _Abierto:  # un elemento abierto: dónde empieza en la salida, su id y su texto (si se captura)
    etiqueta: str
    clases: frozenset
    inicio: int
    ident: str | None = None
    texto: list[str] | None = None


class _Pagina(HTMLParser):
    """Una página publicada → el cuerpo limpio de su parte, sus estilos, títulos, avisos y pie."""

    def __init__(self, numero: int, partes: dict[str, int]):
        super().__init__(convert_charrefs=True)
        self.numero, self.pre, self.partes = numero, f"p{numero:02d}-", partes
        self.salida, self.estilos, self._pila = [], [], []  # HTML de salida, <style>, elementos abiertos
        self.secciones: list[tuple[str, str]] = []  # (id con prefijo, texto) de cada h2
        self.avisos: dict[str, str] = {}  # clase → HTML del primer aviso de esa clase
        self.titulo = self.entidad = self.pie = self._saltar = self._estilo = None  # _saltar: dónde empezó lo descartado
        self.tras_encabezado = self._svg = 0  # tras_encabezado: posición tras el primer </header>
        self.con_main = self._cabeza = False

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, cerrada=True)

    def handle_starttag(self, tag, attrs, cerrada=False):
        vacio = cerrada or tag in _VACIOS
        if tag in ("html", "head", "body"):
            self._cabeza = tag == "head"
            return
        d = dict(attrs)
        clases = frozenset((d.get("class") or "").split())
        if self._saltar is None and not self._cabeza and (tag in _FUERA or clases & _CLASES_FUERA):
            if vacio:
                return
            self._saltar = len(self._pila)  # se descarta hasta que la pila vuelva a esta profundidad
        if tag == "style" and not cerrada and self._saltar is None and not self._svg:  # (el de un <svg> se queda)
            self._estilo = []
            return
        if self._cabeza or self._saltar is not None:
            if not vacio and not self._cabeza:
                self._pila.append(_Abierto(tag, clases, len(self.salida)))
            return
        self._svg += tag == "svg"
        nuevos = []
        for k, v in attrs:
            if v is not None and not self._svg:
                if k == "id":
                    v = self.pre + unquote(v)
                elif k in _REFERENCIAS:
                    v = " ".join(self.pre + unquote(x) for x in v.split())
                elif (k == "href" and tag == "a" and (v := self._enlace(v)) is None) or k.startswith("data-"):
                    continue  # (los data-* de tablas interactivas y teléfono no sirven en papel: papel.py)
            nuevos.append((k, v))
        if tag == "details" and "open" not in d:
            nuevos.append(("open", None))
        if tag == "h2" and not d.get("id"):  # el contenido necesita adónde saltar
            nuevos.append(("id", f"{self.pre}seccion-{len(self.salida)}"))
        self.con_main |= tag == "main"
        atributos = "".join(f" {k}" if v is None else f' {k}="{escape(v)}"' for k, v in nuevos)
        self.salida.append(f"<{tag}{atributos}{' /' if cerrada and self._svg else ''}>")
        if cerrada and not self._svg and tag not in _VACIOS:  # «<div/>» es «<div>» en HTML: se cierra aquí
            self.salida.append(f"</{tag}>")
        self._svg -= vacio and tag == "svg"
        if not vacio:
            captura = [] if tag in ("h1", "h2") or "pai-entidad" in clases else None
            self._pila.append(_Abierto(tag, clases, len(self.salida) - 1, dict(nuevos).get("id"), captura))

    def handle_endtag(self, tag):
        if tag == "style" and self._estilo is not None:
            self.estilos.append("".join(self._estilo))
            self._estilo = None
        elif tag in ("html", "head", "body"):
            self._cabeza = False
        elif not self._cabeza and any(a.etiqueta == tag for a in self._pila):
            while (abierto := self._pila.pop()).etiqueta != tag:  # cierra lo que quedó abierto dentro
                self._cerrar(abierto)
            self._cerrar(abierto)

    def _cerrar(self, a: _Abierto) -> None:
        if self._saltar is not None:
            if len(self._pila) <= self._saltar:
                self._saltar = None
            return
        self._svg -= a.etiqueta == "svg"
        self.salida.append(f"</{a.etiqueta}>")
        if a.texto is not None and (texto := " ".join("".join(a.texto).split())):
            if a.etiqueta == "h2":
                self.secciones.append((a.ident, texto))
            elif a.etiqueta == "h1" and "pai-titulo" in a.clases:
                self.titulo = self.titulo or texto
            else:  # p.pai-entidad
                self.entidad = self.entidad or texto
        if a.etiqueta == "footer" and "pai-pie" in a.clases:
            self.pie = "".join(self.salida[a.inicio :])
            del self.salida[a.inicio :]
        elif aviso := next((c for c in _AVISOS if c in a.clases), None):
            self.avisos.setdefault(aviso, "".join(self.salida[a.inicio :]))
        elif a.etiqueta == "header" and not self.tras_encabezado:
            self.tras_encabezado = len(self.salida)

    def handle_data(self, data):
        if self._estilo is not None:
            self._estilo.append(data)
        elif not self._cabeza and self._saltar is None:
            self.salida.append(str(escape(data)))
            for a in self._pila:
                if a.texto is not None:
                    a.texto.append(data)

    def close(self):
        super().close()
        while self._pila:  # página truncada: se cierra lo abierto
            self._cerrar(self._pila.pop())

    def _enlace(self, destino: str) -> str | None:
        """El ``href`` dentro del PDF, o ``None`` si apunta a algo que no viaja en él."""
        destino = destino.strip()
        if destino.startswith("#"):
            return f"#{self.pre}{unquote(destino[1:])}" if len(destino) > 1 else f"#parte-{self.numero:02d}"
        url = urlsplit(destino)
        if url.scheme.lower() in ("http", "https", "mailto", "tel"):
            return destino
        n = None if url.scheme or url.netloc or not url.path else self.partes.get(posixpath.normpath(unquote(url.path)))
        return None if n is None else f"#p{n:02d}-{unquote(url.fragment)}" if url.fragment else f"#parte-{n:02d}"


def paginas_del_periodo(carpeta: Path) -> list[Path]:
    """``[carpeta/index.html, carpeta/01_….html, …]``: la portada y los informes numerados, en orden."""
    carpeta = Path(carpeta)
    informes = sorted(p for p in carpeta.glob("[0-9][0-9]_*.html") if p.is_file())
    if not (carpeta / "index.html").is_file() or not informes:
        raise ErrorPDF(f"No se generó el PDF: «{carpeta}» no tiene la portada (index.html) y los informes (01_….html).")
    return [carpeta / "index.html", *informes]


def componer_html(paginas: list[Path], titulo: str) -> str:
    """El documento único (HTML) de ``paginas`` = ``[portada, informe, …]``; ver las decisiones del módulo."""
    paginas = [Path(p) for p in paginas]
    numeros = {p.name: i for i, p in enumerate(paginas)}
    leidas: list[_Pagina] = []
    for i, ruta in enumerate(paginas):
        try:
            fuente = ruta.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ErrorPDF(f"No se generó el PDF: no se pudo leer «{ruta}» ({getattr(exc, 'strerror', None) or exc}).") from exc
        (pagina := _Pagina(i, numeros)).feed(fuente)
        pagina.close()
        if not pagina.con_main:
            raise ErrorPDF(f"No se generó el PDF: «{ruta.name}» no tiene <main>; no parece una página publicada por pai.")
        leidas.append(pagina)
    portada = leidas[0]
    faltan = {c: h for p in reversed(leidas[1:]) for c, h in p.avisos.items() if c not in portada.avisos}
    portada.salida[portada.tras_encabezado : portada.tras_encabezado] = [faltan[c] for c in _AVISOS if c in faltan]
    cuerpos = ["".join(p.salida) for p in leidas]
    pie = portada.pie or next((p.pie for p in reversed(leidas) if p.pie), "")
    fila, filas = '<li class="pai-contenido-{}"><a href="#{}">{}</a></li>'.format, []
    for n, p in enumerate(leidas[1:], start=1):
        filas.append(fila("informe", f"parte-{n:02d}", escape(p.titulo or paginas[n].stem)))
        filas += [fila("seccion", escape(i), escape(t)) for i, t in p.secciones]
    partes = [
        f'<section class="pai-parte pai-parte-portada" id="parte-00">{cuerpos[0]}</section>',
        '<section class="pai-parte pai-parte-contenido" id="parte-contenido"><main class="pai-informe">'
        '<nav class="pai-contenido" aria-label="Contenido del documento"><h2 id="contenido">Contenido</h2>'
        f"<ol>{''.join(filas)}</ol></nav>{pie}</main></section>",
    ]
    partes += [f'<section class="pai-parte" id="parte-{n:02d}">{c}</section>' for n, c in enumerate(cuerpos[1:], start=1)]

    estilos = dict.fromkeys(s.strip() for p in leidas for s in p.estilos if s.strip())
    autor = "".join(f'<meta name="author" content="{escape(p.entidad)}">\n' for p in leidas[:1] if p.entidad)
    return (
        f'<!DOCTYPE html>\n<html lang="{IDIOMA}">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{escape(titulo)}</title>\n{autor}<meta name="generator" content="pai-analisis">\n'
        f"<style>\n{hojas_para_papel(list(estilos))}\n</style>\n<style>\n{CSS_IMPRESION.read_text(encoding='utf-8')}</style>\n"
        "</head>\n<body>\n" + "\n".join(partes) + "\n</body>\n</html>\n"
    )


@contextlib.contextmanager
def _silencio():
    """Nada de WeasyPrint ni de fontTools llega a la salida ni al registro de quien llama; al salir, todo como estaba."""
    nulo, registradores = logging.NullHandler(), [logging.getLogger(n) for n in ("weasyprint", "fontTools")]
    antes = [r.propagate for r in registradores]  # (y un manejador nulo: sin él, logging.lastResort escribiría)
    for r in registradores:
        r.addHandler(nulo)
        r.propagate = False
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for r, propaga in zip(registradores, antes, strict=True):
            r.removeHandler(nulo)
            r.propagate = propaga


def _primera_linea(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0].split('.  Additionally')[0]}"


def _importar():
    """El módulo ``weasyprint`` o :class:`PDFNoDisponible` con la causa y qué instalar, en una línea."""
    try:
        with _silencio():
            import weasyprint
    except ImportError as exc:
        falta = f" (falta el módulo «{exc.name}»)" if exc.name and exc.name != "weasyprint" else ""
        raise PDFNoDisponible(f"No se generó el PDF: WeasyPrint no está instalado{falta}; {_PIP}.") from exc
    except OSError as exc:  # cffi no pudo cargar libpango / libharfbuzz / libfontconfig
        causa = f"a WeasyPrint le faltan bibliotecas del sistema ({_primera_linea(exc)}); instálelas con «apt-get install {APT}»"
        raise PDFNoDisponible(f"No se generó el PDF: {causa}.") from exc
    except Exception as exc:  # p. ej. una versión de Pango demasiado vieja
        raise PDFNoDisponible(f"No se generó el PDF: WeasyPrint no carga ({_primera_linea(exc)}).") from exc
    if not hasattr(weasyprint, "URLFetcher"):  # WeasyPrint ≥ 68
        raise PDFNoDisponible(f"No se generó el PDF: WeasyPrint {weasyprint.__version__} es muy viejo; {_PIP}.")
    return weasyprint


def motor_disponible() -> str | None:
    """``None`` si WeasyPrint y sus bibliotecas cargan; si no, la razón en una línea (para el registro)."""
    try:
        return _importar() and None
    except PDFNoDisponible as exc:
        return str(exc)


def escribir_pdf(carpeta: Path, destino: Path, titulo: str) -> Path:
    """Escribe ``destino`` (p. ej. ``DIR/P/informe-P.pdf``) con la portada y los informes de ``carpeta``; devuelve ``destino``.

    :raises PDFNoDisponible: falta WeasyPrint o sus bibliotecas (publíquese el HTML igual).
    :raises ErrorPDF: faltan la portada o los informes, una página es ilegible, el motor falló o el disco no dejó escribir."""
    carpeta, destino = Path(carpeta), Path(destino)
    weasyprint = _importar()
    documento = componer_html(paginas_del_periodo(carpeta), titulo)
    try:
        with _silencio():
            buscador = weasyprint.URLFetcher(allowed_protocols=("data", "file"))  # nunca la red
            documento = weasyprint.HTML(string=documento, base_url=carpeta.resolve().as_uri() + "/", url_fetcher=buscador)
            datos = documento.write_pdf(pdf_variant=VARIANTE)
    except Exception as exc:  # el PDF es un añadido: toda falla del motor es ErrorPDF
        raise ErrorPDF(f"No se generó el PDF de «{carpeta}»: WeasyPrint falló ({_primera_linea(exc)}).") from exc
    try:
        escribir_atomico(destino, datos)
    except ErrorEscritura as exc:
        raise ErrorPDF(str(exc)) from exc
    return destino
