"""El diccionario de datos: cada columna de cada tabla del modelo, documentada UNA sola vez.

De aquí salen el dtype de cada columna de :func:`~.tablas.tablas` y :func:`~.serie.serie_larga`,
el esquema del ``datapackage.json`` de los datos abiertos (:mod:`.datos_abiertos`), los
encabezados y formatos del Excel y ``docs/tablas.md`` (:mod:`.documentacion`; una prueba
verifica que el documento está al día). Una columna que se repite en varias tablas
(``periodo``, ``cumplimiento``, ``semaforo``…) se escribe una vez y se reutiliza.
"""

from __future__ import annotations

from ..libro.esquema import ANUALIZACIONES, IMPACTOS, PERIODICIDADES, PROBABILIDADES, SENTIDOS, TIPOS_RIESGO, ZONAS
from ..metricas.parametros import COMPONENTES
from .tipos import COLORES, Columna

PCT, MILL = "% (escala 0–100)", "millones de pesos (COP)"
_ESTADOS = ("activo", "cerrado")

PERIODO = Columna("periodo", "Periodo", "mes", "mes (AAAA-MM)",
                  "Mes publicado: todo lo de la fila es lo acumulado hasta el fin de este mes, con el plan como estaba ese mes.")
OBJETIVO = Columna("objetivo", "Objetivo", "entero", "código", "Número del objetivo estratégico.")
PROYECTO = Columna("proyecto", "Proyecto", "entero", "código", "Código del proyecto de inversión (p. ej. 7867).")
META = Columna("meta", "Meta", "entero", "código", "Número de la meta dentro de su proyecto.")
INDICADOR = Columna("indicador", "Indicador", "texto", "código", "Identificador del indicador de gestión (p. ej. GF-01).")
ACTIVIDAD = Columna("actividad", "Actividad", "texto", "código", "Identificador de la actividad del plan de acción integrado.")
RIESGO = Columna("riesgo", "Riesgo", "texto", "código", "Identificador del riesgo.")
NOMBRE = Columna("nombre", "Nombre", "texto", "texto", "Nombre, tal como está en el libro de seguimiento.")
PROCESO = Columna("proceso", "Proceso", "texto", "texto", "Proceso de la entidad al que pertenece.")
RESPONSABLE = Columna("responsable", "Responsable", "texto", "texto", "Dependencia que responde por el elemento.")
ESTADO = Columna("estado", "Estado", "categoria", "categoría",
                 "activo: dentro de su ventana; cerrado: pasó su vigente_hasta y sus valores quedan congelados en ese mes "
                 "(no cuenta en componentes, objetivos, índice ni alertas). Sección 6.1.", _ESTADOS)
DESDE = Columna("vigente_desde", "Vigente desde", "mes", "mes (AAAA-MM)", "Primer mes en que el elemento pertenece al plan.")
HASTA = Columna("vigente_hasta", "Vigente hasta", "mes", "mes (AAAA-MM)", "Último mes en que el elemento pertenece al plan.")
CORTE = Columna("corte", "Corte de cálculo", "mes", "mes (AAAA-MM)",
                "Mes con el que se calculan los valores: el periodo, o vigente_hasta si el elemento ya cerró.")
CUMPL = Columna("cumplimiento", "Cumplimiento (%)", "numero", PCT,
                "Cumplimiento de lo programado a la fecha. En metas, indicadores y actividades es el valor bruto (puede pasar "
                "de 100); en proyectos y objetivos, la media de los valores acotados a [0, 100]. Vacío si no está definido.")
CUMPL_TOPE = Columna("cumplimiento_tope", "Cumplimiento acotado (%)", "numero", PCT,
                     "El cumplimiento acotado a [0, 100]: el valor que entra en los agregados.")
CUMPL_ANT = Columna("cumplimiento_anterior", "Cumplimiento mes anterior (%)", "numero", PCT,
                    "El cumplimiento del mismo elemento al cierre del mes anterior (vacío en enero).")
PROYECCION = Columna("proyeccion_diciembre", "Proyección a diciembre (%)", "numero", PCT,
                     "Cumplimiento esperado en diciembre si se sostiene el ritmo de lo ejecutado sobre lo programado.")
SEMAFORO = Columna("semaforo", "Semáforo", "categoria", "categoría",
                   "Semáforo del cumplimiento (acotado a 100): rojo por debajo del umbral crítico (70 por omisión), amarillo hasta el "
                   "satisfactorio (90 por omisión), verde desde él (sección 3.6; rojo = crítico, amarillo = en riesgo, verde = "
                   "satisfactorio). Vacío si no hay cumplimiento.", COLORES, True)
