"""Validación del libro: reúne **todos** los problemas que el libro solo puede mostrar antes de fallar.

El modelo es ``lazy=True`` de pandera: cada regla agrega filas a la tabla de problemas
(:mod:`.problemas`, con el código de la regla) y solo al final se decide. Aquí están las reglas
que se comprueban con el libro solo (tipos, claves, referencias, vigencia, acumulados, ventanas,
armonización…). Las advertencias que necesitan cifras calculadas (un reporte debido que falta,
la sobreejecución) están con las métricas, en :mod:`pai_analisis.metricas.advertencias`.
"""

from __future__ import annotations

import pandas as pd

from ..comun.numeros import decimales_de, magnitud, millones
from ..comun.textos import normalizar
from . import esquema
from .cambios import advertencias_programacion, reglas_armonizacion, reglas_reprogramaciones, reglas_ventanas
from .celdas import tipar_hojas
from .problemas import Problemas, mostrar, vacio
from .ventanas import resolver_ventanas


def _clave_texto(df: pd.DataFrame, cols) -> pd.Series:
    return df[list(cols)].astype(str).agg(" / ".join, axis=1)


def _duplicados(tablas, p: Problemas) -> None:
    for hoja, claves in esquema.CLAVES.items():
        df = tablas[hoja]
        if not claves or df.empty:
            continue
        completas = df.dropna(subset=list(claves))
        repetida = completas.duplicated(list(claves), keep="first")
        if not repetida.any():
            continue
        dup = completas[repetida]
        for fila, clave in zip(dup["_fila"], _clave_texto(dup, claves), strict=False):
            p.error("clave_repetida", hoja, fila, ", ".join(claves), clave, "un valor único: esta clave ya aparece en una fila anterior")


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
                p.error("referencia", hoja, fila, ", ".join(cols), " / ".join(map(str, tupla)),
                        f"un valor que exista en la hoja «{ref}» ({', '.join(ref_cols)})")


def _anios(periodos) -> pd.Series:
    """El año de cada periodo (``NaN`` donde no hay): con ``.dt`` si la columna ya es de periodos, sin un objeto por fila."""
    per = pd.Series(periodos)
    if isinstance(per.dtype, pd.PeriodDtype):
        return per.dt.year.where(per.notna())
    return per.map(lambda x: getattr(x, "year", None)).astype("float64")


def inferir_vigencia(tablas) -> int | None:
    """La vigencia del libro: el año más frecuente entre los periodos de seguimiento."""
    anios = pd.concat(
        [_anios(tablas[h]["periodo"]).dropna() for h in esquema.HOJAS_SEGUIMIENTO],
        ignore_index=True,
    )
    if anios.empty:
        return None
    conteo = anios.value_counts()
    return int(max(conteo[conteo == conteo.max()].index))


def _vigencia(tablas, vigencia: int, p: Problemas) -> None:
    for hoja in (*esquema.HOJAS_SEGUIMIENTO, "reprogramaciones", "armonizacion"):
        df = tablas[hoja]
        per = pd.Series(df["periodo"])
        fuera = per.notna() & (_anios(per).fillna(vigencia) != vigencia)
        for fila, valor in zip(df.loc[fuera, "_fila"], per[fuera], strict=False):
            p.error("fuera_de_vigencia", hoja, fila, "periodo", str(valor), f"un periodo de la vigencia {vigencia} ({vigencia}-01 a {vigencia}-12)")


def _no_decrece(df, hoja, clave, columnas, p: Problemas) -> None:
    orden = df.dropna(subset=[clave, "periodo"]).sort_values([clave, "periodo"], kind="stable")
    for col in columnas:
        anterior = orden.groupby(clave, observed=True)[col].shift()
        baja = orden[col] < anterior - 1e-9
        for fila, v, a in zip(orden.loc[baja, "_fila"], orden.loc[baja, col], anterior[baja], strict=False):
            p.error("acumulado_baja", hoja, fila, col, v, f"un valor acumulado que no baje respecto del mes anterior ({mostrar(a)})")


_OBJETO = {"compromisos": "el compromiso", "giros": "el giro"}


