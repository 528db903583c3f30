"""Piezas HTML de los informes (rápidas, sin núcleo de Jupyter)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pai_analisis.informes.figuras import figura_html
from pai_analisis.informes.paginas import a_html, indice_secciones, pagina_html
from pai_analisis.informes.piezas import Pieza, etiqueta_semaforo, frase_variacion
from pai_analisis.informes.tablas import tabla_html


class _Recolector(HTMLParser):
    """Ids, enlaces internos, <script> e <img> de un documento."""

    def __init__(self):
        super().__init__()
        self.ids, self.enlaces, self.scripts, self.imagenes, self.h2 = set(), [], [], [], []
        self._en_h2 = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.enlaces.append(a["href"][1:])
        if tag == "script":
            self.scripts.append(a)
        if tag == "img":
            self.imagenes.append(a)
        if tag == "h2":
            self.h2.append(a.get("id"))


def _analizar(texto: str) -> _Recolector:
    r = _Recolector()
    r.feed(texto)
    return r


def _sin_recursos_externos(texto: str, scripts: int = 0) -> None:
    """Nada se carga de fuera; a lo sumo ``scripts`` bloques <script> en línea (DataTables y pai-tablas.js)."""
    bajo = texto.lower()
    assert "<script src" not in bajo
    assert bajo.count("<script") == scripts
    for prohibido in ("cdn", "require.js", "requirejs", "mathjax", "mermaid", "https://", "http://", "<link"):
        assert prohibido not in bajo, prohibido


# ---------------------------------------------------------------- tabla_html

def test_tabla_escapa_texto_peligroso():
    df = pd.DataFrame({"meta": ["<script>alert(1)</script>", 'Meta "A" & B'], "valor": [1.0, 2.0]})
    h = tabla_html(df, {"meta": ("Meta", "texto"), "valor": ("Valor", "numero")})
    assert isinstance(h, Pieza)
    assert "<script>" not in h
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in h
    assert "&#34;A&#34; &amp; B" in h  # markupsafe escribe la comilla como &#34;


def test_tabla_escapa_titulos_de_columna():
    h = tabla_html(pd.DataFrame({"x": [1]}), {"x": ("<b>Título</b>", "entero")})
    assert "<b>" not in h and "&lt;b&gt;Título&lt;/b&gt;" in h


def test_tabla_formatos_colombianos():
    df = pd.DataFrame({"plata": [20149.0], "porcentaje": [87.5], "cantidad": [1234567.891], "entero": [1500],
                       "vacio": [float("nan")], "hecho": [True], "periodo": ["2024-06"]})
    h = tabla_html(df, {"plata": ("Apropiación", "millones"), "porcentaje": ("Cumplimiento", "pct"),
                        "cantidad": ("Cantidad", "numero"), "entero": ("Entero", "entero"), "vacio": ("Vacío", "pct"),
                        "hecho": ("¿Hecho?", "si_no"), "periodo": ("Periodo", "periodo")})
    assert "$20.149 millones" in h
    assert "87,5\u00a0%" in h  # espacio duro: el símbolo no queda solo en otra línea
    assert "1.234.567,9" in h
    assert ">1.500<" in h
    assert "—" in h and ">Sí<" in h and "junio de 2024" in h
    # las cifras (y el vacío numérico) van alineadas a la derecha: 5 encabezados y 5 celdas
    assert h.count('class="num"') == 10
    # cada celda lleva su encabezado (la tabla se apila a 390 px) y el valor crudo para ordenar
    assert '<td class="num" data-label="Apropiación" data-order="20149">$20.149 millones</td>' in h
    assert 'data-label="Vacío" data-order="">—<' in h  # el vacío se ordena al final, no como 0
    assert '<table class="pai-tabla">' in h


def test_tabla_semaforo_con_simbolo_y_palabra():
    df = pd.DataFrame({"x": ["a", "b", "c", "d"], "s": ["critico", "en_riesgo", "satisfactorio", None]})
    h = tabla_html(df, {"x": ("X", "texto")}, semaforo="s")
    # data-order: crítico (1) antes que en riesgo (2) y satisfactorio (3); sin dato (0) primero
    assert '<td class="semaforo semaforo-critico" data-order="1" data-label="Semáforo"><span>● Crítico</span></td>' in h
    assert 'semaforo-sin_dato" data-order="0"' in h
    assert "semaforo-en_riesgo" in h and "▲ En riesgo" in h
    assert "semaforo-satisfactorio" in h and "✔ Satisfactorio" in h
    assert "semaforo-sin_dato" in h and "Sin dato" in h
    assert ">Semáforo<" in h


def test_tabla_vacia_y_formato_desconocido():
    assert "No hay" in tabla_html(pd.DataFrame({"x": []}), {"x": ("X", "texto")})
    with pytest.raises(ValueError):
        tabla_html(pd.DataFrame({"x": [1]}), {"x": ("X", "porcentual")})


def test_frases():
    assert frase_variacion(93.3, 89.1, "2024-05") == "sube 4,2 puntos frente a mayo de 2024"
    assert frase_variacion(80, 81) == "baja 1,0 puntos"
    assert "sin dato" in frase_variacion(80, None)
    assert etiqueta_semaforo("en_riesgo") == "▲ En riesgo"


# ---------------------------------------------------------------- figura_html

def _figura():
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 2))
    fig.subplots().plot([1, 2, 3], [3, 1, 2])
    return fig


def test_figura_con_alt_y_data_uri():
    h = figura_html(_figura(), alt='Línea de prueba con "tres" puntos: 3, 1 y 2 <fin>.', titulo="Prueba & cía")
    r = _analizar(h)
    assert len(r.imagenes) == 1
    img = r.imagenes[0]
    assert img["src"].startswith("data:image/svg+xml;base64,")  # vectorial: nítida al imprimir y al ampliar
    assert img["alt"] == 'Línea de prueba con "tres" puntos: 3, 1 y 2 <fin>.'
    assert "<figcaption>Prueba &amp; cía</figcaption>" in h
    assert len(h) < 60_000


def test_figura_exige_alt():
    with pytest.raises(ValueError):
        figura_html(_figura(), alt="  ")


# ---------------------------------------------------------------- a_html y pagina_html

def _cuaderno():
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        new_markdown_cell("Nota para analistas", metadata={"tags": ["solo-cuaderno"]}),
        new_code_cell('periodo = "2024-06"\nCODIGO_SECRETO = 1', metadata={"tags": ["parameters"]}, execution_count=1),
        new_code_cell("encabezado(ctx)", metadata={"tags": ["encabezado"]}, execution_count=2,
                      outputs=[new_output("display_data", data={"text/html": "<header>ENCABEZADO</header>", "text/plain": "x"})]),
        new_markdown_cell("## Resultado del mes\n\nTexto con $20 y $30."),
        new_code_cell("import warnings; warnings.warn('ruido')", execution_count=3,
                      outputs=[new_output("stream", name="stderr", text="UserWarning: ruido"),
                               new_output("execute_result", data={"text/html": "<p>87,5 %</p>", "text/plain": "x"}, execution_count=3)]),
        new_markdown_cell("## Evolución del índice & más"),
        new_code_cell("x", outputs=[new_output("display_data", data={"application/javascript": "alert(1)", "text/plain": "js"})]),
    ]
    nbformat.validate(nb)
    return nb


def test_a_html_limpio_en_espanol_y_sin_codigo():
    h = a_html(_cuaderno(), "Resumen <de> prueba")
    assert re.search(r'<html lang="es"', h)
    assert "<title>Resumen &lt;de&gt; prueba</title>" in h
    _sin_recursos_externos(h)
    assert "CODIGO_SECRETO" not in h and "warnings.warn" not in h and "ruido" not in h
    assert "In&nbsp;[" not in h and "In [" not in h and "Out[" not in h
    assert "Nota para analistas" not in h
    assert "ENCABEZADO" in h and "87,5 %" in h
    assert "@page" in h and "A4" in h


def test_a_html_indice_enlaza_con_los_encabezados():
    nb = _cuaderno()
    h = a_html(nb, "Prueba")
    r = _analizar(h)
    secciones = indice_secciones(nb)
    assert [t for _, t in secciones] == ["Resultado del mes", "Evolución del índice & más"]
    assert len(r.h2) == 2 and all(r.h2)
    indice = re.search(r'<nav[^>]*class="pai-indice".*?</nav>', h, re.S).group(0)
    destinos = _analizar(indice).enlaces
    assert destinos == r.h2  # cada enlace del índice lleva al id que nbconvert dio al encabezado
    assert set(destinos) <= r.ids
    # el índice va después del encabezado y antes de la primera sección
    assert h.index("ENCABEZADO") < h.index('class="pai-indice"') < h.index("<h2")


def test_pagina_html():
    h = pagina_html("Informes de <junio>", Pieza("<p>Cuerpo del índice</p>"))
    assert h.startswith("<!DOCTYPE html>")
    assert '<html lang="es">' in h
    assert "<title>Informes de &lt;junio&gt;</title>" in h
    assert "<p>Cuerpo del índice</p>" in h and "pai-analisis" in h and "hora de Bogotá" in h
    _sin_recursos_externos(h)


# ---------------------------------------------------------------- contexto, encabezado y pie (plan 2024 de demostración)

@pytest.fixture(scope="module")
def ctx():
    from pai_analisis.informes.contexto import preparar

    return preparar("2024-06")


def test_encabezado_con_aviso_de_demostracion(ctx):
    from pai_analisis.informes.paginas import encabezado

    h = encabezado(ctx, "Resumen del PAI")
    assert "Informe de junio de 2024" in h
    assert "Secretaría General" in h and "Oficina Asesora de Planeación" in h
    assert "Datos de demostración" in h and "no son cifras reales de la entidad" in h


def test_pie_con_procedencia(ctx):
    from pai_analisis import __version__
    from pai_analisis.informes.paginas import pie

    h = pie(ctx)
    assert "datos de demostración incorporados" in h
    assert f"pai-analisis {__version__}" in h
    assert "crítico por debajo de 70" in h and "satisfactorio desde 90" in h
    assert "hora de Bogotá" in h


def test_guardar_y_cargar_calculo(ctx, tmp_path):
    from pai_analisis.errores import ErrorPublicacion
    from pai_analisis.informes.contexto import guardar_calculo, preparar

    ruta = guardar_calculo(ctx, tmp_path / "calculo.pkl")
    otro = preparar("2024-06", calculo=str(ruta))
    assert {"serie", "curva", "indicadores_mes"} <= set(vars(otro))  # las series viajan ya calculadas
    assert otro.metricas.indice_pai == pytest.approx(ctx.metricas.indice_pai)
    with pytest.raises(ErrorPublicacion, match="2024-06"):
        preparar("2024-05", calculo=str(ruta))


def test_pagina_html_con_contexto(ctx):
    h = pagina_html("Informes de junio de 2024", Pieza("<ul><li>Resumen</li></ul>"), ctx)
    assert "Datos de demostración" in h and "Procedencia de este informe" in h
    assert h.count("<style") == 3  # informe.css, componentes.css y pai-tablas.css
    _sin_recursos_externos(h)


def test_pagina_html_sin_contexto_con_aviso_de_demostracion():
    assert "Datos de demostración" in pagina_html("Archivo", Pieza("<p>x</p>"), None, demostracion=True)
    assert "Datos de demostración" not in pagina_html("Archivo", Pieza("<p>x</p>"), None)


def test_preparar_desde_un_libro_ya_cargado():
    from pai_analisis import cargar_libro
    from pai_analisis.informes.contexto import preparar_desde

    ctx = preparar_desde(cargar_libro(), "2024-06")
    assert str(ctx.periodo) == "2024-06" and ctx.periodo_texto == "junio de 2024"


# ---------------------------------------------------------------- HTML seguro (markupsafe)

def test_el_html_del_paquete_es_markup_y_el_texto_se_escapa_una_sola_vez():
    from markupsafe import Markup

    from pai_analisis.informes.piezas import escapar, lista_es, unir

    negrita = Pieza("<b>1 & 2</b>")
    assert isinstance(negrita, Markup)
    # texto + HTML: el texto se escapa; el HTML queda tal cual (ni «&amp;amp;» ni «&lt;b&gt;»)
    assert negrita + " <i>" == "<b>1 & 2</b> &lt;i&gt;"
    assert unir(negrita, "<script>x</script>", "") == "<b>1 & 2</b>\n&lt;script&gt;x&lt;/script&gt;"
    assert escapar(escapar("a & b")) == "a &amp; b"  # escapar dos veces no escapa dos veces
    assert lista_es([negrita, "<c>", "d"]) == "<b>1 & 2</b>, &lt;c&gt; y d"
    assert lista_es(["<c>", "d"]) == "<c> y d"  # solo texto: sigue siendo texto, sin escapar
    # las dos reglas de los informes: un faltante es «—» y «87,5 %» no se parte
    assert escapar(None) == escapar(float("nan")) == escapar(pd.NA) == "—"
    assert escapar("87,5 %") == "87,5\u00a0%"


@pytest.mark.parametrize("formato", ["html", "cifra_html"])
def test_una_columna_html_solo_acepta_markup(formato):
    df = pd.DataFrame({"x": ["<b>no confío</b>"]})
    with pytest.raises(TypeError, match=f"formato «{formato}» trae un str"):
        tabla_html(df, {"x": ("X", formato)})
    bien = pd.DataFrame({"x": pd.Series([Pieza("<b>sí</b>"), None], dtype=object)})
    h = tabla_html(bien, {"x": ("X", formato)})
    assert "<b>sí</b>" in h and ">—</td>" in h  # la pieza tal cual; el faltante, «—»


def test_columna_html_guarda_las_piezas_aunque_pandas_infiera_texto():
    # pandas 3 guarda una lista de textos como columna str y quita la marca de Markup;
    # columna_html la guarda como object y la tabla la acepta
    from pai_analisis.informes.piezas import columna_html

    df = pd.DataFrame({"a": [1, 2]})
    df["h"] = columna_html([Pieza("<i>a</i>"), Pieza("<i>b</i>")], df.index)
    assert all(isinstance(v, Pieza) for v in df["h"])
    assert "<i>b</i>" in tabla_html(df, {"h": ("H", "html")})


def test_nombre_con_porque_escapa_lo_que_viene_del_libro():
    from pai_analisis.informes.lecturas.elementos import nombre_con_porque

    h = nombre_con_porque({"nombre": "<script>x</script>", "responsable": "Ana & Co", "observacion": "1 < 2",
                           "observacion_periodo": "2024-06"}, quien=True)
    assert isinstance(h, Pieza)
    assert "<script>" not in h and "&lt;script&gt;" in h and "Ana &amp; Co" in h and "1 &lt; 2" in h
    assert "&amp;amp;" not in h and "&amp;lt;" not in h


def test_pagina_html_no_recibe_el_cuerpo_como_texto():
    with pytest.raises(TypeError, match="HTML seguro"):
        pagina_html("Archivo", "<p>x</p>")