OBSERVACION = Columna("observacion", "Observación", "texto", "texto",
                      "La observación más reciente escrita en el seguimiento hasta el periodo.")
OBS_PERIODO = Columna("observacion_periodo", "Mes de la observación", "mes", "mes (AAAA-MM)",
                      "Mes del reporte en que se escribió la observación.")
N_METAS = Columna("n_metas", "N.º metas", "entero", "número", "Metas activas que cuentan.")
PROG_VIG = Columna("programacion_vigencia", "Programación vigencia", "numero", "magnitud de la meta",
                   "Meta anual vigente en el periodo (con las reprogramaciones hasta el periodo).")
COMPONENTE = Columna("componente", "Componente", "categoria", "categoría",
                     "Componente del índice PAI al que aporta (sección 3.5).", COMPONENTES)
_OBS = (OBSERVACION, OBS_PERIODO)

COLUMNAS: dict[str, tuple[Columna, ...]] = {
    "objetivos": (
        PERIODO, OBJETIVO, NOMBRE, CUMPL, CUMPL_ANT, SEMAFORO, N_METAS,
        Columna("n_indicadores", "N.º indicadores", "entero", "número", "Indicadores vencidos que cuentan."),
        Columna("n_actividades", "N.º actividades", "entero", "número", "Actividades con cumplimiento definido que cuentan."),
    ),
    "proyectos": (
        PERIODO, PROYECTO, NOMBRE, OBJETIVO, RESPONSABLE, ESTADO, DESDE, HASTA, CORTE,
        Columna("presupuesto_programado", "Presupuesto programado (millones)", "numero", MILL,
                "Presupuesto programado para la vigencia en el plan."),
        Columna("avance_fisico", "Avance físico (%)", "numero", PCT,
                "Media ponderada (ponderacion) del avance de la vigencia acotado de sus metas."),
        CUMPL, CUMPL_ANT, PROYECCION, SEMAFORO, N_METAS,
        Columna("corte_presupuestal", "Corte presupuestal", "mes", "mes (AAAA-MM)", "Mes del último corte presupuestal hasta el periodo."),
        Columna("apropiacion_inicial", "Apropiación inicial (millones)", "numero", MILL, "Apropiación del primer corte del año (sección 6.3)."),
        Columna("modificaciones", "Modificaciones (millones)", "numero", MILL,
                "Suma de las modificaciones presupuestales hasta el periodo (apropiación vigente − inicial)."),
        Columna("n_modificaciones", "N.º modificaciones", "entero", "número", "Cuántas modificaciones presupuestales hubo."),
        Columna("apropiacion", "Apropiación vigente (millones)", "numero", MILL, "Apropiación vigente en el último corte."),
        Columna("compromisos", "Compromisos (millones)", "numero", MILL, "Compromisos acumulados en la vigencia al último corte."),
        Columna("giros", "Giros (millones)", "numero", MILL, "Giros acumulados en la vigencia al último corte (dinero, no %)."),
        Columna("compromisos_programados", "Compromisos programados (millones)", "numero", MILL,
                "Compromisos acumulados que se planeaba tener al corte (si el libro los trae)."),
        Columna("ejecucion_presupuestal", "Ejecución presupuestal (%)", "numero", PCT, "compromisos / apropiación × 100 (sección 3.2)."),
        Columna("giros_pct", "Giros (%)", "numero", PCT, "giros / apropiación × 100; en el JSON es «giros»."),
        Columna("giros_sobre_compromisos", "Giros sobre compromisos (%)", "numero", PCT, "giros / compromisos × 100."),
        Columna("ejecucion_programada", "Ejecución programada (%)", "numero", PCT, "compromisos programados / apropiación × 100."),
        *_OBS,
    ),
    "metas": (
        PERIODO, PROYECTO, META, NOMBRE, OBJETIVO, RESPONSABLE,
        Columna("anualizacion", "Anualización", "categoria", "categoría",
                "Cómo se acumula la meta en el año (sección 3.1).", ANUALIZACIONES),
        ESTADO, DESDE, HASTA, CORTE,
        Columna("programacion_cuatrienio", "Programación cuatrienio", "numero", "magnitud de la meta", "Meta del cuatrienio."),
        PROG_VIG,
        Columna("programacion_inicial", "Programación inicial", "numero", "magnitud de la meta",
                "Meta anual de la hoja metas, antes de reprogramaciones."),
        Columna("reprogramada", "Reprogramada", "booleano", "sí/no", "La meta anual cambió por una reprogramación (sección 6.2)."),
        Columna("ponderacion", "Ponderación", "numero", "peso relativo", "Peso de la meta dentro de su proyecto."),
        Columna("n_reportes", "N.º reportes", "entero", "número", "Reportes mensuales hasta el corte."),
        Columna("programado", "Programado a la fecha", "numero", "magnitud de la meta",
                "Valor programado a la fecha (Pf): suma de los meses en Suma y Creciente, último nivel en Constante y Decreciente."),
        Columna("ejecutado", "Ejecutado", "numero", "magnitud de la meta", "Valor ejecutado de la vigencia (E), con la misma regla."),
        Columna("programado_pct", "Programado a la fecha (%)", "numero", PCT, "Lo programado a la fecha sobre la meta anual."),
        Columna("avance_vigencia", "Avance vigencia (%)", "numero", PCT, "E / meta anual × 100 (bruto; Decreciente: sección 3.1)."),
        Columna("avance_vigencia_tope", "Avance vigencia acotado (%)", "numero", PCT, "El avance de la vigencia acotado a [0, 100]."),
        Columna("avance_cuatrienio", "Avance cuatrienio (%)", "numero", PCT,
                "Avance del cuatrienio, si el libro trae ejecutado_anterior (sección 3.1)."),
        CUMPL, CUMPL_TOPE, PROYECCION, SEMAFORO, *_OBS,
    ),
    "presupuesto": (
        PERIODO, PROYECTO, NOMBRE, OBJETIVO,
        Columna("presupuesto_programado", "Presupuesto programado (millones)", "numero", MILL,
                "Presupuesto programado del proyecto para la vigencia en el plan (el mismo en cada corte)."),
        Columna("apropiacion_inicial", "Apropiación inicial (millones)", "numero", MILL,
                "Apropiación del primer corte del año del proyecto (sección 6.3; la misma en cada corte)."),
        Columna("corte", "Corte", "mes", "mes (AAAA-MM)",
                "Mes del corte presupuestal: una fila por corte del libro hasta el periodo (la ejecución de cada mes en % "
                "está en serie_larga, nivel presupuesto; la del periodo, en proyectos)."),
        Columna("apropiacion", "Apropiación (millones)", "numero", MILL, "Apropiación vigente en ese corte."),
        Columna("compromisos", "Compromisos (millones)", "numero", MILL, "Compromisos acumulados en la vigencia hasta ese corte."),
        Columna("giros", "Giros (millones)", "numero", MILL, "Giros acumulados en la vigencia hasta ese corte."),
        Columna("movimiento_compromisos", "Movimiento compromisos (millones)", "numero", MILL,
                "Compromisos de este corte menos los del corte anterior del mismo proyecto (el acumulado en el primero). "
                "Negativo: anulaciones o liberaciones (sección 8.1)."),
        Columna("movimiento_giros", "Movimiento giros (millones)", "numero", MILL,
                "Giros de este corte menos los del anterior. Negativo: reintegros (sección 8.1)."),
        Columna("observacion", "Observación del corte", "texto", "texto", "Observación escrita en ese corte."),
    ),
    "indicadores": (
        PERIODO, INDICADOR, NOMBRE, PROCESO, OBJETIVO, RESPONSABLE,
        Columna("unidad", "Unidad", "texto", "texto", "Unidad del resultado y de la meta (%, días, número…)."),
        Columna("sentido", "Sentido", "categoria", "categoría", "mayor: más es mejor; menor: menos es mejor.", SENTIDOS),
        Columna("periodicidad", "Periodicidad", "categoria", "categoría", "Cada cuánto se mide.", PERIODICIDADES),
        Columna("meta", "Meta", "numero", "la unidad del indicador", "Valor objetivo del indicador."),
        ESTADO, DESDE, HASTA, CORTE,
        Columna("debido", "Vencido", "booleano", "sí/no", "Al menos uno de sus periodos de medición cerró hasta el corte (sección 3.3)."),
        Columna("n_mediciones", "N.º mediciones", "entero", "número", "Mediciones hasta el corte."),
        Columna("metodo", "Método", "categoria", "categoría",
                "razon_de_sumas: Σ numerador / Σ denominador × 100; promedio: media de los resultados (sección 3.3).",
                ("razon_de_sumas", "promedio")),
        Columna("resultado", "Resultado", "numero", "la unidad del indicador", "Resultado acumulado de la vigencia al corte."),
        CUMPL, CUMPL_TOPE, SEMAFORO,
        Columna("sin_reporte", "Sin reporte", "booleano", "sí/no", "Vencido y sin ninguna medición: cuenta como 0."),
        Columna("reporte_atrasado", "Reporte atrasado", "booleano", "sí/no", "Le falta la medición del último cierre vencido."),
        Columna("ultimo_reporte", "Último reporte", "mes", "mes (AAAA-MM)", "Mes de la última medición."),
        *_OBS,
    ),
    "actividades": (
        PERIODO, ACTIVIDAD, NOMBRE,
        Columna("plan", "Plan", "texto", "texto", "Plan del plan de acción integrado (Decreto 612 de 2018)."),
        Columna("dependencia", "Dependencia", "texto", "texto", "Dependencia que la ejecuta."),
        OBJETIVO, RESPONSABLE, ESTADO, DESDE, HASTA, CORTE,
        Columna("programado", "Programado acumulado (%)", "numero", PCT, "Avance acumulado planeado al último reporte."),
        Columna("ejecutado", "Ejecutado acumulado (%)", "numero", PCT, "Avance acumulado logrado al último reporte."),
        CUMPL, CUMPL_TOPE,
        Columna("rezago", "Rezago (puntos)", "numero", "puntos porcentuales", "programado − ejecutado."),
        SEMAFORO,
        Columna("sin_reporte", "Sin reporte", "booleano", "sí/no", "La actividad no tiene reporte hasta el corte."),
        *_OBS,
    ),
    "riesgos": (
        PERIODO, RIESGO, PROCESO,
        Columna("responsable", "Responsable", "texto", "texto",
                "Dependencia que responde por el riesgo: la de la columna responsable de riesgos; vacía en el libro, la que "
                "responde por todos los indicadores de su proceso (o por el proyecto del mismo nombre). Sección 10."),
        Columna("tipo", "Tipo", "categoria", "categoría", "Corrupción o Gestión.", TIPOS_RIESGO),
        Columna("descripcion", "Descripción", "texto", "texto", "Descripción del riesgo."),
        Columna("probabilidad", "Probabilidad inherente", "categoria", "nivel DAFP", "Sección 3.7.", PROBABILIDADES, True),
        Columna("impacto", "Impacto inherente", "categoria", "nivel DAFP", "Sección 3.7.", IMPACTOS, True),
        Columna("zona_inherente", "Zona inherente", "categoria", "zona DAFP", "Zona de (probabilidad, impacto).", ZONAS, True),
        Columna("n_controles", "N.º controles", "entero", "número", "Controles del riesgo."),
        Columna("probabilidad_residual_valor", "Probabilidad residual (valor)", "numero", "escala DAFP 0–100",
                "Valor de la probabilidad tras aplicar los controles preventivos y detectivos."),
        Columna("impacto_residual_valor", "Impacto residual (valor)", "numero", "escala DAFP 0–100",
                "Valor del impacto tras los controles correctivos (en corrupción no se mueve)."),
        Columna("probabilidad_residual", "Probabilidad residual", "categoria", "nivel DAFP", "Nivel del valor residual.",
                PROBABILIDADES, True),
        Columna("impacto_residual", "Impacto residual", "categoria", "nivel DAFP", "Nivel del valor residual.", IMPACTOS, True),
        Columna("zona_residual", "Zona residual", "categoria", "zona DAFP", "Zona residual.", ZONAS, True),
        Columna("materializado", "Materializado", "booleano", "sí/no", "Algún seguimiento hasta el periodo dice Sí."),
        Columna("periodo_materializacion", "Mes de materialización", "mes", "mes (AAAA-MM)", "Primer mes en que se materializó."),
        *_OBS,
    ),
}

