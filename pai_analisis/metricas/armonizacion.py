"""Armonización (sección 6.4): qué proyecto nuevo continúa a cuál anterior, desde qué mes y con cuánto dinero.

Por cada fila de ``armonizacion`` con ``periodo`` ≤ P (antes de ese mes no se muestra):

* ``reduccion``: lo que salió del proyecto anterior con la armonización, **el mismo dinero que
  la tabla de modificaciones llama «traslado por armonización»**: las reducciones de su
  apropiación en el mes de la armonización y en el anterior (la entidad suele registrarla en el
  último mes del plan viejo). ``apropiacion_anterior_antes`` y ``apropiacion_anterior_despues``
  son su apropiación antes y después de esos traslados. Sin traslado, el último corte antes de
  ``periodo`` y el primero desde ``periodo``, y su diferencia.
* ``apropiacion_inicial_nuevo``: la apropiación del primer corte del proyecto nuevo.
* ``traslado``: lo que pasó de ese anterior a ese nuevo, despejado de las cifras de los proyectos
  (ver :func:`repartir`). En un reparto (7868 → 8094 y 8112) cada fila tiene su parte.

Las cifras de un proyecto (su reducción, su apropiación inicial) se muestran **una sola vez**, en
la primera fila donde aparece ese proyecto; en las demás quedan vacías. Así la suma de cada
columna cuenta cada peso una vez (antes, un proyecto repartido en dos contaba dos veces su
reducción). La decisión está en ``docs/metodologia.md`` («Armonización»).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .periodo import hasta_periodo
from .presupuesto import TIPOS_MODIFICACION, modificaciones

COLUMNAS = ["proyecto_anterior", "nombre_anterior", "proyecto_nuevo", "nombre_nuevo", "periodo",
            "apropiacion_anterior_antes", "apropiacion_anterior_despues", "reduccion", "apropiacion_inicial_nuevo",
            "traslado", "observaciones"]
_TRASLADO = TIPOS_MODIFICACION[2]


def repartir(pares: list[tuple[int, int]], salio: dict[int, float], entro: dict[int, float]) -> dict[tuple[int, int], float]:
    """Lo que pasó por cada par (anterior, nuevo), despejado hoja por hoja.

    Un anterior con un solo par sin despejar le pasa lo que le queda de su reducción (``salio``);
    luego, un nuevo con un solo par sin despejar recibe por él lo que le queda de su apropiación
    inicial (``entro``); se repite hasta que no quede nada que despejar. Los pares que forman un
    ciclo (A y B pasan ambos a C y a D) no se pueden despejar con las cifras del libro: quedan
    fuera del resultado. Un monto desconocido (``None``) deja sin despejar sus pares.
    """
    libres = set(pares)
    hecho: dict[tuple[int, int], float] = {}
    cambio = True
    while libres and cambio:
        cambio = False
        for lado, montos in ((0, salio), (1, entro)):
            for nodo in sorted({p[lado] for p in libres}):
                suyos = [p for p in libres if p[lado] == nodo]
                if len(suyos) != 1 or montos.get(nodo) is None:
                    continue
                ya = sum(v for p, v in hecho.items() if p[lado] == nodo)
                hecho[suyos[0]] = round(montos[nodo] - ya, 6)
                libres.discard(suyos[0])
                cambio = True
            if cambio:
                break  # primero se agotan los anteriores: lo que salió manda sobre lo que entró
    return hecho


def _salida(cortes: pd.DataFrame, traslados: pd.DataFrame, proyecto: int, periodo: pd.Period) -> tuple:
    """(antes, después, reducción) del anterior: por sus traslados de ``periodo − 1`` y ``periodo``, o por sus cortes."""
    propios = traslados[(traslados["proyecto"] == proyecto) & traslados["periodo"].isin([str(periodo - 1), str(periodo)])]
    if len(propios):
        return float(propios["anterior"].iloc[0]), float(propios["nueva"].iloc[-1]), float(-propios["monto"].sum())
    viejo = cortes[cortes["proyecto"] == proyecto]
    antes = viejo[viejo["periodo"] < periodo]["apropiacion"]
    despues = viejo[viejo["periodo"] >= periodo]["apropiacion"]
    a = float(antes.iloc[-1]) if len(antes) else None
    d = float(despues.iloc[0]) if len(despues) else None
    return a, d, (a - d if a is not None and d is not None else None)


def calcular_armonizacion(proyectos: pd.DataFrame, presupuesto: pd.DataFrame, armonizacion: pd.DataFrame | None,
                          periodo: pd.Period) -> pd.DataFrame:
    """Una fila por par anterior → nuevo que ya rige en ``periodo`` (ver el docstring del módulo)."""
    if armonizacion is None or armonizacion.empty:
        return pd.DataFrame(columns=COLUMNAS)
    a = armonizacion.dropna(subset=["proyecto_anterior", "proyecto_nuevo", "periodo"])
    a = a[a["periodo"] <= periodo].sort_values(["periodo", "proyecto_anterior", "proyecto_nuevo"])
    if a.empty:
        return pd.DataFrame(columns=COLUMNAS)
    cortes = hasta_periodo(presupuesto, periodo).sort_values("periodo", kind="stable")
    mods = modificaciones(proyectos, presupuesto, periodo, armonizacion)
    traslados = mods[mods["tipo"] == _TRASLADO] if len(mods) else mods
    nombres = proyectos.drop_duplicates("proyecto").set_index("proyecto")["nombre"]
    filas = []
    for r in a.itertuples():
        antes, despues, reduccion = _salida(cortes, traslados, r.proyecto_anterior, r.periodo)
        nuevo = cortes[cortes["proyecto"] == r.proyecto_nuevo]["apropiacion"]
        obs = getattr(r, "observaciones", None)
        filas.append({
            "proyecto_anterior": int(r.proyecto_anterior), "nombre_anterior": nombres.get(r.proyecto_anterior),
            "proyecto_nuevo": int(r.proyecto_nuevo), "nombre_nuevo": nombres.get(r.proyecto_nuevo), "periodo": str(r.periodo),
            "apropiacion_anterior_antes": antes, "apropiacion_anterior_despues": despues, "reduccion": reduccion,
            "apropiacion_inicial_nuevo": float(nuevo.iloc[0]) if len(nuevo) else None,
            "observaciones": None if obs is None or pd.isna(obs) else str(obs),
        })
    t = pd.DataFrame(filas, columns=COLUMNAS)
    pares = list(zip(t["proyecto_anterior"], t["proyecto_nuevo"], strict=True))
    salio = {p: (None if pd.isna(v) else float(v)) for p, v in zip(t["proyecto_anterior"], t["reduccion"], strict=True)}
    entro = {p: (None if pd.isna(v) else float(v)) for p, v in zip(t["proyecto_nuevo"], t["apropiacion_inicial_nuevo"], strict=True)}
    hecho = repartir(pares, salio, entro)
    t["traslado"] = [hecho.get(p, np.nan) for p in pares]
    # las cifras de cada proyecto, una sola vez: en la primera fila donde aparece
    otra_vez = t["proyecto_anterior"].duplicated()
    t.loc[otra_vez, ["apropiacion_anterior_antes", "apropiacion_anterior_despues", "reduccion"]] = np.nan
    t.loc[t["proyecto_nuevo"].duplicated(), "apropiacion_inicial_nuevo"] = np.nan
    return t


def resumen_armonizacion(tabla: pd.DataFrame) -> dict:
    """Totales de la entidad: lo que redujeron los anteriores, con lo que empezaron los nuevos y lo que pasó por los pares."""
    if tabla.empty:
        return {"pares": 0, "reduccion_anteriores": 0.0, "inicial_nuevos": 0.0, "trasladado": 0.0}
    return {"pares": int(len(tabla)), "reduccion_anteriores": float(tabla["reduccion"].sum()),
            "inicial_nuevos": float(tabla["apropiacion_inicial_nuevo"].sum()), "trasladado": float(tabla["traslado"].sum())}
