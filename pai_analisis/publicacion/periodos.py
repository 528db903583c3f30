"""Qué periodos pide una corrida: ``AAAA-MM`` repetibles, ``anterior``, ``ultimo`` y rangos ``--desde/--hasta``.

Una sola regla, sin pandas (biblioteca estándar): la usan el camino completo y el atajo de la
re-corrida sin cambios (:func:`pai_analisis.publicacion.atajo.periodos_pedidos`), que solo se
abstiene cuando hace falta el libro (``ultimo``) o cuando el pedido es un error (que el camino
completo explica). ``tests/test_defectos.py`` comprueba con hypothesis que coinciden.
"""

from __future__ import annotations

import datetime as dt

from ..comun.meses import anterior, mes_de_texto, siguiente, texto_mes
from ..comun.reloj import hoy_bogota
from ..errores import ErrorPeriodo


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
            salida.append(texto_mes(anterior((hoy.year, hoy.month))))
        elif clave in ("ultimo", "último"):
            if ultimo is None:
                raise ErrorPeriodo("«ultimo» requiere los datos del libro.")
            salida.append(ultimo())
        else:
            mes = mes_de_texto(p)
            if mes is None:
                raise ErrorPeriodo(f"El periodo «{p}» no es válido: se esperaba AAAA-MM (p. ej. 2024-06), «anterior» o «ultimo».")
            salida.append(texto_mes(mes))
    if desde or hasta:
        if not (desde and hasta):
            raise ErrorPeriodo("Use --desde y --hasta juntos (p. ej. --desde 2024-01 --hasta 2024-12).")
        ini, fin = mes_de_texto(desde), mes_de_texto(hasta)
        if ini is None or fin is None:
            raise ErrorPeriodo(f"Rango de periodos inválido: «{desde}» a «{hasta}»; se esperaba AAAA-MM.")
        if fin < ini:
            raise ErrorPeriodo(f"El rango termina ({texto_mes(fin)}) antes de empezar ({texto_mes(ini)}).")
        mes = ini
        while mes <= fin:
            salida.append(texto_mes(mes))
            mes = siguiente(mes)
    if not salida:
        raise ErrorPeriodo("Indique al menos un periodo: --periodo AAAA-MM, --periodo anterior o --desde/--hasta.")
    return sorted(set(salida))
