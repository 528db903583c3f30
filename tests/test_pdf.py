"""El PDF del comité (``pai_analisis.publicacion.pdf``): unión del HTML publicado y documento A4.

Las primeras pruebas arman páginas diminutas a mano y revisan la unión (rápidas, sin WeasyPrint);
las de la marca ``lento`` publican 2024-06 de verdad, escriben el PDF con WeasyPrint y lo revisan
con pypdf (números de página, contenido contra marcadores, páginas casi vacías, tamaño).
"""

from __future__ import annotations

import builtins
import html
import logging
import re
import subprocess
import sys
import types
import warnings
from pathlib import Path

import pytest

from pai_analisis.errores import ErrorPAI, ErrorPDF, PDFNoDisponible
from pai_analisis.publicacion.pdf import componer_html, escribir_pdf, motor_disponible, paginas_del_periodo

TITULO = "Seguimiento PAI — junio de 2024"
DEMO = '<div class="pai-demostracion" role="note"><strong>Datos de demostración:</strong> cifras simuladas.</div>'
PIE = '<footer class="pai-pie"><p class="pai-pie-titulo">Procedencia de este informe</p><dl><dt>Generado</dt><dd>{}</dd></dl></footer>'


def _pagina(titulo: str, cuerpo: str, pie: str = "05:29") -> str:
    """Una página como las publicadas: estilos en la cabeza, encabezado, cuerpo y pie de procedencia."""
    return (
        '<!DOCTYPE html>\n<html lang="es"><head><meta charset="utf-8"><title>x</title>'
        '<style>.pai-titulo { color: #1d3557 }</style><link rel="stylesheet" href="https://cdn.example/dt.css">'
        '<script src="https://cdn.example/dt.js"></script></head><body>'
        '<nav class="pai-navegacion"><a href="index.html">Portada</a> <a href="../index.html">Archivo</a></nav>'
        '<main class="pai-informe"><header class="pai-encabezado"><p class="pai-entidad">Secretaría General</p>'
        f'<h1 class="pai-titulo">{titulo}</h1></header>{DEMO}{cuerpo}{PIE.format(pie)}</main>'
        '<nav class="pai-navegacion"><a href="02_objetivos.html">Siguiente</a></nav>'
        '<script>document.querySelectorAll("table").forEach(t => t.dataset.x = "<b>");</script></body></html>'
    )


def _escribir(carpeta: Path, paginas: dict[str, str]) -> Path:
    carpeta.mkdir(parents=True, exist_ok=True)
    for nombre, texto in paginas.items():
        (carpeta / nombre).write_text(texto, encoding="utf-8")
    return carpeta


