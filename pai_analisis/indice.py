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

import pandas as pd


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
    definidos = {c: v for c, v in comp.items() if v is not None and not math.isnan(v)}
    peso = sum(pesos.get(c, 0.0) for c in definidos)
    if not definidos or peso <= 0:
        return None
    return sum(pesos.get(c, 0.0) * v for c, v in definidos.items()) / peso


def calcular_objetivos(objetivos: pd.DataFrame, metas: pd.DataFrame, indicadores: pd.DataFrame, actividades: pd.DataFrame) -> pd.DataFrame:
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

