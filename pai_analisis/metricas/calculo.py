"""Orquestador de la metodología: ``calcular_metricas(libro, periodo)`` → :class:`Metricas`.

Reúne metas, proyectos, presupuesto, indicadores, actividades, objetivos, riesgos y
alertas de un periodo, con el valor del mes anterior al lado (para decir «sube 4,2
puntos») y la proyección a diciembre. ``Metricas.a_dict()`` da el JSON de la sección 5.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..libro.carga import Libro
from .actividades import calcular_actividades
from .alertas import calcular_alertas
from .indicadores import calcular_indicadores
from .indice import calcular_objetivos, componentes, indice_pai, proyectar_indice
from .metas import agregar_proyectos, calcular_metas
from .parametros import Parametros, cargar_parametros
from .periodo import resolver_periodo
from .presupuesto import calcular_presupuesto
from .riesgos import calcular_riesgos, resumen_riesgos


@dataclass
class _Nucleo:
    metas: pd.DataFrame
    proyectos: pd.DataFrame
    presupuesto: pd.DataFrame
    presupuesto_total: dict
    indicadores: pd.DataFrame
    actividades: pd.DataFrame
    componentes: dict
    indice_pai: float | None


def _nucleo(libro: Libro, p: pd.Period, par: Parametros) -> _Nucleo:
    metas = calcular_metas(libro.metas, libro.proyectos, libro.seguimiento_metas, p)
    fisico = agregar_proyectos(metas)
    presup, total = calcular_presupuesto(libro.proyectos, libro.presupuesto, p)
    proyectos = libro.proyectos[["proyecto", "nombre", "objetivo", "presupuesto_programado"]].merge(fisico, on="proyecto", how="left")
    proyectos = proyectos.merge(presup.drop(columns=["nombre", "presupuesto_programado"]), on="proyecto", how="left")
    proyectos = proyectos.sort_values("proyecto").reset_index(drop=True)
    indicadores = calcular_indicadores(libro.indicadores, libro.seguimiento_indicadores, p)
    actividades = calcular_actividades(libro.actividades, libro.seguimiento_actividades, p)
    comp = componentes(proyectos, indicadores, actividades)
    return _Nucleo(metas, proyectos, presup, total, indicadores, actividades, comp, indice_pai(comp, par.pesos))


def _nucleo_en(libro: Libro, p: pd.Period, par: Parametros, memoria: dict | None) -> _Nucleo:
    """``_nucleo`` con memoria opcional por mes (válida para un mismo libro y parámetros).

    ``pai informes`` comparte una memoria entre los periodos de una corrida: el mes anterior,
    la tendencia y la serie mensual de cada periodo reutilizan los meses ya calculados, en
    vez de recalcular enero… P para cada periodo.
    """
    if memoria is None:
        return _nucleo(libro, p, par)
    if str(p) not in memoria:
        memoria[str(p)] = _nucleo(libro, p, par)
    return memoria[str(p)]


@dataclass
class Metricas:
    """Todas las medidas de un periodo. Cada nivel es un DataFrame; ``a_dict()`` da el JSON."""

    periodo: pd.Period
    vigencia: int
    parametros: Parametros
    metas: pd.DataFrame
    proyectos: pd.DataFrame
    indicadores: pd.DataFrame
    actividades: pd.DataFrame
    objetivos: pd.DataFrame
    riesgos: pd.DataFrame
    alertas: pd.DataFrame
    presupuesto: pd.DataFrame  # por proyecto: apropiación, compromisos, giros y sus razones al corte
    presupuesto_total: dict  # la entidad: razones de sumas
    componentes: dict
    indice_pai: float | None
    anterior: dict | None = None
    proyeccion: dict = field(default_factory=dict)
    datos: dict = field(default_factory=dict)

    @property
    def semaforo_indice(self) -> str | None:
        return self.parametros.semaforo([self.indice_pai]).iloc[0]

    def resumen_riesgos(self) -> dict:
        return resumen_riesgos(self.riesgos)

    def a_json(self) -> str:
        """``a_dict()`` como texto JSON (UTF-8 legible: las tildes no se escapan)."""
        return json.dumps(self.a_dict(), ensure_ascii=False, indent=2)

    def a_dict(self) -> dict:
        """El objeto JSON de la sección 5 (números float o ``None``; listas ordenadas por clave)."""
        m, pr = self.metas, self.proyectos
        return {
            "periodo": str(self.periodo),
            "indice_pai": _f(self.indice_pai),
            "componentes": {k: _f(v) for k, v in self.componentes.items()},
            "objetivos": _registros(self.objetivos, {"objetivo": int, "nombre": str, "cumplimiento": _f, "semaforo": _s}),
            "proyectos": _registros(pr.rename(columns={"giros": "giros_monto", "giros_pct": "giros"}), {
                "proyecto": int, "avance_fisico": _f, "cumplimiento": _f, "ejecucion_presupuestal": _f, "giros": _f, "semaforo": _s}),
            "metas": _registros(m, {"proyecto": int, "meta": int, "anualizacion": str, "ejecutado": _f, "programado": _f,
                                    "avance_vigencia": _f, "avance_cuatrienio": _f, "cumplimiento": _f, "semaforo": _s}),
            "indicadores": _registros(self.indicadores, {"indicador": str, "resultado": _f, "cumplimiento": _f, "semaforo": _s}),
            "actividades": _registros(self.actividades, {"actividad": str, "cumplimiento": _f, "semaforo": _s}),
            "presupuesto": {k: _f(self.presupuesto_total.get(k)) for k in ("apropiacion", "compromisos", "giros", "ejecucion_presupuestal")},
            "riesgos": self.resumen_riesgos(),
            "anterior": self.anterior,
            "proyeccion_diciembre": self.proyeccion,
            "semaforo_indice": self.semaforo_indice,
            "datos": self.datos,
        }


def _f(x) -> float | None:
    if x is None or x is pd.NA:
        return None
    x = float(x)
    return round(x, 6) if math.isfinite(x) else None


def _s(x) -> str | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else str(x)


def _registros(df: pd.DataFrame, campos: dict) -> list[dict]:
    cols = list(campos)
    return [{c: (None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v) and campos[c] is not _f) else campos[c](v))
             for c, v in zip(cols, fila)} for fila in df[cols].itertuples(index=False, name=None)]


def _con_semaforo(df: pd.DataFrame, columna: str, par: Parametros) -> pd.DataFrame:
    df = df.copy()
    df["semaforo"] = par.semaforo(df[columna].clip(upper=100)).to_numpy()
    return df


def calcular_metricas(libro: Libro, periodo, parametros: Parametros | None = None, *, memoria: dict | None = None) -> Metricas:
    """Calcula toda la sección 3 de la especificación para ``periodo`` (``"AAAA-MM"``).

    ``parametros``: umbrales y pesos (``cargar_parametros()`` si es ``None``). ``memoria``: un
    diccionario que se reutiliza entre llamadas con el mismo libro y los mismos parámetros
    (ver :func:`_nucleo_en`); ``None`` calcula todo de nuevo.
    """
    par = parametros or cargar_parametros()
    p = resolver_periodo(periodo, libro.vigencia)
    n = _nucleo_en(libro, p, par, memoria)
    metas = _con_semaforo(n.metas, "cumplimiento", par)
    proyectos = _con_semaforo(n.proyectos, "cumplimiento", par)
    indicadores = _con_semaforo(n.indicadores, "cumplimiento", par)
    actividades = _con_semaforo(n.actividades, "cumplimiento", par)
    objetivos = _con_semaforo(calcular_objetivos(libro.objetivos, metas, indicadores, actividades), "cumplimiento", par)
    riesgos = calcular_riesgos(libro.riesgos, libro.controles, libro.seguimiento_riesgos, p)
    anterior = None
    componentes_previos = []  # componentes de hasta dos meses antes (para la tendencia)
    if p.month > 1:
        a = _nucleo_en(libro, p - 1, par, memoria)
        anterior = {"periodo": str(p - 1), "indice_pai": _f(a.indice_pai), "componentes": {k: _f(v) for k, v in a.componentes.items()}}
        proyectos["cumplimiento_anterior"] = proyectos["proyecto"].map(a.proyectos.set_index("proyecto")["cumplimiento"])
        previos = calcular_objetivos(libro.objetivos, a.metas, a.indicadores, a.actividades).set_index("objetivo")["cumplimiento"]
        objetivos["cumplimiento_anterior"] = objetivos["objetivo"].map(previos)
        if p.month > 2:
            componentes_previos.append(_nucleo_en(libro, p - 2, par, memoria).componentes)
        componentes_previos.append(a.componentes)
    else:
        proyectos["cumplimiento_anterior"] = np.nan
        objetivos["cumplimiento_anterior"] = np.nan
    proyeccion = proyectar_indice([*componentes_previos, n.componentes], p.month, par.pesos)
    alertas = calcular_alertas(metas, proyectos, indicadores, actividades, riesgos, par)
    datos = {"archivo": libro.nombre_datos, "sha256": libro.sha256, "demostracion": libro.demostracion}
    return Metricas(p, libro.vigencia, par, metas, proyectos, indicadores, actividades, objetivos, riesgos, alertas,
                    n.presupuesto, n.presupuesto_total, n.componentes, n.indice_pai, anterior, proyeccion, datos)


def serie_mensual(libro: Libro, periodo, parametros: Parametros | None = None, *, memoria: dict | None = None) -> pd.DataFrame:
    """Índice PAI y componentes mes a mes, de enero al periodo (para tendencias); ``memoria`` como en :func:`calcular_metricas`."""
    par = parametros or cargar_parametros()
    p = resolver_periodo(periodo, libro.vigencia)
    filas = []
    for mes in pd.period_range(pd.Period(year=p.year, month=1, freq="M"), p, freq="M"):
        n = _nucleo_en(libro, mes, par, memoria)
        filas.append({"periodo": str(mes), "indice_pai": n.indice_pai, **n.componentes})
    return pd.DataFrame(filas).astype({c: "float64" for c in ("indice_pai", *n.componentes)})
