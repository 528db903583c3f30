"""Quién reporta qué (sección 10): la dependencia de cada elemento, lo debido en P, lo reportado y la tabla ``dependencias``.

Un libro diminuto, hecho a mano:

* proyectos: 1 «Proyecto uno» (responde la Oficina A) y 2 «Proyecto dos» (sin responsable);
* metas: 1-1 (la del proyecto: Oficina A), 1-2 (Oficina B), 1-3 (Oficina A, desde julio), 2-1 (sin dependencia);
* indicadores: I-1 Mensual y I-2 Trimestral del Proceso X (Oficina B, la segunda escrita « oficina  b »),
  I-3 Trimestral (Oficina C) e I-4 Semestral (Oficina A) del Proceso Y, I-5 Mensual del Proceso Z sin responsable;
* actividades: A-1 (Oficina C) y A-2 (Oficina A, hasta marzo);
* riesgos: R-1 del Proceso X (su dueño: Oficina B), R-2 del Proceso Y (dos dueños: ninguno), R-3 del Proceso Z
  (sin dueño), R-4 del Proceso Y con responsable propio (Oficina C), R-5 «Proyecto uno» (el proyecto: Oficina A).
"""

from __future__ import annotations

import pandas as pd
import pytest
from libros_minimos import act, hacer_libro, ind, meta, sa, si, sm

from pai_analisis.informes.contexto import preparar_desde
from pai_analisis.informes.lecturas.dependencias import detalle_dependencias, frase_pendientes, resumen_pendientes
from pai_analisis.metricas.calculo import calcular_metricas
from pai_analisis.metricas.dependencias import SIN_DEPENDENCIA, debidos, estado_dependencias, responsables

A, B, C, S = "Oficina A", "Oficina B", "Oficina C", SIN_DEPENDENCIA


def _ind(ident, periodicidad, proceso, responsable=None):
    fila = {**ind(ident, periodicidad), "proceso": proceso}
    return {**fila, "responsable": responsable} if responsable is not None else fila


def _riesgo(ident, proceso, responsable=None):
    fila = {"riesgo": ident, "proceso": proceso, "tipo": "Gestión", "descripcion": f"Riesgo {ident}", "probabilidad": "Media",
            "impacto": "Moderado"}
    return {**fila, "responsable": responsable} if responsable is not None else fila


def _sr(ident, mes, materializado):
    return {"riesgo": ident, "periodo": f"2024-{mes:02d}", "materializado": materializado}


@pytest.fixture(scope="module")
def libro():
    return hacer_libro(
        proyectos=[{"proyecto": 1, "nombre": "Proyecto uno", "objetivo": 1, "presupuesto_programado": 100, "responsable": A},
                   {"proyecto": 2, "nombre": "Proyecto dos", "objetivo": 1, "presupuesto_programado": 50}],
        metas=[meta(1), meta(2, responsable=B), meta(3, vigente_desde="2024-07"), meta(1, proyecto=2)],
        seguimiento_metas=[sm(2, 5, 5, 1), sm(1, 6, 5, 5), sm(1, 6, 4, 2, proyecto=2)],
        indicadores=[_ind("I-1", "Mensual", "Proceso X", B), _ind("I-2", "Trimestral", "proceso x", " oficina  b "),
                     _ind("I-3", "Trimestral", "Proceso Y", C), _ind("I-4", "Semestral", "Proceso Y", A),
                     _ind("I-5", "Mensual", "Proceso Z")],
        seguimiento_indicadores=[si("I-1", 6, resultado=95), si("I-2", 6, numerador=8, denominador=10), si("I-4", 6, resultado=50)],
        actividades=[{**act("A-1"), "dependencia": C}, {**act("A-2"), "dependencia": A, "vigente_hasta": "2024-03"}],
        seguimiento_actividades=[sa("A-2", 3, 100, 100), sa("A-1", 6, 50, 20)],
        riesgos=[_riesgo("R-1", "Proceso X"), _riesgo("R-2", "Proceso Y"), _riesgo("R-3", "Proceso Z"),
                 _riesgo("R-4", "Proceso Y", C), _riesgo("R-5", "Proyecto uno")],
        seguimiento_riesgos=[_sr("R-1", 6, "No"), _sr("R-2", 6, "Sí")],
    )


