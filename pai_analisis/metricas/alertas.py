"""Alertas del periodo: qué mirar primero. Cada alerta es un dato (elemento, valor, umbral) con su frase.

Tipos: ``critico`` (meta, proyecto, indicador o actividad en semáforo crítico),
``sin_reporte`` (indicador vencido sin ninguna medición), ``reporte_atrasado`` (indicador
cuyo último cierre no se reportó), ``sobreejecucion`` (cumplimiento bruto > umbral),
``brecha_fisico_financiera`` (ejecución presupuestal lejos del avance físico),
``riesgo_extremo`` (zona residual Extremo) y ``riesgo_materializado``.
Orden: severidad (alta, media, baja) y luego peso presupuestal del proyecto implicado.

Columnas: ``severidad``, ``tipo``, ``elemento`` (proyecto, meta, indicador, actividad,
riesgo), ``item`` (su código: ``7871``, ``7871-2``, ``GF-01``…), ``nombre``, ``responsable`` (la
dependencia que responde), ``valor`` (la cifra que disparó la alerta, en su escala), ``umbral``,
``mensaje`` (la frase en español, que nombra el elemento y a quien responde), ``observacion`` y
``observacion_periodo`` (la última observación del elemento hasta P: el porqué), ``proyecto`` y
``peso_presupuestal``. Solo reciben elementos activos: un elemento cerrado no genera alertas.
"""

from __future__ import annotations

import pandas as pd

from ..comun.numeros import pct
from .presupuesto import brecha_fisico_financiera

SEVERIDADES = ("alta", "media", "baja")
COLUMNAS = ["severidad", "tipo", "elemento", "item", "nombre", "responsable", "valor", "umbral", "mensaje", "observacion",
            "observacion_periodo", "proyecto", "peso_presupuestal"]


def _quien(r) -> str:
    """`` «Nombre» (responsable)`` para nombrar el elemento en la frase de la alerta."""
    nombre = getattr(r, "nombre", None)
    resp = getattr(r, "responsable", None)
    texto = f" «{_corto(nombre)}»" if isinstance(nombre, str) and nombre.strip() else ""
    if isinstance(resp, str) and resp.strip():
        texto += f" (responde: {resp})"
    return texto


def _corto(texto: str, n: int = 90) -> str:
    texto = " ".join(texto.split())
    return texto if len(texto) <= n else texto[: n - 1].rstrip(" ,.;") + "…"


