"""Las hojas del Excel para analistas: cuáles van, en qué orden y con qué formato de número.

Solo definiciones (sin lógica): :mod:`.excel` las escribe. Las columnas y sus encabezados son los
del diccionario de datos del modelo (:mod:`pai_analisis.modelo.columnas`): cada hoja es una tabla de
:func:`~pai_analisis.modelo.tablas` entera. El formato sale de la unidad de la columna: porcentajes en
escala 0–100 con ``0.0" %"`` (no el ``%`` de Excel, que multiplica por 100), dinero en millones con
``#,##0``, códigos y conteos enteros con ``0``; Excel muestra los separadores de la configuración
regional (en Colombia, 20.149 y 87,5 %).
"""

from __future__ import annotations

from ..modelo.columnas import MILL, columnas_de
from ..modelo.columnas import PCT as UNIDAD_PCT

PCT, MILLONES, DECIMAL, ENTERO = '0.0" %"', "#,##0", "#,##0.00", "0"
MOVIMIENTO = "#,##0.0"  # el movimiento del mes puede ser negativo y de una décima (sección 8.1): se ve con su signo

# una hoja por tabla del modelo, en este orden, después de «resumen»
HOJAS = ("objetivos", "proyectos", "metas", "presupuesto", "indicadores", "actividades", "riesgos", "alertas", "dependencias",
         "modificaciones", "armonizacion", "reprogramaciones", "dimensiones")

# columnas de cumplimiento que se colorean con el semáforo
CON_SEMAFORO = {
    "cumplimiento",
    "cumplimiento_anterior",
    "proyeccion_diciembre",
    "Valor",
    "Mes anterior",
    "Proyección a diciembre",
}


def _formato(col) -> str | None:
    if col.unidad == UNIDAD_PCT:
        return PCT
    if col.unidad == MILL:
        return MOVIMIENTO if col.nombre.startswith("movimiento_") else MILLONES
    if col.tipo == "entero":
        return ENTERO
    if col.tipo == "numero":
        return DECIMAL
    return None


def columnas_hoja(tabla: str) -> list[tuple[str, str, str | None]]:
    """(columna, encabezado, formato) de cada columna de la hoja ``tabla``; formato None = texto."""
    return [(c.nombre, c.titulo, _formato(c)) for c in columnas_de(tabla)]


__all__ = ["CON_SEMAFORO", "DECIMAL", "ENTERO", "HOJAS", "MILLONES", "MOVIMIENTO", "PCT", "columnas_hoja"]