COLUMNAS["alertas"] = (
    PERIODO,
    Columna("severidad", "Severidad", "categoria", "categoría", "baja < media < alta: qué mirar primero.", ("baja", "media", "alta"), True),
    Columna("tipo", "Tipo", "categoria", "categoría",
            "critico, sin_reporte, reporte_atrasado, sobreejecucion, brecha_fisico_financiera, riesgo_extremo o riesgo_materializado.",
            ("critico", "sin_reporte", "reporte_atrasado", "sobreejecucion", "brecha_fisico_financiera", "riesgo_extremo",
             "riesgo_materializado")),
    Columna("elemento", "Elemento", "categoria", "categoría", "Qué nivel dispara la alerta.",
            ("proyecto", "meta", "indicador", "actividad", "riesgo")),
    Columna("item", "Ítem", "texto", "código", "Código del elemento como se escribe en los informes: 7871, 7871-2, GF-01, R-01."),
    NOMBRE, RESPONSABLE,
    Columna("valor", "Valor", "numero", "la del tipo: % o puntos", "La cifra que disparó la alerta (vacía si no aplica)."),
    Columna("umbral", "Umbral", "numero", "la del valor", "El umbral de los parámetros con que se comparó."),
    Columna("mensaje", "Mensaje", "texto", "texto", "La alerta en una frase en español."),
    *_OBS,
    Columna("proyecto", "Proyecto", "entero", "código", "Proyecto implicado (el de la meta), si lo hay."),
    Columna("peso_presupuestal", "Peso presupuestal (%)", "numero", PCT,
            "Presupuesto programado del proyecto implicado sobre el total (ordena las alertas de igual severidad)."),
)

