"""La plantilla del libro de seguimiento (.xlsx) que se diligencia en Excel o LibreOffice.

``escribir_plantilla(ruta)`` escribe una hoja ``instrucciones`` (con la «Ficha del libro»: su
vigencia y, si aplica, la marca de demostración; ver :mod:`.marcas`), las hojas del contrato
(sección 2 de la especificación) en el orden de :data:`esquema.HOJAS` y una hoja oculta
``listas`` con los valores permitidos de cada columna codificada, que alimenta las listas
desplegables. Las hojas del plan llevan el plan 2024 incorporado (o las ``tablas`` que se den,
p. ej. el plan de la vigencia siguiente); las de seguimiento quedan vacías, o con un ejemplo
incorporado si ``con_ejemplo`` (``"demostracion"`` o ``"armonizacion"``).

Nunca reemplaza un archivo que ya existe salvo con ``sobrescribir=True``: el libro que está en
esa ruta puede ser el año diligenciado de la Oficina.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd

from ..comun.archivos import destino_escribible, escribir_atomico
from ..comun.faltantes import es_faltante
from ..comun.periodos import a_periodo
from ..comun.textos import canonico
from ..errores import ErrorEscritura, ErrorLectura
from . import esquema
from .instrucciones import escribir_celda, hoja_instrucciones
from .marcas import Marcas, escribir_propiedades

FILAS_CON_LISTA = 2000  # las listas desplegables cubren hasta esta fila de Excel
_ANCHO_TEXTO_LARGO = 60
_COLUMNAS_LARGAS = {"nombre", "descripcion", "control", "observaciones", "supuesto"}


def _valor_celda(valor: object, col: esquema.Columna | None) -> object:
    """Convierte un valor de las tablas incorporadas en el valor de la celda."""
    if es_faltante(valor):
        return None
    if isinstance(valor, str) and not valor.strip():
        return None
    tipo = col.tipo if col else "texto"
    if tipo == "periodo":
        per = a_periodo(valor)
        return str(per) if per is not None else str(valor)
    if tipo in ("entero", "numero"):
        from .cifras import leer_numero

        x = leer_numero(valor)
        if x is None or math.isinf(x):
            return str(valor)
        return int(x) if x.is_integer() else x
    if tipo == "codigo":
        return canonico(valor, col.valores) or str(valor)
    if hasattr(valor, "item"):  # escalares de numpy
        valor = valor.item()
    return valor


def _tablas(con_ejemplo: bool | str) -> dict[str, pd.DataFrame]:
    from .plan import tablas_plan_2024

    if con_ejemplo == "armonizacion":
        from .ejemplo_armonizado import tablas_armonizacion

        return tablas_armonizacion()
    tablas = tablas_plan_2024()
    if con_ejemplo:
        if con_ejemplo not in (True, "demostracion"):
            raise ErrorLectura(f"No hay un ejemplo incorporado llamado «{con_ejemplo}»: use demostracion o armonizacion.")
        from .demostracion import seguimiento_demostracion

        tablas |= seguimiento_demostracion()
    return tablas


def _hoja_listas(wb):
    """Hoja oculta con una columna por lista de valores; devuelve {(hoja, columna): rango}."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet("listas")
    ws.sheet_state = "hidden"
    rangos: dict[tuple[str, str], str] = {}
    por_valores: dict[tuple[str, ...], str] = {}
    for hoja, columnas in esquema.HOJAS.items():
        for col in columnas:
            if col.tipo != "codigo":
                continue
            if col.valores not in por_valores:
                n = len(por_valores) + 1
                letra = get_column_letter(n)
                escribir_celda(ws, 1, n, f"{hoja}.{col.nombre}")
                for i, v in enumerate(col.valores, start=2):
                    escribir_celda(ws, i, n, v)
                ws.column_dimensions[letra].width = max(len(v) for v in col.valores) + 2
                por_valores[col.valores] = f"listas!${letra}$2:${letra}${len(col.valores) + 1}"
            rangos[(hoja, col.nombre)] = por_valores[col.valores]
    return rangos


