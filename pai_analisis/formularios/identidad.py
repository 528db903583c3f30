"""La identidad de un formulario: de qué vigencia, mes, dependencia y plan es, y qué filas trae.

Se guarda en dos lugares que sobreviven a guardar el formulario en Excel o en LibreOffice (probado
con LibreOffice en ``tests/test_formularios_libreoffice.py``):

* la hoja ``_pai``, muy oculta y protegida (LibreOffice la guarda como oculta: no tiene el estado
  «muy oculta»), con una fila por campo y una por elemento: hoja, fila, clave y los valores de sus
  celdas bloqueadas tal como se escribieron (para decir qué celda bloqueada cambió y qué tenía);
* las propiedades personalizadas del documento ``pai_formulario`` (el formato),
  ``pai_formulario_periodo`` y ``pai_formulario_sello``.

Todo se escribe como texto (JSON para los valores), así ningún programa lo convierte en otra cosa.
El **sello** es el SHA-256 de la identidad entera: la hoja lo lleva y la propiedad también; si la
hoja no da el mismo sello (alguien la editó) o no coincide con la propiedad, el formulario está
alterado y se rechaza. Sin hoja ni propiedades, el archivo no es un formulario.

La **huella del plan** de una dependencia (:func:`huellas_del_plan`) resume qué elementos le tocan
en el plan del libro (tipo y clave de cada uno, de todo el año, debidos o no en P): un formulario
hecho con otro plan (otro libro, o el mismo antes de que se agregara, quitara o cambiara de dueño
un elemento de esa dependencia) no se recoge. Cambiar nombres, metas o ventanas no la cambia.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from ..comun.textos import normalizar
from ..metricas.dependencias import responsables

FORMATO = "1"
HOJA = "_pai"
PROPIEDAD = "pai_formulario"
PROPIEDAD_PERIODO = "pai_formulario_periodo"
PROPIEDAD_SELLO = "pai_formulario_sello"
_CAMPOS = ("entidad", "vigencia", "periodo", "dependencia", "huella_plan", "fecha_limite", "generado")


class IdentidadDanada(ValueError):
    """El archivo es un formulario de pai, pero su identidad falta en parte o fue alterada (el mensaje dice qué)."""


@dataclass(frozen=True)
class FilaIdentidad:
    hoja: str
    fila: int
    clave: str
    bloqueadas: dict[str, object] = field(default_factory=dict)  # columna → valor escrito


@dataclass(frozen=True)
class Identidad:
    entidad: str
    vigencia: int
    periodo: str
    dependencia: str
    huella_plan: str
    fecha_limite: str  # AAAA-MM-DD, o "" si no se dio
    generado: str
    encabezados: dict[str, list[str]]  # hoja → nombres de la fila 1
    filas: list[FilaIdentidad]

    def sello(self) -> str:
        datos = asdict(self)
        texto = json.dumps(datos, ensure_ascii=False, sort_keys=True, allow_nan=False, separators=(",", ":"))
        return hashlib.sha256(texto.encode("utf-8")).hexdigest()

    def filas_de(self, hoja: str) -> list[FilaIdentidad]:
        return [f for f in self.filas if f.hoja == hoja]


def huellas_del_plan(libro) -> dict[str, str]:
    """La huella del plan de cada dependencia: SHA-256 (16 cifras) de la vigencia, la dependencia y sus elementos."""
    r = responsables(libro)
    huellas = {}
    for dependencia, g in r.groupby("dependencia", sort=False):
        elementos = sorted(f"{t}:{c}" for t, c in zip(g["tipo"].astype(str), g["clave"].astype(str), strict=True))
        texto = "\n".join([str(libro.vigencia), normalizar(dependencia), *elementos])
        huellas[str(dependencia)] = hashlib.sha256(texto.encode("utf-8")).hexdigest()[:16]
    return huellas


def escribir_identidad(wb, identidad: Identidad) -> None:
    """La hoja ``_pai`` (muy oculta, protegida) y las propiedades personalizadas del documento."""
    from openpyxl.packaging.custom import StringProperty

    ws = wb.create_sheet(HOJA)
    ws.sheet_state = "veryHidden"
    ws.append(["campo", "valor", "", "", "Identidad del formulario de pai-analisis: no la cambie."])
    ws.append(["formato", FORMATO])
    for campo in _CAMPOS:
        ws.append([campo, str(getattr(identidad, campo))])
    for hoja, columnas in identidad.encabezados.items():
        ws.append(["encabezados", hoja, _json(columnas)])
    for f in identidad.filas:
        ws.append(["fila", f.hoja, str(f.fila), f.clave, _json(f.bloqueadas)])
    sello = identidad.sello()
    ws.append(["sello", sello])
    for fila in ws.iter_rows():
        for celda in fila:
            celda.data_type = "s"  # texto siempre, aunque parezca un número o empiece con «=»
    ws.protection.sheet = True
    for nombre, valor in ((PROPIEDAD, FORMATO), (PROPIEDAD_PERIODO, identidad.periodo), (PROPIEDAD_SELLO, sello)):
        wb.custom_doc_props.append(StringProperty(name=nombre, value=valor))


def _json(valor) -> str:
    return json.dumps(valor, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def leer_identidad(wb) -> Identidad | None:
    """La identidad de un libro abierto con openpyxl; ``None`` si no es un formulario de pai.

    Lanza :class:`IdentidadDanada` si es un formulario cuya identidad falta en parte o cambió.
    """
    props = {p.name: p.value for p in getattr(wb, "custom_doc_props", [])}
    hoja = next((ws for ws in wb.worksheets if ws.title == HOJA), None)
    if hoja is None:
        if PROPIEDAD in props:
            raise IdentidadDanada(f"le falta la hoja oculta «{HOJA}» con su identidad (¿se copiaron las hojas a otro libro?)")
        return None
    campos: dict[str, str] = {}
    encabezados: dict[str, list[str]] = {}
    filas: list[FilaIdentidad] = []
    try:
        for fila in hoja.iter_rows(min_row=2, values_only=True):
            tipo, *resto = [("" if v is None else str(v)) for v in fila] + ["", "", "", ""]
            if tipo == "encabezados":
                encabezados[resto[0]] = json.loads(resto[1])
            elif tipo == "fila":
                filas.append(FilaIdentidad(resto[0], int(resto[1]), resto[2], json.loads(resto[3])))
            elif tipo:
                campos[tipo] = resto[0]
        identidad = Identidad(entidad=campos["entidad"], vigencia=int(campos["vigencia"]), periodo=campos["periodo"],
                              dependencia=campos["dependencia"], huella_plan=campos["huella_plan"],
                              fecha_limite=campos["fecha_limite"], generado=campos["generado"],
                              encabezados=encabezados, filas=filas)
    except (KeyError, ValueError, IndexError) as exc:
        raise IdentidadDanada(f"su hoja de identidad «{HOJA}» está incompleta o ilegible ({type(exc).__name__}: {exc})") from exc
    if campos.get("formato") != FORMATO:
        raise IdentidadDanada(f"es de un formato de formulario que esta versión no conoce («{campos.get('formato')}»; se "
                              f"esperaba «{FORMATO}»)")
    sello = identidad.sello()
    if campos.get("sello") != sello:
        raise IdentidadDanada(f"su hoja de identidad «{HOJA}» fue modificada (el sello no coincide)")
    if PROPIEDAD_SELLO in props and props[PROPIEDAD_SELLO] != sello:
        raise IdentidadDanada("la identidad de su hoja oculta no coincide con la de las propiedades del documento "
                              "(¿se pegaron hojas de otro formulario?)")
    return identidad


__all__ = ["FORMATO", "HOJA", "PROPIEDAD", "PROPIEDAD_PERIODO", "PROPIEDAD_SELLO", "FilaIdentidad", "Identidad",
           "IdentidadDanada", "escribir_identidad", "huellas_del_plan", "leer_identidad"]
