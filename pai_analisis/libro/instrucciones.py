"""La hoja «instrucciones» de la plantilla: la ficha del libro, las reglas y el significado de cada columna.

Es lo primero que ve quien diligencia el libro en Excel o LibreOffice; no se lee al validar.
"""

from __future__ import annotations

import math

from . import esquema
from .marcas import CLAVE_DEMOSTRACION, CLAVE_VIGENCIA, Marcas

DESCRIPCION_HOJAS = {
    "objetivos": "Los objetivos estratégicos de la entidad. Una fila por objetivo.",
    "proyectos": "Los proyectos de inversión, con el objetivo al que aportan y su presupuesto de la vigencia.",
    "metas": "Las metas de cada proyecto de inversión y su programación.",
    "seguimiento_metas": "El reporte mensual de cada meta: lo programado y lo ejecutado en cada mes.",
    "presupuesto": "La ejecución presupuestal de cada proyecto al corte de cada mes (valores acumulados en el año).",
    "indicadores": "Los indicadores de gestión de los procesos, con su meta y periodicidad.",
    "seguimiento_indicadores": "Cada medición de un indicador: el resultado, o el numerador y el denominador.",
    "actividades": "Las actividades del plan de acción integrado (Decreto 612 de 2018).",
    "seguimiento_actividades": "El avance de cada actividad al corte de cada mes (porcentajes acumulados).",
    "riesgos": "El mapa de riesgos (guía DAFP v5): probabilidad e impacto inherentes.",
    "controles": "Los controles de cada riesgo, en el orden en que se aplican.",
    "seguimiento_riesgos": "Si cada riesgo se materializó en el mes.",
    "reprogramaciones": "Opcional. Cada cambio de la meta de la vigencia de una meta: desde qué mes rige el valor nuevo y por qué.",
    "armonizacion": "Opcional. Qué proyecto nuevo continúa a cuál anterior y desde qué mes (p. ej. al adoptar un nuevo plan de desarrollo).",
}

_TIPOS = {
    "entero": "número entero",
    "numero": "número",
    "texto": "texto",
    "id": "identificador de texto",
    "codigo": "lista",
    "periodo": "periodo AAAA-MM",
}

REGLAS = (
    "Cada hoja conserva su nombre y su primera fila de encabezados. Puede agregar columnas propias "
    "(se conservan y se ignoran); las columnas marcadas como opcionales pueden faltar. Las filas vacías se omiten.",
    "Periodos: un mes de la vigencia escrito AAAA-MM (por ejemplo 2024-06). También se acepta una fecha "
    "de ese mes (2024-06-30). Un reporte «de 2024-06» cubre todo lo ocurrido hasta el cierre de junio.",
    "Metas: según la anualización, «programado» y «ejecutado» son valores del mes (Suma y Creciente: lo "
    "entregado en ese mes; el valor de la vigencia es la suma) o niveles al corte (Constante y Decreciente: "
    "el valor de la vigencia es el último reportado). Las metas Decreciente requieren línea base.",
    "Presupuesto: apropiación vigente, compromisos y giros acumulados en el año, en millones de pesos "
    "(20149 = $20.149 millones). Los compromisos no superan la apropiación, los giros no superan los "
    "compromisos. Un acumulado de compromisos o giros puede bajar de un mes al siguiente (anulación o "
    "liberación de un compromiso, reintegro de un giro): es válido, se advierte y el informe muestra el movimiento "
    "negativo; explíquelo en «observaciones» de ese corte.",
    "Porcentajes: números de 0 a 100 (80 significa 80 %), no 0,8. El avance de las actividades es "
    "acumulado: no baja de un mes al siguiente ni supera 100.",
    "Textos de las listas: use las listas desplegables; no importan mayúsculas, tildes ni espacios sobrantes.",
    "Riesgos de corrupción: solo admiten impacto Moderado, Mayor o Catastrófico.",
    "Un año que cambia: «vigente_desde» y «vigente_hasta» (AAAA-MM, opcionales) dicen desde y hasta qué mes un "
    "proyecto, meta, indicador o actividad hace parte del plan; en blanco, toda la vigencia (una meta en blanco toma la "
    "ventana de su proyecto). Fuera de su ventana un elemento no lleva reportes: antes de empezar no aparece en los "
    "informes y después de cerrar se informa con sus valores finales, aparte. Un cambio de la meta de la vigencia se "
    "registra en la hoja «reprogramaciones» (con su motivo), no sobre la programación original; un proyecto que continúa "
    "a otro, en la hoja «armonizacion». Guía paso a paso: docs/nueva_vigencia.md.",
    "Para revisar el libro antes de enviarlo, ejecute:  pai validar LIBRO.xlsx  — la orden lista todos los "
    "problemas a la vez (hoja, fila, columna, valor y lo esperado). Esta hoja de instrucciones y la hoja "
    "oculta «listas» no se leen al validar.",
)


