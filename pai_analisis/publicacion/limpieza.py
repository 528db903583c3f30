"""Restos de corridas que no terminaron: lo que no es de ningún proceso vivo se limpia o se repara.

Bajo el candado de la carpeta, al empezar cada corrida:

* ``DIR/.trabajo-PID-…`` (cuadernos a medio ejecutar y el cálculo de la corrida) de un proceso
  que ya no existe: se borra;
* ``DIR/.P.viejo-PID-…`` (lo publicado que se apartó para el intercambio): si ``DIR/P`` existe, el
  intercambio terminó y se borra; si no existe, la corrida murió entre los dos renombres y se
  **devuelve** a ``DIR/P``: nunca se pierde lo publicado;
* temporales ``.NOMBRE.PID-….tmp`` de escrituras atómicas interrumpidas, en ``DIR`` y en cada
  ``DIR/P``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

log = logging.getLogger("pai_analisis.publicacion")

_TRABAJO = re.compile(r"^\.trabajo-(\d+)-[0-9a-f]+$")
_APARTADO = re.compile(r"^\.(\d{4}-\d{2})\.viejo-(\d+)-[0-9a-f]+$")
_TEMPORAL = re.compile(r"^\..+\.(\d+)-[0-9a-f]{8}\.tmp$")


def vivo(pid: int) -> bool:
    """¿Existe un proceso con ese PID? (el propio cuenta como vivo)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # existe, de otro usuario
        return True
    return True


def limpiar(salida: Path) -> list[str]:
    """Limpia o repara los restos de corridas muertas en ``salida``; devuelve lo que hizo, en frases."""
    hechos: list[str] = []
    if not salida.is_dir():
        return hechos
    for ruta in sorted(salida.iterdir()):
        m = _TRABAJO.match(ruta.name)
        if m and ruta.is_dir() and not vivo(int(m.group(1))):
            shutil.rmtree(ruta, ignore_errors=True)
            hechos.append(f"se borró la carpeta de trabajo de una corrida que no terminó ({ruta.name})")
            continue
        m = _APARTADO.match(ruta.name)
        if m and ruta.is_dir() and not vivo(int(m.group(2))):
            publicado = salida / m.group(1)
            if publicado.exists():
                shutil.rmtree(ruta, ignore_errors=True)
                hechos.append(f"{m.group(1)}: se borró la copia apartada de una corrida que no terminó ({ruta.name})")
            else:
                ruta.rename(publicado)
                hechos.append(f"{m.group(1)}: se devolvió a su lugar lo publicado que una corrida interrumpida había apartado")
    for carpeta in [salida, *(p for p in salida.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}-\d{2}", p.name))]:
        for ruta in carpeta.iterdir():
            m = _TEMPORAL.match(ruta.name)
            if m and ruta.is_file() and not vivo(int(m.group(1))):
                ruta.unlink(missing_ok=True)
                hechos.append(f"se borró un temporal de una escritura interrumpida ({ruta.relative_to(salida)})")
    return hechos