COLUMNAS["dimensiones"] = (
    PERIODO,
    Columna("nivel", "Nivel", "categoria", "categoría", "Qué clase de código es la fila.",
            ("objetivo", "proyecto", "meta", "indicador", "actividad", "riesgo"), True),
    Columna("clave", "Clave", "texto", "código",
            "El código como texto, único en su nivel: 3, 7867, 7867-1, GF-01, PA-01, R-01 (para mostrar; para unir, las columnas tipadas)."),
    OBJETIVO, PROYECTO, META, INDICADOR, ACTIVIDAD, RIESGO, NOMBRE,
    Columna("nombre_objetivo", "Nombre del objetivo", "texto", "texto", "Nombre del objetivo estratégico de la fila."),
    COMPONENTE, PROCESO, RESPONSABLE, ESTADO,
)

COLUMNAS["dependencias"] = (  # sección 10: una fila por dependencia con algún elemento activo en el periodo
    PERIODO,
    Columna("dependencia", "Dependencia", "texto", "texto", "Dependencia (área) que responde: el responsable de la meta (o de su "
            "proyecto), del indicador y del riesgo, la dependencia de la actividad; «Sin dependencia»: la oficina."),
    Columna("debidos", "Debidos", "entero", "número", "Elementos que debían reportar su valor del periodo: metas, actividades y "
            "riesgos activos, e indicadores activos cuya periodicidad cierra en el periodo."),
    Columna("reportados", "Reportados", "entero", "número", "De los debidos, los que tienen su valor del periodo en el libro."),
    Columna("faltantes", "Faltantes", "entero", "número", "debidos − reportados."),
    Columna("porcentaje_reportado", "Reportado (%)", "numero", PCT, "reportados / debidos × 100; vacío si no debía nada."),
    Columna("estado_reporte", "Estado del reporte", "categoria", "categoría", "sin_reportes: no entregó nada de lo debido; "
            "incompleto: una parte; completo: todo; nada_debido: no debía nada.", ("sin_reportes", "incompleto", "completo", "nada_debido")),
    Columna("en_rojo", "En rojo", "entero", "número", "Metas, indicadores y actividades activos de la dependencia en rojo (crítico)."),
    Columna("alertas", "Alertas", "entero", "número", "Alertas del periodo cuyo responsable es la dependencia."),
)