def _presupuesto_que_baja(pr: pd.DataFrame, p: Problemas) -> None:
    """Sección 8.1: un acumulado de ``compromisos`` o ``giros`` que baja es válido (anulación, liberación, reintegro): advertencia."""
    orden = pr.dropna(subset=["proyecto", "periodo"]).sort_values(["proyecto", "periodo"], kind="stable")
    obs = orden["observaciones"] if "observaciones" in orden else pd.Series(None, index=orden.index, dtype=object)
    for col in ("compromisos", "giros"):
        g = orden.groupby("proyecto", observed=True)
        anterior, mes_anterior = g[col].shift(), g["periodo"].shift()
        baja = orden[col] < anterior - 1e-9
        for fila, proy, mes, v, a, m_a, o in zip(*(s[baja] for s in (orden["_fila"], orden["proyecto"], orden["periodo"],
                                                                     orden[col], anterior, mes_anterior, obs)), strict=False):
            nota = f"; observación del corte: «{str(o).strip()}»" if not vacio(o) else "; el corte no trae observación que lo explique"
            p.advertencia("acumulado_presupuesto_baja", "presupuesto", fila, col, v,
                          f"un acumulado que no baje, salvo anulación, liberación o reintegro: {_OBJETO[col]} acumulado del "
                          f"proyecto {mostrar(proy)} baja {millones(a - v, decimales_de(round(a - v, 6)))} en {mes} respecto de "
                          f"{m_a} ({magnitud(a)} → {magnitud(v)}): movimiento del mes negativo{nota}")


def _cortes_sin_movimiento(tablas, p: Problemas) -> None:
    """Sección 8.1: un corte idéntico al del mes anterior en **todos** los proyectos activos es una advertencia.

    Idéntico quiere decir la misma apropiación, los mismos compromisos y los mismos giros que el
    corte del mes anterior, en cada proyecto activo ese mes (y cada uno con corte en ambos meses).
    """
    pr = tablas["presupuesto"].dropna(subset=["proyecto", "periodo", "apropiacion", "compromisos", "giros"])
    if pr.empty:
        return
    cortes = pr.drop_duplicates(["proyecto", "periodo"]).set_index(["proyecto", "periodo"])[["apropiacion", "compromisos", "giros"]]
    proyectos = tablas["proyectos"]
    for mes in sorted(set(pr["periodo"])):
        activos = proyectos.loc[(proyectos["vigente_desde"] <= mes) & (proyectos["vigente_hasta"] >= mes), "proyecto"].drop_duplicates()
        claves = [(x, mes) for x in activos]
        previas = [(x, mes - 1) for x in activos]
        if not claves or not all(k in cortes.index for k in claves + previas):
            continue
        if ((cortes.loc[claves].to_numpy() - cortes.loc[previas].to_numpy()).__abs__() <= 1e-9).all():
            p.advertencia("corte_sin_movimiento", "presupuesto", None, "periodo", str(mes),
                          f"algún movimiento en el corte de {mes}: es idéntico al de {mes - 1} en los {len(claves)} proyectos "
                          "activos (apropiación, compromisos y giros); ¿la fuente no se actualizó?")


def _metas(t, p: Problemas) -> None:
    """Línea base de las metas Decreciente; ponderaciones completas y que no sumen 0 en cada proyecto."""
    m = t["metas"]
    sin_lb = m[(m["anualizacion"] == "Decreciente") & m["linea_base"].isna()]
    for fila in sin_lb["_fila"]:
        p.error("linea_base", "metas", fila, "linea_base", None, "una línea base: es obligatoria para metas Decreciente")
    con_peso = m.groupby("proyecto")["ponderacion"].agg(lambda s: s.notna().any())
    parcial = m[m["proyecto"].isin(con_peso[con_peso].index) & m["ponderacion"].isna()]
    for fila in parcial["_fila"]:
        p.error("ponderacion_parcial", "metas", fila, "ponderacion", None, "una ponderación: si una meta del proyecto la tiene, todas deben tenerla")
    suma = m.groupby("proyecto")["ponderacion"].agg(lambda s: s.notna().all() and s.sum() <= 0)
    for proy in suma[suma.astype(bool)].index:
        fila = m.loc[m["proyecto"] == proy, "_fila"].min()
        p.error("ponderacion_cero", "metas", fila, "ponderacion", 0, f"ponderaciones del proyecto {proy} que sumen más que 0 (todas son 0)")


def _presupuesto(t, p: Problemas) -> None:
    """Giros ≤ compromisos ≤ apropiación en cada corte; un acumulado que baja es advertencia (:func:`_presupuesto_que_baja`)."""
    pr = t["presupuesto"]
    for fila, c, a in zip(*(pr.loc[pr["compromisos"] > pr["apropiacion"] + 1e-9, k] for k in ("_fila", "compromisos", "apropiacion")), strict=False):
        p.error("compromisos_sobre_apropiacion", "presupuesto", fila, "compromisos", c, f"compromisos menores o iguales a la apropiación ({mostrar(a)})")
    for fila, g, c in zip(*(pr.loc[pr["giros"] > pr["compromisos"] + 1e-9, k] for k in ("_fila", "giros", "compromisos")), strict=False):
        p.error("giros_sobre_compromisos", "presupuesto", fila, "giros", g, f"giros menores o iguales a los compromisos ({mostrar(c)})")
    _presupuesto_que_baja(pr, p)


