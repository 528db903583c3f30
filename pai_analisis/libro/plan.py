"""El plan 2024 incorporado: las tablas de plan leídas de ``datos/plan_2024/*.csv``.

Las cifras vienen de la presentación del PAI 2024 de la Secretaría General. Lo que la fuente
no dice (a qué objetivo sirve cada proyecto, indicador o actividad; descripciones,
probabilidades, impactos y controles de los riesgos) es un supuesto razonado, marcado
en la columna ``supuesto`` de cada CSV y documentado en ``docs/plan_2024.md``: la
Oficina Asesora de Planeación puede editar esos CSV sin tocar el código.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd

HOJAS_PLAN = (
    "objetivos",
    "proyectos",
    "metas",
    "indicadores",
    "actividades",
    "riesgos",
    "controles",
)


@lru_cache(maxsize=1)
def _leer_csv(hoja: str) -> pd.DataFrame:
    ruta = resources.files("pai_analisis.libro") / "datos" / "plan_2024" / f"{hoja}.csv"
    with ruta.open("r", encoding="utf-8") as f:
        return pd.read_csv(f, dtype=object, keep_default_na=False, na_values=[""])


def tablas_plan_2024() -> dict[str, pd.DataFrame]:
    """Devuelve una copia de cada tabla del plan 2024, sin tipar (texto tal cual el CSV)."""
    return {hoja: _leer_csv(hoja).copy() for hoja in HOJAS_PLAN}
