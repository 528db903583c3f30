"""Las hojas del Excel para analistas: qué columnas lleva cada una, con su encabezado y formato.

Solo definiciones (sin lógica): :mod:`.excel` las escribe. Los formatos son códigos de número
de Excel: porcentajes en escala 0–100 con ``0.0" %"`` (no el ``%`` de Excel, que multiplica por
100) y dinero en millones con ``#,##0``.
"""

from __future__ import annotations

PCT, MILLONES, DECIMAL, ENTERO = '0.0" %"', "#,##0", "#,##0.00", "0"

# (columna de la tabla, encabezado, formato); formato None = texto. «semaforo» se muestra con su etiqueta.
_CUMPL = ("cumplimiento", "Cumplimiento (%)", PCT)
_SEM = ("semaforo", "Semáforo", None)
HOJAS = {
    "objetivos": [
        ("objetivo", "Objetivo", ENTERO),
        ("nombre", "Nombre", None),
        _CUMPL,
        ("cumplimiento_anterior", "Cumplimiento mes anterior (%)", PCT),
        _SEM,
        ("n_metas", "N.º metas", ENTERO),
        ("n_indicadores", "N.º indicadores", ENTERO),
        ("n_actividades", "N.º actividades", ENTERO),
    ],
    "proyectos": [
        ("proyecto", "Proyecto", ENTERO),
        ("nombre", "Nombre", None),
        ("objetivo", "Objetivo", ENTERO),
        ("presupuesto_programado", "Presupuesto programado (millones)", MILLONES),
        ("avance_fisico", "Avance físico (%)", PCT),
        _CUMPL,
        ("cumplimiento_anterior", "Cumplimiento mes anterior (%)", PCT),
        ("proyeccion_diciembre", "Proyección a diciembre (%)", PCT),
        _SEM,
        ("n_metas", "N.º metas", ENTERO),
        ("corte", "Corte presupuestal", None),
        ("apropiacion", "Apropiación (millones)", MILLONES),
        ("compromisos", "Compromisos (millones)", MILLONES),
        ("giros", "Giros (millones)", MILLONES),
        ("ejecucion_presupuestal", "Ejecución presupuestal (%)", PCT),
        ("giros_pct", "Giros (%)", PCT),
        ("giros_sobre_compromisos", "Giros sobre compromisos (%)", PCT),
    ],
    "metas": [
        ("proyecto", "Proyecto", ENTERO),
        ("meta", "Meta", ENTERO),
        ("nombre", "Nombre", None),
        ("anualizacion", "Anualización", None),
        ("objetivo", "Objetivo", ENTERO),
        ("programacion_vigencia", "Programación vigencia", DECIMAL),
        ("programacion_cuatrienio", "Programación cuatrienio", DECIMAL),
        ("ponderacion", "Ponderación", DECIMAL),
        ("n_reportes", "N.º reportes", ENTERO),
        ("programado", "Programado a la fecha", DECIMAL),
        ("ejecutado", "Ejecutado", DECIMAL),
        ("avance_vigencia", "Avance vigencia (%)", PCT),
        ("avance_cuatrienio", "Avance cuatrienio (%)", PCT),
        _CUMPL,
        _SEM,
    ],
    "indicadores": [
        ("indicador", "Indicador", None),
        ("proceso", "Proceso", None),
        ("nombre", "Nombre", None),
        ("meta", "Meta", DECIMAL),
        ("unidad", "Unidad", None),
        ("sentido", "Sentido", None),
        ("periodicidad", "Periodicidad", None),
        ("objetivo", "Objetivo", ENTERO),
        ("debido", "Vencido", None),
        ("n_mediciones", "N.º mediciones", ENTERO),
        ("resultado", "Resultado", DECIMAL),
        _CUMPL,
        _SEM,
        ("sin_reporte", "Sin reporte", None),
        ("reporte_atrasado", "Reporte atrasado", None),
        ("ultimo_reporte", "Último reporte", None),
    ],
    "actividades": [
        ("actividad", "Actividad", None),
        ("plan", "Plan", None),
        ("dependencia", "Dependencia", None),
        ("nombre", "Nombre", None),
        ("objetivo", "Objetivo", ENTERO),
        ("corte", "Corte", None),
        ("programado", "Programado acumulado (%)", PCT),
        ("ejecutado", "Ejecutado acumulado (%)", PCT),
        _CUMPL,
        ("rezago", "Rezago (puntos)", DECIMAL),
        _SEM,
        ("sin_reporte", "Sin reporte", None),
    ],
    "riesgos": [
        ("riesgo", "Riesgo", None),
        ("proceso", "Proceso", None),
        ("tipo", "Tipo", None),
        ("descripcion", "Descripción", None),
        ("probabilidad", "Probabilidad inherente", None),
        ("impacto", "Impacto inherente", None),
        ("zona_inherente", "Zona inherente", None),
        ("n_controles", "N.º controles", ENTERO),
        ("probabilidad_residual", "Probabilidad residual", None),
        ("impacto_residual", "Impacto residual", None),
        ("zona_residual", "Zona residual", None),
        ("materializado", "Materializado", None),
        ("periodo_materializacion", "Mes de materialización", None),
    ],
    "alertas": [
        ("severidad", "Severidad", None),
        ("tipo", "Tipo", None),
        ("elemento", "Elemento", None),
        ("item", "Ítem", None),
        ("mensaje", "Mensaje", None),
        ("proyecto", "Proyecto", ENTERO),
        ("peso_presupuestal", "Peso presupuestal (%)", PCT),
    ],
}
# columnas de cumplimiento que se colorean con el semáforo
CON_SEMAFORO = {
    "cumplimiento",
    "cumplimiento_anterior",
    "proyeccion_diciembre",
    "Valor",
    "Mes anterior",
    "Proyección a diciembre",
}

__all__ = ["CON_SEMAFORO", "DECIMAL", "ENTERO", "HOJAS", "MILLONES", "PCT"]
