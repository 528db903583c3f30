"""La tabla de problemas de un libro: cada regla agrega filas y solo al final se decide.

El modelo es ``lazy=True`` de pandera: un problema es un dato (``nivel``, ``regla``, ``hoja``,
``fila`` como la muestra Excel, ``columna``, ``valor``, ``esperado``) y la prosa se arma al
final con :func:`~pai_analisis.errores.describir_problemas`.
"""

from __future__ import annotations

import pandas as pd

from ..comun.faltantes import es_faltante

COLUMNAS_PROBLEMAS = ["nivel", "regla", "hoja", "fila", "columna", "valor", "esperado"]

# Código estable de cada regla (la columna ``regla`` de la tabla) y qué revisa. Las del libro
# las aplica :mod:`pai_analisis.libro.validacion`; las advertencias que necesitan cifras
# calculadas, :mod:`pai_analisis.metricas.advertencias`.
REGLAS = {
    # el archivo y sus hojas
    "hoja_faltante": "falta una hoja del contrato",
    "hoja_repetida": "dos hojas tienen el mismo nombre al normalizarlo (p. ej. «metas» y «Métas»)",
    "columna_faltante": "falta una columna obligatoria",
    "encabezado_repetido": "un encabezado aparece dos veces en la hoja",
    # cada celda
    "celda_vacia": "una celda obligatoria está vacía",
    "formula_sin_valor": "una fórmula sin valor calculado: el archivo nunca se abrió en Excel o LibreOffice (sección 9)",
    "no_numero": "la celda no es un número",
    "numero_ambiguo": "un número escrito como texto se puede leer de dos maneras («20.149»)",
    "fuera_de_rango": "un número fuera de lo que una oficina de planeación puede querer decir",
    "no_entero": "la celda no es un número entero",
    "negativo": "un valor negativo donde solo caben valores ≥ 0",
    "periodo_invalido": "la celda no es un periodo AAAA-MM",
    "codigo_invalido": "un valor que no está en la lista permitida",
    # entre filas y hojas
    "clave_repetida": "una clave que ya aparece en otra fila",
    "referencia": "un código que no existe en la hoja referida",
    "fuera_de_vigencia": "un periodo de otro año",
    "linea_base": "una meta Decreciente sin línea base",
    "ponderacion_parcial": "solo algunas metas del proyecto tienen ponderación",
    "ponderacion_cero": "las ponderaciones del proyecto suman 0",
    "compromisos_sobre_apropiacion": "compromisos mayores que la apropiación",
    "giros_sobre_compromisos": "giros mayores que los compromisos",
    "acumulado_baja": "un porcentaje acumulado de una actividad que baja de un mes al siguiente",
    "meta_cero": "un indicador de sentido «mayor» con meta 0",
    "medicion_incompleta": "una medición sin resultado ni numerador y denominador",
    "denominador_cero": "un denominador igual a 0",
    "porcentaje_fuera": "un porcentaje acumulado fuera de 0–100",
    "impacto_corrupcion": "un riesgo de corrupción con impacto Leve o Menor",
    # el año que cambia (sección 6)
    "ventana_invertida": "vigente_hasta antes de vigente_desde",
    "ventana_fuera_de_vigencia": "una ventana con meses de otro año",
    "ventana_meta": "la ventana de una meta no cabe en la de su proyecto",
    "fuera_de_ventana": "un reporte fuera de la ventana de su elemento",
    "motivo": "una reprogramación sin motivo",
    "armonizacion": "una armonización cuyos proyectos o ventanas no concuerdan",
    # advertencias
    "marcas_ilegibles": "no se pudieron leer las marcas del libro: se trata como de demostración (advertencia)",
    "reporte_faltante": "falta un reporte que debía estar (advertencia)",
    "sobreejecucion": "cumplimiento por encima del umbral de sobreejecución (advertencia)",
    "acumulado_presupuesto_baja": "compromisos o giros acumulados que bajan: anulación, liberación o reintegro (advertencia, sección 8.1)",
    "corte_sin_movimiento": "un corte de presupuesto idéntico al del mes anterior en todos los proyectos activos (advertencia)",
    "sin_programacion": "una meta o un proyecto sin programación de la vigencia (advertencia)",
}


class Problemas:
    """Acumulador de problemas (errores y advertencias)."""

    def __init__(self) -> None:
        self._filas: list[dict] = []
        # (hoja, columna) ausentes del libro (columna ``None`` = la hoja entera); ya tienen su error
        self.faltantes: set[tuple[str, str | None]] = set()

    def agregar(self, nivel, regla, hoja, fila, columna, valor, esperado) -> None:
        if regla not in REGLAS:
            raise KeyError(f"regla de validación sin registrar: {regla!r}")
        if valor is not None and not isinstance(valor, str):
            valor = mostrar(valor)
        self._filas.append(
            {"nivel": nivel, "regla": regla, "hoja": hoja, "fila": None if fila is None else int(fila),
             "columna": columna, "valor": valor, "esperado": esperado}
        )

    def error(self, regla, hoja, fila, columna, valor, esperado) -> None:
        self.agregar("error", regla, hoja, fila, columna, valor, esperado)

    def advertencia(self, regla, hoja, fila, columna, valor, esperado) -> None:
        self.agregar("advertencia", regla, hoja, fila, columna, valor, esperado)

    def tabla(self) -> pd.DataFrame:
        # dtype object: con pandas 3 las columnas de texto serían ``str`` y un ``None`` se volvería NaN
        df = pd.DataFrame(self._filas, columns=COLUMNAS_PROBLEMAS, dtype=object)
        return df.astype({"fila": "Int64"})

    @property
    def hay_errores(self) -> bool:
        return any(f["nivel"] == "error" for f in self._filas)


def mostrar(valor) -> str:
    """Un valor de celda como texto para un mensaje: 3.0 → «3», vacío → «(vacío)»."""
    if es_faltante(valor):
        return "(vacío)"
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    return str(valor)


def vacio(v) -> bool:
    """¿Celda vacía? (None, NaN, NA o texto en blanco)."""
    return es_faltante(v) or (isinstance(v, str) and not v.strip())
