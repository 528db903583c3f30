"""Dónde están los archivos de una corrida: los libros de ``--datos`` y el ``parametros/base.yaml`` que rige.

Sin pandas ni nada pesado: lo usan :mod:`pai_analisis.metricas.parametros` y el atajo de la
re-corrida sin cambios (:mod:`pai_analisis.publicacion.atajo`), que no lee el libro.
"""

from __future__ import annotations

from pathlib import Path


def buscar_base(desde: Path | None = None) -> Path | None:
    """El ``parametros/base.yaml`` que rige una corrida sin ``--parametros``.

    Primero el de la carpeta dada (o la actual) o alguna superior: el de un proyecto o copia del
    repositorio, que la Oficina puede editar. Si no hay ninguno, el que trae el paquete instalado.
    """
    carpeta = (desde or Path.cwd()).resolve()
    for c in (carpeta, *carpeta.parents):
        candidato = c / "parametros" / "base.yaml"
        if candidato.is_file():
            return candidato
    return _base_incorporada()


def _base_incorporada() -> Path | None:
    from importlib import resources

    instalada = Path(str(resources.files("pai_analisis") / "parametros" / "base.yaml"))
    if instalada.is_file():
        return instalada
    repositorio = Path(__file__).resolve().parents[2] / "parametros" / "base.yaml"  # una copia del repositorio sin instalar
    return repositorio if repositorio.is_file() else None


def libros_en(datos) -> list[Path]:
    """Los .xlsx de ``datos`` (rutas de libros o carpetas): en cada carpeta, sus .xlsx en orden, sin los
    temporales de Excel (``~$…``) ni los ocultos. La única regla: la usan ``cargar_libros`` y el atajo."""
    rutas: list[Path] = []
    for d in map(Path, datos):
        rutas += sorted(p for p in d.glob("*.xlsx") if not p.name.startswith(("~$", "."))) if d.is_dir() else [d]
    return rutas
