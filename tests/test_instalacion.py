"""El paquete instalado funciona en cualquier carpeta: la rueda lleva cuadernos y parámetros.

* Cada módulo que importa el paquete es de la biblioteca estándar o de una dependencia
  declarada en ``pyproject.toml`` (sin extras): lo que cron instala basta. Las herramientas del
  extra ``analistas`` (itables para ``pai.mostrar``) solo se importan dentro de una función, al
  usarlas: importar el paquete en el servidor de cron nunca las pide.
* La rueda (``pip wheel``) se instala en un entorno virtual nuevo y, desde una carpeta
  temporal sin el repositorio, ``pai informes --periodo 2024-06`` publica (marca ``lento``).
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
PAQUETE = RAIZ / "pai_analisis"


def _importados(*, solo_modulo: bool = False) -> dict[str, set[str]]:
    """Módulo de primer nivel → archivos del paquete que lo importan (sin importaciones relativas).

    ``solo_modulo``: solo las importaciones del nivel del módulo (no las de dentro de funciones).
    """
    usados: dict[str, set[str]] = {}
    for archivo in PAQUETE.rglob("*.py"):
        arbol = ast.parse(archivo.read_text(encoding="utf-8"))
        for nodo in (arbol.body if solo_modulo else ast.walk(arbol)):
            nombres = []
            if isinstance(nodo, ast.Import):
                nombres = [a.name for a in nodo.names]
            elif isinstance(nodo, ast.ImportFrom) and nodo.level == 0 and nodo.module:
                nombres = [nodo.module]
            for n in nombres:
                usados.setdefault(n.split(".")[0], set()).add(str(archivo.relative_to(RAIZ)))
    return usados


def _declaradas() -> set[str]:
    """Las dependencias de ``pai-analisis`` sin extras, en minúsculas y con «-»."""
    requisitos = md.requires("pai-analisis") or []
    sin_extra = [r for r in requisitos if "extra ==" not in r]
    return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].strip().lower().replace("_", "-") for r in sin_extra}


def _del_extra(extra: str) -> set[str]:
    requisitos = md.requires("pai-analisis") or []
    return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].strip().lower().replace("_", "-")
            for r in requisitos if f'extra == "{extra}"' in r}


def test_cada_modulo_importado_es_una_dependencia_declarada():
    distribuciones = md.packages_distributions()
    declaradas = _declaradas()
    analistas = _del_extra("analistas")
    al_importar = _importados(solo_modulo=True)
    faltan = {}
    for modulo, archivos in _importados().items():
        if modulo in sys.stdlib_module_names or modulo in {"pai_analisis", "__future__"}:
            continue
        dists = {d.lower().replace("_", "-") for d in distribuciones.get(modulo, [modulo])}
        if dists & analistas and modulo not in al_importar:
            continue  # del extra analistas, importado solo al usarlo
        if not dists & declaradas:
            faltan[modulo] = sorted(archivos)
    assert not faltan, f"módulos importados que no son dependencias declaradas: {faltan}"


def test_las_herramientas_de_analistas_no_son_de_cron():
    """JupyterLab e itables van en el extra «analistas»: el servidor de cron no los necesita."""
    declaradas = _declaradas()
    assert "jupyterlab" not in declaradas and "itables" not in declaradas
    extras = md.metadata("pai-analisis").get_all("Provides-Extra") or []
    assert "analistas" in extras


@pytest.fixture(scope="module")
def rueda(tmp_path_factory) -> Path:
    destino = tmp_path_factory.mktemp("rueda")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(destino), str(RAIZ)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    (archivo,) = destino.glob("pai_analisis-*.whl")
    return archivo


@pytest.mark.lento
def test_la_rueda_lleva_cuadernos_parametros_plantillas_y_datos(rueda):
    nombres = set(zipfile.ZipFile(rueda).namelist())
    for c in sorted((RAIZ / "cuadernos").glob("*.ipynb")):
        assert f"pai_analisis/cuadernos/{c.name}" in nombres
    assert "pai_analisis/parametros/base.yaml" in nombres
    assert "pai_analisis/informes/plantillas/pai/index.html.j2" in nombres
    assert any(n.startswith("pai_analisis/informes/plantillas/pai/vendor/datatables.net/") for n in nombres)
    assert any(n.startswith("pai_analisis/libro/datos/armonizacion_2024/") for n in nombres)
    licencia = next(n for n in nombres if n.endswith(".dist-info/METADATA"))
    metadatos = zipfile.ZipFile(rueda).read(licencia).decode()
    assert "License-Expression: MIT" in metadatos  # el campo de licencia en su forma actual (PEP 639)


@pytest.mark.lento
def test_la_rueda_instalada_en_un_entorno_nuevo_publica_desde_una_carpeta_cualquiera(rueda, tmp_path):
    entorno = tmp_path / "entorno"
    subprocess.run([sys.executable, "-m", "venv", str(entorno)], check=True, timeout=300)
    python = entorno / "bin" / "python"
    # Las dependencias se toman del entorno de las pruebas (una línea .pth), para no descargarlas;
    # el paquete en sí sale solo de la rueda: el sys.path del entorno nuevo va primero.
    sitio = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                         text=True).strip())
    # Primero la rueda y después la línea .pth: con el entorno de las pruebas ya visible, pip daría por
    # instalado el pai-analisis de ese entorno y no instalaría la rueda.
    r = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(rueda)], capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    (sitio / "dependencias_de_prueba.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    carpeta = tmp_path / "en_otra_parte"
    carpeta.mkdir()
    origen = subprocess.check_output([str(python), "-c", "import pai_analisis; print(pai_analisis.__file__)"], cwd=carpeta,
                                     text=True).strip()
    assert Path(origen).is_relative_to(entorno), origen  # el de la rueda, no el del repositorio

    pai = entorno / "bin" / "pai"
    # El kernel «python3» que ipykernel instala en share/jupyter/ del entorno de las pruebas (una instalación
    # normal lo pone en el entorno nuevo; con la línea .pth solo llegan los módulos, no esos datos).
    entorno_pruebas = Path(sysconfig.get_paths()["data"]) / "share" / "jupyter"
    env = {**os.environ, "JUPYTER_PATH": str(entorno_pruebas)}
    r = subprocess.run([str(pai), "informes", "--periodo", "2024-06", "--sin-pdf"], cwd=carpeta, capture_output=True,
                       text=True, timeout=900, env=env)
    assert r.returncode == 0, r.stderr
    periodo = carpeta / "informes" / "2024-06"
    publicados = sorted(p.name for p in periodo.glob("0*.html"))
    assert publicados == [f"{c.stem}.html" for c in sorted((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb"))]
    assert "pai-demostracion" in (periodo / "index.html").read_text(encoding="utf-8")  # el aviso de datos de demostración

    r = subprocess.run([str(pai), "cuadernos", "mis_cuadernos"], cwd=carpeta, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (carpeta / "mis_cuadernos").glob("*.ipynb")) == sorted(
        p.name for p in (RAIZ / "cuadernos").glob("*.ipynb"))