COLUMNAS["modificaciones"] = (
    PERIODO, PROYECTO, NOMBRE,
    Columna("mes", "Mes", "mes", "mes (AAAA-MM)", "Mes del corte en que cambió la apropiación."),
    Columna("anterior", "Apropiación anterior (millones)", "numero", MILL, "Apropiación del corte anterior."),
    Columna("nueva", "Apropiación nueva (millones)", "numero", MILL, "Apropiación de este corte."),
    Columna("monto", "Monto (millones)", "numero", MILL, "nueva − anterior: positivo entra dinero, negativo sale."),
    Columna("tipo", "Tipo", "categoria", "categoría", "Sección 6.3.", ("adición", "reducción", "traslado por armonización")),
    Columna("destino", "Destino", "texto", "código", "Proyecto(s) que reciben un traslado por armonización."),
    OBSERVACION,
)

COLUMNAS["armonizacion"] = (
    PERIODO,
    Columna("proyecto_anterior", "Proyecto anterior", "entero", "código", "Proyecto del plan que termina."),
    Columna("nombre_anterior", "Nombre del anterior", "texto", "texto", "Su nombre."),
    Columna("proyecto_nuevo", "Proyecto nuevo", "entero", "código", "Proyecto del plan nuevo que lo continúa."),
    Columna("nombre_nuevo", "Nombre del nuevo", "texto", "texto", "Su nombre."),
    Columna("mes", "Mes", "mes", "mes (AAAA-MM)", "Primer mes del proyecto nuevo (sección 6.4)."),
    Columna("apropiacion_anterior_antes", "Apropiación anterior antes (millones)", "numero", MILL,
            "Apropiación del proyecto anterior en el corte previo a la armonización."),
    Columna("apropiacion_anterior_despues", "Apropiación anterior después (millones)", "numero", MILL,
            "Apropiación del proyecto anterior desde la armonización."),
    Columna("reduccion", "Reducción (millones)", "numero", MILL,
            "Lo que salió del proyecto anterior (vacía si el proyecto ya se mostró en una fila anterior: cada peso una vez)."),
    Columna("apropiacion_inicial_nuevo", "Apropiación inicial del nuevo (millones)", "numero", MILL,
            "Primera apropiación del proyecto nuevo (vacía si ya se mostró en una fila anterior)."),
    Columna("traslado", "Traslado (millones)", "numero", MILL,
            "Lo que pasó de este proyecto anterior a este nuevo; en un reparto (7868 → 8094 y 8112), la parte de cada par."),
    Columna("observaciones", "Observaciones", "texto", "texto", "Observaciones de la hoja armonizacion."),
)

