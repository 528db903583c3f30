"""Metodología de la sección 3 con ejemplos resueltos a mano, y el JSON de la sección 5.

Cada prueba arma un libro diminuto en memoria (``libros_minimos.hacer_libro``: filas →
hojas crudas → ``validar`` → ``Libro``) y compara con cifras calculadas a mano, con la
cuenta escrita en un comentario al lado. Convención: «E» es el ejecutado de la vigencia
al periodo, «Pf» lo programado a la fecha, «Mv» la programación de la vigencia, «lb» la
línea base.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from libros_minimos import act, hacer_libro, ind, meta, pres, sa, si, sm

import pai_analisis
from pai_analisis.errores import ErrorParametros, ErrorPeriodo
from pai_analisis.libro.carga import cargar_libro
from pai_analisis.metricas.calculo import calcular_metricas, serie_mensual
from pai_analisis.metricas.indice import indice_pai, proyectar_indice
from pai_analisis.metricas.parametros import COMPONENTES, Parametros, cargar_parametros
from pai_analisis.metricas.periodo import meses_debidos

RAIZ = Path(__file__).resolve().parents[1]
NULO = None  # valor indefinido esperado (NaN en las tablas, null en el JSON)


def _igual(obtenido, esperado, tol=1e-6) -> bool:
    if esperado is None:
        return obtenido is None or (isinstance(obtenido, float) and math.isnan(obtenido)) or obtenido is pd.NA
    return obtenido is not None and not pd.isna(obtenido) and math.isclose(float(obtenido), esperado, abs_tol=tol)


def _fila(df: pd.DataFrame, **clave) -> pd.Series:
    sel = df
    for c, v in clave.items():
        sel = sel[sel[c] == v]
    assert len(sel) == 1, f"se esperaba una fila con {clave}, hay {len(sel)}"
    return sel.iloc[0]


def _comprobar(fila, esperado: dict) -> None:
    for col, v in esperado.items():
        assert _igual(fila[col], v), f"{col}: se obtuvo {fila[col]!r}, se esperaba {v!r}"


# ============================================================ 3.1 metas, por anualización

# (id, meta, seguimiento [(mes, programado, ejecutado)], periodo, esperado)
CASOS_METAS = [
    # Suma: flujo. E = 1 + 3 = 4; Pf = 2 + 3 = 5 (marzo no cuenta a febrero).
    # avance = 4/12·100 = 33,33; cumplimiento = 4/5·100 = 80; sin ejecutado_anterior → cuatrienio nulo.
    (
        "suma",
        meta(1, "Suma", mv=12, cuatrienio=48),
        [(1, 2, 1), (2, 3, 3), (3, 4, 5)],
        "2024-02",
        {"ejecutado": 4, "programado": 5, "avance_vigencia": 100 * 4 / 12, "cumplimiento": 80, "avance_cuatrienio": NULO},
    ),
    # Suma con ejecutado_anterior = 20, a marzo: E = 1+3+5 = 9, Pf = 2+3+4 = 9.
    # avance = 9/12 = 75; cumplimiento = 100; cuatrienio = (20 + 9)/48·100 = 60,4167.
    (
        "suma_con_anterior",
        meta(1, "Suma", mv=12, cuatrienio=48, ejecutado_anterior=20),
        [(1, 2, 1), (2, 3, 3), (3, 4, 5)],
        "2024-03",
        {"ejecutado": 9, "programado": 9, "avance_vigencia": 75, "cumplimiento": 100, "avance_cuatrienio": 100 * 29 / 48},
    ),
    # Creciente: la vigencia programa el incremento (10 sobre un nivel previo de 90). E = 1+4 = 5, Pf = 2+3 = 5.
    # avance = 5/10 = 50; cumplimiento = 100; cuatrienio = (90 + 5)/100 = 95.
    (
        "creciente",
        meta(1, "Creciente", mv=10, cuatrienio=100, ejecutado_anterior=90),
        [(1, 2, 1), (2, 3, 4)],
        "2024-02",
        {"ejecutado": 5, "programado": 5, "avance_vigencia": 50, "cumplimiento": 100, "avance_cuatrienio": 95},
    ),
    (
        "creciente_sin_anterior",
        meta(1, "Creciente", mv=10, cuatrienio=100),
        [(1, 2, 1), (2, 3, 4)],
        "2024-02",
        {"ejecutado": 5, "programado": 5, "avance_vigencia": 50, "cumplimiento": 100, "avance_cuatrienio": NULO},
    ),
    # Constante: nivel. E = último nivel a febrero = 80 (no 90 + 80); Pf = 100.
    # avance = 80/100 = 80; cumplimiento = 80; cuatrienio = avance de la vigencia = 80.
    (
        "constante",
        meta(1, "Constante", mv=100, cuatrienio=100, ejecutado_anterior=100),
        [(1, 100, 90), (2, 100, 80), (3, 100, 95)],
        "2024-02",
        {"ejecutado": 80, "programado": 100, "avance_vigencia": 80, "cumplimiento": 80, "avance_cuatrienio": 80},
    ),
    # Constante a marzo sin ejecutado_anterior: E = 95 → 95 y 95; cuatrienio nulo.
    (
        "constante_sin_anterior",
        meta(1, "Constante", mv=100, cuatrienio=100),
        [(1, 100, 90), (2, 100, 80), (3, 100, 95)],
        "2024-03",
        {"ejecutado": 95, "programado": 100, "avance_vigencia": 95, "cumplimiento": 95, "avance_cuatrienio": NULO},
    ),
    # Decreciente (lb = 50 → Mv = 20, cuatrienio 10). Nivel a febrero: E = 40, Pf = 45.
    # avance = (50−40)/(50−20)·100 = 33,33; cumplimiento = (50−40)/(50−45)·100 = 200 (bruto);
    # cuatrienio = (50−40)/(50−10)·100 = 25.
    (
        "decreciente",
        meta(1, "Decreciente", mv=20, cuatrienio=10, linea_base=50, ejecutado_anterior=55),
        [(1, 48, 49), (2, 45, 40)],
        "2024-02",
        {"ejecutado": 40, "programado": 45, "avance_vigencia": 100 / 3, "cumplimiento": 200, "avance_cuatrienio": 25},
    ),
    # Decreciente a enero: E = 49, Pf = 48. avance = 1/30·100 = 3,33; cumplimiento = 1/2·100 = 50; cuatrienio = 1/40·100 = 2,5.
    (
        "decreciente_enero",
        meta(1, "Decreciente", mv=20, cuatrienio=10, linea_base=50, ejecutado_anterior=55),
        [(1, 48, 49), (2, 45, 40)],
        "2024-01",
        {"ejecutado": 49, "programado": 48, "avance_vigencia": 100 / 30, "cumplimiento": 50, "avance_cuatrienio": 2.5},
    ),
    (
        "decreciente_sin_anterior",
        meta(1, "Decreciente", mv=20, cuatrienio=10, linea_base=50),
        [(1, 48, 49), (2, 45, 40)],
        "2024-02",
        {"avance_vigencia": 100 / 3, "cumplimiento": 200, "avance_cuatrienio": NULO},
    ),
    # Decreciente que sube por encima de la línea base: E = 60, Pf = 45.
    # avance = (50−60)/30·100 = −33,33; cumplimiento = (50−60)/(50−45)·100 = −200 (brutos; el tope los lleva a 0).
    (
        "decreciente_empeora",
        meta(1, "Decreciente", mv=20, cuatrienio=10, linea_base=50),
        [(1, 45, 60)],
        "2024-01",
        {"avance_vigencia": -100 / 3, "cumplimiento": -200, "avance_vigencia_tope": 0, "cumplimiento_tope": 0},
    ),
    # --- cumplimiento indefinido: nada programado a la fecha
    # Suma con Pf = 0 + 0 = 0 (aunque E = 2): cumplimiento nulo; avance = 2/12·100 = 16,67.
    (
        "suma_pf_cero",
        meta(1, "Suma", mv=12, cuatrienio=48),
        [(1, 0, 0), (2, 0, 2)],
        "2024-02",
        {"ejecutado": 2, "programado": 0, "avance_vigencia": 100 * 2 / 12, "cumplimiento": NULO, "cumplimiento_tope": NULO},
    ),
    # Suma sin ningún reporte: el flujo suma 0 → E = 0, Pf = 0, avance 0, cumplimiento nulo.
    (
        "suma_sin_reportes",
        meta(1, "Suma", mv=12, cuatrienio=48),
        [],
        "2024-02",
        {"ejecutado": 0, "programado": 0, "avance_vigencia": 0, "cumplimiento": NULO},
    ),
    # Decreciente con Pf = lb = 50: nada programado todavía → nulo; avance = (50−48)/30·100 = 6,67.
    (
        "decreciente_pf_linea_base",
        meta(1, "Decreciente", mv=20, cuatrienio=10, linea_base=50),
        [(1, 50, 48)],
        "2024-01",
        {"ejecutado": 48, "programado": 50, "avance_vigencia": 100 * 2 / 30, "cumplimiento": NULO},
    ),
    # Constante con nivel programado 0: nulo.
    (
        "constante_pf_cero",
        meta(1, "Constante", mv=100, cuatrienio=100),
        [(1, 0, 0)],
        "2024-01",
        {"ejecutado": 0, "programado": 0, "avance_vigencia": 0, "cumplimiento": NULO},
    ),
    # Constante sin reportes: sin nivel (E y Pf nulos), avance 0, cumplimiento nulo.
    (
        "constante_sin_reportes",
        meta(1, "Constante", mv=100, cuatrienio=100),
        [],
        "2024-03",
        {"ejecutado": NULO, "programado": NULO, "avance_vigencia": 0, "cumplimiento": NULO},
    ),
    # Decreciente sin reportes: el nivel sigue en la línea base → avance (50−50)/30 = 0; cumplimiento nulo.
    (
        "decreciente_sin_reportes",
        meta(1, "Decreciente", mv=20, cuatrienio=10, linea_base=50, ejecutado_anterior=50),
        [],
        "2024-03",
        {"ejecutado": NULO, "avance_vigencia": 0, "cumplimiento": NULO, "avance_cuatrienio": 0},
    ),
]


@pytest.mark.parametrize(
    ("fila_meta", "seguimiento", "periodo", "esperado"), [c[1:] for c in CASOS_METAS], ids=[c[0] for c in CASOS_METAS]
)
def test_meta_por_anualizacion(fila_meta, seguimiento, periodo, esperado):
    libro = hacer_libro(metas=[fila_meta], seguimiento_metas=[sm(1, mes, p, e) for mes, p, e in seguimiento])
    m = calcular_metricas(libro, periodo)
    _comprobar(_fila(m.metas, proyecto=1, meta=1), esperado)
    # el JSON repite los valores brutos de la tabla
    (json_meta,) = m.a_dict()["metas"]
    for col in ("ejecutado", "programado", "avance_vigencia", "cumplimiento", "avance_cuatrienio"):
        if col in esperado:
            assert _igual(json_meta[col], esperado[col]), col


def test_meta_topes_en_0_y_100():
    # cumplimiento 150 (E = 6, Pf = 4) → tope 100; Decreciente −200 → tope 0
    libro = hacer_libro(
        metas=[meta(1, "Suma"), meta(2, "Decreciente", mv=20, cuatrienio=10, linea_base=50)],
        seguimiento_metas=[sm(1, 1, 4, 6), sm(2, 1, 45, 60)],
    )
    t = calcular_metricas(libro, "2024-01").metas
    _comprobar(
        _fila(t, meta=1), {"cumplimiento": 150, "cumplimiento_tope": 100, "avance_vigencia": 60, "avance_vigencia_tope": 60}
    )
    _comprobar(_fila(t, meta=2), {"cumplimiento": -200, "cumplimiento_tope": 0, "avance_vigencia_tope": 0})


# ============================================================ 3.1 agregado por proyecto


def _libro_ponderado(con_pesos: bool):
    pesos = (1, 3, 6) if con_pesos else (None, None, None)
    return hacer_libro(
        metas=[meta(n, "Suma", mv=10, ponderacion=w) for n, w in zip((1, 2, 3), pesos, strict=True)],
        seguimiento_metas=[
            sm(1, 1, 4, 2),  # E=2, Pf=4 → cumplimiento 50, avance 20
            sm(2, 1, 4, 6),  # E=6, Pf=4 → cumplimiento 150 bruto (100 acotado), avance 60
            sm(3, 1, 0, 0),  # Pf=0 → cumplimiento indefinido, avance 0
        ],
    )


def test_proyecto_ponderado_y_renormalizado():
    m = calcular_metricas(_libro_ponderado(True), "2024-01")
    p = _fila(m.proyectos, proyecto=1)
    # cumplimiento: la meta 3 (peso 6) sale; (1·50 + 3·100)/(1 + 3) = 350/4 = 87,5 (con 150 bruto daría 125)
    # avance físico: las tres definidas; (1·20 + 3·60 + 6·0)/10 = 200/10 = 20
    _comprobar(p, {"cumplimiento": 87.5, "avance_fisico": 20.0})
    assert m.componentes["proyectos_inversion"] == pytest.approx(87.5)
    # bruto en el JSON de metas, acotado en los agregados
    metas_json = {x["meta"]: x for x in m.a_dict()["metas"]}
    assert metas_json[2]["cumplimiento"] == 150.0
    assert metas_json[3]["cumplimiento"] is None and metas_json[3]["semaforo"] is None
    assert m.a_dict()["proyectos"][0]["cumplimiento"] == 87.5


def test_proyecto_pesos_iguales_por_defecto():
    p = _fila(calcular_metricas(_libro_ponderado(False), "2024-01").proyectos, proyecto=1)
    # cumplimiento: (50 + 100)/2 = 75; avance: (20 + 60 + 0)/3 = 26,67
    _comprobar(p, {"cumplimiento": 75.0, "avance_fisico": 80 / 3})


def test_proyecto_sin_metas_definidas_queda_fuera_del_componente():
    libro = hacer_libro(
        proyectos=[
            {"proyecto": 1, "nombre": "Uno", "objetivo": 1, "presupuesto_programado": 100},
            {"proyecto": 2, "nombre": "Dos", "objetivo": 1, "presupuesto_programado": 100},
        ],
        metas=[meta(1, "Suma", proyecto=1), meta(1, "Suma", proyecto=2)],
        seguimiento_metas=[sm(1, 1, 4, 3, proyecto=1), sm(1, 1, 0, 0, proyecto=2)],  # 75 y Pf = 0
    )
    m = calcular_metricas(libro, "2024-01")
    assert _igual(_fila(m.proyectos, proyecto=2)["cumplimiento"], None)
    assert m.componentes["proyectos_inversion"] == pytest.approx(75.0)  # solo el proyecto 1


# ============================================================ 3.2 presupuesto


def test_presupuesto_ultimo_corte_y_razon_de_sumas():
    libro = hacer_libro(
        proyectos=[
            {"proyecto": 1, "nombre": "Uno", "objetivo": 1, "presupuesto_programado": 100},
            {"proyecto": 2, "nombre": "Dos", "objetivo": 1, "presupuesto_programado": 300},
            {"proyecto": 3, "nombre": "Sin corte", "objetivo": 1, "presupuesto_programado": 50},
        ],
        presupuesto=[pres(1, 1, 100, 30, 5), pres(1, 2, 100, 50, 10), pres(1, 3, 100, 90, 50), pres(2, 1, 300, 60, 30)],
    )
    m = calcular_metricas(libro, "2024-02")
    # proyecto 1, corte de febrero (no el de marzo): 50/100 = 50 %; giros 10/100 = 10 %; giros/compromisos 10/50 = 20 %
    _comprobar(_fila(m.proyectos, proyecto=1), {"ejecucion_presupuestal": 50, "giros_pct": 10, "giros_sobre_compromisos": 20})
    # proyecto 2, corte de enero: 60/300 = 20 %; 30/300 = 10 %; 30/60 = 50 %
    _comprobar(_fila(m.proyectos, proyecto=2), {"ejecucion_presupuestal": 20, "giros_pct": 10, "giros_sobre_compromisos": 50})
    _comprobar(_fila(m.proyectos, proyecto=3), {"ejecucion_presupuestal": None, "apropiacion": None})
    # entidad: (50 + 60)/(100 + 300) = 110/400 = 27,5 % — no la media de razones (50 + 20)/2 = 35
    t = m.presupuesto_total
    assert list(m.presupuesto["proyecto"]) == [1, 2, 3]  # la tabla por proyecto
    assert (t["apropiacion"], t["compromisos"], t["giros"]) == (400.0, 110.0, 40.0)
    assert t["ejecucion_presupuestal"] == pytest.approx(27.5)
    assert t["giros_pct"] == pytest.approx(10.0)  # 40/400
    assert t["giros_sobre_compromisos"] == pytest.approx(100 * 40 / 110)  # 36,36
    d = m.a_dict()
    # apropiación inicial: la del primer mes con cortes (enero: 100 + 300); sin modificaciones
    assert d["presupuesto"] == {
        "apropiacion": 400.0,
        "compromisos": 110.0,
        "giros": 40.0,
        "ejecucion_presupuestal": 27.5,
        "apropiacion_inicial": 400.0,
        "modificaciones": 0.0,
    }
    proy = {x["proyecto"]: x for x in d["proyectos"]}
    assert proy[1]["giros"] == 10.0 and proy[1]["ejecucion_presupuestal"] == 50.0  # «giros» del JSON es el porcentaje
    assert proy[3]["ejecucion_presupuestal"] is None and proy[3]["giros"] is None


# ============================================================ 3.3 indicadores


@pytest.mark.parametrize(
    ("periodicidad", "mes", "debido"),
    [
        ("Mensual", 1, True),
        ("Mensual", 12, True),
        ("Trimestral", 2, False),
        ("Trimestral", 3, True),
        ("Trimestral", 5, True),
        ("Semestral", 5, False),
        ("Semestral", 6, True),
        ("Semestral", 11, True),
        ("Anual", 11, False),
        ("Anual", 12, True),
    ],
)
def test_vencimiento_por_periodicidad(periodicidad, mes, debido):
    assert (meses_debidos([periodicidad], mes)[0] > 0) == debido
    libro = hacer_libro(indicadores=[ind("X-01", periodicidad)])
    fila = _fila(calcular_metricas(libro, f"2024-{mes:02d}").indicadores, indicador="X-01")
    assert bool(fila["debido"]) == debido
    # vencido sin reporte → 0 (y resultado nulo); no vencido → fuera (nulo)
    assert _igual(fila["cumplimiento"], 0.0 if debido else None)
    assert _igual(fila["resultado"], None)
    assert bool(fila["sin_reporte"]) == debido


def _libro_indicadores():
    return hacer_libro(
        indicadores=[
            ind("RS-01"),
            ind("MX-01"),
            ind("ME-01", meta_valor=6, sentido="menor", unidad="días"),
            ind("ME-02", meta_valor=6, sentido="menor", unidad="días"),
            ind("TR-01", "Trimestral", meta_valor=80),
            ind("TR-02", "Trimestral"),
            ind("SE-01", "Semestral"),
            ind("AN-01", "Anual"),
        ],
        seguimiento_indicadores=[
            si("RS-01", 1, numerador=1, denominador=10),
            si("RS-01", 2, numerador=90, denominador=100),
            si("MX-01", 1, resultado=80),
            si("MX-01", 2, numerador=9, denominador=10),
            si("ME-01", 1, resultado=5),
            si("ME-01", 2, resultado=8),
            si("ME-02", 1, resultado=4),
            si("ME-02", 2, resultado=8),
            si("TR-01", 2, resultado=60),
        ],
    )


INDICADORES_FEBRERO = {
    # todas las mediciones con numerador y denominador → Σnum/Σden = 91/110·100 = 82,73
    # (la media de resultados daría (10 + 90)/2 = 50); cumplimiento = 82,73/90·100 = 91,92
    "RS-01": {"resultado": 9100 / 110, "cumplimiento": 9100 / 110 / 90 * 100, "metodo": "razon_de_sumas"},
    # mixto (una con resultado, otra con num/den) → media de resultados (80 + 90)/2 = 85; 85/90·100 = 94,44
    "MX-01": {"resultado": 85, "cumplimiento": 8500 / 90, "metodo": "promedio"},
    # menor: media (5 + 8)/2 = 6,5 > 6 → 6/6,5·100 = 92,31
    "ME-01": {"resultado": 6.5, "cumplimiento": 600 / 6.5},
    # menor: media (4 + 8)/2 = 6 ≤ 6 → 100 (el límite cuenta como cumplido)
    "ME-02": {"resultado": 6, "cumplimiento": 100},
    # trimestral en febrero: no vence → nulo aunque ya tenga una medición
    "TR-01": {"resultado": 60, "cumplimiento": None, "debido": False},
    "TR-02": {"resultado": None, "cumplimiento": None, "debido": False, "sin_reporte": False},
    "SE-01": {"cumplimiento": None},
    "AN-01": {"cumplimiento": None},
}


@pytest.mark.parametrize("indicador", list(INDICADORES_FEBRERO))
def test_indicadores_a_febrero(indicador):
    t = calcular_metricas(_libro_indicadores(), "2024-02").indicadores
    fila = _fila(t, indicador=indicador)
    for col, v in INDICADORES_FEBRERO[indicador].items():
        if isinstance(v, (bool, str)):
            assert fila[col] == v, col
        else:
            assert _igual(fila[col], v), f"{col}: {fila[col]!r} ≠ {v!r}"


def test_componente_indicadores_febrero_y_marzo():
    libro = _libro_indicadores()
    feb = calcular_metricas(libro, "2024-02")
    # vencidos en febrero: los cuatro mensuales → (91,9192 + 94,4444 + 92,3077 + 100)/4 = 94,6678
    mensuales = [91.919192, 94.444444, 92.307692, 100.0]
    assert feb.componentes["indicadores_gestion"] == pytest.approx(sum(mensuales) / 4, abs=1e-5)
    mar = calcular_metricas(libro, "2024-03")
    tr1, tr2 = _fila(mar.indicadores, indicador="TR-01"), _fila(mar.indicadores, indicador="TR-02")
    # marzo cierra el trimestre: TR-01 = 60/80·100 = 75; TR-02 vencido sin reporte = 0 y resultado nulo
    assert _igual(tr1["cumplimiento"], 75.0)
    assert _igual(tr2["cumplimiento"], 0.0) and _igual(tr2["resultado"], None) and tr2["sin_reporte"]
    # (378,6713 + 75 + 0)/6 = 75,6119
    assert mar.componentes["indicadores_gestion"] == pytest.approx((sum(mensuales) + 75) / 6, abs=1e-5)
    j = {x["indicador"]: x for x in mar.a_dict()["indicadores"]}
    assert {k: j["TR-02"][k] for k in ("indicador", "resultado", "cumplimiento", "semaforo", "estado")} == {
        "indicador": "TR-02",
        "resultado": None,
        "cumplimiento": 0.0,
        "semaforo": "critico",
        "estado": "activo",
    }
    assert j["SE-01"]["cumplimiento"] is None and j["SE-01"]["semaforo"] is None
    alertas = mar.alertas
    assert ((alertas["tipo"] == "sin_reporte") & (alertas["item"] == "TR-02")).any()


def test_indicador_sobre_la_meta_se_acota_en_el_componente():
    # mayor: 75/50·100 = 150 bruto; el componente usa 100. menor con resultado 0 ≤ meta → 100
    libro = hacer_libro(
        indicadores=[ind("SO-01", meta_valor=50), ind("CE-01", meta_valor=3, sentido="menor", unidad="días")],
        seguimiento_indicadores=[si("SO-01", 1, resultado=75), si("CE-01", 1, resultado=0)],
    )
    m = calcular_metricas(libro, "2024-01")
    assert _igual(_fila(m.indicadores, indicador="SO-01")["cumplimiento"], 150.0)
    assert _igual(_fila(m.indicadores, indicador="CE-01")["cumplimiento"], 100.0)
    assert m.componentes["indicadores_gestion"] == pytest.approx(100.0)


def test_indicador_no_porcentual_con_numerador_y_denominador():
    # Decisión documentada en indicadores.py: la razón se multiplica por 100 solo si la unidad es «%».
    # 30 días / 6 pagos = 5 días por pago ≤ meta 5 → 100.
    libro = hacer_libro(
        indicadores=[ind("DI-01", meta_valor=5, sentido="menor", unidad="días")],
        seguimiento_indicadores=[si("DI-01", 1, numerador=30, denominador=6)],
    )
    _comprobar(_fila(calcular_metricas(libro, "2024-01").indicadores, indicador="DI-01"), {"resultado": 5, "cumplimiento": 100})


@pytest.mark.parametrize(
    ("sentido", "resultado", "esperado"),
    [
        ("mayor", 45, 50.0),  # 45/90·100
        ("mayor", 90, 100.0),
        ("mayor", 99, 110.0),  # bruto, sin tope
        ("menor", 80, 100.0),  # ≤ meta
        ("menor", 90, 100.0),  # = meta
        ("menor", 120, 75.0),  # 90/120·100
    ],
)
def test_cumplimiento_segun_sentido(sentido, resultado, esperado):
    libro = hacer_libro(
        indicadores=[ind("S-01", meta_valor=90, sentido=sentido)], seguimiento_indicadores=[si("S-01", 1, resultado=resultado)]
    )
    assert _igual(_fila(calcular_metricas(libro, "2024-01").indicadores, indicador="S-01")["cumplimiento"], esperado)


# ============================================================ 3.4 plan de acción integrado


def test_actividades():
    libro = hacer_libro(
        actividades=[act("A-01"), act("A-02"), act("A-03"), act("A-04"), act("A-05")],
        seguimiento_actividades=[
            sa("A-01", 1, 10, 10),
            sa("A-01", 2, 20, 15),  # último corte ≤ feb: 15/20·100 = 75
            sa("A-02", 1, 0, 0),  # programado 0 → indefinido
            sa("A-03", 1, 0, 5),  # programado 0 → indefinido aunque haya ejecución
            sa("A-05", 1, 50, 60),  # 120 bruto → 100 en el componente
        ],
    )
    m = calcular_metricas(libro, "2024-02")
    t = m.actividades
    esperado = {"A-01": 75.0, "A-02": None, "A-03": None, "A-04": None, "A-05": 120.0}
    for a, v in esperado.items():
        assert _igual(_fila(t, actividad=a)["cumplimiento"], v), a
    assert bool(_fila(t, actividad="A-04")["sin_reporte"])
    # componente: media de las definidas, acotadas: (75 + 100)/2 = 87,5
    assert m.componentes["plan_accion_integrado"] == pytest.approx(87.5)
    # a enero, A-01 va en 10/10 = 100
    assert _igual(_fila(calcular_metricas(libro, "2024-01").actividades, actividad="A-01")["cumplimiento"], 100.0)


# ============================================================ 3.5 componentes, índice, objetivos


def _libro_integrado(con_actividades: bool = True):
    """Dos proyectos, tres metas, dos indicadores y una actividad, a enero y febrero (cuentas en cada prueba)."""
    return hacer_libro(
        proyectos=[
            {"proyecto": 1, "nombre": "Uno", "objetivo": 1, "presupuesto_programado": 100},
            {"proyecto": 2, "nombre": "Dos", "objetivo": 2, "presupuesto_programado": 300},
        ],
        metas=[
            meta(1, "Suma", mv=10, proyecto=1),
            meta(2, "Suma", mv=10, proyecto=1, objetivo=2),
            meta(1, "Constante", mv=100, cuatrienio=100, proyecto=2),
        ],
        seguimiento_metas=[
            sm(1, 1, 4, 2, proyecto=1),
            sm(1, 2, 6, 6, proyecto=1),  # ene: 2/4 = 50;  feb: 8/10 = 80
            sm(2, 1, 4, 6, proyecto=1),
            sm(2, 2, 6, 4, proyecto=1),  # ene: 6/4 = 150; feb: 10/10 = 100
            sm(1, 1, 100, 90, proyecto=2),
            sm(1, 2, 100, 95, proyecto=2),  # ene: 90; feb: 95
        ],
        presupuesto=[pres(1, 1, 100, 50, 10), pres(2, 1, 300, 60, 30)],
        indicadores=[ind("I-01", meta_valor=80, objetivo=1), ind("I-02", "Trimestral", objetivo=2)],
        seguimiento_indicadores=[
            si("I-01", 1, resultado=60),
            si("I-01", 2, resultado=90),
        ],  # ene 60/80 = 75; feb media 75 → 93,75
        actividades=[act("A-01", objetivo=2)] if con_actividades else [],
        seguimiento_actividades=[sa("A-01", 1, 20, 10), sa("A-01", 2, 40, 40)] if con_actividades else [],  # 50; 100
    )


def test_componentes_indice_y_objetivos_enero():
    m = calcular_metricas(_libro_integrado(), "2024-01")
    # proyecto 1: (50 + min(150, 100))/2 = 75; proyecto 2: 90 → componente (75 + 90)/2 = 82,5
    _comprobar(_fila(m.proyectos, proyecto=1), {"cumplimiento": 75})
    _comprobar(_fila(m.proyectos, proyecto=2), {"cumplimiento": 90})
    assert m.componentes == pytest.approx(
        {"proyectos_inversion": 82.5, "indicadores_gestion": 75.0, "plan_accion_integrado": 50.0}
    )
    # índice con pesos 1/3: (82,5 + 75 + 50)/3 = 69,1667 → crítico
    assert m.indice_pai == pytest.approx(207.5 / 3)
    assert m.semaforo_indice == "critico"
    # objetivo 1: meta 1-1 (50) e I-01 (75) → 62,5
    # objetivo 2: meta 1-2 (objetivo propio; 150 → 100), meta 2-1 (90), A-01 (50); I-02 no vence → (100 + 90 + 50)/3 = 80
    obj = m.objetivos.set_index("objetivo")
    assert obj.loc[1, "cumplimiento"] == pytest.approx(62.5)
    assert obj.loc[2, "cumplimiento"] == pytest.approx(80.0)
    assert (obj.loc[1, "n_metas"], obj.loc[2, "n_metas"], obj.loc[2, "n_actividades"]) == (1, 2, 1)
    assert list(obj["semaforo"]) == ["critico", "en_riesgo"]
    # enero no tiene mes anterior
    assert m.anterior is None
    assert m.proyectos["cumplimiento_anterior"].isna().all() and m.objetivos["cumplimiento_anterior"].isna().all()


def test_indice_con_pesos_propios(tmp_path):
    ruta = tmp_path / "pesos.yaml"
    ruta.write_text("pesos:\n  proyectos_inversion: 2\n  indicadores_gestion: 1\n  plan_accion_integrado: 1\n", encoding="utf-8")
    par = cargar_parametros(ruta)
    assert par.pesos == pytest.approx({"proyectos_inversion": 0.5, "indicadores_gestion": 0.25, "plan_accion_integrado": 0.25})
    m = calcular_metricas(_libro_integrado(), "2024-01", par)
    # (2·82,5 + 75 + 50)/4 = 290/4 = 72,5 → en riesgo
    assert m.indice_pai == pytest.approx(72.5)
    assert m.semaforo_indice == "en_riesgo"


def test_indice_renormaliza_sin_actividades():
    m = calcular_metricas(_libro_integrado(con_actividades=False), "2024-01")
    assert m.componentes["plan_accion_integrado"] is None
    # (82,5 + 75)/2 = 78,75
    assert m.indice_pai == pytest.approx(78.75)
    assert m.a_dict()["componentes"]["plan_accion_integrado"] is None


@pytest.mark.parametrize(
    ("comp", "pesos", "esperado"),
    [
        ((80, 90, 100), (1, 1, 1), 90.0),
        ((80, 90, None), (1, 1, 1), 85.0),  # renormaliza sobre dos
        ((80, None, None), (1, 1, 1), 80.0),
        ((None, None, None), (1, 1, 1), None),
        ((80, 90, 100), (2, 1, 1), 87.5),  # (160 + 90 + 100)/4
        ((80, 90, None), (2, 1, 1), 250 / 3),  # (160 + 90)/3
        ((80, float("nan"), 100), (1, 1, 2), 280 / 3),  # NaN cuenta como indefinido: (80 + 200)/3
        ((None, 90, 100), (1, 0, 0), None),  # el único componente con peso no tiene valor
    ],
)
def test_indice_pai_tabla(comp, pesos, esperado):
    c = dict(zip(COMPONENTES, comp, strict=True))
    total = sum(pesos)
    r = indice_pai(c, {k: w / total for k, w in zip(COMPONENTES, pesos, strict=True)})
    assert _igual(r, esperado)


def test_mes_anterior_y_serie_mensual():
    libro = _libro_integrado()
    m = calcular_metricas(libro, "2024-02")
    # febrero: proyecto 1 = (80 + 100)/2 = 90; proyecto 2 = 95 → 92,5; I-01 = 75/80 = 93,75; A-01 = 40/40 = 100
    assert m.componentes == pytest.approx(
        {"proyectos_inversion": 92.5, "indicadores_gestion": 93.75, "plan_accion_integrado": 100.0}
    )
    assert m.indice_pai == pytest.approx((92.5 + 93.75 + 100) / 3)  # 95,4167
    assert m.anterior["periodo"] == "2024-01"
    assert m.anterior["indice_pai"] == pytest.approx(207.5 / 3, abs=1e-6)
    assert m.anterior["componentes"] == pytest.approx(
        {"proyectos_inversion": 82.5, "indicadores_gestion": 75.0, "plan_accion_integrado": 50.0}
    )
    assert m.proyectos.set_index("proyecto")["cumplimiento_anterior"].astype(float).to_dict() == pytest.approx({1: 75.0, 2: 90.0})
    obj = m.objetivos.set_index("objetivo")
    # objetivo 1: (80 + 93,75)/2 = 86,875 (antes 62,5); objetivo 2: (100 + 95 + 100)/3 = 98,33 (antes 80)
    assert obj["cumplimiento"].to_dict() == pytest.approx({1: 86.875, 2: 295 / 3})
    assert obj["cumplimiento_anterior"].astype(float).to_dict() == pytest.approx({1: 62.5, 2: 80.0})
    assert m.a_dict()["anterior"]["indice_pai"] == pytest.approx(69.166667)
    serie = serie_mensual(libro, "2024-02")
    assert list(serie["periodo"]) == ["2024-01", "2024-02"]
    assert serie["indice_pai"].tolist() == pytest.approx([207.5 / 3, (92.5 + 93.75 + 100) / 3])


def test_proyeccion_a_diciembre():
    # Suma, Mv = 12, E = 4, Pf = 5: al ritmo E/Pf = 0,8 sobre lo que falta programar (12 − 5),
    # diciembre cerraría en 4 + 7·0,8 = 9,6 → 9,6/12·100 = 80 % de la vigencia.
    libro = hacer_libro(
        metas=[meta(1, "Suma", mv=12, cuatrienio=48), meta(2, "Suma", mv=10)],
        seguimiento_metas=[sm(1, 1, 2, 1), sm(1, 2, 3, 3), sm(2, 1, 5, 10)],
    )
    m = calcular_metricas(libro, "2024-02")
    assert _igual(_fila(m.metas, meta=1)["proyeccion_diciembre"], 80.0)
    # meta 2: 10/5 = 200 % de ritmo → 100 en el agregado; proyecto (80 + 100)/2 = 90
    assert _igual(_fila(m.proyectos, proyecto=1)["proyeccion_diciembre"], 90.0)
    # El índice se proyecta por tendencia desde el tercer mes; en febrero no hay proyección
    assert m.proyeccion["indice_pai"] is None and m.proyeccion["componentes"]["proyectos_inversion"] is None
    assert m.a_dict()["proyeccion_diciembre"] == m.proyeccion


@pytest.mark.parametrize(
    ("serie", "mes", "esperado"),
    [
        # tres meses que bajan 2 puntos por mes: 76 − 2 × (12 − 3) = 58
        ([80.0, 78.0, 76.0], 3, 58.0),
        # recta por mínimos cuadrados de (0, 70), (1, 74), (2, 72): pendiente 1 → 72 + 1 × 6 = 78
        ([70.0, 74.0, 72.0], 6, 78.0),
        # la tendencia se acota a [0, 100]: bajan 5 por mes → 0 − 5 × 9
        ([10.0, 5.0, 0.0], 3, 0.0),
        # diciembre: no queda nada por proyectar
        ([30.0, 60.0, 90.0], 12, 90.0),
        # un solo mes, o dos: sin tendencia no hay proyección (ni el valor actual disfrazado de proyección)
        ([91.0], 1, None),
        ([60.0, 90.0], 2, None),
    ],
)
def test_proyeccion_del_indice_por_tendencia(serie, mes, esperado):
    comps = [{"proyectos_inversion": v, "indicadores_gestion": None, "plan_accion_integrado": None} for v in serie]
    r = proyectar_indice(comps, mes, {"proyectos_inversion": 0.5, "indicadores_gestion": 0.25, "plan_accion_integrado": 0.25})
    assert r["componentes"]["indicadores_gestion"] is None
    if esperado is None:
        assert (
            r["componentes"]["proyectos_inversion"] is None and r["indice_pai"] is None and "menos de tres meses" in r["metodo"]
        )
        return
    assert r["componentes"]["proyectos_inversion"] == pytest.approx(esperado)
    # el índice se renormaliza sobre el único componente con valor
    assert r["indice_pai"] == pytest.approx(esperado)


# ============================================================ 3.6 semáforo


@pytest.mark.parametrize(
    ("valor", "esperado"),
    [
        (0.0, "critico"),
        (69.999, "critico"),
        (70.0, "en_riesgo"),
        (89.99, "en_riesgo"),
        (90.0, "satisfactorio"),
        (100.0, "satisfactorio"),
        (150.0, "satisfactorio"),
        (-5.0, "critico"),
        (float("nan"), None),
        (None, None),
    ],
)
def test_semaforo_por_defecto(valor, esperado):
    assert Parametros().semaforo([valor]).iloc[0] == esperado


@pytest.mark.parametrize(
    ("valor", "esperado"),
    [
        (49.99, "critico"),
        (50.0, "en_riesgo"),
        (79.9, "en_riesgo"),
        (80.0, "satisfactorio"),
        (float("nan"), None),
    ],
)
def test_semaforo_con_umbrales_propios(valor, esperado):
    assert Parametros(umbral_critico=50, umbral_satisfactorio=80).semaforo([valor]).iloc[0] == esperado


def test_semaforo_en_las_tablas_usa_los_parametros():
    libro = hacer_libro(metas=[meta(1, "Suma")], seguimiento_metas=[sm(1, 1, 10, 6)])  # 60 %
    assert _fila(calcular_metricas(libro, "2024-01").metas, meta=1)["semaforo"] == "critico"
    par = cargar_parametros(None, umbral_critico=50, umbral_satisfactorio=60)
    m = calcular_metricas(libro, "2024-01", par)
    assert _fila(m.metas, meta=1)["semaforo"] == "satisfactorio"
    assert m.semaforo_indice == "satisfactorio"


# ============================================================ alertas


def _libro_alertas():
    return hacer_libro(
        proyectos=[
            {"proyecto": 1, "nombre": "Uno", "objetivo": 1, "presupuesto_programado": 100},
            {"proyecto": 2, "nombre": "Dos", "objetivo": 1, "presupuesto_programado": 300},
        ],
        metas=[meta(1, proyecto=1), meta(1, proyecto=2), meta(2, proyecto=2)],
        seguimiento_metas=[
            sm(1, 1, 4, 1, proyecto=1),  # 25 % → meta y proyecto 1 críticos
            sm(1, 1, 4, 2, proyecto=2),  # 50 % → meta crítica
            sm(2, 1, 2, 3, proyecto=2),
        ],  # 150 % → sobreejecución; proyecto 2 = (50 + 100)/2 = 75
        # proyecto 2: compromisos 270/300 = 90 % frente a avance físico (20 + 30)/2 = 25 → brecha de 65 puntos
        presupuesto=[pres(2, 1, 300, 270, 10)],
        indicadores=[ind("I-01"), ind("I-02"), ind("I-03", meta_valor=50)],
        seguimiento_indicadores=[
            si("I-01", 1, resultado=45),  # 50 % crítico y sin reporte de febrero (atrasado)
            si("I-03", 1, resultado=75),
            si("I-03", 2, resultado=75),
        ],  # 150 %: sobreejecución
        actividades=[act("A-01")],
        seguimiento_actividades=[sa("A-01", 1, 20, 10)],  # 50 % crítica
        riesgos=[
            {
                "riesgo": "R-01",
                "proceso": "Financiera",
                "tipo": "Gestión",
                "descripcion": "d",
                "probabilidad": "Alta",
                "impacto": "Catastrófico",
            },
            {
                "riesgo": "R-02",
                "proceso": "Financiera",
                "tipo": "Gestión",
                "descripcion": "d",
                "probabilidad": "Baja",
                "impacto": "Leve",
            },
        ],
        seguimiento_riesgos=[
            {"riesgo": "R-02", "periodo": "2024-01", "materializado": "No"},
            {"riesgo": "R-02", "periodo": "2024-02", "materializado": "Sí"},
        ],
    )


def test_alertas_tipos_y_orden():
    a = pai_analisis.calcular_metricas(_libro_alertas(), "2024-02").alertas  # la API pública: con la frase (mensaje)
    assert set(a["tipo"]) == {
        "critico",
        "sin_reporte",
        "reporte_atrasado",
        "sobreejecucion",
        "brecha_fisico_financiera",
        "riesgo_extremo",
        "riesgo_materializado",
    }
    pares = set(zip(a["tipo"], a["item"], strict=True))
    assert {
        ("critico", "1"),
        ("critico", "1-1"),
        ("critico", "2-1"),
        ("critico", "I-01"),
        ("critico", "A-01"),
        ("sin_reporte", "I-02"),
        ("reporte_atrasado", "I-01"),
        ("sobreejecucion", "2-2"),
        ("sobreejecucion", "I-03"),
        ("brecha_fisico_financiera", "2"),
        ("riesgo_extremo", "R-01"),
        ("riesgo_materializado", "R-02"),
    } <= pares
    assert ("critico", "2") not in pares  # proyecto 2 en 75 %: en riesgo, no crítico
    # orden: severidad (alta, media, baja) y dentro de ella peso presupuestal descendente (300/400 = 0,75 antes que 0,25)
    rango = a["severidad"].map({"alta": 0, "media": 1, "baja": 2})
    assert rango.is_monotonic_increasing
    for _, grupo in a.groupby("severidad", sort=False):
        assert grupo["peso_presupuestal"].is_monotonic_decreasing
    alta = a[a["severidad"] == "alta"]
    assert list(alta["item"][:1]) == ["2-1"]  # la única alta del proyecto de mayor peso
    assert alta["peso_presupuestal"].iloc[0] == pytest.approx(0.75)
    assert list(a[a["severidad"] == "media"]["item"][:2]) == ["2", "2-2"]  # brecha y sobreejecución del proyecto 2
    assert list(a[a["severidad"] == "baja"]["tipo"]) == ["reporte_atrasado"]
    assert a["mensaje"].str.len().gt(20).all()


def test_materializado_solo_hasta_el_periodo():
    libro = _libro_alertas()
    assert calcular_metricas(libro, "2024-01").a_dict()["riesgos"]["materializados"] == 0
    assert calcular_metricas(libro, "2024-02").a_dict()["riesgos"]["materializados"] == 1


# ============================================================ sección 5: JSON con los datos incorporados


@pytest.fixture(scope="module")
def incorporado():
    return calcular_metricas(cargar_libro(), "2024-06")


CLAVES_JSON = {
    "periodo",
    "indice_pai",
    "componentes",
    "objetivos",
    "proyectos",
    "metas",
    "indicadores",
    "actividades",
    "presupuesto",
    "riesgos",
}


def _numeros_float_o_nulo(x, ruta="") -> None:
    if isinstance(x, dict):
        for k, v in x.items():
            _numeros_float_o_nulo(v, f"{ruta}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            _numeros_float_o_nulo(v, f"{ruta}[{i}]")
    elif isinstance(x, float):
        assert math.isfinite(x), ruta


def test_json_incorporado_claves_y_conteos(incorporado):
    d = incorporado.a_dict()
    assert set(d) >= CLAVES_JSON
    assert d["periodo"] == "2024-06"
    assert set(d["componentes"]) == set(COMPONENTES)
    assert (len(d["proyectos"]), len(d["metas"]), len(d["indicadores"]), len(d["actividades"])) == (7, 43, 46, 25)
    assert len(d["objetivos"]) == 8
    r = d["riesgos"]
    assert r["total"] == 88 and r["por_tipo"] == {"Corrupción": 20, "Gestión": 68}
    assert set(r["por_zona_inherente"]) == set(r["por_zona_residual"]) == {"Bajo", "Moderado", "Alto", "Extremo"}
    assert sum(r["por_zona_inherente"].values()) == sum(r["por_zona_residual"].values()) == 88
    assert isinstance(r["materializados"], int)


def test_json_incorporado_campos_por_elemento(incorporado):
    d = incorporado.a_dict()
    campos = {
        "objetivos": {"objetivo", "nombre", "cumplimiento", "semaforo"},
        "proyectos": {"proyecto", "avance_fisico", "cumplimiento", "ejecucion_presupuestal", "giros", "semaforo"},
        "metas": {
            "proyecto",
            "meta",
            "anualizacion",
            "ejecutado",
            "programado",
            "avance_vigencia",
            "avance_cuatrienio",
            "cumplimiento",
            "semaforo",
        },
        "indicadores": {"indicador", "resultado", "cumplimiento", "semaforo"},
        "actividades": {"actividad", "cumplimiento", "semaforo"},
    }
    for lista, esperados in campos.items():
        for x in d[lista]:
            assert esperados <= set(x), lista
    assert set(d["presupuesto"]) == {
        "apropiacion",
        "compromisos",
        "giros",
        "ejecucion_presupuestal",
        "apropiacion_inicial",
        "modificaciones",
    }


def test_json_incorporado_listas_ordenadas(incorporado):
    d = incorporado.a_dict()
    for lista, clave in [
        ("objetivos", lambda x: x["objetivo"]),
        ("proyectos", lambda x: x["proyecto"]),
        ("metas", lambda x: (x["proyecto"], x["meta"])),
        ("indicadores", lambda x: x["indicador"]),
        ("actividades", lambda x: x["actividad"]),
    ]:
        claves = [clave(x) for x in d[lista]]
        assert claves == sorted(claves), lista
        assert len(set(claves)) == len(claves), lista


def test_json_incorporado_tipos(incorporado):
    d = incorporado.a_dict()
    _numeros_float_o_nulo(d)
    numericos = {
        "indice_pai",
        "cumplimiento",
        "avance_fisico",
        "ejecucion_presupuestal",
        "giros",
        "ejecutado",
        "programado",
        "avance_vigencia",
        "avance_cuatrienio",
        "resultado",
        "apropiacion",
        "compromisos",
    }
    assert isinstance(d["indice_pai"], float)
    for lista in ("objetivos", "proyectos", "metas", "indicadores", "actividades"):
        for x in d[lista]:
            for k, v in x.items():
                if k in numericos:
                    assert v is None or type(v) is float, (lista, k, v)
                if k == "semaforo":
                    assert v in (None, "critico", "en_riesgo", "satisfactorio")
    assert all(type(x["proyecto"]) is int for x in d["proyectos"])
    assert all(type(x["meta"]) is int and type(x["proyecto"]) is int for x in d["metas"])
    assert all(type(v) is float or v is None for v in d["componentes"].values())
    assert all(type(v) is float for v in d["presupuesto"].values())
    assert {x["anualizacion"] for x in d["metas"]} <= {"Suma", "Creciente", "Constante", "Decreciente"}


def test_json_incorporado_serializa_con_tildes(incorporado):
    texto = json.dumps(incorporado.a_dict(), ensure_ascii=False)
    assert "Corrupción" in texto and "\\u00f3" not in texto
    d = json.loads(texto)
    assert d["riesgos"]["por_tipo"]["Corrupción"] == 20
    # los valores brutos (p. ej. la meta sobreejecutada 7868-8) aparecen sin tope en el JSON
    brutos = [x["cumplimiento"] for x in d["metas"] if x["cumplimiento"] is not None]
    assert max(brutos) > 100
    assert all(0 <= x["cumplimiento"] <= 100 for x in d["proyectos"] if x["cumplimiento"] is not None)
    assert all(0 <= x["cumplimiento"] <= 100 for x in d["objetivos"] if x["cumplimiento"] is not None)
    assert 0 <= d["indice_pai"] <= 100


def test_json_incorporado_coherente_con_las_tablas(incorporado):
    d = incorporado.a_dict()
    assert d["indice_pai"] == pytest.approx(incorporado.indice_pai, abs=1e-6)
    pesos = Parametros().pesos
    assert d["indice_pai"] == pytest.approx(sum(pesos[c] * d["componentes"][c] for c in COMPONENTES), abs=1e-5)
    assert d["anterior"]["periodo"] == "2024-05"
    assert d["semaforo_indice"] in ("critico", "en_riesgo", "satisfactorio")


# ============================================================ parámetros


@pytest.mark.parametrize(
    ("contenido", "fragmento"),
    [
        ("pesos:\n  proyectos_inversion: -1\n  indicadores_gestion: 1\n  plan_accion_integrado: 1\n", "mayor o igual a 0"),
        ("pesos:\n  proyectos_inversion: 0\n  indicadores_gestion: 0\n  plan_accion_integrado: 0\n", "suman 0"),
        ("pesos:\n  proyectos_inversion: uno\n", "mayor o igual a 0"),
        ("pesos:\n  componente_inventado: 1\n", "clave desconocida «componente_inventado» en «pesos»"),
        ("umbrales:\n  critico: 90\n  satisfactorio: 70\n", "en orden"),
        ("umbrales:\n  critico: -1\n", "en orden"),
        ("umbrales:\n  satisfactorio: 130\n", "en orden"),  # por encima de la sobreejecución (125)
        ("umbrales:\n  critico: setenta\n", "debe ser un número"),
        ("- una\n- lista\n", "diccionario"),
        ("umbrales: 70\n", "diccionario"),
        ("pesos: [1, 1, 1]\n", "diccionario"),
        ("umbrales: {critico: 70\n", "no es YAML válido"),
    ],
)
def test_parametros_invalidos(tmp_path, contenido, fragmento):
    ruta = tmp_path / "malo.yaml"
    ruta.write_text(contenido, encoding="utf-8")
    with pytest.raises(ErrorParametros) as exc:
        cargar_parametros(ruta)
    assert fragmento in str(exc.value)
    assert "malo.yaml" in str(exc.value)


def test_parametros_archivo_inexistente(tmp_path):
    with pytest.raises(ErrorParametros, match="No existe"):
        cargar_parametros(tmp_path / "no_esta.yaml")


def test_parametros_base_igual_a_los_valores_por_defecto():
    base = cargar_parametros(RAIZ / "parametros" / "base.yaml")
    defecto = Parametros()
    for campo in ("entidad", "dependencia", "umbral_critico", "umbral_satisfactorio", "umbral_sobreejecucion", "umbral_brecha"):
        assert getattr(base, campo) == getattr(defecto, campo), campo
    assert base.pesos == pytest.approx(defecto.pesos)
    assert base.archivo.endswith("base.yaml")


def test_parametros_parciales_conservan_el_resto(tmp_path):
    ruta = tmp_path / "p.yaml"
    ruta.write_text("umbrales:\n  critico: 60\n", encoding="utf-8")
    p = cargar_parametros(ruta)
    assert (p.umbral_critico, p.umbral_satisfactorio, p.umbral_sobreejecucion) == (60, 90.0, 125.0)
    assert p.pesos == pytest.approx({c: 1 / 3 for c in COMPONENTES})


# ============================================================ periodos


@pytest.mark.parametrize(
    ("periodo", "fragmento"),
    [
        ("2024-13", "no es válido"),
        ("junio", "no es válido"),
        ("", "no es válido"),
        ("2024-6-31", "no es válido"),
        ("2025-01", "fuera de la vigencia"),
        ("2023-12", "fuera de la vigencia"),
    ],
)
def test_periodo_invalido(periodo, fragmento):
    libro = hacer_libro()
    with pytest.raises(ErrorPeriodo) as exc:
        calcular_metricas(libro, periodo)
    assert fragmento in str(exc.value)


@pytest.mark.parametrize(
    "periodo", ["2024-06", "2024-6", "2024-06-30", pd.Period("2024-06", freq="M"), pd.Timestamp("2024-06-15")]
)
def test_periodo_en_varias_formas(periodo):
    libro = hacer_libro(metas=[meta(1)], seguimiento_metas=[sm(1, 6, 2, 1)])
    m = calcular_metricas(libro, periodo)
    assert str(m.periodo) == "2024-06"
    assert np.isclose(_fila(m.metas, meta=1)["cumplimiento"], 50.0)


def test_alertas_sin_presupuesto_programado_pesan_0():
    # presupuesto programado 0 en todos los proyectos: el peso es 0 (antes salía NaN = 0/0)
    libro = hacer_libro(
        proyectos=[{"proyecto": 1, "nombre": "Uno", "objetivo": 1, "presupuesto_programado": 0}],
        metas=[meta(1)],
        seguimiento_metas=[sm(1, 1, 4, 1)],
        actividades=[act("A-01")],
        seguimiento_actividades=[sa("A-01", 1, 20, 10)],
    )
    a = calcular_metricas(libro, "2024-01").alertas
    assert a["peso_presupuestal"].notna().all() and (a["peso_presupuestal"] == 0).all()
    assert list(a["item"]) == ["1", "1-1", "A-01"]  # mismo peso: orden por tipo e ítem


# ============================================================ contraste con una implementación ingenua


def _referencia_ingenua(libro, mes: int) -> dict:
    """La sección 3 escrita con ciclos de Python, fila por fila, para contrastar la versión vectorizada."""
    P = pd.Period(f"{libro.vigencia}-{mes:02d}", freq="M")
    metas = {}
    for r in libro.metas.itertuples():
        filas = sorted(
            (s.periodo, s.programado, s.ejecutado)
            for s in libro.seguimiento_metas.itertuples()
            if s.proyecto == r.proyecto and s.meta == r.meta and s.periodo <= P
        )
        if r.anualizacion in ("Suma", "Creciente"):
            E, Pf = sum(f[2] for f in filas), sum(f[1] for f in filas)
            c = E / Pf * 100 if Pf else None
        else:
            E, Pf = (filas[-1][2], filas[-1][1]) if filas else (None, None)
            if r.anualizacion == "Constante":
                c = E / Pf * 100 if Pf else None
            else:
                c = (r.linea_base - E) / (r.linea_base - Pf) * 100 if Pf is not None and Pf != r.linea_base else None
        metas[(r.proyecto, r.meta)] = (c, 1.0 if pd.isna(r.ponderacion) else r.ponderacion)
    proyectos = {}
    for p in libro.proyectos["proyecto"]:
        vals = [(min(max(c, 0), 100), w) for (pp, _), (c, w) in metas.items() if pp == p and c is not None]
        if vals and sum(w for _, w in vals) > 0:
            proyectos[p] = sum(c * w for c, w in vals) / sum(w for _, w in vals)
    paso = {"Mensual": 1, "Trimestral": 3, "Semestral": 6, "Anual": 12}
    indicadores = {}
    for r in libro.indicadores.itertuples():
        if mes // paso[r.periodicidad] == 0:
            continue
        med = [s for s in libro.seguimiento_indicadores.itertuples() if s.indicador == r.indicador and s.periodo <= P]
        if not med:
            indicadores[r.indicador] = 0.0
            continue
        escala = 100 if r.unidad == "%" else 1
        if all(pd.notna(s.numerador) and pd.notna(s.denominador) for s in med):
            res = sum(s.numerador for s in med) / sum(s.denominador for s in med) * escala
        else:
            res = float(np.mean([s.resultado if pd.notna(s.resultado) else s.numerador / s.denominador * escala for s in med]))
        c = res / r.meta * 100 if r.sentido == "mayor" else (100.0 if res <= r.meta else r.meta / res * 100)
        indicadores[r.indicador] = min(max(c, 0), 100)
    actividades = {}
    for r in libro.actividades.itertuples():
        cortes = sorted(
            (s.periodo, s.programado, s.ejecutado)
            for s in libro.seguimiento_actividades.itertuples()
            if s.actividad == r.actividad and s.periodo <= P
        )
        if cortes and cortes[-1][1] > 0:
            actividades[r.actividad] = min(max(cortes[-1][2] / cortes[-1][1] * 100, 0), 100)
    presupuesto = {}  # 3.2 y 8.1: el último corte ≤ P, tal cual (un acumulado que bajó no se recorta)
    for r in libro.presupuesto.itertuples():
        if r.periodo <= P and (r.proyecto not in presupuesto or r.periodo > presupuesto[r.proyecto][0]):
            presupuesto[r.proyecto] = (r.periodo, r.compromisos / r.apropiacion * 100 if r.apropiacion else None)
    comp = [float(np.mean(list(d.values()))) if d else None for d in (proyectos, indicadores, actividades)]
    definidos = [c for c in comp if c is not None]
    return {
        "metas": metas,
        "proyectos": proyectos,
        "componentes": comp,
        "indice": sum(definidos) / len(definidos) if definidos else None,
        "ejecucion_presupuestal": {p: v for p, (_, v) in presupuesto.items()},
    }


# enero (sin mes anterior) y junio (con anterior y proyección) en el nivel rápido; los demás meses en el lento
@pytest.mark.parametrize("mes", [1, pytest.param(3, marks=pytest.mark.lento), 6, pytest.param(10, marks=pytest.mark.lento),
                                 pytest.param(12, marks=pytest.mark.lento)])
def test_incorporado_igual_a_la_referencia_ingenua(mes):
    libro = cargar_libro()
    ref = _referencia_ingenua(libro, mes)
    m = calcular_metricas(libro, f"2024-{mes:02d}")
    for r in m.metas.itertuples():
        assert _igual(r.cumplimiento, ref["metas"][(r.proyecto, r.meta)][0]), (r.proyecto, r.meta)
    for r in m.proyectos.itertuples():
        assert _igual(r.cumplimiento, ref["proyectos"].get(r.proyecto)), r.proyecto
    assert [m.componentes[c] for c in COMPONENTES] == pytest.approx(ref["componentes"])
    assert m.indice_pai == pytest.approx(ref["indice"])
    for r in m.proyectos.itertuples():
        assert _igual(r.ejecucion_presupuestal, ref["ejecucion_presupuestal"].get(r.proyecto)), r.proyecto


def test_referencia_ingenua_con_un_compromiso_anulado():
    """Sección 8.1: mayo baja 50 millones por debajo de abril en 7868; ejecución y totales siguen al acumulado reportado."""
    libro = cargar_libro()
    pr = libro.presupuesto
    abril = pr[(pr["proyecto"] == 7868) & (pr["periodo"] == pd.Period("2024-04", freq="M"))]["compromisos"].iloc[0]
    mayo = (pr["proyecto"] == 7868) & (pr["periodo"] == pd.Period("2024-05", freq="M"))
    libro.presupuesto = pr.assign(compromisos=pr["compromisos"].where(~mayo, abril - 50))
    ref = _referencia_ingenua(libro, 5)
    m = calcular_metricas(libro, "2024-05")
    fila = m.proyectos.set_index("proyecto").loc[7868]
    assert fila["compromisos"] == pytest.approx(abril - 50)
    assert fila["ejecucion_presupuestal"] == pytest.approx(ref["ejecucion_presupuestal"][7868])
    mov = m.presupuesto_mensual.set_index(["proyecto", "periodo"]).loc[(7868, pd.Period("2024-05", freq="M"))]
    assert mov["movimiento_compromisos"] == pytest.approx(-50)
    # el JSON lleva el movimiento negativo tal cual
    d = [r for r in m.a_dict()["presupuesto_mensual"] if r["proyecto"] == 7868 and r["periodo"] == "2024-05"]
    assert d[0]["movimiento_compromisos"] == pytest.approx(-50) and d[0]["compromisos"] == pytest.approx(abril - 50)


def test_movimientos_del_presupuesto_pueden_bajar():
    """Sección 8.1: el movimiento es el corte menos el anterior; negativo cuando se anulan compromisos."""
    import pandas as pd

    from pai_analisis.metricas.presupuesto import movimientos

    per = pd.PeriodIndex(["2024-01", "2024-02", "2024-03", "2024-02"], freq="M")
    cortes = pd.DataFrame({"proyecto": [7867, 7867, 7867, 7868], "periodo": per, "apropiacion": [100.0] * 4,
                           "compromisos": [40.0, 60.0, 10.0, 5.0], "giros": [10.0, 30.0, 25.0, 5.0],
                           "observaciones": [None, "", "anulación CRP 123", None]})
    t = movimientos(cortes, pd.Period("2024-03", freq="M"))
    # 7867: enero 40 (primer corte: el acumulado), febrero 60 − 40 = 20, marzo 10 − 60 = −50 (anulación)
    # giros: 10, 30 − 10 = 20, 25 − 30 = −5 (reintegro); 7868 empieza en febrero: 5 y 5
    assert t["movimiento_compromisos"].tolist() == [40.0, 20.0, -50.0, 5.0]
    assert t["movimiento_giros"].tolist() == [10.0, 20.0, -5.0, 5.0]
    assert t["observacion"].tolist() == [None, None, "anulación CRP 123", None]
    assert str(t["periodo"].dtype) == "period[M]"
