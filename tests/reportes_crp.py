"""Constructor de reportes de CRP de BogData en el diseño exacto (``docs/fuentes_distritales.md``, sección 1).

Todas las columnas de la referencia, en su orden y con su ortografía (``Reponsable``,
``Decripción Concepto Gasto``, ``N° Interno CRP``…), y los pares repetidos ``Fecha Inicial`` /
``Fecha Final``: el primero es el rango del reporte (su fin es el corte), el segundo las fechas
del compromiso. La referencia no dice dónde van los pares; aquí el primero va tras ``Período`` y
el segundo tras ``Plazo (Días)`` (el lector los toma por posición, no por lugar).

:data:`FILAS_JUNIO` es un reporte con corte 2024-06-30 para los proyectos del plan 2024
(7867–7873), con obligaciones de vigencias anteriores, funcionamiento, una fila con anulaciones
y una con reintegro; :data:`ESPERADO_JUNIO` sus sumas por proyecto, hechas a mano.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

ENCABEZADO = [
    "Ejercicio", "Período", "Fecha Inicial", "Fecha Final", "Fecha Registro", "Tipo de compromiso", "Compromiso",
    "No. Compromiso", "Plazo (Días)", "Fecha Inicial", "Fecha Final", "Número de CDP", "Número de CRP", "Objeto", "Rubro",
    "Descripción del Rubro", "Fondos", "Descripcion del Fondo", "Cod.Concepto Gasto", "Decripción Concepto Gasto",
    "Elemento PEP", "Texto Id Proyecto", "Modalidad de selección", "Descripcion Mod. Selec", "BP Beneficiario",
    "Tipo Doc. BP Beneficiario", "Número Doc. BP Beneficiario", "Nombre BP Beneficiario", "ID Responsable", "Reponsable",
    "ID Solicitante", "Nombre Solicitante", "Valor CRP", "Anulaciones", "Reintegros", "Valor Neto", "Autorizacion giro",
    "Com.Sin.Aut.Giro", "N° Interno CRP", "N° Posición CRP", "N° Interno CDP", "N° Posición CDP", "Fecha de entrada",
    "Programa Financiamiento",
]
INICIO, CORTE = dt.datetime(2024, 1, 1), dt.datetime(2024, 6, 30)


def rubro_inversion(proyecto: int) -> str:
    """``O23011745992024`` + código + ``01000``: 24 caracteres, el proyecto en [15:19]."""
    return f"O23011745992024{proyecto:04d}01000"


def pep(proyecto: int) -> str:
    return f"PM/0008/0101/4599000{proyecto:04d}"


def fila(interno: int, rubro: str, elemento_pep: str | None, crp: float, anulaciones: float, giro: float, *,
         posicion: int = 1, reintegros: float = 0, **otros) -> dict:
    """Una posición de CRP con su aritmética bien hecha (``otros`` reemplaza cualquier columna)."""
    neto = crp - anulaciones
    valores = {
        "Ejercicio": 2024, "Período": 6, "Fecha Registro": dt.datetime(2024, 2, 15), "Tipo de compromiso": "Contrato",
        "Compromiso": "CPS", "No. Compromiso": f"{interno % 1000}-2024", "Plazo (Días)": 300,
        "Número de CDP": 100 + interno % 1000, "Número de CRP": 200 + interno % 1000, "Objeto": "Prestar servicios profesionales",
        "Rubro": rubro, "Descripción del Rubro": "Rubro de prueba", "Fondos": "1-100-F001", "Descripcion del Fondo": "VA-Recursos distrito",
        "Cod.Concepto Gasto": "O232020200991119", "Decripción Concepto Gasto": "Servicios de la administración pública",
        "Elemento PEP": elemento_pep, "Texto Id Proyecto": "Proyecto de prueba", "Modalidad de selección": "CD",
        "Descripcion Mod. Selec": "Contratación directa", "BP Beneficiario": 1000 + interno % 1000,
        "Tipo Doc. BP Beneficiario": "CC", "Número Doc. BP Beneficiario": 52000000 + interno % 1000,
        "Nombre BP Beneficiario": "CONTRATISTA DE PRUEBA", "ID Responsable": 77, "Reponsable": "OFICINA ASESORA DE PLANEACIÓN",
        "ID Solicitante": 78, "Nombre Solicitante": "SUBSECRETARÍA CORPORATIVA",
        "Valor CRP": crp, "Anulaciones": anulaciones, "Reintegros": reintegros, "Valor Neto": neto,
        "Autorizacion giro": giro, "Com.Sin.Aut.Giro": neto - giro, "N° Interno CRP": interno, "N° Posición CRP": posicion,
        "N° Interno CDP": 900000 + interno % 1000, "N° Posición CDP": 1, "Fecha de entrada": dt.datetime(2024, 2, 15),
        "Programa Financiamiento": "SGEN",
        "_compromiso": (dt.datetime(2024, 2, 16), dt.datetime(2024, 12, 15)),
    }
    valores.update(otros)
    return valores


def escribir_reporte(ruta: Path, filas: list[dict], *, inicio=INICIO, corte=CORTE, hoja: str = "Data",
                     encabezado: list[str] = ENCABEZADO) -> Path:
    """El .xlsx como lo exporta BogData: hoja ``Data``, encabezado en la fila 1, una fila por posición."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = hoja
    ws.append(encabezado)
    for f in filas:
        vistos: dict[str, int] = {}
        valores = []
        for nombre in encabezado:
            vez = vistos[nombre] = vistos.get(nombre, 0) + 1
            if nombre in ("Fecha Inicial", "Fecha Final"):
                par = (f.get("_rango", (inicio, corte)) if vez == 1 else f["_compromiso"])
                valores.append(par[0] if nombre == "Fecha Inicial" else par[1])
            else:
                valores.append(f.get(nombre))
        ws.append(valores)
    wb.save(ruta)
    return ruta


