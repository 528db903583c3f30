"""Una hoja del formulario (``metas``, ``indicadores``, ``actividades`` o ``riesgos``) escrita con openpyxl.

Fila 1: los nombres de :data:`.columnas.COLUMNAS` (con un comentario que dice qué es cada una);
desde la fila 2, un elemento por fila. Las celdas de entrada (amarillas) quedan desbloqueadas, con
validación de datos y un mensaje de entrada; todo lo demás queda bloqueado y la hoja protegida sin
contraseña (evita accidentes; se pueden cambiar anchos y altos). Encabezado fijo, columnas hasta
el nombre fijas, textos largos ajustados y la hoja lista para imprimir apaisada en una página de ancho.
"""

from __future__ import annotations

import math

import pandas as pd

from ..comun.faltantes import es_faltante
from ..libro.instrucciones import escribir_celda
from .columnas import COLUMNAS, ENTRADA, ColumnaFormulario, bloqueadas
from .identidad import FilaIdentidad

AMARILLO, AZUL, GRIS = "FFF2CC", "DDEBF7", "F2F2F2"


def valor_celda(valor) -> object:
    """Un valor de las tablas como valor de celda: vacío → ``None``; 12.0 → 12; escalares de numpy → Python."""
    if es_faltante(valor):
        return None
    if hasattr(valor, "item") and not isinstance(valor, str):
        valor = valor.item()
    if isinstance(valor, float) and valor.is_integer():
        return int(valor)
    if isinstance(valor, str):
        return valor if valor.strip() else None
    if isinstance(valor, pd.Period):
        return str(valor)
    return valor


def _validacion(tipo: str, col: ColumnaFormulario, letras: dict[str, str]):
    """La validación de datos de una columna de entrada (``None`` si solo lleva mensaje de entrada)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    comun = {"showInputMessage": True, "promptTitle": col.nombre[:32], "prompt": col.descripcion[:250],
             "showErrorMessage": True, "errorTitle": "Valor no permitido", "allow_blank": True}
    if col.nombre == "observaciones":
        return DataValidation(**{**comun, "showErrorMessage": False})
    if col.nombre == "materializado":
        return DataValidation(type="list", formula1='"Sí,No"', error="Elija Sí o No de la lista.", **comun)
    if tipo == "actividades":
        minimo = f"${letras[col.nombre + '_anterior']}2"
        return DataValidation(type="decimal", operator="between", formula1=minimo, formula2="100",
                              error=f"Un porcentaje acumulado entre {col.nombre}_anterior y 100: el avance acumulado no baja.",
                              **comun)
    if col.nombre == "denominador":
        return DataValidation(type="decimal", operator="greaterThan", formula1="0", error="Un número mayor que 0.", **comun)
    return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                          error="Un número mayor o igual a 0 (use coma o punto decimal, sin separador de miles).", **comun)


def _lineas(texto, ancho: float) -> int:
    return 1 if texto is None else max(1, math.ceil(len(str(texto)) / max(ancho - 1, 1)))


def escribir_hoja(wb, tipo: str, filas: pd.DataFrame, textos: dict[str, str]) -> list[FilaIdentidad]:
    """Escribe la hoja ``tipo`` con ``filas`` (columnas de :data:`COLUMNAS`); devuelve la identidad de cada fila.

    ``textos``: lo que reemplaza ``{anterior}`` y ``{periodo}`` en las descripciones.
    """
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.protection import SheetProtection

    ws = wb.create_sheet(tipo)
    columnas = COLUMNAS[tipo]
    letras = {c.nombre: get_column_letter(j) for j, c in enumerate(columnas, start=1)}
    fino = Side(style="thin", color="BFBFBF")
    borde = Border(left=fino, right=fino, top=fino, bottom=fino)
    arriba = Alignment(vertical="top", wrap_text=False)
    ajustado = Alignment(vertical="top", wrap_text=True)
    libre = Protection(locked=False)
    rellenos = {ENTRADA: PatternFill("solid", fgColor=AMARILLO)}
    encabezado = {ENTRADA: PatternFill("solid", fgColor="FFE699")}
    for j, col in enumerate(columnas, start=1):
        celda = escribir_celda(ws, 1, j, col.nombre)
        celda.font = Font(bold=True)
        celda.fill = encabezado.get(col.rol, PatternFill("solid", fgColor=AZUL))
        celda.alignment = Alignment(vertical="center", wrap_text=True)
        celda.border = borde
        comentario = Comment(col.descripcion.format(**textos), "pai-analisis")
        comentario.width, comentario.height = 320, 110
        celda.comment = comentario
        ws.column_dimensions[letras[col.nombre]].width = col.ancho
    ws.row_dimensions[1].height = 30
    fijas = bloqueadas(tipo)
    identidad: list[FilaIdentidad] = []
    for i, registro in enumerate(filas.to_dict("records"), start=2):
        lineas = 1
        valores = {}
        for j, col in enumerate(columnas, start=1):
            valor = valor_celda(registro.get(col.nombre))
            valores[col.nombre] = valor
            celda = escribir_celda(ws, i, j, valor)
            celda.border = borde
            celda.alignment = ajustado if col.ajustar else arriba
            if col.rol == ENTRADA:
                celda.protection = libre
                celda.fill = rellenos[ENTRADA]
            elif col.ajustar:
                lineas = max(lineas, _lineas(valor, col.ancho))
        ws.row_dimensions[i].height = 15 * min(lineas, 8)
        identidad.append(FilaIdentidad(tipo, i, str(registro["clave"]), {c: valores[c] for c in fijas}))
    ultima = max(len(filas) + 1, 2)
    for col in columnas:
        if col.rol == ENTRADA:
            dv = _validacion(tipo, col, letras)
            dv.add(f"{letras[col.nombre]}2:{letras[col.nombre]}{ultima}")
            ws.add_data_validation(dv)
    nombre = next(j for j, c in enumerate(columnas, start=1) if c.nombre == "nombre")
    ws.freeze_panes = f"{get_column_letter(nombre + 1)}2"
    ws.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False)
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return identidad


__all__ = ["escribir_hoja", "valor_celda"]
