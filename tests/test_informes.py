"""``pai informes`` de punta a punta: publicación, omisión incremental, fallos, periodos, candado.

Las pruebas que ejecutan cuadernos llevan la marca ``lento`` (``pytest -m "not lento"`` las
omite). Para no renderizar de más, el informe de 2024-06 con los datos incorporados se
publica **una vez** por módulo (``publicado``); las pruebas que lo modifican trabajan sobre
una copia (``copia_publicada``). ``pai`` corre como subproceso, igual que en cron: así se
prueban el código de salida, la salida de error y el registro tal como los ve el usuario.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from pai_analisis import __version__
from pai_analisis.errores import ErrorPeriodo
from pai_analisis.publicacion import huellas
from pai_analisis.publicacion.periodos import resolver_periodos
from pai_analisis.publicacion.registro import ARCHIVO_LOG

RAIZ = Path(__file__).resolve().parents[1]
CUADERNOS = sorted((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb"))
INFORMES = [f"{c.stem}.html" for c in CUADERNOS]
MB = 1_000_000


# ---------------------------------------------------------------- utilidades

def pai(*args: str, cwd: Path = RAIZ, timeout: int = 600) -> subprocess.CompletedProcess:
    """Corre ``pai ARGS`` como lo haría cron (desde la raíz del proyecto, sin TTY)."""
    return subprocess.run([sys.executable, "-m", "pai_analisis.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, encoding="utf-8")


def informes(salida: Path, *args: str) -> subprocess.CompletedProcess:
    return pai("informes", "--salida", str(salida), "--sin-pdf", *args)  # el PDF lo prueba test_pdf.py


def contenido(carpeta: Path) -> dict[str, bytes]:
    """Todos los archivos de ``carpeta`` (ruta relativa → bytes), para comparar byte a byte."""
    return {str(p.relative_to(carpeta)): p.read_bytes() for p in sorted(carpeta.rglob("*")) if p.is_file()}


def tiempos(carpeta: Path) -> dict[str, int]:
    return {str(p.relative_to(carpeta)): p.stat().st_mtime_ns for p in sorted(carpeta.rglob("*")) if p.is_file()}


def registro(salida: Path) -> str:
    return (salida / ARCHIVO_LOG).read_text(encoding="utf-8")


class Etiquetas(HTMLParser):
    """Reúne las etiquetas de un HTML con sus atributos (y los id de todos los elementos)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.etiquetas: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self._en_nav = 0
        self.enlaces_nav: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.etiquetas.append((tag, a))
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "nav":
            self._en_nav += 1
        if tag == "a" and self._en_nav and a.get("href"):
            self.enlaces_nav.append(a["href"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "nav":
            self._en_nav -= 1

    def de(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.etiquetas if t == tag]


def analizar(texto: str) -> Etiquetas:
    p = Etiquetas()
    p.feed(texto)
    p.close()
    return p


_EXTERNO = re.compile(r"^\s*(https?:)?//", re.I)


def revisar_html(ruta: Path, demostracion: bool = True) -> str:
    """Lo que todo HTML publicado debe cumplir; devuelve el texto para revisiones adicionales."""
    texto = ruta.read_text(encoding="utf-8")
    nombre = ruta.name
    assert len(texto.encode("utf-8")) <= MB, f"{nombre} pesa {len(texto.encode()) / MB:.2f} MB (máximo 1 MB)"
    assert re.search(r'<html lang="es"\s*>', texto), f"{nombre}: falta <html lang=\"es\">"
    # Sin código: ni celdas de entrada, ni indicadores «In [ ]», ni el código de los cuadernos.
    # (nbconvert envuelve el Markdown ya renderizado en un «jp-InputArea»: eso no es código;
    # toda otra área de entrada sí lo sería.)
    for m in re.finditer(r'<div class="jp-InputArea[ "]', texto):
        siguiente = texto[m.end():m.end() + 300]
        assert "jp-RenderedMarkdown" in siguiente, f"{nombre}: área de entrada de código en el informe: {siguiente[:120]!r}"
    cuerpo = re.sub(r"<style\b.*?</style>", "", texto, flags=re.S)  # el CSS nombra clases que el cuerpo no debe usar
    for prohibido in ("In [", "In&nbsp;[", "import pai_analisis", "preparar(", "Traceback", "ipykernel"):
        assert prohibido not in cuerpo, f"{nombre}: contiene «{prohibido}»"
    e = analizar(texto)
    for tag, a in e.etiquetas:
        clases = set((a.get("class") or "").split())
        codigo = clases & {"jp-InputArea-editor", "jp-CodeMirrorEditor", "highlight", "jp-InputPrompt", "jp-OutputPrompt"}
        assert not codigo, f"{nombre}: <{tag} class={a.get('class')!r}> (código o indicador de celda en el informe)"
    # Sin recursos externos: el informe se abre sin red (correo, intranet, impreso).
    assert "<script src" not in texto and all(not a.get("src") for a in e.de("script")), f"{nombre}: <script src=…>"
    for tag, atributo in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
        for a in e.de(tag):
            assert not _EXTERNO.match(a.get(atributo) or ""), f"{nombre}: <{tag} {atributo}={a.get(atributo)!r}> es externo"
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", texto, re.I), f"{nombre}: CSS con recursos externos"
    # Imágenes accesibles: cada <img> con texto alternativo no vacío e incrustada (data:).
    for a in e.de("img"):
        assert (a.get("alt") or "").strip(), f"{nombre}: <img> sin texto alternativo"
        assert (a.get("src") or "").startswith("data:image/"), f"{nombre}: imagen no incrustada"
    # El índice de secciones lleva a elementos que existen.
    for destino in e.enlaces_nav:
        if destino.startswith("#"):
            assert destino[1:] in e.ids, f"{nombre}: el enlace del índice {destino} no lleva a ningún elemento"
    aviso = '<div class="pai-demostracion"' in texto
    assert aviso == demostracion, f"{nombre}: aviso de datos de demostración {'ausente' if demostracion else 'sobrante'}"
    return texto


def enlaces_relativos(ruta: Path) -> list[str]:
    """Los ``href`` relativos (sin ``#``, ``data:`` ni esquema) de un HTML."""
    e = analizar(ruta.read_text(encoding="utf-8"))
    return [a["href"] for a in e.de("a") if a.get("href") and not re.match(r"^([a-z]+:|#)", a["href"])]


def cuaderno_con_falla(origen: Path, destino: Path, nombre: str) -> Path:
    """Copia los cuadernos a ``destino`` y agrega a ``nombre`` una celda que falla tras el encabezado."""
    destino.mkdir(parents=True)
    for c in origen.glob("*.ipynb"):
        shutil.copy2(c, destino / c.name)
    nb = nbformat.read(destino / nombre, as_version=4)
    i = next(i for i, c in enumerate(nb.cells) if "encabezado" in c.metadata.get("tags", []))
    nb.cells.insert(i + 1, nbformat.v4.new_code_cell('raise RuntimeError("falla de prueba")'))
    nbformat.write(nb, destino / nombre)
    return destino


# ---------------------------------------------------------------- publicación compartida

@pytest.fixture(scope="module")
def publicado(tmp_path_factory):
    """``pai informes --periodo 2024-06`` con los datos incorporados, una sola vez por módulo."""
    salida = tmp_path_factory.mktemp("informes") / "publicados"
    r = informes(salida, "--periodo", "2024-06")
    assert r.returncode == 0, r.stderr
    return salida, r


@pytest.fixture
def copia_publicada(publicado, tmp_path):
    """Una copia (con sus fechas de modificación) de lo publicado, para pruebas que lo cambian."""
    salida = tmp_path / "informes"
    shutil.copytree(publicado[0], salida)
    return salida


# ---------------------------------------------------------------- punta a punta

@pytest.mark.lento
def test_publica_todos_los_archivos(publicado):
    salida, r = publicado
    p = salida / "2024-06"
    esperados = {"index.html", *INFORMES, "metricas.json", "portada.json", "huella.json",
                 *(f"cuadernos/{c.name}" for c in CUADERNOS)}
    presentes = {str(f.relative_to(p)) for f in p.rglob("*") if f.is_file()}
    assert esperados <= presentes, sorted(esperados - presentes)
    assert (salida / "index.html").is_file() and (salida / ARCHIVO_LOG).is_file()
    assert not list(salida.glob(".trabajo-*")) and not list(salida.glob(".*viejo*")), "quedaron carpetas temporales"
    assert not (salida / "_errores").exists()
    assert "2024-06: publicado" in registro(salida)
    assert "Traceback" not in r.stderr
    m = json.loads((p / "metricas.json").read_text(encoding="utf-8"))
    assert m["periodo"] == "2024-06"
    portada = json.loads((p / "portada.json").read_text(encoding="utf-8"))
    assert portada["periodo"] == "2024-06" and portada["demostracion"] is True
    assert portada["indice_pai"] == pytest.approx(m["indice_pai"])


@pytest.mark.lento
@pytest.mark.parametrize("nombre", ["index.html", *INFORMES])
def test_html_sin_codigo_ni_red_en_espanol(publicado, nombre):
    salida, _ = publicado
    texto = revisar_html(salida / "2024-06" / nombre)
    assert "junio de 2024" in texto
    pie = re.search(r'<footer class="pai-pie">(.*?)</footer>', texto, re.S)
    assert pie, f"{nombre}: sin pie de procedencia"
    pie = pie.group(1)
    assert f"pai-analisis {__version__}" in pie
    assert "datos de demostración incorporados" in pie
    assert "base.yaml" in pie and "crítico por debajo de 70" in pie  # los parámetros usados
    assert "hora de Bogotá" in pie


@pytest.mark.lento
def test_informes_con_figuras(publicado):
    """Cada informe de área tiene al menos una figura; la portada enlaza los siete informes."""
    salida, _ = publicado
    for nombre in INFORMES:
        assert analizar((salida / "2024-06" / nombre).read_text(encoding="utf-8")).de("img"), f"{nombre} sin figuras"
    enlaces = enlaces_relativos(salida / "2024-06" / "index.html")
    assert set(INFORMES) <= set(enlaces)
    for href in enlaces:
        assert (salida / "2024-06" / href).exists(), f"la portada enlaza «{href}», que no existe"


@pytest.mark.lento
def test_archivo_general(publicado):
    salida, _ = publicado
    revisar_html(salida / "index.html")
    enlaces = enlaces_relativos(salida / "index.html")
    assert enlaces == ["2024-06/index.html"]
    assert "Junio de 2024" in (salida / "index.html").read_text(encoding="utf-8")


@pytest.mark.lento
def test_cuadernos_ejecutados_se_conservan(publicado):
    salida, _ = publicado
    for c in CUADERNOS:
        nb = nbformat.read(salida / "2024-06" / "cuadernos" / c.name, as_version=4)
        codigo = [x for x in nb.cells if x.cell_type == "code"]
        assert all(x.execution_count is not None for x in codigo), f"{c.name}: celdas sin ejecutar"
        assert not [o for x in codigo for o in x.outputs if o.output_type == "error"], f"{c.name}: con errores"
        inyectados = [x for x in nb.cells if "injected-parameters" in x.metadata.get("tags", [])]
        assert len(inyectados) == 1 and 'periodo = "2024-06"' in inyectados[0].source


# ---------------------------------------------------------------- omisión incremental

@pytest.mark.lento
def test_sin_cambios_se_omite_y_forzar_renderiza(copia_publicada):
    salida = copia_publicada
    # Al día primero: si el código del paquete cambió desde la publicación del módulo (la huella
    # lo incluye), esta corrida renderiza; si no, ya omite.
    assert informes(salida, "--periodo", "2024-06").returncode == 0
    antes = tiempos(salida / "2024-06")
    r = informes(salida, "--periodo", "2024-06")
    assert r.returncode == 0, r.stderr
    assert "sin cambios" in r.stderr and "sin cambios" in registro(salida)
    assert tiempos(salida / "2024-06") == antes, "se reescribió algo de un periodo sin cambios"
    # Cuánto tarda la omisión se mide en bench/informes.py, no aquí.
    assert re.search(r"Listo en [\d.,]+ s: 0 publicado\(s\), 1 sin cambios", registro(salida))

    r = informes(salida, "--periodo", "2024-06", "--forzar")
    assert r.returncode == 0, r.stderr
    despues = tiempos(salida / "2024-06")
    assert despues["index.html"] != antes["index.html"]
    assert all(despues[f] != antes[f] for f in INFORMES), "--forzar no volvió a renderizar todos los informes"


# ---------------------------------------------------------------- fallos

@pytest.mark.lento
def test_cuaderno_que_falla_no_toca_lo_publicado(copia_publicada, tmp_path):
    salida = copia_publicada
    antes = contenido(salida / "2024-06")
    falla = cuaderno_con_falla(RAIZ / "cuadernos", tmp_path / "cuadernos_falla", "04_indicadores.ipynb")
    r = informes(salida, "--periodo", "2024-06", "--cuadernos", str(falla), "--forzar")
    assert r.returncode == 1
    for texto in (r.stderr, registro(salida)):
        assert "04_indicadores" in texto and "RuntimeError: falla de prueba" in texto
        assert "2024-06: NO se publicó" in texto and "falló en la celda" in texto and "raise RuntimeError" in texto
    assert "Traceback" not in r.stderr
    assert contenido(salida / "2024-06") == antes, "lo publicado cambió aunque un cuaderno falló"
    error = salida / "_errores" / "2024-06" / "04_indicadores.ipynb"
    assert error.is_file()
    nb = nbformat.read(error, as_version=4)
    assert any(o.output_type == "error" and o.evalue == "falla de prueba" for c in nb.cells if c.cell_type == "code"
               for o in c.outputs)
    assert not list(salida.glob(".trabajo-*")) and not list(salida.glob(".*viejo*"))


@pytest.mark.parametrize("destino", ["vacio", pytest.param("publicado", marks=pytest.mark.lento)])
def test_libro_invalido_no_publica_nada(destino, tmp_path, request):
    salida = request.getfixturevalue("copia_publicada") if destino == "publicado" else tmp_path / "informes"
    antes = contenido(salida) if salida.exists() else None
    libro = tmp_path / "malo.xlsx"
    r = pai("plantilla", str(libro))
    assert r.returncode == 0, r.stderr
    import openpyxl

    wb = openpyxl.load_workbook(libro)
    ws = wb["metas"]
    columna = [c.value for c in ws[1]].index("programacion_vigencia") + 1
    ws.cell(row=2, column=columna, value="diez")
    wb.save(libro)

    r = informes(salida, "--periodo", "2024-06", "--datos", str(libro))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "error(es)" in r.stderr
    assert "ERROR [hoja «metas», fila 2, columna «programacion_vigencia»]: valor «diez»" in r.stderr
    assert "se esperaba un número" in r.stderr
    assert "valor «diez»" in registro(salida)  # cron solo deja el registro: el error también queda ahí
    if antes is None:
        assert not (salida / "2024-06").exists() and not (salida / "index.html").exists()
    else:
        despues = contenido(salida)
        despues.pop(ARCHIVO_LOG)  # el registro sí anota la corrida fallida
        antes.pop(ARCHIVO_LOG)
        assert despues == antes
    assert not list(salida.glob(".trabajo-*"))


# ---------------------------------------------------------------- varios periodos

@pytest.mark.lento
def test_varios_periodos_y_archivo(tmp_path):
    salida = tmp_path / "informes"
    r = informes(salida, "--desde", "2024-05", "--hasta", "2024-06")
    assert r.returncode == 0, r.stderr
    for p, mes in (("2024-05", "mayo de 2024"), ("2024-06", "junio de 2024")):
        texto = revisar_html(salida / p / "index.html")
        assert mes in texto
        assert all((salida / p / f).is_file() for f in INFORMES)
    revisar_html(salida / "index.html")
    enlaces = enlaces_relativos(salida / "index.html")
    assert enlaces == ["2024-06/index.html", "2024-05/index.html"], "el archivo debe ir del más reciente al más antiguo"
    assert all((salida / e).is_file() for e in enlaces)
    texto = (salida / "index.html").read_text(encoding="utf-8")
    assert texto.index("Junio de 2024") < texto.index("Mayo de 2024")


@pytest.mark.lento
def test_un_periodo_sin_libro_no_detiene_los_demas(tmp_path):
    """2025-01 no tiene libro de su vigencia: es un periodo sin datos (salida 3), junio se publica igual."""
    salida = tmp_path / "informes"
    r = informes(salida, "--periodo", "2024-06", "--periodo", "2025-01")
    assert r.returncode == 3, r.stderr
    assert (salida / "2024-06" / "index.html").is_file() and all((salida / "2024-06" / f).is_file() for f in INFORMES)
    assert not (salida / "2025-01").exists()
    assert "2025-01: SIN DATOS: No hay libro de la vigencia 2025" in r.stderr
    assert "1 publicado(s)" in r.stderr and "1 sin datos" in r.stderr and "0 con error" in r.stderr
    assert "Traceback" not in r.stderr
    assert enlaces_relativos(salida / "index.html") == ["2024-06/index.html"]


@pytest.mark.lento
def test_periodo_anterior_como_en_cron(tmp_path):
    """La línea de cron (``--periodo anterior --datos LIBRO``) el 5 de julio publica junio, con la huella del libro."""
    libro = tmp_path / "seguimiento.xlsx"
    assert pai("plantilla", str(libro), "--con-ejemplo").returncode == 0
    salida = tmp_path / "informes"
    r = informes(salida, "--periodo", "anterior", "--hoy", "2024-07-05", "--datos", str(libro))
    assert r.returncode == 0, r.stderr
    assert [p.name for p in salida.iterdir() if re.match(r"^\d{4}-\d{2}$", p.name)] == ["2024-06"]
    sha = hashlib.sha256(libro.read_bytes()).hexdigest()
    for nombre in ("index.html", *INFORMES):
        # un libro hecho con --con-ejemplo lleva la marca de demostración: sus informes lo dicen
        texto = revisar_html(salida / "2024-06" / nombre, demostracion=True)
        assert "junio de 2024" in texto
        assert f"seguimiento.xlsx — SHA-256 {sha} — marcado como datos de demostración" in texto, f"{nombre}: pie sin SHA-256"


# ---------------------------------------------------------------- candado

def test_candado_ocupado(tmp_path):
    from filelock import FileLock

    salida = tmp_path / "informes"
    salida.mkdir()
    with FileLock(str(salida / ".pai-informes.lock")):
        r = informes(salida, "--periodo", "2024-06", "--espera", "1")
    assert r.returncode == 1
    assert "Otra ejecución de `pai informes` sigue publicando" in r.stderr and "--espera" in r.stderr
    assert "sigue publicando" in registro(salida)
    assert "Traceback" not in r.stderr
    assert not (salida / "2024-06").exists() and not (salida / "index.html").exists()


# ---------------------------------------------------------------- unidades (rápidas)

HOY = dt.date(2024, 7, 5)


@pytest.mark.parametrize(("periodos", "desde", "hasta", "esperado"), [
    (["2024-06"], None, None, ["2024-06"]),
    (["anterior"], None, None, ["2024-06"]),
    (["Anterior "], None, None, ["2024-06"]),
    (["2024-06-30"], None, None, ["2024-06"]),
    (["2024-06", "2024-05", "2024-06"], None, None, ["2024-05", "2024-06"]),
    ([], "2024-01", "2024-03", ["2024-01", "2024-02", "2024-03"]),
    ([], "2023-11", "2024-02", ["2023-11", "2023-12", "2024-01", "2024-02"]),
    ([], "2024-06", "2024-06", ["2024-06"]),
    (["2024-12", "anterior"], "2024-05", "2024-06", ["2024-05", "2024-06", "2024-12"]),
])
def test_resolver_periodos(periodos, desde, hasta, esperado):
    assert resolver_periodos(periodos, desde, hasta, hoy=HOY) == esperado


def test_resolver_periodos_anterior_en_enero():
    assert resolver_periodos(["anterior"], None, None, hoy=dt.date(2025, 1, 5)) == ["2024-12"]
    assert resolver_periodos(["anterior"], None, None, hoy=dt.date(2024, 3, 31)) == ["2024-02"]


def test_resolver_periodos_ultimo():
    llamadas = []

    def ultimo():
        llamadas.append(1)
        return "2024-12"

    assert resolver_periodos(["ultimo"], None, None, hoy=HOY, ultimo=ultimo) == ["2024-12"]
    assert resolver_periodos(["último", "2024-01"], None, None, hoy=HOY, ultimo=ultimo) == ["2024-01", "2024-12"]
    assert resolver_periodos(["2024-01"], None, None, hoy=HOY, ultimo=ultimo) == ["2024-01"]
    assert len(llamadas) == 2  # solo se consulta el libro cuando se pide «ultimo»
    with pytest.raises(ErrorPeriodo, match="requiere los datos"):
        resolver_periodos(["ultimo"], None, None, hoy=HOY)


@pytest.mark.parametrize(("periodos", "desde", "hasta", "mensaje"), [
    (["2024-13"], None, None, "no es válido"),
    (["junio"], None, None, "no es válido"),
    (["2024/06/31"], None, None, "no es válido"),
    ([""], None, None, "no es válido"),
    ([], "2024-01", None, "juntos"),
    ([], None, "2024-06", "juntos"),
    ([], "2024-06", "2024-01", "antes de empezar"),
    ([], "enero", "2024-06", "inválido"),
    ([], None, None, "al menos un periodo"),
])
def test_resolver_periodos_invalidos(periodos, desde, hasta, mensaje):
    with pytest.raises(ErrorPeriodo, match=mensaje):
        resolver_periodos(periodos, desde, hasta, hoy=HOY)


@pytest.fixture(scope="module")
def libro_demo():
    from pai_analisis.libro.carga import cargar_libro

    return cargar_libro()


def _partes(libro, periodo, par=None, cuadernos=None):
    from pai_analisis.metricas.parametros import Parametros

    return huellas.partes_periodo(libro, periodo, par or Parametros(), cuadernos or CUADERNOS)


def test_huella_por_partes_y_estable(libro_demo):
    partes = _partes(libro_demo, "2024-06")
    assert set(partes) == set(huellas.PARTES) and all(re.fullmatch(r"[0-9a-f]{64}", v) for v in partes.values())
    assert _partes(libro_demo, "2024-06") == partes
    assert huellas.huella(partes) != huellas.huella(_partes(libro_demo, "2024-05"))


def test_una_correccion_de_junio_cambia_junio_y_despues_no_antes(libro_demo):
    import copy

    corregido = copy.deepcopy(libro_demo)
    sm = corregido.seguimiento_metas
    fila = (sm["proyecto"] == 7871) & (sm["meta"] == 2) & (sm["periodo"].astype(str) == "2024-06")
    sm.loc[fila, "ejecutado"] += 10
    for periodo, cambia in (("2024-05", False), ("2024-06", True), ("2024-07", True), ("2024-12", True)):
        antes, despues = _partes(libro_demo, periodo), _partes(corregido, periodo)
        assert (antes["seguimiento"] != despues["seguimiento"]) is cambia, periodo
        assert antes["plan"] == despues["plan"]
        assert huellas.motivos({"partes": antes}, despues, periodo) == (["el libro cambió en meses ≤ " + periodo] if cambia else [])


def test_la_huella_cubre_plan_parametros_cuadernos(libro_demo, tmp_path):
    import copy

    from pai_analisis.metricas.parametros import Parametros

    base = _partes(libro_demo, "2024-06")
    otro_plan = copy.deepcopy(libro_demo)
    otro_plan.metas.loc[0, "nombre"] = "Otro nombre"
    assert _partes(otro_plan, "2024-06")["plan"] != base["plan"]  # el plan cuenta para todos los meses
    assert _partes(libro_demo, "2024-06", Parametros(umbral_critico=65))["parametros"] != base["parametros"]
    assert _partes(libro_demo, "2024-06", Parametros(archivo="otra/ruta.yaml"))["parametros"] == base["parametros"]
    carpeta = tmp_path / "cuadernos"
    carpeta.mkdir()
    for c in CUADERNOS:
        shutil.copy2(c, carpeta / c.name)
    copias = sorted(carpeta.glob("*.ipynb"))
    assert _partes(libro_demo, "2024-06", cuadernos=copias)["cuadernos"] == base["cuadernos"]  # solo el contenido
    nb = nbformat.read(copias[2], as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("## Sección nueva"))
    nbformat.write(nb, copias[2])
    assert _partes(libro_demo, "2024-06", cuadernos=copias)["cuadernos"] != base["cuadernos"]


def test_guardar_el_libro_sin_cambios_no_cambia_la_huella(tmp_path):
    """La huella se calcula sobre los datos leídos, no sobre los bytes: guardar otra vez el libro no la cambia."""
    import openpyxl

    from pai_analisis.libro.carga import cargar_libro
    from pai_analisis.libro.plantilla import escribir_plantilla

    ruta = escribir_plantilla(tmp_path / "libro.xlsx", con_ejemplo=True)
    antes = _partes(cargar_libro(ruta), "2024-06")
    wb = openpyxl.load_workbook(ruta)
    wb.save(ruta)
    assert _partes(cargar_libro(ruta), "2024-06") == antes


def test_huella_publicada(tmp_path):
    carpeta = tmp_path / "2024-06"
    assert huellas.publicada(carpeta) is None
    carpeta.mkdir()
    (carpeta / "huella.json").write_text(json.dumps({"huella": "abc"}), encoding="utf-8")
    assert huellas.publicada(carpeta) is None  # sin index.html no cuenta como publicado
    (carpeta / "index.html").write_text("<html></html>", encoding="utf-8")
    assert huellas.publicada(carpeta)["huella"] == "abc"
    (carpeta / "huella.json").write_text("{roto", encoding="utf-8")
    assert huellas.publicada(carpeta) is None