@pytest.fixture
def periodo(tmp_path) -> Path:
    """Una carpeta de periodo diminuta: portada y dos informes, con todo lo que la limpieza debe quitar."""
    resumen = (
        '<nav class="pai-indice"><a href="#Resultado-del-mes">Resultado del mes</a></nav>'
        '<h2 id="Resultado-del-mes">Resultado del mes<a class="anchor-link" href="#Resultado-del-mes">¶</a></h2>'
        '<div class="pai-preliminar" role="note"><strong>Preliminar:</strong> falta el reporte de riesgos.</div>'
        '<p class="pai-lectura">Véase <a href="#Evoluci%C3%B3n-del-%C3%ADndice">la evolución</a>, '
        '<a href="02_objetivos.html#Detalle">el detalle</a>, <a href="02_objetivos.html">los objetivos</a>, '
        '<a href="cuadernos/01_resumen.ipynb">el cuaderno</a>, <a href="metricas.json">las métricas</a>, '
        '<a href="versiones/v1/01_resumen.html">la versión 1</a>, <a href="../index.html">el archivo</a> y '
        '<a href="https://www.secretariageneral.gov.co/">la entidad</a>.</p>'
        '<div class="pai-solo-pantalla"><p>Toque una fila<p>para filtrar</div><p class="pai-lectura">Sigue el informe.</p>'
        '<figure class="pai-figura"><img class="pai-fig-pagina" src="data:image/svg+xml;base64,PHN2Zy8+" alt="Barras">'
        '<img class="pai-fig-telefono" src="data:image/svg+xml;base64,PHN2Zy8+" alt="Barras en teléfono"></figure>'
        '<table class="pai-tabla"><thead><tr><th class="pai-solo-pantalla">Filtrar</th><th id="col-sem">Semáforo</th>'
        '</tr></thead><tbody><tr id="fila-7871"><td class="pai-solo-pantalla">☐</td>'
        '<td headers="col-sem" data-label="Semáforo" data-order="1">Crítico</td></tr></tbody></table>'
        "<details><summary>Cómo se calcula</summary><p>Promedio ponderado.</p></details>"
        "<details open><summary>Fuentes</summary><p>El libro.</p></details>"
        '<h2 id="Evoluci%C3%B3n-del-%C3%ADndice">Evolución del índice</h2><div/>'
        '<svg viewBox="0 0 10 10"><defs><clipPath id="recorte"><rect width="5" height="5"/></clipPath></defs>'
        '<path clip-path="url(#recorte)" d="M0 0L10 10"/></svg>'
    )
    objetivos = '<h2 id="Resultado-del-mes">Resultado del mes</h2><h2>Detalle por objetivo</h2><h3 id="Detalle">Objetivo 1</h3>'
    portada = (
        '<p class="pai-lectura">El índice es 93,5 %.</p><ul class="pai-enlaces"><li><a href="01_resumen.html">'
        'Resumen ejecutivo</a></li></ul><p class="pai-nota">Cuadernos en <a href="cuadernos/">cuadernos/</a>.</p>'
    )
    return _escribir(
        tmp_path / "2024-06",
        {
            "index.html": _pagina(TITULO, portada, pie="06:10"),
            "01_resumen.html": _pagina("Resumen del Plan de Acción Institucional", resumen),
            "02_objetivos.html": _pagina("Objetivos estratégicos", objetivos),
            "huella.json": "{}",
            "metricas.json": "{}",
        },
    )


def _partes(documento: str) -> list[str]:
    """El HTML de cada parte: portada, contenido y cada informe."""
    return documento.split('<section class="pai-parte')[1:]


def test_encuentra_portada_e_informes_en_orden(periodo):
    (periodo / "03_proyectos_presupuesto.html").write_text(_pagina("Proyectos", ""), encoding="utf-8")
    (periodo / "versiones").mkdir()
    (periodo / "versiones" / "01_resumen.html").write_text("viejo", encoding="utf-8")
    assert [p.name for p in paginas_del_periodo(periodo)] == [
        "index.html",
        "01_resumen.html",
        "02_objetivos.html",
        "03_proyectos_presupuesto.html",
    ]


def test_quita_scripts_navegacion_y_lo_de_pantalla(periodo):
    documento = componer_html(paginas_del_periodo(periodo), TITULO)
    cabeza, cuerpo = documento.split("</head>", 1)  # (la cabeza trae las reglas de impresión)
    assert "<script" not in cabeza and "<link" not in cabeza and "cdn.example" not in cabeza
    for resto in (
        "<script",
        "dataset",
        '<nav class="pai-navegacion',
        "pai-indice",
        "<link",
        "cdn.example",
        "pai-solo-pantalla",
        "Toque una fila",
        "para filtrar",
        "Filtrar",  # una columna solo de pantalla
        "☐",
        "pai-fig-telefono",
        "anchor-link",
        "¶",
    ):
        assert resto not in cuerpo, resto
    assert "Sigue el informe." in cuerpo  # lo que viene después de lo quitado sigue ahí
    assert cuerpo.count('class="pai-fig-pagina"') == 1  # la figura de página queda
    assert "data-label" not in cuerpo and "data-order" not in cuerpo  # papel.py: solo los leen DataTables y el teléfono
    assert '-col-sem">Crítico</td>' in cuerpo  # lo demás de la celda queda (headers, con su prefijo)
    assert documento.count(".pai-titulo { color: #1d3557 }") == 1  # estilos de todas las páginas, una vez, en la cabeza
    assert "target-counter(attr(href), page)" in documento  # y las reglas de impresión del PDF


