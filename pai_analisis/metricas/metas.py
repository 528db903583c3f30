"""Metas de los proyectos de inversión (sección 3.1): avance, cumplimiento y su agregado por proyecto.

Según la anualización, el ``programado``/``ejecutado`` mensual es:

* **Suma** y **Creciente**: lo entregado *en el mes* (flujo); el valor de la vigencia es la suma.
* **Constante** y **Decreciente**: el *nivel* al corte del mes; el valor de la vigencia es
  el último nivel reportado hasta el periodo.

Todo está vectorizado: ningún ciclo de Python recorre las filas de seguimiento.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .periodo import hasta_periodo, ultima_observacion
from .ventanas import filas_hasta_corte, iniciados

FLUJO = ("Suma", "Creciente")


def objetivo_de_metas(metas: pd.DataFrame, proyectos: pd.DataFrame) -> pd.Series:
    """El objetivo de cada meta: el propio si lo tiene; si no, el de su proyecto."""
    del_proyecto = metas["proyecto"].map(proyectos.set_index("proyecto")["objetivo"])
    return metas["objetivo"].fillna(del_proyecto).astype("Int64")


def responsable_de_metas(metas: pd.DataFrame, proyectos: pd.DataFrame) -> pd.Series:
    """La dependencia que responde por cada meta: la suya si la tiene; si no, la de su proyecto."""
    propio = metas["responsable"] if "responsable" in metas else pd.Series(None, index=metas.index, dtype=object)
    if "responsable" not in proyectos:
        return propio.astype(object)
    del_proyecto = metas["proyecto"].map(proyectos.drop_duplicates("proyecto").set_index("proyecto")["responsable"])
    return propio.astype(object).where(propio.notna(), del_proyecto)


def _valores_vigencia(metas: pd.DataFrame, seg: pd.DataFrame) -> pd.DataFrame:
    """E (ejecutado) y Pf (programado a la fecha) por meta, según su anualización."""
    claves = ["proyecto", "meta"]
    g = seg.sort_values("periodo", kind="stable").groupby(claves, sort=False)
    sumas = g[["programado", "ejecutado"]].sum()
    ultimos = g[["programado", "ejecutado"]].last()
    n = g.size().rename("n_reportes")
    base = metas.set_index(claves)
    flujo = base["anualizacion"].isin(FLUJO).to_numpy()
    s = sumas.reindex(base.index)
    u = ultimos.reindex(base.index)
    out = pd.DataFrame(index=base.index)
    out["n_reportes"] = n.reindex(base.index).fillna(0).astype(int)
    for col in ("programado", "ejecutado"):
        # un flujo sin reportes suma 0; un nivel sin reportes queda sin valor
        out[col] = np.where(flujo, s[col].fillna(0.0), u[col])
    return out


def programacion_en(metas: pd.DataFrame, reprogramaciones: pd.DataFrame | None, cortes: pd.Series) -> pd.DataFrame:
    """La meta de la vigencia (``Mv``) que rige en el corte de cada meta (sección 6.2).

    ``Mv`` es la ``programacion_vigencia`` de la última reprogramación con ``periodo`` ≤ corte, o la
    de la hoja ``metas`` si no hay ninguna. Columnas (índice proyecto, meta):
    ``programacion_vigencia``, ``programacion_inicial`` y ``reprogramada``.
    """
    base = metas.set_index(["proyecto", "meta"])["programacion_vigencia"]
    out = pd.DataFrame({"programacion_inicial": base, "programacion_vigencia": base, "reprogramada": False})
    if reprogramaciones is None or reprogramaciones.empty:
        return out
    r = filas_hasta_corte(reprogramaciones.dropna(subset=["proyecto", "meta", "periodo"]), cortes, ["proyecto", "meta"])
    if r.empty:
        return out
    vigente = r.sort_values("periodo", kind="stable").groupby(["proyecto", "meta"])["programacion_vigencia"].last()
    out.loc[vigente.index, "programacion_vigencia"] = vigente.to_numpy()
    out.loc[vigente.index, "reprogramada"] = True
    return out


def reprogramaciones_hasta(metas: pd.DataFrame, reprogramaciones: pd.DataFrame | None, periodo: pd.Period) -> pd.DataFrame:
    """Cada reprogramación que rige hasta ``periodo``: de cuánto a cuánto, desde qué mes y por qué.

    Columnas: ``proyecto``, ``meta``, ``nombre``, ``periodo`` (texto), ``anterior``, ``nueva``, ``motivo``.
    Un informe de un mes anterior a la reprogramación no la muestra (ni la usa).
    """
    columnas = ["proyecto", "meta", "nombre", "periodo", "anterior", "nueva", "motivo"]
    if reprogramaciones is None or reprogramaciones.empty:
        return pd.DataFrame(columns=columnas)
    iniciales = metas.set_index(["proyecto", "meta"])
    filas = []
    r = reprogramaciones.dropna(subset=["proyecto", "meta", "periodo"]).sort_values(["proyecto", "meta", "periodo"], kind="stable")
    for (proy, meta), g in r.groupby(["proyecto", "meta"], sort=True):
        if (proy, meta) not in iniciales.index:
            continue
        anterior = iniciales.loc[(proy, meta), "programacion_vigencia"]
        for x in g.itertuples():
            if x.periodo <= periodo:
                filas.append({"proyecto": proy, "meta": meta, "nombre": iniciales.loc[(proy, meta), "nombre"],
                              "periodo": str(x.periodo), "anterior": anterior, "nueva": x.programacion_vigencia,
                              "motivo": x.motivo})
            anterior = x.programacion_vigencia
    return pd.DataFrame(filas, columns=columnas)


def calcular_metas(metas: pd.DataFrame, proyectos: pd.DataFrame, seguimiento: pd.DataFrame, periodo: pd.Period,
                   reprogramaciones: pd.DataFrame | None = None, *, observaciones: bool = True) -> pd.DataFrame:
    """Una fila por meta iniciada en ``periodo`` con ``ejecutado`` (E), ``programado`` (Pf), avances y cumplimiento.

    Una meta aún no iniciada no aparece; una cerrada se calcula en su ``vigente_hasta``
    (``estado`` = ``cerrado``). ``Mv`` es la programación que rige en el corte de la meta (con
    sus reprogramaciones). ``avance_vigencia`` y ``cumplimiento`` son brutos; ``*_tope`` son los
    mismos acotados a [0, 100], que son los que usa todo agregado. ``proyeccion_diciembre`` es el
    avance de la vigencia con que cerraría el año si se mantiene el ritmo del año (E/Pf) sobre lo
    que falta por programar: ``E + (Mv − Pf)·E/Pf``, expresado sobre Mv. ``observaciones=False``
    omite las columnas ``observacion*`` (los meses que solo entran a tendencias no las necesitan).
    """
    metas = iniciados(metas, periodo)
    claves = ["proyecto", "meta"]
    cortes = metas.set_index(claves)["corte_calculo"]
    seg = filas_hasta_corte(hasta_periodo(seguimiento, periodo), cortes, claves)
    v = _valores_vigencia(metas, seg)
    m = metas.set_index(claves)
    prog = programacion_en(metas, reprogramaciones, cortes)
    E, Pf = v["ejecutado"], v["programado"]
    Mv, lb = prog["programacion_vigencia"].reindex(m.index), m["linea_base"]
    decr = (m["anualizacion"] == "Decreciente").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        e_dec = E.fillna(lb)  # sin reportes, el nivel sigue en la línea base
        avance = np.where(decr, (lb - e_dec) / (lb - Mv), E.fillna(0.0) / Mv) * 100
        cumpl = np.where(decr, (lb - E) / (lb - Pf), E / Pf) * 100
        sin_programa = np.where(decr, (Pf == lb) | Pf.isna(), (Pf == 0) | Pf.isna())
        cumpl = np.where(sin_programa, np.nan, cumpl)
        avance = np.where(np.isinf(avance), np.nan, avance)
        ea, cuat = m["ejecutado_anterior"], m["programacion_cuatrienio"]
        cuatrienio = np.select(
            [m["anualizacion"].isin(FLUJO).to_numpy(), (m["anualizacion"] == "Constante").to_numpy(), decr],
            [(ea + E.fillna(0.0)) / cuat * 100, avance, (lb - e_dec) / (lb - cuat) * 100],
            default=np.nan,
        )
        cuatrienio = np.where(ea.isna() | np.isinf(cuatrienio), np.nan, cuatrienio)
        # lo programado a la fecha como % de la meta de la vigencia (misma regla que el avance)
        programado_pct = np.where(decr, (lb - Pf) / (lb - Mv), Pf / Mv) * 100
        programado_pct = np.where(np.isinf(programado_pct), np.nan, programado_pct)
    out = m.reset_index()[["proyecto", "meta", "nombre", "anualizacion"]].copy()
    out["estado"] = m["estado"].to_numpy()
    out["vigente_desde"] = m["vigente_desde"].astype(str).to_numpy()
    out["vigente_hasta"] = m["vigente_hasta"].astype(str).to_numpy()
    out["corte"] = m["corte_calculo"].astype(str).to_numpy()
    out["objetivo"] = objetivo_de_metas(metas, proyectos).to_numpy()
    out["responsable"] = responsable_de_metas(metas, proyectos).to_numpy()
    out["programacion_vigencia"] = Mv.to_numpy()
    out["programacion_inicial"] = prog["programacion_inicial"].reindex(m.index).to_numpy()
    out["reprogramada"] = prog["reprogramada"].reindex(m.index).fillna(False).astype(bool).to_numpy()
    out["programacion_cuatrienio"] = m["programacion_cuatrienio"].to_numpy()
    out["ponderacion"] = m["ponderacion"].fillna(1.0).to_numpy()
    out["n_reportes"] = v["n_reportes"].to_numpy()
    out["ejecutado"] = E.to_numpy()
    out["programado"] = Pf.to_numpy()
    out["programado_pct"] = programado_pct
    out["avance_vigencia"] = avance
    out["avance_vigencia_tope"] = np.clip(avance, 0, 100)
    out["avance_cuatrienio"] = cuatrienio
    out["cumplimiento"] = cumpl
    out["cumplimiento_tope"] = np.clip(cumpl, 0, 100)
    out["proyeccion_diciembre"] = cumpl  # ritmo E/Pf sostenido: E·Mv/Pf sobre Mv
    if observaciones:
        out = out.merge(ultima_observacion(seg, claves), on=claves, how="left")
    return out.sort_values(["proyecto", "meta"], kind="stable").reset_index(drop=True)


def agregar_proyectos(tabla_metas: pd.DataFrame, cortes: pd.Series | None = None) -> pd.DataFrame:
    """``avance_fisico``, ``cumplimiento`` y ``proyeccion_diciembre`` por proyecto.

    Medias ponderadas (``ponderacion``; por defecto iguales) de los valores acotados de sus
    metas; las metas sin valor definido salen de la media y los pesos se renormalizan.
    ``cortes`` (el mes en que se calcula cada proyecto, indexado por proyecto): solo cuentan las
    metas vigentes en ese mes; una meta que cerró antes que su proyecto sale de su promedio.
    """
    t = tabla_metas
    if cortes is not None and len(t):
        c = t["proyecto"].map(cortes.astype(str))
        t = t[(t["vigente_desde"] <= c) & (c <= t["vigente_hasta"])]
    w = t["ponderacion"]
    cols = {
        "avance_fisico": "avance_vigencia_tope",
        "cumplimiento": "cumplimiento_tope",
        "proyeccion_diciembre": "proyeccion_diciembre",
    }
    partes = {}
    for destino, origen in cols.items():
        x = t[origen].clip(0, 100)
        definido = x.notna()
        num = (w * x.fillna(0)).groupby(t["proyecto"]).sum()
        den = (w * definido).groupby(t["proyecto"]).sum()
        partes[destino] = (num / den).where(den > 0)
    out = pd.DataFrame(partes)
    out["n_metas"] = t.groupby("proyecto").size()
    return out.reset_index()


def resumen_por_proyecto(tabla_metas: pd.DataFrame) -> pd.DataFrame:
    """Por proyecto: lo programado a la fecha, lo ejecutado y el avance del cuatrienio, en % de la meta.

    Medias ponderadas (``ponderacion``) de los valores acotados a [0, 100] de sus metas; una
    meta sin valor sale de la media de esa columna. Columnas: ``proyecto``, ``programado_pct``,
    ``ejecutado_pct`` (el avance de la vigencia), ``cuatrienio_pct`` y ``n_metas``.
    """
    t = tabla_metas
    filas = []
    for pid, g in t.groupby("proyecto", sort=True):
        fila = {"proyecto": pid}
        for destino, origen in (("programado_pct", "programado_pct"), ("ejecutado_pct", "avance_vigencia_tope"),
                                ("cuatrienio_pct", "avance_cuatrienio")):
            v = g[origen].clip(0, 100)
            w = g["ponderacion"].where(v.notna())
            fila[destino] = float((v * w).sum() / w.sum()) if w.sum() > 0 else np.nan
        fila["n_metas"] = len(g)
        filas.append(fila)
    return pd.DataFrame(filas, columns=["proyecto", "programado_pct", "ejecutado_pct", "cuatrienio_pct", "n_metas"])


def promedio_de_proyectos(resumen: pd.DataFrame) -> dict[str, float]:
    """``programado_pct`` y ``ejecutado_pct`` «en promedio» de :func:`resumen_por_proyecto`: media simple.

    Cada proyecto pesa lo mismo (la lectura de metas del informe 03: «en promedio, las metas llevan…»);
    un proyecto sin valor sale de la media; sin proyectos, NaN.
    """
    return {c: float(resumen[c].mean()) for c in ("programado_pct", "ejecutado_pct")}


def proyectos_rezagados(resumen: pd.DataFrame, umbral: float) -> list[str]:
    """Los proyectos de :func:`resumen_por_proyecto` cuyo avance va más de ``umbral`` puntos por detrás de lo programado.

    ``umbral``: ``Parametros.umbral_rezago`` (5 puntos por omisión; ``umbrales.rezago`` del YAML).
    """
    return resumen[resumen["ejecutado_pct"] < resumen["programado_pct"] - umbral]["proyecto"].astype(str).tolist()
