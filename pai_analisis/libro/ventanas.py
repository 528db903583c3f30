"""Ventanas de vigencia (sección 6.1 y 6.4): cuándo pertenece al plan cada proyecto, meta, indicador y actividad.

``vigente_desde`` y ``vigente_hasta`` son meses ``AAAA-MM`` inclusivos y opcionales. Esta etapa
las **resuelve** una sola vez, al cargar el libro, para que todo lo demás las lea completas:

* en blanco, la ventana es toda la vigencia (enero a diciembre);
* una meta con la ventana en blanco toma la de su proyecto (cada extremo por separado);
* una fila de ``armonizacion`` (``proyecto_anterior`` → ``proyecto_nuevo`` desde ``periodo``)
  completa lo que falte: el anterior vive hasta el mes previo a ``periodo`` y el nuevo desde
  ``periodo``. Si el libro ya trae esos meses y no concuerdan, la validación lo dice.

El estado de un elemento en un periodo (activo, no iniciado, cerrado) se decide con estas
ventanas en :mod:`pai_analisis.metricas.ventanas`.
"""

from __future__ import annotations

import pandas as pd

from .esquema import CON_VENTANA


def _mes(vigencia: int, mes: int) -> pd.Period:
    return pd.Period(year=vigencia, month=mes, freq="M")


def _columna(tabla: pd.DataFrame, nombre: str) -> pd.Series:
    if nombre in tabla:
        return pd.Series(tabla[nombre].array, index=tabla.index, dtype="period[M]")
    return pd.Series(pd.NaT, index=tabla.index, dtype="period[M]")


def resolver_ventanas(tablas: dict[str, pd.DataFrame], vigencia: int) -> dict[str, pd.DataFrame]:
    """Copias de las tablas con ventana, con ``vigente_desde``/``vigente_hasta`` completas (``Period[M]``).

    Las columnas ``ventana_declarada`` (bool) dicen si el libro traía algún extremo escrito.
    """
    enero, diciembre = _mes(vigencia, 1), _mes(vigencia, 12)
    salida = {h: tablas[h].copy() for h in CON_VENTANA}
    pr = salida["proyectos"]
    desde, hasta = _columna(pr, "vigente_desde"), _columna(pr, "vigente_hasta")
    arm = tablas.get("armonizacion")
    if arm is not None and len(arm):
        validas = arm.dropna(subset=["proyecto_anterior", "proyecto_nuevo", "periodo"])
        cierre = validas.groupby("proyecto_anterior")["periodo"].min() - 1
        inicio = validas.groupby("proyecto_nuevo")["periodo"].min()
        claves = pr["proyecto"].to_numpy()
        hasta = hasta.fillna(pd.Series(cierre.reindex(claves).array, index=pr.index, dtype="period[M]"))
        desde = desde.fillna(pd.Series(inicio.reindex(claves).array, index=pr.index, dtype="period[M]"))
    for nombre, tabla in salida.items():
        d, h = (desde, hasta) if nombre == "proyectos" else (_columna(tabla, "vigente_desde"), _columna(tabla, "vigente_hasta"))
        tabla["ventana_declarada"] = _columna(tabla, "vigente_desde").notna() | _columna(tabla, "vigente_hasta").notna()
        if nombre == "metas":  # cada extremo en blanco, el del proyecto
            unicos = ~pr["proyecto"].duplicated().to_numpy()
            indice = pd.Index(pr["proyecto"].to_numpy()[unicos])
            de_proyecto_d = pd.Series(desde.array[unicos], index=indice, dtype="period[M]")
            de_proyecto_h = pd.Series(hasta.array[unicos], index=indice, dtype="period[M]")
            claves = tabla["proyecto"].to_numpy()
            d = d.fillna(pd.Series(de_proyecto_d.reindex(claves).array, index=tabla.index, dtype="period[M]"))
            h = h.fillna(pd.Series(de_proyecto_h.reindex(claves).array, index=tabla.index, dtype="period[M]"))
        tabla["vigente_desde"] = d.fillna(enero).astype("period[M]")
        tabla["vigente_hasta"] = h.fillna(diciembre).astype("period[M]")
    return {**tablas, **salida}
