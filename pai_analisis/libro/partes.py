"""Las partes del libro que cambian con una escritura además de sus hojas (sección 9), según ECMA-376 parte 1.

* ``xl/workbook.xml``, ``<calcPr fullCalcOnLoad="1">`` (§18.2.2): Excel y LibreOffice recalculan
  todo al abrir, así las sumas y gráficos de la Oficina sobre las celdas escritas nunca quedan
  viejos. Si falta ``calcPr`` se inserta en su lugar de la secuencia de ``CT_Workbook``.
* ``xl/calcChain.xml`` (§18.6): la cadena de cálculo lista las celdas con fórmula; pierde las que
  se reemplazaron por valores. En cada ``<c r=… i=…>``, ``i`` es el ``sheetId`` de la hoja y, si
  falta, vale el de la entrada anterior: se resuelve antes de quitar y se escribe donde haga falta.
  Una cadena que queda vacía se borra con su relación y su tipo de contenido (el esquema exige al
  menos una celda; Excel la rehace).
* Tablas (``xl/tables/tableN.xml``, §18.5) y autofiltros de hoja (§18.3.1.2): crecen sobre las filas
  agregadas justo debajo de su rango, como cuando se escribe debajo de una tabla en Excel; el
  nombre oculto ``_xlnm._FilterDatabase`` del autofiltro también. Debajo de una tabla con fila de
  totales no se agregan filas (Excel las pondría encima de los totales): es un error que lo dice.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

from ..errores import ErrorEscritura
from .formulas import columna_letra, posicion, q

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_TIPO_CADENA = "/calcChain"
_TIPO_TABLA = "/table"
# CT_Workbook (§18.2.27): lo que puede ir antes de calcPr, en orden
_ANTES_DE_CALCPR = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
                    "functionGroups", "externalReferences", "definedNames")


def _xml(elemento) -> bytes:
    return etree.tostring(elemento, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rango(ref: str) -> tuple[int, int, int, int]:
    a, _, b = ref.replace("$", "").partition(":")
    (r1, c1), (r2, c2) = posicion(a), posicion(b or a)
    return r1, c1, r2, c2


def _crecer(ref: str, nuevas: list[int]) -> tuple[str, bool, int]:
    """(ref, creció, última fila): el rango ampliado sobre las filas nuevas contiguas justo debajo."""
    r1, c1, r2, c2 = _rango(ref)
    ultima = r2
    while ultima + 1 in nuevas:
        ultima += 1
    return f"{columna_letra(c1)}{r1}:{columna_letra(c2)}{ultima}", ultima > r2, ultima


def rels_de(z: zipfile.ZipFile, parte: str) -> tuple[str, etree._Element | None]:
    """(ruta, raíz) de las relaciones de ``parte`` (``xl/worksheets/_rels/sheet6.xml.rels``); raíz ``None`` si no tiene."""
    carpeta, nombre = posixpath.split(parte)
    ruta = posixpath.join(carpeta, "_rels", f"{nombre}.rels")
    return ruta, (etree.fromstring(z.read(ruta)) if ruta in z.namelist() else None)


def destino(parte: str, objetivo: str) -> str:
    """La parte a la que apunta una relación de ``parte`` (``Target`` relativo a su carpeta, o absoluto)."""
    if objetivo.startswith("/"):
        return objetivo.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(parte), objetivo))


def _tablas(z, partes, titulo: str, ruta: str, nuevas: list[int]) -> None:
    _, rels = rels_de(z, ruta)
    for rel in ([] if rels is None else rels.iter(f"{{{_PKG}}}Relationship")):
        if not rel.get("Type", "").endswith(_TIPO_TABLA):
            continue
        parte = destino(ruta, rel.get("Target"))
        tabla = etree.fromstring(partes.get(parte) or z.read(parte))
        ref, crece, _ = _crecer(tabla.get("ref"), nuevas)
        if not crece:
            continue
        if int(tabla.get("totalsRowCount", "0") or 0) > 0:
            raise ErrorEscritura(f"La tabla «{tabla.get('displayName') or tabla.get('name')}» de la hoja «{titulo}» tiene "
                                 "fila de totales y pai tendría que agregar filas debajo de ella. Quite la fila de totales "
                                 "(Diseño de tabla › Fila de totales) y vuelva a intentarlo. No se escribió nada.")
        tabla.set("ref", ref)
        filtro = tabla.find(q("autoFilter"))
        if filtro is not None:
            filtro.set("ref", ref)  # sin fila de totales, el filtro de la tabla cubre su rango entero
        partes[parte] = _xml(tabla)


def _autofiltro(partes, ruta: str, nuevas: list[int]) -> str | None:
    """Amplía el autofiltro de la hoja; devuelve su nuevo rango absoluto (``$A$1:$G$90``) si creció."""
    hoja = etree.fromstring(partes[ruta])
    filtro = hoja.find(q("autoFilter"))
    if filtro is None:
        return None
    ref, crece, _ = _crecer(filtro.get("ref"), nuevas)
    if not crece:
        return None
    filtro.set("ref", ref)
    partes[ruta] = _xml(hoja)
    return re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", ref)


def _cadena(z, partes, borrar: set[str], libro_rels, tipos, ids: dict[str, str], reemplazadas: dict[str, set[str]]) -> None:
    rel = next((r for r in libro_rels.iter(f"{{{_PKG}}}Relationship") if r.get("Type", "").endswith(_TIPO_CADENA)), None)
    if rel is None:
        return
    parte = destino("xl/workbook.xml", rel.get("Target"))
    if parte not in z.namelist():
        return
    quitar = {(ids[t], ref) for t, refs in reemplazadas.items() for ref in refs}
    if not quitar:
        return
    cadena = etree.fromstring(z.read(parte))
    hoja, anterior, quedan = None, None, 0
    for c in list(cadena):
        hoja = c.get("i", hoja)
        if (hoja, c.get("r")) in quitar:
            cadena.remove(c)
            continue
        quedan += 1
        if hoja != anterior:
            c.set("i", hoja)
        elif "i" in c.attrib:
            del c.attrib["i"]
        anterior = hoja
    if quedan:
        partes[parte] = _xml(cadena)
        return
    borrar.add(parte)
    rel.getparent().remove(rel)
    partes["xl/_rels/workbook.xml.rels"] = _xml(libro_rels)
    for o in list(tipos.iter(f"{{{_CT}}}Override")):
        if o.get("PartName", "").lstrip("/") == parte:
            tipos.remove(o)
    partes["[Content_Types].xml"] = _xml(tipos)


def _calcpr(libro) -> None:
    calc = libro.find(q("calcPr"))
    if calc is None:
        calc = etree.Element(q("calcPr"))
        previos = [e for e in libro if isinstance(e.tag, str) and etree.QName(e).localname in _ANTES_DE_CALCPR]
        if previos:
            previos[-1].addnext(calc)
        else:
            libro.insert(0, calc)
    calc.set("fullCalcOnLoad", "1")


def ajustar_libro(z: zipfile.ZipFile, partes: dict[str, bytes], rutas: dict[str, str],
                  reemplazadas: dict[str, set[str]], nuevas: dict[str, list[int]]) -> tuple[dict[str, bytes], set[str]]:
    """Las partes del libro que cambian además de las hojas; devuelve (partes nuevas, partes que se borran)."""
    libro = etree.fromstring(z.read("xl/workbook.xml"))
    hojas = list(libro.iter(q("sheet")))
    ids = {h.get("name"): h.get("sheetId") for h in hojas}
    posiciones = {h.get("name"): str(i) for i, h in enumerate(hojas)}
    borrar: set[str] = set()
    for titulo, filas in nuevas.items():
        if not filas:
            continue
        _tablas(z, partes, titulo, rutas[titulo], filas)
        rango = _autofiltro(partes, rutas[titulo], filas)
        for nombre in libro.iter(q("definedName")):
            if rango and nombre.get("name") == "_xlnm._FilterDatabase" and nombre.get("localSheetId") == posiciones[titulo]:
                nombre.text = re.sub(r"\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?$", rango, nombre.text or "")
    libro_rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    tipos = etree.fromstring(z.read("[Content_Types].xml"))
    _cadena(z, partes, borrar, libro_rels, tipos, ids, reemplazadas)
    _calcpr(libro)
    partes["xl/workbook.xml"] = _xml(libro)
    return partes, borrar

