"""Un año que cambia (sección 6): ventanas, reprogramación, modificaciones presupuestales y armonización.

Un libro hecho a la medida con una armonización de mitad de año:

* proyecto 1 («Viejo», objetivo 1) cierra en junio: la hoja ``armonizacion`` dice que el 2 lo
  continúa desde 2024-07 (ninguno de los dos escribe su ventana: la armonización la fija);
* proyecto 2 («Nuevo», objetivo 1) empieza en julio con los $300 millones que no comprometió el 1;
* proyecto 3 («Permanente», objetivo 2) todo el año; su meta 1 se reprograma de 12 a 10 desde
  junio y recibe una adición de $50 millones en agosto;
* indicador I-1 mensual todo el año; I-2 trimestral agregado en abril (``vigente_desde`` 2024-04);
* actividad A-1 todo el año.

Los valores esperados en 2024-05, 2024-06 y 2024-08 están calculados a mano en los comentarios.
"""

from __future__ import annotations

import pandas as pd
import pytest
from libros_minimos import act, hacer_libro, ind, meta, pres, sa, si, sm

from pai_analisis.metricas.calculo import calcular_metricas
from pai_analisis.metricas.parametros import Parametros

OBJETIVOS = [{"objetivo": 1, "nombre": "Gestión pública"}, {"objetivo": 2, "nombre": "Servicio"}]
PROYECTOS = [
    {"proyecto": 1, "nombre": "Viejo", "objetivo": 1, "presupuesto_programado": 1000},
    {"proyecto": 2, "nombre": "Nuevo", "objetivo": 1, "presupuesto_programado": 300},
    {"proyecto": 3, "nombre": "Permanente", "objetivo": 2, "presupuesto_programado": 300},
]
# (1,1): 2 programadas por mes de enero a junio; ejecutadas 2, 2, 1, 2, 2, 1
M11 = [sm(1, m, 2, e, proyecto=1) for m, e in zip(range(1, 7), [2, 2, 1, 2, 2, 1], strict=True)]
# (2,1): julio 1/1, agosto 1/0,5
M21 = [sm(1, 7, 1, 1, proyecto=2), sm(1, 8, 1, 0.5, proyecto=2)]
# (3,1): 1 programada por mes; ejecutada 1 cada mes salvo mayo (0)
M31 = [sm(1, m, 1, 0 if m == 5 else 1, proyecto=3) for m in range(1, 9)]
# (3,2) Constante: nivel 100 programado; logrado 100 salvo mayo (90) y junio (95)
M32 = [sm(2, m, 100, {5: 90, 6: 95}.get(m, 100), proyecto=3) for m in range(1, 9)]
PRESUPUESTO = (
    # 1: compromete 200…700 hasta junio; en julio su apropiación baja a lo comprometido (traslado de 300 al 2)
    [pres(1, m, 1000, c, g) for m, c, g in zip(range(1, 7), [200, 300, 400, 500, 600, 700], [50, 100, 150, 250, 300, 400],
                                                 strict=True)]
    + [pres(1, 7, 700, 700, 500), pres(1, 8, 700, 700, 600)]
    + [pres(2, 7, 300, 100, 0), pres(2, 8, 300, 150, 30)]
    + [pres(3, m, 350 if m == 8 else 300, c, g) for m, c, g in zip(range(1, 9), [50, 80, 100, 120, 150, 180, 200, 250],
                                                                    [10, 20, 30, 40, 50, 80, 100, 150], strict=True)]
)
# I-1 mensual, meta 90: resultados 90 salvo mayo (81). I-2 trimestral desde abril, meta 100: junio 80.
I1 = [si("I-1", m, resultado=81 if m == 5 else 90) for m in range(1, 9)]
I2 = [si("I-2", 6, resultado=80)]
# programado/ejecutado acumulados
A1 = [sa("A-1", m, p, e) for m, p, e in zip(range(1, 9), [10, 20, 30, 40, 50, 60, 70, 80], [10, 20, 30, 35, 40, 57, 70, 80],
                                              strict=True)]


