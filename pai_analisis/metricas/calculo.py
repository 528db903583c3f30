"""Orquestador de la metodología: ``calcular_metricas(libro, periodo)`` → :class:`~.resultado.Metricas`.

Reúne metas, proyectos, presupuesto, indicadores, actividades, objetivos, riesgos y alertas de
un periodo **con el plan como estaba en ese mes** (ventanas, reprogramaciones, armonización:
sección 6), el valor del mes anterior al lado (para decir «sube 4,2 puntos»), la proyección a
diciembre y la cobertura del mes (sección 7.1). Los elementos cerrados se informan con sus
valores congelados pero no entran en componentes, objetivos, índice ni alertas.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..libro.carga import Libro
from .actividades import calcular_actividades
from .alertas import calcular_alertas
from .armonizacion import calcular_armonizacion
from .cobertura import calcular_cobertura
from .dependencias import estado_dependencias, responsable_de_riesgos
from .indicadores import calcular_indicadores
from .indice import calcular_objetivos, componentes, indice_pai, proyectar_indice
from .metas import agregar_proyectos, calcular_metas, reprogramaciones_hasta
from .parametros import Parametros, cargar_parametros
from .periodo import resolver_periodo
from .presupuesto import calcular_presupuesto, modificaciones, movimientos
from .resultado import Metricas, _f
from .riesgos import calcular_riesgos
from .ventanas import ACTIVO, iniciados


@dataclass
class _Nucleo:
    """Lo calculado de un mes. ``completo=False``: solo lo que piden las tendencias (sin presupuesto ni observaciones)."""

    metas: pd.DataFrame
    proyectos: pd.DataFrame
    presupuesto: pd.DataFrame | None
    presupuesto_total: dict | None
    indicadores: pd.DataFrame
    actividades: pd.DataFrame
    componentes: dict
    indice_pai: float | None
    completo: bool = True


def _activos(t: pd.DataFrame) -> pd.DataFrame:
    return t[t["estado"] == ACTIVO]


def _nucleo(libro: Libro, p: pd.Period, par: Parametros, *, completo: bool = True) -> _Nucleo:
    """Metas, proyectos, presupuesto, indicadores, actividades, componentes e índice del mes ``p``.

    El mes anterior y el de hace dos meses (valor anterior, tendencia, proyección) y la serie
    mensual solo usan cumplimientos, componentes e índice: con ``completo=False`` se omiten el
    presupuesto y las observaciones, que son casi la mitad del costo de un mes.
    """
    metas = calcular_metas(libro.metas, libro.proyectos, libro.seguimiento_metas, p, libro.reprogramaciones,
                           observaciones=completo)
    pr = iniciados(libro.proyectos, p)
    fisico = agregar_proyectos(metas, pr.set_index("proyecto")["corte_calculo"])
    columnas = ["proyecto", "nombre", "objetivo", "presupuesto_programado", "estado", "vigente_desde", "vigente_hasta"]
    columnas += ["responsable"] if "responsable" in pr else []
    proyectos = pr[columnas].assign(corte=pr["corte_calculo"].astype(str), vigente_desde=pr["vigente_desde"].astype(str),
                                    vigente_hasta=pr["vigente_hasta"].astype(str))
    proyectos = proyectos.merge(fisico, on="proyecto", how="left")
    presup = total = None
    if completo:
        presup, total = calcular_presupuesto(libro.proyectos, libro.presupuesto, p)
        proyectos = proyectos.merge(presup.drop(columns=["nombre", "presupuesto_programado"]).rename(columns={"corte": "corte_presupuestal"}),
                                    on="proyecto", how="left")
    proyectos = proyectos.sort_values("proyecto").reset_index(drop=True)
    indicadores = calcular_indicadores(libro.indicadores, libro.seguimiento_indicadores, p, observaciones=completo)
    actividades = calcular_actividades(libro.actividades, libro.seguimiento_actividades, p, observaciones=completo)
    comp = componentes(_activos(proyectos), _activos(indicadores), _activos(actividades))
    return _Nucleo(metas, proyectos, presup, total, indicadores, actividades, comp, indice_pai(comp, par.pesos), completo)


def _nucleo_en(libro: Libro, p: pd.Period, par: Parametros, memoria: dict | None, *, completo: bool = True) -> _Nucleo:
    """``_nucleo`` con memoria opcional por mes.

    ``pai informes`` comparte una memoria entre los periodos de una corrida: el mes anterior,
    la tendencia y la serie mensual de cada periodo reutilizan los meses ya calculados, en
    vez de recalcular enero… P para cada periodo. Un mes completo sirve también a quien pide
    uno ligero; uno ligero se rehace completo si luego se publica ese mes.

    La clave es la huella del libro (:func:`_huella_libro`), los parámetros (``Parametros`` es
    hasheable) y el mes: un mismo diccionario reutilizado con otro libro u otros pesos calcula
    de nuevo en vez de responder por ellos.
    """
    if memoria is None:
        return _nucleo(libro, p, par, completo=completo)
    clave = (_huella_libro(libro, memoria), par, str(p))
    n = memoria.get(clave)
    if n is None or (completo and not n.completo):
        n = memoria[clave] = _nucleo(libro, p, par, completo=completo)
    return n


def _huella_libro(libro: Libro, memoria: dict) -> tuple:
    """El libro en la clave de la memoria: su SHA-256 y su vigencia si vino de un archivo.

    Un libro sin archivo (un ejemplo incorporado, uno armado en memoria) se identifica por el
    objeto mismo; la memoria lo guarda, así su ``id`` no se reutiliza mientras ella viva.
    """
    if libro.sha256 is not None:
        return ("sha256", libro.sha256, libro.vigencia)
    memoria.setdefault(("libro", id(libro)), libro)
    return ("objeto", id(libro), libro.vigencia)


def _con_semaforo(df: pd.DataFrame, columna: str, par: Parametros) -> pd.DataFrame:
    df = df.copy()
    df["semaforo"] = par.semaforo(df[columna].clip(upper=100)).to_numpy()
    return df


def _objetivos(libro: Libro, n: _Nucleo) -> pd.DataFrame:
    return calcular_objetivos(libro.objetivos, _activos(n.metas), _activos(n.indicadores), _activos(n.actividades))


def calcular_metricas(libro: Libro, periodo, parametros: Parametros | None = None, *, memoria: dict | None = None) -> Metricas:
    """Calcula toda la metodología para ``periodo`` (``"AAAA-MM"``) con el plan como estaba ese mes.

    Las alertas salen como datos, sin su frase (``mensaje``): la agrega ``pai.calcular_metricas``
    (:func:`pai_analisis.informes.contexto.calcular_metricas`), que es la que da el JSON completo.

    ``parametros``: umbrales y pesos (``cargar_parametros()`` si es ``None``). ``memoria``: un
    diccionario que se reutiliza entre llamadas; guarda cada mes bajo la huella del libro y los
    parámetros (ver :func:`_nucleo_en`), así nunca responde por otros; ``None`` calcula todo de nuevo.
    """
    par = parametros or cargar_parametros()
    p = resolver_periodo(periodo, libro.vigencia)
    n = _nucleo_en(libro, p, par, memoria)
    metas = _con_semaforo(n.metas, "cumplimiento", par)
    proyectos = _con_semaforo(n.proyectos, "cumplimiento", par)
    indicadores = _con_semaforo(n.indicadores, "cumplimiento", par)
    actividades = _con_semaforo(n.actividades, "cumplimiento", par)
    objetivos = _con_semaforo(calcular_objetivos(libro.objetivos, _activos(metas), _activos(indicadores), _activos(actividades)),
                              "cumplimiento", par)
    riesgos = calcular_riesgos(libro.riesgos, libro.controles, libro.seguimiento_riesgos, p)
    duenos = responsable_de_riesgos(libro.riesgos, libro.indicadores, libro.proyectos)  # sección 10: quién responde
    duenos = riesgos["riesgo"].map(dict(zip(libro.riesgos["riesgo"].astype(str), duenos, strict=True))).astype(object)
    riesgos["responsable"] = duenos.where(duenos.notna(), None)
    anterior = None
    componentes_previos = []  # componentes de hasta dos meses antes (para la tendencia)
    if p.month > 1:
        a = _nucleo_en(libro, p - 1, par, memoria, completo=False)
        anterior = {"periodo": str(p - 1), "indice_pai": _f(a.indice_pai), "componentes": {k: _f(v) for k, v in a.componentes.items()}}
        proyectos["cumplimiento_anterior"] = proyectos["proyecto"].map(a.proyectos.set_index("proyecto")["cumplimiento"])
        objetivos["cumplimiento_anterior"] = objetivos["objetivo"].map(_objetivos(libro, a).set_index("objetivo")["cumplimiento"])
        if p.month > 2:
            componentes_previos.append(_nucleo_en(libro, p - 2, par, memoria, completo=False).componentes)
        componentes_previos.append(a.componentes)
    else:
        proyectos["cumplimiento_anterior"] = np.nan
        objetivos["cumplimiento_anterior"] = np.nan
    proyeccion = proyectar_indice([*componentes_previos, n.componentes], p.month, par.pesos)
    alertas = calcular_alertas(_activos(metas), _activos(proyectos), _activos(indicadores), _activos(actividades), riesgos, par)
    datos = {"archivo": libro.nombre_datos, "sha256": libro.sha256, "demostracion": libro.demostracion, "vigencia": libro.vigencia}
    metricas = Metricas(
        periodo=p, vigencia=libro.vigencia, parametros=par, metas=metas, proyectos=proyectos, indicadores=indicadores,
        actividades=actividades, objetivos=objetivos, riesgos=riesgos, alertas=alertas, presupuesto=n.presupuesto,
        presupuesto_total=n.presupuesto_total, componentes=n.componentes, indice_pai=n.indice_pai, anterior=anterior,
        proyeccion=proyeccion, datos=datos,
        cobertura=calcular_cobertura(libro, p, par.umbral_cobertura),
        reprogramaciones=reprogramaciones_hasta(libro.metas, libro.reprogramaciones, p),
        modificaciones=modificaciones(libro.proyectos, libro.presupuesto, p, libro.armonizacion),
        armonizacion=calcular_armonizacion(libro.proyectos, libro.presupuesto, libro.armonizacion, p),
        presupuesto_mensual=movimientos(libro.presupuesto, p),
    )
    metricas.dependencias = estado_dependencias(libro, p, metricas)  # sección 10: lo debido, lo reportado, lo en rojo
    return metricas


def serie_mensual(libro: Libro, periodo, parametros: Parametros | None = None, *, memoria: dict | None = None) -> pd.DataFrame:
    """Índice PAI y componentes mes a mes, de enero al periodo (para tendencias); ``memoria`` como en :func:`calcular_metricas`."""
    par = parametros or cargar_parametros()
    p = resolver_periodo(periodo, libro.vigencia)
    filas = []
    for mes in pd.period_range(pd.Period(year=p.year, month=1, freq="M"), p, freq="M"):
        n = _nucleo_en(libro, mes, par, memoria, completo=False)
        filas.append({"periodo": str(mes), "indice_pai": n.indice_pai, **n.componentes})
    return pd.DataFrame(filas).astype({c: "float64" for c in ("indice_pai", *n.componentes)})
