"""Benchmark de ``pai informes``: contra la forma manual (papermill + nbconvert) y contra un piso sin Jupyter.

Con los datos incorporados y el periodo 2024-06, mide (mediana de ``--repeticiones`` corridas,
3 por omisión, tras una de calentamiento que no cuenta):

a. ``pai informes --periodo 2024-06 --salida TMP --forzar --sin-pdf`` (subproceso; tiempo de reloj):
   solo el HTML, que es lo que hacen (b) y (c).
a+PDF. La misma orden sin ``--sin-pdf`` (también el PDF del comité con WeasyPrint), justo después de
   (a) y sin calentamiento propio: imprime cuánto añade el PDF por periodo (a+PDF − a).
b. La forma manual: para cada cuaderno, ``papermill cuadernos/X.ipynb X.ipynb -p periodo 2024-06``
   y luego ``jupyter nbconvert --to html --no-input X.ipynb``, uno tras otro (subprocesos).
c. El piso: ``bench/_piso.py`` en un solo proceso de Python, sin kernel: carga, calcula, ejecuta el
   código de los cuadernos y escribe las mismas páginas (gráficos en sus dos variantes, tablas con su
   marcado interactivo, el armazón de la página), sin papermill ni nbconvert.

Además, la re-corrida de un periodo sin cambios (sin ``--forzar``: se omite) y doce periodos en una sola orden (``--desde 2024-01 --hasta 2024-12 --forzar``, con PDF), una vez,
frente a 12 × (a+PDF). Imprime los tiempos, las razones a/b y a/c, el tamaño de cada informe HTML y
la memoria pico, y un desglose por etapa (una corrida de cada uno): el de ``pai informes`` en serie
con un carril (``bench/_desglose.py``: cálculo, arranque del kernel, importaciones, celdas,
exportación con nbconvert, escritura) junto al del piso.

**Memoria pico**: la mayor *suma de RSS de todo el árbol de procesos* (el proceso lanzado, sus
kernels de Jupyter y cualquier otro descendiente), muestreada cada 50 ms en ``/proc/PID/statm``
(el árbol se arma con el padre de cada proceso en ``/proc/*/stat``). Las páginas compartidas (bibliotecas)
cuentan una vez por proceso, así que la suma sobreestima la memoria física. En (b), el pico de
la secuencia es el del paso más pesado (los pasos no se solapan).

Metas en esta máquina (2 núcleos, issue 18): a ≤ 0,25 × b; a ≤ 1,5 × c (a sin PDF: ni b ni c lo hacen);
el PDF ≤ 0,35 × a; cada informe ≤ 1 MB; doce periodos ≤ 12 × (a+PDF) y ≤ 12 × 1,35 × a (con PDF);
re-corrida sin cambios < 1 s. Imprime PASS/FAIL por meta y sale con 1 si alguna falla.

Uso, desde la raíz del proyecto::

    python bench/informes.py [--repeticiones 3] [--sin-doce]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PERIODO = "2024-06"
PAGINA = os.sysconf("SC_PAGE_SIZE")
MB = 1_000_000


# ---------------------------------------------------------------- memoria del árbol de procesos

def _padres() -> dict[int, int]:
    """pid → pid del padre, de ``/proc/*/stat`` (``/proc/PID/task/*/children`` no existe en todo núcleo)."""
    padres = {}
    for nombre in os.listdir("/proc"):
        if nombre.isdigit():
            try:
                with open(f"/proc/{nombre}/stat") as f:
                    padres[int(nombre)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return padres


def _rss_arbol(raiz: int) -> int:
    """Suma de RSS (bytes) de ``raiz`` y todos sus descendientes."""
    hijos: dict[int, list[int]] = {}
    for pid, padre in _padres().items():
        hijos.setdefault(padre, []).append(pid)
    total, pendientes = 0, [raiz]
    while pendientes:
        pid = pendientes.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGINA
        except OSError:
            continue
        pendientes += hijos.get(pid, [])
    return total


def correr(cmd: list[str], cwd: Path = RAIZ) -> tuple[float, int]:
    """(segundos de reloj, pico de la suma de RSS del árbol en bytes) de un subproceso; falla si no sale con 0."""
    pico = 0
    inicio = time.perf_counter()
    proceso = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    fin = threading.Event()

    def muestrear() -> None:
        nonlocal pico
        while not fin.is_set():
            pico = max(pico, _rss_arbol(proceso.pid))
            fin.wait(0.05)

    hilo = threading.Thread(target=muestrear, daemon=True)
    hilo.start()
    _, err = proceso.communicate()
    segundos = time.perf_counter() - inicio
    fin.set()
    hilo.join()
    if proceso.returncode != 0:
        raise SystemExit(f"falló ({proceso.returncode}): {' '.join(cmd)}\n{err.decode(errors='replace')[-3000:]}")
    return segundos, pico


# ---------------------------------------------------------------- las tres formas

def cuadernos() -> list[Path]:
    return sorted((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb"))


def forma_a(salida: Path) -> tuple[float, int]:
    return correr([str(BIN / "pai"), "informes", "--periodo", PERIODO, "--salida", str(salida), "--forzar", "--sin-pdf"])


def forma_a_pdf(salida: Path) -> tuple[float, int]:
    return correr([str(BIN / "pai"), "informes", "--periodo", PERIODO, "--salida", str(salida), "--forzar"])


def forma_b(carpeta: Path) -> tuple[float, int]:
    carpeta.mkdir(parents=True, exist_ok=True)
    total, pico = 0.0, 0
    for c in cuadernos():
        salida = carpeta / c.name
        for cmd in ([str(BIN / "papermill"), str(c.relative_to(RAIZ)), str(salida), "-p", "periodo", PERIODO],
                    [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(salida)]):
            s, m = correr(cmd)
            total, pico = total + s, max(pico, m)
    return total, pico


def forma_c(carpeta: Path) -> tuple[float, int]:
    return correr([sys.executable, str(RAIZ / "bench" / "_piso.py"), "--periodo", PERIODO, "--salida", str(carpeta)])


def forma_omitida(carpeta: Path) -> tuple[float, int]:
    """``pai informes`` sobre un periodo ya publicado y sin cambios: solo compara huellas."""
    return correr([str(BIN / "pai"), "informes", "--periodo", PERIODO, "--salida", str(carpeta)])


def doce(salida: Path) -> tuple[float, int]:
    return correr([str(BIN / "pai"), "informes", "--desde", "2024-01", "--hasta", "2024-12", "--salida", str(salida), "--forzar"])


def etapas(cmd: list[str]) -> dict[str, float]:
    """Los segundos por etapa que ``cmd`` imprime en su salida de error (línea ``etapas {json}``)."""
    r = subprocess.run(cmd, cwd=RAIZ, capture_output=True, text=True, check=True)
    linea = next(x for x in r.stderr.splitlines() if x.startswith("etapas "))
    return json.loads(linea.removeprefix("etapas "))


def desglose(tmp: Path) -> None:
    pai = etapas([sys.executable, str(RAIZ / "bench" / "_desglose.py"), "--periodo", PERIODO, "--salida", str(tmp / "desglose")])
    piso = etapas([sys.executable, str(RAIZ / "bench" / "_piso.py"), "--periodo", PERIODO, "--salida", str(tmp / "piso")])
    print("\nDesglose por etapa (una corrida de cada uno; pai informes en serie, con un carril):")
    print(f"  {'etapa':<26}{'pai informes':>14}{'piso':>14}")
    for nombre in dict.fromkeys([*pai, *piso]):
        if nombre != "total":
            print(f"  {nombre:<26}" + "".join(f"{x[nombre]:>12.2f} s" if nombre in x else f"{'—':>14}" for x in (pai, piso)))
    print(f"  {'total':<26}{pai['total']:>12.2f} s{piso['total']:>12.2f} s")


def mediana(forma, carpeta: Path, repeticiones: int, nombre: str, calentar: bool = True) -> tuple[float, int, list[float]]:
    if calentar:
        forma(carpeta)  # calentamiento: cachés de disco, .pyc y fuentes de matplotlib
    tiempos, picos = [], []
    for i in range(repeticiones):
        s, m = forma(carpeta)
        tiempos.append(s)
        picos.append(m)
        print(f"  {nombre} corrida {i + 1}: {s:6.2f} s, pico {m / MB:6.0f} MB", flush=True)
    return statistics.median(tiempos), max(picos), tiempos


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeticiones", type=int, default=3, help="corridas medidas por forma (mediana); 3 por omisión")
    ap.add_argument("--sin-doce", action="store_true", help="omite la medición de doce periodos")
    a = ap.parse_args()
    if not (BIN / "pai").is_file():
        raise SystemExit(f"No está «pai» junto a {sys.executable}: instale el paquete en ese entorno (pip install -e .).")

    print(f"pai informes, periodo {PERIODO}, datos incorporados; {os.cpu_count()} núcleos; "
          f"mediana de {a.repeticiones} corridas tras una de calentamiento", flush=True)
    resultados: list[tuple[str, bool, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-informes-") as tmp:
        tmp = Path(tmp)
        print("(a) pai informes --forzar --sin-pdf", flush=True)
        ta, ma, _ = mediana(forma_a, tmp / "a", a.repeticiones, "a")
        print("(a+PDF) pai informes --forzar (con el PDF del comité; sin calentamiento propio: (a) ya calentó)", flush=True)
        tap, map_, _ = mediana(forma_a_pdf, tmp / "a-pdf", a.repeticiones, "a+PDF", calentar=False)
        pdf_publicado = (tmp / "a-pdf" / PERIODO / f"informe-{PERIODO}.pdf").is_file()
        print("(b) papermill + jupyter nbconvert, cuaderno por cuaderno", flush=True)
        tb, mb, _ = mediana(forma_b, tmp / "b", a.repeticiones, "b")
        print("(c) piso: un proceso de Python sin Jupyter (bench/_piso.py)", flush=True)
        tc, mc, _ = mediana(forma_c, tmp / "c", a.repeticiones, "c")
        tamanos = {f.name: f.stat().st_size for f in sorted((tmp / "a" / PERIODO).glob("*.html"))}
        print("(omitido) pai informes sin --forzar sobre lo ya publicado", flush=True)
        tomit, momit, _ = mediana(forma_omitida, tmp / "a", a.repeticiones, "omitido")
        desglose(tmp)
        t12 = m12 = None
        if not a.sin_doce:
            print("(12) pai informes --desde 2024-01 --hasta 2024-12 --forzar (una vez)", flush=True)
            shutil.rmtree(tmp / "a", ignore_errors=True)
            shutil.rmtree(tmp / "a-pdf", ignore_errors=True)
            t12, m12 = doce(tmp / "doce")

    print()
    print(f"{'forma':<52}{'tiempo':>10}{'memoria pico':>15}")
    filas = [("(a) pai informes --forzar --sin-pdf", ta, ma), ("(a+PDF) pai informes --forzar (con PDF)", tap, map_),
             ("(b) papermill + nbconvert (6 + 6 procesos)", tb, mb),
             ("(c) piso sin Jupyter (bench/_piso.py)", tc, mc),
             ("re-corrida sin cambios (se omite)", tomit, momit)]
    if t12 is not None:
        filas += [("doce periodos en una orden (con PDF)", t12, m12), ("12 × (a+PDF)", 12 * tap, None)]
    for nombre, t, m in filas:
        print(f"{nombre:<52}{t:>8.2f} s{(f'{m / MB:>12.0f} MB') if m else '':>15}")
    print(f"\na/b = {ta / tb:.3f}   a/c = {ta / tc:.2f}   (a sin PDF)" + (f"   doce/(12×(a+PDF)) = {t12 / (12 * tap):.3f}" if t12 else ""))
    extra = tap - ta
    print(f"el PDF añade {extra:.2f} s ({100 * extra / ta:.0f} %) por periodo" + ("" if pdf_publicado else
          "   (¡ojo: no se publicó el PDF: falta WeasyPrint o falló; ver «pai informes»!)"))
    print("(memoria: pico de la suma de RSS del árbol de procesos, muestreado cada 50 ms en /proc)")
    print("\nTamaño de cada HTML (a):")
    for n, b in tamanos.items():
        print(f"  {n:<34}{b / 1000:>8.0f} kB")

    resultados.append(("a ≤ 0,25 × b", ta <= 0.25 * tb, f"{ta:.2f} s ≤ {0.25 * tb:.2f} s"))
    resultados.append(("a ≤ 1,5 × c", ta <= 1.5 * tc, f"{ta:.2f} s ≤ {1.5 * tc:.2f} s"))
    if pdf_publicado:  # issue 18: el PDF cuesta a lo más el 35 % de la corrida HTML del mismo periodo
        resultados.append(("PDF ≤ 0,35 × a", extra <= 0.35 * ta, f"{extra:.2f} s ≤ {0.35 * ta:.2f} s"))
    resultados.append(("re-corrida sin cambios < 1 s", tomit < 1.0, f"{tomit:.2f} s"))
    informes = {n: b for n, b in tamanos.items() if n != "index.html"}
    mayor = max(informes, key=informes.get)
    resultados.append(("cada informe ≤ 1 MB", all(b <= MB for b in informes.values()), f"el mayor: {mayor}, {informes[mayor] / MB:.2f} MB"))
    if t12 is not None:
        resultados.append(("doce periodos ≤ 12 × (a+PDF)", t12 <= 12 * tap, f"{t12:.2f} s ≤ {12 * tap:.2f} s"))
        resultados.append(("doce periodos ≤ 12 × 1,35 × a", t12 <= 12 * 1.35 * ta, f"{t12:.2f} s ≤ {12 * 1.35 * ta:.2f} s"))
    print()
    for meta, ok, detalle in resultados:
        print(f"{'PASS' if ok else 'FAIL'}  {meta:<28} ({detalle})")
    return 0 if all(ok for _, ok, _ in resultados) else 1


if __name__ == "__main__":
    sys.exit(main())