def _hojas(**cambios) -> dict:
    hojas = dict(
        objetivos=OBJETIVOS, proyectos=PROYECTOS,
        metas=[meta(1, "Suma", 12, 48, proyecto=1), meta(1, "Suma", 6, 24, proyecto=2), meta(1, "Suma", 12, 48, proyecto=3),
               meta(2, "Constante", 100, 100, proyecto=3)],
        seguimiento_metas=M11 + M21 + M31 + M32, presupuesto=PRESUPUESTO,
        indicadores=[ind("I-1", "Mensual", 90, objetivo=1), {**ind("I-2", "Trimestral", 100, objetivo=2), "vigente_desde": "2024-04"}],
        seguimiento_indicadores=I1 + I2,
        actividades=[act("A-1", objetivo=1)], seguimiento_actividades=A1,
        reprogramaciones=[{"proyecto": 3, "meta": 1, "periodo": "2024-06", "programacion_vigencia": 10,
                           "motivo": "Una jornada se canceló por la armonización"}],
        armonizacion=[{"proyecto_anterior": 1, "proyecto_nuevo": 2, "periodo": "2024-07", "observaciones": "Acuerdo 927"}],
    )
    return hojas | cambios


def _libro(**cambios):
    return hacer_libro(**_hojas(**cambios))


@pytest.fixture(scope="module")
def libro():
    return _libro()


def _por(tabla: pd.DataFrame, **clave) -> dict:
    fila = tabla
    for c, v in clave.items():
        fila = fila[fila[c] == v]
    assert len(fila) == 1, clave
    return fila.iloc[0].to_dict()


# ---------------------------------------------------------------- ventanas resueltas

def test_la_armonizacion_fija_las_ventanas(libro):
    pr = libro.proyectos.set_index("proyecto")
    assert (str(pr.loc[1, "vigente_desde"]), str(pr.loc[1, "vigente_hasta"])) == ("2024-01", "2024-06")  # cierra el mes antes
    assert (str(pr.loc[2, "vigente_desde"]), str(pr.loc[2, "vigente_hasta"])) == ("2024-07", "2024-12")  # empieza en julio
    m = libro.metas.set_index(["proyecto", "meta"])
    assert str(m.loc[(2, 1), "vigente_desde"]) == "2024-07"  # la meta toma la ventana de su proyecto
    assert str(m.loc[(1, 1), "vigente_hasta"]) == "2024-06"
    assert len(libro.advertencias) == 0


# ---------------------------------------------------------------- metas, proyectos, componentes e índice

ESPERADO = {
    # periodo: {meta: (cumplimiento, avance_vigencia, Mv, estado)}
    "2024-05": {
        # (1,1): E = 2+2+1+2+2 = 9, Pf = 10 → 90; avance 9/12 = 75
        (1, 1): (90.0, 75.0, 12, "activo"),
        # (3,1): E = 4, Pf = 5 → 80; la reprogramación rige desde junio: Mv = 12 → 4/12 = 33,33
        (3, 1): (80.0, 100 * 4 / 12, 12, "activo"),
        # (3,2) Constante: nivel 90 / 100 → 90
        (3, 2): (90.0, 90.0, 100, "activo"),
    },
    "2024-06": {
        # (1,1): E = 10, Pf = 12 → 83,33; avance 10/12 = 83,33
        (1, 1): (100 * 10 / 12, 100 * 10 / 12, 12, "activo"),
        # (3,1): E = 5, Pf = 6 → 83,33; Mv = 10 (reprogramada) → 5/10 = 50
        (3, 1): (100 * 5 / 6, 50.0, 10, "activo"),
        (3, 2): (95.0, 95.0, 100, "activo"),
    },
    "2024-08": {
        # (1,1) cerrada en junio: congelada en sus valores de junio
        (1, 1): (100 * 10 / 12, 100 * 10 / 12, 12, "cerrado"),
        # (2,1): E = 1,5, Pf = 2 → 75; avance 1,5/6 = 25
        (2, 1): (75.0, 25.0, 6, "activo"),
        # (3,1): E = 7, Pf = 8 → 87,5; avance 7/10 = 70
        (3, 1): (87.5, 70.0, 10, "activo"),
        (3, 2): (100.0, 100.0, 100, "activo"),
    },
}


