"""Utilidades de las pruebas: libros .xlsx diminutos hechos a la medida con openpyxl.

``libro_valido()`` devuelve un libro pequeño y válido como diccionario ``{hoja: [filas]}``
(cada fila un dict ``{columna: valor}``); una prueba lo modifica y lo escribe con el
fixture ``escribir_libro``. La fila de Excel de ``hojas[h][i]`` es ``i + 2``.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

# Como `pai informes` (publicacion.publicador._sin_validador_iri): nbformat → jsonschema cargaría
# rfc3987_syntax, que arma ~35 analizadores Lark al importarse (≈ 2 s de la recolección) para un
# formato «iri» que ningún esquema de nbformat usa. Solo en este proceso de pruebas.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)

_LIBRO_VALIDO: dict[str, list[dict]] = {
    "objetivos": [
        {"objetivo": 1, "nombre": "Fortalecer la gestión pública"},
        {"objetivo": 2, "nombre": "Mejorar la atención a la ciudadanía"},
    ],
    "proyectos": [
        {"proyecto": 7867, "nombre": "Proyecto de prueba", "objetivo": 1, "presupuesto_programado": 1000},
    ],
    "metas": [
        {"proyecto": 7867, "meta": 1, "nombre": "Entregar 12 informes", "anualizacion": "Suma",
         "programacion_cuatrienio": 48, "programacion_vigencia": 12},
        {"proyecto": 7867, "meta": 2, "nombre": "Mantener 100 % de sedes", "anualizacion": "Constante",
         "programacion_cuatrienio": 100, "programacion_vigencia": 100, "objetivo": 2},
    ],
    "seguimiento_metas": [
        {"proyecto": 7867, "meta": 1, "periodo": "2024-01", "programado": 1, "ejecutado": 1},
        {"proyecto": 7867, "meta": 1, "periodo": "2024-02", "programado": 1, "ejecutado": 1},
        {"proyecto": 7867, "meta": 1, "periodo": "2024-03", "programado": 1, "ejecutado": 1},
        {"proyecto": 7867, "meta": 2, "periodo": "2024-01", "programado": 100, "ejecutado": 95},
        {"proyecto": 7867, "meta": 2, "periodo": "2024-02", "programado": 100, "ejecutado": 98},
        {"proyecto": 7867, "meta": 2, "periodo": "2024-03", "programado": 100, "ejecutado": 100},
    ],
    "presupuesto": [
        {"proyecto": 7867, "periodo": "2024-01", "apropiacion": 1000, "compromisos": 300, "giros": 50},
        {"proyecto": 7867, "periodo": "2024-02", "apropiacion": 1000, "compromisos": 500, "giros": 120},
        {"proyecto": 7867, "periodo": "2024-03", "apropiacion": 1000, "compromisos": 600, "giros": 200},
    ],
    "indicadores": [
        {"indicador": "GF-01", "proceso": "Gestión financiera", "nombre": "Pagos oportunos", "meta": 90,
         "unidad": "%", "sentido": "mayor", "periodicidad": "Trimestral", "objetivo": 1},
    ],
    "seguimiento_indicadores": [
        {"indicador": "GF-01", "periodo": "2024-03", "resultado": None, "numerador": 45, "denominador": 50},
    ],
    "actividades": [
        {"actividad": "TH-01", "plan": "Plan de Capacitación", "dependencia": "Talento Humano",
         "nombre": "Ejecutar el plan de capacitación", "objetivo": 1},
    ],
    "seguimiento_actividades": [
        {"actividad": "TH-01", "periodo": "2024-01", "programado": 10, "ejecutado": 10},
        {"actividad": "TH-01", "periodo": "2024-02", "programado": 20, "ejecutado": 15},
        {"actividad": "TH-01", "periodo": "2024-03", "programado": 30, "ejecutado": 30},
    ],
    "riesgos": [
        {"riesgo": "R-01", "proceso": "Contratación", "tipo": "Corrupción",
         "descripcion": "Direccionamiento de contratos", "probabilidad": "Media", "impacto": "Mayor"},
    ],
    "controles": [
        {"riesgo": "R-01", "control": "Revisión jurídica de pliegos", "tipo": "Preventivo", "implementacion": "Manual"},
    ],
    "seguimiento_riesgos": [
        {"riesgo": "R-01", "periodo": "2024-03", "materializado": "No"},
    ],
}


def muestra_rapida(casos: list[tuple], grupo=lambda caso: caso[0], ids=None) -> list:
    """Los casos de una matriz exhaustiva para ``parametrize``: el primero de cada ``grupo`` (por omisión, la hoja) en
    el nivel rápido y los demás marcados ``lento``. El nivel lento corre la matriz entera; el rápido, un caso por hoja.
    """
    vistos, salida = set(), []
    for i, caso in enumerate(casos):
        g = grupo(caso)
        marcas = () if g not in vistos else (pytest.mark.lento,)
        vistos.add(g)
        salida.append(pytest.param(*caso, marks=marcas, id=None if ids is None else ids[i]))
    return salida


def libro_valido() -> dict[str, list[dict]]:
    """Una copia nueva del libro válido mínimo (se puede modificar sin efectos)."""
    return copy.deepcopy(_LIBRO_VALIDO)


def con_hoja_opcional(hojas: dict[str, list[dict]], hoja: str) -> dict[str, list[dict]]:
    """Agrega al libro válido mínimo una fila válida de una hoja opcional (sección 6).

    ``reprogramaciones``: la meta 7867-1 pasa de 12 a 13 desde 2024-03. ``armonizacion``: un
    proyecto nuevo 7870 continúa a 7867 desde 2024-04 (así 7867 vive de enero a marzo, donde
    están todos sus reportes).
    """
    if hoja == "reprogramaciones":
        hojas["reprogramaciones"] = [{"proyecto": 7867, "meta": 1, "periodo": "2024-03", "programacion_vigencia": 13,
                                      "motivo": "Se sumó un informe pedido por el Concejo"}]
    elif hoja == "armonizacion":
        hojas["proyectos"].append({"proyecto": 7870, "nombre": "Proyecto del plan nuevo", "objetivo": 1, "presupuesto_programado": 400})
        hojas["armonizacion"] = [{"proyecto_anterior": 7867, "proyecto_nuevo": 7870, "periodo": "2024-04", "observaciones": "Acuerdo 927"}]
    return hojas


def fila_excel(indice: int) -> int:
    """Fila de Excel de ``hojas[h][indice]`` (la fila 1 es el encabezado)."""
    return indice + 2


def guardar_libro(ruta: Path, hojas: dict[str, list[dict]]) -> Path:
    """Escribe ``hojas`` en ``ruta``: encabezados = unión de las claves, en orden de aparición."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for nombre, filas in hojas.items():
        ws = wb.create_sheet(nombre)
        columnas: list[str] = []
        for fila in filas:
            columnas += [c for c in fila if c not in columnas]
        if not columnas and nombre in _LIBRO_VALIDO:
            columnas = list(_LIBRO_VALIDO[nombre][0])
        ws.append(columnas)
        for fila in filas:
            ws.append([fila.get(c) for c in columnas])
    wb.save(ruta)
    return ruta


@pytest.fixture
def escribir_libro(tmp_path):
    """Devuelve ``escribir(hojas, nombre="libro.xlsx") -> Path`` que guarda en ``tmp_path``."""

    def escribir(hojas: dict[str, list[dict]], nombre: str = "libro.xlsx") -> Path:
        return guardar_libro(tmp_path / nombre, hojas)

    return escribir


@pytest.fixture
def libro():
    """El libro válido mínimo, listo para modificar."""
    return libro_valido()


