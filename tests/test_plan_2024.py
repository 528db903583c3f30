"""El plan 2024 incorporado: cifra por cifra contra la presentación del PAI 2024.

Las cifras de la fuente (presupuestos, metas, programaciones, indicadores, conteos de
actividades y riesgos) se comprueban una a una; lo que es supuesto (objetivos asignados,
periodicidades por defecto, ejecutado anterior, actividades, riesgos y controles) se
comprueba en su forma: valores permitidos, referencias y columna ``supuesto`` rellena.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pandas as pd
import pytest

from pai_analisis.libro.plan import HOJAS_PLAN, tablas_plan_2024

PROBABILIDADES = ("Muy baja", "Baja", "Media", "Alta", "Muy alta")
IMPACTOS = ("Leve", "Menor", "Moderado", "Mayor", "Catastrófico")
# Mapa de calor (filas: probabilidad; columnas: impacto de Leve a Catastrófico).
ZONAS = {
    "Muy alta": ("Alto", "Alto", "Alto", "Alto", "Extremo"),
    "Alta": ("Moderado", "Moderado", "Alto", "Alto", "Extremo"),
    "Media": ("Moderado", "Moderado", "Moderado", "Alto", "Extremo"),
    "Baja": ("Bajo", "Moderado", "Moderado", "Alto", "Extremo"),
    "Muy baja": ("Bajo", "Bajo", "Moderado", "Alto", "Extremo"),
}

PRESUPUESTOS = {
    7867: 20149,
    7868: 7928,
    7869: 1547,
    7870: 3555,
    7871: 27832,
    7872: 18451,
    7873: 8824,
}

# (proyecto, meta, anualización, programación 2020-2024, programación 2024, ejecutado anterior)
METAS = [
    (7867, 1, "Creciente", 100, 10, 90),
    (7867, 2, "Constante", 100, 100, 100),
    (7868, 1, "Suma", 100, 18, 82),
    (7868, 2, "Creciente", 100, 15, 85),
    (7868, 3, "Creciente", 100, 5, 95),
    (7868, 4, "Suma", 100, 10, 90),
    (7868, 5, "Creciente", 100, 19, 81),
    (7868, 6, "Creciente", 100, 5, 95),
    (7868, 7, "Suma", 100, 15, 85),
    (7868, 8, "Suma", 100, 11, 89),
    (7868, 10, "Suma", 100, 14, 86),
    (7868, 11, "Suma", 100, 18, 82),
    (7868, 12, "Creciente", 100, 22, 78),
    (7869, 1, "Suma", 100, 25, 75),
    (7869, 2, "Suma", 100, 20, 80),
    (7869, 3, "Suma", 100, 15, 85),
    (7870, 1, "Constante", 100, 100, 100),
    (7870, 2, "Constante", 100, 100, 100),
    (7870, 3, "Constante", 100, 100, 100),
    (7871, 1, "Creciente", 100, 10, 90),
    (7871, 2, "Suma", 1039, 80, 959),
    (7871, 3, "Suma", 300, 17, 283),
    (7871, 4, "Creciente", 100, 10, 90),
    (7871, 5, "Constante", 100, 100, 100),
    (7871, 6, "Constante", 100, 100, 100),
    (7871, 7, "Constante", 100, 100, 100),
    (7871, 8, "Constante", 100, 100, 100),
    (7871, 9, "Constante", 100, 100, 100),
    (7871, 10, "Constante", 100, 100, 100),
    (7871, 11, "Constante", 100, 100, 100),
    (7871, 12, "Creciente", 100, 10, 90),
    (7872, 1, "Creciente", 100, 30, 70),
    (7872, 2, "Creciente", 100, 30, 70),
    (7872, 3, "Creciente", 100, 25, 75),
    (7872, 4, "Creciente", 1, 0.3, 0.7),
    (7872, 5, "Creciente", 1, 0.3, 0.7),
    (7872, 6, "Creciente", 100, 9, 91),
    (7872, 7, "Constante", 1, 1, 1),
    (7873, 1, "Suma", 100, 7, 93),
    (7873, 2, "Constante", 100, 100, 100),
    (7873, 3, "Constante", 100, 100, 100),
    (7873, 4, "Constante", 100, 100, 100),
    (7873, 5, "Constante", 100, 100, 100),
]

PROCESOS_INDICADORES = {
    "Direccionamiento Estratégico": 1,
    "Gestión Estratégica de Comunicación e Información": 1,
    "Gestión del Conocimiento": 1,
    "Fortalecimiento Institucional": 3,
    "Gestión de Alianzas e Internacionalización de Bogotá": 1,
    "Paz, Víctimas y Reconciliación": 4,
    "Gobierno Abierto y Relacionamiento con la Ciudadanía": 3,
    "Gestión del Talento Humano": 1,
    "Fortalecimiento de la Gestión Pública": 5,
    "Gestión de Contratación": 4,
    "Gestión Jurídica": 4,
    "Gestión Financiera": 4,
    "Control Disciplinario": 2,
    "Gestión de Servicios Administrativos y Tecnológicos": 6,
    "Gestión de Recursos Físicos": 4,
    "Evaluación del Sistema de Control Interno": 2,
}

# (indicador, meta, unidad, sentido, periodicidad, objetivo)
INDICADORES = [
    ("DE-01", 100, "%", "mayor", "Mensual", 3),
    ("CO-01", 100, "%", "mayor", "Mensual", 2),
    ("GC-01", 100, "%", "mayor", "Mensual", 8),
    ("FI-01", 100, "%", "mayor", "Mensual", 3),
    ("FI-02", 100, "%", "mayor", "Mensual", 3),
    ("FI-03", 100, "%", "mayor", "Mensual", 3),
    ("AI-01", 100, "%", "mayor", "Anual", 6),
    ("PV-01", 100, "%", "mayor", "Mensual", 1),
    ("PV-02", 100, "%", "mayor", "Mensual", 1),
    ("PV-03", 100, "%", "mayor", "Mensual", 1),
    ("PV-04", 100, "%", "mayor", "Mensual", 1),
    ("GA-01", 100, "%", "mayor", "Mensual", 2),
    ("GA-02", 100, "%", "mayor", "Mensual", 2),
    ("GA-03", 100, "%", "mayor", "Anual", 5),
    ("TH-01", 100, "%", "mayor", "Anual", 8),
    ("FG-01", 90, "%", "mayor", "Mensual", 3),
    ("FG-02", 95, "%", "mayor", "Mensual", 3),
    ("FG-03", 90, "%", "mayor", "Mensual", 3),
    ("FG-04", 20000, "número", "mayor", "Anual", 3),
    ("FG-05", 55, "%", "mayor", "Anual", 3),
    ("CT-01", 100, "%", "mayor", "Mensual", 3),
    ("CT-02", 100, "%", "mayor", "Mensual", 3),
    ("CT-03", 100, "%", "mayor", "Mensual", 3),
    ("CT-04", 100, "%", "mayor", "Mensual", 3),
    ("GJ-01", 100, "%", "mayor", "Mensual", 3),
    ("GJ-02", 100, "%", "mayor", "Mensual", 3),
    ("GJ-03", 100, "%", "mayor", "Mensual", 3),
    ("GJ-04", 100, "%", "mayor", "Mensual", 3),
    ("GF-01", 6, "días", "menor", "Mensual", 7),
    ("GF-02", 100, "%", "mayor", "Anual", 7),
    ("GF-03", 100, "%", "mayor", "Mensual", 7),
    ("GF-04", 100, "%", "mayor", "Mensual", 7),
    ("CD-01", 100, "%", "mayor", "Mensual", 3),
    ("CD-02", 100, "%", "mayor", "Mensual", 3),
    ("ST-01", 95, "%", "mayor", "Mensual", 3),
    ("ST-02", 94, "%", "mayor", "Mensual", 4),
    ("ST-03", 94, "%", "mayor", "Anual", 3),
    ("ST-04", 94, "%", "mayor", "Anual", 3),
    ("ST-05", 94, "%", "mayor", "Anual", 3),
    ("ST-06", 100, "%", "mayor", "Anual", 3),
    ("RF-01", 95, "%", "mayor", "Mensual", 3),
    ("RF-02", 85, "%", "mayor", "Trimestral", 3),
    ("RF-03", 80, "%", "mayor", "Trimestral", 3),
    ("RF-04", 80, "%", "mayor", "Trimestral", 3),
    ("CI-01", 100, "%", "mayor", "Anual", 3),
    ("CI-02", 90, "%", "mayor", "Mensual", 3),
]

# Indicadores cuyo enunciado no dice la frecuencia: Mensual por supuesto.
PERIODICIDAD_SUPUESTA = {
    "CO-01", "GC-01", "FI-02", "PV-01", "PV-02", "PV-03", "PV-04", "GA-01", "GA-02",
    "FG-03", "CT-01", "CT-02", "CT-03", "CT-04", "GJ-01", "GJ-02", "GJ-03", "GJ-04",
    "GF-01", "GF-03", "GF-04", "CD-01", "CD-02", "CI-02",
}

# plan: (dependencia, número de actividades)
PLANES = {
    "Plan Estratégico de Talento Humano": ("Dirección de Talento Humano", 1),
    "Plan de Capacitación": ("Dirección de Talento Humano", 1),
    "Plan de Incentivos Institucionales": ("Dirección de Talento Humano", 1),
    "Plan de Trabajo Anual en Seguridad y Salud en el Trabajo": ("Dirección de Talento Humano", 1),
    "Plan Anual de Vacantes": ("Dirección de Talento Humano", 3),
    "Plan de Previsión de Recursos Humanos": ("Dirección de Talento Humano", 5),
    "Plan Anual de Adquisiciones": ("Dirección de Contratación", 2),
    "Plan Institucional de Archivos de la Entidad": ("Subdirección de Gestión Documental", 5),
    "Programa de Transparencia y Ética Pública": ("Oficina Asesora de Planeación", 1),
    "Plan Institucional de Participación Ciudadana": ("Oficina Asesora de Planeación", 1),
    "Plan Estratégico de Tecnologías de la Información y las Comunicaciones": (
        "Oficina de Tecnologías de la Información y las Comunicaciones", 1),
    "Plan de Seguridad y Privacidad de la Información": (
        "Oficina de Tecnologías de la Información y las Comunicaciones", 1),
    "Plan de Tratamiento de Riesgos de Seguridad y Privacidad de la Información": (
        "Oficina de Tecnologías de la Información y las Comunicaciones", 1),
    "Estrategia Anual de Atención y Servicio al Ciudadano": (
        "Subsecretaría de Servicio al Ciudadano", 1),
}

# proceso o proyecto: (riesgos de corrupción, riesgos de gestión), en el orden de la fuente
RIESGOS_POR_PROCESO = {
    "Gestión del Conocimiento": (0, 1),
    "Direccionamiento Estratégico": (0, 2),
    "Evaluación del Sistema de Control Interno": (1, 1),
    "Fortalecimiento Institucional": (0, 2),
    "Gestión de Alianzas e Internacionalización de Bogotá": (0, 2),
    "Desarrollo institucional para una gestión pública eficiente": (0, 3),
    "Control Disciplinario": (1, 2),
    "Paz, Víctimas y Reconciliación": (1, 2),
    "Gestión Jurídica": (1, 3),
    "Gestión de Recursos Físicos": (2, 3),
    "Gestión Financiera": (2, 4),
    "Gestión Estratégica de Comunicación e Información": (0, 6),
    "Gestión de Contratación": (2, 5),
    "Gestión de Servicios Administrativos y Tecnológicos": (2, 5),
    "Fortalecimiento de la Gestión Pública": (2, 7),
    "Gestión del Talento Humano": (3, 6),
    "Gobierno Abierto y Relacionamiento con la Ciudadanía": (3, 14),
}


@pytest.fixture(scope="module")
def t() -> dict[str, pd.DataFrame]:
    return tablas_plan_2024()


def _vacio(v) -> bool:
    return pd.isna(v) or not str(v).strip()


# ------------------------------------------------------------------ archivos


@pytest.mark.parametrize("hoja", HOJAS_PLAN)
def test_cada_csv_existe_en_utf8_y_termina_en_supuesto(hoja):
    ruta = resources.files("pai_analisis.libro") / "datos" / "plan_2024" / f"{hoja}.csv"
    texto = ruta.read_bytes().decode("utf-8")
    assert texto.splitlines()[0].split(",")[-1] == "supuesto"


def test_copias_independientes():
    copia = tablas_plan_2024()
    copia["objetivos"].loc[0, "nombre"] = "cambiado"
    assert tablas_plan_2024()["objetivos"].loc[0, "nombre"] != "cambiado"


# ------------------------------------------------------------------ objetivos


def test_ocho_objetivos_de_la_fuente(t):
    o = t["objetivos"]
    assert o["objetivo"].astype(int).tolist() == list(range(1, 9))
    assert o["supuesto"].isna().all()
    nombres = dict(zip(o["objetivo"].astype(int), o["nombre"], strict=True))
    assert nombres[1].startswith("Implementar estrategias y acciones que aporten a la construcción de la paz")
    assert nombres[4] == (
        "Promover procesos de transformación digital en la Secretaría General para aportar "
        "a la gestión pública eficiente."
    )
    assert nombres[7].endswith("para lograr una gestión pública efectiva")
    assert all("**" not in n for n in nombres.values())


# ------------------------------------------------------------------ proyectos


def test_siete_proyectos_con_su_presupuesto(t):
    p = t["proyectos"]
    assert len(p) == 7
    presup = dict(zip(p["proyecto"].astype(int), p["presupuesto_programado"].astype(float), strict=True))
    assert presup == PRESUPUESTOS
    # La suma de las siete cifras de la fuente (la fuente no publica el total).
    assert sum(presup.values()) == 88286


def test_nombres_y_objetivos_de_proyectos(t):
    p = t["proyectos"].set_index("proyecto")
    p.index = p.index.astype(int)
    assert p.loc[7872, "nombre"] == "Transformación digital y gestión TIC"
    assert p.loc[7868, "nombre"] == "Desarrollo Institucional para una gestión pública eficiente"
    assert p["objetivo"].astype(int).to_dict() == {
        7867: 2, 7868: 3, 7869: 2, 7870: 5, 7871: 1, 7872: 4, 7873: 3,
    }
    assert p["supuesto"].str.contains("objetivo").all()


# ------------------------------------------------------------------ metas


def test_cuarenta_y_tres_metas_por_proyecto(t):
    m = t["metas"]
    assert len(m) == 43
    assert Counter(m["proyecto"].astype(int)) == {
        7867: 2, 7868: 11, 7869: 3, 7870: 3, 7871: 12, 7872: 7, 7873: 5,
    }
    assert not m.duplicated(["proyecto", "meta"]).any()


def test_proyecto_7868_no_tiene_meta_9(t):
    m = t["metas"]
    metas_7868 = m.loc[m["proyecto"] == "7868", "meta"].astype(int).tolist()
    assert metas_7868 == [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12]


@pytest.mark.parametrize(("proyecto", "meta", "anualizacion", "cuatrienio", "vigencia", "anterior"), METAS)
def test_meta_cifra_por_cifra(t, proyecto, meta, anualizacion, cuatrienio, vigencia, anterior):
    m = t["metas"]
    fila = m[(m["proyecto"] == str(proyecto)) & (m["meta"] == str(meta))]
    assert len(fila) == 1
    fila = fila.iloc[0]
    assert fila["anualizacion"] == anualizacion
    assert float(fila["programacion_cuatrienio"]) == pytest.approx(cuatrienio)
    assert float(fila["programacion_vigencia"]) == pytest.approx(vigencia)
    assert float(fila["ejecutado_anterior"]) == pytest.approx(anterior)


def test_anualizaciones_por_tipo(t):
    assert Counter(t["metas"]["anualizacion"]) == {"Constante": 16, "Creciente": 15, "Suma": 12}


def test_regla_ejecutado_anterior(t):
    m = t["metas"]
    cuat = m["programacion_cuatrienio"].astype(float)
    vig = m["programacion_vigencia"].astype(float)
    ant = m["ejecutado_anterior"].astype(float)
    acumulan = m["anualizacion"].isin(["Suma", "Creciente"])
    assert ((ant - (cuat - vig).round(2)).abs()[acumulan] < 1e-9).all()
    assert ((ant - vig).abs()[~acumulan] < 1e-9).all()
    assert m["supuesto"].str.contains("ejecutado_anterior").all()


def test_nombres_de_metas_literales(t):
    m = t["metas"].set_index(["proyecto", "meta"])
    assert m.loc[("7872", "4"), "nombre"] == "Implementar 1 centro de recursos de TI compartido"
    assert m.loc[("7871", "7"), "nombre"].endswith("desde los enfoques poblacionales y diferenciales...")
    assert m.loc[("7873", "1"), "nombre"] == (
        "Implementar 100 por ciento de la política de gestión documental (Iso 303000)."
    )
    assert not m["nombre"].str.match(r"^\d+\. ").any()


def test_objetivos_propios_de_metas(t):
    m = t["metas"]
    propios = m.dropna(subset=["objetivo"])
    assert {(int(p), int(n)): int(o) for p, n, o in propios[["proyecto", "meta", "objetivo"]].itertuples(index=False)} == {
        (7868, 3): 6, (7868, 6): 6, (7868, 4): 8, (7868, 10): 2,
    }
    assert propios["supuesto"].str.contains("objetivo").all()
    assert m["linea_base"].isna().all()
    assert m["ponderacion"].isna().all()


# ------------------------------------------------------------------ indicadores


def test_cuarenta_y_seis_indicadores_en_dieciseis_procesos(t):
    i = t["indicadores"]
    assert len(i) == 46
    assert i["indicador"].is_unique
    assert Counter(i["proceso"]) == PROCESOS_INDICADORES


@pytest.mark.parametrize(("indicador", "meta", "unidad", "sentido", "periodicidad", "objetivo"), INDICADORES)
def test_indicador_cifra_por_cifra(t, indicador, meta, unidad, sentido, periodicidad, objetivo):
    i = t["indicadores"].set_index("indicador")
    fila = i.loc[indicador]
    assert float(fila["meta"]) == meta
    assert fila["unidad"] == unidad
    assert fila["sentido"] == sentido
    assert fila["periodicidad"] == periodicidad
    assert int(fila["objetivo"]) == objetivo
    assert "objetivo" in fila["supuesto"]
    assert ("periodicidad" in fila["supuesto"]) == (indicador in PERIODICIDAD_SUPUESTA)


def test_gf01_dias_habiles(t):
    gf = t["indicadores"].set_index("indicador").loc["GF-01"]
    assert gf["nombre"].startswith("Realizar máximo en 6 días hábiles los pagos")
    assert (float(gf["meta"]), gf["unidad"], gf["sentido"]) == (6.0, "días", "menor")
    assert gf["proceso"] == "Gestión Financiera"


def test_nombres_de_indicadores_sin_markdown(t):
    i = t["indicadores"].set_index("indicador")
    assert not i["nombre"].str.contains(r"\*\*").any()
    assert i.loc["FG-04", "nombre"].startswith('Asegurar el acceso y consulta de "20.000" unidades descritas')
    assert i.loc["RF-03", "nombre"] == "Alcanzar el 80% de ejecución de socializaciones programadas en el trimestre"


def test_ids_de_indicadores_por_prefijo_en_orden(t):
    i = t["indicadores"]
    for _, grupo in i.groupby("proceso", sort=False):
        prefijos = grupo["indicador"].str[:2].unique()
        assert len(prefijos) == 1
        assert grupo["indicador"].str[3:].astype(int).tolist() == list(range(1, len(grupo) + 1))


# ------------------------------------------------------------------ actividades


def test_veinticinco_actividades_por_plan_y_dependencia(t):
    a = t["actividades"]
    assert len(a) == 25
    assert a["actividad"].tolist() == [f"PA-{n:02d}" for n in range(1, 26)]
    assert Counter(a["plan"]) == {plan: n for plan, (_, n) in PLANES.items()}
    for plan, (dependencia, _) in PLANES.items():
        assert set(a.loc[a["plan"] == plan, "dependencia"]) == {dependencia}
    assert Counter(a["dependencia"])["Dirección de Talento Humano"] == 12


def test_actividades_distintas_y_marcadas_como_supuesto(t):
    a = t["actividades"]
    assert a["nombre"].is_unique
    assert a["nombre"].str.len().min() > 40
    assert a["supuesto"].str.contains("nombre").all()
    assert a["supuesto"].str.contains("objetivo").all()


def test_objetivos_de_actividades(t):
    a = t["actividades"]
    por_plan = a.groupby("plan")["objetivo"].agg(lambda s: set(s.astype(int)))
    assert por_plan["Plan de Previsión de Recursos Humanos"] == {8}
    assert por_plan["Plan Anual de Adquisiciones"] == {7}
    assert por_plan["Plan Institucional de Archivos de la Entidad"] == {3}
    assert por_plan["Programa de Transparencia y Ética Pública"] == {2}
    assert por_plan["Plan de Seguridad y Privacidad de la Información"] == {4}
    assert por_plan["Estrategia Anual de Atención y Servicio al Ciudadano"] == {5}


# ------------------------------------------------------------------ riesgos


def test_ochenta_y_ocho_riesgos(t):
    r = t["riesgos"]
    assert len(r) == 88
    assert r["riesgo"].tolist() == [f"R-{n:02d}" for n in range(1, 89)]
    assert Counter(r["tipo"]) == {"Corrupción": 20, "Gestión": 68}


def test_riesgos_por_proceso_como_la_fuente(t):
    r = t["riesgos"]
    conteo = {
        p: (int((g["tipo"] == "Corrupción").sum()), int((g["tipo"] == "Gestión").sum()))
        for p, g in r.groupby("proceso", sort=False)
    }
    assert conteo == RIESGOS_POR_PROCESO
    assert list(conteo) == list(RIESGOS_POR_PROCESO)  # mismo orden que la tabla de la fuente
    ga = r[r["proceso"] == "Gobierno Abierto y Relacionamiento con la Ciudadanía"]
    assert len(ga) == 17


def test_corrupcion_primero_dentro_de_cada_proceso(t):
    for _, g in t["riesgos"].groupby("proceso", sort=False):
        tipos = g["tipo"].tolist()
        assert tipos == sorted(tipos, key=lambda x: x != "Corrupción")


def test_procesos_de_riesgos_e_indicadores_con_el_mismo_nombre(t):
    procesos_riesgo = set(t["riesgos"]["proceso"])
    procesos_ind = set(t["indicadores"]["proceso"])
    assert procesos_riesgo - procesos_ind == {"Desarrollo institucional para una gestión pública eficiente"}
    assert procesos_ind <= procesos_riesgo
    assert "Gestión de Talento Humano" not in procesos_riesgo | procesos_ind


def test_valores_de_riesgos(t):
    r = t["riesgos"]
    assert set(r["probabilidad"]) <= set(PROBABILIDADES)
    assert set(r["impacto"]) <= set(IMPACTOS)
    corr = r[r["tipo"] == "Corrupción"]
    assert not corr["impacto"].isin(["Leve", "Menor"]).any()
    assert corr["descripcion"].str.contains("beneficio propio o de un tercero").all()
    assert r["descripcion"].str.startswith("Posibilidad de afectación").all()
    assert r["descripcion"].is_unique


def test_zonas_inherentes_repartidas(t):
    r = t["riesgos"]
    zonas = Counter(ZONAS[p][IMPACTOS.index(i)] for p, i in zip(r["probabilidad"], r["impacto"], strict=True))
    assert set(zonas) == {"Bajo", "Moderado", "Alto", "Extremo"}
    assert zonas["Extremo"] >= 3
    assert zonas["Alto"] > zonas["Moderado"] > zonas["Bajo"]
    assert zonas["Alto"] > zonas["Extremo"]


# ------------------------------------------------------------------ controles


def test_cada_riesgo_tiene_entre_uno_y_tres_controles(t):
    r, c = t["riesgos"], t["controles"]
    assert set(c["riesgo"]) <= set(r["riesgo"])
    por_riesgo = Counter(c["riesgo"])
    assert all(1 <= por_riesgo[rid] <= 3 for rid in r["riesgo"])


def test_valores_de_controles(t):
    c = t["controles"]
    assert set(c["tipo"]) <= {"Preventivo", "Detectivo", "Correctivo"}
    assert set(c["implementacion"]) <= {"Automático", "Manual"}
    assert (c["implementacion"] == "Manual").mean() > 0.5
    assert c["control"].notna().all()
    corrupcion = set(t["riesgos"].loc[t["riesgos"]["tipo"] == "Corrupción", "riesgo"])
    assert set(c.loc[c["riesgo"].isin(corrupcion), "tipo"]) <= {"Preventivo", "Detectivo"}


def test_controles_en_el_orden_de_los_riesgos(t):
    orden = {rid: n for n, rid in enumerate(t["riesgos"]["riesgo"])}
    posiciones = [orden[rid] for rid in t["controles"]["riesgo"]]
    assert posiciones == sorted(posiciones)


# ------------------------------------------------------------------ generales


@pytest.mark.parametrize(("hoja", "columna"), [
    ("proyectos", "objetivo"),
    ("metas", "objetivo"),
    ("indicadores", "objetivo"),
    ("actividades", "objetivo"),
])
def test_objetivos_en_rango(t, hoja, columna):
    valores = t[hoja][columna].dropna().astype(int)
    assert valores.between(1, 8).all()


@pytest.mark.parametrize("hoja", ["proyectos", "metas", "indicadores", "actividades", "riesgos", "controles"])
def test_supuesto_relleno_donde_hay_supuestos(t, hoja):
    assert not t[hoja]["supuesto"].map(_vacio).any()


@pytest.mark.parametrize(("hoja", "clave"), [
    ("objetivos", ["objetivo"]),
    ("proyectos", ["proyecto"]),
    ("metas", ["proyecto", "meta"]),
    ("indicadores", ["indicador"]),
    ("actividades", ["actividad"]),
    ("riesgos", ["riesgo"]),
])
def test_claves_unicas(t, hoja, clave):
    assert not t[hoja].duplicated(clave).any()