@pytest.mark.parametrize("periodo", list(ESPERADO))
def test_metas_con_el_plan_como_estaba_en_cada_mes(libro, periodo):
    m = calcular_metricas(libro, periodo).metas
    assert set(zip(m["proyecto"], m["meta"], strict=True)) == set(ESPERADO[periodo])  # (2,1) no existe antes de julio
    for (p, n), (cumpl, avance, mv, estado) in ESPERADO[periodo].items():
        fila = _por(m, proyecto=p, meta=n)
        assert fila["cumplimiento"] == pytest.approx(cumpl)
        assert fila["avance_vigencia"] == pytest.approx(avance)
        assert fila["programacion_vigencia"] == mv and fila["estado"] == estado


PROYECTOS_ESPERADOS = {
    # periodo: {proyecto: (cumplimiento, avance_fisico, estado)}
    "2024-05": {1: (90.0, 75.0, "activo"),
                # 3: media de 80 y 90; avance media de 33,33 y 90 = 61,67
                3: (85.0, (100 * 4 / 12 + 90) / 2, "activo")},
    "2024-06": {1: (100 * 10 / 12, 100 * 10 / 12, "activo"),
                # 3: (83,33 + 95)/2 = 89,17; avance (50 + 95)/2 = 72,5
                3: ((100 * 5 / 6 + 95) / 2, 72.5, "activo")},
    "2024-08": {1: (100 * 10 / 12, 100 * 10 / 12, "cerrado"), 2: (75.0, 25.0, "activo"),
                # 3: (87,5 + 100)/2 = 93,75; avance (70 + 100)/2 = 85
                3: (93.75, 85.0, "activo")},
}
COMPONENTES = {
    # proyectos: media de los activos; indicadores: I-1 (y I-2 desde junio); plan: A-1
    "2024-05": {"proyectos_inversion": (90 + 85) / 2,  # 87,5
                "indicadores_gestion": 100 * ((90 * 4 + 81) / 5) / 90,  # I-1: 88,2/90 = 98; I-2 aún no vence
                "plan_accion_integrado": 80.0},  # 40/50
    "2024-06": {"proyectos_inversion": (100 * 10 / 12 + (100 * 5 / 6 + 95) / 2) / 2,  # (83,33 + 89,17)/2 = 86,25
                "indicadores_gestion": (100 * ((90 * 5 + 81) / 6) / 90 + 80) / 2,  # (98,33 + 80)/2 = 89,17
                "plan_accion_integrado": 95.0},  # 57/60
    "2024-08": {"proyectos_inversion": (75 + 93.75) / 2,  # 84,375: el 1 cerrado no cuenta
                "indicadores_gestion": (100 * ((90 * 7 + 81) / 8) / 90 + 80) / 2,  # (98,75 + 80)/2 = 89,375
                "plan_accion_integrado": 100.0},
}


@pytest.mark.parametrize("periodo", list(PROYECTOS_ESPERADOS))
def test_proyectos_componentes_e_indice(libro, periodo):
    m = calcular_metricas(libro, periodo)
    assert set(m.proyectos["proyecto"]) == set(PROYECTOS_ESPERADOS[periodo])  # el 2 no aparece antes de julio
    for p, (cumpl, avance, estado) in PROYECTOS_ESPERADOS[periodo].items():
        fila = _por(m.proyectos, proyecto=p)
        assert fila["cumplimiento"] == pytest.approx(cumpl) and fila["avance_fisico"] == pytest.approx(avance)
        assert fila["estado"] == estado
    for c, v in COMPONENTES[periodo].items():
        assert m.componentes[c] == pytest.approx(v)
    assert m.indice_pai == pytest.approx(sum(COMPONENTES[periodo].values()) / 3)  # mayo 88,5; junio 90,14; agosto 91,25


OBJETIVOS_ESPERADOS = {
    # objetivo 1: metas de los proyectos 1 y 2, I-1 y A-1; objetivo 2: metas del 3 e I-2 (cuando vence)
    "2024-05": {1: (90 + 98 + 80) / 3, 2: (80 + 90) / 2},
    "2024-06": {1: (100 * 10 / 12 + 100 * 88.5 / 90 + 95) / 3, 2: (100 * 5 / 6 + 95 + 80) / 3},
    "2024-08": {1: (75 + 100 * 88.875 / 90 + 100) / 3,  # la meta (1,1) cerrada ya no cuenta
                2: (87.5 + 100 + 80) / 3},
}


