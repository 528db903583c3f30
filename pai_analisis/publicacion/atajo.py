"""Atajo de la re-corrida sin cambios: si ninguna entrada cambió byte a byte, no se lee el libro.

La huella de cada periodo (:mod:`.huellas`, sección 7.2) se toma sobre el libro leído y
validado, y eso, con importar pandas, cuesta más de un segundo. La corrida diaria de cron
(``0 6 5-28 * *``) casi siempre encuentra los mismos archivos que la del día anterior: si **los
bytes** de los libros, del archivo de parámetros, de los cuadernos y de la fuente de ``--fuente``, y el contenido del paquete
son idénticos a los de la última corrida completa que terminó sin fallos, y cada periodo pedido
quedó publicado (o sin cambios) en esa corrida, leerlo todo terminaría omitiéndolos: se omiten
sin leer nada.

La constancia es ``DIR/.pai-entradas.json`` (``{"entradas": sha256, "periodos": [...]}``). La
escribe una corrida completa sin periodos fallidos y se borra justo antes de publicar cualquier
cosa, así una corrida que falla o se interrumpe a medias no deja una constancia vieja; una que
falla antes (un libro inválido) no toca nada de ``DIR``, tampoco la constancia.
``--forzar``, ``--periodo ultimo`` (exige leer el libro), un periodo que no esté en la
constancia (por ejemplo, uno que salió sin datos) o una carpeta publicada que falte llevan al
camino completo. Este módulo no importa pandas.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from .huellas import _contenido_paquete

CONSTANCIA = ".pai-entradas.json"


def _sha_archivo(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def entradas(datos: list[Path] | None, ejemplo: str, ruta_parametros: Path | None, carpeta_cuadernos: Path | None,
             fuente: tuple[Path, str | None] | None = None) -> str | None:
    """SHA-256 de todo lo que entra a una corrida, tal como está en el disco; ``None`` si algo no se puede leer.

    ``None`` lleva al camino completo, que dirá qué falta con su mensaje de siempre. ``fuente``: el
    archivo de la conciliación y la entidad pedida (``pai informes --fuente``): sus bytes cuentan.
    """
    from .. import __version__
    from ..comun.recursos import buscar_base, libros_en
    from .cuadernos import buscar_cuadernos

    try:
        parametros = ruta_parametros if ruta_parametros is not None else buscar_base()
        partes = {
            "paquete": f"{__version__}:{_contenido_paquete()}",
            "datos": ([[str(r.resolve()), _sha_archivo(r)] for r in libros_en(datos)] if datos is not None else ["ejemplo", ejemplo]),
            "parametros": [str(parametros.resolve()), _sha_archivo(parametros)] if parametros is not None else None,
            "cuadernos": [[c.name, _sha_archivo(c)] for c in buscar_cuadernos(carpeta_cuadernos)],
            "fuente": [str(fuente[0].resolve()), _sha_archivo(fuente[0]), fuente[1]] if fuente is not None else None,
        }
    except Exception:  # noqa: BLE001 - cualquier problema de lectura: el camino completo lo explica
        return None
    return hashlib.sha256(json.dumps(partes, sort_keys=True).encode()).hexdigest()


def periodos_pedidos(pedidos: list[str], desde: str | None, hasta: str | None, hoy: dt.date | None) -> list[str] | None:
    """Los periodos ``AAAA-MM`` pedidos si se pueden saber sin el libro; si no (``ultimo``, un error), ``None``.

    La misma regla que el camino completo (:func:`.periodos.resolver_periodos`), sin ``ultimo``: un
    pedido que necesita el libro o que es inválido va al camino completo, que lo resuelve o lo explica.
    """
    from ..errores import ErrorPeriodo
    from .periodos import resolver_periodos

    try:
        return resolver_periodos(pedidos, desde, hasta, hoy=hoy, ultimo=None)
    except ErrorPeriodo:
        return None


def sin_cambios(salida: Path, periodos: list[str], huella_entradas: str | None) -> bool:
    """¿La última corrida completa sin fallos tuvo estas mismas entradas y dejó publicados estos periodos?"""
    if huella_entradas is None or not (salida / "index.html").is_file():
        return False
    try:
        constancia = json.loads((salida / CONSTANCIA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(constancia, dict) or constancia.get("entradas") != huella_entradas:
        return False
    vigentes = set(constancia.get("periodos") or ())
    return all(p in vigentes and (salida / p / "index.html").is_file() and (salida / p / "huella.json").is_file() for p in periodos)


def olvidar(salida: Path) -> None:
    """Borra la constancia: la corrida va a cambiar lo publicado."""
    (salida / CONSTANCIA).unlink(missing_ok=True)


def recordar(salida: Path, huella_entradas: str | None, periodos: list[str]) -> None:
    """Deja la constancia de una corrida completa sin fallos.

    ``periodos``: los publicados, los pedidos sin cambios y los publicados sin pedir cuya huella
    se comprobó igual (no los que salieron sin datos, ni los que esa corrida no comprobó).
    """
    from ..comun.archivos import escribir_atomico

    if huella_entradas is None or not periodos:
        return
    escribir_atomico(salida / CONSTANCIA, json.dumps({"entradas": huella_entradas, "periodos": sorted(set(periodos))}, indent=2))