def test_ids_con_prefijo_por_informe_y_decodificados(periodo):
    documento = componer_html(paginas_del_periodo(periodo), TITULO)
    ids = re.findall(r'\sid="([^"]*)"', documento)
    assert len(ids) == len(set(ids)), "ids repetidos"
    assert 'id="p01-Resultado-del-mes"' in documento and 'id="p02-Resultado-del-mes"' in documento
    assert 'id="p01-Evolución-del-índice"' in documento and 'href="#p01-Evolución-del-índice"' in documento
    assert 'id="p01-fila-7871"' in documento and 'headers="p01-col-sem"' in documento
    assert 'id="recorte"' in documento and "url(#recorte)" in documento  # dentro de un <svg> nada cambia
    assert '<rect width="5" height="5" />' in documento  # y sus elementos vacíos siguen cerrados
    assert "<div></div>" in documento  # «<div/>» no abre un div sin cerrar


def test_details_abiertos(periodo):
    cuerpo = componer_html(paginas_del_periodo(periodo), TITULO).split("</head>", 1)[1]
    assert cuerpo.count("<details") == 2
    assert cuerpo.count("<details open>") == 2


def test_enlaces_entre_informes_internos_y_externos_sin_enlace(periodo):
    documento = componer_html(paginas_del_periodo(periodo), TITULO)
    assert 'href="#p02-Detalle"' in documento and 'href="#parte-02"' in documento and 'href="#parte-01"' in documento
    assert 'href="https://www.secretariageneral.gov.co/"' in documento
    for fuera in ("cuadernos/", "metricas.json", "versiones/", "../"):
        assert f'href="{fuera}' not in documento, fuera
    for texto in ("el cuaderno", "las métricas", "la versión 1", "el archivo"):  # el texto del enlace queda
        assert f"<a>{texto}</a>" in documento, texto
    hrefs = re.findall(r'href="#([^"]+)"', documento)
    ids = set(re.findall(r'\sid="([^"]*)"', documento))
    assert set(hrefs) <= ids, set(hrefs) - ids  # todo enlace interno tiene destino


def test_avisos_en_la_primera_pagina(periodo):
    portada, contenido, resumen, objetivos = _partes(componer_html(paginas_del_periodo(periodo), TITULO))
    assert "pai-demostracion" in portada and "pai-preliminar" in portada  # el preliminar solo venía en un informe
    assert portada.index("pai-encabezado") < portada.index("pai-preliminar")
    assert "pai-preliminar" in resumen and "pai-demostracion" in resumen and "pai-demostracion" in objetivos
    assert "pai-preliminar" not in objetivos


def test_contenido_con_informes_y_secciones_y_un_solo_pie(periodo):
    portada, contenido, resumen, objetivos = _partes(componer_html(paginas_del_periodo(periodo), TITULO))
    entradas = re.findall(r'<li class="(pai-contenido-\w+)"><a href="#([^"]+)">([^<]+)</a>', contenido)
    assert [(c.split("-")[-1], t) for c, _, t in entradas] == [
        ("informe", "Resumen del Plan de Acción Institucional"),
        ("seccion", "Resultado del mes"),
        ("seccion", "Evolución del índice"),
        ("informe", "Objetivos estratégicos"),
        ("seccion", "Resultado del mes"),
        ("seccion", "Detalle por objetivo"),
    ]
    assert entradas[0][1] == "parte-01" and entradas[1][1] == "p01-Resultado-del-mes"
    assert entradas[-1][1].startswith("p02-seccion-")  # un h2 sin id recibe uno para el contenido
    assert f'id="{entradas[-1][1]}"' in objetivos
    documento = portada + contenido + resumen + objetivos
    assert documento.count("Procedencia de este informe") == 1  # un solo pie: el de la portada, tras el contenido
    assert "06:10" in contenido and "05:29" not in documento


