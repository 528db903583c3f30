"""Los seis cuadernos: estructura (rápido) y ejecución con papermill (lento: ``pytest -m lento``)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

RAIZ = Path(__file__).resolve().parents[1]
CUADERNOS = sorted((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb"))
NOMBRES = ["01_resumen", "02_objetivos", "03_proyectos_presupuesto", "04_indicadores", "05_plan_integrado", "06_riesgos"]


def test_estan_los_seis_en_orden():
    assert [c.stem for c in CUADERNOS] == NOMBRES


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda p: p.stem)
def test_estructura_y_sin_salidas(ruta):
    nb = nbformat.read(ruta, as_version=4)
    nbformat.validate(nb)
    codigo = [c for c in nb.cells if c.cell_type == "code"]
    con_parametros = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(con_parametros) == 1
    assert codigo[0] is con_parametros[0]  # la primera celda de código es la de parámetros
    fuente = con_parametros[0].source
    for nombre in ("periodo", "datos", "parametros", "calculo"):
        assert f"\n{nombre} = " in "\n" + fuente
    assert all(not c.outputs and c.execution_count is None for c in codigo)
    assert sum("encabezado" in c.metadata.get("tags", []) for c in nb.cells) == 1
    assert any(c.cell_type == "markdown" and c.source.startswith("## ") for c in nb.cells)
    assert codigo[-1].source.strip() == "pie(ctx)"
    assert nb.metadata["pai"]["titulo"]


@pytest.mark.lento
@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda p: p.stem)
def test_se_ejecuta_sin_errores(ruta, tmp_path):
    import papermill as pm

    from pai_analisis.presentacion import a_html

    salida = tmp_path / ruta.name
    nb = pm.execute_notebook(str(ruta), str(salida), parameters={"periodo": "2024-06"}, kernel_name="python3",
                             cwd=str(RAIZ), progress_bar=False)
    errores = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errores, errores
    ruidos = [o.text for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.output_type == "stream" and o.name == "stderr"]
    assert not ruidos, ruidos  # sin advertencias que ensucien el informe
    html = a_html(nb, nb.metadata["pai"]["titulo"])
    assert 'lang="es"' in html and "junio de 2024" in html
    assert "Traceback" not in html
    assert len(html.encode()) < 1_000_000
