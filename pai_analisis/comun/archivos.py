"""Escritura de archivos: siempre a un lado y luego un renombre, y errores de disco en español.

Todo archivo que escribe el paquete (el JSON y el Excel de ``pai metricas``, la plantilla, las
páginas publicadas, el cálculo de una corrida) pasa por :func:`escribir_atomico`:

* se escribe completo en un temporal de la **misma carpeta** y solo entonces reemplaza al
  destino (``os.replace``): un disco lleno o un proceso interrumpido nunca deja un ``.xlsx``
  truncado ni un ``.json`` de 0 bytes, y el archivo anterior sigue intacto;
* solo se escriben **archivos comunes**: una carpeta, un dispositivo (``/dev/full``), una
  tubería (FIFO) o un socket en el destino es un error claro, nunca se reemplazan;
* un **enlace simbólico** se sigue a propósito: se escribe (atómicamente) el archivo al que
  apunta y el enlace queda como estaba;
* un ``OSError`` se convierte en :class:`~pai_analisis.errores.ErrorEscritura`, con la ruta y la
  causa en español (sin espacio, solo lectura, no es una carpeta, sin permiso).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import uuid
from collections.abc import Callable
from pathlib import Path

from ..errores import ErrorEscritura

_CAUSAS = {
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EDQUOT: "se agotó la cuota de disco",
    errno.EROFS: "el sistema de archivos es de solo lectura",
    errno.EACCES: "no hay permiso de escritura",
    errno.EPERM: "no hay permiso de escritura",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.EISDIR: "es una carpeta, no un archivo",
    errno.ENOENT: "la carpeta no existe",
    errno.ENAMETOOLONG: "el nombre es demasiado largo",
    errno.ELOOP: "hay un ciclo de enlaces simbólicos",
    errno.EXDEV: "el temporal y el destino quedaron en discos distintos",
}


def causa_disco(exc: OSError) -> str:
    """La causa de un error de disco en español («no queda espacio en el disco»…)."""
    if exc.errno in _CAUSAS:
        return _CAUSAS[exc.errno]
    nombre = errno.errorcode.get(exc.errno or 0)
    return f"error del sistema de archivos ({nombre})" if nombre else "error del sistema de archivos"


def error_disco(exc: OSError, ruta: Path | str, que: str = "escribir") -> ErrorEscritura:
    """``No se pudo escribir «/ruta»: no queda espacio en el disco.``"""
    return ErrorEscritura(f"No se pudo {que} «{ruta}»: {causa_disco(exc)}.")


def destino_escribible(ruta: Path | str) -> Path:
    """El archivo que se va a escribir: ``ruta``, o el destino del enlace si ``ruta`` es un enlace simbólico.

    Lanza :class:`ErrorEscritura` si en ese lugar hay algo que no es un archivo común.
    """
    ruta = Path(ruta)
    destino = Path(os.path.realpath(ruta)) if ruta.is_symlink() else ruta
    try:
        modo = destino.stat().st_mode
    except FileNotFoundError:
        return destino
    except OSError as exc:
        raise error_disco(exc, ruta) from exc
    if stat.S_ISREG(modo):
        return destino
    if stat.S_ISDIR(modo):
        raise ErrorEscritura(f"No se pudo escribir «{ruta}»: es una carpeta. Indique la ruta de un archivo.")
    tipo = ("un dispositivo" if stat.S_ISCHR(modo) or stat.S_ISBLK(modo) else "una tubería (FIFO)" if stat.S_ISFIFO(modo)
            else "un socket" if stat.S_ISSOCK(modo) else "algo que no es un archivo común")
    raise ErrorEscritura(f"No se pudo escribir «{ruta}»: es {tipo}, no un archivo común. Indique la ruta de un archivo.")


def crear_carpeta(carpeta: Path | str) -> Path:
    """``mkdir -p`` con el error de disco en español (p. ej. una parte de la ruta es un archivo)."""
    carpeta = Path(carpeta)
    try:
        carpeta.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise ErrorEscritura(f"No se pudo crear la carpeta «{carpeta}»: ya existe un archivo con ese nombre.") from exc
    except OSError as exc:
        raise error_disco(exc, carpeta, "crear la carpeta") from exc
    return carpeta


def escribir_atomico(ruta: Path | str, contenido: bytes | str | Callable[[Path], object], *, modo: int | None = None) -> Path:
    """Escribe ``contenido`` en ``ruta`` a un lado y renombra; devuelve la ruta escrita.

    ``contenido``: bytes, texto (UTF-8) o una función que recibe la ruta del temporal y lo
    escribe (p. ej. ``libro.save``). ``modo``: permisos del archivo nuevo (por defecto los del
    archivo que reemplaza, o 0644).
    """
    destino = destino_escribible(ruta)
    crear_carpeta(destino.parent)
    temporal = destino.with_name(f".{destino.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        if callable(contenido):
            contenido(temporal)
        else:
            with open(temporal, "wb") as f:
                f.write(contenido.encode("utf-8") if isinstance(contenido, str) else contenido)
                f.flush()
                os.fsync(f.fileno())
        if modo is None:
            try:
                modo = stat.S_IMODE(destino.stat().st_mode)
            except OSError:
                modo = 0o644
        os.chmod(temporal, modo)
        os.replace(temporal, destino)
    except OSError as exc:
        _borrar(temporal)
        raise error_disco(exc, ruta) from exc
    except BaseException:
        _borrar(temporal)
        raise
    return destino


def _borrar(ruta: Path) -> None:
    with contextlib.suppress(OSError):
        ruta.unlink()