def test_responsables_una_fila_por_elemento(libro):
    r = responsables(libro)
    assert list(r.columns) == ["tipo", "clave", "proyecto", "meta", "indicador", "actividad", "riesgo", "nombre", "dependencia"]
    assert list(r["tipo"].cat.categories) == ["metas", "indicadores", "actividades", "riesgos"]
    assert str(r["proyecto"].dtype) == "Int64" and str(r["meta"].dtype) == "Int64"
    assert dict(zip(r["clave"], r["dependencia"], strict=True)) == {
        "1-1": A, "1-2": B, "1-3": A, "2-1": S,  # la meta sin responsable: la de su proyecto (el 2 no tiene)
        "I-1": B, "I-2": B, "I-3": C, "I-4": A, "I-5": S,  # « oficina  b » es la Oficina B, escrita como la primera vez
        "A-1": C, "A-2": A,
        "R-1": B,  # el dueño del Proceso X (sus dos indicadores: Oficina B)
        "R-2": S,  # el Proceso Y tiene dos responsables (C y A): ninguno
        "R-3": S,  # el Proceso Z no tiene responsable
        "R-4": C,  # el suyo, aunque el proceso no tenga dueño
        "R-5": A,  # ningún indicador en «Proyecto uno», pero es el nombre del proyecto 1
    }
    metas = r[r["tipo"] == "metas"]
    assert metas["proyecto"].tolist() == [1, 1, 1, 2] and metas["meta"].tolist() == [1, 2, 3, 1]
    assert metas["indicador"].isna().all() and r.loc[r["tipo"] == "riesgos", "nombre"].iloc[0] == "Riesgo R-1"
    assert r.loc[r["tipo"] == "indicadores", "proyecto"].isna().all()


# Debidos en cada mes (las claves, en el orden del plan) y cuáles llegaron.
# Mayo: las metas activas (no la 1-3, que empieza en julio), los indicadores mensuales (I-1, I-5), la actividad
# A-1 (la A-2 cerró en marzo) y los cinco riesgos (sin ventana: todos los meses); solo llegó la 1-2.
# Junio: además cierran el trimestre (I-2, I-3) y el semestre (I-4).
@pytest.mark.parametrize("periodo, esperados, llegaron", [
    ("2024-05", ["1-1", "1-2", "2-1", "I-1", "I-5", "A-1", "R-1", "R-2", "R-3", "R-4", "R-5"], {"1-2"}),
    ("2024-06", ["1-1", "1-2", "2-1", "I-1", "I-2", "I-3", "I-4", "I-5", "A-1", "R-1", "R-2", "R-3", "R-4", "R-5"],
     {"1-1", "2-1", "I-1", "I-2", "I-4", "A-1", "R-1", "R-2"}),
    ("2024-07", ["1-1", "1-2", "1-3", "2-1", "I-1", "I-5", "A-1", "R-1", "R-2", "R-3", "R-4", "R-5"], set()),
])
def test_debidos(libro, periodo, esperados, llegaron):
    d = debidos(libro, periodo)
    assert d["clave"].tolist() == esperados
    assert set(d.loc[d["reportado"], "clave"]) == llegaron
    assert d["reportado"].dtype == bool


