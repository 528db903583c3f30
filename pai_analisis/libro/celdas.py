"""Tipado del libro: cada celda de cada hoja del contrato a su tipo, con un problema por celda inválida.

Enteros ``Int64``, números ``float64``, códigos como categorías (en su forma canónica),
``periodo`` como ``Period[M]`` e identificadores en mayúsculas sin tildes. Las columnas que
el contrato no nombra se conservan tal cual.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..comun.periodos import a_periodo
from ..comun.textos import canonico, limpiar, normalizar, normalizar_id
from . import esquema
from .problemas import Problemas, mostrar, vacio

_ORDENADOS = {"probabilidad": esquema.PROBABILIDADES, "impacto": esquema.IMPACTOS}


def leer_numero(v):
    """El número de una celda (número de Excel o texto con coma o punto decimal); ``None`` si no es un número."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    s = str(v).strip().replace(" ", "")
    if "," in s and "." not in s:  # coma decimal colombiana: 0,30
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def tipar_columna(hoja: str, col: esquema.Columna, serie: pd.Series, filas: pd.Series, p: Problemas):
    """Convierte una columna; registra cada celda inválida. Devuelve la serie tipada."""
    valores: list = []
    for v, fila in zip(serie.tolist(), filas.tolist(), strict=False):
        if vacio(v):
            if col.obligatoria:
                p.error("celda_vacia", hoja, fila, col.nombre, None, "un valor (la celda está vacía)")
            valores.append(None)
            continue
        if col.tipo in ("entero", "numero"):
            x = leer_numero(v)
            if x is None or math.isinf(x):
                esperado = "un número entero" if col.tipo == "entero" else "un número (use coma o punto decimal)"
                p.error("no_numero", hoja, fila, col.nombre, v, esperado)
                valores.append(None)
            elif col.tipo == "entero" and not float(x).is_integer():
                p.error("no_entero", hoja, fila, col.nombre, v, "un número entero")
                valores.append(None)
            elif col.no_negativo and x < 0:
                p.error("negativo", hoja, fila, col.nombre, v, "un valor mayor o igual a 0 (no negativo)")
                valores.append(None)
            else:
                valores.append(x)
        elif col.tipo == "periodo":
            per = a_periodo(v)
            if per is None:
                p.error("periodo_invalido", hoja, fila, col.nombre, v, "un periodo AAAA-MM (p. ej. 2024-06), una fecha de ese mes o AAAA-MM-DD")
            valores.append(per)
        elif col.tipo == "codigo":
            c = canonico(v, col.valores)
            if c is None:
                p.error("codigo_invalido", hoja, fila, col.nombre, v, "uno de: " + ", ".join(col.valores))
            valores.append(c)
        elif col.tipo == "id":
            valores.append(normalizar_id(mostrar(v) if isinstance(v, float) else v))
        else:
            valores.append(limpiar(v))
    if col.tipo == "entero":
        return pd.array([None if x is None else int(x) for x in valores], dtype="Int64")
    if col.tipo == "numero":
        return pd.array([np.nan if x is None else x for x in valores], dtype="float64")
    if col.tipo == "periodo":
        return pd.PeriodIndex([pd.NaT if x is None else x for x in valores], freq="M").array
    if col.tipo == "codigo":
        return pd.Categorical(valores, categories=list(col.valores), ordered=col.nombre in _ORDENADOS)
    return pd.array(valores, dtype=object)


def tipar_hojas(crudas: dict[str, pd.DataFrame], p: Problemas) -> dict[str, pd.DataFrame]:
    """Tipa cada hoja del contrato. ``crudas[hoja]`` trae la columna ``_fila`` (fila de Excel)."""
    normal = {normalizar(k): k for k in crudas}
    tablas: dict[str, pd.DataFrame] = {}
    for hoja, columnas in esquema.HOJAS.items():
        nombre_real = normal.get(normalizar(hoja))
        if nombre_real is None:
            p.error("hoja_faltante", hoja, None, None, None, f"una hoja llamada «{hoja}» (no está en el libro)")
            p.faltantes.add((hoja, None))
            tablas[hoja] = pd.DataFrame({c.nombre: pd.Series(dtype=object) for c in columnas} | {"_fila": pd.Series(dtype="int64")})
            continue
        cruda = crudas[nombre_real]
        posiciones: dict[str, list[int]] = {}  # posición de cada encabezado (puede repetirse)
        for i, c in enumerate(cruda.columns):
            if c != "_fila":
                posiciones.setdefault(normalizar(c), []).append(i)
        filas = cruda["_fila"]
        datos: dict[str, object] = {}
        for col in columnas:
            pos = posiciones.get(normalizar(col.nombre))
            if not pos:
                if col.requerida:
                    p.error("columna_faltante", hoja, 1, col.nombre, None, f"una columna «{col.nombre}» en la fila de encabezados (no está)")
                    p.faltantes.add((hoja, col.nombre))
                serie = pd.Series([None] * len(cruda), index=cruda.index, dtype=object)
                datos[col.nombre] = tipar_columna(hoja, esquema.Columna(col.nombre, col.tipo, False, False, col.valores), serie, filas, Problemas())
                continue
            if len(pos) > 1:
                p.error("encabezado_repetido", hoja, 1, col.nombre, ", ".join(str(cruda.columns[i]) for i in pos),
                        f"una sola columna «{col.nombre}»: el encabezado está repetido (borre o renombre las copias)")
            datos[col.nombre] = tipar_columna(hoja, col, cruda.iloc[:, pos[0]], filas, p)
        tabla = pd.DataFrame(datos, index=cruda.index)
        conocidas = {normalizar(c.nombre) for c in columnas} | {"_fila"}
        for i, extra in enumerate(cruda.columns):
            if normalizar(extra) not in conocidas and extra not in tabla.columns:
                tabla[extra] = cruda.iloc[:, i].to_numpy()
        tabla["_fila"] = filas.to_numpy()
        tablas[hoja] = tabla.reset_index(drop=True)
    return tablas
