"""Las reglas de los formularios recogidos y su tabla de problemas (sección 10).

El modelo es el del libro (:mod:`pai_analisis.libro.problemas`): cada regla agrega una fila (``nivel``,
``regla``, ``hoja``, ``fila``, ``columna``, ``valor``, ``esperado``) y solo al final se decide; la tabla de
la recogida agrega adelante la columna ``archivo``. Las reglas de cada celda y de los seguimientos son
las del libro (``no_numero``, ``negativo``, ``codigo_invalido``, ``medicion_incompleta``,
``acumulado_baja``…); estas son las que solo tiene un formulario.
"""

from __future__ import annotations

import pandas as pd

from ..libro.problemas import COLUMNAS_PROBLEMAS, Problemas, mostrar

COLUMNAS = ["archivo", *COLUMNAS_PROBLEMAS]

REGLAS_FORMULARIO = {
    "identidad_danada": "el formulario perdió su identidad o la identidad fue alterada",
    "otra_vigencia": "un formulario de otra vigencia",
    "otro_periodo": "un formulario de otro mes",
    "otro_plan": "un formulario hecho con otro plan (otro libro, o el plan de la dependencia cambió)",
    "formulario_repetido": "dos formularios distintos de la misma dependencia y mes",
    "hoja_del_formulario": "falta una hoja del formulario o sobra una",
    "celda_bloqueada": "cambió una celda bloqueada (encabezado o contexto) o se escribió fuera del formulario",
    "clave_cambiada": "cambió la clave de un elemento",
    "fila_agregada": "una fila que el formulario no traía",
    "fila_borrada": "falta la fila de un elemento",
    "reporte_incompleto": "un reporte con solo parte de sus valores (p. ej. ejecutado sin programado)",
    "no_debido": "un elemento que la dependencia no debe reportar en el mes según el libro",
}


class ProblemasFormulario(Problemas):
    """Los problemas de un formulario: las reglas del libro más las de :data:`REGLAS_FORMULARIO`."""

    def agregar(self, nivel, regla, hoja, fila, columna, valor, esperado) -> None:
        if regla not in REGLAS_FORMULARIO:
            super().agregar(nivel, regla, hoja, fila, columna, valor, esperado)
            return
        if valor is not None and not isinstance(valor, str):
            valor = mostrar(valor)
        self._filas.append({"nivel": nivel, "regla": regla, "hoja": hoja, "fila": None if fila is None else int(fila),
                            "columna": columna, "valor": valor, "esperado": esperado})

    @property
    def errores(self) -> int:
        return sum(f["nivel"] == "error" for f in self._filas)

    @property
    def vacia(self) -> bool:
        return not self._filas

    def reglas_de_error(self) -> list[str]:
        return sorted({f["regla"] for f in self._filas if f["nivel"] == "error"})

    def sumar(self, otros: Problemas) -> None:
        """Agrega los problemas de ``otros`` (p. ej. los de la revisión) a estos."""
        self._filas += otros._filas

    def de_archivo(self, archivo: str) -> pd.DataFrame:
        """La tabla con la columna ``archivo`` adelante."""
        t = self.tabla()
        t.insert(0, "archivo", pd.Series([archivo] * len(t), dtype=object))
        return t


def vacia() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="Int64" if c == "fila" else object) for c in COLUMNAS})


def describir(problemas: pd.DataFrame) -> str:
    """Una línea por problema, errores primero: ``ERROR [archivo «a.xlsx», hoja «metas», fila 3, columna «ejecutado»]: …``."""
    lineas = []
    orden = problemas.assign(_o=(problemas["nivel"] != "error").astype(int)).sort_values("_o", kind="stable")
    for p in orden.itertuples():
        donde = f"archivo «{p.archivo}»"
        if p.hoja:
            donde += f", hoja «{p.hoja}»"
        if p.fila is not None and not pd.isna(p.fila):
            donde += f", fila {int(p.fila)}"
        if p.columna:
            donde += f", columna «{p.columna}»"
        valor = "" if p.valor is None else f": valor «{p.valor}»"
        lineas.append(f"{'ERROR' if p.nivel == 'error' else 'ADVERTENCIA'} [{donde}]{valor} — se esperaba {p.esperado}")
    return "\n".join(lineas)


__all__ = ["COLUMNAS", "REGLAS_FORMULARIO", "ProblemasFormulario", "describir", "vacia"]
