"""El registro de una corrida de ``pai informes``: ``DIR/pai-informes.log`` y, si se pide, la terminal.

:func:`registrar` es un contexto: al entrar agrega los manejadores al registrador
``pai_analisis.publicacion`` y al salir deja el registrador exactamente como estaba (nivel,
propagación y manejadores). Así, llamar :func:`~pai_analisis.publicacion.publicar_informes` desde
una sesión de Python no deja estado global.
"""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from pathlib import Path

from ..comun.archivos import crear_carpeta, error_disco

log = logging.getLogger("pai_analisis.publicacion")

ARCHIVO_LOG = "pai-informes.log"


class _Terminal(logging.StreamHandler):
    """Escribe en el ``sys.stderr`` de cada momento (no en el que había al crear el manejador)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _valor) -> None:
        pass


@contextmanager
def registrar(salida: Path, terminal: bool = True):
    """Registro de la corrida en ``salida/pai-informes.log`` (y en la terminal con ``terminal``); restaura todo al salir."""
    crear_carpeta(salida)
    try:
        archivo = logging.FileHandler(salida / ARCHIVO_LOG, encoding="utf-8")
    except OSError as exc:
        raise error_disco(exc, salida / ARCHIVO_LOG) from exc
    archivo.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [pid %(process)d] %(message)s"))
    nuevos: list[logging.Handler] = [archivo]
    if terminal:
        consola = _Terminal()
        consola.setFormatter(logging.Formatter("%(message)s"))
        nuevos.append(consola)
    antes = (log.level, log.propagate)
    for h in nuevos:
        log.addHandler(h)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        yield archivo
    finally:
        for h in nuevos:
            log.removeHandler(h)
            h.close()
        log.setLevel(antes[0])
        log.propagate = antes[1]
