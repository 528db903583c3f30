"""Tipado del libro: cada celda de cada hoja del contrato a su tipo, con un problema por celda inválida.

Enteros ``Int64``, números ``float64``, códigos como categorías (en su forma canónica),
``periodo`` como ``Period[M]`` e identificadores en mayúsculas sin tildes. Las columnas que
el contrato no nombra se conservan tal cual.

Hojas: se buscan por su nombre normalizado (sin mayúsculas, tildes ni espacios sobrantes). Las
de ``esquema.HOJAS_OPCIONALES`` pueden faltar (quedan vacías, sin error). Dos hojas cuyos
nombres coinciden al normalizarlos («metas» y «Métas», o «metas» y «Metas ») son un error
``hoja_repetida`` que nombra a ambas, reportado una sola vez: el libro no se carga, así que
ninguna de las dos se usa en silencio; para listar los demás problemas se sigue tipando la
primera, en el orden del libro.

Los números (escritos como número de Excel o como texto) y sus cotas se leen en
:mod:`~pai_analisis.libro.cifras`.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd

from ..comun.periodos import a_periodo
from ..comun.textos import canonico, limpiar, normalizar, normalizar_id
from . import esquema
from .cifras import COTAS, clase_de_cota, esperado_cota, interpretar_numero
from .lectura import FormulaSinValor
from .problemas import Problemas, mostrar, vacio

_ORDENADOS = {"probabilidad": esquema.PROBABILIDADES, "impacto": esquema.IMPACTOS}


def _valor_mostrado(v) -> object:
    """El valor de la celda para el mensaje: un número gigante como ``1e+308``, no con 309 cifras."""
    if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
        return v
    try:
        return f"{float(v):.6g}" if abs(float(v)) >= 1e15 else v
    except OverflowError:
        cifras = str(abs(int(v)))
        return f"{'-' if v < 0 else ''}{cifras[0]},{cifras[1:4]}e+{len(cifras) - 1}"


# ----------------------------------------------------------------------------- columnas y hojas


def tipar_columna(hoja: str, col: esquema.Columna, serie: pd.Series, filas: pd.Series, p: Problemas):
    """Convierte una columna; registra cada celda inválida. Devuelve la serie tipada."""
    valores: list = []
    numerica = col.tipo in ("entero", "numero")
    que = "un número entero" if col.tipo == "entero" else "un número"
    base = que if col.tipo == "entero" else f"{que} (use coma o punto decimal)"
    cota = COTAS[clase_de_cota(col)] if numerica else math.inf
    for v, fila in zip(serie.tolist(), filas.tolist(), strict=False):
        if isinstance(v, FormulaSinValor):
            p.error("formula_sin_valor", hoja, fila, col.nombre, str(v),
                    f"el valor calculado de la fórmula de la celda {v.celda}: el archivo no lo trae (lo escribió un programa "
                    "y nadie lo abrió en una hoja de cálculo); ábralo en Excel o LibreOffice, guárdelo y vuelva a intentarlo")
            valores.append(None)
            continue
        if vacio(v):
            if col.obligatoria:
                p.error("celda_vacia", hoja, fila, col.nombre, None, "un valor (la celda está vacía)")
            valores.append(None)
            continue
        if numerica:
            x, regla, detalle = interpretar_numero(v)
            if regla is None and abs(x) > cota:
                regla = "fuera_de_rango"
            if regla == "fuera_de_rango":
                p.error(regla, hoja, fila, col.nombre, _valor_mostrado(v), esperado_cota(clase_de_cota(col)))
                valores.append(None)
            elif regla == "numero_ambiguo":
                p.error(regla, hoja, fila, col.nombre, v, f"{que} sin ambigüedad: {detalle}")
                valores.append(None)
            elif regla is not None:
                p.error(regla, hoja, fila, col.nombre, _valor_mostrado(v), f"{base}; {detalle}" if detalle else base)
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
                p.error(
                    "periodo_invalido",
                    hoja,
                    fila,
                    col.nombre,
                    v,
                    "un periodo AAAA-MM (p. ej. 2024-06), una fecha de ese mes o AAAA-MM-DD",
                )
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


def _vacia(columnas) -> pd.DataFrame:
    return pd.DataFrame({c.nombre: pd.Series(dtype=object) for c in columnas} | {"_fila": pd.Series(dtype="int64")})


def tipar_hojas(crudas: dict[str, pd.DataFrame], p: Problemas) -> dict[str, pd.DataFrame]:
    """Tipa cada hoja del contrato. ``crudas[hoja]`` trae la columna ``_fila`` (fila de Excel).

    Las claves de ``crudas`` son los nombres reales de las hojas, en el orden del libro (como
    las deja :func:`~pai_analisis.libro.lectura.leer_xlsx`).
    """
    reales: dict[str, list[str]] = {}  # nombre normalizado → nombres reales, en el orden del libro
    for k in crudas:
        reales.setdefault(normalizar(k), []).append(k)
    opcionales = set(getattr(esquema, "HOJAS_OPCIONALES", ()))
    tablas: dict[str, pd.DataFrame] = {}
    for hoja, columnas in esquema.HOJAS.items():
        nombres = reales.get(normalizar(hoja), [])
        if not nombres:
            if hoja not in opcionales:
                p.error("hoja_faltante", hoja, None, None, None, f"una hoja llamada «{hoja}» (no está en el libro)")
                p.faltantes.add((hoja, None))
            tablas[hoja] = _vacia(columnas)
            continue
        if len(nombres) > 1:
            p.error(
                "hoja_repetida",
                hoja,
                None,
                None,
                ", ".join(nombres),
                f"una sola hoja «{hoja}»: las hojas "
                + " y ".join(f"«{n}»" for n in nombres)
                + " tienen el mismo nombre si se ignoran mayúsculas, tildes y espacios, y no se sabe cuál usar "
                "(borre o renombre las que sobran)",
            )
        cruda = crudas[nombres[0]]
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
                    p.error(
                        "columna_faltante",
                        hoja,
                        1,
                        col.nombre,
                        None,
                        f"una columna «{col.nombre}» en la fila de encabezados (no está)",
                    )
                    p.faltantes.add((hoja, col.nombre))
                serie = pd.Series([None] * len(cruda), index=cruda.index, dtype=object)
                libre = dataclasses.replace(col, requerida=False, obligatoria=False)
                datos[col.nombre] = tipar_columna(hoja, libre, serie, filas, Problemas())
                continue
            if len(pos) > 1:
                p.error(
                    "encabezado_repetido",
                    hoja,
                    1,
                    col.nombre,
                    ", ".join(str(cruda.columns[i]) for i in pos),
                    f"una sola columna «{col.nombre}»: el encabezado está repetido (borre o renombre las copias)",
                )
            datos[col.nombre] = tipar_columna(hoja, col, cruda.iloc[:, pos[0]], filas, p)
        tabla = pd.DataFrame(datos, index=cruda.index)
        conocidas = {normalizar(c.nombre) for c in columnas} | {"_fila"}
        extras: dict[str, int] = {}  # columnas fuera del contrato, tal cual; de un nombre repetido, la primera
        for i, extra in enumerate(cruda.columns):
            if extra not in extras and extra not in tabla.columns and normalizar(extra) not in conocidas:
                extras[extra] = i
        if extras:  # de una vez: agregadas una a una, pandas avisa «DataFrame is highly fragmented»
            copia = cruda.iloc[:, list(extras.values())].set_axis(list(extras), axis=1)
            tabla = pd.concat([tabla, copia], axis=1)
        tabla["_fila"] = filas.to_numpy()
        tablas[hoja] = tabla.reset_index(drop=True)
    return tablas
