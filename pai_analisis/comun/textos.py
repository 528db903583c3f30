"""Textos del libro: comparación sin tildes, mayúsculas ni espacios sobrantes; Sí/No.

Los códigos se comparan sin importar mayúsculas, tildes ni espacios sobrantes
("creciente", "CRECIENTE" y "Créciente " son lo mismo).
"""

from __future__ import annotations

import re
import unicodedata

_ESPACIOS = re.compile(r"\s+")


def normalizar(texto: object) -> str:
    """Clave de comparación: sin tildes, minúsculas, espacios internos simples."""
    s = unicodedata.normalize("NFKD", str(texto))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return _ESPACIOS.sub(" ", s).strip().casefold()


def limpiar(texto: object) -> str:
    """Texto libre: espacios sobrantes fuera, tildes y mayúsculas intactas."""
    return _ESPACIOS.sub(" ", str(texto)).strip()


def normalizar_id(texto: object) -> str:
    """Identificadores de texto (``gf-01 `` → ``GF-01``): sin tildes, mayúsculas, sin espacios sobrantes."""
    return normalizar(texto).upper()


def canonico(texto: object, valores: tuple[str, ...]) -> str | None:
    """El valor de ``valores`` que coincide con ``texto`` al normalizar, o ``None``."""
    clave = normalizar(texto)
    for v in valores:
        if normalizar(v) == clave:
            return v
    return None


_SI = {"si", "true", "verdadero", "1", "x"}


def es_si(valor: object) -> bool:
    """``True`` para «Sí» (sin importar tildes ni mayúsculas), ``True``, 1 o «x»; lo demás es ``False``.

    La única lectura de Sí/No del paquete (la validación ya exige «Sí» o «No» en las hojas del
    contrato; esto también acepta booleanos de Excel).
    """
    if isinstance(valor, bool):
        return valor
    return normalizar(valor) in _SI