def test_html_mal_cerrado_o_truncado_no_se_come_el_resto(tmp_path):
    cuerpo = (
        '<div class="pai-solo-pantalla"><span>filtro<p>uno</div><p>después</p><b>negrita</i> '
        "<table><tr><td>celda</table><p>final sin cerrar"
    )
    truncada = _pagina("A", cuerpo).split("final sin cerrar")[0] + "final sin cerrar"  # sin </main> ni </body>
    carpeta = _escribir(tmp_path / "p", {"index.html": _pagina(TITULO, ""), "01_a.html": truncada})
    informe = _partes(componer_html(paginas_del_periodo(carpeta), TITULO))[2]
    assert "filtro" not in informe and "uno" not in informe
    assert "después" in informe and "celda" in informe and "final sin cerrar" in informe
    assert informe.count("<main") == informe.count("</main>") == 1


def test_carpeta_sin_portada_o_pagina_sin_main_es_error_pdf(tmp_path):
    with pytest.raises(ErrorPDF, match="index.html"):
        paginas_del_periodo(_escribir(tmp_path / "a", {"01_a.html": _pagina("A", "")}))
    with pytest.raises(ErrorPDF, match="no tiene <main>"):
        componer_html(
            paginas_del_periodo(_escribir(tmp_path / "b", {"index.html": _pagina(TITULO, ""), "01_a.html": "<p>sin main</p>"})),
            TITULO,
        )
    assert issubclass(ErrorPDF, ErrorPAI) and issubclass(PDFNoDisponible, ErrorPDF)


# ---------------------------------------------------------------- el motor (un WeasyPrint falso: rápido)


class _HTMLFalso:
    """Hace lo que hace WeasyPrint que molesta: imprime, registra avisos y emite warnings."""

    falla: Exception | None = None

    def __init__(self, string, base_url, url_fetcher):
        self.string, self.base_url, self.url_fetcher = string, base_url, url_fetcher
        type(self).ultimo = self

    def write_pdf(self, **opciones):
        self.opciones = opciones
        print("\n-----\n\nWeasyPrint could not import some external libraries.\n\n-----\n")
        logging.getLogger("weasyprint").warning("Ignored `overflow-x: auto` at 124:20, unknown property.")
        logging.getLogger("fontTools.subset").warning("FFTM NOT subset; don't know how to subset; dropped")
        warnings.warn("HarfBuzz-Subset will be required", DeprecationWarning, stacklevel=1)
        if self.falla:
            raise self.falla
        return b"%PDF-1.7\n% falso\n"


@pytest.fixture
def weasyprint_falso(monkeypatch):
    modulo = types.ModuleType("weasyprint")
    modulo.__version__ = "70.0"
    modulo.HTML = type("HTML", (_HTMLFalso,), {"falla": None})
    modulo.URLFetcher = lambda **opciones: ("buscador", opciones)
    monkeypatch.setitem(sys.modules, "weasyprint", modulo)
    return modulo


def _estado_registro():
    return [(r.propagate, list(r.handlers), r.level) for r in map(logging.getLogger, ("weasyprint", "fontTools", ""))]


def test_escribe_el_pdf_sin_ruido_y_sin_dejar_estado(periodo, weasyprint_falso, capsys, caplog, recwarn):
    antes = _estado_registro()
    destino = escribir_pdf(periodo, periodo / "informe-2024-06.pdf", TITULO)
    assert destino == periodo / "informe-2024-06.pdf" and destino.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr() == ("", "") and not caplog.records and not recwarn.list
    assert _estado_registro() == antes  # propagación, manejadores y niveles como estaban
    html_falso = weasyprint_falso.HTML.ultimo
    assert html_falso.url_fetcher == ("buscador", {"allowed_protocols": ("data", "file")})  # nunca la red
    assert html_falso.base_url == periodo.resolve().as_uri() + "/"
    assert f"<title>{TITULO}</title>" in html_falso.string and '<html lang="es-CO">' in html_falso.string
    assert html_falso.opciones == {"pdf_variant": "pdf/ua-1"}  # PDF etiquetado (PDF/UA-1)
    assert [p.name for p in periodo.iterdir() if p.name.startswith(".")] == []  # sin temporales


def test_una_falla_del_motor_es_error_pdf_y_no_deja_archivo(periodo, weasyprint_falso, capsys):
    weasyprint_falso.HTML.falla = AssertionError("caja sin padre\nsegunda línea")
    with pytest.raises(ErrorPDF, match=r"WeasyPrint falló \(AssertionError: caja sin padre\)") as info:
        escribir_pdf(periodo, periodo / "informe-2024-06.pdf", TITULO)
    assert isinstance(info.value.__cause__, AssertionError) and "\n" not in str(info.value)
    assert not (periodo / "informe-2024-06.pdf").exists() and capsys.readouterr() == ("", "")


