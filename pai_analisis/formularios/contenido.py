"""El contenido de los formularios de un mes: qué debe cada dependencia en P, su contexto y lo que el libro ya tiene.

:func:`armar_contenido` da, por tipo (``metas``, ``indicadores``, ``actividades``, ``riesgos``), una
fila por elemento **debido** en P (:func:`~pai_analisis.metricas.dependencias.debidos`: quién lo
reporta y si se debe lo decide esa única regla) con las columnas de :mod:`.columnas`:

* el contexto de solo lectura, calculado con la metodología (la meta de la vigencia que rige en
  P con sus reprogramaciones y lo ejecutado hasta P−1, de :mod:`~pai_analisis.metricas.metas`; el
  resultado del año hasta P−1, de :mod:`~pai_analisis.metricas.indicadores`; el último corte de
  cada actividad antes de P);
* las entradas, prellenadas con lo que el libro ya tiene para P (una ronda de correcciones).

También da, por dependencia, la huella de su plan (:func:`.identidad.huellas_del_plan`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..comun.textos import normalizar
from ..metricas.dependencias import debidos
from ..metricas.indicadores import calcular_indicadores
from ..metricas.metas import calcular_metas, programacion_en
from ..metricas.periodo import resolver_periodo
from .columnas import COLUMNAS, TIPOS
from .identidad import huellas_del_plan

_DECIMALES = 2  # el contexto calculado (meta de la vigencia, acumulados) se muestra redondeado: es para leer


@dataclass
class Contenido:
    """Los elementos debidos en ``periodo``, por tipo (columnas ``dependencia``, ``clave`` y las del formulario)."""

    vigencia: int
    periodo: pd.Period
    tablas: dict[str, pd.DataFrame]
    huellas: dict[str, str]  # dependencia → huella de su plan

    @property
    def dependencias(self) -> list[str]:
        """Las dependencias con algún elemento debido, en orden alfabético (sin tildes ni mayúsculas)."""
        todas = {d for t in self.tablas.values() for d in t["dependencia"]}
        return sorted(todas, key=normalizar)

    def de(self, dependencia: str) -> dict[str, pd.DataFrame]:
        """Las filas de ``dependencia`` por tipo (solo los tipos en que debe algo), en el orden del plan."""
        salida = {}
        for tipo, t in self.tablas.items():
            filas = t[t["dependencia"] == dependencia]
            if len(filas):
                salida[tipo] = filas.reset_index(drop=True)
        return salida


def armar_contenido(libro, periodo) -> Contenido:
    """El contenido de los formularios de ``periodo`` (``ErrorPeriodo`` si no es un mes de la vigencia del libro)."""
    p = resolver_periodo(periodo, libro.vigencia)
    anterior = p - 1 if p.month > 1 else None
    d = debidos(libro, p)
    armadores = {"metas": _metas, "indicadores": _indicadores, "actividades": _actividades, "riesgos": _riesgos}
    tablas = {}
    for tipo in TIPOS:
        base = d[d["tipo"] == tipo].reset_index(drop=True)
        t = armadores[tipo](libro, base, p, anterior)
        t.insert(0, "clave", base["clave"].astype(str).to_numpy())
        t.insert(0, "dependencia", base["dependencia"].astype(str).to_numpy())
        tablas[tipo] = t[["dependencia", "clave", *(c.nombre for c in COLUMNAS[tipo])]].astype(object)
    return Contenido(libro.vigencia, p, tablas, huellas_del_plan(libro))


def _del_mes(seguimiento: pd.DataFrame, p: pd.Period, claves: list[str], columnas: list[str]) -> pd.DataFrame:
    mes = seguimiento[seguimiento["periodo"] == p]
    return mes.drop_duplicates(claves).set_index(claves)[columnas]


def _indice(base: pd.DataFrame, claves: list[str]):
    if len(claves) == 1:
        return pd.Index(base[claves[0]].astype(str), name=claves[0])
    return pd.MultiIndex.from_arrays([base[c] for c in claves], names=claves)


def _metas(libro, base: pd.DataFrame, p: pd.Period, anterior) -> pd.DataFrame:
    claves = ["proyecto", "meta"]
    idx = _indice(base, claves)
    metas = libro.metas.drop_duplicates(claves)
    cortes = pd.Series([p] * len(metas), index=pd.MultiIndex.from_frame(metas[claves]))
    mv = programacion_en(metas, libro.reprogramaciones, cortes)["programacion_vigencia"]
    if anterior is not None:
        hasta = calcular_metas(libro.metas, libro.proyectos, libro.seguimiento_metas, anterior, libro.reprogramaciones,
                               observaciones=False).set_index(claves)["ejecutado"]
    else:
        hasta = pd.Series(dtype="float64", index=pd.MultiIndex.from_arrays([[], []], names=claves))
    mes = _del_mes(libro.seguimiento_metas, p, claves, ["programado", "ejecutado", "observaciones"])
    return pd.DataFrame({
        "proyecto": base["proyecto"].to_numpy(), "meta": base["meta"].to_numpy(), "nombre": base["nombre"].to_numpy(),
        "anualizacion": metas.set_index(claves)["anualizacion"].astype(object).reindex(idx).to_numpy(),
        "meta_vigencia": mv.reindex(idx).round(_DECIMALES).to_numpy(),
        "ejecutado_acumulado": hasta.reindex(idx).round(_DECIMALES).to_numpy(),
        **{c: mes[c].reindex(idx).to_numpy() for c in mes.columns},
    })


def _indicadores(libro, base: pd.DataFrame, p: pd.Period, anterior) -> pd.DataFrame:
    idx = _indice(base, ["indicador"])
    ind = libro.indicadores.drop_duplicates("indicador").set_index("indicador")
    ind.index = ind.index.astype(str)
    if anterior is not None:
        acumulado = calcular_indicadores(libro.indicadores, libro.seguimiento_indicadores, anterior, observaciones=False)
        acumulado = acumulado.set_index(acumulado["indicador"].astype(str))["resultado"]
    else:
        acumulado = pd.Series(dtype="float64")
    mes = _del_mes(libro.seguimiento_indicadores.assign(indicador=libro.seguimiento_indicadores["indicador"].astype(str)),
                   p, ["indicador"], ["resultado", "numerador", "denominador", "observaciones"])
    contexto = {c: ind[c].astype(object).reindex(idx).to_numpy() for c in ("proceso", "unidad", "meta", "sentido", "periodicidad")}
    return pd.DataFrame({
        "indicador": idx.to_numpy(), "nombre": base["nombre"].to_numpy(), **contexto,
        "resultado_acumulado": acumulado.reindex(idx).astype("float64").round(_DECIMALES).to_numpy(),
        **{c: mes[c].reindex(idx).to_numpy() for c in mes.columns},
    })


def anteriores_de_actividades(seguimiento: pd.DataFrame, p: pd.Period) -> pd.DataFrame:
    """El último corte de cada actividad antes de ``p`` (``programado``, ``ejecutado``), indexado por actividad (texto)."""
    previos = seguimiento[seguimiento["periodo"] < p].sort_values("periodo", kind="stable")
    ultimo = previos.groupby(previos["actividad"].astype(str), sort=False)[["programado", "ejecutado"]].last()
    return ultimo


def _actividades(libro, base: pd.DataFrame, p: pd.Period, anterior) -> pd.DataFrame:
    idx = _indice(base, ["actividad"])
    act = libro.actividades.drop_duplicates("actividad").set_index("actividad")
    act.index = act.index.astype(str)
    sa = libro.seguimiento_actividades.assign(actividad=libro.seguimiento_actividades["actividad"].astype(str))
    previo = anteriores_de_actividades(sa, p)
    mes = _del_mes(sa, p, ["actividad"], ["programado", "ejecutado", "observaciones"])
    return pd.DataFrame({
        "actividad": idx.to_numpy(), "nombre": base["nombre"].to_numpy(), "plan": act["plan"].astype(object).reindex(idx).to_numpy(),
        "programado_anterior": previo["programado"].reindex(idx).to_numpy(),
        "ejecutado_anterior": previo["ejecutado"].reindex(idx).to_numpy(),
        **{c: mes[c].reindex(idx).to_numpy() for c in mes.columns},
    })


def _riesgos(libro, base: pd.DataFrame, p: pd.Period, anterior) -> pd.DataFrame:
    idx = _indice(base, ["riesgo"])
    r = libro.riesgos.drop_duplicates("riesgo").set_index("riesgo")
    r.index = r.index.astype(str)
    sr = libro.seguimiento_riesgos.assign(riesgo=libro.seguimiento_riesgos["riesgo"].astype(str))
    mes = _del_mes(sr, p, ["riesgo"], ["materializado", "observaciones"])
    materializado = mes["materializado"].reindex(idx)
    return pd.DataFrame({
        "riesgo": idx.to_numpy(), "nombre": base["nombre"].to_numpy(),
        "proceso": r["proceso"].astype(object).reindex(idx).to_numpy(), "tipo": r["tipo"].astype(object).reindex(idx).to_numpy(),
        "materializado": [None if pd.isna(v) else ("Sí" if v else "No") for v in materializado.astype(object)],
        "observaciones": mes["observaciones"].reindex(idx).to_numpy(),
    })


__all__ = ["Contenido", "anteriores_de_actividades", "armar_contenido"]