# Junio, a mano. Debidos / reportados por dependencia:
#   Oficina A: 1-1 (sí), I-4 (sí), R-5 (no)                 → 3 / 2, falta 1
#   Oficina B: 1-2 (no), I-1 (sí), I-2 (sí), R-1 (sí)       → 4 / 3, falta 1
#   Oficina C: I-3 (no), A-1 (sí), R-4 (no)                 → 3 / 1, faltan 2
#   Sin dependencia: 2-1 (sí), I-5 (no), R-2 (sí), R-3 (no) → 4 / 2, faltan 2
# En rojo (semáforo crítico, < 70): 1-2 (1 de 5 = 20), 2-1 (2 de 4 = 50), I-3 e I-5 (debidos sin medición: 0),
# I-4 (50 / 90 = 55,6), A-1 (20 / 50 = 40); no: 1-1 (100), I-1 (95 / 90), I-2 (80 / 90 = 88,9: amarillo).
# Alertas: A: proyecto 1 (media de 100 y 20 = 60) e I-4; B: meta 1-2; C: I-3 sin reporte y A-1;
# sin dependencia: proyecto 2 (50), meta 2-1, I-5 sin reporte y R-2 materializado.
JUNIO = pd.DataFrame(
    [(A, 3, 2, 1, 2 / 3 * 100, "incompleto", 1, 2), (B, 4, 3, 1, 75.0, "incompleto", 1, 1),
     (C, 3, 1, 2, 1 / 3 * 100, "incompleto", 2, 2), (S, 4, 2, 2, 50.0, "incompleto", 2, 4)],
    columns=["dependencia", "debidos", "reportados", "faltantes", "porcentaje_reportado", "estado_reporte", "en_rojo", "alertas"],
)
# Mayo: A: 1-1, R-5; B: 1-2 (sí), I-1, R-1; C; sin dependencia: 2-1, I-5, R-2, R-3.
# En rojo en mayo: 1-2 (20) y los indicadores ya vencidos sin medición (0): I-1 e I-5 (mensuales), I-2 e I-3
# (el trimestre cerró en marzo); las metas 1-1 y 2-1 no tienen programado a la fecha (sin semáforo).
# Nadie entregó nada en mayo salvo la Oficina B (la 1-2): las demás, «sin_reportes».
MAYO = pd.DataFrame(
    [(A, 2, 0, 2, 0.0, "sin_reportes", 0), (B, 3, 1, 2, 100 / 3, "incompleto", 3), (C, 2, 0, 2, 0.0, "sin_reportes", 1),
     (S, 4, 0, 4, 0.0, "sin_reportes", 1)],
    columns=["dependencia", "debidos", "reportados", "faltantes", "porcentaje_reportado", "estado_reporte", "en_rojo"],
)


@pytest.mark.parametrize("periodo, esperado", [("2024-06", JUNIO), ("2024-05", MAYO)])
def test_estado_dependencias(libro, periodo, esperado):
    e = estado_dependencias(libro, periodo)
    assert list(e.columns) == ["dependencia", "periodo", "debidos", "reportados", "faltantes", "porcentaje_reportado",
                               "estado_reporte", "en_rojo", "alertas"]
    assert (e["periodo"] == pd.Period(periodo, freq="M")).all()
    pd.testing.assert_frame_equal(e[list(esperado.columns)].astype({"dependencia": object, "estado_reporte": object}), esperado,
                                  check_dtype=False)


def test_metricas_llevan_la_tabla_y_los_riesgos_su_responsable(libro):
    m = calcular_metricas(libro, "2024-06")
    assert m.dependencias["dependencia"].tolist() == [A, B, C, S]
    assert dict(zip(m.riesgos["riesgo"], m.riesgos["responsable"], strict=True)) == {
        "R-1": B, "R-2": None, "R-3": None, "R-4": C, "R-5": A}
    materializado = m.alertas[m.alertas["tipo"] == "riesgo_materializado"]
    assert materializado["item"].tolist() == ["R-2"]
    registros = m.a_dict()["dependencias"]
    assert [r["dependencia"] for r in registros] == sorted(r["dependencia"] for r in registros)
    assert registros[0] == {"dependencia": A, "periodo": "2024-06", "debidos": 3, "reportados": 2, "faltantes": 1,
                            "porcentaje_reportado": pytest.approx(66.666667), "estado_reporte": "incompleto", "en_rojo": 1,
                            "alertas": 2}


