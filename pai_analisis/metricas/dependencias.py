"""Quién reporta qué (sección 10): la dependencia de cada elemento, lo que debe en P y su estado.

Cada elemento de seguimiento pertenece a una dependencia (área):

* una meta, a su ``responsable`` (vacío: el de su proyecto);
* un indicador, a su ``responsable``;
* una actividad, a su ``dependencia``;
* un riesgo, a su ``responsable`` (columna opcional de ``riesgos``); vacío: el dueño de su
  ``proceso``, es decir, el ``responsable`` que comparten **todos** los indicadores de ese proceso
  (en todo el plan, sin mirar ventanas). Si esos indicadores tienen varios responsables distintos,
  o ninguno, y el ``proceso`` es el nombre de un proyecto, el del proyecto; si no, ninguno;
* sin dependencia: :data:`SIN_DEPENDENCIA` (la oficina misma).

Los nombres se limpian (espacios sobrantes) y dos escrituras que solo difieren en mayúsculas,
tildes o espacios son la misma dependencia, con la primera escritura del plan (metas,
indicadores, actividades, riesgos, en ese orden). Decisiones en ``docs/metodologia.md``,
«Quién reporta qué».

Un elemento es **debido** en P si está activo en P (sección 6.1; los riesgos no tienen ventana:
se deben todos los meses) y, si es un indicador, su periodicidad cierra en P. Está **reportado**
si el libro tiene su valor de P: ``ejecutado`` (metas, actividades), ``resultado`` o
``numerador`` y ``denominador`` (indicadores), ``materializado`` (riesgos).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..comun.faltantes import es_faltante
from ..comun.textos import limpiar, normalizar
from .metas import responsable_de_metas
from .parametros import SEMAFOROS
from .periodo import paso, resolver_periodo
from .ventanas import ACTIVO, estado_en

SIN_DEPENDENCIA = "Sin dependencia"
TIPOS = ("metas", "indicadores", "actividades", "riesgos")
COLUMNAS = ["tipo", "clave", "proyecto", "meta", "indicador", "actividad", "riesgo", "nombre", "dependencia"]
COLUMNAS_ESTADO = ["dependencia", "periodo", "debidos", "reportados", "faltantes", "porcentaje_reportado", "estado_reporte",
                   "en_rojo", "alertas"]
# estado_reporte de una dependencia en P: no entregó nada de lo debido, entregó una parte, todo, o no debía nada
SIN_REPORTES, INCOMPLETO, COMPLETO, NADA_DEBIDO = "sin_reportes", "incompleto", "completo", "nada_debido"
ESTADOS_REPORTE = (SIN_REPORTES, INCOMPLETO, COMPLETO, NADA_DEBIDO)
_PROPIA = {"indicadores": "indicador", "actividades": "actividad", "riesgos": "riesgo"}  # la columna clave de cada tipo
_TEXTO = ("clave", "indicador", "actividad", "riesgo", "nombre", "dependencia")


def _por_unicos(serie: pd.Series, funcion) -> pd.Series:
    """``serie.map(funcion)`` calculando ``funcion`` una vez por valor distinto (los nombres se repiten mucho)."""
    serie = serie.astype(object)
    unicos = pd.unique(serie.to_numpy())
    return serie.map(dict(zip(unicos, map(funcion, unicos), strict=True))).astype(object)


def _clave(valor) -> str | None:
    """La clave de comparación de un nombre (sin tildes, mayúsculas ni espacios sobrantes); ``None`` si falta."""
    return None if es_faltante(valor) else normalizar(valor)


def _limpio(valor) -> str | None:
    if es_faltante(valor):
        return None
    texto = limpiar(valor)
    return texto or None


def _textos(serie: pd.Series) -> pd.Series:
    return _por_unicos(serie, _limpio)


def _unicos_por_grupo(grupo: pd.Series, responsable: pd.Series) -> dict[str, str]:
    """``{grupo: responsable}`` de los grupos con **un solo** responsable (sin contar vacíos ni variantes de escritura)."""
    t = pd.DataFrame({"g": grupo.to_numpy(), "r": responsable.to_numpy()}).dropna()
    if t.empty:
        return {}
    t["k"] = _por_unicos(t["r"], normalizar).to_numpy()
    g = t.groupby("g", sort=False)
    unico = g["k"].nunique()
    primero = g["r"].first()
    return primero[unico == 1].to_dict()


def responsable_de_riesgos(riesgos: pd.DataFrame, indicadores: pd.DataFrame, proyectos: pd.DataFrame) -> pd.Series:
    """La dependencia de cada riesgo: la suya; si no, el dueño de su proceso; si no, la del proyecto homónimo."""
    propio = _textos(riesgos["responsable"]) if "responsable" in riesgos else pd.Series(None, index=riesgos.index, dtype=object)
    proceso = _por_unicos(riesgos["proceso"], _clave)
    duenos = _unicos_por_grupo(_por_unicos(indicadores["proceso"], _clave), _textos(indicadores["responsable"])) if (
        "responsable" in indicadores) else {}
    de_proyecto = _unicos_por_grupo(_por_unicos(proyectos["nombre"], _clave), _textos(proyectos["responsable"])) if (
        "responsable" in proyectos) else {}
    por_defecto = _por_unicos(proceso, lambda k: duenos.get(k) or de_proyecto.get(k) if k is not None else None)
    return propio.where(propio.notna(), por_defecto).astype(object)


def _bloque(tipo: str, tabla: pd.DataFrame, clave: pd.Series, nombre: pd.Series, dependencia: pd.Series) -> pd.DataFrame:
    n = len(tabla)
    vacio = pd.Series(pd.NA, index=tabla.index, dtype=object)
    b = pd.DataFrame({
        "tipo": tipo, "clave": clave.astype(str).to_numpy(),
        "proyecto": tabla["proyecto"].to_numpy() if tipo == "metas" else vacio.to_numpy(),
        "meta": tabla["meta"].to_numpy() if tipo == "metas" else vacio.to_numpy(),
        **{c: (tabla[c].astype(object).to_numpy() if c == _PROPIA.get(tipo) else vacio.to_numpy())
           for c in ("indicador", "actividad", "riesgo")},
        "nombre": nombre.astype(object).to_numpy(), "dependencia": _textos(dependencia).to_numpy(),
        "_desde": tabla["vigente_desde"].array if "vigente_desde" in tabla else pd.array([pd.NaT] * n, dtype="period[M]"),
        "_hasta": tabla["vigente_hasta"].array if "vigente_hasta" in tabla else pd.array([pd.NaT] * n, dtype="period[M]"),
        "_periodicidad": tabla["periodicidad"].astype(object).to_numpy() if tipo == "indicadores" else vacio.to_numpy(),
    }, index=range(n))
    return b


def _elementos(libro) -> pd.DataFrame:
    """``responsables`` con las ventanas (``_desde``, ``_hasta``) y la periodicidad de cada elemento."""
    m, i, a, r = libro.metas, libro.indicadores, libro.actividades, libro.riesgos
    claves_metas = _claves_metas(m)
    sin = pd.Series(None, index=i.index, dtype=object)
    bloques = [
        _bloque("metas", m, claves_metas, m["nombre"], responsable_de_metas(m, libro.proyectos)),
        _bloque("indicadores", i, i["indicador"], i["nombre"], i.get("responsable", sin)),
        _bloque("actividades", a, a["actividad"], a["nombre"], a["dependencia"]),
        _bloque("riesgos", r, r["riesgo"], r["descripcion"], responsable_de_riesgos(r, i, libro.proyectos)),
    ]
    t = pd.concat([b for b in bloques if len(b)] or bloques[:1], ignore_index=True)
    dep = t["dependencia"].where(t["dependencia"].notna(), SIN_DEPENDENCIA)
    clave = _por_unicos(dep, normalizar)
    primera = pd.Series(dep.to_numpy(), index=clave.to_numpy())
    t["dependencia"] = clave.map(primera[~primera.index.duplicated()]).to_numpy()
    t["_desde"] = t["_desde"].astype("period[M]")
    t["_hasta"] = t["_hasta"].astype("period[M]")
    return t


def _tipar(t: pd.DataFrame) -> pd.DataFrame:
    """Los tipos públicos (``tipo`` categórica, ``proyecto`` y ``meta`` ``Int64``, texto ``string``); dentro se usa ``object``."""
    t = t.reset_index(drop=True)
    t["tipo"] = pd.Categorical(t["tipo"].astype(str), categories=list(TIPOS), ordered=True)
    t["proyecto"] = pd.array(t["proyecto"].tolist(), dtype="Int64")
    t["meta"] = pd.array(t["meta"].tolist(), dtype="Int64")
    for c in _TEXTO:
        t[c] = t[c].astype("string")
    return t


def responsables(libro) -> pd.DataFrame:
    """Una fila por elemento de seguimiento del plan (metas, indicadores, actividades, riesgos) con su dependencia.

    Columnas: ``tipo`` (categórica, en ese orden), ``clave`` (``7867-1``, ``GF-01``, el id de la
    actividad o del riesgo), ``proyecto`` y ``meta`` (``Int64``, solo metas), ``indicador``,
    ``actividad``, ``riesgo`` (solo los de su tipo), ``nombre`` (la descripción de un riesgo) y
    ``dependencia`` (:data:`SIN_DEPENDENCIA` si no tiene).
    """
    return _tipar(_elementos(libro)[COLUMNAS])


def _del_mes(seguimiento: pd.DataFrame, periodo: pd.Period) -> pd.DataFrame:
    return seguimiento[seguimiento["periodo"] == periodo] if len(seguimiento) else seguimiento


def _claves_metas(tabla: pd.DataFrame) -> pd.Series:
    """``7867-1`` de cada fila (proyecto y meta), sin recorrer las filas en Python."""
    return (tabla["proyecto"].astype("Int64").astype(str) + "-" + tabla["meta"].astype("Int64").astype(str)).astype(object)


def reportados_en(libro, periodo: pd.Period) -> pd.Index:
    """Los elementos con valor de seguimiento en el mes ``periodo``, como ``tipo|clave`` (``metas|7867-1``)."""
    sm, si = _del_mes(libro.seguimiento_metas, periodo), _del_mes(libro.seguimiento_indicadores, periodo)
    sa, sr = _del_mes(libro.seguimiento_actividades, periodo), _del_mes(libro.seguimiento_riesgos, periodo)
    partes = [("metas|" + _claves_metas(sm[sm["ejecutado"].notna()])) if len(sm) else None]
    if len(si):
        con = si["resultado"].notna() | (si["numerador"].notna() & si["denominador"].notna())
        partes.append("indicadores|" + si.loc[con, "indicador"].astype(str))
    if len(sa):
        partes.append("actividades|" + sa.loc[sa["ejecutado"].notna(), "actividad"].astype(str))
    if len(sr):
        partes.append("riesgos|" + sr.loc[sr["materializado"].notna(), "riesgo"].astype(str))
    partes = [x.astype(object) for x in partes if x is not None and len(x)]
    return pd.Index(pd.concat(partes, ignore_index=True).unique() if partes else [], dtype=object)


def _activos(libro, periodo: pd.Period) -> pd.DataFrame:
    t = _elementos(libro)
    estado = estado_en(t.rename(columns={"_desde": "vigente_desde", "_hasta": "vigente_hasta"}), periodo)
    t = t[(estado == ACTIVO).to_numpy()].copy()
    ind = (t["tipo"] == "indicadores").to_numpy()
    cierra = pd.Series(True, index=t.index)
    if ind.any():
        cierra[ind] = (periodo.month % paso(t.loc[ind, "_periodicidad"])) == 0
    t["debido"] = cierra.to_numpy()
    llegaron = set(reportados_en(libro, periodo))
    t["reportado"] = np.fromiter((f"{a}|{b}" in llegaron for a, b in zip(t["tipo"].to_numpy(object), t["clave"].to_numpy(object),
                                                                     strict=True)), dtype=bool, count=len(t))
    return t


def debidos(libro, periodo) -> pd.DataFrame:
    """Las filas de :func:`responsables` debidas en ``periodo``, con ``reportado`` (bool): el libro tiene su valor de P."""
    p = resolver_periodo(periodo, libro.vigencia)
    t = _activos(libro, p)
    return _tipar(t[t["debido"]][[*COLUMNAS, "reportado"]])


def _claves(tabla: pd.DataFrame, tipo: str) -> pd.Series:
    if tipo == "metas":
        return _claves_metas(tabla).reset_index(drop=True)
    return tabla[_PROPIA[tipo]].astype(str).reset_index(drop=True)


def elementos_del_periodo(libro, periodo, metricas=None) -> pd.DataFrame:
    """Cada elemento activo en P con su dependencia, ``debido``, ``reportado``, ``semaforo`` y ``en_rojo``.

    ``semaforo`` (``critico``, ``en_riesgo``, ``satisfactorio`` o vacío) y ``cumplimiento`` salen de
    ``metricas`` (las de P; se calculan si no se dan); los riesgos no tienen semáforo. ``en_rojo``:
    semáforo ``critico``.
    """
    p = resolver_periodo(periodo, libro.vigencia)
    if metricas is None:
        from .calculo import calcular_metricas

        metricas = calcular_metricas(libro, p)
    return _tipar(_del_periodo(libro, p, metricas))


def _del_periodo(libro, p: pd.Period, metricas) -> pd.DataFrame:
    """:func:`elementos_del_periodo` sin los tipos públicos (texto ``object``), para contar."""
    t = _activos(libro, p)
    partes = []
    for tipo in ("metas", "indicadores", "actividades"):
        tabla = metricas.activos(tipo)
        partes.append(pd.DataFrame({"tipo": tipo, "clave": _claves(tabla, tipo).to_numpy(),
                                    "semaforo": tabla["semaforo"].astype(object).to_numpy(),
                                    "cumplimiento": tabla["cumplimiento"].astype("float64").to_numpy()}))
    sem = pd.concat(partes, ignore_index=True)
    t = t.merge(sem, on=["tipo", "clave"], how="left")
    t["en_rojo"] = (t["semaforo"] == SEMAFOROS[0]).fillna(False).astype(bool)
    return t[[*COLUMNAS, "debido", "reportado", "semaforo", "cumplimiento", "en_rojo"]]


def dependencia_canonica(nombres: pd.Series, dependencias: pd.Series) -> pd.Series:
    """``nombres`` (p. ej. el ``responsable`` de las alertas) escritos como en ``dependencias``; vacío → :data:`SIN_DEPENDENCIA`."""
    limpio = _textos(nombres)
    limpio = limpio.where(limpio.notna(), SIN_DEPENDENCIA)
    conocidas = {normalizar(d): d for d in dependencias.dropna().astype(str)}
    return _por_unicos(limpio, lambda d: conocidas.get(normalizar(d), d))


def estado_dependencias(libro, periodo, metricas=None) -> pd.DataFrame:
    """La tabla ``dependencias`` de la sección 10: una fila por dependencia con algún elemento activo en P.

    Columnas: ``dependencia``, ``periodo`` (``period[M]``), ``debidos``, ``reportados``,
    ``faltantes`` (= debidos − reportados), ``porcentaje_reportado`` (reportados / debidos × 100;
    vacío sin debidos), ``estado_reporte`` (:data:`ESTADOS_REPORTE`: ``sin_reportes`` si no entregó nada de lo
    debido, ``incompleto``, ``completo`` o ``nada_debido``), ``en_rojo`` (elementos activos en semáforo crítico) y ``alertas`` (las del
    periodo cuyo responsable es la dependencia). Ordenada por ``dependencia``.
    """
    p = resolver_periodo(periodo, libro.vigencia)
    if metricas is None:
        from .calculo import calcular_metricas

        metricas = calcular_metricas(libro, p)
    t = _del_periodo(libro, p, metricas)
    t["_reportado"] = t["debido"] & t["reportado"]
    g = t.groupby("dependencia", sort=True)
    out = pd.DataFrame({"debidos": g["debido"].sum(), "reportados": g["_reportado"].sum(), "en_rojo": g["en_rojo"].sum()})
    alertas = getattr(metricas, "alertas", None)
    if alertas is not None and len(alertas):
        por = dependencia_canonica(alertas["responsable"], pd.Series(out.index)).value_counts()
        out["alertas"] = por.reindex(out.index).fillna(0)
    else:
        out["alertas"] = 0
    out = out.astype("int64").reset_index()
    out["faltantes"] = out["debidos"] - out["reportados"]
    out["porcentaje_reportado"] = (100.0 * out["reportados"] / out["debidos"].where(out["debidos"] > 0)).astype("float64")
    out["estado_reporte"] = pd.Categorical(
        [NADA_DEBIDO if d == 0 else COMPLETO if f == 0 else SIN_REPORTES if r == 0 else INCOMPLETO
         for d, r, f in zip(out["debidos"], out["reportados"], out["faltantes"], strict=True)], categories=list(ESTADOS_REPORTE))
    out["periodo"] = pd.Series([p] * len(out), dtype="period[M]")
    out["dependencia"] = out["dependencia"].astype("string")
    return out[COLUMNAS_ESTADO].sort_values("dependencia", kind="stable").reset_index(drop=True)


__all__ = ["COLUMNAS", "COLUMNAS_ESTADO", "COMPLETO", "ESTADOS_REPORTE", "INCOMPLETO", "NADA_DEBIDO", "SIN_DEPENDENCIA",
           "SIN_REPORTES", "TIPOS", "debidos", "dependencia_canonica", "elementos_del_periodo",
           "estado_dependencias", "reportados_en", "responsable_de_riesgos", "responsables"]
