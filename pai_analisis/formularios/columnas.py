"""Las columnas de los formularios (sección 10): qué hoja tiene cada tipo, sus claves, su contexto y sus entradas.

Cada hoja del formulario (``metas``, ``indicadores``, ``actividades``, ``riesgos``) lleva, en la fila
1, las claves del elemento y las columnas de entrada con el mismo nombre que en las hojas de
seguimiento del libro, más el contexto de solo lectura que necesita quien responde. El orden de
una fila es: claves, contexto, entradas (las entradas, a la derecha, son las únicas desbloqueadas).

Una descripción puede llevar ``{anterior}`` (el mes anterior a P, p. ej. «2024-06») y ``{periodo}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..libro import esquema

CLAVE, CONTEXTO, ENTRADA = "clave", "contexto", "entrada"
TIPOS = ("metas", "indicadores", "actividades", "riesgos")
HOJA_SEGUIMIENTO = {"metas": "seguimiento_metas", "indicadores": "seguimiento_indicadores",
                    "actividades": "seguimiento_actividades", "riesgos": "seguimiento_riesgos"}
CLAVES = {"metas": ("proyecto", "meta"), "indicadores": ("indicador",), "actividades": ("actividad",), "riesgos": ("riesgo",)}
# la entrada que dice si el elemento se reportó (las demás la acompañan)
PRINCIPAL = {"metas": "ejecutado", "indicadores": "resultado", "actividades": "ejecutado", "riesgos": "materializado"}


@dataclass(frozen=True)
class ColumnaFormulario:
    nombre: str
    rol: str  # clave | contexto | entrada
    descripcion: str
    ancho: float = 14
    ajustar: bool = False  # texto largo: se ajusta dentro de la celda


def _clave(nombre: str, descripcion: str, ancho: float = 11) -> ColumnaFormulario:
    return ColumnaFormulario(nombre, CLAVE, descripcion, ancho)


def _contexto(nombre: str, descripcion: str, ancho: float = 14, ajustar: bool = False) -> ColumnaFormulario:
    return ColumnaFormulario(nombre, CONTEXTO, descripcion, ancho, ajustar)


def _entrada(tipo: str, nombre: str, ayuda: str = "", ancho: float = 14) -> ColumnaFormulario:
    col = columna_del_libro(tipo, nombre)
    largo = nombre == "observaciones"
    return ColumnaFormulario(nombre, ENTRADA, col.descripcion + (f". {ayuda}" if ayuda else ""), 45 if largo else ancho, largo)


def columna_del_libro(tipo: str, nombre: str) -> esquema.Columna:
    """La columna del contrato (hoja de seguimiento del tipo) que recibe la entrada ``nombre``."""
    return next(c for c in esquema.HOJAS[HOJA_SEGUIMIENTO[tipo]] if c.nombre == nombre)


_NOMBRE = "Enunciado del elemento, como está en el plan"
_NO_NEGATIVO = "Un número mayor o igual a 0"

COLUMNAS: dict[str, tuple[ColumnaFormulario, ...]] = {
    "metas": (
        _clave("proyecto", "Código del proyecto de inversión"),
        _clave("meta", "Número de la meta dentro del proyecto", 8),
        _contexto("nombre", _NOMBRE, 50, True),
        _contexto("anualizacion", "Tipo de anualización: Suma y Creciente se reportan como lo del mes; Constante y "
                  "Decreciente, como el nivel al corte", 13),
        _contexto("meta_vigencia", "Magnitud programada en la vigencia que rige en {periodo} (con sus reprogramaciones)"),
        _contexto("ejecutado_acumulado", "Ejecutado de la vigencia hasta {anterior}: la suma de lo reportado (Suma, Creciente) "
                  "o el último nivel (Constante, Decreciente)", 15),
        _entrada("metas", "programado", _NO_NEGATIVO),
        _entrada("metas", "ejecutado", _NO_NEGATIVO),
        _entrada("metas", "observaciones"),
    ),
    "indicadores": (
        _clave("indicador", "Identificador del indicador"),
        _contexto("nombre", _NOMBRE, 45, True),
        _contexto("proceso", "Proceso institucional", 22, True),
        _contexto("unidad", "Unidad del resultado (%, días, número…)", 9),
        _contexto("meta", "Valor meta del indicador", 9),
        _contexto("sentido", "mayor: más es mejor; menor: menos es mejor", 9),
        _contexto("periodicidad", "Frecuencia de medición", 13),
        _contexto("resultado_acumulado", "Resultado del año hasta {anterior}", 13),
        _entrada("indicadores", "resultado", "Escriba el resultado, o el numerador y el denominador"),
        _entrada("indicadores", "numerador", _NO_NEGATIVO),
        _entrada("indicadores", "denominador", "Un número mayor que 0"),
        _entrada("indicadores", "observaciones"),
    ),
    "actividades": (
        _clave("actividad", "Identificador de la actividad"),
        _contexto("nombre", _NOMBRE, 50, True),
        _contexto("plan", "Plan del Decreto 612 de 2018", 28, True),
        _contexto("programado_anterior", "% acumulado programado al último corte reportado antes de {periodo}", 13),
        _contexto("ejecutado_anterior", "% acumulado ejecutado al último corte reportado antes de {periodo}", 13),
        _entrada("actividades", "programado", "Entre 0 y 100, y no menor que programado_anterior"),
        _entrada("actividades", "ejecutado", "Entre 0 y 100, y no menor que ejecutado_anterior"),
        _entrada("actividades", "observaciones"),
    ),
    "riesgos": (
        _clave("riesgo", "Identificador del riesgo"),
        _contexto("nombre", "Descripción del riesgo, como está en el mapa de riesgos", 50, True),
        _contexto("proceso", "Proceso o proyecto", 24, True),
        _contexto("tipo", "Corrupción o Gestión", 12),
        _entrada("riesgos", "materializado", "Elija Sí o No de la lista", 15),
        _entrada("riesgos", "observaciones"),
    ),
}


def nombres(tipo: str, rol: str | None = None) -> tuple[str, ...]:
    """Los nombres de las columnas del tipo (de un ``rol``, o todas), en el orden del formulario."""
    return tuple(c.nombre for c in COLUMNAS[tipo] if rol is None or c.rol == rol)


def bloqueadas(tipo: str) -> tuple[str, ...]:
    """Las columnas de solo lectura: claves y contexto."""
    return tuple(c.nombre for c in COLUMNAS[tipo] if c.rol != ENTRADA)


__all__ = ["CLAVE", "CLAVES", "COLUMNAS", "CONTEXTO", "ENTRADA", "HOJA_SEGUIMIENTO", "PRINCIPAL", "TIPOS", "ColumnaFormulario",
           "bloqueadas", "columna_del_libro", "nombres"]
