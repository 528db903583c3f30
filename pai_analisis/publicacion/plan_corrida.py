"""Qué hace una corrida con cada periodo: publicarlo, omitirlo, volver a publicarlo o no publicarlo por falta de datos.

* Un periodo pedido sin datos del mes (cobertura 0, sección 7.1) o sin libro de su vigencia no se
  publica: es ``sin_datos`` y la corrida sale con 3 si nada más falló (sección 7.4).
* Un periodo pedido cuya huella (:mod:`.huellas`) no cambió desde su publicación se omite (salvo
  ``forzar``).
* **Todo periodo ya publicado** de una vigencia con libro en la corrida cuya huella cambió se
  vuelve a publicar, aunque no se haya pedido (sección 7.2): así una corrección de junio llega
  a junio y a los meses publicados después en la siguiente corrida de cron, y a ninguno antes.
  Los periodos publicados con datos de demostración solo los vuelve a publicar una corrida con
  datos de demostración, y los reales una con datos reales: unos y otros no se mezclan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errores import ErrorPeriodo
from . import huellas
from .registro import log

_PERIODO = re.compile(r"^\d{4}-\d{2}$")


@dataclass
class Pendiente:
    """Un periodo por renderizar, con su libro, las partes de su huella y por qué se renderiza."""

    periodo: str
    libro: object
    partes: dict
    motivo: str
    pedido: bool = True

    @property
    def huella(self) -> str:
        return huellas.huella(self.partes)


@dataclass
class PlanCorrida:
    pendientes: list[Pendiente] = field(default_factory=list)
    omitidos: list[str] = field(default_factory=list)
    sin_datos: dict[str, str] = field(default_factory=dict)
    al_dia: list[str] = field(default_factory=list)  # publicados sin pedir cuya huella no cambió (para publicacion.atajo)


def _publicados(salida: Path) -> list[str]:
    return sorted(p.name for p in salida.iterdir() if p.is_dir() and _PERIODO.match(p.name)) if salida.is_dir() else []


def planear(pedidos: list[str], libros, parametros, cuadernos: list[Path], salida: Path, forzar: bool,
            fuente: dict | None = None) -> PlanCorrida:
    from ..metricas.cobertura import SIN_DATOS, calcular_cobertura

    plan = PlanCorrida()
    for periodo in pedidos:
        try:
            libro = libros.de(periodo)
        except ErrorPeriodo as exc:
            plan.sin_datos[periodo] = str(exc)
            continue
        cobertura = calcular_cobertura(libro, pd.Period(periodo, freq="M"), parametros.umbral_cobertura)
        if cobertura["estado_periodo"] == SIN_DATOS:
            riesgos = cobertura.get("reportes_riesgos", 0)
            plan.sin_datos[periodo] = f"el libro «{libro.nombre_datos}» no tiene ningún reporte de {periodo}" + (
                f" de metas, indicadores, actividades ni presupuesto (solo {riesgos} {'reporte' if riesgos == 1 else 'reportes'} de riesgos, que no bastan para publicar el mes)"
                if riesgos else "")
            continue
        partes = huellas.partes_periodo(libro, periodo, parametros, cuadernos, fuente)
        previa = huellas.publicada(salida / periodo)
        if previa is None:
            plan.pendientes.append(Pendiente(periodo, libro, partes, "primera publicación"))
        elif previa.get("huella") != huellas.huella(partes):
            plan.pendientes.append(Pendiente(periodo, libro, partes, "; ".join(huellas.motivos(previa, partes, periodo))))
        elif forzar:
            plan.pendientes.append(Pendiente(periodo, libro, partes, "se pidió con --forzar"))
        else:
            plan.omitidos.append(periodo)
    for periodo in _publicados(salida):
        if periodo in pedidos or int(periodo[:4]) not in libros.por_vigencia:
            continue
        previa = huellas.publicada(salida / periodo)
        libro = libros.de(periodo)
        if previa is None or bool(previa.get("demostracion")) != bool(libro.demostracion):
            continue
        partes = huellas.partes_periodo(libro, periodo, parametros, cuadernos, fuente)
        if previa.get("huella") == huellas.huella(partes):
            plan.al_dia.append(periodo)
            continue
        if calcular_cobertura(libro, pd.Period(periodo, freq="M"), parametros.umbral_cobertura)["estado_periodo"] == SIN_DATOS:
            log.warning("%s: publicado antes, pero el libro ya no tiene reportes de ese mes; se conserva la versión publicada.", periodo)
            continue
        plan.pendientes.append(Pendiente(periodo, libro, partes, "; ".join(huellas.motivos(previa, partes, periodo)), pedido=False))
    plan.pendientes.sort(key=lambda x: x.periodo)
    return plan
