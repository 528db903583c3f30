"""Huellas de los periodos: qué determina los informes de un periodo, para no renderizar lo que no cambió."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import __version__


def _sha(datos: bytes) -> str:
    return hashlib.sha256(datos).hexdigest()


def _contenido_paquete() -> str:
    raiz = Path(__file__).parent
    h = hashlib.sha256()
    for f in sorted(raiz.rglob("*")):
        if f.is_file() and f.suffix in {".py", ".csv", ".j2", ".css", ".json", ".tpl"} and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(raiz)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def huella(periodo: str, datos: Path | None, parametros: Path | None, cuadernos: list[Path]) -> str:
    """SHA-256 de todo lo que determina los informes de ``periodo``."""
    from ..metricas.parametros import buscar_base

    ruta_par = parametros or buscar_base()
    partes = {
        "periodo": periodo,
        "datos": _sha(Path(datos).read_bytes()) if datos and Path(datos).is_file() else f"demostracion:{datos}",
        "parametros": _sha(Path(ruta_par).read_bytes()) if ruta_par and Path(ruta_par).is_file() else f"defecto:{ruta_par}",
        "cuadernos": {c.name: _sha(c.read_bytes()) for c in cuadernos},
        "paquete": [__version__, _contenido_paquete()],
    }
    return _sha(json.dumps(partes, sort_keys=True).encode())


def huella_publicada(carpeta: Path) -> str | None:
    try:
        if (carpeta / "index.html").is_file():
            return json.loads((carpeta / "huella.json").read_text(encoding="utf-8"))["huella"]
    except (OSError, ValueError, KeyError):
        return None
    return None
