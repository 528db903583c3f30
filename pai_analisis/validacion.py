"""Validación y tipado del libro: reúne **todos** los problemas antes de fallar.

El modelo es ``lazy=True`` de pandera: cada regla agrega filas a una tabla de problemas
(``nivel``, ``hoja``, ``fila`` como la muestra Excel, ``columna``, ``valor``, ``esperado``)
y solo al final se decide. Los errores impiden calcular; las advertencias (falta un
reporte debido, sobreejecución) se muestran pero no detienen nada.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import esquema
from .textos import a_periodo, canonico, limpiar, normalizar, normalizar_id

COLUMNAS_PROBLEMAS = ["nivel", "hoja", "fila", "columna", "valor", "esperado"]
UMBRAL_SOBREEJECUCION = 125.0  # sección 2 del contrato: advertencia, no error
_ORDENADOS = {"probabilidad": esquema.PROBABILIDADES, "impacto": esquema.IMPACTOS}


class Problemas:
    """Acumulador de problemas (errores y advertencias)."""

    def __init__(self) -> None:
        self._filas: list[dict] = []
        # (hoja, columna) ausentes del libro (columna ``None`` = la hoja entera); ya tienen su error
        self.faltantes: set[tuple[str, str | None]] = set()

    def agregar(self, nivel, hoja, fila, columna, valor, esperado) -> None:
        if valor is not None and not isinstance(valor, str):
            valor = _mostrar(valor)
        self._filas.append(
            {"nivel": nivel, "hoja": hoja, "fila": None if fila is None else int(fila),
             "columna": columna, "valor": valor, "esperado": esperado}
        )

    def error(self, hoja, fila, columna, valor, esperado) -> None:
        self.agregar("error", hoja, fila, columna, valor, esperado)

    def advertencia(self, hoja, fila, columna, valor, esperado) -> None:
        self.agregar("advertencia", hoja, fila, columna, valor, esperado)

    def tabla(self) -> pd.DataFrame:
        # dtype object: con pandas 3 las columnas de texto serían ``str`` y un ``None`` se volvería NaN
        df = pd.DataFrame(self._filas, columns=COLUMNAS_PROBLEMAS, dtype=object)
        return df.astype({"fila": "Int64"})

    @property
    def hay_errores(self) -> bool:
        return any(f["nivel"] == "error" for f in self._filas)


def _mostrar(valor) -> str:
    if valor is None or (isinstance(valor, float) and math.isnan(valor)):
        return "(vacío)"
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    return str(valor)


def _vacio(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip()) or v is pd.NA


# ---------------------------------------------------------------- tipado por columna

def _a_numero(v):
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


def _tipar_columna(hoja: str, col: esquema.Columna, serie: pd.Series, filas: pd.Series, p: Problemas):
    """Convierte una columna; registra cada celda inválida. Devuelve la serie tipada."""
    valores: list = []
    for v, fila in zip(serie.tolist(), filas.tolist(), strict=False):
        if _vacio(v):
            if col.obligatoria:
                p.error(hoja, fila, col.nombre, None, "un valor (la celda está vacía)")
            valores.append(None)
            continue
        if col.tipo in ("entero", "numero"):
            x = _a_numero(v)
            if x is None or math.isinf(x):
                esperado = "un número entero" if col.tipo == "entero" else "un número (use coma o punto decimal)"
                p.error(hoja, fila, col.nombre, v, esperado)
                valores.append(None)
            elif col.tipo == "entero" and not float(x).is_integer():
                p.error(hoja, fila, col.nombre, v, "un número entero")
                valores.append(None)
            elif col.no_negativo and x < 0:
                p.error(hoja, fila, col.nombre, v, "un valor mayor o igual a 0 (no negativo)")
                valores.append(None)
            else:
                valores.append(x)
        elif col.tipo == "periodo":
            per = a_periodo(v)
            if per is None:
                p.error(hoja, fila, col.nombre, v, "un periodo AAAA-MM (p. ej. 2024-06), una fecha de ese mes o AAAA-MM-DD")
            valores.append(per)
        elif col.tipo == "codigo":
            c = canonico(v, col.valores)
            if c is None:
                p.error(hoja, fila, col.nombre, v, "uno de: " + ", ".join(col.valores))
            valores.append(c)
        elif col.tipo == "id":
            valores.append(normalizar_id(_mostrar(v) if isinstance(v, float) else v))
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
            p.error(hoja, None, None, None, f"una hoja llamada «{hoja}» (no está en el libro)")
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
                    p.error(hoja, 1, col.nombre, None, f"una columna «{col.nombre}» en la fila de encabezados (no está)")
                    p.faltantes.add((hoja, col.nombre))
                serie = pd.Series([None] * len(cruda), index=cruda.index, dtype=object)
                datos[col.nombre] = _tipar_columna(hoja, esquema.Columna(col.nombre, col.tipo, False, False, col.valores), serie, filas, Problemas())
                continue
            if len(pos) > 1:
                p.error(hoja, 1, col.nombre, ", ".join(str(cruda.columns[i]) for i in pos),
                        f"una sola columna «{col.nombre}»: el encabezado está repetido (borre o renombre las copias)")
            datos[col.nombre] = _tipar_columna(hoja, col, cruda.iloc[:, pos[0]], filas, p)
        tabla = pd.DataFrame(datos, index=cruda.index)
        conocidas = {normalizar(c.nombre) for c in columnas} | {"_fila"}
        for i, extra in enumerate(cruda.columns):
            if normalizar(extra) not in conocidas and extra not in tabla.columns:
                tabla[extra] = cruda.iloc[:, i].to_numpy()
        tabla["_fila"] = filas.to_numpy()
        tablas[hoja] = tabla.reset_index(drop=True)
    return tablas


# ---------------------------------------------------------------- reglas entre filas y hojas

def _clave_texto(df: pd.DataFrame, cols) -> pd.Series:
    return df[list(cols)].astype(str).agg(" / ".join, axis=1)


def _duplicados(tablas, p: Problemas) -> None:
    for hoja, claves in esquema.CLAVES.items():
        df = tablas[hoja]
        if not claves or df.empty:
            continue
        completas = df.dropna(subset=list(claves))
        dup = completas[completas.duplicated(list(claves), keep="first")]
        for fila, clave in zip(dup["_fila"], _clave_texto(dup, claves), strict=False):
            p.error(hoja, fila, ", ".join(claves), clave, "un valor único: esta clave ya aparece en una fila anterior")


def _referencias(tablas, p: Problemas) -> None:
    faltan = p.faltantes
    for hoja, cols, ref, ref_cols in esquema.REFERENCIAS:
        if (ref, None) in faltan or any((ref, c) in faltan for c in ref_cols):
            continue  # la hoja o columna referida falta: no repetir el error en cada fila
        df, dr = tablas[hoja], tablas[ref]
        completas = df.dropna(subset=list(cols))
        if completas.empty:
            continue
        existentes = set(map(tuple, dr[list(ref_cols)].dropna().astype(object).itertuples(index=False, name=None)))
        for fila, tupla in zip(completas["_fila"], completas[list(cols)].astype(object).itertuples(index=False, name=None), strict=False):
            if tuple(tupla) not in existentes:
                p.error(hoja, fila, ", ".join(cols), " / ".join(map(str, tupla)),
                        f"un valor que exista en la hoja «{ref}» ({', '.join(ref_cols)})")


def inferir_vigencia(tablas) -> int | None:
    """La vigencia del libro: el año más frecuente entre los periodos de seguimiento."""
    anios = pd.concat(
        [pd.Series(tablas[h]["periodo"]).dropna().map(lambda x: x.year) for h in esquema.HOJAS_SEGUIMIENTO],
        ignore_index=True,
    )
    if anios.empty:
        return None
    conteo = anios.value_counts()
    return int(max(conteo[conteo == conteo.max()].index))


def _vigencia(tablas, vigencia: int, p: Problemas) -> None:
    for hoja in esquema.HOJAS_SEGUIMIENTO:
        df = tablas[hoja]
        per = pd.Series(df["periodo"])
        fuera = per.notna() & (per.map(lambda x: getattr(x, "year", vigencia)) != vigencia)
        for fila, valor in zip(df.loc[fuera, "_fila"], per[fuera], strict=False):
            p.error(hoja, fila, "periodo", str(valor), f"un periodo de la vigencia {vigencia} ({vigencia}-01 a {vigencia}-12)")


def _no_decrece(df, hoja, clave, columnas, p: Problemas) -> None:
    orden = df.dropna(subset=[clave, "periodo"]).sort_values([clave, "periodo"], kind="stable")
    for col in columnas:
        anterior = orden.groupby(clave, observed=True)[col].shift()
        baja = orden[col] < anterior - 1e-9
        for fila, v, a in zip(orden.loc[baja, "_fila"], orden.loc[baja, col], anterior[baja], strict=False):
            p.error(hoja, fila, col, v, f"un valor acumulado que no baje respecto del mes anterior ({_mostrar(a)})")


def _reglas_de_dominio(t, p: Problemas) -> None:
    m = t["metas"]
    sin_lb = m[(m["anualizacion"] == "Decreciente") & m["linea_base"].isna()]
    for fila in sin_lb["_fila"]:
        p.error("metas", fila, "linea_base", None, "una línea base: es obligatoria para metas Decreciente")
    con_peso = m.groupby("proyecto")["ponderacion"].agg(lambda s: s.notna().any())
    parcial = m[m["proyecto"].isin(con_peso[con_peso].index) & m["ponderacion"].isna()]
    for fila in parcial["_fila"]:
        p.error("metas", fila, "ponderacion", None, "una ponderación: si una meta del proyecto la tiene, todas deben tenerla")
    suma = m.groupby("proyecto")["ponderacion"].agg(lambda s: s.notna().all() and s.sum() <= 0)
    for proy in suma[suma.astype(bool)].index:
        fila = m.loc[m["proyecto"] == proy, "_fila"].min()
        p.error("metas", fila, "ponderacion", 0, f"ponderaciones del proyecto {proy} que sumen más que 0 (todas son 0)")

    pr = t["presupuesto"]
    for fila, c, a in zip(*(pr.loc[pr["compromisos"] > pr["apropiacion"] + 1e-9, k] for k in ("_fila", "compromisos", "apropiacion")), strict=False):
        p.error("presupuesto", fila, "compromisos", c, f"compromisos menores o iguales a la apropiación ({_mostrar(a)})")
    for fila, g, c in zip(*(pr.loc[pr["giros"] > pr["compromisos"] + 1e-9, k] for k in ("_fila", "giros", "compromisos")), strict=False):
        p.error("presupuesto", fila, "giros", g, f"giros menores o iguales a los compromisos ({_mostrar(c)})")
    _no_decrece(pr, "presupuesto", "proyecto", ("compromisos", "giros"), p)

    ind = t["indicadores"]
    for fila in ind.loc[(ind["sentido"] == "mayor") & (ind["meta"] == 0), "_fila"]:
        p.error("indicadores", fila, "meta", 0, "una meta mayor que 0 cuando el sentido es «mayor»")
    si = t["seguimiento_indicadores"]
    incompleta = si["resultado"].isna() & (si["numerador"].isna() | si["denominador"].isna())
    for fila in si.loc[incompleta, "_fila"]:
        p.error("seguimiento_indicadores", fila, "resultado", None, "un resultado, o numerador y denominador")
    for fila in si.loc[si["denominador"] == 0, "_fila"]:
        p.error("seguimiento_indicadores", fila, "denominador", 0, "un denominador mayor que 0")

    sa = t["seguimiento_actividades"]
    for col in ("programado", "ejecutado"):
        for fila, v in zip(*(sa.loc[sa[col] > 100 + 1e-9, k] for k in ("_fila", col)), strict=False):
            p.error("seguimiento_actividades", fila, col, v, "un porcentaje acumulado entre 0 y 100")
    _no_decrece(sa, "seguimiento_actividades", "actividad", ("programado", "ejecutado"), p)

    r = t["riesgos"]
    mal = r[(r["tipo"] == "Corrupción") & r["impacto"].isin(["Leve", "Menor"])]
    for fila, v in zip(mal["_fila"], mal["impacto"], strict=False):
        p.error("riesgos", fila, "impacto", v, "Moderado, Mayor o Catastrófico: un riesgo de corrupción no admite impacto Leve ni Menor")


def _meses_debidos(periodicidad: str, hasta: int) -> list[int]:
    from .indicadores import PASO

    paso = PASO.get(periodicidad, 1)
    return [m for m in range(paso, hasta + 1, paso)]


def _ultimo_mes(t, vigencia: int) -> pd.Period | None:
    """El último mes de la vigencia con algún reporte, en cualquier hoja de seguimiento."""
    periodos = pd.concat([pd.Series(t[h]["periodo"]).dropna() for h in esquema.HOJAS_SEGUIMIENTO])
    periodos = periodos[periodos.map(lambda x: x.year) == vigencia]
    return None if periodos.empty else max(periodos)


def _advertencias(t, ultimo: pd.Period, p: Problemas) -> None:
    """Reportes que faltan hasta el último mes con datos, y sobreejecución de metas en ese mes."""
    from .formato import pct
    from .metas import sobreejecucion  # importación tardía: metas depende de tablas ya tipadas

    vigencia = ultimo.year
    sm = t["seguimiento_metas"].dropna(subset=["periodo"])
    reportados = set(zip(sm["proyecto"], sm["meta"], sm["periodo"].map(lambda x: x.month), strict=False))
    for proy, meta in zip(t["metas"]["proyecto"], t["metas"]["meta"], strict=False):
        faltan = [m for m in range(1, ultimo.month + 1) if (proy, meta, m) not in reportados]
        if faltan:
            p.advertencia("seguimiento_metas", None, "periodo", f"{proy}-{meta}",
                          f"un reporte mensual de la meta {meta} del proyecto {proy}: falta en " + _meses(vigencia, faltan))
    si = t["seguimiento_indicadores"].dropna(subset=["periodo"])
    reportados = set(zip(si["indicador"], si["periodo"].map(lambda x: x.month), strict=False))
    ind = t["indicadores"]
    for ident, per in zip(ind["indicador"], ind["periodicidad"], strict=False):
        faltan = [m for m in _meses_debidos(str(per), ultimo.month) if (ident, m) not in reportados]
        if faltan:
            p.advertencia("seguimiento_indicadores", None, "periodo", ident,
                          f"un reporte del indicador {ident} ({str(per).lower()}): falta en " + _meses(vigencia, faltan))
    # Sobreejecución: umbral fijo de la sección 2 del contrato (125 %), en el mismo último mes.
    for fila, proy, meta, cumpl in sobreejecucion(t, ultimo, UMBRAL_SOBREEJECUCION):
        p.advertencia("metas", fila, "meta", f"{proy}-{meta}",
                      f"un cumplimiento de hasta {pct(UMBRAL_SOBREEJECUCION, 0)}: la meta va en {pct(cumpl)} a {ultimo} "
                      "(sobreejecución; revise el reporte)")


def _meses(vigencia: int, meses: list[int]) -> str:
    return ", ".join(f"{vigencia}-{m:02d}" for m in meses)


def validar(crudas: dict[str, pd.DataFrame], vigencia: int | None = None,
            vigencia_defecto: int = 2024) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, int]:
    """Tipa y valida las hojas crudas. Devuelve ``(tablas, problemas, vigencia)``.

    ``vigencia``: el año de los datos; ``None`` lo infiere de los periodos de seguimiento
    (el año más frecuente) y, en un libro sin seguimiento, usa ``vigencia_defecto``.
    """
    p = Problemas()
    tablas = tipar_hojas(crudas, p)
    if vigencia is None:
        vigencia = inferir_vigencia(tablas) or vigencia_defecto
    _duplicados(tablas, p)
    _referencias(tablas, p)
    _vigencia(tablas, vigencia, p)
    _reglas_de_dominio(tablas, p)
    if not p.hay_errores and (ultimo := _ultimo_mes(tablas, vigencia)) is not None:
        _advertencias(tablas, ultimo, p)
    return tablas, p.tabla(), vigencia
