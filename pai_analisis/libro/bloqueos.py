"""¿Está abierto el libro? Los archivos de bloqueo de Excel y LibreOffice, y el candado entre escritores de pai.

Al abrir ``LIBRO.xlsx``, los programas de hojas de cálculo dejan al lado un archivo de bloqueo que
borran al cerrar:

* **Excel**: ``~$LIBRO.xlsx`` (el «archivo de propietario», 165 bytes): el primer byte es la
  longitud del nombre del usuario y le sigue ese nombre en la página de códigos del sistema
  (relleno con espacios hasta el byte 54); después, la longitud (2 bytes, little-endian) y el
  mismo nombre en UTF-16LE. Con nombres largos Excel puede quitar los dos primeros caracteres del
  nombre del libro (``~$BRO.xlsx``), como Word: se buscan las dos formas.
* **LibreOffice**: ``.~lock.LIBRO.xlsx#``, una línea CSV ``autor,usuario,equipo,dd.mm.aaaa hh:mm,url-del-perfil;``.

Si el libro está abierto, escribirlo es inútil y peligroso: cuando la persona guarde, su copia
reemplaza la nuestra sin aviso. :func:`quien_lo_tiene_abierto` dice quién (si el archivo lo dice).

Entre procesos de ``pai``, :func:`candado_de_escritura` toma ``.LIBRO.xlsx.pai-lock`` (un candado
del sistema operativo con :mod:`filelock`; el archivo puede quedar, vacío, sin bloquear a nadie).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

from ..errores import ErrorLibroAbierto


def _excel(archivo: Path) -> str:
    try:
        datos = archivo.read_bytes()
    except OSError:
        return "Excel"
    if datos:
        n = datos[0]
        nombre = datos[1:1 + n].decode("cp1252", errors="replace").strip()
        if 0 < n <= 52 and nombre.isprintable():
            return f"Excel, usuario «{nombre}»"
    return "Excel"


def _libreoffice(archivo: Path) -> str:
    try:
        texto = archivo.read_text(encoding="utf-8", errors="replace").strip()
        # campos separados por «,» y terminados en «;»; «\», «,» y «;» dentro de un campo van con «\» delante
        campos = [re.sub(r"\\(.)", r"\1", c) for c in re.split(r"(?<!\\),", re.sub(r"(?<!\\);$", "", texto))]
    except OSError:
        return "LibreOffice"
    autor, usuario, equipo, fecha = (campos + ["", "", "", ""])[:4]
    quien = autor.strip() or usuario.strip()
    partes = [f"usuario «{quien}»"] if quien else []
    if equipo.strip():
        partes.append(f"en el equipo «{equipo.strip()}»")
    if fecha.strip():
        partes.append(f"desde {fecha.strip()}")
    return "LibreOffice" + (", " + " ".join(partes) if partes else "")


def archivos_de_bloqueo(libro: Path) -> list[tuple[Path, str]]:
    """Los archivos de bloqueo que hay junto a ``libro``, con el programa y el usuario que dicen."""
    libro = Path(libro)
    candidatos = [(libro.with_name(f"~${libro.name}"), _excel), (libro.with_name(f".~lock.{libro.name}#"), _libreoffice)]
    if len(libro.stem) > 2:
        candidatos.insert(1, (libro.with_name(f"~${libro.name[2:]}"), _excel))
    return [(ruta, leer(ruta)) for ruta, leer in candidatos if ruta.is_file()]


def quien_lo_tiene_abierto(libro: Path) -> str | None:
    """``"Excel, usuario «Ana»"`` si hay un archivo de bloqueo al lado (con su nombre); ``None`` si no."""
    hallados = archivos_de_bloqueo(libro)
    if not hallados:
        return None
    return "; ".join(f"{quien} (archivo de bloqueo «{ruta.name}»; si nadie lo tiene abierto porque el programa se "
                     "cerró mal, bórrelo)" for ruta, quien in hallados)


@contextlib.contextmanager
def candado_de_escritura(libro: Path, espera: float) -> Iterator[None]:
    """Un solo escritor de ``pai`` a la vez sobre ``libro``; el segundo espera ``espera`` segundos y sale con error."""
    from filelock import FileLock, Timeout

    candado = FileLock(str(Path(libro).with_name(f".{Path(libro).name}.pai-lock")))
    try:
        candado.acquire(timeout=max(float(espera), 0.0))
    except Timeout:
        raise ErrorLibroAbierto(f"Otro comando de pai está escribiendo el libro «{Path(libro).name}» y no terminó en "
                                f"{espera:g} s. No se escribió nada; vuelva a intentarlo (o use --espera con más segundos)."
                                ) from None
    except OSError as exc:
        raise ErrorLibroAbierto(f"No se pudo tomar el candado de escritura junto a «{libro}» ({exc.strerror}). "
                                "No se escribió nada.") from exc
    try:
        yield
    finally:
        candado.release()
