"""Tablas legibles en JupyterLab: ``pai.mostrar`` (explorar.ipynb) y las tablas de los cuadernos de informe.

Las rápidas miden las opciones que ``mostrar`` pasa a itables sin tocar nada global. La de navegador
(lenta) ejecuta ``explorar.ipynb`` y dos cuadernos de informe como lo haría una analista, los exporta
a HTML con la plantilla de JupyterLab (su hoja de estilos alinea a la derecha toda celda) y comprueba
en Chromium a 1400 px que ninguna tabla es más ancha que la página, que las celdas de texto van a la
izquierda y las cifras a la derecha.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

RAIZ = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")


def _df() -> pd.DataFrame:
    return pd.DataFrame({
        "proyecto": pd.array([7867, 7868], dtype="Int64"),
        "nombre": ["Generar 100 por ciento de los lineamientos distritales", None],
        "periodo": pd.PeriodIndex(["2024-06", "2024-07"], freq="M"),
        "cumplimiento": [102.4444444, np.nan],
        "apropiacion": [20149.0, 5126.1],
        "sin_reporte": [False, True],
        "semaforo": ["satisfactorio", "critico"],
    })


def test_preparar_presenta_sin_tocar_los_datos():
    from pai_analisis.informes.vista import preparar

    df = _df()
    antes = df.copy()
    t = preparar(df, columnas=["proyecto", "nombre", "periodo", "cumplimiento", "sin_reporte", "no_existe"])
    pd.testing.assert_frame_equal(df, antes)  # redondeo y textos de presentación: el DataFrame no cambia
    assert list(t.columns) == ["proyecto", "nombre", "periodo", "cumplimiento", "sin_reporte"]
    assert t["periodo"].tolist() == ["2024-06", "2024-07"] and t["sin_reporte"].tolist() == ["No", "Sí"]
    assert t["nombre"].tolist()[1] == "—" and t["proyecto"].dtype == "Int64"
    assert math.isclose(t["cumplimiento"].iloc[0], 102.4444444)  # el número sigue entero: solo se escribe con 1 decimal


def test_opciones_texto_a_la_izquierda_y_numeros_a_la_colombiana():
    from pai_analisis.informes.vista import ANCHO_TEXTO, opciones, preparar

    t = preparar(_df())
    o = opciones(t, decimales={"apropiacion": 0})
    assert "nowrap" not in o["classes"] and "pai-vista" in o["classes"]  # el texto se ajusta
    assert "width:100%" in o["style"] and o["allow_html"] is False and o["showIndex"] is False
    por_clase = {}
    for d in o["columnDefs"]:
        for i in [d["targets"]] if isinstance(d["targets"], int) else d["targets"]:
            por_clase[t.columns[i]] = (d["className"], str(d.get("render", "")))
    assert por_clase["nombre"][0] == "pai-texto pai-largo" and por_clase["semaforo"][0] == "pai-texto"
    assert por_clase["sin_reporte"][0] == "pai-texto" and por_clase["periodo"][0] == "pai-texto"
    assert por_clase["proyecto"] == ("pai-num", "")  # los códigos, sin separador de miles
    assert "toFixed(1)" in por_clase["cumplimiento"][1] and "toFixed(0)" in por_clase["apropiacion"][1]
    assert "'.'" in por_clase["cumplimiento"][1] and "','" in por_clase["cumplimiento"][1]  # punto de miles, coma decimal
    assert f"max-width:{ANCHO_TEXTO}" in o["css"] and "text-align:left" in o["css"]


def test_mostrar_no_cambia_nada_global(capsys):
    itables = pytest.importorskip("itables")
    import pai_analisis as pai

    opciones_antes = {k: repr(v) for k, v in vars(itables.options).items() if not k.startswith("_")}
    formato_antes = pd.get_option("display.float_format")
    pai.mostrar(_df())
    capsys.readouterr()
    assert {k: repr(v) for k, v in vars(itables.options).items() if not k.startswith("_")} == opciones_antes
    assert pd.get_option("display.float_format") is formato_antes


# ------------------------------------------------------------------ navegador

MEDIR = """() => {
  const ancho = document.documentElement.clientWidth;
  const visibles = Array.from(document.querySelectorAll('table')).filter(t => t.getBoundingClientRect().width > 0);
  const numero = /^[-+]?\\$?[\\d.,]+(\\s?%|\\s[a-zñáéíóú()]+)*$/i;
  const tablas = visibles.map((t, i) => {
    const r = t.getBoundingClientRect();
    const celdas = Array.from(t.querySelectorAll('tbody td')).map(td => [td.innerText.trim(), getComputedStyle(td).textAlign]);
    // texto: con palabras y sin empezar por una cifra («139,2 % ▲ sobreejecución» es una cifra con su marca)
    const texto = celdas.filter(([x]) => /[a-záéíóúñ]{3,}/i.test(x) && !/^[-−+$\\d]/.test(x) && !numero.test(x));
    // una cifra formateada (con coma decimal, %, $ o punto de miles); un código suelto («3», «7871» como texto) no cuenta
    const cifras = celdas.filter(([x]) => /\\d/.test(x) && /[,%$.]/.test(x) && numero.test(x));
    return {tabla: i, derecha: Math.round(r.right), ancho: Math.round(r.width), textos: texto.length,
            texto_mal: texto.filter(([, a]) => !['left', 'start'].includes(a)).map(([x]) => x.slice(0, 40)).slice(0, 3),
            cifras_mal: cifras.filter(([, a]) => a !== 'right').map(([x]) => x).slice(0, 3)};
  });
  return {ancho: ancho, documento: document.documentElement.scrollWidth, tablas: tablas};
}"""


@pytest.fixture(scope="module")
def navegador():
    if not CHROMIUM.is_file():
        pytest.skip("No está /usr/bin/chromium (el Chromium de Debian): se omite la prueba de navegador.")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Falta Playwright para Python (pip install '.[pruebas]').")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            yield b
        finally:
            b.close()


@pytest.mark.lento
@pytest.mark.navegador
@pytest.mark.parametrize("cuaderno", ["explorar.ipynb", "01_resumen.ipynb", "03_proyectos_presupuesto.ipynb"])
def test_tablas_caben_y_alinean_en_jupyterlab(cuaderno, navegador, tmp_path):
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    ejecutado = tmp_path / cuaderno
    pm.execute_notebook(str(RAIZ / "cuadernos" / cuaderno), str(ejecutado), kernel_name="python3",
                        cwd=str(RAIZ / "cuadernos"), progress_bar=False)
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.read(ejecutado, as_version=4))
    pagina_html = ejecutado.with_suffix(".html")
    pagina_html.write_text(html, encoding="utf-8")
    pagina = navegador.new_page(viewport={"width": 1400, "height": 900})
    try:
        pagina.goto(pagina_html.as_uri())
        pagina.wait_for_load_state("load")
        if cuaderno == "explorar.ipynb":
            pagina.wait_for_selector("table.dataTable", timeout=20_000)  # itables ya dibujó las tablas
        r = pagina.evaluate(MEDIR)
    finally:
        pagina.close()
    assert r["tablas"], "el cuaderno no mostró ninguna tabla"
    assert r["documento"] <= r["ancho"], r
    anchas = [t for t in r["tablas"] if t["derecha"] > r["ancho"]]
    assert not anchas, f"tablas más anchas que la página de {r['ancho']} px: {anchas}"
    assert sum(t["textos"] for t in r["tablas"]) > 0
    mal = [t for t in r["tablas"] if t["texto_mal"] or t["cifras_mal"]]
    assert not mal, f"celdas de texto que no van a la izquierda o cifras que no van a la derecha: {mal}"