def test_sin_responsables_todo_es_de_la_oficina():
    libro = hacer_libro(metas=[meta(1)], indicadores=[ind("I-1", "Anual")])
    e = estado_dependencias(libro, "2024-06")  # la meta se debe, el indicador anual aún no
    assert e[["dependencia", "debidos", "reportados", "faltantes"]].values.tolist() == [[S, 1, 0, 1]]
    assert responsables(libro)["dependencia"].tolist() == [S, S]


def test_completo_y_nada_debido():
    # La Oficina Z solo tiene un indicador anual: en junio no debe nada (sigue en la tabla, con 0 debidos).
    # La meta 1-1 (sin responsable: la oficina) entregó junio: completo, 100 %.
    libro = hacer_libro(metas=[meta(1)], seguimiento_metas=[sm(1, 6, 5, 5)], indicadores=[_ind("I-1", "Anual", "P", "Oficina Z")])
    e = estado_dependencias(libro, "2024-06")
    assert e[["dependencia", "debidos", "reportados", "estado_reporte"]].astype(object).values.tolist() == [
        ["Oficina Z", 0, 0, "nada_debido"], [S, 1, 1, "completo"]]
    assert e["porcentaje_reportado"].isna().tolist() == [True, False] and e["porcentaje_reportado"].iloc[1] == 100.0


# ---------------------------------------------------------------- el informe 07 y la frase del resumen (solo redactan)

@pytest.fixture(scope="module")
def contextos(libro):
    return {p: preparar_desde(libro, p) for p in ("2024-05", "2024-06")}


@pytest.mark.parametrize("periodo, esperada", [
    ("2024-06", "De 4 dependencias que debían reportar en junio de 2024, 4 no han entregado todo; con reportes incompletos: "
                "Oficina A (falta 1 de 3), Oficina B (falta 1 de 4), Oficina C (faltan 2 de 3) y Sin dependencia (faltan 2 de 4)."),
    ("2024-05", "De 4 dependencias que debían reportar en mayo de 2024, 4 no han entregado todo; sin ningún reporte: "
                "Oficina A (faltan 2 de 2), Oficina C (faltan 2 de 2) y Sin dependencia (faltan 4 de 4); con reportes "
                "incompletos: Oficina B (faltan 2 de 3)."),
])
def test_frase_de_quien_no_ha_reportado(contextos, periodo, esperada):
    assert frase_pendientes(contextos[periodo]) == esperada


def test_detalle_nombra_lo_que_falta_y_enlaza_cada_elemento(contextos):
    html = str(detalle_dependencias(contextos["2024-06"]))
    # Oficina C: debía I-3, A-1 y R-4; faltan I-3 y R-4; en rojo I-3 y A-1; sus alertas, I-3 sin reporte y A-1 crítica
    assert 'id="dependencia-oficina-c"' in html
    assert "Debía 3 reportes de junio de 2024 y entregó 1; faltan: indicador I-3 y riesgo R-4." in html
    assert "Tiene 2 elementos en rojo y 2 alertas." in html
    for enlace in ("04_indicadores.html#indicador-I-3", "06_riesgos.html#riesgo-R-4", "05_plan_integrado.html#actividad-A-1",
                   "03_proyectos_presupuesto.html#meta-1-2", "03_proyectos_presupuesto.html#proyecto-2"):
        assert f'href="{enlace}"' in html, enlace
    assert 'href="07_dependencias.html"' in str(resumen_pendientes(contextos["2024-06"]))


def test_nadie_reporto_y_nada_debido():
    solo_meta = hacer_libro(metas=[meta(1)], seguimiento_metas=[sm(1, 5, 1, 1)])
    assert frase_pendientes(preparar_desde(solo_meta, "2024-06")) == (
        "Aún no hay reportes de ninguna dependencia para junio de 2024: la única que debía reportar tiene pendiente su reporte.")
    assert frase_pendientes(preparar_desde(solo_meta, "2024-05")) == (
        "La única dependencia que debía reportar en mayo de 2024 entregó todo.")
    anual = hacer_libro(indicadores=[ind("I-1", "Anual")])
    assert frase_pendientes(preparar_desde(anual, "2024-06")) == "Ninguna dependencia tenía reportes debidos en junio de 2024."
