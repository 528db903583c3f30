"""Publicación atómica de la carpeta de un periodo: se arma aparte y se intercambia con ``DIR/P``.

Dos renombres en el mismo disco: lo publicado se aparta como ``DIR/.P.viejo-PID-…``, lo nuevo
toma su lugar y solo entonces se borra lo apartado (sus archivos siguen vivos, por enlaces
duros, en ``DIR/P/versiones/vN``). Si la corrida muere entre los dos renombres, la siguiente
corrida devuelve lo apartado a su lugar (:mod:`.limpieza`).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

from ..comun.archivos import escribir_atomico

CARPETA_ERRORES = "_errores"


def apartado(salida: Path, periodo: str) -> Path:
    return salida / f".{periodo}.viejo-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def publicar_periodo(salida: Path, construida: Path, periodo: str, registro: dict) -> Path:
    """Publica ``construida`` (ya completa: HTML, portada, cuadernos, versiones) como ``salida/periodo``.

    ``registro``: lo que se escribe en ``huella.json`` (huella, partes, versión, fechas).
    """
    escribir_atomico(construida / "huella.json", json.dumps(registro, ensure_ascii=False, indent=2))
    destino = salida / periodo
    if destino.exists():
        viejo = apartado(salida, periodo)
        destino.rename(viejo)
        try:
            construida.rename(destino)
        except BaseException:
            viejo.rename(destino)
            raise
        shutil.rmtree(viejo, ignore_errors=True)
    else:
        construida.rename(destino)
    shutil.rmtree(salida / CARPETA_ERRORES / periodo, ignore_errors=True)
    return destino