@pytest.mark.parametrize("periodo", list(OBJETIVOS_ESPERADOS))
def test_objetivos_solo_con_lo_activo(libro, periodo):
    o = calcular_metricas(libro, periodo).objetivos.set_index("objetivo")["cumplimiento"]
    for objetivo, valor in OBJETIVOS_ESPERADOS[periodo].items():
        assert o[objetivo] == pytest.approx(valor)


def test_indicador_agregado_en_abril_vence_en_junio(libro):
    mayo = _por(calcular_metricas(libro, "2024-05").indicadores, indicador="I-2")
    assert not mayo["debido"] and pd.isna(mayo["cumplimiento"])  # abril y mayo no cierran trimestre
    junio = _por(calcular_metricas(libro, "2024-06").indicadores, indicador="I-2")
    assert junio["debido"] and junio["cumplimiento"] == pytest.approx(80.0)


def test_indicador_aun_no_iniciado_no_aparece():
    libro = _libro(indicadores=[ind("I-1", "Mensual", 90, objetivo=1),
                                {**ind("I-2", "Trimestral", 100, objetivo=2), "vigente_desde": "2024-07"}],
                   seguimiento_indicadores=I1)
    m = calcular_metricas(libro, "2024-06")
    assert list(m.indicadores["indicador"]) == ["I-1"]  # ni «sin dato» ni «sin reporte»
    assert not (m.alertas["item"] == "I-2").any()


# ---------------------------------------------------------------- presupuesto, modificaciones y armonización

def test_presupuesto_de_la_entidad_continuo(libro):
    mayo, junio, agosto = (calcular_metricas(libro, p) for p in ("2024-05", "2024-06", "2024-08"))
    # mayo: apropiación 1000 + 300; compromisos 600 + 150 = 750
    assert mayo.presupuesto_total["apropiacion"] == 1300 and mayo.presupuesto_total["compromisos"] == 750
    # agosto: 700 (el 1 después del traslado) + 300 (el 2) + 350 (el 3 con la adición) = 1350; compromisos 700 + 150 + 250
    t = agosto.presupuesto_total
    assert (t["apropiacion"], t["compromisos"], t["giros"]) == (1350, 1100, 780)
    assert t["ejecucion_presupuestal"] == pytest.approx(100 * 1100 / 1350)
    # inicial: enero 1000 + 300; modificaciones netas 50 (el traslado de 300 sale del 1 y entra al 2)
    assert (t["apropiacion_inicial"], t["modificaciones"]) == (1300, 50)
    assert junio.modificaciones.empty and junio.armonizacion.empty  # nada de esto se ve antes de julio


def test_modificaciones_presupuestales(libro):
    mod = calcular_metricas(libro, "2024-08").modificaciones
    assert mod[["proyecto", "periodo", "anterior", "nueva", "monto", "tipo"]].to_dict("records") == [
        {"proyecto": 1, "periodo": "2024-07", "anterior": 1000.0, "nueva": 700.0, "monto": -300.0, "tipo": "traslado por armonización"},
        {"proyecto": 3, "periodo": "2024-08", "anterior": 300.0, "nueva": 350.0, "monto": 50.0, "tipo": "adición"},
    ]
    assert mod.loc[0, "destino"] == "2"
    p = calcular_metricas(libro, "2024-08").proyectos.set_index("proyecto")
    assert (p.loc[3, "apropiacion_inicial"], p.loc[3, "apropiacion"], p.loc[3, "modificaciones"]) == (300, 350, 50)
    assert (p.loc[1, "apropiacion_inicial"], p.loc[1, "apropiacion"]) == (1000, 700)
    assert p.loc[2, "apropiacion_inicial"] == 300  # el nuevo: su primer corte


def test_armonizacion_y_dinero_que_se_movio(libro):
    a = calcular_metricas(libro, "2024-08").armonizacion
    assert a[["proyecto_anterior", "proyecto_nuevo", "periodo", "apropiacion_anterior_antes", "apropiacion_anterior_despues",
              "reduccion", "apropiacion_inicial_nuevo"]].to_dict("records") == [
        {"proyecto_anterior": 1, "proyecto_nuevo": 2, "periodo": "2024-07", "apropiacion_anterior_antes": 1000.0,
         "apropiacion_anterior_despues": 700.0, "reduccion": 300.0, "apropiacion_inicial_nuevo": 300.0}]


