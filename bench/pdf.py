"""Benchmark del PDF del comité: WeasyPrint (el motor del paquete) frente a Chromium sin ventana (Playwright).

Con los datos incorporados, publica una vez los informes de 2024-06 en una carpeta temporal
(``pai informes --periodo 2024-06 --sin-pdf --salida TMP``) y hace el PDF de esa carpeta con:

1. **WeasyPrint**: ``pai_analisis.publicacion.pdf.escribir_pdf`` (lo mismo que corre ``pai informes``).
2. **Chromium**: el mismo documento de ``componer_html`` escrito a un archivo y abierto con ``file://``
   en ``/usr/bin/chromium`` vía la API de Python de Playwright (toda petición que no sea ``file:`` o
   ``data:`` se aborta: sin red, como WeasyPrint), ``page.pdf(format="A4", display_header_footer=True,
   footer_template=«pág. N / M», print_background=True)``.

Cada corrida es un proceso aparte (``python bench/pdf.py --motor M CARPETA DESTINO``), como en
``pai informes`` (``publicacion/impresion.py``): el tiempo incluye arrancar Python, importar el motor,
componer el HTML y, en Chromium, abrir y cerrar el navegador. Se mide la mediana de ``--repeticiones``
corridas (3 por omisión) tras un calentamiento corto (la portada sola, como portada y como informe:
calienta disco, .pyc y fuentes sin pagar una corrida entera de WeasyPrint, que en esta máquina pasa
de 30 s). El análisis de los dos PDF (pypdf, unos 15 s cada uno) va en paralelo, ya sin medir nada.

**Memoria pico**: la mayor suma de RSS del árbol de procesos (Python, el controlador de Playwright,
Chromium y sus hijos), muestreada cada 100 ms con psutil (o en ``/proc`` si falta psutil). La suma de
RSS cuenta las bibliotecas compartidas una vez por proceso; por eso se da también la suma de PSS
(``/proc/PID/smaps_rollup``), que reparte lo compartido y se acerca más a la memoria física.

Del PDF (pypdf): páginas, número de página al pie en cada página, páginas con menos de 200 caracteres
de texto (sin contar el pie), páginas que terminan en un título h1–h3 (título huérfano), marcadores,
tamaño y si el «Contenido» trae número de página en cada entrada (y si ese número lleva a una página
con ese título).

Uso, desde la raíz del proyecto::

    python bench/pdf.py [--repeticiones 3] [--informes CARPETA_DEL_PERIODO]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))  # el paquete de este árbol, también en los procesos hijos
BIN = Path(sys.executable).parent
PERIODO = "2024-06"
TITULO = "Seguimiento PAI — junio de 2024"
CHROMIUM = "/usr/bin/chromium"
ARGS_CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# Pie de Chromium (plantilla de Playwright), centrado: a la derecha ya va el «Página N de M» del CSS si Chromium lo pinta.
PIE_CHROMIUM = ('<div style="width:100%;text-align:center;font-size:8pt;color:#52606d;'
                'font-family:\'Liberation Sans\',\'DejaVu Sans\',sans-serif">'
                'pág. <span class="pageNumber"></span> / <span class="totalPages"></span></div>')
MOTORES = ("weasyprint", "chromium")
PAGINA = os.sysconf("SC_PAGE_SIZE")
MB = 1_000_000
SIN_MOTOR = 4  # código de salida del proceso hijo cuando el motor no está disponible
LIMITE = 300  # segundos por corrida


# ---------------------------------------------------------------- proceso hijo: una corrida de un motor

def _una_linea(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {(str(exc).strip().splitlines() or [''])[0]}"


def _hijo_weasyprint(carpeta: Path, destino: Path) -> dict:
    from pai_analisis.errores import PDFNoDisponible
    from pai_analisis.publicacion.pdf import escribir_pdf

    try:
        escribir_pdf(carpeta, destino, TITULO)
    except PDFNoDisponible as exc:
        print(f"WeasyPrint no disponible: {exc}", file=sys.stderr)
        raise SystemExit(SIN_MOTOR) from None
    return {}


def _hijo_chromium(carpeta: Path, destino: Path) -> dict:
    try:
        from playwright.sync_api import Error as ErrorPlaywright
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("Chromium no disponible: falta el paquete playwright («pip install playwright»).", file=sys.stderr)
        raise SystemExit(SIN_MOTOR) from None
    if not os.access(CHROMIUM, os.X_OK):
        print(f"Chromium no disponible: no está {CHROMIUM} («apt-get install chromium»).", file=sys.stderr)
        raise SystemExit(SIN_MOTOR)
    from pai_analisis.publicacion.pdf import componer_html, paginas_del_periodo

    documento = carpeta / "_bench_chromium.html"  # junto a las páginas: las rutas relativas resuelven igual
    documento.write_text(componer_html(paginas_del_periodo(carpeta), TITULO), encoding="utf-8")
    abortadas: list[str] = []

    def filtrar(ruta) -> None:
        url = ruta.request.url
        if url.startswith(("file:", "data:")):
            ruta.continue_()
        else:
            abortadas.append(url)
            ruta.abort()

    fases, t = {}, time.perf_counter()
    with sync_playwright() as p:
        try:
            navegador = p.chromium.launch(executable_path=CHROMIUM, args=ARGS_CHROMIUM)
        except ErrorPlaywright as exc:
            print(f"Chromium no disponible: no arrancó ({_una_linea(exc)}).", file=sys.stderr)
            raise SystemExit(SIN_MOTOR) from None
        fases["abrir Chromium"] = time.perf_counter() - t
        pagina = navegador.new_page()
        pagina.route("**/*", filtrar)
        t = time.perf_counter()
        pagina.goto(documento.as_uri(), wait_until="load")
        fases["cargar el HTML"] = time.perf_counter() - t
        t = time.perf_counter()
        pagina.pdf(path=str(destino), format="A4", display_header_footer=True, header_template="<span></span>",
                   footer_template=PIE_CHROMIUM, print_background=True)
        fases["page.pdf"] = time.perf_counter() - t
        navegador.close()
    return {"fases": fases, "abortadas": len(abortadas)}


def hijo(motor: str, carpeta: Path, destino: Path) -> int:
    try:
        datos = (_hijo_weasyprint if motor == "weasyprint" else _hijo_chromium)(carpeta, destino)
    except SystemExit:
        raise
    except Exception as exc:  # una línea, sin traza: la imprime el proceso padre
        print(f"{motor} falló: {_una_linea(exc)}", file=sys.stderr)
        return 1
    print(json.dumps(datos))
    return 0


# ---------------------------------------------------------------- memoria del árbol de procesos

try:
    import psutil
except ImportError:  # sin psutil: el árbol sale de /proc/*/stat
    psutil = None


def _pids_arbol(raiz: int) -> list[int]:
    if psutil is not None:
        try:
            proceso = psutil.Process(raiz)
            return [raiz, *(h.pid for h in proceso.children(recursive=True))]
        except psutil.Error:
            return []
    hijos: dict[int, list[int]] = {}
    for nombre in os.listdir("/proc"):
        if nombre.isdigit():
            try:
                with open(f"/proc/{nombre}/stat") as f:
                    hijos.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(nombre))
            except (OSError, IndexError, ValueError):
                continue
    salida, pendientes = [], [raiz]
    while pendientes:
        pid = pendientes.pop()
        salida.append(pid)
        pendientes += hijos.get(pid, [])
    return salida


def _memoria(pid: int) -> tuple[int, int]:
    """(RSS, PSS) en bytes de un proceso; (0, 0) si ya terminó."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/statm") as f:
            rss = int(f.read().split()[1]) * PAGINA
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for linea in f:
                if linea.startswith("Pss:"):
                    pss = int(linea.split()[1]) * 1024
                    break
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


