"""Los cuadernos de los informes: dónde están, cómo se titulan y cómo se exportan a HTML.

Los siete cuadernos numerados (``01_resumen.ipynb`` … ``07_dependencias.ipynb``) viajan dentro del
paquete instalado (``pai_analisis/cuadernos/`` en la rueda); en una copia del repositorio son la
carpeta ``cuadernos/`` de la raíz. ``pai cuadernos DIR`` los copia para que un analista los
adapte y ``pai informes --cuadernos DIR`` ejecuta los adaptados.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errores import ErrorPublicacion

_NUMERADOS = "[0-9][0-9]_*.ipynb"


def carpeta_incorporada() -> Path:
    """La carpeta de los cuadernos que trae el paquete (rueda instalada o copia del repositorio)."""
    instalada = Path(str(resources.files("pai_analisis") / "cuadernos"))
    if instalada.is_dir() and any(instalada.glob(_NUMERADOS)):
        return instalada
    repositorio = Path(__file__).resolve().parents[2] / "cuadernos"
    if repositorio.is_dir() and any(repositorio.glob(_NUMERADOS)):
        return repositorio
    raise ErrorPublicacion("La instalación de pai-analisis no trae sus cuadernos (.ipynb): reinstale el paquete.")


def buscar_cuadernos(carpeta: Path | str | None = None) -> list[Path]:
    """Los cuadernos numerados de ``carpeta`` (por omisión, los del paquete), en orden."""
    base = carpeta_incorporada() if carpeta is None else Path(carpeta)
    if not base.is_dir():
        raise ErrorPublicacion(f"No existe la carpeta de cuadernos «{base}».")
    cuadernos = sorted(base.glob(_NUMERADOS))
    if not cuadernos:
        raise ErrorPublicacion(f"No hay cuadernos numerados (NN_nombre.ipynb) en «{base}».")
    return cuadernos


def copiar_cuadernos(destino: Path | str, sobrescribir: bool = False) -> list[Path]:
    """Copia los cuadernos del paquete (y ``explorar.ipynb``) a ``destino`` para adaptarlos.

    Sin ``sobrescribir`` no reemplaza nada: si alguno ya existe, el error los nombra a todos y
    no se copia ninguno (nunca queda media copia).
    """
    from ..comun.archivos import crear_carpeta, escribir_atomico

    origen = sorted(carpeta_incorporada().glob("*.ipynb"))
    destino = Path(destino)
    if not sobrescribir:
        existentes = [destino / c.name for c in origen if (destino / c.name).exists()]
        if existentes:
            nombres = ", ".join(f"«{p.name}»" for p in existentes)
            raise ErrorPublicacion(
                f"Ya existen en «{destino}»: {nombres}. No se copió ningún cuaderno; "
                "use --sobrescribir para reemplazarlos o elija otra carpeta."
            )
    crear_carpeta(destino)
    return [escribir_atomico(destino / c.name, c.read_bytes()) for c in origen]


def exportar_cuaderno(carpeta: Path, cuaderno: Path) -> Path:
    """Convierte el cuaderno ejecutado ``carpeta/cuadernos/X.ipynb`` en ``carpeta/X.html``."""
    import nbformat

    from ..informes.paginas import a_html

    nb = nbformat.read(carpeta / "cuadernos" / cuaderno.name, as_version=4)
    destino = carpeta / f"{cuaderno.stem}.html"
    from ..informes.navegacion import titulo_de

    destino.write_text(a_html(nb, titulo_de(cuaderno)[0]), encoding="utf-8")
    return destino