COLUMNAS["reprogramaciones"] = (
    PERIODO, PROYECTO, META, NOMBRE,
    Columna("mes", "Mes", "mes", "mes (AAAA-MM)", "Primer mes en que rige la meta anual nueva (sección 6.2)."),
    Columna("anterior", "Meta anual anterior", "numero", "magnitud de la meta", "Meta anual antes del cambio."),
    Columna("nueva", "Meta anual nueva", "numero", "magnitud de la meta", "Meta anual desde ese mes."),
    Columna("motivo", "Motivo", "texto", "texto", "Por qué se reprogramó."),
)

NIVELES_SERIE = ("indice", "componente", "objetivo", "proyecto", "meta", "indicador", "actividad", "presupuesto", "riesgo")
COLUMNAS["serie"] = (
    Columna("periodo", "Periodo", "mes", "mes (AAAA-MM)", "Mes de la fila: lo calculado con calcular_metricas de ese mes."),
    Columna("nivel", "Nivel", "categoria", "categoría", "Nivel de la fila, del más agregado al más fino.", NIVELES_SERIE, True),
    Columna("clave", "Clave", "texto", "código",
            "Etiqueta única en su nivel, para pivotar: indice_pai, proyectos_inversion, 3, 7867, 7867-1, GF-01, PA-01, R-01. "
            "Para unir con otras tablas, las columnas tipadas."),
    NOMBRE, COMPONENTE, OBJETIVO, PROYECTO, META, INDICADOR, ACTIVIDAD, RIESGO, ESTADO,
    Columna("valor", "Valor (%)", "numero", PCT,
            "Cumplimiento (índice, componentes, objetivos, proyectos, metas, indicadores, actividades); en presupuesto, la "
            "ejecución presupuestal; vacío en riesgos y cuando no está definido."),
    SEMAFORO,
    Columna("variacion", "Variación (puntos)", "numero", "puntos porcentuales",
            "valor − valor del mismo elemento el mes anterior; vacío en enero o si uno de los dos falta."),
    Columna("materializado", "Materializado", "booleano", "sí/no", "Solo en riesgos: materializado hasta ese mes."),
)

TABLAS_ABIERTAS = ("objetivos", "proyectos", "metas", "presupuesto", "indicadores", "actividades", "riesgos", "alertas",
                   "dependencias")
TABLAS = (*TABLAS_ABIERTAS, "dimensiones", "modificaciones", "armonizacion", "reprogramaciones")


def columnas_de(tabla: str) -> tuple[Columna, ...]:
    try:
        return COLUMNAS[tabla]
    except KeyError:
        raise KeyError(f"tabla desconocida «{tabla}»; las del modelo son {', '.join(COLUMNAS)}") from None
