"""El «piso» del benchmark de informes: el mismo trabajo que los cuadernos, en un solo proceso y sin Jupyter.

Carga el libro (por omisión, el plan 2024 con su año de demostración), calcula las métricas
del periodo una vez y, para cada cuaderno de ``cuadernos/``, evalúa las mismas llamadas a
``pai_analisis.informes.lecturas`` (``resumen``, ``objetivos``, ``proyectos``…) que hace el
cuaderno (se leen de su código con ``ast``: frases, tarjetas, tablas, textos alternativos y
gráficos de ``pai_analisis.informes.graficos``). Guarda cada gráfico como PNG (``savefig`` a los mismos
puntos por pulgada que los informes), las tablas y frases de cada informe en un fragmento
HTML, las tablas de métricas en CSV y el JSON de métricas. No arranca kernels, no usa papermill ni nbconvert y no arma páginas: es la cota
inferior de lo que cuesta producir el contenido de los informes.

Uso (lo llama ``bench/informes.py``)::

    python bench/_piso.py --periodo 2024-06 --salida CARPETA [--datos LIBRO.xlsx]
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
MODULOS_LECTURAS = ("resumen", "objetivos", "proyectos", "indicadores", "plan", "riesgos")


def llamadas_a_lecturas(cuaderno: Path) -> list[ast.Call]:
    """Las llamadas ``resumen.f(...)``, ``proyectos.f(...)``… del código de un cuaderno, en orden de aparición."""
    nb = json.loads(cuaderno.read_text(encoding="utf-8"))
    salida = []
    for celda in nb["cells"]:
        if celda["cell_type"] != "code":
            continue
        fuente = celda["source"] if isinstance(celda["source"], str) else "".join(celda["source"])
        nodos = [n for n in ast.walk(ast.parse(fuente)) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and isinstance(n.func.value, ast.Name) and n.func.value.id in MODULOS_LECTURAS]
        salida += sorted(nodos, key=lambda n: (n.lineno, n.col_offset))
    return salida


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--periodo", default="2024-06")
    ap.add_argument("--salida", type=Path, required=True)
    ap.add_argument("--datos", type=Path, default=None)
    a = ap.parse_args()

    import pandas as pd
    from matplotlib.figure import Figure

    from pai_analisis.informes.contexto import preparar_desde
    from pai_analisis.informes.figuras import PPP
    from pai_analisis.informes.graficos import estilo
    from pai_analisis.informes.piezas import Html
    from pai_analisis.libro.carga import cargar_libro
    from pai_analisis.metricas.parametros import cargar_parametros

    ctx = preparar_desde(cargar_libro(a.datos), a.periodo, cargar_parametros())
    m = ctx.metricas
    a.salida.mkdir(parents=True, exist_ok=True)
    (a.salida / "metricas.json").write_text(json.dumps(m.a_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    for nombre in ("metas", "proyectos", "indicadores", "actividades", "objetivos", "riesgos", "alertas"):
        getattr(m, nombre).to_csv(a.salida / f"{nombre}.csv", index=False)

    modulos = {nombre: importlib.import_module(f"pai_analisis.informes.lecturas.{nombre}") for nombre in MODULOS_LECTURAS}
    figuras = 0
    for cuaderno in sorted((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb")):
        partes = []
        for i, llamada in enumerate(llamadas_a_lecturas(cuaderno)):
            resultado = eval(compile(ast.Expression(llamada), cuaderno.name, "eval"), {**modulos, "ctx": ctx})
            if isinstance(resultado, Figure):
                with estilo():
                    resultado.savefig(a.salida / f"{cuaderno.stem}_{i:02d}_{llamada.func.attr}.png", dpi=PPP, facecolor="white")
                figuras += 1
            elif isinstance(resultado, pd.DataFrame):
                resultado.to_csv(a.salida / f"{cuaderno.stem}_{i:02d}_{llamada.func.attr}.csv", index=False)
            elif isinstance(resultado, Html):
                partes.append(str(resultado))
            elif isinstance(resultado, str):
                partes.append(f"<p>{resultado}</p>")
        (a.salida / f"{cuaderno.stem}.html").write_text("\n".join(partes), encoding="utf-8")
    print(f"piso: {figuras} gráficos PNG y {len(list(a.salida.glob('*.html')))} fragmentos HTML en {a.salida}")


if __name__ == "__main__":
    main()
