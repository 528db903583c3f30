"""Un mes ``AAAA-MM`` escrito como texto, sin pandas: la única regla para leerlo.

La usan la celda de un libro (:func:`pai_analisis.comun.periodos.a_periodo`, que además acepta
fechas y números de serie de Excel) y los periodos que pide una corrida
(:func:`pai_analisis.publicacion.periodos.resolver_periodos`), también en el atajo de la
re-corrida sin cambios, que no importa pandas.
"""

from __future__ import annotations

import datetime as dt
import re

# 2024-06, 2024/6, 2024.06, 2024-06-30, 2024-06-30 10:15[:00], 2024-06-30T10:15
PATRON_MES = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def mes_de_texto(texto: str) -> tuple[int, int] | None:
    """``"2024-06"`` (o ``2024/6``, ``2024-06-30``…) → ``(2024, 6)``; lo que no es un mes → ``None``."""
    m = PATRON_MES.match(str(texto).strip())
    if not m:
        return None
    anio, mes, dia = int(m.group(1)), int(m.group(2)), m.group(3)
    if not 1 <= mes <= 12:
        return None
    if dia is not None:
        try:
            dt.date(anio, mes, int(dia))
        except ValueError:
            return None
    return anio, mes


def siguiente(mes: tuple[int, int]) -> tuple[int, int]:
    a, m = mes
    return (a, m + 1) if m < 12 else (a + 1, 1)


def anterior(mes: tuple[int, int]) -> tuple[int, int]:
    a, m = mes
    return (a, m - 1) if m > 1 else (a - 1, 12)


def texto_mes(mes: tuple[int, int]) -> str:
    return f"{mes[0]:04d}-{mes[1]:02d}"
