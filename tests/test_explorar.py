"""``cuadernos/explorar.ipynb``, el cuaderno de exploración de los analistas: estructura (rápido) y ejecución (lento).

No es un informe: su nombre no lleva el prefijo ``NN_``, así que ``pai informes`` no lo ejecuta ni lo publica.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import io
import sys
from pathlib import Path

import nbformat
import pytest

RAIZ = Path(__file__).resolve().parents[1]
EXPLORAR = RAIZ / "cuadernos" / "explorar.ipynb"
DEFECTOS = {"periodo": "2024-06", "datos": None, "ejemplo": "demostracion", "parametros": None}
HAY_ITABLES = importlib.util.find_spec("itables") is not None


def _cuaderno():
    return nbformat.read(EXPLORAR, as_version=4)


def _celda_parametros(nb):
    celdas = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(celdas) == 1
    return celdas[0]


def test_no_se_publica_como_informe():
    assert EXPLORAR.is_file()
    assert EXPLORAR not in set((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb"))


def test_estructura_y_sin_salidas():
    nb = _cuaderno()
    nbformat.validate(nb)
    assert nb.nbformat == 4 and nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    codigo = [c for c in nb.cells if c.cell_type == "code"]
    assert codigo[0] is _celda_parametros(nb)  # la primera celda de código es la de parámetros
    assert all(not c.outputs and c.execution_count is None for c in codigo)
    titulos = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## ")]
    assert len(titulos) >= 5, titulos
    fuente = "\n".join(c.source for c in codigo)
    for llamada in (
        "pai.cargar_libro(",
        "pai.calcular_metricas(",
        "pai.serie_larga(",
        "mostrar(",
        ".pivot(",
        ".query(",
    ):
        assert llamada in fuente, llamada
    # las tablas con pai.mostrar, sin CDN: la librería de tablas va dentro del cuaderno (informes/vista.py)
    assert "from pai_analisis import mostrar" in fuente and "tabla(" not in fuente
    assert "connected=False" in (RAIZ / "pai_analisis" / "informes" / "vista.py").read_text(encoding="utf-8")


def test_parametros_por_defecto():
    """Los cuatro parámetros documentados, con su valor por defecto y un comentario cada uno."""
    fuente = _celda_parametros(_cuaderno()).source
    valores = {}
    for nodo in ast.parse(fuente).body:
        assert isinstance(nodo, ast.Assign) and len(nodo.targets) == 1
        valores[nodo.targets[0].id] = ast.literal_eval(nodo.value)
    assert valores == DEFECTOS
    lineas = [linea for linea in fuente.splitlines() if linea.strip()]
    assert len(lineas) == len(DEFECTOS) and all("  # " in linea for linea in lineas)


def test_sin_itables_muestra_dataframes_y_da_la_pista(monkeypatch):
    """Sin itables instalada: la celda de preparación imprime cómo instalarla y ``mostrar`` usa ``display`` con el mismo formato."""
    import IPython.display
    import pandas as pd

    monkeypatch.setitem(sys.modules, "itables", None)  # «import itables» lanza ImportError
    preparacion = next(c.source for c in _cuaderno().cells if c.cell_type == "code" and "from pai_analisis import mostrar" in c.source)
    espacio: dict = {}
    salida = io.StringIO()
    with contextlib.redirect_stdout(salida):
        exec(compile(preparacion, "preparacion", "exec"), espacio)
    assert 'pip install "pai-analisis[analistas]"' in salida.getvalue()
    mostrados = []
    monkeypatch.setattr(IPython.display, "display", mostrados.append)
    df = pd.DataFrame({"a": [1, 2], "b": [1234.56, None], "mes": pd.period_range("2024-01", periods=2, freq="M")})
    espacio["mostrar"](df, columnas=["a", "b", "mes", "no_existe"])
    assert len(mostrados) == 1
    styler = mostrados[0]
    assert list(styler.data.columns) == ["a", "b", "mes"] and styler.data["mes"].tolist() == ["2024-01", "2024-02"]
    html = styler.to_html()
    assert "1.234,6" in html and "—" in html  # a la colombiana, el vacío como raya
    assert df["b"].iloc[0] == 1234.56  # el DataFrame no cambia


def _salidas(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


@pytest.mark.lento
@pytest.mark.parametrize(
    "parametros", [{}, {"ejemplo": "armonizacion", "periodo": "2024-09"}], ids=["por_defecto", "armonizacion"]
)
def test_se_ejecuta_de_principio_a_fin(parametros, tmp_path):
    import papermill as pm

    salida = tmp_path / "explorar.ipynb"
    nb = pm.execute_notebook(
        str(EXPLORAR), str(salida), kernel_name="python3", parameters=parametros, cwd=str(RAIZ / "cuadernos"), progress_bar=False
    )
    salidas = _salidas(nb)
    errores = [o for o in salidas if o.output_type == "error"]
    assert not errores, errores
    ruidos = [o.text for o in salidas if o.output_type == "stream" and o.name == "stderr"]
    assert not ruidos, ruidos  # sin advertencias de pandas ni de itables
    html = [str(o.get("data", {}).get("text/html", "")) for o in salidas]
    assert any("<table" in h and 'class="dataframe"' in h for h in html)  # DataFrames de pandas
    assert any("image/png" in o.get("data", {}) for o in salidas)  # el gráfico de la serie
    texto = "".join(o.text for o in salidas if o.output_type == "stream")
    if HAY_ITABLES:
        assert any('<table id="itables_' in h for h in html)  # tablas interactivas
        assert "pai-analisis[analistas]" not in texto
    else:
        assert 'pip install "pai-analisis[analistas]"' in texto
    periodo = parametros.get("periodo", DEFECTOS["periodo"])
    assert f"Periodo: {periodo}" in texto
    if parametros.get("ejemplo") == "armonizacion":
        # la tabla de estados de la serie: los proyectos del plan anterior cierran en junio
        assert any("cerrado" in h and "8116" in h for h in html)
