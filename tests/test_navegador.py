"""Los informes publicados, abiertos en Chromium con Playwright (marcas ``navegador`` y ``lento``).

Usa el Chromium de Debian (``apt-get install chromium``; ``.ci/run`` lo instala), no el que
descarga ``playwright install``. Sin ``/usr/bin/chromium`` la prueba se omite.

Publica una vez dos meses seguidos (2024-05 y 2024-06) con los datos incorporados, para que
exista la navegación al mes anterior y al siguiente, y abre por ``file://`` el archivo
general, las dos portadas de periodo y los doce informes. Lo que el producto promete:

* ninguna petición sale de la máquina: cada contexto enruta toda petición que no sea
  ``file:`` ni ``data:`` a un fallo y la anota; no hay mensajes en la consola ni imágenes rotas;
* la barra de navegación lleva al archivo, al índice del periodo, a los otros seis informes y
  al mismo informe del mes vecino; cada enlace de cada página llega a un archivo que existe y,
  si lleva ``#fragmento``, a un elemento con ese id (o a un filtro que la tabla tiene);
* en un teléfono (390 × 844 px) ningún semáforo queda fuera de la pantalla y la página no se
  desplaza a lo ancho;
* buscar, filtrar y ordenar una tabla interactiva (DataTables) cambia sus filas como se espera.

Deja una captura de cada página en la carpeta temporal de la prueba.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from contextlib import contextmanager, suppress
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

pytestmark = [pytest.mark.navegador, pytest.mark.lento]

RAIZ = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTOS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run"]
INFORMES = [f"{c.stem}.html" for c in sorted((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb"))]
ANTERIOR, SIGUIENTE = "2024-05", "2024-06"
PERIODOS = [ANTERIOR, SIGUIENTE]
MESES = {ANTERIOR: "mayo de 2024", SIGUIENTE: "junio de 2024"}
PAGINAS_PERIODO = [f"{p}/{n}" for p in PERIODOS for n in ["index.html", *INFORMES]]
PAGINAS = ["index.html", *PAGINAS_PERIODO]
ESCRITORIO = {"width": 1280, "height": 900}
TELEFONO = {"width": 390, "height": 844}
FILAS_TELEFONO = 10  # en cada tabla con semáforo se miden al menos estas filas (o todas, si son menos)

# Páginas que hoy se desplazan a lo ancho en el teléfono (defecto del producto, ver la prueba).


@pytest.fixture(scope="module")
def navegador():
    if not CHROMIUM.is_file():
        pytest.skip("No está /usr/bin/chromium (el Chromium de Debian): se omite la prueba de navegador. "
                    "Instálelo con «apt-get install chromium» (.ci/run lo hace).")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Falta Playwright para Python (pip install '.[pruebas]').")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTOS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def publicado(tmp_path_factory, navegador):
    """``pai informes --periodo 2024-05 --periodo 2024-06`` una vez (después de saber que hay navegador)."""
    salida = tmp_path_factory.mktemp("navegador") / "informes"
    orden = [sys.executable, "-m", "pai_analisis.cli", "informes"]
    for periodo in PERIODOS:
        orden += ["--periodo", periodo]
    r = subprocess.run([*orden, "--salida", str(salida), "--sin-pdf"],
                       cwd=RAIZ, capture_output=True, text=True, encoding="utf-8", timeout=900)
    assert r.returncode == 0, r.stderr
    return salida


def _ruta_de(url: str) -> Path:
    return Path(unquote(urlparse(url).path))


@contextmanager
def _abrir(navegador, ruta: Path, viewport=ESCRITORIO, fragmento: str = ""):
    """Abre ``ruta`` en un contexto nuevo y, al salir, exige: nada fuera de la máquina, nada fallido, consola limpia.

    Toda petición que no sea ``file:`` ni ``data:`` se enruta a un fallo (``context.route``) y se anota.
    """
    assert ruta.is_file(), ruta
    contexto = navegador.new_context(viewport=viewport, locale="es-CO")
    consola, fallidas, externas = [], [], []

    def enrutar(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            externas.append(url[:160])
            route.abort("internetdisconnected")

    contexto.route("**/*", enrutar)
    page = contexto.new_page()
    page.on("console", lambda m: consola.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: consola.append(f"pageerror: {exc}"))
    # (las abortadas por la ruta ya quedan en «externas»; aquí, las demás)
    page.on("requestfailed", lambda r: None if r.url[:160] in externas else fallidas.append(f"{r.url[:120]} ({r.failure})"))
    try:
        page.goto(ruta.as_uri() + fragmento, wait_until="load")
        page.wait_for_load_state("networkidle")
        yield page
    finally:
        contexto.close()
    nombre = ruta.name if ruta.parent.name not in PERIODOS else f"{ruta.parent.name}/{ruta.name}"
    assert not externas, f"{nombre}: peticiones fuera de la máquina (enrutadas a un fallo): {externas}"
    assert not consola, f"{nombre}: mensajes en la consola: {consola}"
    assert not fallidas, f"{nombre}: peticiones fallidas: {fallidas}"


# ---------------------------------------------------------------- página por página, en el escritorio


@pytest.mark.parametrize("pagina", PAGINAS)
def test_pagina_en_chromium(pagina, publicado, navegador, tmp_path):
    """Idioma, título, imágenes cargadas, índice de secciones que lleva a su sección, enlaces a archivos que existen."""
    ruta = publicado / pagina
    es_informe = re.fullmatch(r"\d{4}-\d{2}/0\d_.*", pagina) is not None
    with _abrir(navegador, ruta) as page:
        assert page.evaluate("document.documentElement.lang") == "es"
        assert page.title()

        imagenes = page.evaluate("""() => Array.from(document.images).map(i => ({
            alt: i.alt, completa: i.complete, ancho: i.naturalWidth, alto: i.naturalHeight}))""")
        malas = [i["alt"][:60] for i in imagenes if not (i["completa"] and i["ancho"] > 0 and i["alto"] > 0)]
        assert not malas, f"{pagina}: imágenes que no cargaron: {malas}"
        if es_informe:
            assert imagenes, f"{pagina}: sin figuras"

        # Índice de secciones: cada enlace «#…» del <nav>, al pulsarlo, deja como :target un elemento con ese id.
        indice = page.evaluate("""() => Array.from(document.querySelectorAll('nav a[href^="#"]')).map(a => {
            a.click();
            const destino = document.querySelector(':target');
            // Como el HTML: primero el fragmento tal cual (nbconvert escribe ids «%C3%A9»), luego decodificado.
            const crudo = a.getAttribute('href').slice(1);
            const id = document.getElementById(crudo) ? crudo : decodeURIComponent(crudo);
            return {href: a.getAttribute('href'), destino: destino ? destino.id : null,
                    id: id, existe: document.getElementById(id) !== null};
        })""")
        if es_informe:
            assert indice, f"{pagina}: sin índice de secciones"
        perdidos = [e["href"] for e in indice if not e["existe"] or e["destino"] != e["id"]]
        assert not perdidos, f"{pagina}: enlaces del índice que no llevan a ninguna sección: {perdidos}"

        # Enlaces relativos (archivo → periodo, portada → informes, cuadernos/, metricas.json): el destino existe.
        enlaces = page.evaluate("""() => Array.from(document.querySelectorAll('a[href]'))
            .filter(a => !/^([a-z]+:|#)/i.test(a.getAttribute('href'))).map(a => a.href)""")
        rotos = [u for u in enlaces if not _ruta_de(u).exists()]
        assert not rotos, f"{pagina}: enlaces a archivos que no existen: {rotos}"
        if pagina == "index.html":
            assert {_ruta_de(u) for u in enlaces} == {publicado / p / "index.html" for p in PERIODOS}
        if pagina.endswith("/index.html"):
            periodo = publicado / pagina.split("/")[0]
            assert {periodo / n for n in INFORMES} <= {_ruta_de(u) for u in enlaces}

        captura = tmp_path / (pagina.replace("/", "_").replace(".html", ".png"))
        page.screenshot(path=str(captura), full_page=True)
        assert captura.stat().st_size > 10_000


# ---------------------------------------------------------------- navegación entre páginas y enlaces


def _esperada(pagina: str) -> list[dict]:
    """Los enlaces que debe tener cada barra ``nav.pai-navegacion`` de una página del periodo, en orden."""
    periodo, archivo = pagina.split("/")
    portada = archivo == "index.html"
    ruta = [{"zona": "ruta", "href": "../index.html", "rel": None, "actual": False},
            {"zona": "ruta", "href": "index.html", "rel": None, "actual": portada}]
    if periodo == SIGUIENTE:
        vecinos = [{"zona": "vecinos", "href": f"../{ANTERIOR}/{archivo}", "rel": "prev", "actual": False}]
    else:
        vecinos = [{"zona": "vecinos", "href": f"../{SIGUIENTE}/{archivo}", "rel": "next", "actual": False}]
    informes = [{"zona": "informes", "href": n, "rel": None, "actual": n == archivo} for n in INFORMES]
    return ruta + vecinos + informes


@pytest.mark.parametrize("pagina", PAGINAS_PERIODO)
def test_navegacion_entre_informes(pagina, publicado, navegador):
    """Cada barra de navegación: archivo (``../index.html``), índice del periodo, el mismo informe del mes vecino
    (``rel=prev``/``rel=next``, con el nombre del mes) y los siete informes, el actual con ``aria-current``."""
    with _abrir(navegador, publicado / pagina) as page:
        barras = page.evaluate("""() => Array.from(document.querySelectorAll('nav.pai-navegacion')).map(n =>
            Array.from(n.querySelectorAll('a[href]')).map(a => ({
                zona: a.closest('.pai-nav-vecinos') ? 'vecinos' : a.closest('.pai-nav-informes') ? 'informes'
                      : a.closest('.pai-nav-ruta') ? 'ruta' : 'otra',
                href: a.getAttribute('href'), rel: a.getAttribute('rel'),
                actual: a.getAttribute('aria-current') === 'page', texto: a.textContent.trim()})))""")
    assert barras, f"{pagina}: sin barra de navegación (nav.pai-navegacion)"
    periodo = pagina.split("/")[0]
    vecino = ANTERIOR if periodo == SIGUIENTE else SIGUIENTE
    for i, barra in enumerate(barras):
        assert [{k: e[k] for k in ("zona", "href", "rel", "actual")} for e in barra] == _esperada(pagina), \
            f"{pagina}: barra de navegación {i + 1} de {len(barras)}"
        mes = next(e["texto"] for e in barra if e["zona"] == "vecinos")
        assert MESES[vecino] in mes, f"{pagina}: el enlace al mes vecino dice «{mes}»"


def test_navegacion_al_pulsar(publicado, navegador):
    """Recorrido con clics: archivo → junio → Indicadores → mes anterior → mes siguiente → Riesgos → archivo."""
    with _abrir(navegador, publicado / "index.html") as page:
        def pulsar(selector: str, destino: str):
            with page.expect_navigation():
                page.locator(selector).first.click()
            assert _ruta_de(page.url) == publicado / destino, f"«{selector}» llevó a {page.url}"
            page.wait_for_load_state("load")

        pulsar(f'a[href="{SIGUIENTE}/index.html"]', f"{SIGUIENTE}/index.html")
        pulsar('nav.pai-navegacion .pai-nav-informes a[href="04_indicadores.html"]', f"{SIGUIENTE}/04_indicadores.html")
        pulsar('nav.pai-navegacion .pai-nav-vecinos a[rel="prev"]', f"{ANTERIOR}/04_indicadores.html")
        pulsar('nav.pai-navegacion .pai-nav-vecinos a[rel="next"]', f"{SIGUIENTE}/04_indicadores.html")
        pulsar('nav.pai-navegacion .pai-nav-informes a[href="06_riesgos.html"]', f"{SIGUIENTE}/06_riesgos.html")
        pulsar('nav.pai-navegacion .pai-nav-ruta a[href="index.html"]', f"{SIGUIENTE}/index.html")
        pulsar('nav.pai-navegacion .pai-nav-ruta a[href="../index.html"]', "index.html")


class _Html(HTMLParser):
    """Los ``href`` de los ``<a>``, los ``id`` y, por cada filtro de tabla (``th[data-filtro]``), las claves de
    sus filas (``data-filtro-valor`` o el texto de la celda, como en pai-tablas.js)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.enlaces: list[str] = []
        self.ids: set[str] = set()
        self.filtros: dict[str, set[str]] = {}  # nombre del filtro (normalizado) → claves de sus celdas
        self._columnas: list[str | None] = []  # filtro de cada columna de la tabla en curso
        self._celda = -1
        self._texto: list[str] | None = None
        self._clave: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href") is not None:
            self.enlaces.append(a["href"])
        elif tag == "table":
            self._columnas = []
        elif tag == "th":
            self._columnas.append(_normal(a["data-filtro"]) if a.get("data-filtro") else None)
        elif tag == "tr":
            self._celda = -1
        elif tag == "td":
            self._celda += 1
            self._texto, self._clave = [], a.get("data-filtro-valor")

    def handle_data(self, data):
        if self._texto is not None:
            self._texto.append(data)

    def handle_endtag(self, tag):
        if tag == "td" and self._texto is not None:
            nombre = self._columnas[self._celda] if self._celda < len(self._columnas) else None
            if nombre:
                clave = _normal(self._clave if self._clave is not None else "".join(self._texto))
                if clave:
                    self.filtros.setdefault(nombre, set()).add(clave)
            self._texto = None


def _normal(texto: str) -> str:
    """Como ``normal()`` de pai-tablas.js: sin tildes, sin mayúsculas, espacios simples."""
    texto = "".join(c for c in unicodedata.normalize("NFD", str(texto)) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", texto).strip().lower()


@cache
def _leer(ruta: Path) -> _Html:
    p = _Html()
    p.feed(ruta.read_text(encoding="utf-8"))
    p.close()
    return p


@pytest.mark.parametrize("pagina", PAGINAS)
def test_cada_enlace_llega(pagina, publicado):
    """Cada ``a[href]``: sin enlaces a la red; el archivo o la carpeta de destino existe (``cuadernos/``,
    ``metricas.json``, ``versiones/``…); un ``#id`` existe en el documento de destino y un ``#filtro:nombre=valor``
    nombra un filtro que la tabla de destino tiene, con ese valor."""
    ruta = publicado / pagina
    enlaces = _leer(ruta).enlaces
    assert enlaces, f"{pagina}: sin enlaces"
    fuera = [h for h in enlaces if re.match(r"^[a-z][a-z0-9+.-]*:", h, re.I)]
    assert not fuera, f"{pagina}: enlaces fuera del archivo (no se pueden seguir sin red): {fuera}"
    problemas = []
    for href in dict.fromkeys(enlaces):
        url = urljoin(ruta.as_uri(), href)
        destino = _ruta_de(url)
        if not href.split("#")[0]:
            destino = ruta
        if not destino.exists():
            problemas.append(f"{href}: no existe {destino}")
            continue
        if destino.is_dir():
            if href.split("#")[0].endswith("/") and not any(destino.iterdir()):
                problemas.append(f"{href}: la carpeta está vacía")
            continue
        fragmento = urlparse(url).fragment
        if not fragmento:
            continue
        if destino.suffix != ".html":
            problemas.append(f"{href}: fragmento en un archivo que no es HTML")
            continue
        doc = _leer(destino)
        if fragmento.startswith("filtro:"):  # (que el valor tenga filas: test_enlace_con_filtro_lleva_a_filas)
            for nombre, _valor in _pares(fragmento):
                if nombre not in doc.filtros:
                    problemas.append(f"{href}: {destino.name} no tiene el filtro «{nombre}» (tiene {sorted(doc.filtros)})")
        # (como el navegador: el fragmento tal cual —nbconvert escribe ids «%C3%A9»— o decodificado)
        elif fragmento not in doc.ids and unquote(fragmento) not in doc.ids:
            problemas.append(f"{href}: {destino.name} no tiene un elemento con id «{fragmento}»")
    assert not problemas, f"{pagina}: enlaces que no llegan:\n" + "\n".join(problemas)


def _pares(fragmento: str) -> list[tuple[str, str]]:
    """``filtro:objetivo=3&semaforo=critico`` → ``[("objetivo", "3"), ("semaforo", "critico")]`` (normalizados)."""
    return [tuple(_normal(unquote(x)) for x in par.split("=", 1)) for par in fragmento[len("filtro:"):].split("&")
            if "=" in par]


@pytest.mark.parametrize("pagina", [f"{p}/02_objetivos.html" for p in PERIODOS])
def test_enlace_con_filtro_lleva_a_filas(pagina, publicado):
    """Cada enlace ``…#filtro:nombre=valor`` lleva a una tabla donde alguna fila tiene ese valor en ese filtro
    (si no, pai-tablas.js no filtra y muestra la tabla completa)."""
    ruta = publicado / pagina
    enlaces = [h for h in dict.fromkeys(_leer(ruta).enlaces) if "#filtro:" in h]
    assert enlaces, f"{pagina}: sin enlaces con filtro"
    vacios = []
    for href in enlaces:
        url = urljoin(ruta.as_uri(), href)
        filtros = _leer(_ruta_de(url)).filtros
        vacios += [f"{href} ({nombre} = {valor})" for nombre, valor in _pares(urlparse(url).fragment)
                   if valor not in filtros.get(nombre, set())]
    assert not vacios, f"{pagina}: enlaces con filtro que abren la tabla sin filtrar (ninguna fila con ese valor): {vacios}"


# ---------------------------------------------------------------- teléfono (390 × 844)

# Lo que se mide en el teléfono, con los <details> abiertos: semáforos fuera de 0..ancho, tablas con semáforo
# (filas, celdas de semáforo, cuántas se ven) y el ancho del documento, con lo que se sale si es más ancho.
_MEDIR_TELEFONO = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    const fuera = [], tablas = [];
    const ancho = document.documentElement.clientWidth;
    const caja = el => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0 ? b : null; };
    const nombre = el => el.tagName.toLowerCase() + '.' + Array.from(el.classList).join('.')
                         + ' «' + el.textContent.trim().slice(0, 40) + '»';
    document.querySelectorAll('td.semaforo, td.semaforo > span, span.semaforo, .pai-tarjeta-semaforo, .pai-etiqueta')
      .forEach(el => {
        const b = caja(el);
        if (b && (b.left < -1 || b.right > ancho + 1)) {
            const tr = el.closest('tr');
            fuera.push(nombre(el) + (tr && tr.id ? ' fila #' + tr.id : '') + ` [${Math.round(b.left)}, ${Math.round(b.right)}]`);
        }
      });
    document.querySelectorAll('table.pai-tabla').forEach((t, i) => {
        const celdas = Array.from(t.querySelectorAll(':scope > tbody > tr > td.semaforo'));
        if (celdas.length) tablas.push({tabla: i, filas: t.querySelectorAll(':scope > tbody > tr').length,
                                        con_semaforo: celdas.length, vistas: celdas.filter(c => caja(c)).length});
    });
    const salen = Array.from(document.querySelectorAll('body *')).filter(e => e.scrollWidth > e.clientWidth + 1
        && e.getBoundingClientRect().left + e.scrollWidth > ancho + 1 && getComputedStyle(e).overflowX === 'visible'
        && caja(e)).slice(-3).map(nombre);
    return {ancho: ancho, documento: document.documentElement.scrollWidth, fuera: fuera, tablas: tablas, salen: salen};
}"""


@pytest.fixture(scope="module")
def en_telefono(publicado, navegador, tmp_path_factory):
    """``medir(pagina)``: abre la página una sola vez en 390 × 844 (con su captura) y devuelve lo medido."""
    capturas = tmp_path_factory.mktemp("telefono")
    medidas = {}

    def medir(pagina: str) -> dict:
        if pagina not in medidas:
            with _abrir(navegador, publicado / pagina, viewport=TELEFONO) as page:
                resultado = page.evaluate(_MEDIR_TELEFONO)
                page.screenshot(path=str(capturas / pagina.replace("/", "_").replace(".html", ".png")))
            medidas[pagina] = resultado
        return medidas[pagina]

    return medir


@pytest.mark.parametrize("pagina", PAGINAS)
def test_telefono_semaforos_a_la_vista(pagina, en_telefono):
    """En 390 px (con los <details> abiertos), cada semáforo visible —celda ``td.semaforo``, su etiqueta, y las
    etiquetas de las tarjetas— cabe entre 0 y 390 px (±1); en cada tabla con semáforo se ven al menos las
    primeras filas (todas las de la tabla, en la práctica)."""
    medidas = en_telefono(pagina)
    assert medidas["ancho"] == TELEFONO["width"], medidas["ancho"]
    assert not medidas["fuera"], f"{pagina}: semáforos fuera de la pantalla de 390 px: {medidas['fuera'][:10]}"
    pocas = [t for t in medidas["tablas"] if t["vistas"] < min(FILAS_TELEFONO, t["con_semaforo"])]
    assert not pocas, f"{pagina}: tablas con semáforo cuyas filas no se ven en el teléfono: {pocas}"
    if re.fullmatch(r"\d{4}-\d{2}/0[2-5]_.*", pagina):  # objetivos, proyectos, indicadores y plan: tablas con semáforo
        assert medidas["tablas"], f"{pagina}: ninguna tabla con columna de semáforo"


@pytest.mark.parametrize("pagina", PAGINAS)
def test_telefono_sin_desplazamiento_horizontal(pagina, en_telefono):
    """En 390 px (con los <details> abiertos) el documento no es más ancho que la pantalla."""
    medidas = en_telefono(pagina)
    assert medidas["documento"] <= TELEFONO["width"] + 1, \
        f"{pagina}: en 390 px la página se desplaza a lo ancho ({medidas['documento']} px); lo que se sale: {medidas['salen']}"


# ---------------------------------------------------------------- tablas interactivas (DataTables)

# Funciones de página: las filas visibles de la tabla interactiva y el valor de una columna por su título.
_FILAS = """(arg) => {
    const t = document.querySelector(arg.tabla);
    const titulos = Array.from(t.querySelectorAll(':scope > thead th')).map(th => th.textContent.replace(/\\u00ad/g, '').trim());
    const i = arg.columna ? titulos.indexOf(arg.columna) : -1;
    const normal = s => String(s == null ? '' : s).normalize('NFD').replace(/[\\u0300-\\u036f]/g, '')
        .replace(/\\s+/g, ' ').trim().toLowerCase();
    return {titulos: titulos, filas: Array.from(t.querySelectorAll(':scope > tbody > tr'))
        .filter(tr => !tr.querySelector('td.dt-empty'))
        .map(tr => {
            const td = i >= 0 ? tr.children[i] : null;
            return {id: tr.id, texto: normal(tr.textContent),
                    orden: td ? td.getAttribute('data-order') : null,
                    clave: td ? normal(td.hasAttribute('data-filtro-valor') ? td.getAttribute('data-filtro-valor') : td.textContent) : null};
        })};
}"""

# (informe, título de la sección de la tabla, palabra a buscar, columnas numéricas para ordenar)
INTERACTIVAS = [
    ("04_indicadores.html", "Todos los indicadores", "talento", ["Cumplimiento", "Semáforo"]),
    ("03_proyectos_presupuesto.html", "Detalle de metas", "comunicaciones", ["Cumplimiento", "Ejecutado"]),
]


def _esperar(page, tabla: str, columna: str | None, prueba: str, valor=None) -> None:
    """Espera (hasta 5 s) a que las filas visibles cumplan ``prueba`` (JS: ``(filas, valor) => bool``).

    DataTables no redibuja en el mismo evento: el orden se aplica en un ``setTimeout`` y la búsqueda al escribir;
    leer las filas justo después del clic da el estado anterior. Si se agota la espera no falla aquí: la
    aserción que sigue dice lo que se vio."""
    _esperar_js(page, f"(a) => ({prueba})(({_FILAS})(a).filas, a.valor)",
                {"tabla": tabla, "columna": columna, "valor": valor})


def _esperar_js(page, funcion: str, arg) -> None:
    """``page.wait_for_function`` de hasta 5 s que, si se agota, deja decidir a la aserción siguiente."""
    from playwright.sync_api import TimeoutError as EsperaAgotada

    with suppress(EsperaAgotada):
        page.wait_for_function(funcion, arg=arg, timeout=5000)


_CON_PALABRA = "(f, v) => f.length > 0 && f.every(x => x.texto.includes(v))"
_CON_CLAVE = "(f, v) => f.length > 0 && f.every(x => x.clave === v)"
_CUANTAS = "(f, v) => f.length === v"
# (el orden de DataTables deja las celdas sin valor, data-order="", al principio del ascendente y al final del otro)
_ORDENADA = """(f, v) => { const n = f.map(x => x.orden).filter(o => o !== '' && o !== null).map(Number);
    return n.length > 1 && n.every((x, i) => i === 0 || (v === 'asc' ? n[i - 1] <= x : n[i - 1] >= x)); }"""


def _tabla_de(page, seccion: str) -> str:
    """El selector (``#DataTables_Table_N``) de la tabla interactiva que sigue al título ``seccion``."""
    ident = page.evaluate("""(titulo) => {
        const h = Array.from(document.querySelectorAll('h2, h3')).find(h => h.textContent.replace(/¶/g, '').trim() === titulo);
        if (!h) return null;
        const tablas = Array.from(document.querySelectorAll('table.pai-tabla.dataTable'));
        const t = tablas.find(t => h.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
        return t ? t.id : null;
    }""", seccion)
    assert ident, f"no hay una tabla interactiva (DataTables) después de «{seccion}»"
    return f"#{ident}"


@pytest.mark.parametrize("informe,seccion,palabra,columnas", INTERACTIVAS, ids=[i[0] for i in INTERACTIVAS])
def test_tabla_interactiva(informe, seccion, palabra, columnas, publicado, navegador):
    """Buscar deja sólo las filas que contienen la palabra; cada selector de filtro (primera y última opción)
    deja sólo las filas con ese valor, y «Todos» las devuelve; «Quitar filtros» limpia búsqueda y filtros;
    pulsar un encabezado numérico ordena de menor a mayor por su ``data-order`` y pulsarlo otra vez, al revés."""
    with _abrir(navegador, publicado / SIGUIENTE / informe) as page:
        tabla = _tabla_de(page, seccion)
        contenedor = f"{tabla}_wrapper"
        filas = lambda columna=None: page.evaluate(_FILAS, {"tabla": tabla, "columna": columna})["filas"]  # noqa: E731
        todas = filas()
        assert len(todas) > 10, f"{informe}: la tabla de «{seccion}» tiene {len(todas)} filas"
        ids_iniciales = [f["id"] for f in todas]

        # Búsqueda: menos filas, todas con la palabra, las mismas que la contienen en la tabla completa.
        buscar = page.locator(f"{contenedor} .dt-search input")
        buscar.fill(palabra)
        _esperar(page, tabla, None, _CON_PALABRA, palabra)
        halladas = filas()
        esperadas = [f["id"] for f in todas if palabra in f["texto"]]
        assert 0 < len(halladas) < len(todas), f"{informe}: buscar «{palabra}» dejó {len(halladas)} de {len(todas)} filas"
        assert all(palabra in f["texto"] for f in halladas), f"{informe}: filas sin «{palabra}» tras buscar"
        assert [f["id"] for f in halladas] == esperadas
        quitar = page.locator(f"{contenedor} .pai-quitar")
        assert quitar.is_visible(), f"{informe}: con búsqueda activa no aparece «Quitar filtros»"
        quitar.click()
        _esperar(page, tabla, None, _CUANTAS, len(todas))
        assert buscar.input_value() == "" and len(filas()) == len(todas)
        assert not quitar.is_visible()

        # Filtros: cada selector que ofrece la página (proyecto, objetivo, responde, proceso, semáforo…).
        selectores = page.evaluate("""(c) => Array.from(document.querySelectorAll(c + ' .pai-filtros select')).map(s => ({
            columna: +s.getAttribute('data-columna'), nombre: s.getAttribute('data-nombre'),
            valores: Array.from(s.options).map(o => o.value)}))""", contenedor)
        nombres = {s["nombre"] for s in selectores}
        assert nombres & {"dependencia", "responde", "proceso", "objetivo", "proyecto"}, f"{informe}: filtros {nombres}"
        titulos = page.evaluate(_FILAS, {"tabla": tabla, "columna": None})["titulos"]
        for s in selectores:
            assert s["valores"][0] == "" and len(s["valores"]) > 2, f"{informe}: el filtro «{s['nombre']}» no ofrece opciones"
            columna = titulos[s["columna"]]
            base = filas(columna)
            select = page.locator(f'{contenedor} .pai-filtros select[data-nombre="{s["nombre"]}"]')
            for valor in (s["valores"][1], s["valores"][-1]):
                select.select_option(valor)
                _esperar(page, tabla, columna, _CON_CLAVE, valor)
                vistas = filas(columna)
                esperadas = [f["id"] for f in base if f["clave"] == valor]
                assert vistas and len(vistas) < len(todas), \
                    f"{informe}: filtrar «{s['nombre']}» = «{valor}» dejó {len(vistas)} de {len(todas)} filas"
                assert {f["clave"] for f in vistas} == {valor}, f"{informe}: filtro «{s['nombre']}» = «{valor}»"
                assert [f["id"] for f in vistas] == esperadas, f"{informe}: filtro «{s['nombre']}» = «{valor}»"
            select.select_option("")
            _esperar(page, tabla, None, _CUANTAS, len(todas))
            assert [f["id"] for f in filas()] == ids_iniciales, f"{informe}: «Todos» en «{s['nombre']}» no devuelve la tabla"

        # Orden: el encabezado numérico ordena por data-order, de menor a mayor y luego al revés.
        for columna in columnas:
            th = page.locator(f"{tabla} > thead th").nth(titulos.index(columna))
            antes = [f["orden"] for f in filas(columna)]
            th.click()
            _esperar_js(page, "(th) => th.getAttribute('aria-sort') === 'ascending'", th.element_handle())
            _esperar(page, tabla, columna, _ORDENADA, "asc")
            valores = [f["orden"] for f in filas(columna)]
            numeros = [float(v) for v in valores if v not in ("", None)]
            assert sorted(valores, key=lambda v: (v not in ("", None), float(v) if v else 0)) == valores, \
                f"{informe}: tras pulsar «{columna}» el orden no es ascendente: {valores}"
            assert numeros == sorted(numeros) and len(set(numeros)) > 1
            assert valores != antes, f"{informe}: pulsar «{columna}» no cambió el orden de las filas"
            assert th.get_attribute("aria-sort") == "ascending"
            th.click()
            _esperar_js(page, "(th) => th.getAttribute('aria-sort') === 'descending'", th.element_handle())
            _esperar(page, tabla, columna, _ORDENADA, "desc")
            inverso = [float(v) for v in (f["orden"] for f in filas(columna)) if v not in ("", None)]
            assert inverso == sorted(numeros, reverse=True), f"{informe}: el segundo clic en «{columna}» no invierte el orden"
            assert th.get_attribute("aria-sort") == "descending"
            assert len(filas()) == len(todas)


@pytest.mark.parametrize("informe", ["03_proyectos_presupuesto.html", "04_indicadores.html", "05_plan_integrado.html"])
def test_enlace_con_filtro(informe, publicado, navegador):
    """Los enlaces de Objetivos (``#filtro:objetivo=N``) abren la tabla ya filtrada por ese objetivo."""
    objetivo = "3"
    with _abrir(navegador, publicado / SIGUIENTE / informe, fragmento=f"#filtro:objetivo={objetivo}") as page:
        elegidos = page.evaluate("""() => Array.from(document.querySelectorAll('.pai-filtros select[data-nombre="objetivo"]'))
            .map(s => ({valor: s.value, tabla: s.closest('.dt-container').querySelector('table.dataTable').id}))""")
        assert elegidos and all(e["valor"] == objetivo for e in elegidos), f"{informe}: selectores de objetivo {elegidos}"
        for e in elegidos:
            vistas = page.evaluate(_FILAS, {"tabla": f"#{e['tabla']}", "columna": "Objetivo"})["filas"]
            assert vistas and {f["clave"] for f in vistas} == {objetivo}, f"{informe}: filas tras #filtro:objetivo=3"
            assert page.locator(f"#{e['tabla']}_wrapper .pai-quitar").is_visible()


# ---------------------------------------------------------------- accesibilidad (axe-core, WCAG 2.0/2.1 A y AA)

REGLAS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("ancho", [ESCRITORIO, TELEFONO], ids=["1280px", "390px"])
@pytest.mark.parametrize("pagina", PAGINAS)
def test_accesibilidad_axe(pagina, ancho, publicado, navegador):
    """axe-core (el que trae ``axe-playwright-python``, sin red) con las reglas WCAG 2.0/2.1 A y AA no encuentra
    ninguna violación en cada página del archivo y de los periodos, en el escritorio y en el teléfono (Resolución
    1519 de 2020 de MinTIC: su anexo sigue WCAG 2.1 AA). Corre después de pai-tablas.js (DataTables ya armado)."""
    axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright",
                                   reason="Falta axe-playwright-python (pip install '.[pruebas]').")
    with _abrir(navegador, publicado / pagina, viewport=ancho) as page:
        resultado = axe_sync.Axe().run(page, options={"runOnly": {"type": "tag", "values": REGLAS_WCAG},
                                                      "resultTypes": ["violations"]})
    violaciones = [
        f"{v['id']} ({v['impact']}): " + "; ".join(", ".join(map(str, n["target"])) for n in v["nodes"][:5])
        for v in resultado.response["violations"]
    ]
    assert not violaciones, f"{pagina} a {ancho['width']} px: {violaciones}"
