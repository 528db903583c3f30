"""Las fórmulas de una hoja, leídas del XML tal como lo define Office Open XML (ECMA-376, parte 1, §18.3.1.40).

Una celda con fórmula es ``<c r="E3"><f>…</f><v>…</v></c>``: ``<f>`` guarda la fórmula (sin «=») y
``<v>`` el último valor que calculó un programa de hojas de cálculo (el «valor en caché»). Excel y
LibreOffice guardan una fórmula arrastrada hacia abajo como **fórmula compartida**: la celda
ancla lleva el texto, el rango (``ref``) y un índice (``si``); las demás del grupo llevan solo
``<f t="shared" si="0"/>`` y su fórmula es la del ancla trasladada a su posición (``H2/1000000``
en E2 es ``H3/1000000`` en E3). En una fórmula matricial (``t="array"``) el texto está en la
primera celda del rango y las demás no tienen ``<f>``.

* :func:`formulas_de_hoja`: {(fila, columna): fórmula} de una hoja, con las compartidas resueltas.
* :func:`formulas_sin_valor`: las celdas con fórmula y sin valor en caché de unas hojas (un libro
  que escribió un programa y nadie abrió en Excel o LibreOffice): la lectura las reporta como
  error ``formula_sin_valor`` y no como «la celda está vacía».
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_TIENE_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def q(nombre: str) -> str:
    """El nombre calificado ``{espacio de SpreadsheetML}nombre``."""
    return f"{{{NS}}}{nombre}"


def columna_letra(n: int) -> str:
    letras = ""
    while n:
        n, r = divmod(n - 1, 26)
        letras = chr(65 + r) + letras
    return letras


def numero_columna(letras: str) -> int:
    n = 0
    for ch in letras:
        n = n * 26 + ord(ch) - 64
    return n


def posicion(ref: str) -> tuple[int, int]:
    """``"E12"`` → ``(12, 5)`` (fila, columna)."""
    m = _REF.match(ref)
    if m is None:
        raise ValueError(f"referencia de celda inválida: {ref!r}")
    return int(m.group(2)), numero_columna(m.group(1))


def referencia(fila: int, columna: int) -> str:
    return f"{columna_letra(columna)}{fila}"


def trasladar(formula: str, origen: str, destino: str) -> str:
    """La fórmula de ``origen`` copiada a ``destino`` (las referencias relativas se mueven, las ``$`` no)."""
    from openpyxl.formula.translate import Translator

    return Translator(f"={formula}", origin=origen).translate_formula(destino)[1:]


def ruta_hoja(z: zipfile.ZipFile, titulo: str) -> str:
    """La parte del .xlsx (``xl/worksheets/sheetN.xml``) de la hoja con ese título."""
    libro = etree.fromstring(z.read("xl/workbook.xml"))
    rid = next((h.get(f"{{{_R}}}id") for h in libro.iter(q("sheet")) if h.get("name") == titulo), None)
    if rid is None:
        raise KeyError(f"el libro no tiene la hoja «{titulo}»")
    rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    destino = next(r.get("Target") for r in rels.iter(f"{{{_PKG}}}Relationship") if r.get("Id") == rid)
    return destino.lstrip("/") if destino.startswith("/") else posixpath.normpath(posixpath.join("xl", destino))


@dataclass
class CeldaFormula:
    """Una celda con fórmula: su texto resuelto, si es parte de una compartida (``si``) y si tiene valor en caché."""

    fila: int
    columna: int
    formula: str
    compartida: str | None
    ancla: bool
    con_valor: bool


def celdas_con_formula(hoja_xml: bytes) -> list[CeldaFormula]:
    """Todas las celdas con fórmula del XML de una hoja, en orden del documento, con las compartidas resueltas."""
    if not _TIENE_FORMULA.search(hoja_xml):
        return []
    celdas: list[CeldaFormula] = []
    anclas: dict[str, tuple[str, str]] = {}  # si → (celda del ancla, texto)
    for _, c in etree.iterparse(io.BytesIO(hoja_xml), tag=q("c"), huge_tree=True):
        f = c.find(q("f"))
        if f is not None and f.get("t") != "dataTable":
            ref = c.get("r")
            fila, col = posicion(ref)
            si = f.get("si") if f.get("t") == "shared" else None
            texto = f.text or ""
            ancla = si is not None and bool(texto)
            if ancla:
                anclas[si] = (ref, texto)
            v = c.find(q("v"))
            # openpyxl escribe «<v></v>» en una fórmula que no calculó: vacío y sin t="str" no es un valor en caché
            con_valor = (v is not None and (bool(v.text) or c.get("t") == "str")) or c.find(q("is")) is not None
            celdas.append(CeldaFormula(fila, col, texto, si, ancla, con_valor))
        c.clear(keep_tail=True)
    for celda in celdas:
        if celda.compartida is not None and not celda.ancla and celda.compartida in anclas:
            origen, texto = anclas[celda.compartida]
            celda.formula = trasladar(texto, origen, referencia(celda.fila, celda.columna))
    return celdas


def formulas_de_hoja(original: bytes, titulo: str) -> dict[tuple[int, int], str]:
    """{(fila, columna): fórmula sin «=»} de la hoja ``titulo`` del .xlsx ``original``."""
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        xml = z.read(ruta_hoja(z, titulo))
    return {(c.fila, c.columna): c.formula for c in celdas_con_formula(xml)}


def formulas_sin_valor(ruta, titulos) -> dict[str, dict[tuple[int, int], str]]:
    """{título: {(fila, columna): fórmula}} de las celdas con fórmula y sin valor en caché de esas hojas."""
    salida: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(ruta) as z:
        for titulo in titulos:
            try:
                xml = z.read(ruta_hoja(z, titulo))
            except (KeyError, StopIteration):
                continue
            faltan = {(c.fila, c.columna): c.formula for c in celdas_con_formula(xml) if not c.con_valor}
            if faltan:
                salida[titulo] = faltan
    return salida
