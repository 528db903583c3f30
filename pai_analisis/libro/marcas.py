"""Las marcas del libro: su vigencia y si sus cifras son de demostración.

Un libro escrito por ``pai plantilla`` lleva dos marcas, en dos lugares que sobreviven a guardarlo
en Excel o en LibreOffice:

* en la hoja ``instrucciones``, la «Ficha del libro»: una fila ``vigencia`` con el año y, en un
  libro hecho con ``--con-ejemplo``, una fila ``datos de demostración`` con «Sí»;
* en las propiedades personalizadas del documento (Archivo › Propiedades › Personalizado):
  ``pai_vigencia`` y ``pai_demostracion``.

Basta una de las dos para que el libro cuente como de demostración: todo informe y todo JSON
hechos con él lo dicen. **Quitar la marca es un acto deliberado de la Oficina** (cuando reemplaza
las cifras simuladas por las suyas): borrar el «Sí» de la ficha *y* la propiedad
``pai_demostracion`` (ver ``docs/nueva_vigencia.md``). La vigencia escrita en la ficha manda sobre
la de la propiedad; sin ninguna, la vigencia se infiere de los periodos del seguimiento.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..comun.textos import es_si, normalizar

PROPIEDAD_VIGENCIA = "pai_vigencia"
PROPIEDAD_DEMOSTRACION = "pai_demostracion"
CLAVE_VIGENCIA = "vigencia"
CLAVE_DEMOSTRACION = "datos de demostración"
_FILAS_FICHA = 40  # la ficha está arriba en la hoja de instrucciones


@dataclass(frozen=True)
class Marcas:
    vigencia: int | None = None
    demostracion: bool = False


def _anio(valor) -> int | None:
    try:
        anio = int(float(str(valor).strip()))
    except (TypeError, ValueError):
        return None
    return anio if 2000 <= anio <= 2100 else None


def _demo(valor) -> bool:
    return valor is not None and (es_si(valor) or normalizar(valor).startswith("si "))


def leer_marcas(ruta: Path) -> Marcas:
    """Las marcas de un libro .xlsx ya comprobado como tal (nunca falla: sin marcas, ``Marcas()``)."""
    from .lectura import abrir_libro

    try:
        with abrir_libro(ruta) as wb:
            return _marcas_de(wb)
    except Exception:  # noqa: BLE001 - la lectura del libro ya dirá qué le pasa
        return Marcas()


def _marcas_de(wb) -> Marcas:
    try:
        props = {p.name: p.value for p in getattr(wb, "custom_doc_props", [])}
        vigencia, demo = _anio(props.get(PROPIEDAD_VIGENCIA)), _demo(props.get(PROPIEDAD_DEMOSTRACION))
        hoja = next((ws for ws in wb.worksheets if normalizar(ws.title) == "instrucciones"), None)
        if hoja is not None:
            for fila in hoja.iter_rows(min_row=1, max_row=_FILAS_FICHA, max_col=2, values_only=True):
                clave = normalizar(fila[0]) if fila and fila[0] is not None else ""
                valor = fila[1] if len(fila) > 1 else None
                if clave == CLAVE_VIGENCIA and _anio(valor):
                    vigencia = _anio(valor)
                elif clave == normalizar(CLAVE_DEMOSTRACION):
                    demo = demo or _demo(valor)
    except Exception:  # noqa: BLE001 - una hoja rara no impide leer el libro
        return Marcas()
    return Marcas(vigencia, demo)


def escribir_propiedades(wb, marcas: Marcas) -> None:
    """Las propiedades personalizadas del documento (la ficha la escribe la plantilla en su hoja)."""
    from openpyxl.packaging.custom import IntProperty, StringProperty

    if marcas.vigencia is not None:
        wb.custom_doc_props.append(IntProperty(name=PROPIEDAD_VIGENCIA, value=int(marcas.vigencia)))
    if marcas.demostracion:
        wb.custom_doc_props.append(StringProperty(name=PROPIEDAD_DEMOSTRACION, value="Sí"))
