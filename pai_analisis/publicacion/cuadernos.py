"""Los cuadernos de los informes: dónde están, cómo se titulan y cómo se exportan a HTML.

Los seis cuadernos numerados (``01_resumen.ipynb`` … ``06_riesgos.ipynb``) viajan dentro del
paquete instalado (``pai_analisis/cuadernos/`` en la rueda); en una copia del repositorio son la
carpeta ``cuadernos/`` de la raíz. ``pai cuadernos DIR`` los copia para que un analista los
adapte y ``pai informes --cuadernos DIR`` ejecuta los adaptados.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from ..errores import ErrorPublicacion

TITULOS = {
    "resumen": ("Resumen ejecutivo", "Índice PAI, componentes, alertas principales y proyección a diciembre."),
    "objetivos": ("Objetivos estratégicos", "Cada objetivo con las metas, indicadores y actividades que lo sostienen."),
    "proyectos_presupuesto": ("Proyectos de inversión y presupuesto", "Metas por proyecto, avance físico frente a financiero y curva de compromisos y giros."),
    "indicadores": ("Indicadores de gestión", "Cumplimiento por proceso, mes a mes; indicadores sin reporte y críticos."),
    "plan_integrado": ("Plan de acción integrado", "Actividades del Decreto 612 de 2018 por plan y dependencia; rezagos."),
    "riesgos": ("Riesgos de gestión y corrupción", "Mapas de calor DAFP inherente y residual, riesgos materializados y en zona alta."),
}
_NUMERADOS = "[0-9][0-9]_*.ipynb"


def titulo_de(cuaderno: Path) -> tuple[str, str]:
    """(título, descripción) de un cuaderno ``NN_area.ipynb``."""
    area = re.sub(r"^\d+_", "", cuaderno.stem)
    return TITULOS.get(area, (area.replace("_", " ").capitalize(), ""))


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
    """Copia los cuadernos del paquete (y ``explorar.ipynb``) a ``destino`` para adaptarlos; no pisa archivos sin ``sobrescribir``."""
    from ..comun.archivos import crear_carpeta, escribir_atomico

    destino = crear_carpeta(destino)
    origen = carpeta_incorporada()
    copiados = []
    for c in sorted(origen.glob("*.ipynb")):
        final = destino / c.name
        if final.exists() and not sobrescribir:
            raise ErrorPublicacion(f"Ya existe «{final}»: no se reemplaza (use --sobrescribir para hacerlo).")
        copiados.append(escribir_atomico(final, c.read_bytes()))
    return copiados


def exportar_cuaderno(carpeta: Path, cuaderno: Path) -> Path:
    """Convierte el cuaderno ejecutado ``carpeta/cuadernos/X.ipynb`` en ``carpeta/X.html``."""
    import nbformat

    from ..informes.paginas import a_html

    nb = nbformat.read(carpeta / "cuadernos" / cuaderno.name, as_version=4)
    destino = carpeta / f"{cuaderno.stem}.html"
    destino.write_text(a_html(nb, titulo_de(cuaderno)[0]), encoding="utf-8")
    return destino
