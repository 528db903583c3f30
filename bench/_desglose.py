"""Desglose por etapa de lo que hace ``pai informes`` con un periodo, en serie y con un solo carril.

Usa las mismas piezas que la publicación (:mod:`pai_analisis.publicacion.kernel`, ``carriles``,
``cuadernos``) en el mismo orden, midiendo cada una: cálculo (libro, métricas y el cálculo
guardado para los cuadernos), arranque del kernel, importaciones (lo que el carril precarga),
celdas (papermill sobre el kernel caliente, con la limpieza entre cuadernos), exportación
(nbconvert, plantilla ``pai``), escritura (las páginas al disco). La suma es el trabajo de un
carril; ``pai informes`` lo reparte en dos y solapa el cálculo con el arranque de los kernels.

Uso (lo llama ``bench/informes.py``)::

    python bench/_desglose.py --periodo 2024-06 --salida CARPETA
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _piso import Reloj  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--periodo", default="2024-06")
    ap.add_argument("--salida", type=Path, required=True)
    a = ap.parse_args()
    reloj = Reloj()
    with reloj.medir("importaciones"):  # las del proceso principal
        import nbformat

        from pai_analisis.informes.contexto import guardar_calculo, preparar_desde
        from pai_analisis.informes.navegacion import titulo_de
        from pai_analisis.informes.paginas import a_html
        from pai_analisis.libro.carga import cargar_libro
        from pai_analisis.metricas.parametros import cargar_parametros
        from pai_analisis.publicacion.carriles import _CALENTAR, _LIMPIEZA
        from pai_analisis.publicacion.cuadernos import buscar_cuadernos
        from pai_analisis.publicacion.kernel import KernelCaliente

    carpeta = a.salida.resolve()
    (carpeta / "cuadernos").mkdir(parents=True, exist_ok=True)
    with reloj.medir("cálculo"):
        ctx = preparar_desde(cargar_libro(None), a.periodo, cargar_parametros())
        calculo = guardar_calculo(ctx, carpeta / f"calculo-{a.periodo}.pkl")
    cuadernos = buscar_cuadernos()
    KernelCaliente.preparar()
    kernel = KernelCaliente()
    try:
        with reloj.medir("arranque del kernel"):
            kernel.arrancar(cuadernos[0].parent)
        with reloj.medir("importaciones"):
            kernel.ejecutar_codigo(_CALENTAR)
        parametros = {"periodo": a.periodo, "datos": None, "parametros": None, "calculo": str(calculo)}
        for i, c in enumerate(cuadernos):
            salida = carpeta / "cuadernos" / c.name
            with reloj.medir("celdas"):
                if i:
                    kernel.ejecutar_codigo(_LIMPIEZA)
                kernel.ejecutar_cuaderno(c, salida, parametros, None)
            with reloj.medir("exportación (nbconvert)"):
                pagina = a_html(nbformat.read(salida, as_version=4), titulo_de(c)[0])
            with reloj.medir("escritura"):
                (carpeta / f"{c.stem}.html").write_text(pagina, encoding="utf-8")
    finally:
        kernel.apagar()
    print("etapas " + json.dumps({**reloj.etapas, "total": sum(reloj.etapas.values())}, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