def escribir_plantilla(
    ruta: str | Path,
    con_ejemplo: bool | str = False,
    *,
    tablas: dict[str, pd.DataFrame] | None = None,
    vigencia: int | None = None,
    sobrescribir: bool = False,
    demostracion: bool | None = None,
) -> Path:
    """Escribe la plantilla del libro en ``ruta`` y devuelve la ruta.

    Las hojas del plan llevan el plan 2024 incorporado (con su columna ``supuesto``), o las
    ``tablas`` dadas; las de seguimiento quedan vacías, o con un ejemplo si ``con_ejemplo``
    (``True``/``"demostracion"`` o ``"armonizacion"``), que deja el libro marcado como de
    demostración. ``vigencia``: el año de la ficha (por omisión 2024). ``demostracion``: marca el
    libro como de demostración aunque no traiga ejemplo (el año siguiente de un libro de
    demostración hereda sus cifras simuladas en ``ejecutado_anterior``). Sin ``sobrescribir``,
    un archivo que ya existe en ``ruta`` es un error y no se toca.
    """
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ruta = Path(ruta)
    destino = destino_escribible(ruta)
    if destino.exists() and not sobrescribir:
        raise ErrorEscritura(
            f"Ya existe «{ruta}»: pai plantilla no reemplaza un libro (podría ser el año diligenciado "
            "de la Oficina). Elija otro nombre o use --sobrescribir."
        )
    tablas = tablas if tablas is not None else _tablas(con_ejemplo)
    marcas = Marcas(vigencia or 2024, bool(con_ejemplo) if demostracion is None else demostracion)
    negrita = Font(bold=True)
    relleno = PatternFill("solid", fgColor="DDEBF7")
    relleno_opcional = PatternFill("solid", fgColor="EDEDED")

    wb = openpyxl.Workbook()
    instrucciones = wb.active
    instrucciones.title = "instrucciones"
    hoja_instrucciones(instrucciones, negrita, relleno, marcas)
    escribir_propiedades(wb, marcas)
    hojas = {hoja: wb.create_sheet(hoja) for hoja in esquema.HOJAS}
    rangos = _hoja_listas(wb)

    for hoja, columnas in esquema.HOJAS.items():
        ws = hojas[hoja]
        df = tablas.get(hoja, pd.DataFrame())
        definidas = {c.nombre: c for c in columnas}
        extras = [c for c in df.columns if c not in definidas and not str(c).startswith("_")]
        nombres = [c.nombre for c in columnas] + extras
        for j, nombre in enumerate(nombres, start=1):
            col = definidas.get(nombre)
            celda = escribir_celda(ws, 1, j, nombre)
            celda.font = negrita
            celda.fill = relleno if col is None or col.requerida else relleno_opcional
            texto = col.descripcion if col else "Columna adicional: se conserva y no se valida"
            celda.comment = Comment(texto + ("" if col is None or col.requerida else " (columna opcional)"), "pai-analisis")
        for i, registro in enumerate(df.to_dict("records"), start=2):
            for j, nombre in enumerate(nombres, start=1):
                escribir_celda(ws, i, j, _valor_celda(registro.get(nombre), definidas.get(nombre)))
        ultima = get_column_letter(len(nombres))
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{ultima}{max(len(df) + 1, 2)}"
        for j, nombre in enumerate(nombres, start=1):
            letra = get_column_letter(j)
            if nombre in _COLUMNAS_LARGAS:
                ancho = _ANCHO_TEXTO_LARGO
            else:
                largos = [len(str(v)) for v in df[nombre].head(500) if v is not None] if nombre in df else []
                ancho = min(max([len(nombre) + 3, 10, *[n + 2 for n in largos]]), 40)
            ws.column_dimensions[letra].width = ancho
            col = definidas.get(nombre)
            if col is not None and col.tipo == "codigo":
                lista = ", ".join(col.valores)
                mensaje = (
                    f"Elija un valor de la lista: {lista}." if len(lista) < 200 else "Elija un valor de la lista desplegable."
                )
                dv = DataValidation(
                    type="list",
                    formula1=rangos[(hoja, nombre)],
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="Valor no permitido",
                    error=mensaje,
                    showInputMessage=True,
                    promptTitle=nombre[:32],
                    prompt=col.descripcion[:250],
                )
                dv.add(f"{letra}2:{letra}{FILAS_CON_LISTA}")
                ws.add_data_validation(dv)
    # Primero en memoria y después al disco de una vez: si el disco se llena, openpyxl no queda a
    # medio escribir un zip (su ``ZipFile.__del__`` imprimiría un traceback) y el temporal se borra.
    contenido = io.BytesIO()
    wb.save(contenido)
    return escribir_atomico(ruta, contenido.getvalue())