def correr(cmd: list[str]) -> tuple[float, int, int, int, str, str]:
    """(segundos, pico de RSS del árbol, pico de PSS del árbol, procesos a la vez, stdout, stderr) de un subproceso."""
    pico_rss = pico_pss = procesos = 0
    inicio = time.perf_counter()
    proceso = subprocess.Popen(cmd, cwd=RAIZ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               text=True, encoding="utf-8", errors="replace")
    fin = threading.Event()

    def muestrear() -> None:
        nonlocal pico_rss, pico_pss, procesos
        while not fin.is_set():
            pids = _pids_arbol(proceso.pid)
            medidas = [_memoria(p) for p in pids]
            pico_rss = max(pico_rss, sum(r for r, _ in medidas))
            pico_pss = max(pico_pss, sum(p for _, p in medidas))
            procesos = max(procesos, sum(1 for r, _ in medidas if r))
            fin.wait(0.1)

    hilo = threading.Thread(target=muestrear, daemon=True)
    hilo.start()
    try:
        salida, err = proceso.communicate(timeout=LIMITE)
    except subprocess.TimeoutExpired:
        proceso.kill()
        salida, err = proceso.communicate()
        err += f"\npasó el tiempo máximo de {LIMITE} s"
    segundos = time.perf_counter() - inicio
    fin.set()
    hilo.join()
    if proceso.returncode != 0:
        raise FallaMotor(proceso.returncode, (err.strip().splitlines() or [f"código de salida {proceso.returncode}"])[-1])
    return segundos, pico_rss, pico_pss, procesos, salida, err


