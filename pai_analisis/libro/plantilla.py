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

import math
from pathlib import Path

import pandas as pd

from ..comun.archivos import destino_escribible, escribir_atomico
from ..comun.periodos import a_periodo
from ..comun.textos import canonico
from ..errores import ErrorEscritura, ErrorLectura
from . import esquema
from .marcas import CLAVE_DEMOSTRACION, CLAVE_VIGENCIA, Marcas, escribir_propiedades

FILAS_CON_LISTA = 2000  # las listas desplegables cubren hasta esta fila de Excel
_ANCHO_TEXTO_LARGO = 60
_COLUMNAS_LARGAS = {"nombre", "descripcion", "control", "observaciones", "supuesto"}

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
    "compromisos y ningún acumulado baja de un mes al siguiente.",
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


def _valor_celda(valor: object, col: esquema.Columna | None) -> object:
    """Convierte un valor de las tablas incorporadas en el valor de la celda."""
    if valor is None or valor is pd.NA or valor is pd.NaT:
        return None
    if isinstance(valor, float) and math.isnan(valor):
        return None
    if isinstance(valor, str) and not valor.strip():
        return None
    tipo = col.tipo if col else "texto"
    if tipo == "periodo":
        per = a_periodo(valor)
        return str(per) if per is not None else str(valor)
    if tipo in ("entero", "numero"):
        from .celdas import leer_numero

        x = leer_numero(valor)
        if x is None or math.isinf(x):
            return str(valor)
        return int(x) if x.is_integer() else x
    if tipo == "codigo":
        return canonico(valor, col.valores) or str(valor)
    if hasattr(valor, "item"):  # escalares de numpy
        valor = valor.item()
    return valor


def _escribir_celda(ws, fila: int, columna: int, valor: object):
    celda = ws.cell(row=fila, column=columna, value=valor)
    if isinstance(valor, str) and valor.startswith("="):
        celda.data_type = "s"  # texto, nunca una fórmula
    return celda


def _tablas(con_ejemplo: bool | str) -> dict[str, pd.DataFrame]:
    from .plan import tablas_plan_2024

    if con_ejemplo == "armonizacion":
        from .armonizacion import tablas_armonizacion

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
                _escribir_celda(ws, 1, n, f"{hoja}.{col.nombre}")
                for i, v in enumerate(col.valores, start=2):
                    _escribir_celda(ws, i, n, v)
                ws.column_dimensions[letra].width = max(len(v) for v in col.valores) + 2
                por_valores[col.valores] = f"listas!${letra}$2:${letra}${len(col.valores) + 1}"
            rangos[(hoja, col.nombre)] = por_valores[col.valores]
    return rangos


def _hoja_instrucciones(ws, negrita, relleno, marcas: Marcas) -> None:
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
        c = _escribir_celda(ws, fila, 1, texto)
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
            c = _escribir_celda(ws, fila, j, v)
            c.alignment = ajuste
            if fuente:
                c.font = fuente
            if rellenar:
                c.fill = relleno
            lineas = max(lineas, alto(str(v or ""), anchos[letra]))
        ws.row_dimensions[fila].height = 15 * lineas
        fila += 1

    parrafo("Libro de seguimiento del Plan de Acción Institucional (PAI)", fuente=Font(bold=True, size=14))
    parrafo("Este libro reúne el plan de la vigencia y su seguimiento mensual: metas de los proyectos de "
            "inversión, presupuesto, indicadores de gestión, plan de acción integrado y riesgos. Diligencie "
            "una fila por registro en cada hoja; el programa pai-analisis lo valida y calcula el índice PAI.")
    fila += 1
    parrafo("Ficha del libro", fuente=Font(bold=True, size=12))
    tabla(CLAVE_VIGENCIA, marcas.vigencia, "", "El año de este libro. Cada vigencia tiene su propio libro.")
    if marcas.demostracion:
        tabla(CLAVE_DEMOSTRACION, "Sí", "", "DATOS DE DEMOSTRACIÓN: el seguimiento de este libro es simulado y todo informe hecho con él "
              "lo dice. Para usarlo con cifras reales, borre este «Sí» y la propiedad «pai_demostracion» del documento "
              "(Archivo › Propiedades › Personalizado); ver docs/nueva_vigencia.md.", fuente=Font(bold=True, color="9C0006"))
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


def escribir_plantilla(ruta: str | Path, con_ejemplo: bool | str = False, *, tablas: dict[str, pd.DataFrame] | None = None,
                       vigencia: int | None = None, sobrescribir: bool = False) -> Path:
    """Escribe la plantilla del libro en ``ruta`` y devuelve la ruta.

    Las hojas del plan llevan el plan 2024 incorporado (con su columna ``supuesto``), o las
    ``tablas`` dadas; las de seguimiento quedan vacías, o con un ejemplo si ``con_ejemplo``
    (``True``/``"demostracion"`` o ``"armonizacion"``), que deja el libro marcado como de
    demostración. ``vigencia``: el año de la ficha (por omisión 2024). Sin ``sobrescribir``,
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
        raise ErrorEscritura(f"Ya existe «{ruta}»: pai plantilla no reemplaza un libro (podría ser el año diligenciado "
                             "de la Oficina). Elija otro nombre o use --sobrescribir.")
    tablas = tablas if tablas is not None else _tablas(con_ejemplo)
    marcas = Marcas(vigencia or 2024, bool(con_ejemplo))
    negrita = Font(bold=True)
    relleno = PatternFill("solid", fgColor="DDEBF7")
    relleno_opcional = PatternFill("solid", fgColor="EDEDED")

    wb = openpyxl.Workbook()
    instrucciones = wb.active
    instrucciones.title = "instrucciones"
    _hoja_instrucciones(instrucciones, negrita, relleno, marcas)
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
            celda = _escribir_celda(ws, 1, j, nombre)
            celda.font = negrita
            celda.fill = relleno if col is None or col.requerida else relleno_opcional
            texto = col.descripcion if col else "Columna adicional: se conserva y no se valida"
            celda.comment = Comment(texto + ("" if col is None or col.requerida else " (columna opcional)"), "pai-analisis")
        for i, registro in enumerate(df.to_dict("records"), start=2):
            for j, nombre in enumerate(nombres, start=1):
                _escribir_celda(ws, i, j, _valor_celda(registro.get(nombre), definidas.get(nombre)))
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
                mensaje = f"Elija un valor de la lista: {lista}." if len(lista) < 200 else "Elija un valor de la lista desplegable."
                dv = DataValidation(type="list", formula1=rangos[(hoja, nombre)], allow_blank=True,
                                    showErrorMessage=True, errorTitle="Valor no permitido", error=mensaje,
                                    showInputMessage=True, promptTitle=nombre[:32], prompt=col.descripcion[:250])
                dv.add(f"{letra}2:{letra}{FILAS_CON_LISTA}")
                ws.add_data_validation(dv)
    return escribir_atomico(ruta, wb.save)
