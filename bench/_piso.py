"""El «piso» del benchmark de informes: el mismo trabajo que los cuadernos, en un solo proceso y sin Jupyter.

Hace lo que ``pai informes`` hace para un periodo, salvo lo propio de Jupyter: carga el libro
(por omisión, el plan 2024 con su año de demostración), calcula las métricas del periodo una vez y
guarda el cálculo (como ``pai informes`` lo deja a los cuadernos); luego, para cada cuaderno de
``cuadernos/``, **ejecuta su código tal cual** en este proceso (la celda de parámetros con el
periodo y el cálculo, como la inyecta papermill) y recoge lo que el cuaderno muestra (``display``
y el valor de la última expresión de cada celda, por su ``_repr_html_``): encabezado y pie, frases,
tarjetas, cada gráfico en sus dos variantes (SVG de página y de teléfono), cada tabla con su marcado
interactivo. Las celdas Markdown pasan por el mismo Markdown que usa nbconvert (mistune) y la página
lleva el mismo armazón (CSS incrustado; DataTables y ``pai-tablas.js`` solo si hay tablas
interactivas; marcos de tabla rotulados). No arranca kernels, no usa papermill ni la plantilla
Jinja de nbconvert: es la cota inferior de lo que cuesta producir los informes.

Imprime en la salida de error el tiempo de cada etapa (cálculo, importaciones, celdas, armazón,
escritura), que ``bench/informes.py`` muestra junto al desglose de ``pai informes``.

Uso (lo llama ``bench/informes.py``)::

    python bench/_piso.py --periodo 2024-06 --salida CARPETA [--datos LIBRO.xlsx]
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


class Reloj:
    """Suma segundos por etapa."""

    def __init__(self) -> None:
        self.etapas: dict[str, float] = {}

    def medir(self, etapa: str):
        reloj = self

        class _Tramo:
            def __enter__(self):
                self.t = time.perf_counter()

            def __exit__(self, *_):
                reloj.etapas[etapa] = reloj.etapas.get(etapa, 0.0) + time.perf_counter() - self.t

        return _Tramo()


def ejecutar_cuaderno(nb: dict, parametros: dict, mostrar: list) -> list[tuple[str, str]]:
    """Ejecuta las celdas de código (sin las ``solo-cuaderno``) y devuelve (tipo, HTML) por celda que pasa al informe."""
    espacio: dict = {"__name__": "__main__"}
    celdas = []
    for celda in nb["cells"]:
        etiquetas = celda.get("metadata", {}).get("tags", [])
        if "solo-cuaderno" in etiquetas:
            continue
        fuente = celda["source"] if isinstance(celda["source"], str) else "".join(celda["source"])
        if celda["cell_type"] == "markdown":
            celdas.append(("markdown", fuente))
            continue
        if celda["cell_type"] != "code":
            continue
        if "parameters" in etiquetas:  # papermill inyecta los parámetros justo después
            fuente += "\n" + "\n".join(f"{k} = {v!r}" for k, v in parametros.items())
        arbol = ast.parse(fuente)
        ultima = arbol.body.pop() if arbol.body and isinstance(arbol.body[-1], ast.Expr) else None
        mostrar.clear()
        exec(compile(arbol, "<celda>", "exec"), espacio)
        if ultima is not None:
            valor = eval(compile(ast.Expression(ultima.value), "<celda>", "eval"), espacio)
            if valor is not None:
                mostrar.append(valor)
        for objeto in mostrar:
            celdas.append(("html", objeto._repr_html_() if hasattr(objeto, "_repr_html_") else f"<pre>{objeto}</pre>"))
    return celdas


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--periodo", default="2024-06")
    ap.add_argument("--salida", type=Path, required=True)
    ap.add_argument("--datos", type=Path, default=None)
    a = ap.parse_args()
    reloj = Reloj()

    with reloj.medir("importaciones"):
        import IPython.display
        from nbconvert.filters.markdown_mistune import markdown2html_mistune

        # lo que precargan los carriles de ``pai informes`` (carriles._CALENTAR)
        import pai_analisis.informes.figuras  # noqa: F401
        import pai_analisis.informes.lecturas.indicadores  # noqa: F401
        import pai_analisis.informes.lecturas.objetivos  # noqa: F401
        import pai_analisis.informes.lecturas.plan  # noqa: F401
        import pai_analisis.informes.lecturas.proyectos  # noqa: F401
        import pai_analisis.informes.lecturas.resumen  # noqa: F401
        import pai_analisis.informes.lecturas.riesgos  # noqa: F401
        from pai_analisis.informes.contexto import guardar_calculo, preparar_desde
        from pai_analisis.informes.navegacion import titulo_de
        from pai_analisis.informes.paginas import _css, _leer, recursos_tablas
        from pai_analisis.informes.tablas import rotular_marcos
        from pai_analisis.libro.carga import cargar_libro
        from pai_analisis.metricas.parametros import cargar_parametros

    mostrar: list = []
    IPython.display.display = lambda *objetos, **_: mostrar.extend(objetos)  # lo que vería el cuaderno

    a.salida.mkdir(parents=True, exist_ok=True)
    with reloj.medir("cálculo"):
        ctx = preparar_desde(cargar_libro(a.datos), a.periodo, cargar_parametros())
        calculo = guardar_calculo(ctx, a.salida / f"calculo-{a.periodo}.pkl")
    with reloj.medir("escritura"):
        (a.salida / "metricas.json").write_text(json.dumps(ctx.metricas.a_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    css = "".join(f"<style>\n{_leer(n)}</style>" for n in ("informe.css", "componentes.css", "pai-tablas.css"))
    parametros = {"periodo": a.periodo, "datos": None, "parametros": None, "calculo": str(calculo)}
    paginas = 0
    for cuaderno in sorted((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(cuaderno.read_text(encoding="utf-8"))
        with reloj.medir("celdas"):
            celdas = ejecutar_cuaderno(nb, parametros, mostrar)
        with reloj.medir("armazón"):
            cuerpo = "\n".join(markdown2html_mistune(x) if tipo == "markdown" else x for tipo, x in celdas)
            cuerpo = cuerpo.replace(f"<style>{_css()}</style>", "", 1)  # como paginas.a_html: el CSS ya va en <head>
            tablas = ("data-interactiva" in cuerpo or "<details" in cuerpo)
            css_tablas, js_tablas = recursos_tablas() if tablas else ("", "")
            pagina = rotular_marcos(
                '<!DOCTYPE html>\n<html lang="es">\n<head>\n<meta charset="utf-8">\n'
                f"<title>{titulo_de(cuaderno.name)[0]}</title>\n{css}<style>{css_tablas}</style>\n</head>\n"
                f'<body>\n<main class="pai-informe">\n{cuerpo}\n</main>\n'
                + (f"<script>{js_tablas}</script>\n" if js_tablas else "") + "</body>\n</html>\n")
        with reloj.medir("escritura"):
            (a.salida / f"{cuaderno.stem}.html").write_text(pagina, encoding="utf-8")
        paginas += 1
    total = sum(reloj.etapas.values())
    print(f"piso: {paginas} páginas HTML en {a.salida}")
    print("etapas " + json.dumps({**reloj.etapas, "total": total}, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
