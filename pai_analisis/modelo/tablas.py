"""``tablas(metricas)``: las tablas tipadas de un periodo (sección 8.4), una por nivel, más ``dimensiones``.

Cada tabla tiene exactamente las columnas de :data:`~.columnas.COLUMNAS`, en ese orden y con esos
dtypes (códigos ``Int64``, meses ``period[M]``, texto ``string``, semáforo categórico ordenado
``rojo`` < ``amarillo`` < ``verde``), y lleva la columna ``periodo`` (el mes publicado). Nada se
calcula aquí: las cifras son las de :class:`~pai_analisis.metricas.Metricas`; el modelo solo
elige, renombra y tipa. De estas tablas salen los CSV de datos abiertos, el Parquet, las hojas del
Excel y las tablas de los cuadernos.

Renombres frente a ``Metricas``: en ``presupuesto`` el mes del corte es ``corte`` (en
``Metricas.presupuesto_mensual`` es ``periodo``); en ``modificaciones``, ``armonizacion`` y
``reprogramaciones`` el mes del cambio es ``mes``; ``peso_presupuestal`` de las alertas va en
% (0–100, como todo porcentaje) y no como fracción.
"""

from __future__ import annotations

import pandas as pd

from .columnas import COLUMNAS, TABLAS, columnas_de
from .tipos import convertir

# qué es cada tabla: su título y qué es una fila (datapackage.json, docs/tablas.md)
TITULOS = {
    "objetivos": ("Objetivos estratégicos", "Una fila por objetivo estratégico, con su cumplimiento en el periodo."),
    "proyectos": ("Proyectos de inversión", "Una fila por proyecto iniciado hasta el periodo (activo o cerrado), con su avance "
                  "físico, su cumplimiento y su presupuesto al último corte."),
    "metas": ("Metas de los proyectos", "Una fila por meta iniciada hasta el periodo, con lo programado, lo ejecutado y sus avances."),
    "presupuesto": ("Cortes presupuestales", "Una fila por corte presupuestal de cada proyecto, de enero al periodo, con el "
                    "movimiento del mes (sección 8.1)."),
    "indicadores": ("Indicadores de gestión", "Una fila por indicador iniciado, con su resultado acumulado y su cumplimiento."),
    "actividades": ("Actividades del plan de acción integrado", "Una fila por actividad iniciada (Decreto 612 de 2018)."),
    "riesgos": ("Mapa de riesgos", "Una fila por riesgo, con sus zonas inherente y residual (DAFP v5) y si se materializó."),
    "alertas": ("Alertas del periodo", "Una fila por alerta: qué mirar primero, de la más grave a la menos."),
    "dependencias": ("Reportes por dependencia", "Una fila por dependencia con algún elemento activo en el periodo: lo que "
                     "debía reportar del mes, lo que reportó, lo que falta, sus elementos en rojo y sus alertas (sección 10)."),
    "dimensiones": ("Dimensiones", "Una fila por código del periodo (objetivo, proyecto, meta, indicador, actividad, riesgo) "
                    "con su nombre, objetivo, componente, proceso y responsable: la tabla para unir."),
    "modificaciones": ("Modificaciones presupuestales", "Una fila por cambio de la apropiación entre cortes consecutivos (sección 6.3)."),
    "armonizacion": ("Armonización", "Una fila por par de proyectos: el anterior y el nuevo que lo continúa (sección 6.4)."),
    "reprogramaciones": ("Reprogramaciones", "Una fila por cambio de la meta anual de una meta (sección 6.2)."),
    "serie": ("Serie mes a mes", "serie_larga(libro, hasta): una fila por mes y elemento de cada nivel, de enero a hasta."),
}

# la clave de cada tabla: sus valores no se repiten en un periodo (el datapackage.json la declara y frictionless la verifica)
CLAVES = {"objetivos": ("objetivo",), "proyectos": ("proyecto",), "metas": ("proyecto", "meta"), "presupuesto": ("proyecto", "corte"),
          "indicadores": ("indicador",), "actividades": ("actividad",), "riesgos": ("riesgo",), "dependencias": ("dependencia",),
          "dimensiones": ("nivel", "clave"),
          "serie": ("periodo", "nivel", "clave")}


def tipar(df: pd.DataFrame, tabla: str, periodo) -> pd.DataFrame:
    """``df`` con las columnas de ``tabla`` (en su orden y con su dtype); ``periodo`` llena la columna ``periodo``.

    Una columna de ``df`` que no está en el diccionario no pasa (el modelo es lo documentado). Una
    columna del diccionario que falta en un ``df`` con filas es un defecto del programa (p. ej. una
    columna que cambió de nombre en ``metricas/``) y falla aquí en vez de salir vacía; en una tabla
    sin filas (un año sin reprogramaciones) se crea vacía con su tipo.
    """
    n = len(df)
    faltan = [c.nombre for c in columnas_de(tabla) if c.nombre not in df and not (c.nombre == "periodo" and periodo is not None)]
    if n and faltan:
        raise ValueError(f"tabla «{tabla}»: a las métricas les faltan las columnas {faltan} del diccionario de datos")
    datos = {}
    for col in columnas_de(tabla):
        if col.nombre == "periodo" and periodo is not None:
            serie = pd.Series([pd.Period(periodo, freq="M")] * n, index=df.index, dtype="period[M]")
        elif col.nombre in df:
            serie = df[col.nombre]
        else:
            serie = pd.Series([None] * n, index=df.index, dtype=object)
        datos[col.nombre] = convertir(serie, col)
    return pd.DataFrame(datos, index=df.index).reset_index(drop=True)