def test_reprogramacion_visible_desde_su_mes(libro):
    assert calcular_metricas(libro, "2024-05").reprogramaciones.empty  # antes de junio no existe
    r = calcular_metricas(libro, "2024-06").reprogramaciones
    assert r[["proyecto", "meta", "periodo", "anterior", "nueva", "motivo"]].to_dict("records") == [
        {"proyecto": 3, "meta": 1, "periodo": "2024-06", "anterior": 12.0, "nueva": 10.0,
         "motivo": "Una jornada se canceló por la armonización"}]


def test_la_brecha_se_mide_con_la_apropiacion_vigente_y_omite_los_cerrados(libro):
    par = Parametros(umbral_brecha=10)
    m = calcular_metricas(libro, "2024-08", par)
    brecha = m.alertas[m.alertas["tipo"] == "brecha_fisico_financiera"]
    # 1 cerrado: 100 % comprometido frente a 83,3 % físico (16,7 puntos) pero no alerta;
    # 2: 150/300 = 50 % frente a 25 % (25 puntos); 3: 250/350 = 71,4 % frente a 85 % (13,6 puntos)
    assert sorted(brecha["item"]) == ["2", "3"]
    assert _por(brecha, item="3")["valor"] == pytest.approx(100 * 250 / 350 - 85)
    assert not (m.alertas["item"].isin(["1", "1-1"])).any()  # nada del proyecto cerrado


def test_json_con_estado_y_cambios(libro):
    d = calcular_metricas(libro, "2024-08").a_dict()
    assert {p["proyecto"]: p["estado"] for p in d["proyectos"]} == {1: "cerrado", 2: "activo", 3: "activo"}
    assert {(m["proyecto"], m["meta"]): m["estado"] for m in d["metas"]}[(1, 1)] == "cerrado"
    assert d["reprogramaciones"][0]["nueva"] == 10.0 and d["armonizacion"][0]["reduccion"] == 300.0
    assert [x["tipo"] for x in d["modificaciones_presupuestales"]] == ["traslado por armonización", "adición"]
    assert d["estado_periodo"] == "completo" and d["cobertura"]["total"] == 100.0


# ---------------------------------------------------------------- cobertura (7.1)

def test_cobertura_solo_de_lo_activo_en_el_mes(libro):
    c = calcular_metricas(libro, "2024-08").cobertura
    # agosto: metas activas (2,1), (3,1), (3,2); I-1 (I-2 cierra en septiembre); A-1; cortes de 2 y 3
    assert c["esperados"] == {"metas": 3, "indicadores": 1, "actividades": 1, "presupuesto": 2}
    assert c["cobertura"]["total"] == 100.0 and c["estado_periodo"] == "completo"


def test_cobertura_parcial_es_preliminar():
    # sin el reporte de agosto de (3,2) ni el corte de agosto del 3: 5 de 7 esperados
    libro = _libro(seguimiento_metas=M11 + M21 + M31 + M32[:-1], presupuesto=PRESUPUESTO[:-1])
    c = calcular_metricas(libro, "2024-08").cobertura
    assert c["cobertura"]["metas"] == pytest.approx(100 * 2 / 3) and c["cobertura"]["presupuesto"] == 50.0
    assert c["cobertura"]["total"] == pytest.approx(100 * 5 / 7)  # 71,4 % < 90
    assert c["estado_periodo"] == "preliminar"
    assert c["faltantes"]["metas"] == ["3-2"] and c["faltantes"]["presupuesto"] == ["3"]


# ---------------------------------------------------------------- validación de la sección 6

def _problemas(**cambios) -> pd.DataFrame:
    p = hacer_libro(permitir_errores=True, **_hojas(**cambios)).advertencias
    return p[p["nivel"] == "error"]


def _un_error(errores: pd.DataFrame, regla: str) -> dict:
    assert len(errores) == 1, errores.to_string()
    e = errores.iloc[0].to_dict()
    assert e["regla"] == regla
    return e