class FallaMotor(Exception):
    def __init__(self, codigo: int, linea: str):
        super().__init__(linea)
        self.codigo, self.linea = codigo, linea


# ---------------------------------------------------------------- análisis del PDF

class _Titulos(HTMLParser):
    """Textos de h1–h3 del documento compuesto y número de entradas del «Contenido»."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titulos: set[str] = set()
        self.entradas = 0
        self._actual: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self._actual = []
        clases = (dict(attrs).get("class") or "").split()
        self.entradas += tag == "li" and any(c.startswith("pai-contenido-") for c in clases)

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3") and self._actual is not None:
            if len(texto := " ".join("".join(self._actual).split())) >= 4:
                self.titulos.add(texto)
            self._actual = None

    def handle_data(self, data):
        if self._actual is not None:
            self._actual.append(data)


_PIE_CSS = re.compile(r"Página (\d+) de (\d+)")
_PIE_CHROMIUM = re.compile(r"pág\. (\d+) / (\d+)")
_ENTRADA = re.compile(r"^(.*?)\s*\.{3,}\s*(\d+)\s*$")


def _sin_pie(texto: str) -> str:
    texto = texto.replace(TITULO + " Página", "Página")  # el título al pie izquierdo (WeasyPrint, string-set)
    return _PIE_CHROMIUM.sub(" ", _PIE_CSS.sub(" ", texto))


def _normal(texto: str) -> str:
    return " ".join(texto.split())


def analizar(pdf: Path, html_compuesto: str) -> dict:
    from pypdf import PdfReader

    titulos = _Titulos()
    titulos.feed(html_compuesto)
    lector = PdfReader(pdf)
    textos = [p.extract_text() or "" for p in lector.pages]
    n = len(textos)
    cuerpos = [_normal(_sin_pie(t)) for t in textos]
    pie_css = sum(f"Página {i} de {n}" in t for i, t in enumerate(textos, 1))
    pie_chromium = sum(f"pág. {i} / {n}" in t for i, t in enumerate(textos, 1))
    cortas = [i for i, c in enumerate(cuerpos, 1) if len(c) < 200]
    huerfanos = [i for i, c in enumerate(cuerpos[:-1], 1) if any(c.endswith(t) for t in titulos.titulos)]

    def contar(o) -> int:
        return sum(contar(x) if isinstance(x, list) else 1 for x in o)

    # «Contenido»: la primera página con esa línea; cada entrada «Título ....... N».
    pagina_contenido = next((i for i, t in enumerate(textos) if "Contenido" in t.splitlines()[:3]), None)
    con_numero = bien = 0
    if pagina_contenido is not None:
        for linea in textos[pagina_contenido].splitlines():
            if m := _ENTRADA.match(linea.strip()):
                con_numero += 1
                destino = int(m.group(2))
                bien += 1 <= destino <= n and _normal(m.group(1)) in cuerpos[destino - 1]
    return {"paginas": n, "pie_css": pie_css, "pie_chromium": pie_chromium, "cortas": cortas, "huerfanos": huerfanos,
            "marcadores": contar(lector.outline or []), "bytes": pdf.stat().st_size, "entradas": titulos.entradas,
            "contenido_pagina": None if pagina_contenido is None else pagina_contenido + 1,
            "con_numero": con_numero, "numero_correcto": bien}


# ---------------------------------------------------------------- proceso padre

def publicar_informes(salida: Path) -> Path:
    cmd = [str(BIN / "pai"), "informes", "--periodo", PERIODO, "--sin-pdf", "--salida", str(salida)]
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=RAIZ, capture_output=True, text=True, encoding="utf-8", errors="replace",
                       stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        raise SystemExit(f"No se pudieron publicar los informes de {PERIODO}: "
                         f"{(r.stderr.strip().splitlines() or ['sin mensaje'])[-1]}")
    print(f"informes HTML de {PERIODO} publicados en {time.perf_counter() - t:.1f} s: {' '.join(cmd)}", flush=True)
    return salida / PERIODO


def carpeta_de_calentamiento(carpeta: Path, tmp: Path) -> Path:
    """Un «periodo» mínimo para calentar: la portada, también como único informe (tiene su <main>)."""
    corta = tmp / "calentamiento" / PERIODO
    corta.mkdir(parents=True)
    for nombre in ("index.html", "01_portada.html"):
        shutil.copy2(carpeta / "index.html", corta / nombre)
    return corta


def medir(motor: str, carpeta: Path, corta: Path, tmp: Path, repeticiones: int) -> dict | None:
    orden = [sys.executable, str(Path(__file__).resolve()), "--motor", motor]
    try:
        correr([*orden, str(corta), str(tmp / f"calentamiento-{motor}.pdf")])
        tiempos, rss, pss, procesos, fases = [], [], [], 0, []
        for i in range(repeticiones):
            destino = tmp / f"{motor}.pdf"
            s, r, p, n, salida, _ = correr([*orden, str(carpeta), str(destino)])
            datos = json.loads(salida.strip().splitlines()[-1])
            tiempos.append(s)
            rss.append(r)
            pss.append(p)
            procesos = max(procesos, n)
            fases.append(datos.get("fases", {}))
            print(f"  {motor} corrida {i + 1}: {s:6.2f} s, pico RSS {r / MB:6.0f} MB, PSS {p / MB:6.0f} MB, "
                  f"{n} procesos", flush=True)
    except FallaMotor as exc:
        print(f"  {motor}: {'no disponible' if exc.codigo == SIN_MOTOR else 'falló'} — {exc.linea}", flush=True)
        return None
    return {"tiempo": statistics.median(tiempos), "rss": max(rss), "pss": max(pss), "procesos": procesos,
            "fases": {k: statistics.median(f[k] for f in fases) for k in fases[0]}, "pdf": destino,
            "abortadas": datos.get("abortadas")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeticiones", type=int, default=3, help="corridas medidas por motor (mediana); 3 por omisión")
    ap.add_argument("--informes", type=Path, default=None, metavar="CARPETA",
                    help=f"carpeta de periodo ya publicada (…/{PERIODO}); por omisión se publica una en un temporal")
    ap.add_argument("--motor", choices=MOTORES, help=argparse.SUPPRESS)  # uso interno: una corrida en un proceso hijo
    ap.add_argument("rutas", nargs="*", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.motor:
        return hijo(a.motor, *a.rutas)
    if not (BIN / "pai").is_file():
        raise SystemExit(f"No está «pai» junto a {sys.executable}: instale el paquete en ese entorno (pip install -e .).")

    print(f"PDF del comité, periodo {PERIODO}, datos incorporados; {os.cpu_count()} núcleos; mediana de "
          f"{a.repeticiones} corridas por motor tras un calentamiento corto (solo la portada)", flush=True)
    print(f"memoria: {'psutil' if psutil else '/proc'} para el árbol de procesos, muestreo cada 100 ms", flush=True)
    resultados: dict[str, dict] = {}
    inicio = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        tmp = Path(tmp)
        if a.informes:
            carpeta = tmp / "informes" / PERIODO
            shutil.copytree(a.informes, carpeta, ignore=shutil.ignore_patterns("*.pdf", "cuadernos", "versiones"))
        else:
            carpeta = publicar_informes(tmp / "informes")
        corta = carpeta_de_calentamiento(carpeta, tmp)
        from pai_analisis.publicacion.pdf import componer_html, paginas_del_periodo

        compuesto = componer_html(paginas_del_periodo(carpeta), TITULO)
        print(f"documento compuesto (componer_html): {len(compuesto.encode()) / MB:.2f} MB de HTML", flush=True)
        for motor in MOTORES:
            print(f"({motor})", flush=True)
            if (r := medir(motor, carpeta, corta, tmp, a.repeticiones)) is not None:
                resultados[motor] = r
        if resultados:  # ya no se mide tiempo: un proceso por PDF
            print("análisis de los PDF con pypdf (en paralelo)…", flush=True)
            with ProcessPoolExecutor(max_workers=len(resultados)) as grupo:
                futuros = {m: grupo.submit(analizar, r["pdf"], compuesto) for m, r in resultados.items()}
                for m, futuro in futuros.items():
                    resultados[m].update(futuro.result())

    if not resultados:
        print("\nNingún motor de PDF está disponible: no hay nada que comparar.")
        return 1
    print()
    w, c = resultados.get("weasyprint"), resultados.get("chromium")
    filas = [
        ("tiempo (mediana)", lambda r: f"{r['tiempo']:.2f} s"),
        ("memoria pico: suma de RSS del árbol", lambda r: f"{r['rss'] / MB:.0f} MB"),
        ("memoria pico: suma de PSS del árbol", lambda r: f"{r['pss'] / MB:.0f} MB"),
        ("procesos a la vez (máximo)", lambda r: str(r["procesos"])),
        ("páginas", lambda r: str(r["paginas"])),
        ("«Página N de M» al pie (CSS @page)", lambda r: f"{r['pie_css']} de {r['paginas']}"),
        ("«pág. N / M» al pie (plantilla)", lambda r: f"{r['pie_chromium']} de {r['paginas']}"),
        ("páginas con < 200 caracteres", lambda r: f"{len(r['cortas'])}" + (f" {r['cortas'][:6]}" if r["cortas"] else "")),
        ("páginas que terminan en un título", lambda r: f"{len(r['huerfanos'])}" + (f" {r['huerfanos'][:6]}" if r["huerfanos"] else "")),
        ("Contenido: entradas con número", lambda r: f"{r['con_numero']} de {r['entradas']}"),
        ("Contenido: número que lleva al título", lambda r: f"{r['numero_correcto']} de {r['entradas']}"),
        ("marcadores (outline)", lambda r: str(r["marcadores"])),
        ("tamaño del PDF", lambda r: f"{r['bytes'] / MB:.2f} MB"),
    ]
    print(f"{'':<40}{'WeasyPrint':>16}{'Chromium':>16}")
    for nombre, f in filas:
        print(f"{nombre:<40}{f(w) if w else '—':>16}{f(c) if c else '—':>16}")
    if c:
        print("Chromium por fase (mediana): " + ", ".join(f"{k} {v:.2f} s" for k, v in c["fases"].items())
              + f"; peticiones abortadas (red): {c['abortadas']}")
    if w and c:
        print(f"\nchromium/weasyprint: tiempo {c['tiempo'] / w['tiempo']:.2f}   memoria RSS {c['rss'] / w['rss']:.2f}   "
              f"memoria PSS {c['pss'] / w['pss']:.2f}")
    print("(«< 200 caracteres» y «terminan en un título» sin contar el pie; un título que termina la página es huérfano)")
    print()
    for nombre, r in (("WeasyPrint", w), ("Chromium", c)):
        if r is None:
            continue
        if r["con_numero"] == r["entradas"] and r["numero_correcto"] == r["entradas"]:
            print(f"{nombre}: el Contenido trae número de página en sus {r['entradas']} entradas y cada uno lleva a su título.")
        elif r["con_numero"]:
            print(f"{nombre}: el Contenido trae número en {r['con_numero']} de {r['entradas']} entradas "
                  f"({r['numero_correcto']} llevan a su título).")
        else:
            print(f"{nombre}: el Contenido sale SIN números de página ({r['entradas']} entradas, solo enlaces): "
                  "no soporta target-counter() ni leader().")
    print(f"\n(duración total del benchmark: {time.perf_counter() - inicio:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
