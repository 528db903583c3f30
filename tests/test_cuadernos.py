"""Los siete cuadernos: estructura (rápido) y ejecución con papermill, por la API y por la línea de comandos (lento)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

RAIZ = Path(__file__).resolve().parents[1]
CUADERNOS = sorted((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb"))
NOMBRES = ["01_resumen", "02_objetivos", "03_proyectos_presupuesto", "04_indicadores", "05_plan_integrado", "06_riesgos",
           "07_dependencias"]


def test_estan_los_siete_en_orden():
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
    for nombre in ("periodo", "datos", "ejemplo", "parametros", "calculo"):
        assert re.search(rf"^{nombre}(: [^=]+)? = ", fuente, re.M), nombre  # con anotación, para papermill --help-notebook
    assert all(not c.outputs and c.execution_count is None for c in codigo)
    assert sum("encabezado" in c.metadata.get("tags", []) for c in nb.cells) == 1
    assert any(c.cell_type == "markdown" and c.source.startswith("## ") for c in nb.cells)
    assert codigo[-1].source.strip() == f'pie(ctx, "{ruta.stem}")'  # el pie y la navegación de abajo
    assert nb.metadata["pai"]["titulo"]


@pytest.mark.lento
@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda p: p.stem)
def test_se_ejecuta_sin_errores(ruta, tmp_path):
    import papermill as pm

    from pai_analisis.informes.paginas import a_html

    salida = tmp_path / ruta.name
    nb = pm.execute_notebook(
        str(ruta), str(salida), parameters={"periodo": "2024-06"}, kernel_name="python3", cwd=str(RAIZ), progress_bar=False
    )
    errores = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errores, errores
    ruidos = [
        o.text
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.output_type == "stream" and o.name == "stderr"
    ]
    assert not ruidos, ruidos  # sin advertencias que ensucien el informe
    html = a_html(nb, nb.metadata["pai"]["titulo"])
    assert 'lang="es"' in html and "junio de 2024" in html
    assert "Traceback" not in html
    assert len(html.encode()) < 1_000_000


def _papermill_cli() -> list[str]:
    """El comando ``papermill`` del mismo entorno que corre las pruebas."""
    script = Path(sys.executable).with_name("papermill")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "papermill"]


@pytest.mark.lento
def test_papermill_de_linea_de_comandos(tmp_path):
    """Lo que haría un analista a mano, desde la raíz del proyecto: ``-f parametros/2024-06.yaml`` y ``-p periodo``.

    (La prueba anterior ejecuta cada cuaderno una vez con la API; esta, el comando ``papermill``
    tal cual lo documenta el README, con un solo cuaderno: la celda ``parameters`` es la misma en
    los siete.) Las dos formas corren a la vez, cada una con su kernel.
    """
    ruta = CUADERNOS[0]
    formas = {"yaml": ["-f", "parametros/2024-06.yaml"], "p": ["-p", "periodo", "2024-06"]}
    procesos = {
        forma: subprocess.Popen(
            [*_papermill_cli(), str(ruta.relative_to(RAIZ)), str(tmp_path / f"{forma}.ipynb"), *args, "--no-progress-bar"],
            cwd=RAIZ,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for forma, args in formas.items()
    }
    for forma, proceso in procesos.items():
        _, err = proceso.communicate(timeout=300)
        assert proceso.returncode == 0, f"papermill {' '.join(formas[forma])}: {err[-2000:]}"
        nb = nbformat.read(tmp_path / f"{forma}.ipynb", as_version=4)
        inyectada = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(inyectada) == 1 and 'periodo = "2024-06"' in inyectada[0].source, forma
        salidas = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
        assert not [o for o in salidas if o.output_type == "error"], forma
        assert not [o for o in salidas if o.output_type == "stream" and o.name == "stderr"], forma
        assert any("junio de 2024" in str(o.get("data", {}).get("text/html", "")) for o in salidas), forma


@pytest.mark.lento
def test_informes_de_un_enero_casi_vacio(tmp_path):
    """``pai informes`` con la plantilla casi sin diligenciar (solo el corte presupuestal de enero de un proyecto: el
    enero real de la Oficina): publica las siete páginas como preliminares, que dicen en palabras lo que aún no se ha
    reportado en vez de fallar o dibujar gráficos vacíos."""
    import openpyxl

    from pai_analisis.libro.plantilla import escribir_plantilla

    datos = escribir_plantilla(tmp_path / "vacio.xlsx")
    wb = openpyxl.load_workbook(datos)
    wb["presupuesto"].append([7867, "2024-01", 20149, 3000, 100])
    wb.save(datos)
    salida = tmp_path / "informes"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pai_analisis.cli",
            "informes",
            "--periodo",
            "2024-01",
            "--datos",
            str(datos),
            "--salida",
            str(salida),
            "--sin-pdf",
        ],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    paginas = sorted(p.name for p in (salida / "2024-01").glob("*.html"))
    assert paginas == sorted(["index.html", *(f"{n}.html" for n in NOMBRES)])
    for nombre in paginas:
        texto = (salida / "2024-01" / nombre).read_text(encoding="utf-8")
        assert "enero de 2024" in texto and "Traceback" not in texto, nombre
        assert "Cifras preliminares" in texto and "faltan 43 de 43 metas sin su reporte de enero" in texto, nombre
    for n in NOMBRES:
        texto = (salida / "2024-01" / f"{n}.html").read_text(encoding="utf-8")
        assert "Aún no hay reportes de" in texto, n
