"""pai-analisis: seguimiento mensual del Plan de Acción Institucional (PAI) de la Secretaría General.

El paquete sigue el camino de los datos, una etapa por sub-paquete (cada una importa solo las
anteriores): :mod:`~pai_analisis.libro` (contrato, lectura, validación, plantilla) →
:mod:`~pai_analisis.metricas` (la metodología) → :mod:`~pai_analisis.formularios` (el reporte del
mes de cada dependencia, de ida y de vuelta) → :mod:`~pai_analisis.informes` (las piezas de
los informes) → :mod:`~pai_analisis.publicacion` (cuadernos, huellas, archivo); encima,
:mod:`~pai_analisis.cli`. Debajo de todas, :mod:`~pai_analisis.comun` y :mod:`~pai_analisis.errores`.

La API pública es la de ``__all__``; importar el paquete no cambia ningún estado global (los
nombres se cargan al usarlos: ``import pai_analisis`` no importa pandas).
"""

import importlib as _importlib
import importlib.metadata as _metadata

try:
    __version__ = _metadata.version("pai-analisis")
except _metadata.PackageNotFoundError:  # pragma: no cover - ejecutado sin instalar
    __version__ = "0.0.0"

_PUBLICOS = {
    "Libro": "libro.carga",
    "cargar_libro": "libro.carga",
    "escribir_plantilla": "libro.plantilla",
    "escribir_formularios": "formularios.escritura",
    "recoger_formularios": "formularios.recogida",
    "Metricas": "metricas.calculo",
    "calcular_metricas": "informes.contexto",  # la metodología y la frase de cada alerta
    "serie_mensual": "metricas.calculo",
    "serie_larga": "modelo.serie",
    "tablas": "modelo.tablas",
    "Parametros": "metricas.parametros",
    "cargar_parametros": "metricas.parametros",
    "advertencias": "metricas.advertencias",
    "exportar_xlsx": "informes.excel",
    "preparar": "informes.contexto",
    "mostrar": "informes.vista",
    "Publicacion": "publicacion.publicador",
    "publicar_informes": "publicacion.publicador",
    "ErrorPAI": "errores",
    "ErrorLectura": "errores",
    "ErrorValidacion": "errores",
    "ErrorParametros": "errores",
    "ErrorPeriodo": "errores",
    "ErrorEscritura": "errores",
    "ErrorPublicacion": "errores",
    "ErrorReporte": "errores",
    "ErrorPDF": "errores",
    "ErrorLibroAbierto": "errores",
    "ErrorFormulas": "errores",
    "PDFNoDisponible": "errores",
}

__all__ = sorted([*_PUBLICOS, "__version__"])


def __getattr__(nombre: str):
    if nombre in _PUBLICOS:
        valor = getattr(_importlib.import_module(f".{_PUBLICOS[nombre]}", __name__), nombre)
        globals()[nombre] = valor
        return valor
    raise AttributeError(f"module {__name__!r} has no attribute {nombre!r}")


def __dir__() -> list[str]:
    """Solo la API pública (``__all__``): ni los sub-paquetes ni los ayudantes internos."""
    return list(__all__)
