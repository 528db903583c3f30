"""Benchmark de ``pai formularios`` y ``pai recoger`` (sección 10): el mes de todas las dependencias, de ida y de vuelta.

Arma una vez, en una carpeta temporal, dos libros escritos por ``escribir_plantilla``:

* **×1**: el plan 2024 con su año de demostración, sin los reportes de ``--periodo`` en adelante (así
  el mes está por recoger: 19 dependencias, 188 elementos debidos en julio);
* **×N** (``--veces``, 10): el mismo plan repetido N veces con claves desplazadas (proyectos
  +10 000·k, objetivos +100·k, los identificadores de texto con el sufijo ``#k``), con los mismos
  nombres de dependencia: 19 formularios N veces más largos.

Para cada libro mide, con la mediana de ``--corridas`` tras una de calentamiento (reloj y CPU):

* ``formularios``: :func:`escribir_formularios` de todas las dependencias (carga y validación del
  libro, contenido del mes y los .xlsx);
* ``recoger (simulación)``: :func:`recoger_formularios` de todos los formularios llenos (con las cifras
  del mes del ejemplo, escritas con openpyxl como lo haría un área), sin ``aplicar``;
* ``recoger --aplicar``: lo mismo escribiendo el libro (cada corrida sobre una copia nueva del libro sin el mes).

Imprime además la razón ×N/×1 de cada medida, medidas en el mismo proceso.

Uso::

    python bench/formularios.py [--veces 10] [--corridas 3] [--periodo 2024-07]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pandas as pd

from pai_analisis.formularios.escritura import escribir_formularios
from pai_analisis.formularios.recogida import recoger_formularios
from pai_analisis.libro import esquema
from pai_analisis.libro.demostracion import seguimiento_demostracion
from pai_analisis.libro.plan import tablas_plan_2024
from pai_analisis.libro.plantilla import escribir_plantilla

SEGUIMIENTOS = {"metas": ("seguimiento_metas", ("proyecto", "meta"), ("programado", "ejecutado")),
                "indicadores": ("seguimiento_indicadores", ("indicador",), ("resultado", "numerador", "denominador")),
                "actividades": ("seguimiento_actividades", ("actividad",), ("programado", "ejecutado")),
                "riesgos": ("seguimiento_riesgos", ("riesgo",), ("materializado",))}
COLUMNAS_ID = ("indicador", "actividad", "riesgo")


def tablas(veces: int) -> dict[str, pd.DataFrame]:
    """Las tablas crudas del ejemplo (plan y seguimiento) repetidas ``veces`` veces con claves desplazadas."""
    base = tablas_plan_2024() | seguimiento_demostracion()
    salida = {}
    for hoja, df in base.items():
        partes = []
        for k in range(veces):
            copia = df.copy()
            for col, paso in (("objetivo", 100), ("proyecto", 10_000), ("proyecto_anterior", 10_000), ("proyecto_nuevo", 10_000)):
                if col in copia and k:
                    copia[col] = pd.to_numeric(copia[col], errors="coerce") + paso * k
            for col in COLUMNAS_ID:
                if col in copia and k:
                    copia[col] = copia[col].astype(str) + f"#{k:03d}"
            partes.append(copia)
        salida[hoja] = pd.concat(partes, ignore_index=True)
    return salida


def _clave(valor) -> str:
    if hasattr(valor, "item"):
        valor = valor.item()
    return str(int(valor)) if isinstance(valor, float) and valor.is_integer() else str(valor)


def preparar(carpeta: Path, veces: int, periodo: str) -> tuple[Path, Path]:
    """(libro sin el mes y los siguientes, carpeta con los formularios del mes llenos con las cifras del ejemplo)."""
    todas = tablas(veces)
    cifras: dict[tuple[str, tuple], dict] = {}
    for tipo, (hoja, claves, valores) in SEGUIMIENTOS.items():
        t = todas[hoja]
        del_mes = t[t["periodo"].astype(str) == periodo]
        for r in del_mes.to_dict("records"):
            cifras[tipo, tuple(_clave(r[c]) for c in claves)] = {c: (None if pd.isna(r[c]) else r[c]) for c in valores}
    # el libro sin el mes ni los siguientes (el mes está por recoger)
    sin_mes = {h: (t[t["periodo"].astype(str) < periodo] if h in esquema.HOJAS_SEGUIMIENTO else t) for h, t in todas.items()}
    libro = escribir_plantilla(carpeta / "libro.xlsx", tablas=sin_mes, vigencia=2024, demostracion=True)
    escribir_formularios(periodo, salida=carpeta / "enviar", datos=libro)
    llenos = carpeta / "recibidos"
    llenos.mkdir()
    for archivo in sorted((carpeta / "enviar").glob("*.xlsx")):
        wf = openpyxl.load_workbook(archivo)
        for ws in wf.worksheets[1:-1]:
            _, claves, valores = SEGUIMIENTOS[ws.title]
            pos = {c.value: c.column for c in ws[1]}
            for f in range(2, ws.max_row + 1):
                fila = cifras.get((ws.title, tuple(_clave(ws.cell(f, pos[c]).value) for c in claves)), {})
                for c, v in fila.items():
                    ws.cell(f, pos[c]).value = v
        wf.save(llenos / archivo.name)
    return libro, llenos


def medir(funcion, corridas: int) -> tuple[float, float]:
    """(mediana de reloj, mediana de CPU) en segundos, tras una corrida de calentamiento."""
    funcion()
    reloj, cpu = [], []
    for _ in range(corridas):
        t0, c0 = time.perf_counter(), time.process_time()
        funcion()
        reloj.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(reloj), statistics.median(cpu)


def medidas(carpeta: Path, veces: int, periodo: str, corridas: int) -> dict[str, tuple[float, float]]:
    libro, llenos = preparar(carpeta, veces, periodo)
    copia = carpeta / "copia.xlsx"

    def aplicar():
        shutil.copyfile(libro, copia)
        for viejo in carpeta.glob("copia.antes_de_*.xlsx"):
            viejo.unlink()
        r = recoger_formularios(llenos, periodo=periodo, libro=copia, aplicar=True)
        assert r.codigo_salida == 0 and r.aplicada, r.texto

    simulada = recoger_formularios(llenos, periodo=periodo, libro=libro)
    escritos = sum(len(r.escritos) for r in simulada.recibidos)
    print(f"  ×{veces}: {len(simulada.recibidos)} formularios, {escritos} elementos por escribir")
    return {
        "formularios": medir(lambda: escribir_formularios(periodo, salida=carpeta / "otra", datos=libro, sobrescribir=True), corridas),
        "recoger (simulación)": medir(lambda: recoger_formularios(llenos, periodo=periodo, libro=libro), corridas),
        "recoger --aplicar": medir(aplicar, corridas),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--veces", type=int, default=10)
    ap.add_argument("--corridas", type=int, default=3)
    ap.add_argument("--periodo", default="2024-07")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pai-bench-formularios-") as tmp:
        (Path(tmp) / "x1").mkdir()
        (Path(tmp) / "xN").mkdir()
        print(f"Libros de {a.periodo} armados:")
        uno = medidas(Path(tmp) / "x1", 1, a.periodo, a.corridas)
        muchos = medidas(Path(tmp) / "xN", a.veces, a.periodo, a.corridas)
    print(f"Mediana de {a.corridas} corridas tras una de calentamiento (reloj; entre paréntesis, CPU del proceso):")
    for nombre in uno:
        (r1, c1), (rn, cn) = uno[nombre], muchos[nombre]
        print(f"  {nombre:22s} ×1 {r1:6.2f} s ({c1:5.2f} s CPU)   ×{a.veces} {rn:6.2f} s ({cn:5.2f} s CPU)   razón {rn / r1:4.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
