"""La hora de Bogotá (UTC−5 todo el año): el único reloj del paquete."""

from __future__ import annotations

import datetime as dt

_BOGOTA = dt.timezone(dt.timedelta(hours=-5), "America/Bogota")


def ahora_bogota() -> dt.datetime:
    """La hora actual en Bogotá. Colombia no cambia de hora: UTC−5 fijo, sin depender de la base de zonas horarias."""
    return dt.datetime.now(_BOGOTA)


def hoy_bogota() -> dt.date:
    """La fecha de hoy en Bogotá (la que usa ``--periodo anterior`` cuando no se da ``--hoy``)."""
    return ahora_bogota().date()


def sello(momento: dt.datetime | None = None) -> str:
    """``2024-07-05 06:00`` (para archivos JSON y el registro)."""
    return (momento or ahora_bogota()).strftime("%Y-%m-%d %H:%M")


def fecha_hora(momento: dt.datetime | None = None) -> str:
    """``15 de julio de 2024, 10:32 (hora de Bogotá)``."""
    from .periodos import MESES  # aquí y no arriba: el reloj no importa pandas

    m = momento or ahora_bogota()
    return f"{m.day} de {MESES[m.month - 1]} de {m.year}, {m:%H:%M} (hora de Bogotá)"
