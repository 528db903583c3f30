"""La hoja «instrucciones» de un formulario: la ficha (entidad, vigencia, mes, dependencia, fecha límite), cómo
diligenciarlo y qué significa cada columna de cada hoja. Es lo primero que ve quien lo abre; no se lee al recoger.
"""

from __future__ import annotations

import math

from ..comun.periodos import periodo_en_palabras
from ..libro.instrucciones import escribir_celda
from .columnas import COLUMNAS, ENTRADA

DESCRIPCION_HOJAS = {
    "metas": "Las metas de los proyectos de inversión a su cargo: lo programado y lo ejecutado en el mes (Suma, Creciente) "
             "o el nivel al corte del mes (Constante, Decreciente).",
    "indicadores": "Los indicadores de gestión cuyo periodo de medición cierra este mes: el resultado, o el numerador y el "
                   "denominador.",
    "actividades": "Las actividades del plan de acción integrado (Decreto 612 de 2018): el avance acumulado al corte del mes, "
                   "en porcentaje (0 a 100).",
    "riesgos": "Los riesgos de su proceso: si el riesgo se materializó en el mes (Sí o No).",
}


def _como(periodo: str, fecha: str, oficina: str) -> tuple[str, ...]:
    return (
        "Escriba solo en las celdas amarillas (las columnas de entrada, a la derecha). Las demás están bloqueadas: "
        "son el elemento y su contexto, tal como están en el plan.",
        "Una fila por elemento. No agregue, borre, ordene ni mueva filas u hojas, ni cambie los encabezados: el "
        "formulario se recoge fila por fila y uno cambiado se rechaza entero.",
        f"Deje vacías las celdas de un elemento que no reporta este mes: cuenta como «no reportado». Una fila con "
        f"valores es el reporte de {periodo}.",
        "Si una fila ya trae valores, son los que el libro de seguimiento tiene para este mes: corríjalos si hace falta.",
        "Números: con coma o punto decimal y sin separador de miles (1234,5). Porcentajes de 0 a 100 (80 es 80 %).",
        "Las actividades se reportan acumuladas: el avance no puede ser menor que el del último corte (columnas "
        "programado_anterior y ejecutado_anterior) ni pasar de 100.",
        "Un indicador lleva el resultado, o el numerador y el denominador (mayor que 0). Una meta lleva programado y "
        "ejecutado. Un riesgo lleva Sí o No.",
        f"Guarde el archivo con el mismo formato (.xlsx) y envíelo a la {oficina} antes de {fecha}. Puede cambiarle el "
        "nombre; no copie sus hojas a otro libro (el formulario lleva una identidad oculta que se verifica al recogerlo).",
        "La protección de las hojas no tiene contraseña: solo evita cambios accidentales. No la quite.",
    )


def hoja_instrucciones(ws, *, entidad: str, vigencia: int, periodo: str, dependencia: str, fecha_limite: str | None,
                       oficina: str, conteos: dict[str, int], textos: dict[str, str]) -> None:
    """Escribe la hoja de instrucciones (bloqueada y protegida) en ``ws``."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.protection import SheetProtection

    anchos = {"A": 24, "B": 16, "C": 80}
    for letra, ancho in anchos.items():
        ws.column_dimensions[letra].width = ancho
    ajuste = Alignment(wrap_text=True, vertical="top")
    relleno = PatternFill("solid", fgColor="DDEBF7")
    fila = 1

    def escribir(*valores, fuente=None, combinar=False, rellenar=False) -> None:
        """Una fila: ``combinar`` une las tres columnas; dos valores (clave y valor) unen B y C para el valor."""
        nonlocal fila
        lineas = 1
        anchuras = [sum(anchos.values())] if combinar else [anchos["A"], anchos["B"] + anchos["C"]] if len(valores) == 2 \
            else list(anchos.values())
        for j, (valor, ancho) in enumerate(zip(valores, anchuras, strict=True), start=1):
            c = escribir_celda(ws, fila, j, valor)
            c.alignment = ajuste
            if fuente is not None:
                c.font = fuente
            if rellenar:
                c.fill = relleno
            lineas = max(lineas, math.ceil(len(str(valor or "")) / (ancho - 2)))
        if combinar or len(valores) == 2:
            ws.merge_cells(start_row=fila, start_column=1 if combinar else 2, end_row=fila, end_column=3)
        ws.row_dimensions[fila].height = 15 * lineas + (6 if fuente is not None and fuente.sz else 0)
        fila += 1

    negrita, titulo = Font(bold=True), Font(bold=True, size=12)
    escribir(f"Formulario de seguimiento del PAI — {dependencia}", fuente=Font(bold=True, size=14), combinar=True)
    escribir(f"El reporte de {periodo_en_palabras(periodo)} que la {oficina} pide a la dependencia para el seguimiento "
             "mensual del Plan de Acción Institucional.", combinar=True)
    fila += 1
    escribir("Ficha del formulario", fuente=titulo, combinar=True)
    fecha = fecha_limite or f"la fecha que indique la {oficina}"
    elementos = "; ".join(f"{tipo}: {n}" for tipo, n in conteos.items())
    for clave, valor in (("entidad", entidad), ("vigencia", vigencia), ("periodo", f"{periodo} ({periodo_en_palabras(periodo)})"),
                         ("dependencia", dependencia), ("fecha límite", fecha), ("elementos", elementos)):
        escribir(clave, valor if clave in ("vigencia",) else str(valor), fuente=negrita if clave == "dependencia" else None)
    fila += 1
    escribir("Cómo diligenciarlo", fuente=titulo, combinar=True)
    for texto in _como(periodo, fecha, oficina):
        escribir("• " + texto, combinar=True)
    for tipo in conteos:
        fila += 1
        escribir(f"Hoja «{tipo}»", fuente=titulo, combinar=True)
        escribir(DESCRIPCION_HOJAS[tipo], combinar=True)
        escribir("columna", "¿la diligencia?", "qué es", fuente=negrita, rellenar=True)
        for col in COLUMNAS[tipo]:
            escribir(col.nombre, "sí (amarilla)" if col.rol == ENTRADA else "no (bloqueada)", col.descripcion.format(**textos))
    ws.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


__all__ = ["DESCRIPCION_HOJAS", "hoja_instrucciones"]