def test_reporte_fuera_de_la_ventana_es_error():
    # un reporte de junio de la meta (2,1), que empieza en julio: fila 8 de la hoja (la 7.ª fila de datos)
    filas = M11 + M21 + M31 + M32
    filas.insert(6, sm(1, 6, 1, 1, proyecto=2))
    e = _un_error(_problemas(seguimiento_metas=filas), "fuera_de_ventana")
    assert (e["hoja"], e["fila"], e["columna"], e["valor"]) == ("seguimiento_metas", 8, "periodo", "2024-06")
    assert "2024-07 a 2024-12" in e["esperado"] and "la meta 2-1" in e["esperado"]


def test_indicador_reportado_antes_de_su_ventana():
    e = _un_error(_problemas(seguimiento_indicadores=I1 + I2 + [si("I-2", 3, resultado=70)]), "fuera_de_ventana")
    assert (e["hoja"], e["fila"], e["valor"]) == ("seguimiento_indicadores", 11, "2024-03")


def test_meta_con_ventana_fuera_de_la_de_su_proyecto():
    metas = [meta(1, "Suma", 12, 48, proyecto=1), meta(1, "Suma", 6, 24, proyecto=2, vigente_desde="2024-05"),
             meta(1, "Suma", 12, 48, proyecto=3), meta(2, "Constante", 100, 100, proyecto=3)]
    errores = _problemas(metas=metas)
    e = errores[errores["regla"] == "ventana_meta"].iloc[0].to_dict()
    assert (e["hoja"], e["fila"], e["valor"]) == ("metas", 3, "2024-05 a 2024-12")
    assert "proyecto 2 (2024-07 a 2024-12)" in e["esperado"]


def test_reprogramacion_sin_motivo():
    e = _un_error(_problemas(reprogramaciones=[{"proyecto": 3, "meta": 1, "periodo": "2024-06", "programacion_vigencia": 10,
                                                "motivo": "  "}]), "motivo")
    assert (e["hoja"], e["fila"], e["columna"], e["valor"]) == ("reprogramaciones", 2, "motivo", None)


def test_armonizacion_que_no_concuerda_con_la_ventana_escrita():
    proyectos = [{**PROYECTOS[0], "vigente_hasta": "2024-05"}, *PROYECTOS[1:]]
    errores = _problemas(proyectos=proyectos)
    e = errores[errores["regla"] == "armonizacion"].iloc[0].to_dict()
    assert (e["hoja"], e["fila"], e["columna"], e["valor"]) == ("proyectos", 2, "vigente_hasta", "2024-05")
    assert e["esperado"].startswith("2024-06")


@pytest.mark.parametrize(("cambio", "regla", "hoja", "fila", "valor"), [
    ({"armonizacion": [{"proyecto_anterior": 1, "proyecto_nuevo": 1, "periodo": "2024-07"}]}, "armonizacion", "armonizacion", 2, "1"),
    ({"armonizacion": [{"proyecto_anterior": 1, "proyecto_nuevo": 2, "periodo": "2024-01"}]}, "armonizacion", "armonizacion", 2,
     "2024-01"),
    ({"proyectos": [{**PROYECTOS[0], "vigente_desde": "2024-05", "vigente_hasta": "2024-03"}, *PROYECTOS[1:]]},
     "ventana_invertida", "proyectos", 2, "2024-03"),
    ({"proyectos": [*PROYECTOS[:2], {**PROYECTOS[2], "vigente_hasta": "2025-02"}]}, "ventana_fuera_de_vigencia", "proyectos", 4,
     "2025-02"),
    ({"presupuesto": PRESUPUESTO + [pres(2, 6, 300, 0, 0)]}, "fuera_de_ventana", "presupuesto", len(PRESUPUESTO) + 2, "2024-06"),
])
def test_otras_reglas_de_la_seccion_6(cambio, regla, hoja, fila, valor):
    errores = _problemas(**cambio)
    assert ((errores["regla"] == regla) & (errores["hoja"] == hoja) & (errores["fila"] == fila) & (errores["valor"] == valor)).any(), \
        errores.to_string()


