""":class:`Metricas`: todas las medidas de un periodo, y su JSON (secciones 5, 6 y 7 de la especificación).

Cada nivel es un DataFrame (``metas``, ``proyectos``, ``indicadores``, ``actividades``,
``objetivos``, ``riesgos``, ``alertas``…); los proyectos, metas, indicadores y actividades
cerrados están en sus tablas con ``estado == "cerrado"`` (los no iniciados no están).
``a_dict()`` da el objeto JSON: números float o ``null``, listas ordenadas por su clave.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import pandas as pd

from ..comun.faltantes import es_faltante
from .parametros import Parametros
from .riesgos import resumen_riesgos


@dataclass(kw_only=True)
class Metricas:
    """Todas las medidas de un periodo. Cada nivel es un DataFrame; ``a_dict()`` da el JSON.

    Solo por palabras clave (``kw_only``): con 22 campos, una lista posicional se desordena sin avisar.
    """

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
    presupuesto: pd.DataFrame  # por proyecto: apropiación (inicial y vigente), compromisos, giros y sus razones al corte
    presupuesto_total: dict  # la entidad: razones de sumas
    componentes: dict
    indice_pai: float | None
    anterior: dict | None = None
    proyeccion: dict = field(default_factory=dict)
    datos: dict = field(default_factory=dict)
    cobertura: dict = field(default_factory=dict)  # sección 7.1: estado_periodo, cobertura, faltantes
    reprogramaciones: pd.DataFrame = field(default_factory=pd.DataFrame)  # sección 6.2
    modificaciones: pd.DataFrame = field(default_factory=pd.DataFrame)  # sección 6.3
    armonizacion: pd.DataFrame = field(default_factory=pd.DataFrame)  # sección 6.4
    presupuesto_mensual: pd.DataFrame = field(default_factory=pd.DataFrame)  # sección 8.1: cada corte con su movimiento del mes
    dependencias: pd.DataFrame = field(default_factory=pd.DataFrame)  # sección 10: por dependencia, lo debido, reportado y en rojo

    @property
    def semaforo_indice(self) -> str | None:
        return self.parametros.semaforo([self.indice_pai]).iloc[0]

    @property
    def estado_periodo(self) -> str | None:
        return self.cobertura.get("estado_periodo")

    def activos(self, nivel: str) -> pd.DataFrame:
        """Las filas activas de ``metas``, ``proyectos``, ``indicadores`` o ``actividades`` (sin los cerrados)."""
        t = getattr(self, nivel)
        return t[t["estado"] == "activo"] if "estado" in t else t

    def cerrados(self, nivel: str) -> pd.DataFrame:
        """Las filas cerradas de ``metas``, ``proyectos``, ``indicadores`` o ``actividades`` (sección 6.1).

        Como :meth:`activos`, es un método porque recibe el nivel; lo que no recibe nada (las tablas,
        ``estado_periodo``, ``semaforo_indice``) es atributo (ver ``docs/api.md``).
        """
        t = getattr(self, nivel)
        return t[t["estado"] == "cerrado"] if "estado" in t else t.iloc[0:0]

    def resumen_riesgos(self) -> dict:
        return resumen_riesgos(self.riesgos)

    def a_json(self) -> str:
        """``a_dict()`` como texto JSON (UTF-8 legible: las tildes no se escapan)."""
        return json.dumps(self.a_dict(), ensure_ascii=False, indent=2)

    def a_dict(self) -> dict:
        """El objeto JSON de la sección 5, con ``estado`` por elemento y la cobertura de la sección 7."""
        m, pr = self.metas, self.proyectos
        obs = {"responsable": _s, "observacion": _s, "observacion_periodo": _s}
        cob = self.cobertura or {}
        return {
            "periodo": str(self.periodo),
            "vigencia": self.vigencia,
            "estado_periodo": cob.get("estado_periodo"),
            "cobertura": {k: _f(v) for k, v in (cob.get("cobertura") or {}).items()},
            "indice_pai": _f(self.indice_pai),
            "componentes": {k: _f(v) for k, v in self.componentes.items()},
            "objetivos": _registros(self.objetivos, {"objetivo": int, "nombre": str, "cumplimiento": _f, "semaforo": _s}),
            "proyectos": _registros(pr.rename(columns={"giros": "giros_monto", "giros_pct": "giros"}), {
                "proyecto": int, "nombre": _s, "estado": _s, "vigente_desde": _s, "vigente_hasta": _s, "avance_fisico": _f,
                "cumplimiento": _f, "ejecucion_presupuestal": _f, "giros": _f, "apropiacion_inicial": _f, "apropiacion": _f,
                "semaforo": _s, "responsable": _s, "observacion": _s, "observacion_periodo": _s}),
            "metas": _registros(m, {"proyecto": int, "meta": int, "nombre": _s, "anualizacion": str, "estado": _s, "ejecutado": _f,
                                    "programado": _f, "programacion_vigencia": _f, "programacion_inicial": _f, "avance_vigencia": _f,
                                    "avance_cuatrienio": _f, "cumplimiento": _f, "semaforo": _s, **obs}),
            "indicadores": _registros(self.indicadores, {"indicador": str, "nombre": _s, "estado": _s, "unidad": _s, "resultado": _f,
                                                         "cumplimiento": _f, "semaforo": _s, **obs}),
            "actividades": _registros(self.actividades, {"actividad": str, "nombre": _s, "estado": _s, "cumplimiento": _f,
                                                         "semaforo": _s, **obs}),
            "presupuesto": {k: _f(self.presupuesto_total.get(k)) for k in
                            ("apropiacion", "compromisos", "giros", "ejecucion_presupuestal", "apropiacion_inicial", "modificaciones")},
            "modificaciones_presupuestales": _registros(self.modificaciones, {"proyecto": int, "periodo": _s, "anterior": _f,
                                                                              "nueva": _f, "monto": _f, "tipo": _s, "destino": _s}),
            "presupuesto_mensual": _registros(self.presupuesto_mensual.assign(periodo=self.presupuesto_mensual["periodo"].astype(str))
                                              if len(self.presupuesto_mensual) else self.presupuesto_mensual, {
                "proyecto": int, "periodo": _s, "apropiacion": _f, "compromisos": _f, "giros": _f, "movimiento_compromisos": _f,
                "movimiento_giros": _f, "observacion": _s}),
            "reprogramaciones": _registros(self.reprogramaciones, {"proyecto": int, "meta": int, "periodo": _s, "anterior": _f,
                                                                   "nueva": _f, "motivo": _s}),
            "armonizacion": _registros(self.armonizacion, {"proyecto_anterior": int, "proyecto_nuevo": int, "periodo": _s,
                                                           "reduccion": _f, "apropiacion_inicial_nuevo": _f, "traslado": _f}),
            "riesgos": self.resumen_riesgos(),
            "riesgos_materializados": _registros(self.riesgos[self.riesgos["materializado"]], {
                "riesgo": str, "periodo_materializacion": _s, "observacion": _s, "observacion_periodo": _s}),
            # mensaje: la frase, que agrega pai.calcular_metricas (informes/lecturas/alertas.py); sin ella, la clave no sale
            "alertas": _registros(self.alertas, {"severidad": _s, "tipo": _s, "elemento": _s, "item": _s, "nombre": _s,
                                                 "responsable": _s, "valor": _f, "umbral": _f, "mensaje": _s}),
            "dependencias": _registros(self.dependencias.assign(periodo=self.dependencias["periodo"].astype(str))
                                       if len(self.dependencias) else self.dependencias, {
                "dependencia": str, "periodo": _s, "debidos": int, "reportados": int, "faltantes": int,
                "porcentaje_reportado": _f, "estado_reporte": _s, "en_rojo": int, "alertas": int}),
            "anterior": self.anterior,
            "proyeccion_diciembre": self.proyeccion,
            "semaforo_indice": self.semaforo_indice,
            "datos": self.datos,
        }


def _f(x) -> float | None:
    if es_faltante(x):
        return None
    x = float(x)
    return round(x, 6) if math.isfinite(x) else None


def _s(x) -> str | None:
    return None if es_faltante(x) else str(x)


def _registros(df: pd.DataFrame, campos: dict) -> list[dict]:
    campos = {c: f for c, f in campos.items() if c in df.columns}
    cols = list(campos)
    return [{c: (None if es_faltante(v) else campos[c](v))
             for c, v in zip(cols, fila)} for fila in df[cols].itertuples(index=False, name=None)]