def _indicadores(t, p: Problemas) -> None:
    """Un indicador de sentido «mayor» no puede tener meta 0."""
    ind = t["indicadores"]
    for fila in ind.loc[(ind["sentido"] == "mayor") & (ind["meta"] == 0), "_fila"]:
        p.error("meta_cero", "indicadores", fila, "meta", 0, "una meta mayor que 0 cuando el sentido es «mayor»")


def _seguimiento_indicadores(t, p: Problemas) -> None:
    """Cada medición trae un resultado, o numerador y denominador (mayor que 0)."""
    si = t["seguimiento_indicadores"]
    incompleta = si["resultado"].isna() & (si["numerador"].isna() | si["denominador"].isna())
    for fila in si.loc[incompleta, "_fila"]:
        p.error("medicion_incompleta", "seguimiento_indicadores", fila, "resultado", None, "un resultado, o numerador y denominador")
    for fila in si.loc[si["denominador"] == 0, "_fila"]:
        p.error("denominador_cero", "seguimiento_indicadores", fila, "denominador", 0, "un denominador mayor que 0")


def _seguimiento_actividades(t, p: Problemas) -> None:
    """Porcentajes acumulados entre 0 y 100 que no bajan de un mes al siguiente."""
    sa = t["seguimiento_actividades"]
    for col in ("programado", "ejecutado"):
        for fila, v in zip(*(sa.loc[sa[col] > 100 + 1e-9, k] for k in ("_fila", col)), strict=False):
            p.error("porcentaje_fuera", "seguimiento_actividades", fila, col, v, "un porcentaje acumulado entre 0 y 100")
    _no_decrece(sa, "seguimiento_actividades", "actividad", ("programado", "ejecutado"), p)


def _riesgos(t, p: Problemas) -> None:
    """Un riesgo de corrupción no admite impacto Leve ni Menor."""
    r = t["riesgos"]
    mal = r[(r["tipo"] == "Corrupción") & r["impacto"].isin(["Leve", "Menor"])]
    for fila, v in zip(mal["_fila"], mal["impacto"], strict=False):
        p.error("impacto_corrupcion", "riesgos", fila, "impacto", v, "Moderado, Mayor o Catastrófico: un riesgo de corrupción no admite impacto Leve ni Menor")


# las reglas de dominio de cada hoja, en el orden en que sus problemas aparecen en la tabla
REGLAS_POR_HOJA = {"metas": _metas, "presupuesto": _presupuesto, "indicadores": _indicadores,
                   "seguimiento_indicadores": _seguimiento_indicadores, "seguimiento_actividades": _seguimiento_actividades,
                   "riesgos": _riesgos}


def _reglas_de_dominio(tablas, p: Problemas) -> None:
    """Aplica las reglas de cada hoja y reúne todos sus problemas en ``p`` (como ``lazy=True`` de pandera: no para en el primero)."""
    for reglas in REGLAS_POR_HOJA.values():
        reglas(tablas, p)


def _con_hojas_opcionales(crudas: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Las hojas opcionales que el libro no trae, vacías (un libro sin reprogramaciones ni armonización es válido)."""
    presentes = {normalizar(k) for k in crudas}
    faltan = {h: pd.DataFrame({c.nombre: pd.Series(dtype=object) for c in esquema.HOJAS[h]} | {"_fila": pd.Series(dtype="int64")})
              for h in esquema.HOJAS_OPCIONALES if normalizar(h) not in presentes}
    return {**crudas, **faltan}


def validar(crudas: dict[str, pd.DataFrame], vigencia: int | None = None,
            vigencia_defecto: int = 2024) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, int]:
    """Tipa y valida las hojas crudas. Devuelve ``(tablas, problemas, vigencia)``.

    ``vigencia``: el año de los datos (la marca del libro, si la tiene); ``None`` lo infiere de
    los periodos de seguimiento (el año más frecuente) y, en un libro sin seguimiento, usa
    ``vigencia_defecto``. Las tablas devueltas traen las ventanas de vigencia ya resueltas
    (:func:`~pai_analisis.libro.ventanas.resolver_ventanas`).
    """
    p = Problemas()
    tablas = tipar_hojas(_con_hojas_opcionales(crudas), p)
    if vigencia is None:
        vigencia = inferir_vigencia(tablas) or vigencia_defecto
    _duplicados(tablas, p)
    _referencias(tablas, p)
    _vigencia(tablas, vigencia, p)
    _reglas_de_dominio(tablas, p)
    escritas = {h: tablas[h] for h in esquema.CON_VENTANA}
    tablas = resolver_ventanas(tablas, vigencia)
    reglas_ventanas(tablas, escritas, vigencia, p)
    reglas_reprogramaciones(tablas, p)
    reglas_armonizacion(tablas, escritas["proyectos"], p)
    advertencias_programacion(tablas, p)
    _cortes_sin_movimiento(tablas, p)
    return tablas, p.tabla(), vigencia
