"""La vigencia mes a mes, todos los niveles, en formato largo: :func:`serie_larga`.

Una fila por mes y elemento, de enero a ``hasta``, con las columnas de
``COLUMNAS["serie"]`` (:mod:`.columnas`; ``docs/tablas.md``) y sus tipos: ``periodo``
``period[M]``, ``nivel`` categórico ordenado (:data:`NIVELES`: ``indice`` < ``componente`` <
``objetivo`` < ``proyecto`` < ``meta`` < ``indicador`` < ``actividad`` < ``presupuesto`` <
``riesgo``), los códigos tipados como en :func:`~.tablas.tablas` (``proyecto``, ``meta``,
``objetivo`` ``Int64``; ``indicador``, ``actividad``, ``riesgo`` ``string``), ``clave`` (la
etiqueta legible del elemento, única en su nivel, para pivotar), ``valor`` (cumplimiento; en
``presupuesto``, la ejecución presupuestal), ``semaforo`` (``rojo`` < ``amarillo`` < ``verde``),
``variacion`` (puntos contra el mes anterior del mismo elemento) y ``materializado`` (riesgos).

Cada mes es :func:`~pai_analisis.metricas.calcular_metricas` de ese mes, **con el plan como
estaba ese mes**: un elemento que aún no inicia no tiene fila; uno cerrado sigue con su valor
congelado y ``estado`` ``cerrado``. Nada se calcula aquí salvo la resta de ``variacion``.

Para una tabla ancha (un mes por fila, un elemento por columna)::

    s = serie_larga(libro)
    s[s["nivel"] == "componente"].pivot(index="periodo", columns="clave", values="valor")
    s[s["nivel"] == "meta"].pivot(index="periodo", columns=["proyecto", "meta"], values="valor")
"""

from __future__ import annotations

import pandas as pd

from ..libro.carga import Libro
from ..metricas.calculo import calcular_metricas
from ..metricas.parametros import NOMBRES_COMPONENTES, Parametros, cargar_parametros
from ..metricas.periodo import resolver_periodo, ultimo_reporte
from .columnas import COLUMNAS, NIVELES_SERIE
from .tipos import convertir

NIVELES = NIVELES_SERIE
COLUMNAS_SERIE = tuple(c.nombre for c in COLUMNAS["serie"])


def _codigo(s: pd.Series) -> pd.Series:
    return s.astype("Int64").astype(str)


def _filas_mes(m, par: Parametros) -> pd.DataFrame:
    """Las filas de un mes (:class:`~pai_analisis.metricas.Metricas`), en el orden de :data:`NIVELES`."""
    comp = [m.componentes.get(c) for c in NOMBRES_COMPONENTES]
    cabeza = pd.DataFrame({
        "nivel": ["indice", *["componente"] * len(comp)],
        "clave": ["indice_pai", *NOMBRES_COMPONENTES],
        "nombre": ["Índice PAI", *NOMBRES_COMPONENTES.values()],
        "componente": [None, *NOMBRES_COMPONENTES],
        "valor": [m.indice_pai, *comp],
        "semaforo": [m.semaforo_indice, *par.semaforo(comp)],
    })
    o, p, me, i, a, r = m.objetivos, m.proyectos, m.metas, m.indicadores, m.actividades, m.riesgos
    partes = [
        cabeza,
        o.assign(nivel="objetivo", clave=_codigo(o["objetivo"]), valor=o["cumplimiento"]),
        p.assign(nivel="proyecto", clave=_codigo(p["proyecto"]), componente="proyectos_inversion", valor=p["cumplimiento"]),
        me.assign(nivel="meta", clave=_codigo(me["proyecto"]) + "-" + _codigo(me["meta"]), componente="proyectos_inversion",
                  valor=me["cumplimiento"]),
        i.assign(nivel="indicador", clave=i["indicador"], componente="indicadores_gestion", valor=i["cumplimiento"]),
        a.assign(nivel="actividad", clave=a["actividad"], componente="plan_accion_integrado", valor=a["cumplimiento"]),
        p.assign(nivel="presupuesto", clave=_codigo(p["proyecto"]),
                 valor=p["ejecucion_presupuestal"] if "ejecucion_presupuestal" in p else float("nan")).drop(columns="semaforo"),
        r.assign(nivel="riesgo", clave=r["riesgo"], nombre=r["descripcion"], valor=float("nan")),
    ]
    columnas = [c for c in COLUMNAS_SERIE if c not in ("periodo", "variacion")]
    t = pd.concat([x.reindex(columns=columnas).astype(object) for x in partes], ignore_index=True)
    t.insert(0, "periodo", m.periodo)
    return t


def _vacia() -> pd.DataFrame:
    return pd.DataFrame({c.nombre: pd.Series(dtype=c.dtype) for c in COLUMNAS["serie"]})


def serie_larga(libro: Libro, hasta=None, parametros: Parametros | None = None, *, memoria: dict | None = None) -> pd.DataFrame:
    """Todos los niveles mes a mes, de enero a ``hasta``, en formato largo y con tipos (ver el módulo).

    ``hasta``: ``"AAAA-MM"`` (o una fecha) de la vigencia del libro; ``None``: el último mes con
    algún reporte. Un libro sin ningún reporte y sin ``hasta`` da una tabla vacía con las mismas
    columnas y tipos. ``parametros`` como en :func:`~pai_analisis.metricas.calcular_metricas`.
    ``memoria``: se pasa tal cual a ``calcular_metricas`` (``None``: una nueva para esta llamada,
    así cada mes se calcula una sola vez).
    """
    par = parametros or cargar_parametros()
    p = resolver_periodo(hasta, libro.vigencia) if hasta is not None else ultimo_reporte(libro)
    if p is None:
        return _vacia()
    memoria = {} if memoria is None else memoria
    meses = pd.period_range(pd.Period(year=p.year, month=1, freq="M"), p, freq="M")
    crudo = pd.concat([_filas_mes(calcular_metricas(libro, mes, par, memoria=memoria), par) for mes in meses], ignore_index=True)
    datos = {}
    for col in COLUMNAS["serie"]:
        if col.nombre == "periodo":
            datos["periodo"] = pd.Series(pd.PeriodIndex(crudo["periodo"].to_numpy(), freq="M"))
        elif col.nombre == "variacion":
            continue
        else:
            datos[col.nombre] = convertir(crudo[col.nombre], col)
    serie = pd.DataFrame(datos)
    previo = serie[["nivel", "clave", "periodo", "valor"]].assign(periodo=serie["periodo"] + 1)
    anterior = serie[["nivel", "clave", "periodo"]].merge(previo, on=["nivel", "clave", "periodo"], how="left")["valor"]
    serie.insert(serie.columns.get_loc("semaforo") + 1, "variacion", (serie["valor"] - anterior.to_numpy()).astype("float64"))
    return serie
