"""La forma del paquete: las etapas siguen el camino de los datos y nada deja estado global.

Etapas, en orden: ``comun`` y ``errores`` (debajo de todo) → ``fuentes`` (los archivos del
Distrito) → ``libro`` → ``metricas`` → ``formularios`` (el reporte del mes de cada dependencia, de ida
y de vuelta: usa quién debe qué de ``metricas`` y escribe el libro con su único escritor) → ``modelo`` (las
tablas tipadas) → ``informes`` → ``publicacion`` → ``cli``. Un módulo solo importa de su etapa o de las anteriores,
también dentro de funciones (importaciones tardías).
"""

from __future__ import annotations

import argparse
import ast
import logging
from pathlib import Path

import pytest

import pai_analisis

PAQUETE = Path(pai_analisis.__file__).parent
ETAPAS = {"errores": 0, "comun": 0, "fuentes": 1, "libro": 2, "metricas": 3, "formularios": 4, "modelo": 5, "informes": 6,
          "publicacion": 7, "cli": 8, "cli_oficina": 8}


def _etapa(partes: list[str]) -> int | None:
    return ETAPAS.get(partes[0]) if partes else None


def _importaciones(ruta: Path):
    """(línea, módulo importado como partes relativas a pai_analisis) de cada importación del paquete en ``ruta``."""
    relativo = list(ruta.relative_to(PAQUETE).with_suffix("").parts)
    paquete = relativo[:-1] if relativo[-1] != "__init__" else relativo[:-1]
    for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
        if isinstance(nodo, ast.ImportFrom):
            if nodo.level:
                base = paquete[: len(paquete) - (nodo.level - 1)] if nodo.level > 1 else paquete
                destino = base + (nodo.module.split(".") if nodo.module else [])
                if not nodo.module:  # «from . import x» / «from .. import x»: x es un módulo de esa carpeta
                    for alias in nodo.names:
                        yield nodo.lineno, destino + [alias.name]
                    continue
                yield nodo.lineno, destino
            elif nodo.module and nodo.module.startswith("pai_analisis"):
                yield nodo.lineno, nodo.module.split(".")[1:]
        elif isinstance(nodo, ast.Import):
            for alias in nodo.names:
                if alias.name.startswith("pai_analisis."):
                    yield nodo.lineno, alias.name.split(".")[1:]


MODULOS = sorted(p for p in PAQUETE.rglob("*.py") if p.name != "__init__.py" or p.parent != PAQUETE)


@pytest.mark.parametrize("ruta", MODULOS, ids=lambda p: str(p.relative_to(PAQUETE)))
def test_ninguna_importacion_va_contra_el_flujo(ruta):
    origen = _etapa(list(ruta.relative_to(PAQUETE).with_suffix("").parts))
    assert origen is not None, f"{ruta} no está en ninguna etapa"
    contra = [(linea, ".".join(destino)) for linea, destino in _importaciones(ruta)
              if (_etapa(destino) or 0) > origen]
    assert not contra, f"{ruta.relative_to(PAQUETE)} importa de etapas posteriores: {contra}"


def test_los_modulos_son_pequenos():
    grandes = {str(p.relative_to(PAQUETE)): n for p in MODULOS if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert not grandes, f"módulos de más de 300 líneas: {grandes}"


def test_api_publica_explicita():
    assert "publicar_informes" in pai_analisis.__all__ and "ErrorEscritura" in pai_analisis.__all__
    for nombre in pai_analisis.__all__:
        assert getattr(pai_analisis, nombre) is not None
    from pai_analisis.errores import ErrorPAI

    def _subclases(clase):
        for sub in clase.__subclasses__():
            yield sub
            yield from _subclases(sub)

    subclases = {c for c in _subclases(ErrorPAI) if c.__module__.startswith("pai_analisis")}
    assert len(subclases) >= 8
    for clase in subclases:  # toda subclase de ErrorPAI del paquete se exporta (ErrorPDF, PDFNoDisponible…)
        assert clase.__name__ in pai_analisis.__all__, clase
        assert getattr(pai_analisis, clase.__name__) is clase


def test_importar_y_usar_la_cli_no_toca_argparse_ni_el_registro(capsys):
    antes_argparse = argparse._
    log = logging.getLogger("pai_analisis.publicacion")
    antes = (log.level, log.propagate, list(log.handlers))
    from pai_analisis import cli

    assert argparse._ is antes_argparse
    assert cli.main(["metricas", "--periodo", "2024-06"]) == 0
    with pytest.raises(SystemExit):
        cli.main(["metricas"])  # error de argumentos: el texto sale en español…
    assert "faltan estos argumentos" in capsys.readouterr().err
    assert argparse._ is antes_argparse  # …y argparse queda como estaba para otros programas
    assert (log.level, log.propagate, list(log.handlers)) == antes


def test_los_graficos_no_cambian_el_estilo_del_analista():
    import matplotlib as mpl

    from pai_analisis.informes import graficos
    from pai_analisis.metricas.parametros import Parametros

    antes = dict(mpl.rcParams)
    fig = graficos.barras_semaforo(["a", "b"], [50.0, 95.0], Parametros())
    assert fig is not None
    assert dict(mpl.rcParams) == antes
