"""Un parche de celdas sobre las hojas de un .xlsx, sin pasar el libro entero por openpyxl.

openpyxl, al guardar, reescribe el libro entero y pierde lo que no entiende: las listas
desplegables que Excel 2010+ guarda en extensiones (``x14:dataValidations``), formatos
condicionales extendidos, imágenes, segmentaciones… :func:`parchar_libro` cambia solo el XML de
las hojas que toca (y, a nivel del libro, lo que la sección 9 exige: :mod:`.partes`) y copia las
demás partes del archivo byte a byte (mismo nombre, fecha y compresión de cada parte).

En una hoja:

* un número se escribe ``<c r="D7" s="…"><v>…</v></c>`` (se conserva el estilo ``s``); un texto
  como cadena en línea (``t="inlineStr"``), para no tocar ``sharedStrings.xml``; ``None`` vacía la
  celda y deja su estilo;
* una celda con fórmula no se pisa: se devuelve en la lista de :class:`Formula` y, sin
  ``reemplazar_formulas``, el libro no se arma. Con ``reemplazar_formulas``, si la celda era el
  **ancla** de una fórmula compartida, la fórmula se re-ancla en la siguiente celda del grupo (con
  su texto trasladado y su ``ref`` desde allí); si lo que queda del grupo no es un rectángulo que
  empiece en esa celda, cada celda que queda recibe su propia fórmula (ya no compartida). Una
  fórmula matricial de varias celdas no se reemplaza en parte (Excel tampoco lo permite);
* una fila nueva copia los estilos de la fila ``modelo``; ``<dimension>`` se amplía si hace falta.
"""

from __future__ import annotations

import bisect
import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..errores import ErrorEscritura
from .formulas import celdas_con_formula, columna_letra, numero_columna, posicion, q, referencia, ruta_hoja, trasladar
from .partes import ajustar_libro
from .recalculo import quitar_valores_viejos

_XML = "http://www.w3.org/XML/1998/namespace"


@dataclass(frozen=True)
class Formula:
    """Una celda con fórmula que un comando debe escribir: hoja, celda (``E12``) y fórmula (sin «=»)."""

    hoja: str
    celda: str
    formula: str


def _col(ref: str) -> int:
    return numero_columna(re.match(r"[A-Z]+", ref).group(0))


class _Filas:
    """Las ``<row>`` de ``sheetData`` por número, para buscar e insertar sin recorrer la hoja por cada celda."""

    def __init__(self, datos):
        self.datos = datos
        self.por_numero = {int(r.get("r")): r for r in datos.iter(q("row"))}
        self.numeros = sorted(self.por_numero)

    def fila(self, n: int, modelo: int | None):
        """(la fila ``n``, ¿es nueva?); una nueva copia los estilos de la fila ``modelo`` y va en su lugar."""
        existente = self.por_numero.get(n)
        if existente is not None:
            existente.attrib.pop("spans", None)  # una pista de Excel (columnas ocupadas) que podría quedar corta
            return existente, False
        nueva = etree.Element(q("row"), r=str(n))
        plantilla = self.por_numero.get(modelo) if modelo is not None else None
        for c in ([] if plantilla is None else plantilla.iter(q("c"))):
            if c.get("s") is not None:
                etree.SubElement(nueva, q("c"), r=f"{re.match(r'[A-Z]+', c.get('r')).group(0)}{n}", s=c.get("s"))
        i = bisect.bisect_left(self.numeros, n)
        if i == len(self.numeros):
            self.datos.append(nueva)
        else:
            self.por_numero[self.numeros[i]].addprevious(nueva)
        self.numeros.insert(i, n)
        self.por_numero[n] = nueva
        return nueva, True


def _celda(fila, ref: str):
    col = _col(ref)
    for c in fila.iter(q("c")):
        otra = _col(c.get("r"))
        if otra == col:
            return c
        if otra > col:
            nueva = etree.Element(q("c"), r=ref)
            c.addprevious(nueva)
            return nueva
    return etree.SubElement(fila, q("c"), r=ref)


def _poner(c, valor) -> None:
    for hijo in list(c):
        c.remove(hijo)
    for atributo in ("t", "cm", "vm"):
        c.attrib.pop(atributo, None)
    if valor is None:
        return
    if isinstance(valor, str):
        c.set("t", "inlineStr")
        t = etree.SubElement(etree.SubElement(c, q("is")), q("t"))
        t.text = valor
        t.set(f"{{{_XML}}}space", "preserve")
    elif isinstance(valor, bool):
        c.set("t", "b")
        etree.SubElement(c, q("v")).text = "1" if valor else "0"
    else:
        etree.SubElement(c, q("v")).text = repr(int(valor)) if float(valor).is_integer() else repr(float(valor))


