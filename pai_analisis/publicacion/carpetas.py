"""Publicación atómica de la carpeta de un periodo: se arma aparte y se intercambia con ``DIR/P``."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

from ..comun.archivos import escribir_atomico
from ..comun.reloj import sello


def publicar_periodo(salida: Path, carpeta: Path, periodo: str, huella_periodo: str) -> Path:
    """Publica ``carpeta`` (ya completa: HTML, portada, cuadernos) como ``salida/periodo``.

    Dos renombres en el mismo disco: lo publicado antes se aparta, lo nuevo toma su lugar y
    solo entonces se borra lo anterior. Los cuadernos con error de ese periodo se descartan.
    """
    escribir_atomico(carpeta / "huella.json", json.dumps({"huella": huella_periodo, "generado": sello()}))
    destino = salida / periodo
    viejo = salida / f".{periodo}.viejo-{uuid.uuid4().hex[:8]}"
    if destino.exists():
        destino.rename(viejo)
    carpeta.rename(destino)
    shutil.rmtree(viejo, ignore_errors=True)
    shutil.rmtree(salida / "_errores" / periodo, ignore_errors=True)
    return destino
