"""Armonización (sección 6.4): qué proyecto nuevo continúa a cuál anterior, desde qué mes y con cuánto dinero.

Por cada fila de ``armonizacion`` con ``periodo`` ≤ P (antes de ese mes no se muestra):

* ``apropiacion_anterior_antes``: la apropiación del proyecto anterior en su último corte antes
  de la armonización (``periodo − 1`` o antes);
* ``apropiacion_anterior_despues``: la de su corte en el mes de la armonización (o después, el
  primero que haya); su diferencia con la anterior es ``reduccion``, el dinero que salió;
* ``apropiacion_inicial_nuevo``: la apropiación del primer corte del proyecto nuevo, el dinero
  con que empezó.

Si un proyecto anterior pasa a varios nuevos (o varios a uno), cada fila repite la reducción
del anterior y la apropiación inicial del nuevo: la tabla dice qué se movió, no inventa un
reparto. El resumen de la entidad suma cada proyecto una sola vez.
"""

from __future__ import annotations

import pandas as pd

from .periodo import hasta_periodo

COLUMNAS = ["proyecto_anterior", "nombre_anterior", "proyecto_nuevo", "nombre_nuevo", "periodo",
            "apropiacion_anterior_antes", "apropiacion_anterior_despues", "reduccion", "apropiacion_inicial_nuevo", "observaciones"]


def calcular_armonizacion(proyectos: pd.DataFrame, presupuesto: pd.DataFrame, armonizacion: pd.DataFrame | None,
                          periodo: pd.Period) -> pd.DataFrame:
    """Una fila por par anterior → nuevo que ya rige en ``periodo`` (ver el docstring del módulo)."""
    if armonizacion is None or armonizacion.empty:
        return pd.DataFrame(columns=COLUMNAS)
    a = armonizacion.dropna(subset=["proyecto_anterior", "proyecto_nuevo", "periodo"])
    a = a[a["periodo"] <= periodo]
    if a.empty:
        return pd.DataFrame(columns=COLUMNAS)
    cortes = hasta_periodo(presupuesto, periodo).sort_values("periodo", kind="stable")
    nombres = proyectos.drop_duplicates("proyecto").set_index("proyecto")["nombre"]
    filas = []
    for r in a.sort_values(["periodo", "proyecto_anterior", "proyecto_nuevo"]).itertuples():
        viejo = cortes[cortes["proyecto"] == r.proyecto_anterior]
        antes = viejo[viejo["periodo"] < r.periodo]["apropiacion"]
        despues = viejo[viejo["periodo"] >= r.periodo]["apropiacion"]
        nuevo = cortes[cortes["proyecto"] == r.proyecto_nuevo]["apropiacion"]
        a_antes = float(antes.iloc[-1]) if len(antes) else None
        a_despues = float(despues.iloc[0]) if len(despues) else None
        obs = getattr(r, "observaciones", None)
        filas.append({
            "proyecto_anterior": int(r.proyecto_anterior), "nombre_anterior": nombres.get(r.proyecto_anterior),
            "proyecto_nuevo": int(r.proyecto_nuevo), "nombre_nuevo": nombres.get(r.proyecto_nuevo), "periodo": str(r.periodo),
            "apropiacion_anterior_antes": a_antes, "apropiacion_anterior_despues": a_despues,
            "reduccion": a_antes - a_despues if a_antes is not None and a_despues is not None else None,
            "apropiacion_inicial_nuevo": float(nuevo.iloc[0]) if len(nuevo) else None,
            "observaciones": None if obs is None or pd.isna(obs) else str(obs),
        })
    return pd.DataFrame(filas, columns=COLUMNAS)


def resumen_armonizacion(tabla: pd.DataFrame) -> dict:
    """Totales de la entidad: lo que redujeron los proyectos anteriores y con lo que empezaron los nuevos (cada uno una vez)."""
    if tabla.empty:
        return {"pares": 0, "reduccion_anteriores": 0.0, "inicial_nuevos": 0.0}
    reduccion = tabla.drop_duplicates("proyecto_anterior")["reduccion"].dropna().sum()
    inicial = tabla.drop_duplicates("proyecto_nuevo")["apropiacion_inicial_nuevo"].dropna().sum()
    return {"pares": int(len(tabla)), "reduccion_anteriores": float(reduccion), "inicial_nuevos": float(inicial)}