def _reanclar(por_celda: dict[str, etree._Element], grupo: list, reemplazadas: set[str]) -> None:
    """El ancla de una fórmula compartida se reemplaza: la fórmula sigue en las demás celdas del grupo."""
    ancla = next(c for c in grupo if c.ancla)
    texto, origen = ancla.formula, referencia(ancla.fila, ancla.columna)
    quedan = [c for c in grupo if referencia(c.fila, c.columna) not in reemplazadas]
    if not quedan:
        return
    r1, c1 = min(c.fila for c in quedan), min(c.columna for c in quedan)
    r2, c2 = max(c.fila for c in quedan), max(c.columna for c in quedan)
    primera = quedan[0]
    rectangulo = len(quedan) == (r2 - r1 + 1) * (c2 - c1 + 1) and (primera.fila, primera.columna) == (r1, c1)
    for i, c in enumerate(quedan):
        ref = referencia(c.fila, c.columna)
        f = por_celda[ref].find(q("f"))
        f.text = trasladar(texto, origen, ref)
        if rectangulo and i == 0:
            f.set("ref", f"{referencia(r1, c1)}:{referencia(r2, c2)}" if (r1, c1) != (r2, c2) else referencia(r1, c1))
        elif not rectangulo:
            for atributo in ("t", "si", "ref"):
                f.attrib.pop(atributo, None)


def _parchar_hoja(titulo: str, xml: bytes, celdas: dict, modelos: dict, reemplazar: bool):
    """(XML nuevo o None, fórmulas encontradas, celdas con fórmula reemplazadas, filas nuevas) de una hoja."""
    formulas = {referencia(c.fila, c.columna): c for c in celdas_con_formula(xml)}
    pedidas = {referencia(n, col) for n, col in celdas}
    halladas = [Formula(titulo, ref, formulas[ref].formula) for ref in sorted(pedidas & set(formulas), key=posicion)]
    if halladas and not reemplazar:
        return None, halladas, set(), []
    hoja = etree.fromstring(xml)
    datos = hoja.find(q("sheetData"))
    por_celda = {c.get("r"): c for c in datos.iter(q("c"))}
    reemplazadas = {f.celda for f in halladas}
    for ref in reemplazadas:
        f = por_celda[ref].find(q("f"))
        if f.get("t") == "array" and ":" in (f.get("ref") or ""):
            raise ErrorEscritura(f"La celda {ref} de la hoja «{titulo}» es parte de la fórmula matricial {f.get('ref')}: "
                                 "no se puede reemplazar solo una parte. Conviértala en valores en Excel y vuelva a intentarlo.")
    grupos: dict[str, list] = {}
    for c in formulas.values():
        if c.compartida is not None:
            grupos.setdefault(c.compartida, []).append(c)
    for grupo in grupos.values():
        if any(c.ancla and referencia(c.fila, c.columna) in reemplazadas for c in grupo):
            _reanclar(por_celda, grupo, reemplazadas)
    nuevas: list[int] = []
    filas = _Filas(datos)
    for (n, col), valor in sorted(celdas.items()):
        fila, es_nueva = filas.fila(n, modelos.get(n))
        if es_nueva:
            nuevas.append(n)
        _poner(_celda(fila, f"{columna_letra(col)}{n}"), valor)
    dimension = hoja.find(q("dimension"))
    if dimension is not None:
        cols = [_col(c.get("r")) for c in datos.iter(q("c"))]
        dimension.set("ref", f"A1:{columna_letra(max(cols, default=1))}{max(filas.numeros, default=1)}")
    nuevo = etree.tostring(hoja, xml_declaration=True, encoding="UTF-8", standalone=True)
    return nuevo, halladas, reemplazadas, sorted(set(nuevas))


def parchar_libro(original: bytes, celdas: dict[str, dict[tuple[int, int], object]],
                  modelos: dict[str, dict[int, int]] | None = None, *,
                  reemplazar_formulas: bool = False) -> tuple[bytes | None, list[Formula]]:
    """El .xlsx ``original`` con las ``celdas`` {hoja: {(fila, columna): valor}} cambiadas, y las fórmulas que pisa.

    Sin ``reemplazar_formulas`` y con alguna celda con fórmula entre las pedidas, devuelve ``(None, fórmulas)``
    sin armar nada. ``modelos``: {hoja: {fila nueva: fila cuyos estilos copia}}. Todas las demás partes
    quedan byte a byte, salvo las que exige la sección 9 (:func:`~.partes.ajustar_libro`: ``fullCalcOnLoad``,
    ``calcChain.xml``, tablas y autofiltros) y las hojas con fórmulas que dependen de lo escrito, que pierden
    su valor en caché para que LibreOffice también las recalcule (:mod:`.recalculo`).
    """
    modelos = modelos or {}
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        partes: dict[str, bytes] = {}
        todas: list[Formula] = []
        reemplazadas: dict[str, set[str]] = {}
        nuevas: dict[str, list[int]] = {}
        rutas: dict[str, str] = {}
        for titulo, cambios in celdas.items():
            rutas[titulo] = ruta_hoja(z, titulo)
            xml, halladas, quitadas, filas = _parchar_hoja(titulo, z.read(rutas[titulo]), cambios,
                                                           modelos.get(titulo, {}), reemplazar_formulas)
            todas += halladas
            if xml is not None:
                partes[rutas[titulo]] = xml
                reemplazadas[titulo], nuevas[titulo] = quitadas, filas
        if todas and not reemplazar_formulas:
            return None, todas
        quitar_valores_viejos(z, partes, list(celdas))  # LibreOffice no lee fullCalcOnLoad: ver recalculo.py
        partes, borrar = ajustar_libro(z, partes, rutas, reemplazadas, nuevas)
        salida = io.BytesIO()
        with zipfile.ZipFile(salida, "w") as destino:
            for info in z.infolist():
                if info.filename in borrar:
                    continue
                destino.writestr(info, partes.get(info.filename) or z.read(info.filename))
    return salida.getvalue(), todas
