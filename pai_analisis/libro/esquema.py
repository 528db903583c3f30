"""El contrato del libro de seguimiento (sección 2 de la especificación): hojas y columnas.

Cada columna declara su tipo, si la columna debe existir, si el valor es obligatorio y,
para los códigos, los valores permitidos (en su forma canónica). La validación, la carga
y la plantilla leen esta única definición.
"""

from __future__ import annotations

from dataclasses import dataclass

ANUALIZACIONES = ("Suma", "Creciente", "Constante", "Decreciente")
SENTIDOS = ("mayor", "menor")
PERIODICIDADES = ("Mensual", "Trimestral", "Semestral", "Anual")
# Meses entre dos cierres de medición de un indicador: cierra en los meses múltiplos de este paso
# (Trimestral: 3, 6, 9, 12). La única tabla de frecuencias del paquete.
MESES_POR_PERIODO = {"Mensual": 1, "Trimestral": 3, "Semestral": 6, "Anual": 12}
TIPOS_RIESGO = ("Corrupción", "Gestión")
PROBABILIDADES = ("Muy baja", "Baja", "Media", "Alta", "Muy alta")
IMPACTOS = ("Leve", "Menor", "Moderado", "Mayor", "Catastrófico")
TIPOS_CONTROL = ("Preventivo", "Detectivo", "Correctivo")
IMPLEMENTACIONES = ("Automático", "Manual")
SI_NO = ("Sí", "No")
ZONAS = ("Bajo", "Moderado", "Alto", "Extremo")
# Los planes del plan de acción integrado (Decreto 612 de 2018), como los nombra el PAI 2024.
PLANES = (
    "Plan Estratégico de Talento Humano",
    "Plan de Capacitación",
    "Plan de Incentivos Institucionales",
    "Plan de Trabajo Anual en Seguridad y Salud en el Trabajo",
    "Plan Anual de Vacantes",
    "Plan de Previsión de Recursos Humanos",
    "Plan Anual de Adquisiciones",
    "Plan Institucional de Archivos de la Entidad",
    "Programa de Transparencia y Ética Pública",
    "Plan Institucional de Participación Ciudadana",
    "Plan Estratégico de Tecnologías de la Información y las Comunicaciones",
    "Plan de Seguridad y Privacidad de la Información",
    "Plan de Tratamiento de Riesgos de Seguridad y Privacidad de la Información",
    "Estrategia Anual de Atención y Servicio al Ciudadano",
)


@dataclass(frozen=True)
class Columna:
    nombre: str
    tipo: str  # entero | numero | texto | id | codigo | periodo
    requerida: bool = True  # la columna debe existir en la hoja
    obligatoria: bool = True  # cada fila debe tener valor
    valores: tuple[str, ...] = ()  # valores canónicos de un código
    no_negativo: bool = False
    descripcion: str = ""


def _c(nombre, tipo, descripcion="", **kw) -> Columna:
    return Columna(nombre, tipo, descripcion=descripcion, **kw)


def _opc(nombre, tipo, descripcion="", **kw) -> Columna:
    return Columna(nombre, tipo, requerida=False, obligatoria=False, descripcion=descripcion, **kw)


def _ventana(que: str) -> tuple[Columna, Columna]:
    """``vigente_desde`` y ``vigente_hasta`` (sección 6.1): cuándo pertenece ``que`` al plan (vacías: toda la vigencia)."""
    return (_opc("vigente_desde", "periodo", f"Primer mes en que {que} hace parte del plan (AAAA-MM; vacío: enero)"),
            _opc("vigente_hasta", "periodo", f"Último mes en que {que} hace parte del plan (AAAA-MM; vacío: diciembre)"))


