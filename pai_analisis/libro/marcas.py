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

**Ante la duda, demostración.** Si algo impide leer las marcas (el archivo o la hoja de
instrucciones no se dejan recorrer), el libro se trata como de demostración y se dice por qué
(un ``UserWarning`` y la advertencia ``marcas_ilegibles`` del libro): nunca se publican cifras de
demostración como reales porque una marca no se pudo leer.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from ..comun.textos import es_si, normalizar
from ..errores import ErrorPAI

PROPIEDAD_VIGENCIA = "pai_vigencia"
PROPIEDAD_DEMOSTRACION = "pai_demostracion"
CLAVE_VIGENCIA = "vigencia"
CLAVE_DEMOSTRACION = "datos de demostración"
_FILAS_FICHA = 40  # la ficha está arriba en la hoja de instrucciones


@dataclass(frozen=True)
class Marcas:
    vigencia: int | None = None
    demostracion: bool = False
    duda: str | None = None  # por qué no se pudieron leer (entonces ``demostracion`` es True)


def _con_duda(vigencia: int | None, motivo: str) -> Marcas:
    duda = (f"no se pudieron leer las marcas del libro ({motivo}); se trata como de demostración "
            "hasta que la Oficina lo revise")
    warnings.warn(f"Marca de demostración conservada: {duda}.", UserWarning, stacklevel=3)
    return Marcas(vigencia, True, duda)


def _anio(valor) -> int | None:
    try:
        anio = int(float(str(valor).strip()))
    except (TypeError, ValueError):
        return None
    return anio if 2000 <= anio <= 2100 else None


def _demo(valor) -> bool:
    return valor is not None and (es_si(valor) or normalizar(valor).startswith("si "))


def leer_marcas(ruta: Path) -> Marcas:
    """Las marcas de un libro .xlsx ya comprobado como tal; si no se pueden leer, demostración (con la duda)."""
    from .lectura import abrir_libro

    try:
        with abrir_libro(ruta) as wb:
            return _marcas_de(wb)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return _con_duda(None, f"{type(exc).__name__}: {exc}")
    except ErrorPAI as exc:
        return _con_duda(None, str(exc))


def _marcas_de(wb) -> Marcas:
    vigencia = None
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
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:  # una hoja rara: ante la duda, demostración
        return _con_duda(vigencia, f"{type(exc).__name__}: {exc}")
    return Marcas(vigencia, demo)


def escribir_propiedades(wb, marcas: Marcas) -> None:
    """Las propiedades personalizadas del documento (la ficha la escribe la plantilla en su hoja)."""
    from openpyxl.packaging.custom import IntProperty, StringProperty

    if marcas.vigencia is not None:
        wb.custom_doc_props.append(IntProperty(name=PROPIEDAD_VIGENCIA, value=int(marcas.vigencia)))
    if marcas.demostracion:
        wb.custom_doc_props.append(StringProperty(name=PROPIEDAD_DEMOSTRACION, value="Sí"))
