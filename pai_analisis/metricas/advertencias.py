"""Advertencias del libro que necesitan cifras calculadas: reportes debidos que faltan y sobreejecución.

No impiden calcular ni publicar; ``pai validar`` y ``pai informes`` las muestran junto con las
del libro. Se revisan hasta el último mes con datos del libro (``ultimo_reporte``):

* ``reporte_faltante``: una meta sin su reporte mensual, o un indicador sin el reporte de un
  cierre que ya pasó, **solo dentro de la ventana de vigencia del elemento** (sección 6.1; una
  advertencia por elemento, con los meses que faltan);
* ``sobreejecucion``: una meta cuyo cumplimiento bruto en ese último mes supera el umbral de
  los parámetros (``umbral_sobreejecucion``, 125 % por omisión, el de la sección 2 del contrato).
"""

from __future__ import annotations

import pandas as pd

from ..comun.numeros import pct
from ..libro.problemas import Problemas
from .metas import calcular_metas
from .parametros import Parametros, cargar_parametros
from .periodo import paso, ultimo_reporte


def _mes(periodos: pd.Series, defecto: int) -> list[int]:
    """El mes de cada extremo de ventana (las ventanas ya vienen resueltas; ``defecto`` si faltara)."""
    return [p.month if isinstance(p, pd.Period) else defecto for p in periodos]


def _meses(vigencia: int, meses) -> str:
    return ", ".join(f"{vigencia}-{m:02d}" for m in meses)


def advertencias(libro, parametros: Parametros | None = None) -> pd.DataFrame:
    """La tabla de problemas (solo advertencias) calculada sobre ``libro``; vacía si no hay seguimiento."""
    par = parametros or cargar_parametros()
    p = Problemas()
    ultimo = ultimo_reporte(libro)
    if ultimo is None:
        return p.tabla()
    vigencia = ultimo.year
    sm = libro.seguimiento_metas
    reportados = set(zip(sm["proyecto"], sm["meta"], sm["periodo"].dt.month, strict=False))
    m = libro.metas
    for proy, meta, desde, hasta in zip(m["proyecto"], m["meta"], _mes(m["vigente_desde"], 1), _mes(m["vigente_hasta"], 12), strict=False):
        faltan = [x for x in range(desde, min(hasta, ultimo.month) + 1) if (proy, meta, x) not in reportados]
        if faltan:
            p.advertencia("reporte_faltante", "seguimiento_metas", None, "periodo", f"{proy}-{meta}",
                          f"un reporte mensual de la meta {meta} del proyecto {proy}: falta en " + _meses(vigencia, faltan))
    si = libro.seguimiento_indicadores
    reportados = set(zip(si["indicador"], si["periodo"].dt.month, strict=False))
    ind = libro.indicadores
    for ident, per, desde, hasta in zip(ind["indicador"], ind["periodicidad"], _mes(ind["vigente_desde"], 1),
                                        _mes(ind["vigente_hasta"], 12), strict=False):
        cada = int(paso([per])[0])
        faltan = [x for x in range(cada, min(hasta, ultimo.month) + 1, cada) if x >= desde and (ident, x) not in reportados]
        if faltan:
            p.advertencia("reporte_faltante", "seguimiento_indicadores", None, "periodo", ident,
                          f"un reporte del indicador {ident} ({str(per).lower()}): falta en " + _meses(vigencia, faltan))
    umbral = par.umbral_sobreejecucion
    t = calcular_metas(libro.metas, libro.proyectos, sm, ultimo, libro.reprogramaciones)
    filas = libro.metas.set_index(["proyecto", "meta"])["fila_excel"] if "fila_excel" in libro.metas else pd.Series(dtype="Int64")
    sobre = t[t["cumplimiento"] > umbral]
    for proy, meta, cumpl, corte in zip(sobre["proyecto"], sobre["meta"], sobre["cumplimiento"], sobre["corte"], strict=False):
        p.advertencia("sobreejecucion", "metas", filas.get((proy, meta)), "meta", f"{proy}-{meta}",
                      f"un cumplimiento de hasta {pct(umbral, 0)}: la meta va en {pct(cumpl)} a {corte} "
                      "(sobreejecución; revise el reporte)")
    return p.tabla()
