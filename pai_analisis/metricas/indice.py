"""Componentes, índice PAI y objetivos estratégicos (sección 3.5).

* ``proyectos_inversion``: media del cumplimiento (acotado) de los proyectos;
* ``indicadores_gestion``: media del cumplimiento acotado de los indicadores vencidos
  (los vencidos sin reporte cuentan 0);
* ``plan_accion_integrado``: media del cumplimiento acotado de las actividades definidas.

``indice_pai`` es la media ponderada de los tres, con los pesos renormalizados sobre los
componentes que tienen al menos un valor definido. El cumplimiento de cada objetivo es la
media de los valores acotados de sus metas, indicadores y actividades.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..comun.faltantes import es_faltante


def _media(serie: pd.Series) -> float | None:
    s = serie.dropna()
    return float(s.clip(0, 100).mean()) if len(s) else None


def componentes(proyectos: pd.DataFrame, indicadores: pd.DataFrame, actividades: pd.DataFrame) -> dict[str, float | None]:
    return {
        "proyectos_inversion": _media(proyectos["cumplimiento"]),
        "indicadores_gestion": _media(indicadores["cumplimiento_tope"]),
        "plan_accion_integrado": _media(actividades["cumplimiento_tope"]),
    }


def indice_pai(comp: dict[str, float | None], pesos: dict[str, float]) -> float | None:
    """Media ponderada renormalizada sobre los componentes con valor; ``None`` si ninguno tiene."""
    definidos = {c: v for c, v in comp.items() if not es_faltante(v)}
    peso = sum(pesos.get(c, 0.0) for c in definidos)
    if not definidos or peso <= 0:
        return None
    return sum(pesos.get(c, 0.0) * v for c, v in definidos.items()) / peso


def calcular_objetivos(
    objetivos: pd.DataFrame, metas: pd.DataFrame, indicadores: pd.DataFrame, actividades: pd.DataFrame
) -> pd.DataFrame:
    """Cumplimiento de cada objetivo con el número de elementos de cada tipo que lo sostienen."""
    partes = [
        pd.DataFrame({"objetivo": metas["objetivo"], "valor": metas["cumplimiento_tope"], "tipo": "metas"}),
        pd.DataFrame({"objetivo": indicadores["objetivo"], "valor": indicadores["cumplimiento_tope"], "tipo": "indicadores"}),
        pd.DataFrame({"objetivo": actividades["objetivo"], "valor": actividades["cumplimiento_tope"], "tipo": "actividades"}),
    ]
    todo = pd.concat(partes, ignore_index=True)
    todo["objetivo"] = todo["objetivo"].astype("Int64")
    cumpl = todo.dropna(subset=["valor"]).groupby("objetivo")["valor"].mean()
    conteo = todo.pivot_table(index="objetivo", columns="tipo", values="valor", aggfunc="size", fill_value=0)
    conteo = conteo.reindex(columns=["metas", "indicadores", "actividades"], fill_value=0).add_prefix("n_")
    out = objetivos.set_index("objetivo")[["nombre"]].join(cumpl.rename("cumplimiento")).join(conteo)
    for c in ("n_metas", "n_indicadores", "n_actividades"):
        out[c] = out[c].fillna(0).astype(int)
    return out.reset_index().sort_values("objetivo").reset_index(drop=True)


def proyectar_indice(serie: list[dict], mes: int, pesos: dict) -> dict:
    """Proyección a diciembre de cada componente y del índice, por tendencia lineal.

    Con los valores de los últimos tres meses (P−2, P−1, P) se ajusta una recta por mínimos
    cuadrados y se prolonga hasta diciembre; el resultado se acota a [0, 100]. **Con menos de
    tres meses no hay proyección** (``None``, y ``metodo`` lo dice): una recta por uno o dos puntos
    no dice hacia dónde va el año. El índice proyectado combina los componentes proyectados con
    los pesos de los parámetros. (Proyectar el índice «al ritmo del año» daría siempre el índice
    actual, porque el cumplimiento ya es ejecutado sobre programado a la fecha; la tendencia
    reciente sí dice hacia dónde va.)
    """
    if mes < 3 or len(serie) < 3:
        return {
            "indice_pai": None,
            "componentes": {c: None for c in serie[-1]},
            "metodo": "sin proyección: con menos de tres meses de la vigencia no hay una tendencia que prolongar",
        }
    comp = {}
    for c in serie[-1]:
        valores = [(i, s[c]) for i, s in enumerate(serie) if not es_faltante(s.get(c))]
        if len(valores) < 3:
            comp[c] = None
            continue
        x = np.array([i for i, _ in valores], dtype=float)
        y = np.array([v for _, v in valores], dtype=float)
        pendiente = float(np.polyfit(x, y, 1)[0])
        comp[c] = float(np.clip(y[-1] + pendiente * (12 - mes), 0, 100))
    return {
        "indice_pai": _redondear(indice_pai(comp, pesos)),
        "componentes": {k: _redondear(v) for k, v in comp.items()},
        "metodo": "tendencia lineal de los últimos tres meses, prolongada a diciembre y acotada a [0, 100]",
    }


def _redondear(x) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), 6)
