"""El libro vivo de la Oficina (sección 9), armado a nivel XML: lo que openpyxl no sabe escribir.

Parte de un libro de ``pai plantilla --con-ejemplo`` (de preferencia guardado antes por LibreOffice,
como en la reproducción del issue: :func:`base_oficina`) y le hace lo que hace la Oficina en Excel:

* en ``presupuesto``, una columna auxiliar ``giros_pesos`` después de la última usada (giros × 10⁶,
  números) y la columna ``giros`` convertida en la fórmula **compartida** ``=H2/1000000`` llenada
  hacia abajo: ``<f t="shared" ref="E2:E85" si="0">H2/1000000</f>`` en el ancla (la primera fila
  de datos) y ``<f t="shared" si="0"/>`` en las demás, todas con su ``<v>``;
* una hoja ``tablero`` (en ``workbook.xml``, sus relaciones y ``[Content_Types].xml``) con sumas
  sobre ``presupuesto`` (``B2 =SUM(presupuesto!C2:C85)``…), un porcentaje que depende de dos de
  ellas y un ``SUMIF`` por proyecto, con sus valores guardados;
* ``xl/calcChain.xml`` con cada celda de fórmula (``i`` = el ``sheetId`` de su hoja, omitido
  cuando es el de la entrada anterior, como lo escribe Excel; ECMA-376 Parte 1 §18.6.1), con su
  relación y su tipo de contenido; ``<calcPr calcId="191029"/>`` sin ``fullCalcOnLoad`` (como
  queda un libro guardado por Excel).

Opciones: ``tabla`` (una tabla de Excel ``xl/tables/table1.xml`` sobre todo ``presupuesto``, en
lugar del autofiltro de la hoja), ``autofiltro`` (el ``<autoFilter>`` de la hoja y el nombre oculto
``_xlnm._FilterDatabase`` extendidos a la columna nueva; sin ninguna de las dos queda el autofiltro
que traía la base, que ya no cubre ``giros_pesos``), ``sin_cache`` (fórmulas sin ``<v>``: un archivo
escrito por un script y nunca abierto) y ``formulas`` (``{"D10": "4000+63.9"}``: fórmulas en celdas
del contrato de ``presupuesto``, con el valor que ya tenía la celda como ``<v>``; la fórmula debe
valer eso, y ``None`` da una que lo vale: ``=4063.9+0``); ``giros_con_formula=False`` deja ``giros``
como números (solo la columna auxiliar), para probar una sola celda de fórmula. Los elementos nuevos van en el orden de ``CT_Worksheet``/``CT_Workbook``
(:mod:`xlsx_xml`); :func:`xlsx_xml.pisar_celda` reproduce al escritor ingenuo del issue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from openpyxl.utils import get_column_letter
from xlsx_xml import (
    NS,
    ORDEN_HOJA,
    ORDEN_LIBRO,
    N,
    R,
    a_bytes,
    celdas,
    columna,
    declarar_tipo,
    escribir_partes,
    hojas,
    insertar_en_orden,
    leer_partes,
    m,
    parte_de_hoja,
    parte_libre,
    partir,
    relacionar,
    textos_compartidos,
    valor_celda,
    xml,
)

HOJA = "presupuesto"
TABLERO = "tablero"
AUXILIAR = "giros_pesos"
_TIPO = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_CACHE_BASES: dict[bool, bytes] = {}


@dataclass
class LibroOficina:
    """El libro armado y dónde quedó cada cosa."""

    ruta: Path
    columnas: dict[str, str]  # encabezado de presupuesto → letra («giros» → «E», «giros_pesos» → «H»)
    ultima_fila: int  # la última fila de datos de presupuesto (85 con el ejemplo)
    formulas: list[tuple[str, str]] = field(default_factory=list)  # (hoja, celda) de cada fórmula, en calcChain
    sheet_ids: dict[str, int] = field(default_factory=dict)
    filas: dict[tuple[int, str], int] = field(default_factory=dict)  # (proyecto, periodo) → fila de Excel

    def celda(self, columna: str, fila: int | tuple[int, str]) -> str:
        """``celda("compromisos", 10)`` o ``celda("compromisos", (7867, "2024-06"))`` → ``"D7"``."""
        return f"{self.columnas[columna]}{self.filas[fila] if isinstance(fila, tuple) else fila}"

    @property
    def rango_giros(self) -> str:
        return f"{self.celda('giros', 2)}:{self.celda('giros', self.ultima_fila)}"


def base_oficina(carpeta: Path, *, libreoffice: bool = True) -> bytes:
    """Los bytes de ``pai plantilla --con-ejemplo``, guardado por LibreOffice si ``libreoffice`` (una vez por proceso)."""
    from pai_analisis.libro.plantilla import escribir_plantilla

    if libreoffice not in _CACHE_BASES:
        carpeta = Path(carpeta)
        plantilla = escribir_plantilla(carpeta / "plantilla_base.xlsx", con_ejemplo=True, sobrescribir=True)
        if libreoffice:
            from libreoffice import guardar_con_libreoffice

            plantilla = guardar_con_libreoffice(plantilla, carpeta / "plantilla_base_lo.xlsx")
        _CACHE_BASES[libreoffice] = plantilla.read_bytes()
    return _CACHE_BASES[libreoffice]


def _texto(ref: str, texto: str, s: str | None = None) -> etree._Element:
    c = etree.Element(m("c"), r=ref, t="inlineStr", **({"s": s} if s else {}))
    etree.SubElement(etree.SubElement(c, m("is")), m("t")).text = texto
    return c


def _numero(fila: etree._Element, ref: str, valor: str) -> None:
    etree.SubElement(etree.SubElement(fila, m("c"), r=ref), m("v")).text = valor


def _poner_formula(c: etree._Element, texto: str | None, cache: str | None, **atributos) -> None:
    """Deja en ``c`` solo ``<f>`` (y ``<v>`` si hay caché), conservando su estilo."""
    for hijo in list(c):
        c.remove(hijo)
    c.attrib.pop("t", None)
    etree.SubElement(c, m("f"), **atributos).text = texto
    if cache is not None:
        etree.SubElement(c, m("v")).text = cache


def _cache(c: etree._Element | None) -> str | None:
    """El ``<v>`` de una celda numérica (``None`` si no es número o está vacía)."""
    v = None if c is None else c.find("m:v", N)
    return v.text if v is not None and c.get("t", "n") == "n" else None


def construir_libro_oficina(destino: Path, base: bytes | Path, *, tabla: bool = False, autofiltro: bool = False,
                            sin_cache: bool = False, formulas: dict[str, str | None] | None = None,
                            giros_con_formula: bool = True) -> LibroOficina:
    """Escribe en ``destino`` el libro vivo de la Oficina hecho sobre ``base`` (ver el docstring del módulo)."""
    if tabla and autofiltro:
        raise ValueError("tabla y autofiltro se excluyen: Excel no admite un autofiltro de hoja sobre una tabla")
    partes = leer_partes(base)
    ids = {nombre: sid for nombre, sid, _ in hojas(partes)}
    ids[TABLERO] = max(ids.values()) + 1
    parte = parte_de_hoja(partes, HOJA)
    hoja = xml(partes[parte])
    columnas, ultima, valores, cadena, filas = _presupuesto(hoja, textos_compartidos(partes), sin_cache, giros_con_formula)
    for ref, texto in (formulas or {}).items():
        c = celdas(hoja)[ref]
        if _cache(c) is None:
            raise ValueError(f"{HOJA}!{ref} no es una celda numérica: no se le pone fórmula")
        _poner_formula(c, texto or f"{_cache(c)}+0", None if sin_cache else _cache(c))
        cadena.append((HOJA, ref))
    rango = f"A1:{columnas[AUXILIAR]}{ultima}"
    if tabla:
        _tabla(partes, parte, hoja, columnas, rango)
    elif autofiltro:
        _autofiltro(partes, hoja, rango)
    partes[parte] = a_bytes(hoja)
    cadena += _tablero(partes, columnas, ultima, valores, [proyecto for proyecto, _ in filas], sin_cache)
    _cadena_de_calculo(partes, cadena, ids)
    ruta = Path(destino)
    ruta.write_bytes(escribir_partes(partes))
    return LibroOficina(ruta, columnas, ultima, cadena, ids, filas)


def _presupuesto(hoja: etree._Element, sst: list[str], sin_cache: bool, con_formula: bool):
    """La columna auxiliar y (``con_formula``) la fórmula compartida de giros llenada hacia abajo.

    Devuelve las columnas (encabezado → letra), la última fila de datos, los valores de
    apropiación, compromisos y giros (para el tablero), las celdas de fórmula y la fila de cada
    (proyecto, periodo).
    """
    por_ref = celdas(hoja)
    columnas = {valor_celda(c, sst): partir(ref)[0] for ref, c in por_ref.items() if partir(ref)[1] == 1}
    columnas = {k: v for k, v in columnas.items() if isinstance(k, str)}
    nueva = get_column_letter(max(columna(r) for r in por_ref) + 1)
    columnas[AUXILIAR] = nueva
    ultima = max(partir(r)[1] for r, c in por_ref.items() if partir(r)[0] == columnas["proyecto"] and valor_celda(c, sst) is not None)
    filas = {int(f.get("r")): f for f in hoja.iterfind("m:sheetData/m:row", N)}
    g = columnas["giros"]
    si = str(1 + max([int(f.get("si")) for f in hoja.iterfind(".//m:f[@si]", N)] or [-1]))
    filas[1].append(_texto(f"{nueva}1", AUXILIAR, por_ref[f"{g}1"].get("s")))
    valores: dict[str, list[float]] = {c: [] for c in ("apropiacion", "compromisos", "giros")}
    cadena, claves = [], {}
    for n in range(2, ultima + 1):
        claves[tuple(valor_celda(por_ref[f"{columnas[c]}{n}"], sst) for c in ("proyecto", "periodo"))] = n
        for nombre in valores:
            valores[nombre].append(float(_cache(por_ref.get(f"{columnas[nombre]}{n}")) or 0))
        giros = _cache(por_ref.get(f"{g}{n}"))
        if giros is None:
            raise ValueError(f"la fila {n} de {HOJA} no tiene giros numéricos: el ejemplo debería tenerlos")
        pesos = float(giros) * 1_000_000
        _numero(filas[n], f"{nueva}{n}", repr(round(pesos)) if abs(pesos - round(pesos)) < 1e-6 else repr(pesos))
        filas[n].attrib.pop("spans", None)  # opcional; quedaría corto con la columna nueva
        if not con_formula:
            continue
        ancla = {"ref": f"{g}2:{g}{ultima}"} if n == 2 else {}
        _poner_formula(por_ref[f"{g}{n}"], f"{nueva}2/1000000" if n == 2 else None, None if sin_cache else giros,
                       t="shared", **ancla, si=si)
        cadena.append((HOJA, f"{g}{n}"))
    dimension = hoja.find("m:dimension", N)
    if dimension is not None:
        dimension.set("ref", f"A1:{nueva}{max(filas)}")
    return columnas, ultima, valores, cadena, claves


def _tabla(partes: dict[str, bytes], parte: str, hoja: etree._Element, columnas: dict[str, str], rango: str) -> None:
    """Una tabla de Excel sobre ``rango`` en lugar del autofiltro de la hoja (y de su ``_FilterDatabase``)."""
    for filtro in hoja.findall("m:autoFilter", N):
        hoja.remove(filtro)
    indice = [nombre for nombre, _, _ in hojas(partes)].index(HOJA)
    libro = xml(partes["xl/workbook.xml"])
    for nombre in libro.findall("m:definedNames/m:definedName", N):
        if nombre.get("name") == "_xlnm._FilterDatabase" and nombre.get("localSheetId") == str(indice):
            nombre.getparent().remove(nombre)
    for vacio in libro.findall("m:definedNames", N):
        if len(vacio) == 0:
            libro.remove(vacio)
    partes["xl/workbook.xml"] = a_bytes(libro)
    destino = parte_libre(partes, "xl/tables/table{}.xml")
    numero = destino.rsplit("table", 1)[1].split(".")[0]
    t = etree.Element(m("table"), nsmap={None: NS}, id=numero, name=f"TablaPresupuesto{numero}",
                      displayName=f"TablaPresupuesto{numero}", ref=rango, totalsRowShown="0")
    etree.SubElement(t, m("autoFilter"), ref=rango)
    orden = sorted(columnas, key=lambda c: columna(f"{columnas[c]}1"))
    lista = etree.SubElement(t, m("tableColumns"), count=str(len(orden)))
    for i, nombre in enumerate(orden, start=1):
        etree.SubElement(lista, m("tableColumn"), id=str(i), name=nombre)
    etree.SubElement(t, m("tableStyleInfo"), name="TableStyleMedium2", showFirstColumn="0", showLastColumn="0",
                     showRowStripes="1", showColumnStripes="0")
    partes[destino] = a_bytes(t)
    declarar_tipo(partes, destino, _TIPO + "table+xml")
    rid = relacionar(partes, parte, "table", "../" + destino.removeprefix("xl/"))
    partes_tabla = etree.Element(m("tableParts"), nsmap={"r": R}, count="1")
    etree.SubElement(partes_tabla, m("tablePart")).set(f"{{{R}}}id", rid)
    insertar_en_orden(hoja, partes_tabla, ORDEN_HOJA)


def _autofiltro(partes: dict[str, bytes], hoja: etree._Element, rango: str) -> None:
    """El ``<autoFilter>`` de la hoja sobre ``rango`` y su nombre oculto ``_xlnm._FilterDatabase``."""
    filtro = hoja.find("m:autoFilter", N)
    if filtro is None:
        filtro = insertar_en_orden(hoja, etree.Element(m("autoFilter")), ORDEN_HOJA)
    filtro.set("ref", rango)
    indice = str([nombre for nombre, _, _ in hojas(partes)].index(HOJA))
    libro = xml(partes["xl/workbook.xml"])
    nombres = libro.find("m:definedNames", N)
    if nombres is None:
        nombres = insertar_en_orden(libro, etree.Element(m("definedNames")), ORDEN_LIBRO)
    nombre = next((d for d in nombres if d.get("name") == "_xlnm._FilterDatabase" and d.get("localSheetId") == indice), None)
    if nombre is None:
        nombre = etree.SubElement(nombres, m("definedName"), name="_xlnm._FilterDatabase", localSheetId=indice, hidden="1")
    (c1, f1), (c2, f2) = (partir(r) for r in rango.split(":"))
    nombre.text = f"{HOJA}!${c1}${f1}:${c2}${f2}"
    partes["xl/workbook.xml"] = a_bytes(libro)


def _tablero(partes: dict[str, bytes], columnas: dict[str, str], ultima: int, valores: dict[str, list[float]],
             proyectos: list, sin_cache: bool) -> list[tuple[str, str]]:
    """La hoja ``tablero``: sumas de presupuesto, un porcentaje y un SUMIF por proyecto; devuelve sus fórmulas."""
    col = {c: f"{HOJA}!{columnas[c]}2:{columnas[c]}{ultima}" for c in ("apropiacion", "compromisos", "giros", AUXILIAR)}
    sumas = {c: math.fsum(valores[c]) for c in valores}
    filas: list[list] = [["concepto", "total (millones)"]]
    for nombre in ("apropiacion", "compromisos", "giros"):
        filas.append([nombre, (f"SUM({col[nombre]})", sumas[nombre])])
    filas.append(["giros en pesos", (f"SUM({col[AUXILIAR]})", sumas["giros"] * 1_000_000)])
    filas.append(["compromisos / apropiación (%)", ("IF(B2=0,0,100*B3/B2)", 100 * sumas["compromisos"] / sumas["apropiacion"])])
    filas.append([])
    filas.append(["proyecto", "giros (suma de los cortes)"])
    p, gi = f"{HOJA}!${columnas['proyecto']}$2:${columnas['proyecto']}${ultima}", f"{HOJA}!${columnas['giros']}$2:${columnas['giros']}${ultima}"
    for proyecto in sorted(set(proyectos)):
        fila = len(filas) + 1
        total = math.fsum(v for q, v in zip(proyectos, valores["giros"]) if q == proyecto)
        filas.append([proyecto, (f"SUMIF({p},A{fila},{gi})", total)])
    hoja = etree.Element(m("worksheet"), nsmap={None: NS, "r": R})
    etree.SubElement(hoja, m("dimension"), ref=f"A1:B{len(filas)}")
    datos = etree.SubElement(hoja, m("sheetData"))
    formulas = []
    for n, contenido in enumerate(filas, start=1):
        fila = etree.SubElement(datos, m("row"), r=str(n))
        for letra, valor in zip("AB", contenido):
            ref = f"{letra}{n}"
            if isinstance(valor, str):
                fila.append(_texto(ref, valor))
            elif isinstance(valor, tuple):
                _poner_formula(etree.SubElement(fila, m("c"), r=ref), valor[0], None if sin_cache else repr(float(valor[1])))
                formulas.append((TABLERO, ref))
            else:
                _numero(fila, ref, repr(valor))
    etree.SubElement(hoja, m("pageMargins"), left="0.7", right="0.7", top="0.75", bottom="0.75", header="0.3", footer="0.3")
    destino = parte_libre(partes, "xl/worksheets/sheet{}.xml")
    partes[destino] = a_bytes(hoja)
    declarar_tipo(partes, destino, _TIPO + "worksheet+xml")
    rid = relacionar(partes, "xl/workbook.xml", "worksheet", destino.removeprefix("xl/"))
    libro = xml(partes["xl/workbook.xml"])
    nueva = etree.SubElement(libro.find("m:sheets", N), m("sheet"), nsmap={"r": R}, name=TABLERO,
                             sheetId=str(max(sid for _, sid, _ in hojas(partes)) + 1))
    nueva.set(f"{{{R}}}id", rid)
    partes["xl/workbook.xml"] = a_bytes(libro)
    return formulas


def _cadena_de_calculo(partes: dict[str, bytes], cadena: list[tuple[str, str]], ids: dict[str, int]) -> None:
    """``xl/calcChain.xml`` con cada fórmula (``i`` solo cuando cambia de hoja) y ``calcPr`` como lo deja Excel."""
    raiz = etree.Element(m("calcChain"), nsmap={None: NS})
    anterior = None
    for hoja, ref in cadena:
        c = etree.SubElement(raiz, m("c"), r=ref)
        if ids[hoja] != anterior:
            c.set("i", str(ids[hoja]))
            anterior = ids[hoja]
    if "xl/calcChain.xml" not in partes:
        declarar_tipo(partes, "xl/calcChain.xml", _TIPO + "calcChain+xml")
        relacionar(partes, "xl/workbook.xml", "calcChain", "calcChain.xml")
    partes["xl/calcChain.xml"] = a_bytes(raiz)
    libro = xml(partes["xl/workbook.xml"])
    calc = libro.find("m:calcPr", N)
    if calc is None:
        calc = insertar_en_orden(libro, etree.Element(m("calcPr")), ORDEN_LIBRO)
    calc.attrib.pop("fullCalcOnLoad", None)
    calc.set("calcId", "191029")
    partes["xl/workbook.xml"] = a_bytes(libro)
