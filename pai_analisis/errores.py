"""Jerarquía de errores del paquete: todo error previsto hereda de :class:`ErrorPAI`.

La línea de comandos atrapa ``ErrorPAI`` y muestra su mensaje en español, sin traza
(salvo ``--depurar``); cualquier otra excepción es un defecto del programa.
"""

from __future__ import annotations

import pandas as pd


class ErrorPAI(Exception):
    """Error base de pai-analisis: un problema del usuario o de sus datos, explicable."""


class ErrorLectura(ErrorPAI):
    """El archivo no se puede leer como libro .xlsx (no existe, vacío, cifrado, .xls…)."""


class ErrorParametros(ErrorPAI):
    """Parámetros inválidos: pesos negativos o que suman 0, umbrales desordenados…"""


class ErrorPeriodo(ErrorPAI):
    """Un periodo mal escrito o fuera de la vigencia de los datos."""


class ErrorValidacion(ErrorPAI):
    """El libro tiene errores. ``problemas`` es la tabla completa (errores y advertencias).

    Como ``lazy=True`` de pandera: la validación reúne todos los problemas antes de fallar.
    """

    def __init__(self, problemas: pd.DataFrame):
        self.problemas = problemas
        errores = problemas[problemas["nivel"] == "error"]
        super().__init__(
            f"El libro tiene {len(errores)} error(es); no se calculó nada.\n"
            + describir_problemas(problemas)
        )


def describir_problemas(problemas: pd.DataFrame) -> str:
    """Texto en español, una línea por problema, errores primero."""
    lineas = []
    orden = problemas.assign(_o=(problemas["nivel"] != "error").astype(int))
    for p in orden.sort_values(["_o"], kind="stable").itertuples():
        donde = f"hoja «{p.hoja}»" if p.hoja else "libro"
        if p.fila is not None and not pd.isna(p.fila):
            donde += f", fila {int(p.fila)}"
        if p.columna:
            donde += f", columna «{p.columna}»"
        valor = "" if p.valor is None else f": valor «{p.valor}»"
        etiqueta = "ERROR" if p.nivel == "error" else "ADVERTENCIA"
        lineas.append(f"{etiqueta} [{donde}]{valor} — se esperaba {p.esperado}")
    return "\n".join(lineas)