def escribir_celda(ws, fila: int, columna: int, valor: object):
    celda = ws.cell(row=fila, column=columna, value=valor)
    if isinstance(valor, str) and valor.startswith("="):
        celda.data_type = "s"  # texto, nunca una fórmula
    return celda


def hoja_instrucciones(ws, negrita, relleno, marcas: Marcas) -> None:
    from openpyxl.styles import Alignment, Font

    anchos = {"A": 26, "B": 22, "C": 22, "D": 90}
    for letra, ancho in anchos.items():
        ws.column_dimensions[letra].width = ancho
    total = sum(anchos.values())
    ajuste = Alignment(wrap_text=True, vertical="top")
    fila = 1

    def alto(texto: str, ancho: float) -> int:
        """Líneas que ocupa ``texto`` en una celda de ``ancho`` caracteres (Excel no ajusta celdas combinadas)."""
        return max(1, math.ceil(len(texto) / max(ancho - 2, 1)))

    def parrafo(texto: str, fuente=None):
        nonlocal fila
        c = escribir_celda(ws, fila, 1, texto)
        c.alignment = ajuste
        if fuente:
            c.font = fuente
        ws.merge_cells(start_row=fila, start_column=1, end_row=fila, end_column=4)
        ws.row_dimensions[fila].height = 15 * alto(texto, total) + (6 if fuente is not None and fuente.sz else 0)
        fila += 1

    def tabla(*valores, fuente=None, rellenar=False):
        nonlocal fila
        lineas = 1
        for j, (letra, v) in enumerate(zip(anchos, valores, strict=True), start=1):
            c = escribir_celda(ws, fila, j, v)
            c.alignment = ajuste
            if fuente:
                c.font = fuente
            if rellenar:
                c.fill = relleno
            lineas = max(lineas, alto(str(v or ""), anchos[letra]))
        ws.row_dimensions[fila].height = 15 * lineas
        fila += 1

    parrafo("Libro de seguimiento del Plan de Acción Institucional (PAI)", fuente=Font(bold=True, size=14))
    parrafo(
        "Este libro reúne el plan de la vigencia y su seguimiento mensual: metas de los proyectos de "
        "inversión, presupuesto, indicadores de gestión, plan de acción integrado y riesgos. Diligencie "
        "una fila por registro en cada hoja; el programa pai-analisis lo valida y calcula el índice PAI."
    )
    fila += 1
    parrafo("Ficha del libro", fuente=Font(bold=True, size=12))
    tabla(CLAVE_VIGENCIA, marcas.vigencia, "", "El año de este libro. Cada vigencia tiene su propio libro.")
    if marcas.demostracion:
        tabla(
            CLAVE_DEMOSTRACION,
            "Sí",
            "",
            "DATOS DE DEMOSTRACIÓN: el seguimiento de este libro es simulado y todo informe hecho con él "
            "lo dice. Para usarlo con cifras reales, borre este «Sí» y la propiedad «pai_demostracion» del documento "
            "(Archivo › Propiedades › Personalizado); ver docs/nueva_vigencia.md.",
            fuente=Font(bold=True, color="9C0006"),
        )
    fila += 1
    parrafo("Reglas", fuente=Font(bold=True, size=12))
    for regla in REGLAS:
        parrafo("• " + regla)
    for hoja, columnas in esquema.HOJAS.items():
        fila += 1
        parrafo(f"Hoja «{hoja}»", fuente=Font(bold=True, size=12))
        parrafo(DESCRIPCION_HOJAS.get(hoja, ""))
        tabla("columna", "tipo", "¿obligatoria?", "significado", fuente=negrita, rellenar=True)
        for col in columnas:
            significado = col.descripcion
            if col.valores:
                significado += ". Valores: " + "; ".join(col.valores)
            if col.no_negativo:
                significado += ". No puede ser negativo"
            obligatoria = "sí" if col.obligatoria else ("no (columna opcional)" if not col.requerida else "no")
            tabla(col.nombre, _TIPOS.get(col.tipo, col.tipo), obligatoria, significado)
        clave = esquema.CLAVES.get(hoja)
        if clave:
            tabla("", "", "", "Clave (no se repite): " + ", ".join(clave))