def test_sin_advertencias_fuera_de_las_ventanas(libro):
    from pai_analisis.metricas.advertencias import advertencias

    adv = advertencias(libro)
    # el 1 no reporta después de junio ni el 2 antes de julio: nada que advertir
    assert adv.empty, adv.to_string()


# ---------------------------------------------------------------- vigencia nueva (sección 6.5)

def test_plan_de_la_vigencia_siguiente_arrastra_lo_logrado(libro):
    from pai_analisis.metricas.arrastre import plan_siguiente

    t = plan_siguiente(libro)
    # el 1 cerró en junio: no pasa; el 2 y el 3 siguen, sin ventana y con el presupuesto por diligenciar
    assert t["proyectos"]["proyecto"].tolist() == [2, 3]
    assert t["proyectos"]["presupuesto_programado"].isna().all()
    assert "vigente_desde" not in t["proyectos"] and "vigente_hasta" not in t["metas"]
    metas = {(r.proyecto, r.meta): r for r in t["metas"].itertuples()}
    assert list(metas) == [(2, 1), (3, 1), (3, 2)]
    # (2,1) Suma, sin ejecutado_anterior: 0 + julio 1 + agosto 0,5 = 1,5 (el libro llega a agosto)
    assert metas[(2, 1)].ejecutado_anterior == pytest.approx(1.5)
    # (3,1) Suma: 1 por mes de enero a agosto salvo mayo (0) = 7
    assert metas[(3, 1)].ejecutado_anterior == pytest.approx(7)
    # (3,2) Constante: un nivel no se acumula; el último reportado (agosto) = 100
    assert metas[(3, 2)].ejecutado_anterior == pytest.approx(100)
    assert t["metas"]["programacion_vigencia"].isna().all()
    # indicadores y actividades vigentes en diciembre, sin ventana; objetivos tal cual; el seguimiento, vacío
    assert t["indicadores"]["indicador"].tolist() == ["I-1", "I-2"] and "vigente_desde" not in t["indicadores"]
    assert t["actividades"]["actividad"].tolist() == ["A-1"]
    assert t["objetivos"]["objetivo"].tolist() == [1, 2]
    assert not any(h.startswith("seguimiento") or h == "presupuesto" for h in t if len(t[h]))


def test_libro_de_la_vigencia_siguiente_por_la_linea_de_comandos(tmp_path, capsys):
    from pai_analisis import cargar_libro
    from pai_analisis.cli import main

    assert main(["plantilla", str(tmp_path / "2024.xlsx"), "--con-ejemplo"]) == 0
    assert main(["plantilla", str(tmp_path / "2025.xlsx"), "--vigencia", "2025", "--desde", str(tmp_path / "2024.xlsx")]) == 0
    salida = capsys.readouterr().out
    assert "Libro de la vigencia 2025" in salida and "Queda marcado como de demostración" in salida
    viejo, nuevo = cargar_libro(tmp_path / "2024.xlsx"), cargar_libro(tmp_path / "2025.xlsx")
    assert nuevo.vigencia == 2025 and nuevo.demostracion  # hereda cifras simuladas: sigue marcado
    assert nuevo.seguimiento_metas.empty and nuevo.presupuesto.empty
    # 7867-1 (Creciente = flujo) traía 90 y en 2024 ejecutó la suma de sus reportes del año
    sm = viejo.seguimiento_metas
    ejecutado_2024 = sm[(sm["proyecto"] == 7867) & (sm["meta"] == 1)]["ejecutado"].sum()
    m = nuevo.metas.set_index(["proyecto", "meta"])
    assert m.loc[(7867, 1), "ejecutado_anterior"] == pytest.approx(90 + ejecutado_2024)
    # la validación advierte la programación de la vigencia que falta diligenciar, no la rechaza
    assert main(["validar", str(tmp_path / "2025.xlsx")]) == 0
    # no se pisa el libro de 2025 ni se hace una vigencia que no es posterior
    assert main(["plantilla", str(tmp_path / "2025.xlsx"), "--vigencia", "2025", "--desde", str(tmp_path / "2024.xlsx")]) == 1
    assert main(["plantilla", str(tmp_path / "x.xlsx"), "--vigencia", "2024", "--desde", str(tmp_path / "2024.xlsx")]) == 1
    assert "debe ser posterior" in capsys.readouterr().err
