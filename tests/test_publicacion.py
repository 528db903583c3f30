"""Publicar un periodo (sección 7): estado del periodo, correcciones, versiones, restos, tiempo máximo, vigencias.

Las corridas de punta a punta (marca ``lento``) usan un **cuaderno mínimo** (el encabezado, el
resultado del mes y el pie de ``01_resumen``) para que cada periodo cueste un kernel corto; los
siete informes completos se prueban en ``test_informes.py`` y ``test_cuadernos.py``. ``pai`` corre
como subproceso, como en cron.

Los libros se escriben con :func:`escribir_plantilla` a partir del plan 2024 y de su año de
demostración, recortados a mano: qué filas se quitan (y por qué la cobertura da lo que da) está
en los comentarios.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from pai_analisis.libro.demostracion import seguimiento_demostracion
from pai_analisis.libro.plan import tablas_plan_2024
from pai_analisis.libro.plantilla import escribir_plantilla
from pai_analisis.publicacion.atajo import CONSTANCIA
from pai_analisis.publicacion.limpieza import limpiar
from pai_analisis.publicacion.publicador import Publicacion
from pai_analisis.publicacion.registro import ARCHIVO_LOG

RAIZ = Path(__file__).resolve().parents[1]
SEGUIMIENTO = ("seguimiento_metas", "presupuesto", "seguimiento_indicadores", "seguimiento_actividades", "seguimiento_riesgos")


# ---------------------------------------------------------------- utilidades

def pai(*args: str, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    """``pai ARGS`` como subproceso, desde la raíz del proyecto y sin TTY, como en cron."""
    return subprocess.run([sys.executable, "-m", "pai_analisis.cli", *args], cwd=RAIZ, capture_output=True, text=True,
                          timeout=timeout, encoding="utf-8", env=env)


def contenido(carpeta: Path, sin: tuple[str, ...] = (ARCHIVO_LOG, CONSTANCIA)) -> dict[str, bytes]:
    # el registro y la constancia del atajo (publicacion.atajo) son de la corrida, no de lo publicado
    return {str(p.relative_to(carpeta)): p.read_bytes() for p in sorted(carpeta.rglob("*")) if p.is_file() and p.name not in sin}


def sin_vecinos(datos: dict[str, bytes]) -> dict[str, bytes]:
    """El contenido sin el bloque de los meses vecinos: publicar abril agrega a marzo el enlace «abril →», nada más."""
    return {k: re.sub(rb"<!--pai:vecinos-->.*?<!--/pai:vecinos-->", b"", v, flags=re.S) for k, v in datos.items()}


def tiempos(carpeta: Path) -> dict[str, int]:
    return {str(p.relative_to(carpeta)): p.stat().st_mtime_ns for p in sorted(carpeta.rglob("*")) if p.is_file()}


def libro(ruta: Path, hasta: str, quitar=None) -> Path:
    """El plan 2024 con el seguimiento de demostración de los meses ≤ ``hasta``; ``quitar(tablas)`` lo recorta más."""
    t = tablas_plan_2024() | seguimiento_demostracion()
    for h in SEGUIMIENTO:
        t[h] = t[h][t[h]["periodo"].astype(str) <= hasta].reset_index(drop=True)
    if quitar:
        quitar(t)
    return escribir_plantilla(ruta, tablas=t, demostracion=True, sobrescribir=True)


def _quitar_de_abril(t: dict, hoja: str, n: int) -> None:
    d = t[hoja]
    t[hoja] = d.drop(d[d["periodo"].astype(str) == "2024-04"].head(n).index).reset_index(drop=True)


def abril_parcial(t: dict) -> None:
    """Abril con 6 de 43 metas, 10 de 32 indicadores y 2 de 7 cortes presupuestales sin reportar.

    Esperados en abril: 43 metas + 32 indicadores + 25 actividades + 7 proyectos = 107;
    recibidos 37 + 22 + 25 + 5 = 89 → cobertura 89/107 = 83,2 % < 90 %: preliminar.
    """
    _quitar_de_abril(t, "seguimiento_metas", 6)
    _quitar_de_abril(t, "seguimiento_indicadores", 10)
    _quitar_de_abril(t, "presupuesto", 2)


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    """Un solo cuaderno, ``01_resumen`` reducido a su encabezado, el resultado del mes y el pie."""
    carpeta = tmp_path_factory.mktemp("cuadernos")
    nb = nbformat.read(RAIZ / "cuadernos" / "01_resumen.ipynb", as_version=4)
    nb.cells = nb.cells[:5] + nb.cells[-1:]
    assert "parameters" in nb.cells[1].metadata["tags"] and "pie(" in nb.cells[-1].source
    nbformat.write(nb, carpeta / "01_resumen.ipynb")
    return carpeta


def informes(salida: Path, datos: Path | list[Path], mini: Path, *args: str, timeout: int = 600, pdf: bool = False,
             env: dict | None = None) -> subprocess.CompletedProcess:
    """``pai informes`` con el cuaderno mínimo; sin el PDF del comité salvo ``pdf`` (lo prueba ``test_pdf.py``)."""
    libros = [datos] if isinstance(datos, Path) else datos
    return pai("informes", "--salida", str(salida), "--cuadernos", str(mini), *(f"--datos={d}" for d in libros), *args,
               *([] if pdf else ["--sin-pdf"]), timeout=timeout, env=env)


# ---------------------------------------------------------------- rápidas

def _pid_muerto() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_limpieza_de_restos_de_corridas_muertas(tmp_path):
    muerto = _pid_muerto()
    (tmp_path / f".trabajo-{muerto}-abc123").mkdir()
    (tmp_path / f".trabajo-{muerto}-abc123" / "calculo.pkl").write_bytes(b"x" * 1000)
    (tmp_path / f".trabajo-{os.getpid()}-def456").mkdir()  # de un proceso vivo (este): no se toca
    (tmp_path / "2024-05").mkdir()
    (tmp_path / f".2024-05.viejo-{muerto}-aa11").mkdir()  # el intercambio terminó: sobra
    (tmp_path / f".2024-06.viejo-{muerto}-bb22").mkdir()  # murió entre los dos renombres: se devuelve
    (tmp_path / f".2024-06.viejo-{muerto}-bb22" / "index.html").write_text("junio publicado", encoding="utf-8")
    (tmp_path / "2024-05" / f".index.html.{muerto}-0123abcd.tmp").write_text("medio", encoding="utf-8")
    hechos = limpiar(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".trabajo-{os.getpid()}-def456", "2024-05", "2024-06"]
    assert (tmp_path / "2024-06" / "index.html").read_text(encoding="utf-8") == "junio publicado"  # nada se pierde
    assert list((tmp_path / "2024-05").iterdir()) == []
    assert len(hechos) == 4 and any("se devolvió a su lugar" in h for h in hechos)


@pytest.mark.parametrize(("publicacion", "codigo"), [
    (Publicacion(publicados=["2024-06"]), 0),
    (Publicacion(omitidos=["2024-06"]), 0),
    (Publicacion(sin_datos={"2024-07": "sin datos"}), 3),
    (Publicacion(publicados=["2024-06"], sin_datos={"2024-07": "sin datos"}), 3),
    (Publicacion(fallidos={"2024-06": "falló"}, sin_datos={"2024-07": "sin datos"}), 1),  # una falla pesa más
])
def test_codigo_de_salida(publicacion, codigo):
    assert publicacion.codigo_salida == codigo


# ---------------------------------------------------------------- estado del periodo (7.1, 7.4)

@pytest.fixture(scope="module")
def marzo_publicado(tmp_path_factory, mini):
    """Marzo publicado con un libro que llega a marzo; cada prueba parte de una copia."""
    base = tmp_path_factory.mktemp("marzo")
    datos = libro(base / "marzo.xlsx", "2024-03")
    salida = base / "informes"
    r = informes(salida, datos, mini, "--periodo", "2024-03")
    assert r.returncode == 0, r.stderr
    return salida


@pytest.mark.lento
@pytest.mark.parametrize(("caso", "hasta", "quitar", "codigo"), [
    ("sin_datos", "2024-03", None, 3),  # cron del 5 de mayo antes de cargar abril
    ("preliminar", "2024-04", abril_parcial, 0),
    ("completo", "2024-04", None, 0),
])
def test_estado_del_periodo_en_cron(marzo_publicado, mini, tmp_path, caso, hasta, quitar, codigo):
    salida = tmp_path / "informes"
    shutil.copytree(marzo_publicado, salida)
    antes, marzo = contenido(salida), contenido(salida / "2024-03")
    datos = libro(tmp_path / "libro.xlsx", hasta, quitar)
    r = informes(salida, datos, mini, "--periodo", "anterior", "--hoy", "2024-05-05")
    assert r.returncode == codigo, r.stderr
    assert "Traceback" not in r.stderr
    # marzo no depende de abril: su huella no cambió y no se vuelve a publicar (solo gana el enlace a abril)
    assert sin_vecinos(contenido(salida / "2024-03")) == sin_vecinos(marzo)
    assert not (salida / "2024-03" / "versiones").exists()
    log = (salida / ARCHIVO_LOG).read_text(encoding="utf-8")
    if caso == "sin_datos":
        assert not (salida / "2024-04").exists()
        assert contenido(salida) == antes  # nada más cambió: ni el archivo general
        assert "2024-04: SIN DATOS" in r.stderr and "2024-04: SIN DATOS" in log
        assert "no se publica" in r.stderr
        return
    portada = json.loads((salida / "2024-04" / "portada.json").read_text(encoding="utf-8"))
    assert portada["estado_periodo"] == caso and portada["demostracion"] is True
    resumen = (salida / "2024-04" / "01_resumen.html").read_text(encoding="utf-8")
    tapa = (salida / "2024-04" / "index.html").read_text(encoding="utf-8")
    archivo = (salida / "index.html").read_text(encoding="utf-8")
    if caso == "preliminar":
        assert portada["cobertura"]["total"] == pytest.approx(100 * 89 / 107)
        faltan = ("faltan 6 de 43 metas sin su reporte de abril, 10 de 32 indicadores sin su medición de abril "
                  "y 2 de 7 proyectos sin corte presupuestal de abril")
        for pagina in (resumen, tapa):
            assert "Preliminar:" in pagina and faltan in pagina and "83,2\u00a0%" in pagina
        assert 'Abril de 2024</a></td><td>Preliminar</td>' in archivo
    else:
        assert portada["cobertura"]["total"] == 100.0
        assert "Preliminar:" not in resumen and "Preliminar:" not in tapa


# ---------------------------------------------------------------- correcciones y versiones (7.2, 7.3)

def _corregir_junio(t: dict) -> None:
    """La meta 7871-2 ejecutó 10 más en junio (la corrección del issue 9)."""
    sm = t["seguimiento_metas"]
    fila = (sm["proyecto"] == 7871) & (sm["meta"] == 2) & (sm["periodo"].astype(str) == "2024-06")
    assert fila.sum() == 1
    sm.loc[fila, "ejecutado"] = sm.loc[fila, "ejecutado"].astype(float) + 10


@pytest.mark.lento
def test_correccion_de_junio_vuelve_a_publicar_junio_y_julio_y_guarda_la_version(mini, tmp_path):
    datos = libro(tmp_path / "seguimiento.xlsx", "2024-07")
    salida = tmp_path / "informes"
    r = informes(salida, datos, mini, "--desde", "2024-04", "--hasta", "2024-07")
    assert r.returncode == 0, r.stderr
    antes = {p: contenido(salida / p) for p in ("2024-04", "2024-05", "2024-06", "2024-07")}
    mtimes = {p: tiempos(salida / p) for p in ("2024-04", "2024-05")}

    libro(datos, "2024-07", _corregir_junio)  # la Oficina corrige junio en el mismo libro
    r = informes(salida, datos, mini, "--periodo", "anterior", "--hoy", "2024-08-05")  # cron del 5 de agosto
    assert r.returncode == 0, r.stderr
    log = (salida / ARCHIVO_LOG).read_text(encoding="utf-8")
    assert "2024-06: se publica otra vez (ya estaba publicado): el libro cambió en meses ≤ 2024-06." in log, log
    assert "2024-07: publicado en" in log and "(versión 2: el libro cambió en meses ≤ 2024-07)" in log
    # abril y mayo no dependen de junio: ni un byte ni una fecha de modificación cambian
    for p in ("2024-04", "2024-05"):
        assert tiempos(salida / p) == mtimes[p] and contenido(salida / p) == antes[p]
    for p in ("2024-06", "2024-07"):
        guardada = contenido(salida / p / "versiones" / "v1")
        assert guardada == antes[p]  # la versión anterior, byte a byte
        huella = json.loads((salida / p / "huella.json").read_text(encoding="utf-8"))
        assert huella["version"] == 2
    tapa = (salida / "2024-06" / "index.html").read_text(encoding="utf-8")
    assert "Versión 2" in tapa and "versiones/v1/index.html" in tapa
    assert "7871-2" in tapa  # la meta corregida está entre las cifras que cambiaron
    archivo = (salida / "index.html").read_text(encoding="utf-8")
    assert 'Junio de 2024</a></td><td>Completo</td><td>Versión 2<br>' in archivo
    assert 'Mayo de 2024</a></td><td>Completo</td><td>Versión 1<br>' in archivo

    # un rango abril–julio después no vuelve a renderizar nada: todo está al día
    todo = contenido(salida)
    r = informes(salida, datos, mini, "--desde", "2024-04", "--hasta", "2024-07")
    assert r.returncode == 0, r.stderr
    despues = contenido(salida)
    assert despues.pop("index.html") and todo.pop("index.html")  # el archivo general se rehace (su fecha de generación)
    assert despues == todo
    assert "0 publicado(s), 4 sin cambios" in r.stderr
    # y sin leer el libro: la corrida de la corrección comprobó abril y mayo (al día) y los dejó en la constancia
    assert "no se leyó el libro" in r.stderr


# ---------------------------------------------------------------- dos vigencias en cron

@pytest.mark.lento
def test_cron_de_enero_cruza_el_cambio_de_vigencia(mini, tmp_path):
    """El 5 de enero de 2025 se publica diciembre de 2024 con su libro; el 5 de febrero, enero de 2025 aún no tiene datos."""
    viejo = libro(tmp_path / "2024.xlsx", "2024-12")
    nuevo = tmp_path / "2025.xlsx"
    assert pai("plantilla", str(nuevo), "--vigencia", "2025", "--desde", str(viejo)).returncode == 0
    salida = tmp_path / "informes"
    r = informes(salida, [viejo, nuevo], mini, "--periodo", "anterior", "--hoy", "2025-01-05")
    assert r.returncode == 0, r.stderr
    assert json.loads((salida / "2024-12" / "portada.json").read_text(encoding="utf-8"))["vigencia"] == 2024
    r = informes(salida, [viejo, nuevo], mini, "--periodo", "anterior", "--hoy", "2025-02-05")
    assert r.returncode == 3, r.stderr
    assert "2025-01: SIN DATOS" in r.stderr and not (salida / "2025-01").exists()
    assert (salida / "2024-12" / "index.html").is_file()  # lo de 2024 sigue publicado


# ---------------------------------------------------------------- tiempo máximo y restos de corridas muertas

@pytest.mark.lento
def test_cuaderno_que_se_cuelga_se_corta_y_los_demas_siguen(mini, tmp_path):
    cuadernos = tmp_path / "cuadernos"
    shutil.copytree(mini, cuadernos)
    nb = nbformat.read(cuadernos / "01_resumen.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell("import time\ntime.sleep(3600)"))
    nbformat.write(nb, cuadernos / "02_colgado.ipynb")
    datos = libro(tmp_path / "libro.xlsx", "2024-06")
    salida = tmp_path / "informes"
    muerto = _pid_muerto()
    (salida / f".trabajo-{muerto}-abc123").mkdir(parents=True)  # una corrida anterior que mataron
    r = informes(salida, datos, cuadernos, "--periodo", "2024-06", "--tiempo-cuaderno", "20", timeout=300)
    assert r.returncode == 1, r.stderr
    assert "02_colgado" in r.stderr and "tiempo" in r.stderr
    assert not (salida / "2024-06").exists()  # el periodo del cuaderno colgado no se publica
    assert not list(salida.glob(".trabajo-*"))  # el resto de la corrida muerta se limpió
    log = (salida / ARCHIVO_LOG).read_text(encoding="utf-8")
    assert "se borró la carpeta de trabajo de una corrida que no terminó" in log


def _cuaderno(ruta: Path, codigo: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    parametros = nbformat.v4.new_code_cell("x = 1")
    parametros.metadata["tags"] = ["parameters"]
    nb.cells = [parametros, nbformat.v4.new_code_cell(codigo)]
    nbformat.write(nb, ruta)
    return ruta


@pytest.mark.lento
def test_kernel_muerto_o_colgado_no_detiene_el_carril(tmp_path):
    """Un carril solo: el cuaderno que se cuelga se corta a su tiempo, el que mata el kernel es un error en
    español, y el carril sigue con un kernel nuevo; entre cuadernos no quedan variables del anterior."""
    from pai_analisis.publicacion.carriles import Tarea, ejecutar_en_carriles

    codigos = {"a": "y = 7\nprint(x)", "colgado": "import time\ntime.sleep(3600)", "muerto": "import os\nos._exit(1)",
               "b": "print(x, 'y' in dir())", "c": "print(x, 'y' in dir())"}
    tareas = [Tarea("p", _cuaderno(tmp_path / f"{n}.ipynb", c), tmp_path / f"{n}.salida.ipynb", {"x": i})
              for i, (n, c) in enumerate(codigos.items())]
    resultados = []
    ejecutar_en_carriles(tareas, 1, tmp_path, resultados.append, limite=5)
    por_nombre = {r.tarea.cuaderno.stem: r for r in resultados}
    assert list(por_nombre) == list(codigos)
    assert por_nombre["colgado"].vencido and "pasó su tiempo máximo de 5 s" in por_nombre["colgado"].error
    assert not por_nombre["muerto"].vencido and "murió" in por_nombre["muerto"].error
    for n in ("colgado", "muerto"):  # queda escrito hasta donde llegó, para guardarlo junto al error
        assert nbformat.read(tmp_path / f"{n}.salida.ipynb", as_version=4).metadata["papermill"]["parameters"]["x"] in (1, 2)
    for n, esperado in (("a", "0\n"), ("b", "3 False\n"), ("c", "4 False\n")):
        assert por_nombre[n].error is None
        nb = nbformat.read(tmp_path / f"{n}.salida.ipynb", as_version=4)
        assert nb.cells[-1].outputs[0].text == esperado


# ---------------------------------------------------------------- el PDF es un añadido

@pytest.mark.lento
def test_sin_las_bibliotecas_del_pdf_se_publica_el_html(mini, tmp_path):
    """Un WeasyPrint que no carga (como sin Pango en el servidor): una línea en el registro y el HTML publicado."""
    falso = tmp_path / "sitio" / "weasyprint"
    falso.mkdir(parents=True)
    (falso / "__init__.py").write_text('raise OSError("cannot load library \'libpango-1.0-0\'")\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(falso.parent), str(RAIZ)])}
    datos = libro(tmp_path / "libro.xlsx", "2024-06")
    salida = tmp_path / "informes"
    r = informes(salida, datos, mini, "--desde", "2024-05", "--hasta", "2024-06", pdf=True, env=env)
    assert r.returncode == 0, r.stderr
    for p in ("2024-05", "2024-06"):
        assert (salida / p / "01_resumen.html").is_file() and not (salida / p / f"informe-{p}.pdf").exists()
        assert "Descargar el PDF" not in (salida / p / "index.html").read_text(encoding="utf-8")
    log = (salida / ARCHIVO_LOG).read_text(encoding="utf-8")
    # una sola línea: sin el motor, la corrida deja de intentarlo con el otro periodo
    assert log.count("no se generó el PDF del comité") == 1, log
    assert "libpango-1.0-0" in log and "apt-get install" in log and "Se publica solo el HTML." in log


@pytest.mark.lento
def test_el_pdf_no_para_un_carril_y_sus_fallas_no_se_pierden(mini, tmp_path, monkeypatch):
    """El PDF y la publicación de un periodo van en su propio hilo («pai-pdf»), no en el del carril que
    terminó el último cuaderno: con un carril, el cuaderno de mayo ya corrió cuando termina el PDF de
    abril. Un defecto inesperado en ese hilo llega a quien llamó (no queda en un Future sin mirar)."""
    import threading

    from pai_analisis.publicacion import publicar_informes, renderizado

    datos = libro(tmp_path / "libro.xlsx", "2024-06")
    vistos: list[tuple[str, str, bool]] = []  # (periodo, hilo, ¿ya estaba el cuaderno de mayo?)

    def imprimir_lento(carpeta, p, impresion):
        import time

        time.sleep(6)  # un PDF largo: el carril, libre, ejecuta mientras tanto el cuaderno del mes siguiente
        mayo = carpeta.parent / "2024-05" / "cuadernos" / "01_resumen.ipynb"
        vistos.append((p, threading.current_thread().name, mayo.is_file()))

    monkeypatch.setattr(renderizado, "_imprimir", imprimir_lento)
    r = publicar_informes(desde="2024-04", hasta="2024-05", datos=datos, cuadernos=mini, salida=tmp_path / "a",
                          procesos=1, forzar=True, terminal=False)
    assert r.publicados == ["2024-04", "2024-05"], r
    assert [p for p, _, _ in vistos] == ["2024-04", "2024-05"]
    assert all(h.startswith("pai-pdf") for _, h, _ in vistos), vistos
    assert vistos[0][2], "el carril esperó al PDF de abril antes de ejecutar mayo"

    def imprimir_roto(carpeta, p, impresion):
        raise RuntimeError("defecto del hilo del PDF")

    monkeypatch.setattr(renderizado, "_imprimir", imprimir_roto)
    with pytest.raises(RuntimeError, match="defecto del hilo del PDF"):
        publicar_informes(["2024-05"], datos=datos, cuadernos=mini, salida=tmp_path / "b", forzar=True, terminal=False)
