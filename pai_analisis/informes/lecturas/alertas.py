"""La frase de cada alerta (la columna ``mensaje``): una plantilla por tipo de alerta y elemento.

:mod:`pai_analisis.metricas.alertas` arma la tabla de alertas como datos (qué elemento, qué
cifra, qué umbral y lo que la frase dice además: proceso, plan, periodicidad…); aquí se
redacta. :func:`con_frases` agrega la columna ``mensaje`` a las alertas de unas
:class:`~pai_analisis.metricas.Metricas`, y es lo que hace :func:`pai_analisis.calcular_metricas`
(:func:`..contexto.calcular_metricas`) antes de entregarlas: de ahí sale el mismo ``mensaje`` en
el JSON de ``pai metricas``, el Excel, los datos abiertos y el informe 01.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ...comun.numeros import pct
from .comunes import corto


def _quien(a: dict) -> str:
    """`` «Nombre» (responde: responsable)`` para nombrar el elemento en la frase."""
    nombre, resp = a.get("nombre"), a.get("responsable")
    texto = f" «{corto(nombre, 90)}»" if isinstance(nombre, str) and nombre.strip() else ""
    if isinstance(resp, str) and resp.strip():
        texto += f" (responde: {resp})"
    return texto


def _dueno(a: dict) -> str:
    """``"; responde: Oficina Jurídica"`` (la dependencia dueña del riesgo, sección 10) o ``""``."""
    resp = a.get("responsable")
    return f"; responde: {resp}" if isinstance(resp, str) and resp.strip() else ""


def _brecha(a: dict) -> str:
    sentido = "por delante" if a["valor"] > 0 else "por detrás"
    return (f"El proyecto {a['item']}{_quien(a)} tiene comprometido el {pct(a['ejecucion_presupuestal'])} del presupuesto y un "
            f"avance físico de {pct(a['avance_fisico'])}: lo financiero va {sentido} {pct(abs(a['valor']), 1, simbolo=False)} puntos.")


# (tipo, elemento) → la frase de esa alerta, a partir de su fila (un dict con las columnas de metricas.alertas.COLUMNAS)
PLANTILLAS = {
    ("critico", "proyecto"): lambda a: (f"El proyecto {a['item']}{_quien(a)} cumple el {pct(a['valor'])} de lo programado a la "
                                        f"fecha (crítico: menos de {pct(a['umbral'], 0)})."),
    ("critico", "meta"): lambda a: f"La meta {a['item']}{_quien(a)} cumple el {pct(a['valor'])} de lo programado a la fecha.",
    ("critico", "indicador"): lambda a: (f"El indicador {a['item']}{_quien(a)}, del proceso {a['proceso']}, cumple el "
                                         f"{pct(a['valor'])} de su meta."),
    ("critico", "actividad"): lambda a: (f"La actividad {a['item']}{_quien(a)}, del {a['plan']}, lleva el {pct(a['ejecutado'])} "
                                         f"frente al {pct(a['programado'])} programado."),
    ("sin_reporte", "indicador"): lambda a: (f"El indicador {a['item']}{_quien(a)}, del proceso {a['proceso']}, está vencido y no "
                                             "tiene ningún reporte: cuenta como 0."),
    ("riesgo_materializado", "riesgo"): lambda a: (f"El riesgo {a['item']} ({a['tipo_riesgo'].lower()}, {a['proceso']}{_dueno(a)}) "
                                                   f"se materializó en {a['periodo_materializacion']}."),
    ("riesgo_extremo", "riesgo"): lambda a: (f"El riesgo {a['item']} ({a['proceso']}{_dueno(a)}) sigue en zona Extremo después de "
                                             "sus controles."),
    ("brecha_fisico_financiera", "proyecto"): _brecha,
    ("sobreejecucion", "meta"): lambda a: (f"La meta {a['item']}{_quien(a)} va en {pct(a['valor'])} de lo programado: revise la "
                                           "programación o el reporte (sobreejecución)."),
    ("sobreejecucion", "indicador"): lambda a: (f"El indicador {a['item']}{_quien(a)} va en {pct(a['valor'])} de su meta: revise la "
                                                "meta o el reporte (sobreejecución)."),
    ("reporte_atrasado", "indicador"): lambda a: (f"El indicador {a['item']}{_quien(a)} no reportó su último cierre "
                                                  f"({a['periodicidad'].lower()}); el cálculo usa lo reportado hasta {a['ultimo_reporte']}."),
}


def frase(alerta: dict) -> str:
    """La frase en español de una alerta (una fila de ``Metricas.alertas`` como dict)."""
    plantilla = PLANTILLAS.get((alerta["tipo"], alerta["elemento"]))
    if plantilla is None:
        raise ValueError(f"No hay frase para la alerta «{alerta['tipo']}» de un elemento «{alerta['elemento']}» "
                         "(pai_analisis/informes/lecturas/alertas.py).")
    return plantilla(alerta)


def mensajes(alertas: pd.DataFrame) -> pd.Series:
    """La frase de cada alerta de la tabla, con su mismo índice (texto ``str``; ``object`` si no hay alertas, como sus demás columnas)."""
    return pd.Series([frase(a) for a in alertas.to_dict("records")], index=alertas.index, dtype=None if len(alertas) else object)


def con_frases(metricas):
    """``metricas`` con la columna ``mensaje`` en sus alertas, después de ``umbral`` (una copia: no cambia la que recibe)."""
    alertas = metricas.alertas
    if "mensaje" in alertas:
        raise ValueError("Las alertas ya traen su frase (columna «mensaje»): no se redactan dos veces.")
    alertas = alertas.copy()
    alertas.insert(alertas.columns.get_loc("umbral") + 1, "mensaje", mensajes(alertas))
    return replace(metricas, alertas=alertas)