def _nombres_de_proyectos(m) -> pd.DataFrame:
    return m.proyectos[["proyecto", "nombre", "objetivo"]].drop_duplicates("proyecto")


def _presupuesto(m) -> pd.DataFrame:
    cortes = m.presupuesto_mensual
    if cortes is None or not len(cortes):
        return pd.DataFrame(columns=["proyecto"])
    t = cortes.rename(columns={"periodo": "corte"}).merge(_nombres_de_proyectos(m), on="proyecto", how="left")
    if m.presupuesto is not None and len(m.presupuesto):  # lo del proyecto que no cambia de corte a corte
        t = t.merge(m.presupuesto[["proyecto", "presupuesto_programado", "apropiacion_inicial"]], on="proyecto", how="left")
    return t.sort_values(["proyecto", "corte"], kind="stable")


def _alertas(m) -> pd.DataFrame:
    a = m.alertas.copy()
    if "peso_presupuestal" in a:
        a["peso_presupuestal"] = a["peso_presupuestal"] * 100  # fracción → % (0–100), como todo porcentaje del modelo
    return a


def _cambios(df: pd.DataFrame) -> pd.DataFrame:
    return df.rename(columns={"periodo": "mes"}) if df is not None else pd.DataFrame()


def _dimensiones(m) -> pd.DataFrame:
    """Cada código del periodo con su nombre, objetivo, componente, proceso y responsable."""
    obj = m.objetivos.set_index("objetivo")["nombre"]
    partes = [
        m.objetivos.assign(nivel="objetivo", clave=m.objetivos["objetivo"].astype(str)),
        m.proyectos.assign(nivel="proyecto", clave=m.proyectos["proyecto"].astype(str), componente="proyectos_inversion"),
        m.metas.assign(nivel="meta", clave=m.metas["proyecto"].astype(str) + "-" + m.metas["meta"].astype(str),
                       componente="proyectos_inversion"),
        m.indicadores.assign(nivel="indicador", clave=m.indicadores["indicador"], componente="indicadores_gestion"),
        m.actividades.assign(nivel="actividad", clave=m.actividades["actividad"], componente="plan_accion_integrado",
                             proceso=m.actividades["plan"], responsable=m.actividades["dependencia"]),
        m.riesgos.assign(nivel="riesgo", clave=m.riesgos["riesgo"], nombre=m.riesgos["descripcion"]),
    ]
    nombres = [c.nombre for c in COLUMNAS["dimensiones"]]
    t = pd.concat([p[[c for c in nombres if c in p]].astype(object) for p in partes], ignore_index=True)
    t["nombre_objetivo"] = t["objetivo"].map(lambda k: obj.get(k) if pd.notna(k) else None)
    return t


def tablas(metricas) -> dict[str, pd.DataFrame]:
    """Las tablas tipadas del periodo de ``metricas`` (:class:`~pai_analisis.metricas.Metricas`).

    Claves, en orden: ``objetivos``, ``proyectos``, ``metas``, ``presupuesto`` (un corte por fila,
    con su movimiento del mes), ``indicadores``, ``actividades``, ``riesgos``, ``alertas``,
    ``dependencias`` (sección 10: por dependencia, lo debido, reportado, faltante y en rojo) (las nueve de
    los datos abiertos), ``dimensiones`` (cada código con su nombre, objetivo, componente, proceso y
    responsable, para unir), ``modificaciones``, ``armonizacion`` y ``reprogramaciones``.
    Columnas, tipos, unidades y significado: ``docs/tablas.md``. Ejemplo::

        t = pai.tablas(pai.calcular_metricas(libro, "2024-06"))
        t["metas"].sort_values("semaforo")           # rojo primero
        t["metas"].merge(t["dimensiones"].query("nivel == 'proyecto'")[["proyecto", "responsable"]], on="proyecto")
    """
    m, p = metricas, metricas.periodo
    fuentes = {
        "objetivos": m.objetivos,
        "proyectos": m.proyectos,
        "metas": m.metas,
        "presupuesto": _presupuesto(m),
        "indicadores": m.indicadores,
        "actividades": m.actividades,
        "riesgos": m.riesgos,
        "alertas": _alertas(m),
        "dependencias": m.dependencias,
        "dimensiones": _dimensiones(m),
        "modificaciones": _cambios(m.modificaciones),
        "armonizacion": _cambios(m.armonizacion),
        "reprogramaciones": _cambios(m.reprogramaciones),
    }
    return {nombre: tipar(fuentes[nombre], nombre, p) for nombre in TABLAS}
