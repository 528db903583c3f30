"""Los informes publicados, abiertos en Chromium con Playwright (marcas ``navegador`` y ``lento``).

Usa el Chromium de Debian (``apt-get install chromium``; ``.ci/run`` lo instala), no el que
descarga ``playwright install``. Sin ``/usr/bin/chromium`` la prueba se omite.

Publica 2024-06 una vez con los datos incorporados y abre, por ``file://``, el archivo
general, la portada del periodo y los seis informes: sin errores en la consola, sin
peticiones fallidas ni a la red, cada imagen cargada, cada enlace del índice de secciones
lleva a un elemento que existe y cada enlace relativo a un archivo que existe. Deja una
captura de cada página en la carpeta temporal de la prueba.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

pytestmark = [pytest.mark.navegador, pytest.mark.lento]

RAIZ = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARGUMENTOS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run"]
INFORMES = [f"{c.stem}.html" for c in sorted((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb"))]
PAGINAS = ["index.html", "2024-06/index.html", *(f"2024-06/{n}" for n in INFORMES)]


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
    """``pai informes --periodo 2024-06`` una vez (después de saber que hay navegador)."""
    salida = tmp_path_factory.mktemp("navegador") / "informes"
    r = subprocess.run([sys.executable, "-m", "pai_analisis.cli", "informes", "--periodo", "2024-06", "--salida", str(salida),
                        "--sin-pdf"],
                       cwd=RAIZ, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert r.returncode == 0, r.stderr
    return salida


def _ruta_de(url: str) -> Path:
    return Path(unquote(urlparse(url).path))


@pytest.mark.parametrize("pagina", PAGINAS)
def test_pagina_en_chromium(pagina, publicado, navegador, tmp_path):
    ruta = publicado / pagina
    assert ruta.is_file()
    contexto = navegador.new_context(viewport={"width": 1280, "height": 900}, locale="es-CO")
    page = contexto.new_page()
    consola, fallidas, externas = [], [], []
    page.on("console", lambda m: consola.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: consola.append(f"pageerror: {exc}"))
    page.on("requestfailed", lambda r: fallidas.append(f"{r.url[:120]} ({r.failure})"))
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else externas.append(r.url))
    try:
        page.goto(ruta.as_uri(), wait_until="load")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.lang") == "es"
        assert page.title()

        imagenes = page.evaluate("""() => Array.from(document.images).map(i => ({
            alt: i.alt, completa: i.complete, ancho: i.naturalWidth, alto: i.naturalHeight}))""")
        malas = [i["alt"][:60] for i in imagenes if not (i["completa"] and i["ancho"] > 0 and i["alto"] > 0)]
        assert not malas, f"{pagina}: imágenes que no cargaron: {malas}"
        if pagina.startswith("2024-06/0"):
            assert imagenes, f"{pagina}: sin figuras"

        # Índice de secciones: cada enlace «#…» del <nav>, al pulsarlo, deja como :target un elemento con ese id.
        indice = page.evaluate("""() => Array.from(document.querySelectorAll('nav a[href^="#"]')).map(a => {
            a.click();
            const destino = document.querySelector(':target');
            return {href: a.getAttribute('href'), destino: destino ? destino.id : null,
                    existe: document.getElementById(a.getAttribute('href').slice(1)) !== null};
        })""")
        if pagina.startswith("2024-06/0"):
            assert indice, f"{pagina}: sin índice de secciones"
        perdidos = [e["href"] for e in indice if not e["existe"] or e["destino"] != e["href"][1:]]
        assert not perdidos, f"{pagina}: enlaces del índice que no llevan a ninguna sección: {perdidos}"

        # Enlaces relativos (archivo → periodo, portada → informes, cuadernos/, metricas.json): el destino existe.
        enlaces = page.evaluate("""() => Array.from(document.querySelectorAll('a[href]'))
            .filter(a => !/^([a-z]+:|#)/i.test(a.getAttribute('href'))).map(a => a.href)""")
        rotos = [u for u in enlaces if not _ruta_de(u).exists()]
        assert not rotos, f"{pagina}: enlaces a archivos que no existen: {rotos}"
        if pagina == "index.html":
            assert [_ruta_de(u) for u in enlaces] == [publicado / "2024-06" / "index.html"]
        if pagina == "2024-06/index.html":
            assert {publicado / "2024-06" / n for n in INFORMES} <= {_ruta_de(u) for u in enlaces}

        captura = tmp_path / (pagina.replace("/", "_").replace(".html", ".png"))
        page.screenshot(path=str(captura), full_page=True)
        assert captura.stat().st_size > 10_000
    finally:
        contexto.close()
    assert not consola, f"{pagina}: mensajes en la consola: {consola}"
    assert not fallidas, f"{pagina}: peticiones fallidas: {fallidas}"
    assert not externas, f"{pagina}: peticiones fuera del archivo: {externas}"