def calcular_alertas(metas, proyectos, indicadores, actividades, riesgos, parametros) -> pd.DataFrame:
    presupuesto = proyectos.set_index("proyecto")["presupuesto_programado"]
    total = presupuesto.sum()
    # sin presupuesto programado (total 0) no hay peso: 0, no NaN (un NaN mandaría esas alertas al final de su severidad)
    pesos = (presupuesto / total).fillna(0.0).to_dict() if total > 0 else {}
    filas: list[dict] = []

    def agregar(severidad, tipo, elemento, item, r, valor, umbral, mensaje, proyecto=None):
        obs = getattr(r, "observacion", None)
        filas.append({"severidad": severidad, "tipo": tipo, "elemento": elemento, "item": str(item),
                      "nombre": getattr(r, "nombre", None) if elemento != "riesgo" else getattr(r, "descripcion", None),
                      "responsable": getattr(r, "responsable", None),
                      "valor": None if valor is None or pd.isna(valor) else float(valor),
                      "umbral": None if umbral is None else float(umbral), "mensaje": mensaje,
                      "observacion": obs if isinstance(obs, str) else None,
                      "observacion_periodo": getattr(r, "observacion_periodo", None) if isinstance(obs, str) else None,
                      "proyecto": proyecto, "peso_presupuestal": pesos.get(proyecto, 0.0)})

    critico = parametros.umbral_critico
    for r in proyectos[proyectos["cumplimiento"] < critico].itertuples():
        agregar("alta", "critico", "proyecto", r.proyecto, r, r.cumplimiento, critico,
                f"El proyecto {r.proyecto}{_quien(r)} cumple el {pct(r.cumplimiento)} de lo programado a la fecha (crítico: menos de {pct(critico, 0)}).", r.proyecto)
    for r in metas[metas["cumplimiento"] < critico].itertuples():
        agregar("alta", "critico", "meta", f"{r.proyecto}-{r.meta}", r, r.cumplimiento, critico,
                f"La meta {r.proyecto}-{r.meta}{_quien(r)} cumple el {pct(r.cumplimiento)} de lo programado a la fecha.", r.proyecto)
    for r in indicadores[indicadores["sin_reporte"]].itertuples():
        agregar("alta", "sin_reporte", "indicador", r.indicador, r, None, None,
                f"El indicador {r.indicador}{_quien(r)}, del proceso {r.proceso}, está vencido y no tiene ningún reporte: cuenta como 0.")
    for r in indicadores[~indicadores["sin_reporte"] & (indicadores["cumplimiento"] < critico)].itertuples():
        agregar("alta", "critico", "indicador", r.indicador, r, r.cumplimiento, critico,
                f"El indicador {r.indicador}{_quien(r)}, del proceso {r.proceso}, cumple el {pct(r.cumplimiento)} de su meta.")
    for r in actividades[actividades["cumplimiento"] < critico].itertuples():
        agregar("alta", "critico", "actividad", r.actividad, r, r.cumplimiento, critico,
                f"La actividad {r.actividad}{_quien(r)}, del {r.plan}, lleva el {pct(r.ejecutado)} frente al {pct(r.programado)} programado.")
    for r in riesgos[riesgos["materializado"]].itertuples():
        agregar("alta", "riesgo_materializado", "riesgo", r.riesgo, r, None, None,
                f"El riesgo {r.riesgo} ({r.tipo.lower()}, {r.proceso}) se materializó en {r.periodo_materializacion}.")
    for r in riesgos[riesgos["zona_residual"] == "Extremo"].itertuples():
        agregar("alta", "riesgo_extremo", "riesgo", r.riesgo, r, None, None,
                f"El riesgo {r.riesgo} ({r.proceso}) sigue en zona Extremo después de sus controles.")
    brecha = brecha_fisico_financiera(proyectos)
    for r, b in zip(proyectos.itertuples(), brecha, strict=True):
        if pd.notna(b) and abs(b) > parametros.umbral_brecha:
            sentido = "por delante" if b > 0 else "por detrás"
            agregar("media", "brecha_fisico_financiera", "proyecto", r.proyecto, r, b, parametros.umbral_brecha,
                    f"El proyecto {r.proyecto}{_quien(r)} tiene comprometido el {pct(r.ejecucion_presupuestal)} del presupuesto y un avance físico de "
                    f"{pct(r.avance_fisico)}: lo financiero va {sentido} {pct(abs(b), 1, simbolo=False)} puntos.", r.proyecto)
    umbral = parametros.umbral_sobreejecucion
    for r in metas[metas["cumplimiento"] > umbral].itertuples():
        agregar("media", "sobreejecucion", "meta", f"{r.proyecto}-{r.meta}", r, r.cumplimiento, umbral,
                f"La meta {r.proyecto}-{r.meta}{_quien(r)} va en {pct(r.cumplimiento)} de lo programado: revise la programación o "
                "el reporte (sobreejecución).", r.proyecto)
    for r in indicadores[indicadores["cumplimiento"] > umbral].itertuples():
        agregar("media", "sobreejecucion", "indicador", r.indicador, r, r.cumplimiento, umbral,
                f"El indicador {r.indicador}{_quien(r)} va en {pct(r.cumplimiento)} de su meta: revise la meta o el reporte (sobreejecución).")
    for r in indicadores[indicadores["reporte_atrasado"]].itertuples():
        agregar("baja", "reporte_atrasado", "indicador", r.indicador, r, None, None,
                f"El indicador {r.indicador}{_quien(r)} no reportó su último cierre ({r.periodicidad.lower()}); el cálculo usa lo reportado "
                f"hasta {r.ultimo_reporte}.")
    t = pd.DataFrame(filas, columns=COLUMNAS)
    t["_s"] = t["severidad"].map({s: i for i, s in enumerate(SEVERIDADES)})
    t = t.sort_values(["_s", "peso_presupuestal", "tipo", "item"], ascending=[True, False, True, True], kind="stable")
    return t.drop(columns="_s").reset_index(drop=True)
