"""Revisiones de un periodo (sección 7.3): la versión anterior se conserva, byte por byte, en ``DIR/P/versiones/``.

Al publicar otra vez un periodo ya publicado:

* la carpeta nueva se arma aparte con su ``versiones/`` = las versiones que ya había más la que
  estaba publicada, como ``versiones/vN/`` (N = su número de versión);
* se copian con **enlaces duros** (mismo disco: no ocupan espacio de nuevo ni se pueden
  truncar); si el sistema de archivos no los admite, con una copia normal;
* el intercambio con ``DIR/P`` es el de siempre (:mod:`.carpetas`): en ningún momento se pierde
  una versión. Una página de ``versiones/vN/`` no se toca nunca (sus enlaces de navegación
  pueden apuntar a páginas que ya cambiaron: es lo que se publicó entonces).

``huella.json`` de cada versión lleva ``version``, ``primera_publicacion`` y ``revisado``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

CARPETA = "versiones"
_VERSION = re.compile(r"^v(\d+)$")


@dataclass(frozen=True)
class Anterior:
    """Lo que estaba publicado de un periodo: su número de versión, fechas y métricas."""

    version: int
    primera_publicacion: str | None
    revisado: str | None
    metricas: dict


def anterior(carpeta: Path) -> Anterior | None:
    """La versión publicada en ``carpeta`` (``DIR/P``), o ``None`` si el periodo no se ha publicado."""
    try:
        huella = json.loads((carpeta / "huella.json").read_text(encoding="utf-8"))
        metricas = json.loads((carpeta / "metricas.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (carpeta / "index.html").is_file():
        return None
    return Anterior(int(huella.get("version") or 1), huella.get("primera_publicacion") or huella.get("generado"),
                    huella.get("revisado") or huella.get("generado"), metricas)


def listar(carpeta: Path) -> list[tuple[int, str | None]]:
    """Las versiones anteriores guardadas en ``carpeta/versiones`` (número, fecha de revisión), de la más antigua a la más reciente."""
    salida = []
    base = carpeta / CARPETA
    for sub in sorted(base.iterdir(), key=lambda p: int(_VERSION.match(p.name).group(1)) if _VERSION.match(p.name) else 0) \
            if base.is_dir() else []:
        m = _VERSION.match(sub.name)
        if not m or not (sub / "index.html").is_file():
            continue
        try:
            revisado = json.loads((sub / "huella.json").read_text(encoding="utf-8")).get("revisado")
        except (OSError, ValueError):
            revisado = None
        salida.append((int(m.group(1)), revisado))
    return salida


def _enlazar(origen: str, destino: str) -> None:
    try:
        os.link(origen, destino)
    except OSError:
        shutil.copy2(origen, destino)


def archivar(publicada: Path, construida: Path, version: int) -> Path:
    """Pone en ``construida/versiones`` las versiones que ya tenía ``publicada`` y la propia ``publicada`` como ``vN``."""
    destino = construida / CARPETA
    destino.mkdir(parents=True, exist_ok=True)
    previas = publicada / CARPETA
    if previas.is_dir():
        for sub in previas.iterdir():
            if sub.is_dir() and not (destino / sub.name).exists():
                shutil.copytree(sub, destino / sub.name, copy_function=_enlazar)
    vn = destino / f"v{version}"
    if vn.exists():  # una carrera imposible bajo el candado; nunca se pisa una versión guardada
        raise FileExistsError(f"la versión {version} ya está guardada en {vn}")
    shutil.copytree(publicada, vn, copy_function=_enlazar, ignore=lambda carpeta, _n: [CARPETA] if Path(carpeta) == publicada else [])
    return vn
