"""Los enlaces al mes anterior y al siguiente en cada página publicada (ver :mod:`pai_analisis.informes.navegacion`).

Después de cada corrida se recorren los periodos publicados (la versión vigente de cada uno, nunca
``versiones/``): los vecinos de un periodo son el periodo publicado anterior y el siguiente del
mismo tipo (datos reales o de demostración). Solo se reescriben, de forma atómica, las páginas cuyo
bloque de vecinos cambió: publicar agosto toca la navegación de julio, y nada más.
"""

from __future__ import annotations

from pathlib import Path

from ..comun.archivos import escribir_atomico
from ..informes.navegacion import bloque_vecinos, poner_vecinos
from .archivo import leer_publicados


def actualizar_vecinos(salida: Path) -> list[Path]:
    """Pone al día el bloque de vecinos de cada página publicada; devuelve las páginas reescritas."""
    grupos: dict[bool, list[str]] = {}
    for f in leer_publicados(salida):
        grupos.setdefault(bool(f.get("demostracion")), []).append(f["periodo"])
    reescritas = []
    for periodos in grupos.values():
        periodos = sorted(periodos)
        for i, periodo in enumerate(periodos):
            anterior = periodos[i - 1] if i > 0 else None
            siguiente = periodos[i + 1] if i + 1 < len(periodos) else None
            for pagina in sorted((salida / periodo).glob("*.html")):
                texto = pagina.read_text(encoding="utf-8")
                nuevo = poner_vecinos(texto, bloque_vecinos(anterior, siguiente, pagina.name))
                if nuevo != texto:
                    escribir_atomico(pagina, nuevo)
                    reescritas.append(pagina)
    return reescritas
