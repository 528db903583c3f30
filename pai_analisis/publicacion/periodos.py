"""Qué periodos pide una corrida: ``AAAA-MM`` repetibles, ``anterior``, ``ultimo`` y rangos ``--desde/--hasta``."""

from __future__ import annotations

import datetime as dt

from ..comun.periodos import a_periodo
from ..comun.reloj import hoy_bogota
from ..errores import ErrorPeriodo


def _mes_anterior(hoy: dt.date) -> str:
    primero = hoy.replace(day=1)
    return (primero - dt.timedelta(days=1)).strftime("%Y-%m")


def resolver_periodos(periodos: list[str], desde: str | None, hasta: str | None,
                      hoy: dt.date | None = None, ultimo=None) -> list[str]:
    """Lista ordenada y sin repetidos de periodos ``AAAA-MM``.

    ``anterior`` es el mes calendario anterior a ``hoy`` (para cron: el día 5 de cada mes
    se publica el mes que cerró); ``ultimo`` es el último mes con seguimiento en el libro
    (``ultimo`` es una función que lo calcula, pues requiere cargar el libro).
    """
    hoy = hoy or hoy_bogota()
    salida: list[str] = []
    for p in periodos:
        clave = p.strip().lower()
        if clave == "anterior":
            salida.append(_mes_anterior(hoy))
        elif clave in ("ultimo", "último"):
            if ultimo is None:
                raise ErrorPeriodo("«ultimo» requiere los datos del libro.")
            salida.append(ultimo())
        else:
            per = a_periodo(p)
            if per is None:
                raise ErrorPeriodo(f"El periodo «{p}» no es válido: se esperaba AAAA-MM (p. ej. 2024-06), «anterior» o «ultimo».")
            salida.append(str(per))
    if desde or hasta:
        if not (desde and hasta):
            raise ErrorPeriodo("Use --desde y --hasta juntos (p. ej. --desde 2024-01 --hasta 2024-12).")
        ini, fin = a_periodo(desde), a_periodo(hasta)
        if ini is None or fin is None:
            raise ErrorPeriodo(f"Rango de periodos inválido: «{desde}» a «{hasta}»; se esperaba AAAA-MM.")
        if fin < ini:
            raise ErrorPeriodo(f"El rango termina ({fin}) antes de empezar ({ini}).")
        p = ini
        while p <= fin:
            salida.append(str(p))
            p = p + 1
    if not salida:
        raise ErrorPeriodo("Indique al menos un periodo: --periodo AAAA-MM, --periodo anterior o --desde/--hasta.")
    return sorted(set(salida))
