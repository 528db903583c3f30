"""Exportación de las métricas de un periodo a un libro .xlsx para analistas.

La hoja ``resumen`` (índice, componentes e información del periodo) y una hoja por tabla del
modelo (:func:`~pai_analisis.modelo.tablas`: objetivos, proyectos, metas, presupuesto con el
movimiento de cada corte, indicadores, actividades, riesgos, alertas, modificaciones,
armonización, reprogramaciones y dimensiones), con todas sus columnas y los encabezados en español
del diccionario de datos, números guardados como números (los porcentajes en escala 0–100 con
formato ``0.0" %"``, no el ``%`` de Excel que multiplica por 100; el dinero en millones con
``#,##0``; un movimiento negativo queda negativo), semáforo con su etiqueta («Crítico», «En
riesgo», «Satisfactorio») y por formato condicional con los umbrales de ``metricas.parametros``,
encabezados fijos y autofiltros.

Ningún texto se escribe como fórmula: un nombre que empiece por ``=``, ``+``, ``-`` o
``@`` queda como texto literal (contra la inyección de fórmulas). El archivo se escribe
con :func:`~pai_analisis.comun.archivos.escribir_atomico`: un fallo nunca deja medio
archivo ni pisa el anterior.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..comun.archivos import escribir_atomico
from ..comun.faltantes import FALTANTE, es_faltante
from ..metricas.parametros import COMPONENTES, ETIQUETAS_SEMAFORO
from ..modelo.tablas import tablas
from ..modelo.tipos import ETIQUETA_COLOR
from .hojas_excel import CON_SEMAFORO, ENTERO, HOJAS, MILLONES, PCT, columnas_hoja

_PELIGROSOS = ("=", "+", "-", "@")
_COLORES = {"critico": "F8CBAD", "en_riesgo": "FFE699", "satisfactorio": "C6EFCE"}
_ENCABEZADO = "1F3864"

def _valor(v):
    """Valor de celda: ``None`` para vacíos; tipos de Python; etiquetas Sí/No."""
    if es_faltante(v) or (isinstance(v, (float, np.floating)) and not math.isfinite(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        return "Sí" if v else "No"
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, pd.Period):
        return str(v)  # «2024-06», como en el libro de seguimiento
    return ILLEGAL_CHARACTERS_RE.sub("", str(v))  # caracteres de control que el formato .xlsx no admite


def _escribir(ws, fila: int, col: int, valor, formato=None):
    celda = ws.cell(row=fila, column=col)
    valor = _valor(valor)
    if formato == ENTERO and isinstance(valor, float) and valor.is_integer():
        valor = int(valor)  # p. ej. el proyecto de una alerta, que llega como float por los vacíos
    celda.value = valor
    if isinstance(valor, str):
        celda.data_type = "s"  # nunca fórmula, aunque empiece por «=»
        if valor.startswith(_PELIGROSOS):
            celda.quotePrefix = True  # Excel lo sigue tratando como texto al editar la celda
    elif formato and valor is not None:
        celda.number_format = formato
    return celda


def _hoja(wb, nombre: str, columnas, filas, par) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(nombre)
    negrita, fondo = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor=_ENCABEZADO)
    anchos = []
    for j, (_, titulo, _) in enumerate(columnas, start=1):
        c = _escribir(ws, 1, j, titulo)
        c.font, c.fill = negrita, fondo
        anchos.append(len(titulo))
    for i, fila in enumerate(filas, start=2):
        for j, ((_, _, formato), v) in enumerate(zip(columnas, fila, strict=True), start=1):
            c = _escribir(ws, i, j, v, formato)
            texto = c.value if isinstance(c.value, str) else (f"{c.value:,.1f}" if c.value is not None else "")
            anchos[j - 1] = max(anchos[j - 1], len(texto))
    ultima = max(len(filas) + 1, 2)
    for j, ((clave, _, formato), ancho) in enumerate(zip(columnas, anchos, strict=True), start=1):
        letra = get_column_letter(j)
        ws.column_dimensions[letra].width = min(max(ancho + 2, 9), 60)
        if formato == PCT and clave in CON_SEMAFORO:
            _semaforo_condicional(ws, f"{letra}2:{letra}{ultima}", f"{letra}2", par)
    ws.freeze_panes = "A2"
    ws.page_setup.orientation = "landscape"  # al imprimir: apaisado y todas las columnas en el ancho de la página
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columnas))}{ultima}"


def _semaforo_condicional(ws, rango: str, primera: str, par) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    crit, sat = (format(float(u), ".15g") for u in (par.umbral_critico, par.umbral_satisfactorio))  # 70 → «70», 85.5 → «85.5»
    condiciones = {  # ISNUMBER: una celda vacía (indefinido) no se colorea como 0
        "critico": f"AND(ISNUMBER({primera}),{primera}<{crit})",
        "en_riesgo": f"AND(ISNUMBER({primera}),{primera}>={crit},{primera}<{sat})",
        "satisfactorio": f"AND(ISNUMBER({primera}),{primera}>={sat})",
    }
    for clave, formula in condiciones.items():
        relleno = PatternFill("solid", fgColor=_COLORES[clave], bgColor=_COLORES[clave])
        ws.conditional_formatting.add(rango, FormulaRule(formula=[formula], fill=relleno, stopIfTrue=True))


def _filas(df: pd.DataFrame, columnas) -> list[list]:
    datos = []
    for clave, _, _ in columnas:
        serie = df[clave].astype(object)
        if clave == "semaforo":
            serie = serie.map(lambda s: ETIQUETA_COLOR.get(s, s))
        datos.append(serie.tolist())
    return [list(f) for f in zip(*datos, strict=True)] if datos else []


def _resumen(metricas) -> tuple[list, list[list]]:
    nombres = {
        "indice_pai": "Índice PAI",
        "proyectos_inversion": "Proyectos de inversión",
        "indicadores_gestion": "Indicadores de gestión",
        "plan_accion_integrado": "Plan de acción integrado",
    }
    ant = metricas.anterior or {}
    proy = metricas.proyeccion or {}
    columnas = [
        ("Medida", "Medida", None),
        ("Valor", "Valor", PCT),
        ("Mes anterior", "Mes anterior", PCT),
        ("Variacion", "Variación (puntos)", "+0.0;-0.0;0.0"),
        ("Proyección a diciembre", "Proyección a diciembre", PCT),
        ("Semáforo", "Semáforo", None),
    ]
    filas = []
    for clave in ("indice_pai", *COMPONENTES):
        actual = metricas.indice_pai if clave == "indice_pai" else metricas.componentes.get(clave)
        previo = ant.get("indice_pai") if clave == "indice_pai" else (ant.get("componentes") or {}).get(clave)
        futuro = proy.get("indice_pai") if clave == "indice_pai" else (proy.get("componentes") or {}).get(clave)
        variacion = actual - previo if actual is not None and previo is not None else None
        semaforo = metricas.parametros.semaforo([actual]).iloc[0]
        filas.append([nombres[clave], actual, previo, variacion, futuro, ETIQUETAS_SEMAFORO.get(semaforo, semaforo)])
    return columnas, filas


def _informacion(ws, metricas, desde: int) -> None:
    from openpyxl.styles import Font

    p, t, r = metricas.parametros, metricas.presupuesto_total, metricas.resumen_riesgos()
    datos = metricas.datos or {}
    filas = [
        ("Periodo", str(metricas.periodo), None),
        ("Mes anterior", (metricas.anterior or {}).get("periodo") or FALTANTE, None),
        ("Apropiación (millones)", t.get("apropiacion"), MILLONES),
        ("Compromisos (millones)", t.get("compromisos"), MILLONES),
        ("Giros (millones)", t.get("giros"), MILLONES),
        ("Ejecución presupuestal (%)", t.get("ejecucion_presupuestal"), PCT),
        ("Giros sobre apropiación (%)", t.get("giros_pct"), PCT),
        ("Riesgos", r["total"], ENTERO),
        ("Riesgos materializados", r["materializados"], ENTERO),
        ("Riesgos en zona residual Extremo", r["por_zona_residual"]["Extremo"], ENTERO),
        ("Umbral crítico (por debajo)", p.umbral_critico, PCT),
        ("Umbral satisfactorio (desde)", p.umbral_satisfactorio, PCT),
        ("Entidad", p.entidad, None),
        ("Datos", datos.get("archivo"), None),
        ("Datos de demostración", datos.get("demostracion"), None),
        ("SHA-256 de los datos", datos.get("sha256"), None),
    ]
    _escribir(ws, desde, 1, "Información del periodo").font = Font(bold=True)
    for i, (etiqueta, valor, formato) in enumerate(filas, start=desde + 1):
        _escribir(ws, i, 1, etiqueta)
        _escribir(ws, i, 2, valor, formato)


def exportar_xlsx(metricas, ruta) -> Path:
    """Escribe las métricas (:class:`~pai_analisis.metricas.Metricas`) en ``ruta`` (.xlsx) y devuelve la ruta."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    par = metricas.parametros
    columnas, filas = _resumen(metricas)
    _hoja(wb, "resumen", columnas, filas, par)
    ws = wb["resumen"]
    ws.auto_filter.ref = None  # tabla corta: sin filtro
    _informacion(ws, metricas, len(filas) + 3)
    ws.column_dimensions["A"].width = 36
    modelo = tablas(metricas)
    for nombre in HOJAS:
        cols = columnas_hoja(nombre)
        _hoja(wb, nombre, cols, _filas(modelo[nombre], cols), par)
    contenido = io.BytesIO()  # en memoria primero: un disco lleno no deja un zip a medio escribir
    wb.save(contenido)
    return escribir_atomico(ruta, contenido.getvalue())
