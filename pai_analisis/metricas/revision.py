"""Qué cambió entre dos versiones publicadas de un periodo (sección 7.3), sobre su ``metricas.json``.

Se comparan las cifras de cabecera: el índice PAI, los tres componentes y el ``cumplimiento`` de
cada proyecto, meta, indicador y actividad. Entra a la lista todo lo que se movió 0,1 puntos o
más, lo que apareció o desapareció, y el cambio de estado del periodo (preliminar → completo).
"""

from __future__ import annotations

import pandas as pd

UMBRAL = 0.1  # puntos
_NIVELES = (("proyectos", "proyecto", ("proyecto",)), ("metas", "meta", ("proyecto", "meta")),
            ("indicadores", "indicador", ("indicador",)), ("actividades", "actividad", ("actividad",)))
COLUMNAS = ["nivel", "clave", "nombre", "antes", "despues", "diferencia"]


def _diferencia(antes, despues) -> float | None:
    if antes is None and despues is None:
        return None
    if antes is None or despues is None:
        return float("nan")  # apareció o dejó de tener valor
    return despues - antes


def comparar(anterior: dict, nuevo: dict, umbral: float = UMBRAL) -> pd.DataFrame:
    """Los cambios de ``anterior`` a ``nuevo`` (dos objetos JSON de ``Metricas.a_dict()``), en orden de lectura."""
    filas = []

    def agregar(nivel, clave, nombre, antes, despues):
        d = _diferencia(antes, despues)
        if d is not None and (d != d or abs(d) >= umbral - 1e-9):
            filas.append({"nivel": nivel, "clave": clave, "nombre": nombre, "antes": antes, "despues": despues, "diferencia": d})

    agregar("índice", "indice_pai", "Índice PAI", anterior.get("indice_pai"), nuevo.get("indice_pai"))
    for c, v in (nuevo.get("componentes") or {}).items():
        agregar("componente", c, c, (anterior.get("componentes") or {}).get(c), v)
    for lista, nivel, claves in _NIVELES:
        antes = {tuple(x.get(k) for k in claves): x for x in anterior.get(lista) or []}
        despues = {tuple(x.get(k) for k in claves): x for x in nuevo.get(lista) or []}
        for clave in sorted(set(antes) | set(despues), key=lambda c: tuple(str(x) for x in c)):
            a, b = antes.get(clave) or {}, despues.get(clave) or {}
            agregar(nivel, "-".join(str(x) for x in clave), b.get("nombre") or a.get("nombre"), a.get("cumplimiento"), b.get("cumplimiento"))
    tabla = pd.DataFrame(filas, columns=COLUMNAS)
    return tabla


def cambio_de_estado(anterior: dict, nuevo: dict) -> tuple[str, str] | None:
    """``("preliminar", "completo")`` si el estado del periodo cambió entre las versiones; si no, ``None``."""
    a, b = anterior.get("estado_periodo"), nuevo.get("estado_periodo")
    return (a, b) if a and b and a != b else None