HOJAS: dict[str, tuple[Columna, ...]] = {
    "objetivos": (
        _c("objetivo", "entero", "Número del objetivo estratégico"),
        _c("nombre", "texto", "Enunciado del objetivo"),
    ),
    "proyectos": (
        _c("proyecto", "entero", "Código del proyecto de inversión (p. ej. 7867)"),
        _c("nombre", "texto", "Nombre del proyecto"),
        _c("objetivo", "entero", "Objetivo estratégico al que aporta"),
        _c("presupuesto_programado", "numero", "Presupuesto de la vigencia, en millones (vacío: aún sin programar)",
           obligatoria=False, no_negativo=True),
        _opc("responsable", "texto", "Dependencia que responde por el proyecto"),
        *_ventana("el proyecto"),
    ),
    "metas": (
        _c("proyecto", "entero", "Código del proyecto"),
        _c("meta", "entero", "Número de la meta dentro del proyecto"),
        _c("nombre", "texto", "Enunciado de la meta"),
        _c("anualizacion", "codigo", "Tipo de anualización", valores=ANUALIZACIONES),
        _c("programacion_cuatrienio", "numero", "Magnitud programada en el cuatrienio"),
        _c("programacion_vigencia", "numero", "Magnitud programada en la vigencia (vacío: aún sin programar)", obligatoria=False),
        _opc("objetivo", "entero", "Objetivo propio (si difiere del del proyecto)"),
        _opc("linea_base", "numero", "Línea base (obligatoria para Decreciente)"),
        _opc("ponderacion", "numero", "Peso dentro del proyecto (vacío: iguales)", no_negativo=True),
        _opc("ejecutado_anterior", "numero", "Magnitud lograda antes de la vigencia"),
        _opc("responsable", "texto", "Dependencia que responde por la meta (vacío: la del proyecto)"),
        *_ventana("la meta (vacío: la ventana del proyecto)"),
    ),
    "seguimiento_metas": (
        _c("proyecto", "entero", "Código del proyecto"),
        _c("meta", "entero", "Número de la meta"),
        _c("periodo", "periodo", "Mes reportado (AAAA-MM)"),
        _c("programado", "numero", "Programado en el mes (Suma, Creciente) o nivel (Constante, Decreciente)", no_negativo=True),
        _c("ejecutado", "numero", "Ejecutado en el mes (Suma, Creciente) o nivel (Constante, Decreciente)", no_negativo=True),
        _opc("observaciones", "texto", "Observaciones"),
    ),
    "presupuesto": (
        _c("proyecto", "entero", "Código del proyecto"),
        _c("periodo", "periodo", "Mes de corte (AAAA-MM)"),
        _c("apropiacion", "numero", "Apropiación vigente, en millones", no_negativo=True),
        _c("compromisos", "numero", "Compromisos acumulados en el año, en millones", no_negativo=True),
        _c("giros", "numero", "Giros acumulados en el año, en millones", no_negativo=True),
        _opc("compromisos_programados", "numero", "Compromisos programados acumulados, en millones", no_negativo=True),
        _opc("observaciones", "texto", "Observaciones del corte (modificaciones, traslados, causas)"),
    ),
    "indicadores": (
        _c("indicador", "id", "Identificador (p. ej. GF-01)"),
        _c("proceso", "texto", "Proceso institucional"),
        _c("nombre", "texto", "Enunciado del indicador"),
        _c("meta", "numero", "Valor meta", no_negativo=True),
        _c("unidad", "texto", "Unidad (%, días, número…)"),
        _c("sentido", "codigo", "mayor: más es mejor; menor: menos es mejor", valores=SENTIDOS),
        _c("periodicidad", "codigo", "Frecuencia de medición", valores=PERIODICIDADES),
        _c("objetivo", "entero", "Objetivo estratégico"),
        _opc("responsable", "texto", "Dependencia que responde por el indicador (el dueño del proceso)"),
        *_ventana("el indicador"),
    ),
    "seguimiento_indicadores": (
        _c("indicador", "id", "Identificador del indicador"),
        _c("periodo", "periodo", "Mes medido (AAAA-MM)"),
        _opc("resultado", "numero", "Resultado de la medición", no_negativo=True),
        _opc("numerador", "numero", "Numerador", no_negativo=True),
        _opc("denominador", "numero", "Denominador", no_negativo=True),
        _opc("observaciones", "texto", "Observaciones de la medición"),
    ),
    "actividades": (
        _c("actividad", "id", "Identificador de la actividad"),
        _c("plan", "codigo", "Plan del Decreto 612 de 2018", valores=PLANES),
        _c("dependencia", "texto", "Dependencia responsable"),
        _c("nombre", "texto", "Descripción de la actividad"),
        _c("objetivo", "entero", "Objetivo estratégico"),
        *_ventana("la actividad"),
    ),
    "seguimiento_actividades": (
        _c("actividad", "id", "Identificador de la actividad"),
        _c("periodo", "periodo", "Mes de corte (AAAA-MM)"),
        _c("programado", "numero", "% acumulado programado a ese mes", no_negativo=True),
        _c("ejecutado", "numero", "% acumulado ejecutado a ese mes", no_negativo=True),
        _opc("observaciones", "texto", "Observaciones del corte"),
    ),
    "riesgos": (
        _c("riesgo", "id", "Identificador del riesgo"),
        _c("proceso", "texto", "Proceso o proyecto"),
        _c("tipo", "codigo", "Corrupción o Gestión", valores=TIPOS_RIESGO),
        _c("descripcion", "texto", "Descripción del riesgo"),
        _c("probabilidad", "codigo", "Probabilidad inherente", valores=PROBABILIDADES),
        _c("impacto", "codigo", "Impacto inherente", valores=IMPACTOS),
        _opc("responsable", "texto", "Dependencia que responde por el riesgo (vacío: la que responde por los indicadores de su proceso)"),
    ),
    "controles": (
        _c("riesgo", "id", "Identificador del riesgo"),
        _c("control", "texto", "Descripción del control"),
        _c("tipo", "codigo", "Tipo de control", valores=TIPOS_CONTROL),
        _c("implementacion", "codigo", "Implementación", valores=IMPLEMENTACIONES),
    ),
    "seguimiento_riesgos": (
        _c("riesgo", "id", "Identificador del riesgo"),
        _c("periodo", "periodo", "Mes de corte (AAAA-MM)"),
        _c("materializado", "codigo", "¿Se materializó en el mes? (Sí/No)", valores=SI_NO),
        _opc("observaciones", "texto", "Observaciones"),
    ),
    # Hojas opcionales (sección 6): si faltan, el libro no tiene reprogramaciones ni armonización.
    "reprogramaciones": (
        _c("proyecto", "entero", "Código del proyecto"),
        _c("meta", "entero", "Número de la meta"),
        _c("periodo", "periodo", "Primer mes en que rige la nueva programación (AAAA-MM)"),
        _c("programacion_vigencia", "numero", "La nueva magnitud programada en la vigencia", no_negativo=True),
        _c("motivo", "texto", "Por qué se reprogramó (obligatorio)", obligatoria=False),
    ),
    "armonizacion": (
        _c("proyecto_anterior", "entero", "Proyecto del plan anterior que se cierra"),
        _c("proyecto_nuevo", "entero", "Proyecto del plan nuevo que lo continúa"),
        _c("periodo", "periodo", "Primer mes del proyecto nuevo (AAAA-MM)"),
        _opc("observaciones", "texto", "Observaciones (acto administrativo, recursos trasladados)"),
    ),
}