def test_un_error_de_disco_es_error_pdf(periodo, weasyprint_falso):
    (periodo / "informe-2024-06.pdf").mkdir()
    with pytest.raises(ErrorPDF, match="es una carpeta"):
        escribir_pdf(periodo, periodo / "informe-2024-06.pdf", TITULO)


def test_importar_el_modulo_no_carga_weasyprint():
    codigo = "import sys, pai_analisis.publicacion.pdf; print(sorted(m for m in ('weasyprint', 'pypdf') if m in sys.modules))"
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True).stdout
    assert salida.strip() == "[]"


def test_sin_weasyprint_pdf_no_disponible_en_espanol(periodo, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # «import weasyprint» lanza ImportError
    with pytest.raises(PDFNoDisponible) as info:
        escribir_pdf(periodo, periodo / "informe-2024-06.pdf", TITULO)
    mensaje = str(info.value)
    assert mensaje.startswith("No se generó el PDF: WeasyPrint no está instalado") and "pip install" in mensaje
    assert "\n" not in mensaje and motor_disponible() == mensaje
    assert not (periodo / "informe-2024-06.pdf").exists() and capsys.readouterr() == ("", "")


def test_sin_bibliotecas_del_sistema_dice_que_instalar(periodo, monkeypatch, capsys):
    importar = builtins.__import__

    def sin_pango(nombre, *args, **kwargs):
        if nombre == "weasyprint":
            print("\n-----\n\nWeasyPrint could not import some external libraries.\n\n-----\n")
            raise OSError(
                "cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: "
                "No such file or directory.  Additionally, ctypes.util.find_library() did not manage "
                "to locate a library called 'libpango-1.0-0'"
            )
        return importar(nombre, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", sin_pango)
    mensaje = motor_disponible()
    assert mensaje and "\n" not in mensaje and "Additionally" not in mensaje
    assert "bibliotecas del sistema" in mensaje and "apt-get install libpango-1.0-0" in mensaje
    with pytest.raises(PDFNoDisponible):
        escribir_pdf(periodo, periodo / "informe-2024-06.pdf", TITULO)
    assert capsys.readouterr() == ("", "")


# ---------------------------------------------------------------- de punta a punta (WeasyPrint de verdad)


@pytest.fixture(scope="module")
def publicado(tmp_path_factory) -> Path:
    if motor_disponible():
        pytest.skip(motor_disponible())
    from pai_analisis.publicacion import publicar_informes

    salida = tmp_path_factory.mktemp("pdf") / "informes"
    estado = publicar_informes(["2024-06"], salida=salida, terminal=False)  # con el PDF, como en cron
    assert estado.publicados == ["2024-06"], estado
    return salida / "2024-06"


@pytest.fixture(scope="module")
def pdf(publicado):
    """(ruta, lector pypdf, texto de cada página) del PDF de 2024-06 que publicó ``pai informes``."""
    pypdf = pytest.importorskip("pypdf")
    ruta = publicado / "informe-2024-06.pdf"
    assert ruta.is_file(), "pai informes no publicó el PDF del periodo"
    lector = pypdf.PdfReader(str(ruta))
    return ruta, lector, [p.extract_text() or "" for p in lector.pages]


def _marcadores(lector, nodos=None, nivel=0, lista=None):
    """[(nivel, título, página desde 1)] del esquema (marcadores) del PDF, en orden."""
    lista = [] if lista is None else lista
    for m in lector.outline if nodos is None else nodos:
        if isinstance(m, list):
            _marcadores(lector, m, nivel + 1, lista)
        else:
            lista.append((nivel, m.title, lector.get_destination_page_number(m) + 1))
    return lista


def _titulos_html(carpeta: Path, etiquetas: str) -> list[str]:
    titulos = []
    for pagina in sorted(carpeta.glob("[0-9][0-9]_*.html")):
        for m in re.finditer(rf"<({etiquetas})\b[^>]*>(.*?)</\1>", pagina.read_text(encoding="utf-8"), re.S):
            titulos.append(" ".join(html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).split()))
    return titulos


def _cuerpo(texto: str, n: int, total: int) -> list[str]:
    """Las líneas de una página sin el pie corrido («… Página n de total»)."""
    return [ln for ln in texto.splitlines() if ln.strip() and f"Página {n} de {total}" not in ln]


@pytest.mark.lento
def test_la_portada_publicada_enlaza_el_pdf(pdf, publicado):
    portada = (publicado / "index.html").read_text(encoding="utf-8")
    assert '<a href="informe-2024-06.pdf" download>Descargar el PDF para el comité</a>' in portada
    assert "<!--pai:pdf-->" not in portada
    # el PDF se hizo de la portada sin el enlace: el papel no ofrece descargarse a sí mismo
    assert not any("Descargar el PDF" in t for t in pdf[2])


@pytest.mark.lento
def test_pdf_numerado_de_tamano_razonable(pdf):
    ruta, lector, textos = pdf
    total = len(textos)
    assert 20 <= total <= 80, total
    assert ruta.stat().st_size < 3 * 2**20
    sin_numero = [n for n, t in enumerate(textos, 1) if f"Página {n} de {total}" not in t]
    assert not sin_numero, f"páginas sin «Página N de {total}»: {sin_numero}"
    assert lector.metadata.title == TITULO
    assert "datos de demostración" in textos[0].lower()  # la primera página muestra el aviso


@pytest.mark.lento
def test_contenido_con_numeros_de_pagina_de_los_marcadores(pdf, publicado):
    _, lector, textos = pdf
    informes = _titulos_html(publicado, "h1")
    assert len(informes) == 7
    n_contenido = next(n for n, t in enumerate(textos[:3]) if t.lstrip().startswith("Contenido"))
    leidos = [
        (m.group(1).strip(), int(m.group(2)))  # «Riesgos ........ 31»
        for m in re.finditer(r"^(.*?\S)\s*\.{3,}\s*(\d+)\s*$", textos[n_contenido], re.M)
    ]
    marcadores = _marcadores(lector)
    despues = next(i for i, (_, t, _) in enumerate(marcadores) if t == "Contenido") + 1
    esperados = [(t, p) for nivel, t, p in marcadores[despues:] if nivel <= 1]  # informes (h1) y sus secciones (h2)
    assert [t for nivel, t, _ in marcadores[despues:] if nivel == 0] == informes
    assert leidos == esperados  # mismo orden, mismos títulos, mismas páginas
    assert all(p > n_contenido + 1 for _, p in leidos)


@pytest.mark.lento
def test_ninguna_pagina_casi_vacia_ni_con_solo_el_pie(pdf):
    _, lector, textos = pdf
    total = len(textos)
    for n, (pagina, texto) in enumerate(zip(lector.pages, textos, strict=True), 1):
        cuerpo = _cuerpo(texto, n, total)
        caracteres = len(re.sub(r"\s+", "", "".join(cuerpo)))
        con_figura = re.search(rb"/\w+\s+Do\b", pagina.get_contents().get_data()) is not None
        assert caracteres >= 200 or con_figura, f"página {n}: {caracteres} caracteres y sin figura"
        if any("Procedencia de este informe" in ln for ln in cuerpo):
            antes = "".join(cuerpo[: next(i for i, ln in enumerate(cuerpo) if "Procedencia de este informe" in ln)])
            assert len(antes) >= 200, f"página {n}: el pie de procedencia quedó solo"


@pytest.mark.lento
def test_nada_se_sale_por_la_derecha(pdf):
    """Ningún rectángulo (fondos y bordes de celdas, tarjetas) pasa del borde derecho de la caja de la página.

    WeasyPrint dibuja primero la caja de contenido de la página (``x y ancho alto re``, en px CSS tras
    ``0.75 0 0 0.75 0 0 cm``); una tabla más ancha que la hoja dejaba sus bordes 35–64 px más allá y el
    semáforo cortado. Tolerancia: 3 mm (las tarjetas rebasan 5 px sin que se note)."""
    _, lector, _ = pdf
    for n, pagina in enumerate(lector.pages, 1):
        rects = [
            tuple(map(float, m))
            for m in re.findall(rb"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re\b", pagina.get_contents().get_data())
        ]
        x0, _, ancho, _ = rects[0]
        exceso = max(x + w for x, _, w, _ in rects) - (x0 + ancho)
        assert exceso < 3 / 25.4 * 96, f"página {n}: algo pasa {exceso:.0f} px del borde derecho"


@pytest.mark.lento
def test_ningun_titulo_solo_al_pie_de_pagina(pdf, publicado):
    _, _, textos = pdf
    titulos = {re.sub(r"\s+", "", t) for t in _titulos_html(publicado, "h2|h3") if t}
    total = len(textos)
    for n, texto in enumerate(textos, 1):
        cuerpo = _cuerpo(texto, n, total)
        for k in (1, 2, 3):  # un título largo ocupa varias líneas
            final = re.sub(r"\s+", "", "".join(cuerpo[-k:]))
            assert final not in titulos, f"página {n} termina con el título «{' '.join(cuerpo[-k:])}»"


def test_pdf_etiquetado_y_accesible(pdf, publicado):
    """PDF/UA-1: árbol de estructura (``StructTreeRoot``), ``MarkInfo/Marked``, ``/Lang`` es-CO, título a la vista,
    encabezados ``H1``/``H2``, tablas ``Table`` con celdas ``TH``, y cada gráfico ``Figure`` con ``/Alt`` igual al
    ``alt`` de su ``<img>`` en el HTML (comprobado con pikepdf, que lee la estructura tal como la escribió el motor)."""
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(pdf[0]) as documento:
        raiz = documento.Root
        assert "/StructTreeRoot" in raiz, "el PDF no está etiquetado"
        assert bool(raiz.MarkInfo.Marked)
        assert str(raiz.Lang) == "es-CO"
        assert bool(raiz.ViewerPreferences.DisplayDocTitle) and str(documento.docinfo.Title)
        etiquetas, alternativos, pila = {}, [], [raiz.StructTreeRoot]
        while pila:  # recorrido del árbol de estructura
            nodo = pila.pop()
            if isinstance(nodo, pikepdf.Dictionary):
                if "/S" in nodo:
                    etiqueta = str(nodo.S)
                    etiquetas[etiqueta] = etiquetas.get(etiqueta, 0) + 1
                    if etiqueta == "/Figure":
                        alternativos.append(str(nodo.get("/Alt", "")))
                hijos = nodo.get("/K")
                if hijos is not None:
                    pila.extend(hijos if isinstance(hijos, pikepdf.Array) else [hijos])
    for etiqueta in ("/H1", "/H2", "/Table", "/TR", "/TH", "/TD", "/Figure"):
        assert etiquetas.get(etiqueta), f"sin {etiqueta} en el árbol de estructura: {sorted(etiquetas)}"
    assert all(alternativos), "gráficos sin texto alternativo en el PDF"
    alt_html = {html.unescape(a) for p in publicado.glob("*.html") for a in re.findall(r'<img[^>]* alt="([^"]*)"', p.read_text("utf-8"))}
    assert set(alternativos) <= alt_html, "un /Alt del PDF no es el texto alternativo del HTML"


@pytest.mark.parametrize(
    "hoja,queda",
    [
        ("table.dataTable thead th { color: red }", False),  # solo DataTables: sin <script> nunca aplica
        ("div.dt-container .dt-search { margin: 0 }", False),
        ("table.pai-tabla, table.dataTable { color: red }", True),  # uno de los selectores es de las páginas
        ("@keyframes datatables-loader-1 { 0% { opacity: 0 } }", False),
        ("@media screen and (max-width: 600px) { td::before { content: attr(data-label) } }", False),
        ("@media print { h2 { break-after: avoid } }", True),
        (".pai-titulo { color: #1d3557 }", True),
    ],
)
def test_hojas_para_papel_sin_lo_de_pantalla(hoja, queda):
    from pai_analisis.publicacion.papel import hojas_para_papel

    assert bool(hojas_para_papel([hoja]).strip()) is queda