R = rubro_inversion
FILAS_JUNIO = [
    # inversión: (interno, rubro, PEP, Valor CRP, Anulaciones, Autorizacion giro), en pesos
    fila(500101, R(7867), pep(7867), 8_000_000_000, 0, 5_500_000_000),
    fila(500102, R(7867), pep(7867), 5_000_000_000, 350_000_000, 3_100_000_000),  # con anulaciones
    fila(500201, R(7868), pep(7868), 5_200_000_000, 0, 3_000_000_000, reintegros=15_000_000),  # con reintegro
    fila(500301, R(7869), pep(7869), 950_500_000, 0, 700_250_000.5),  # centavos
    fila(500401, R(7870), pep(7870), 2_000_000_000, 0, 1_400_000_000, posicion=1),
    fila(500401, R(7870), pep(7870), 990_000_000, 0, 0, posicion=2),  # el mismo CRP, otra posición
    fila(500501, R(7871), pep(7871), 17_100_000_000, 0, 11_200_000_000),
    fila(500601, R(7872), pep(7872), 15_882_200_000, 0, 6_900_000_000),
    fila(500701, R(7873), pep(7873), 5_760_000_000, 0, 3_460_000_000),
    # obligaciones de vigencias anteriores (no se suman a ningún proyecto)
    fila(400101, "O2306890000000000000000", pep(7867), 1_200_000_000, 0, 1_000_000_000),
    fila(400102, "O21900101", None, 300_000_000, 0, 300_000_000),
    # funcionamiento
    fila(300101, "O2120201003", None, 450_000_000, 0, 200_000_000),
]
# Σ por proyecto, a mano (millones = pesos / 10⁶):
# 7867: neto 8.000.000.000 + (5.000.000.000 − 350.000.000) = 12.650.000.000 → 12650; giros 5.500 + 3.100 = 8600
# 7868: 5.200.000.000 (el reintegro no se resta) → 5200; giros 3000
# 7869: 950.500.000 → 950,5; giros 700.250.000,5 → 700,2500005, que se guarda al peso (6 decimales): 700,25
# 7870: 2.000.000.000 + 990.000.000 → 2990; giros 1400
# 7871: 17100 / 11200; 7872: 15882,2 / 6900; 7873: 5760 / 3460
ESPERADO_JUNIO = {
    7867: (12650.0, 8600.0), 7868: (5200.0, 3000.0), 7869: (950.5, 700.25), 7870: (2990.0, 1400.0),
    7871: (17100.0, 11200.0), 7872: (15882.2, 6900.0), 7873: (5760.0, 3460.0),
}
# totales de control (pesos): Σ Valor CRP = 8e9 + 5e9 + 5,2e9 + 950,5e6 + 2e9 + 990e6 + 17,1e9 + 15,8822e9 + 5,76e9
#   (= 60.882.700.000) + 1,2e9 + 300e6 + 450e6 = 62.832.700.000; Anulaciones 350.000.000;
#   Valor Neto 62.482.700.000; Autorizacion giro = inversión 35.260.250.000,5 + anteriores 1.300.000.000
#   + funcionamiento 200.000.000 = 36.760.250.000,5
TOTALES_JUNIO = {"Valor CRP": 62_832_700_000, "Anulaciones": 350_000_000, "Valor Neto": 62_482_700_000,
                 "Autorizacion giro": 36_760_250_000.5}
