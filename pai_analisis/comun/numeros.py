"""Cifras a la colombiana: ``$20.149 millones``, ``87,5 %``, ``1.234,5``.

Debajo de todas las etapas: los mensajes de la validación y de las alertas y los informes
escriben los números con estas mismas funciones.
"""

from __future__ import annotations

from .faltantes import FALTANTE, es_faltante


def numero(valor, decimales: int = 1) -> str:
    """``1234.5`` → ``1.234,5`` (punto de miles, coma decimal). Un faltante (:func:`.faltantes.es_faltante`) → ``—``."""
    if es_faltante(valor):
        return FALTANTE
    texto = f"{float(valor):,.{decimales}f}"
    return texto.replace(",", "\0").replace(".", ",").replace("\0", ".")


def decimales_de(valor: float, maximo: int = 3) -> int:
    """Los decimales con que se escribió ``valor`` (0,15 → 2; 12 → 0; 4,3 → 1), como mucho ``maximo``."""
    for d in range(maximo + 1):
        if abs(valor * 10**d - round(valor * 10**d)) < 1e-9 * max(1.0, abs(valor * 10**d)):
            return d
    return maximo


def magnitud(valor, maximo: int = 3) -> str:
    """Una magnitud con la precisión con que se escribió: ``0.15`` → ``0,15``; ``20000`` → ``20.000``; ``2/3`` → ``0,667``.

    Para metas y programaciones: redondear 0,15 a «0,1» hace que 0,15 de 0,15 parezca 66,7 %.
    """
    if es_faltante(valor):
        return FALTANTE
    return numero(valor, decimales_de(float(valor), maximo))


# Decimales con que se muestra un valor de indicador según su unidad (claves sin tildes ni mayúsculas).
# Una unidad que no está aquí: un decimal, como los porcentajes.
DECIMALES_UNIDAD = {"%": 1, "porcentaje": 1, "dias": 1, "horas": 1, "numero": 0, "unidades": 0, "personas": 0}


def decimales_unidad(unidad, referencia=None) -> int:
    """Los decimales de un valor de indicador: los de su unidad, o los de ``referencia`` (su meta) si tiene más.

    ``"días"`` → 1 (un promedio calculado 5,4333… se muestra 5,4 días); ``"número"`` → 0; ``"%"`` con
    una meta escrita 0,15 → 2 (el resultado 0,12 % no se redondea a 0,1 %). La referencia cuenta hasta
    con 3 decimales.
    """
    from .textos import normalizar

    base = DECIMALES_UNIDAD.get(normalizar(unidad), 1) if isinstance(unidad, str) and unidad.strip() else 1
    if es_faltante(referencia):
        return base
    return max(base, decimales_de(float(referencia)))


def pct(valor, decimales: int = 1, simbolo: bool = True) -> str:
    """``87.5`` → ``87,5 %`` (con espacio antes del símbolo)."""
    texto = numero(valor, decimales)
    return texto if texto == FALTANTE or not simbolo else f"{texto} %"


def millones(valor, decimales: int = 0) -> str:
    """``20149`` → ``$20.149 millones``."""
    texto = numero(valor, decimales)
    return texto if texto == FALTANTE else f"${texto} millones"


def puntos(diferencia, decimales: int = 1) -> str:
    """Variación en puntos: ``4.2`` → ``sube 4,2 puntos``; ``-1`` → ``baja 1,0 puntos``."""
    if es_faltante(diferencia):
        return "sin dato del mes anterior"
    if abs(diferencia) < 0.05:
        return "se mantiene igual"
    verbo = "sube" if diferencia > 0 else "baja"
    return f"{verbo} {numero(abs(diferencia), decimales)} puntos"


__all__ = ["DECIMALES_UNIDAD", "decimales_de", "decimales_unidad", "magnitud", "millones", "numero", "pct", "puntos"]
