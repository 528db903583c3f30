"""Un parche de celdas sobre una hoja de un .xlsx, sin pasar el libro entero por openpyxl.

openpyxl, al guardar, reescribe el libro entero y pierde lo que no entiende: las listas
desplegables que Excel 2010+ guarda en extensiones (``x14:dataValidations``, las que apuntan a
otra hoja, como las de la plantilla después de guardarla en Excel), formatos condicionales
extendidos, imágenes, segmentaciones… Para que importar el reporte de CRP no toque nada más,
:func:`parchar_hoja` cambia solo el XML de **una** hoja y copia las demás partes del archivo
byte a byte (mismo nombre, fecha y compresión de cada parte).

En esa hoja: un número se escribe ``<c r="D7" s="…"><v>…</v></c>`` (se conserva el estilo ``s``
y se quita una fórmula que hubiera); un texto como cadena en línea (``t="inlineStr"``), para no
tocar ``sharedStrings.xml``; una fila nueva copia los estilos de la fila ``modelo``; la
referencia ``<dimension>`` se amplía si hace falta.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = "http://www.w3.org/XML/1998/namespace"


def _q(nombre: str) -> str:
    return f"{{{_NS}}}{nombre}"


def columna_letra(n: int) -> str:
    letras = ""
    while n:
        n, r = divmod(n - 1, 26)
        letras = chr(65 + r) + letras
    return letras


def _numero_columna(ref: str) -> int:
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n


def ruta_hoja(z: zipfile.ZipFile, titulo: str) -> str:
    """La parte del .xlsx (``xl/worksheets/sheetN.xml``) de la hoja con ese título."""
    libro = etree.fromstring(z.read("xl/workbook.xml"))
    rid = next(h.get(f"{{{_R}}}id") for h in libro.iter(_q("sheet")) if h.get("name") == titulo)
    rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    destino = next(r.get("Target") for r in rels.iter(f"{{{_PKG}}}Relationship") if r.get("Id") == rid)
    return destino.lstrip("/") if destino.startswith("/") else posixpath.normpath(posixpath.join("xl", destino))


def _fila(datos, n: int, modelo: int | None):
    existente = next((r for r in datos.iter(_q("row")) if int(r.get("r")) == n), None)
    if existente is not None:
        existente.attrib.pop("spans", None)  # una pista de Excel (columnas ocupadas) que podría quedar corta
        return existente
    nueva = etree.Element(_q("row"), r=str(n))
    if modelo is not None:
        plantilla = next((r for r in datos.iter(_q("row")) if int(r.get("r")) == modelo), None)
        for c in ([] if plantilla is None else plantilla.iter(_q("c"))):
            if c.get("s") is not None:
                etree.SubElement(nueva, _q("c"), r=f"{re.match(r'[A-Z]+', c.get('r')).group(0)}{n}", s=c.get("s"))
    siguiente = next((r for r in datos.iter(_q("row")) if int(r.get("r")) > n), None)
    if siguiente is None:
        datos.append(nueva)
    else:
        siguiente.addprevious(nueva)
    return nueva


def _celda(fila, ref: str):
    col = _numero_columna(ref)
    for c in fila.iter(_q("c")):
        otra = _numero_columna(c.get("r"))
        if otra == col:
            return c
        if otra > col:
            nueva = etree.Element(_q("c"), r=ref)
            c.addprevious(nueva)
            return nueva
    return etree.SubElement(fila, _q("c"), r=ref)


def _poner(c, valor) -> None:
    for hijo in list(c):
        c.remove(hijo)
    for atributo in ("t", "cm", "vm"):
        c.attrib.pop(atributo, None)
    if isinstance(valor, str):
        c.set("t", "inlineStr")
        t = etree.SubElement(etree.SubElement(c, _q("is")), _q("t"))
        t.text = valor
        t.set(f"{{{_XML}}}space", "preserve")
    else:
        etree.SubElement(c, _q("v")).text = repr(int(valor)) if float(valor).is_integer() else repr(float(valor))


def parchar_hoja(original: bytes, titulo: str, celdas: dict[tuple[int, int], object],
                 modelos: dict[int, int] | None = None) -> bytes:
    """El .xlsx ``original`` con las ``celdas`` {(fila, columna): valor} de la hoja ``titulo`` cambiadas.

    ``modelos``: {fila nueva: fila cuyos estilos copia}. Todas las demás partes quedan byte a byte.
    """
    modelos = modelos or {}
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        parte = ruta_hoja(z, titulo)
        hoja = etree.fromstring(z.read(parte))
        datos = hoja.find(_q("sheetData"))
        for (n, col), valor in sorted(celdas.items()):
            _poner(_celda(_fila(datos, n, modelos.get(n)), f"{columna_letra(col)}{n}"), valor)
        dimension = hoja.find(_q("dimension"))
        if dimension is not None:
            filas = [int(r.get("r")) for r in datos.iter(_q("row"))]
            cols = [_numero_columna(c.get("r")) for c in datos.iter(_q("c"))]
            dimension.set("ref", f"A1:{columna_letra(max(cols, default=1))}{max(filas, default=1)}")
        nuevo = etree.tostring(hoja, xml_declaration=True, encoding="UTF-8", standalone=True)
        salida = io.BytesIO()
        with zipfile.ZipFile(salida, "w") as destino:
            for info in z.infolist():
                destino.writestr(info, nuevo if info.filename == parte else z.read(info.filename))
    return salida.getvalue()