HOJAS_OPCIONALES = ("reprogramaciones", "armonizacion")
# Las hojas del plan (las que no tienen fecha) y las que tienen ventanas de vigencia (sección 6.1).
HOJAS_DE_PLAN = ("objetivos", "proyectos", "metas", "indicadores", "actividades", "riesgos", "controles", "armonizacion")
CON_VENTANA = ("proyectos", "metas", "indicadores", "actividades")

HOJAS_SEGUIMIENTO = (
    "seguimiento_metas",
    "presupuesto",
    "seguimiento_indicadores",
    "seguimiento_actividades",
    "seguimiento_riesgos",
)

# Clave de cada hoja (columnas que no pueden repetirse juntas).
CLAVES: dict[str, tuple[str, ...]] = {
    "objetivos": ("objetivo",),
    "proyectos": ("proyecto",),
    "metas": ("proyecto", "meta"),
    "seguimiento_metas": ("proyecto", "meta", "periodo"),
    "presupuesto": ("proyecto", "periodo"),
    "indicadores": ("indicador",),
    "seguimiento_indicadores": ("indicador", "periodo"),
    "actividades": ("actividad",),
    "seguimiento_actividades": ("actividad", "periodo"),
    "riesgos": ("riesgo",),
    "controles": (),
    "seguimiento_riesgos": ("riesgo", "periodo"),
    "reprogramaciones": ("proyecto", "meta", "periodo"),
    "armonizacion": ("proyecto_anterior", "proyecto_nuevo"),
}

# Referencias: (hoja, columnas) → (hoja referida, columnas referidas).
REFERENCIAS: tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...] = (
    ("proyectos", ("objetivo",), "objetivos", ("objetivo",)),
    ("metas", ("proyecto",), "proyectos", ("proyecto",)),
    ("metas", ("objetivo",), "objetivos", ("objetivo",)),
    ("seguimiento_metas", ("proyecto", "meta"), "metas", ("proyecto", "meta")),
    ("presupuesto", ("proyecto",), "proyectos", ("proyecto",)),
    ("indicadores", ("objetivo",), "objetivos", ("objetivo",)),
    ("seguimiento_indicadores", ("indicador",), "indicadores", ("indicador",)),
    ("actividades", ("objetivo",), "objetivos", ("objetivo",)),
    ("seguimiento_actividades", ("actividad",), "actividades", ("actividad",)),
    ("controles", ("riesgo",), "riesgos", ("riesgo",)),
    ("seguimiento_riesgos", ("riesgo",), "riesgos", ("riesgo",)),
    ("reprogramaciones", ("proyecto", "meta"), "metas", ("proyecto", "meta")),
    ("armonizacion", ("proyecto_anterior",), "proyectos", ("proyecto",)),
    ("armonizacion", ("proyecto_nuevo",), "proyectos", ("proyecto",)),
)
