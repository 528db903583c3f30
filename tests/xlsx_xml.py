"""El .xlsx por dentro, para las pruebas: partes del zip, hojas por nombre, celdas y orden del esquema.

Lo usan ``libro_oficina.py`` (que arma el libro vivo de la Oficina a nivel XML) y las pruebas del
escritor (sección 9) para mirar lo que quedó escrito: una celda con su ``<f>`` y su ``<v>``
(:func:`celda_xml`, :func:`formula`), la cadena de cálculo (:func:`cadena_de_calculo`, con el ``i``
omitido ya resuelto); y :func:`pisar_celda`, el escritor ingenuo del issue.

El orden de los hijos de ``<worksheet>`` y de ``<workbook>`` es el de las secuencias ``CT_Worksheet``
y ``CT_Workbook`` del esquema (ECMA-376 Parte 1, §18.3.1.99 y §18.2.27; ``sml.xsd``): Excel da el
libro por dañado si un elemento queda fuera de su lugar. :func:`insertar_en_orden` pone un elemento
nuevo justo después del último hermano que el esquema pone antes que él.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
TIPO_REL = R  # los tipos de relación: f"{TIPO_REL}/worksheet", …/table, …/calcChain, …/sharedStrings
N = {"m": NS, "r": R, "pr": PR, "ct": CT}

# ECMA-376 Parte 1, sml.xsd (transicional; drawingHF es de la 2.ª edición en adelante).
ORDEN_HOJA = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
    "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
    "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
    "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
)
ORDEN_LIBRO = (
    "fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets", "functionGroups",
    "externalReferences", "definedNames", "calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr",
    "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst",
)


def m(etiqueta: str) -> str:
    """El nombre calificado de un elemento de SpreadsheetML: ``m("sheetData")``."""
    return f"{{{NS}}}{etiqueta}"


def leer_partes(origen: Path | bytes) -> dict[str, bytes]:
    """Todas las partes del paquete, en el orden del zip."""
    datos = origen if isinstance(origen, bytes) else Path(origen).read_bytes()
    with zipfile.ZipFile(io.BytesIO(datos)) as z:
        return {nombre: z.read(nombre) for nombre in z.namelist()}


def escribir_partes(partes: dict[str, bytes]) -> bytes:
    """El paquete con esas partes (``[Content_Types].xml`` primero, como lo escribe Excel)."""
    salida = io.BytesIO()
    orden = sorted(partes, key=lambda n: n != "[Content_Types].xml")
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre in orden:
            z.writestr(nombre, partes[nombre])
    return salida.getvalue()


def xml(datos: bytes) -> etree._Element:
    return etree.fromstring(datos)


def a_bytes(raiz: etree._Element) -> bytes:
    return etree.tostring(raiz, xml_declaration=True, encoding="UTF-8", standalone=True)


def rels_de(parte: str) -> str:
    """``xl/worksheets/sheet6.xml`` → ``xl/worksheets/_rels/sheet6.xml.rels``."""
    carpeta, nombre = posixpath.split(parte)
    return posixpath.join(carpeta, "_rels", f"{nombre}.rels")


def destino_rel(parte: str, objetivo: str) -> str:
    """La parte a la que apunta una relación de ``parte`` (``Target`` relativo a su carpeta, o absoluto)."""
    if objetivo.startswith("/"):
        return objetivo.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(parte), objetivo))


def hojas(partes: dict[str, bytes]) -> list[tuple[str, int, str]]:
    """``(nombre, sheetId, parte)`` de cada hoja, en el orden del libro."""
    libro = xml(partes["xl/workbook.xml"])
    rels = xml(partes["xl/_rels/workbook.xml.rels"])
    objetivo = {r.get("Id"): destino_rel("xl/workbook.xml", r.get("Target")) for r in rels.iterfind("pr:Relationship", N)}
    return [(h.get("name"), int(h.get("sheetId")), objetivo[h.get(f"{{{R}}}id")]) for h in libro.iterfind("m:sheets/m:sheet", N)]


def parte_de_hoja(partes: dict[str, bytes], nombre: str) -> str:
    for hoja, _, parte in hojas(partes):
        if hoja == nombre:
            return parte
    raise KeyError(f"el libro no tiene la hoja «{nombre}»")


def textos_compartidos(partes: dict[str, bytes]) -> list[str]:
    """La tabla de textos compartidos (vacía si el libro no tiene ``sharedStrings.xml``)."""
    rels = xml(partes["xl/_rels/workbook.xml.rels"])
    for r in rels.iterfind("pr:Relationship", N):
        if r.get("Type") == f"{TIPO_REL}/sharedStrings":
            sst = xml(partes[destino_rel("xl/workbook.xml", r.get("Target"))])
            return ["".join(t.text or "" for t in si.iterfind(".//m:t", N)) for si in sst.iterfind("m:si", N)]
    return []


def valor_celda(c: etree._Element, sst: list[str]):
    """El valor que guarda una ``<c>`` (el de caché si es fórmula): texto, número, booleano o ``None``."""
    tipo = c.get("t", "n")
    if tipo == "inlineStr":
        return "".join(t.text or "" for t in c.iterfind("m:is//m:t", N))
    v = c.find("m:v", N)
    if v is None or v.text is None:
        return None
    if tipo == "s":
        return sst[int(v.text)]
    if tipo in ("str", "e"):
        return v.text
    if tipo == "b":
        return v.text == "1"
    numero = float(v.text)
    return int(numero) if numero.is_integer() and "." not in v.text and "E" not in v.text.upper() else numero


def partir(ref: str) -> tuple[str, int]:
    """``"H12"`` → ``("H", 12)``."""
    return coordinate_from_string(ref)


def columna(ref: str) -> int:
    """``"H12"`` → 8."""
    return column_index_from_string(partir(ref)[0])


def celdas(hoja: etree._Element) -> dict[str, etree._Element]:
    """Las ``<c>`` de una hoja por referencia (``"E2"``)."""
    return {c.get("r"): c for c in hoja.iterfind("m:sheetData/m:row/m:c", N)}


def celda_xml(ruta: Path, hoja: str, ref: str) -> etree._Element | None:
    """La ``<c>`` de ``hoja!ref`` tal como quedó en el archivo (``None`` si no está)."""
    partes = leer_partes(ruta)
    return celdas(xml(partes[parte_de_hoja(partes, hoja)])).get(ref)


def formula(c: etree._Element | None) -> dict | None:
    """La ``<f>`` de una celda como dict (``texto``, ``t``, ``ref``, ``si``) y su ``<v>`` (``cache``); ``None`` sin fórmula."""
    f = None if c is None else c.find("m:f", N)
    if f is None:
        return None
    v = c.find("m:v", N)
    return {"texto": f.text, "t": f.get("t"), "ref": f.get("ref"), "si": f.get("si"), "cache": None if v is None else v.text}


def cadena_de_calculo(ruta: Path) -> list[tuple[int, str]]:
    """``(sheetId, celda)`` de cada entrada de ``xl/calcChain.xml``, con el ``i`` omitido resuelto.

    ECMA-376 Parte 1 §18.6.1: sin ``i``, la celda es de la misma hoja que la entrada anterior.
    Un libro sin cadena de cálculo da ``[]``.
    """
    partes = leer_partes(ruta)
    if "xl/calcChain.xml" not in partes:
        return []
    salida, hoja = [], None
    for c in xml(partes["xl/calcChain.xml"]).iterfind("m:c", N):
        hoja = int(c.get("i")) if c.get("i") is not None else hoja
        salida.append((hoja, c.get("r")))
    return salida


def insertar_en_orden(raiz: etree._Element, elemento: etree._Element, orden: tuple[str, ...]) -> etree._Element:
    """Inserta ``elemento`` en ``raiz`` en el lugar que le da la secuencia ``orden`` del esquema."""
    nombre = etree.QName(elemento).localname
    antes = set(orden[: orden.index(nombre)])
    lugar = 0
    for i, hijo in enumerate(raiz):
        if isinstance(hijo.tag, str) and etree.QName(hijo).localname in antes:
            lugar = i + 1
    raiz.insert(lugar, elemento)
    return elemento


def nuevo_id(rels: etree._Element) -> str:
    """Un ``rId`` libre en una parte de relaciones."""
    usados = {r.get("Id") for r in rels.iterfind("pr:Relationship", N)}
    return next(f"rId{n}" for n in range(1, len(usados) + 2) if f"rId{n}" not in usados)


def relacionar(partes: dict[str, bytes], parte: str, tipo: str, objetivo: str) -> str:
    """Agrega a ``parte`` una relación ``tipo`` (``"table"``, ``"calcChain"``…) hacia ``objetivo``; devuelve su ``Id``."""
    nombre = rels_de(parte)
    rels = xml(partes[nombre]) if nombre in partes else etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
    rid = nuevo_id(rels)
    etree.SubElement(rels, f"{{{PR}}}Relationship", Id=rid, Type=f"{TIPO_REL}/{tipo}", Target=objetivo)
    partes[nombre] = a_bytes(rels)
    return rid


def declarar_tipo(partes: dict[str, bytes], parte: str, tipo_contenido: str) -> None:
    """Agrega a ``[Content_Types].xml`` el ``Override`` de una parte nueva."""
    tipos = xml(partes["[Content_Types].xml"])
    etree.SubElement(tipos, f"{{{CT}}}Override", PartName=f"/{parte}", ContentType=tipo_contenido)
    partes["[Content_Types].xml"] = a_bytes(tipos)


def parte_libre(partes: dict[str, bytes], patron: str) -> str:
    """El primer nombre libre de ``patron`` (``"xl/tables/table{}.xml"``)."""
    return next(patron.format(n) for n in range(1, len(partes) + 2) if patron.format(n) not in partes)


def pisar_celda(ruta: Path, hoja: str, ref: str, valor: float) -> None:
    """Lo que hacía el escritor ingenuo del issue: deja en la celda solo un ``<v>`` (sin su ``<f>``) y no toca nada más.

    Ni re-ancla una fórmula compartida, ni quita la celda de ``calcChain.xml``: sirve para simular
    una escritura cualquiera y para reproducir el issue.
    """
    partes = leer_partes(ruta)
    parte = parte_de_hoja(partes, hoja)
    raiz = xml(partes[parte])
    c = celdas(raiz)[ref]
    for hijo in list(c):
        c.remove(hijo)
    c.attrib.pop("t", None)
    etree.SubElement(c, m("v")).text = repr(valor)
    partes[parte] = a_bytes(raiz)
    Path(ruta).write_bytes(escribir_partes(partes))
