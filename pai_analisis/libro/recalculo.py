"""Que LibreOffice también recalcule: las fórmulas que dependen de lo escrito pierden su valor en caché.

``fullCalcOnLoad`` (:mod:`.partes`) basta para Excel, pero LibreOffice no lo lee: de fábrica
(«Recalcular al cargar el archivo: nunca», para Excel 2007 y posteriores) muestra el valor en caché
de cada fórmula común, aunque esté viejo, y solo calcula al abrir las fórmulas **sin** ``<v>`` y las
compartidas (medido con LibreOffice 7.4; ver ``tests/libreoffice.py``). Así, la suma del tablero de
la Oficina sobre ``presupuesto`` seguiría mostrando la cifra de antes de la importación.

Por eso, al escribir, se quita el ``<v>`` (y el tipo ``t`` del resultado) de las fórmulas que pueden
depender de lo escrito, que Excel y LibreOffice calculan al abrir:

* las hojas alcanzadas son las escritas y, por cierre, toda hoja con una fórmula que nombra a una
  hoja alcanzada (``presupuesto!C2``, ``'mi hoja'!A1``), a un nombre definido sobre ella o a una de
  sus tablas (``Tabla1[giros]``);
* en una hoja alcanzada, todas sus fórmulas, **salvo** las de las columnas del contrato (sección 2):
  ``pai`` lee el valor en caché de esas celdas (un ``giros`` calculado con ``=H2/1000000``) y sin él
  el libro no se podría validar. Una fórmula del contrato que dependa de una celda que el comando
  escribe conserva su valor anterior hasta que alguien abra y guarde el libro (límite conocido,
  ``docs/metodologia.md``).
"""

from __future__ import annotations

import re
import zipfile

from lxml import etree

from ..comun.textos import normalizar
from . import esquema
from .formulas import numero_columna, q, ruta_hoja
from .partes import destino, rels_de

_CONTRATO = {normalizar(h): {normalizar(c.nombre) for c in cols} for h, cols in esquema.HOJAS.items()}
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _textos(z: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    sst = etree.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(q("t"))) for si in sst.iter(q("si"))]


def _encabezados(hoja, textos: list[str]) -> dict[int, str]:
    """{columna: encabezado normalizado} de la fila 1."""
    fila = next((r for r in hoja.iter(q("row")) if r.get("r") == "1"), None)
    salida = {}
    for c in ([] if fila is None else fila.iter(q("c"))):
        col = numero_columna(re.match(r"[A-Z]+", c.get("r")).group(0))
        if c.get("t") == "s" and c.find(q("v")) is not None:
            salida[col] = normalizar(textos[int(c.find(q("v")).text)])
        elif c.get("t") == "inlineStr":
            salida[col] = normalizar("".join(t.text or "" for t in c.iter(q("t"))))
        elif c.find(q("v")) is not None:
            salida[col] = normalizar(c.find(q("v")).text)
    return salida


def _nombres_de(z: zipfile.ZipFile, titulo: str, ruta: str, libro) -> set[str]:
    """Lo que en una fórmula nombra a la hoja ``titulo``: su nombre, sus nombres definidos y sus tablas."""
    nombres = {titulo.lower()}
    for d in libro.iter(q("definedName")):
        texto = (d.text or "").lower()
        if f"{titulo.lower()}!" in texto or f"'{titulo.lower()}'!" in texto:
            nombres.add((d.get("name") or "").lower())
    _, rels = rels_de(z, ruta)
    for r in ([] if rels is None else rels.iter(f"{{{_PKG}}}Relationship")):
        parte = destino(ruta, r.get("Target")) if r.get("Type", "").endswith("/table") else None
        if parte in z.namelist():
            tabla = etree.fromstring(z.read(parte))
            nombres |= {(tabla.get("displayName") or "").lower(), (tabla.get("name") or "").lower()}
    return {n for n in nombres if n}


def _nombra(formula: str, nombres: set[str]) -> bool:
    f = formula.lower()
    return any(re.search(rf"(?<![\w.]){re.escape(n)}(?:'?!|\[)|'{re.escape(n)}'!", f) for n in nombres)


def quitar_valores_viejos(z: zipfile.ZipFile, partes: dict[str, bytes], escritas: list[str]) -> None:
    """Quita el ``<v>`` de las fórmulas que pueden depender de las hojas ``escritas`` (ver el docstring)."""
    libro = etree.fromstring(z.read("xl/workbook.xml"))
    titulos = [h.get("name") for h in libro.iter(q("sheet"))]
    rutas = {}
    for t in titulos:
        try:
            rutas[t] = ruta_hoja(z, t)
        except (KeyError, StopIteration):  # una hoja de gráfico u otra parte sin hoja de cálculo
            continue
    hojas = {t: etree.fromstring(partes.get(r) or z.read(r)) for t, r in rutas.items()}
    formulas = {t: [(c, c.find(q("f"))) for c in h.iter(q("c")) if c.find(q("f")) is not None] for t, h in hojas.items()}
    alcanzadas = [t for t in escritas if t in hojas]
    nombres = set().union(*(_nombres_de(z, t, rutas[t], libro) for t in alcanzadas)) if alcanzadas else set()
    cambio = True
    while cambio:
        cambio = False
        for t in titulos:
            if t in alcanzadas or t not in hojas:
                continue
            if any(_nombra(f.text or "", nombres) for _, f in formulas[t] if f.text):
                alcanzadas.append(t)
                nombres |= _nombres_de(z, t, rutas[t], libro)
                cambio = True
    textos = _textos(z)
    for t in alcanzadas:
        contrato = _CONTRATO.get(normalizar(t), set())
        encabezados = _encabezados(hojas[t], textos) if contrato else {}
        tocada = False
        for c, _ in formulas[t]:
            col = numero_columna(re.match(r"[A-Z]+", c.get("r")).group(0))
            v = c.find(q("v"))
            if v is None or encabezados.get(col) in contrato:
                continue
            c.remove(v)
            c.attrib.pop("t", None)
            tocada = True
        if tocada:
            partes[rutas[t]] = etree.tostring(hojas[t], xml_declaration=True, encoding="UTF-8", standalone=True)
