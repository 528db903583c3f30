"""Alertas del periodo: qué mirar primero. Cada alerta es un dato (elemento, valor, umbral), sin frase.

Tipos: ``critico`` (meta, proyecto, indicador o actividad en semáforo crítico),
``sin_reporte`` (indicador vencido sin ninguna medición), ``reporte_atrasado`` (indicador
cuyo último cierre no se reportó), ``sobreejecucion`` (cumplimiento bruto > umbral),
``brecha_fisico_financiera`` (ejecución presupuestal lejos del avance físico),
``riesgo_extremo`` (zona residual Extremo) y ``riesgo_materializado``.
Orden: severidad (alta, media, baja) y luego peso presupuestal del proyecto implicado.

Columnas: ``severidad``, ``tipo``, ``elemento`` (proyecto, meta, indicador, actividad,
riesgo), ``item`` (su código: ``7871``, ``7871-2``, ``GF-01``…), ``nombre``, ``responsable`` (la
dependencia que responde), ``valor`` (la cifra que disparó la alerta, en su escala; en la brecha,
los puntos con signo: positivo si lo financiero va por delante), ``umbral``, ``observacion`` y
``observacion_periodo`` (la última observación del elemento hasta P: el porqué), ``proyecto`` y
``peso_presupuestal``. Después, :data:`DATOS_FRASE`: lo que la frase dice además del valor y el
umbral (vacío donde su tipo no lo usa): ``proceso`` (indicador, riesgo), ``plan``, ``ejecutado`` y
``programado`` (actividad), ``ejecucion_presupuestal`` y ``avance_fisico`` (brecha),
``periodicidad`` y ``ultimo_reporte`` (reporte atrasado), ``tipo_riesgo`` y
``periodo_materializacion`` (riesgo materializado). Solo reciben elementos activos: un elemento
cerrado no genera alertas.

La frase de cada alerta (la columna ``mensaje`` del JSON, el Excel y los informes) no se arma
aquí: la redacta :mod:`pai_analisis.informes.lecturas.alertas` con estas columnas.
"""

from __future__ import annotations

import pandas as pd

from .presupuesto import brecha_fisico_financiera

SEVERIDADES = ("alta", "media", "baja")
DATOS_FRASE = ["proceso", "plan", "ejecutado", "programado", "ejecucion_presupuestal", "avance_fisico", "periodicidad",
               "ultimo_reporte", "tipo_riesgo", "periodo_materializacion"]
COLUMNAS = ["severidad", "tipo", "elemento", "item", "nombre", "responsable", "valor", "umbral", "observacion",
            "observacion_periodo", "proyecto", "peso_presupuestal", *DATOS_FRASE]


def calcular_alertas(metas, proyectos, indicadores, actividades, riesgos, parametros) -> pd.DataFrame:
    presupuesto = proyectos.set_index("proyecto")["presupuesto_programado"]
    total = presupuesto.sum()
    # sin presupuesto programado (total 0) no hay peso: 0, no NaN (un NaN mandaría esas alertas al final de su severidad)
    pesos = (presupuesto / total).fillna(0.0).to_dict() if total > 0 else {}
    filas: list[dict] = []

    def agregar(severidad, tipo, elemento, item, r, valor, umbral, proyecto=None, **datos):
        obs = getattr(r, "observacion", None)
        filas.append({"severidad": severidad, "tipo": tipo, "elemento": elemento, "item": str(item),
                      "nombre": getattr(r, "nombre", None) if elemento != "riesgo" else getattr(r, "descripcion", None),
                      "responsable": getattr(r, "responsable", None),
                      "valor": None if valor is None or pd.isna(valor) else float(valor),
                      "umbral": None if umbral is None else float(umbral),
                      "observacion": obs if isinstance(obs, str) else None,
                      "observacion_periodo": getattr(r, "observacion_periodo", None) if isinstance(obs, str) else None,
                      "proyecto": proyecto, "peso_presupuestal": pesos.get(proyecto, 0.0), **datos})

    critico = parametros.umbral_critico
    for r in proyectos[proyectos["cumplimiento"] < critico].itertuples():
        agregar("alta", "critico", "proyecto", r.proyecto, r, r.cumplimiento, critico, r.proyecto)
    for r in metas[metas["cumplimiento"] < critico].itertuples():
        agregar("alta", "critico", "meta", f"{r.proyecto}-{r.meta}", r, r.cumplimiento, critico, r.proyecto)
    for r in indicadores[indicadores["sin_reporte"]].itertuples():
        agregar("alta", "sin_reporte", "indicador", r.indicador, r, None, None, proceso=r.proceso)
    for r in indicadores[~indicadores["sin_reporte"] & (indicadores["cumplimiento"] < critico)].itertuples():
        agregar("alta", "critico", "indicador", r.indicador, r, r.cumplimiento, critico, proceso=r.proceso)
    for r in actividades[actividades["cumplimiento"] < critico].itertuples():
        agregar("alta", "critico", "actividad", r.actividad, r, r.cumplimiento, critico, plan=r.plan, ejecutado=r.ejecutado,
                programado=r.programado)
    for r in riesgos[riesgos["materializado"]].itertuples():
        agregar("alta", "riesgo_materializado", "riesgo", r.riesgo, r, None, None, proceso=r.proceso, tipo_riesgo=r.tipo,
                periodo_materializacion=r.periodo_materializacion)
    for r in riesgos[riesgos["zona_residual"] == "Extremo"].itertuples():
        agregar("alta", "riesgo_extremo", "riesgo", r.riesgo, r, None, None, proceso=r.proceso)
    brecha = brecha_fisico_financiera(proyectos)
    for r, b in zip(proyectos.itertuples(), brecha, strict=True):
        if pd.notna(b) and abs(b) > parametros.umbral_brecha:
            agregar("media", "brecha_fisico_financiera", "proyecto", r.proyecto, r, b, parametros.umbral_brecha, r.proyecto,
                    ejecucion_presupuestal=r.ejecucion_presupuestal, avance_fisico=r.avance_fisico)
    umbral = parametros.umbral_sobreejecucion
    for r in metas[metas["cumplimiento"] > umbral].itertuples():
        agregar("media", "sobreejecucion", "meta", f"{r.proyecto}-{r.meta}", r, r.cumplimiento, umbral, r.proyecto)
    for r in indicadores[indicadores["cumplimiento"] > umbral].itertuples():
        agregar("media", "sobreejecucion", "indicador", r.indicador, r, r.cumplimiento, umbral)
    for r in indicadores[indicadores["reporte_atrasado"]].itertuples():
        agregar("baja", "reporte_atrasado", "indicador", r.indicador, r, None, None, periodicidad=r.periodicidad,
                ultimo_reporte=r.ultimo_reporte)
    t = pd.DataFrame(filas, columns=COLUMNAS)
    t["_s"] = t["severidad"].map({s: i for i, s in enumerate(SEVERIDADES)})
    t = t.sort_values(["_s", "peso_presupuestal", "tipo", "item"], ascending=[True, False, True, True], kind="stable")
    return t.drop(columns="_s").reset_index(drop=True)
