"""Benchmark de ``calcular_metricas`` con un plan 100 veces el de 2024.

Arma en memoria el plan incorporado con su año de demostración (``cargar_libro()``) y lo
replica N veces con claves desplazadas: proyectos +10 000·k, objetivos +100·k, y los
identificadores de texto con el sufijo ``#k`` (indicadores, actividades, riesgos). Con
N = 100: 4.300 metas, 4.600 indicadores, 2.500 actividades, 8.800 riesgos y doce meses de
seguimiento (51.600 filas de metas, 105.600 de riesgos…). Las tablas se replican ya
tipadas: la validación del libro (``validacion``) no entra en la medida.

Mide ``calcular_metricas(libro, periodo)`` (incluye el mes anterior, objetivos, riesgos y
alertas), varias corridas tras una de calentamiento, y reporta la mediana. La memoria se
mide aparte, en una corrida bajo ``tracemalloc``: el **pico de memoria asignada durante la
llamada** (numpy y pandas reportan sus búferes a tracemalloc), que no incluye lo que ya
ocupaba el libro. También se imprime el RSS máximo del proceso (``resource.getrusage``)
como referencia. La razón contra la línea base (el plan 1×, medido en el mismo proceso)
muestra cómo escala.

Uso::

    python bench/metricas.py [--veces 100] [--corridas 7] [--periodo 2024-06]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc

import pandas as pd

from pai_analisis.libro import esquema
from pai_analisis.libro.carga import Libro, cargar_libro
from pai_analisis.metricas.calculo import calcular_metricas

OBJETIVO_DESPLAZAMIENTO, PROYECTO_DESPLAZAMIENTO = 100, 10_000
COLUMNAS_ID = ("indicador", "actividad", "riesgo")


def replicar(libro: Libro, veces: int) -> Libro:
    """El libro repetido ``veces`` veces, con claves desplazadas en cada copia (dtypes intactos)."""
    hojas = {}
    for hoja, df in libro.hojas().items():
        partes = []
        for k in range(veces):
            copia = df.copy()
            if "objetivo" in copia:
                copia["objetivo"] = copia["objetivo"] + OBJETIVO_DESPLAZAMIENTO * k
            if "proyecto" in copia:
                copia["proyecto"] = copia["proyecto"] + PROYECTO_DESPLAZAMIENTO * k
            for col in COLUMNAS_ID:
                if col in copia and k:
                    copia[col] = (copia[col].astype(object) + f"#{k:03d}").astype(df[col].dtype)
            partes.append(copia)
        hojas[hoja] = pd.concat(partes, ignore_index=True)
        assert list(hojas[hoja].dtypes) == list(df.dtypes), f"{hoja}: cambió el tipo de alguna columna"
    return Libro(**hojas, vigencia=libro.vigencia)


def medir(libro: Libro, periodo: str, corridas: int) -> tuple[float, float, list[float], float]:
    """(mediana de reloj en s, mediana de CPU del proceso en s, tiempos de reloj, pico de tracemalloc en MB)."""
    calcular_metricas(libro, periodo)  # calentamiento: importaciones perezosas y cachés
    tiempos, cpu = [], []
    for _ in range(corridas):
        t0, c0 = time.perf_counter(), time.process_time()
        calcular_metricas(libro, periodo)
        tiempos.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    calcular_metricas(libro, periodo)
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(tiempos), statistics.median(cpu), tiempos, (pico - base) / 2**20


def _rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024  # macOS en bytes, Linux en KiB


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--veces", type=int, default=100)
    ap.add_argument("--corridas", type=int, default=7)
    ap.add_argument("--periodo", default="2024-06")
    a = ap.parse_args(argv)

    base = cargar_libro()
    t0 = time.perf_counter()
    grande = replicar(base, a.veces)
    armado = time.perf_counter() - t0
    print(f"Plan ×{a.veces} armado en {armado:.2f} s:", ", ".join(
        f"{h} {len(getattr(grande, h)):,}".replace(",", ".") for h in esquema.HOJAS))

    # comprobación: las copias no chocan entre sí, así que el índice y los conteos escalan sin cambiar los valores
    r1, rN = calcular_metricas(base, a.periodo), calcular_metricas(grande, a.periodo)
    assert abs(r1.indice_pai - rN.indice_pai) < 1e-9, (r1.indice_pai, rN.indice_pai)
    assert len(rN.metas) == a.veces * len(r1.metas) and len(rN.alertas) == a.veces * len(r1.alertas)

    m1, c1, _, mem1 = medir(base, a.periodo, a.corridas)
    mN, cN, tiempos, memN = medir(grande, a.periodo, a.corridas)
    print(f"calcular_metricas({a.periodo}), mediana de {a.corridas} corridas tras una de calentamiento "
          "(reloj; entre paréntesis, CPU del proceso, que no sufre si la máquina está ocupada):")
    print(f"  plan ×1:   {m1:.3f} s ({c1:.3f} s CPU)   pico tracemalloc {mem1:7.1f} MB")
    print(f"  plan ×{a.veces}: {mN:.3f} s ({cN:.3f} s CPU)   pico tracemalloc {memN:7.1f} MB")
    print(f"  corridas ×{a.veces} (reloj): {', '.join(f'{t:.3f}' for t in tiempos)}")
    print(f"  razón ×{a.veces}/×1: tiempo {mN / m1:.1f}×, memoria {memN / max(mem1, 1e-9):.1f}×")
    print(f"  RSS máximo del proceso (getrusage, incluye los libros y las importaciones): {_rss_mb():.0f} MB")
    ok = mN < 1.0 and memN < 500
    print("  objetivo (< 1 s y < 500 MB):", "cumplido" if ok else "NO cumplido")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
