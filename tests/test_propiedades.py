"""Propiedades de la metodología con seguimientos al azar (hypothesis).

Los cortes de presupuesto se sortean mes por mes sin orden: compromisos y giros acumulados que
bajan (anulaciones, reintegros; sección 8.1) son válidos y la propiedad 3 los contrasta con una
referencia ingenua.

1. **Todo agregado queda en [0, 100]**: proyectos (cumplimiento, avance físico,
   proyección), componentes, objetivos, índice PAI (el del periodo, el del mes anterior y
   el proyectado), por extremos que sean los valores brutos de metas, indicadores y
   actividades.
2. **Un reporte en la meta no baja el cumplimiento acotado.** Agregar, para un mes sin
   reporte y no posterior al periodo, una fila con ``ejecutado == programado = v``:

   * **Suma y Creciente** (flujos): E/Pf pasa a (E + v)/(Pf + v), que queda entre E/Pf y
     1; si E/Pf < 1 sube, si E/Pf ≥ 1 sigue ≥ 1 y el tope sigue en 100. Vale para todo
     v ≥ 0 (v = 0 no cambia nada).
   * **Constante y Decreciente** (niveles): si el mes nuevo es el último reportado, el
     nivel pasa a ser v y el cumplimiento queda en exactamente 100 (Decreciente:
     (lb − v)/(lb − v)); si hay un reporte posterior, nada cambia. Vale siempre que el
     reporte programe algo: v > 0 en Constante y v ≠ línea base en Decreciente; con v = 0
     (o v = lb) el cumplimiento pasa a indefinido, que no es «más bajo» pero tampoco es
     un número, y la prueba excluye esos casos.

   El cumplimiento **bruto** sí puede bajar (un 150 % se acerca a 100 %; un nivel al
   200 % pasa a 100 %): la propiedad es del valor acotado, que es el que agregan proyectos,
   componentes e índice. Por lo mismo, el cumplimiento del proyecto tampoco baja.
3. **Los movimientos del mes suman el acumulado y nada se recorta.** Para cada proyecto, la
   suma de sus movimientos hasta P es el acumulado de su último corte (los negativos
   incluidos); la ejecución presupuestal es ese acumulado sobre la apropiación del mismo corte,
   y el total de la entidad la suma de los últimos cortes, sin máximos acumulados ni recortes.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from libros_minimos import OBJETIVOS, act, hacer_libro, ind, meta, pres, sa, si, sm

from pai_analisis.metricas.calculo import calcular_metricas
from pai_analisis.metricas.metas import agregar_proyectos, calcular_metas

# Cada ejemplo calcula un libro entero (≈ 1 s): 80 ejemplos no caben en el nivel rápido (-m "not lento").
pytestmark = pytest.mark.lento

AJUSTES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ANUALIZACIONES = ["Suma", "Creciente", "Constante", "Decreciente"]

# Magnitudes con dos decimales (como se digitan): evitan subnormales que no existen en un libro real.
magnitud = st.integers(0, 50_000).map(lambda x: x / 100)
magnitud_positiva = st.integers(1, 50_000).map(lambda x: x / 100)
meses = st.lists(st.integers(1, 12), unique=True, max_size=6).map(sorted)


@st.composite
def metas_con_seguimiento(draw, proyecto: int):
    n = draw(st.integers(1, 4))
    con_pesos = draw(st.booleans())
    filas, seguimiento = [], []
    for k in range(1, n + 1):
        anual = draw(st.sampled_from(ANUALIZACIONES))
        extra = {}
        if anual == "Decreciente":
            extra["linea_base"] = draw(magnitud)
        if con_pesos:
            extra["ponderacion"] = draw(st.integers(0, 5))
        if draw(st.booleans()):
            extra["ejecutado_anterior"] = draw(magnitud)
        if draw(st.booleans()):
            extra["objetivo"] = draw(st.sampled_from([1, 2]))
        filas.append(meta(k, anual, mv=draw(magnitud), cuatrienio=draw(magnitud), proyecto=proyecto, **extra))
        for mes in draw(meses):
            seguimiento.append(sm(k, mes, draw(magnitud), draw(magnitud), proyecto=proyecto))
    if con_pesos and not any(f["ponderacion"] for f in filas):
        filas[0]["ponderacion"] = 1  # la validación exige que las ponderaciones del proyecto no sumen 0
    return filas, seguimiento


@st.composite
def indicadores_con_seguimiento(draw):
    filas, seguimiento = [], []
    for k in range(draw(st.integers(0, 4))):
        ident = f"IN-{k:02d}"
        sentido = draw(st.sampled_from(["mayor", "menor"]))
        meta_valor = draw(magnitud_positiva if sentido == "mayor" else magnitud)
        filas.append(ind(ident, draw(st.sampled_from(["Mensual", "Trimestral", "Semestral", "Anual"])), meta_valor, sentido,
                         draw(st.sampled_from(["%", "días", "número"])), objetivo=draw(st.sampled_from([1, 2]))))
        for mes in draw(meses):
            if draw(st.booleans()):
                seguimiento.append(si(ident, mes, resultado=draw(magnitud)))
            else:
                seguimiento.append(si(ident, mes, numerador=draw(magnitud), denominador=draw(magnitud_positiva)))
    return filas, seguimiento


@st.composite
def actividades_con_seguimiento(draw):
    filas, seguimiento = [], []
    for k in range(draw(st.integers(0, 3))):
        ident = f"PA-{k:02d}"
        filas.append(act(ident, objetivo=draw(st.sampled_from([1, 2]))))
        ms = draw(meses)
        # porcentajes acumulados: no bajan de un mes al siguiente y no pasan de 100
        prog = sorted(draw(st.lists(st.integers(0, 100), min_size=len(ms), max_size=len(ms))))
        ejec = sorted(draw(st.lists(st.integers(0, 100), min_size=len(ms), max_size=len(ms))))
        seguimiento += [sa(ident, m, p, e) for m, p, e in zip(ms, prog, ejec, strict=True)]
    return filas, seguimiento


@st.composite
def cortes_presupuesto(draw, proyecto: int):
    """Cortes de presupuesto en meses al azar, cada uno independiente: los acumulados pueden bajar (sección 8.1)."""
    filas = []
    for mes in draw(meses):
        aprop = draw(magnitud_positiva)
        comp = math.floor(draw(st.floats(0, 1)) * aprop * 10) / 10  # un decimal, sin pasar de la apropiación
        filas.append(pres(proyecto, mes, aprop, comp, math.floor(draw(st.floats(0, 1)) * comp * 10) / 10))
    return filas


@st.composite
def libros(draw):
    n_proy = draw(st.integers(1, 3))
    proyectos, metas, seg, presupuesto = [], [], [], []
    for p in range(1, n_proy + 1):
        proyectos.append({"proyecto": p, "nombre": f"Proyecto {p}", "objetivo": draw(st.sampled_from([1, 2])),
                          "presupuesto_programado": draw(magnitud)})
        f, s = draw(metas_con_seguimiento(p))
        metas += f
        seg += s
        presupuesto += draw(cortes_presupuesto(p))
    indicadores, seg_ind = draw(indicadores_con_seguimiento())
    actividades, seg_act = draw(actividades_con_seguimiento())
    return hacer_libro(objetivos=OBJETIVOS, proyectos=proyectos, metas=metas, seguimiento_metas=seg, presupuesto=presupuesto,
                       indicadores=indicadores, seguimiento_indicadores=seg_ind, actividades=actividades,
                       seguimiento_actividades=seg_act)


def _en_rango(valor, donde: str) -> None:
    if valor is None or (isinstance(valor, float) and math.isnan(valor)) or valor is pd.NA:
        return
    assert 0 - 1e-9 <= float(valor) <= 100 + 1e-9, f"{donde} = {valor} fuera de [0, 100]"


@AJUSTES
@given(libro=libros(), mes=st.integers(1, 12))
def test_agregados_en_0_100(libro, mes):
    m = calcular_metricas(libro, f"2024-{mes:02d}")
    for col in ("cumplimiento", "avance_fisico", "proyeccion_diciembre", "cumplimiento_anterior"):
        for v in m.proyectos[col]:
            _en_rango(v, f"proyectos.{col}")
    for col in ("cumplimiento", "cumplimiento_anterior"):
        for v in m.objetivos[col]:
            _en_rango(v, f"objetivos.{col}")
    for bloque in (m.componentes, (m.anterior or {}).get("componentes", {}), m.proyeccion["componentes"]):
        for k, v in bloque.items():
            _en_rango(v, f"componentes.{k}")
    _en_rango(m.indice_pai, "indice_pai")
    _en_rango((m.anterior or {}).get("indice_pai"), "anterior.indice_pai")
    _en_rango(m.proyeccion["indice_pai"], "proyeccion.indice_pai")
    for tabla in (m.metas, m.indicadores, m.actividades):
        for v in tabla["cumplimiento_tope"]:
            _en_rango(v, "cumplimiento_tope")
    d = m.a_dict()  # y el JSON se arma sin fallar, con semáforos coherentes
    assert (d["indice_pai"] is None) == (d["semaforo_indice"] is None)


@st.composite
def meta_y_reporte_en_la_meta(draw):
    anual = draw(st.sampled_from(ANUALIZACIONES))
    extra = {"linea_base": draw(magnitud)} if anual == "Decreciente" else {}
    fila = meta(1, anual, mv=draw(magnitud), cuatrienio=draw(magnitud), **extra)
    reportados = draw(st.lists(st.integers(1, 12), unique=True, max_size=8))
    seguimiento = [sm(1, mes, draw(magnitud), draw(magnitud)) for mes in sorted(reportados)]
    nuevo = draw(st.integers(1, 12).filter(lambda x: x not in reportados))
    v = draw(magnitud)
    if anual == "Constante":
        assume(v > 0)
    if anual == "Decreciente":
        assume(v != extra["linea_base"])
    periodo = draw(st.integers(nuevo, 12))
    return anual, fila, seguimiento, sm(1, nuevo, v, v), periodo


def _cumplimientos(libro, seguimiento, periodo):
    t = calcular_metas(libro.metas, libro.proyectos, seguimiento, pd.Period(f"2024-{periodo:02d}", freq="M"))
    return t["cumplimiento_tope"].iloc[0], agregar_proyectos(t)["cumplimiento"].iloc[0]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(caso=meta_y_reporte_en_la_meta())
def test_reporte_en_la_meta_no_baja_el_cumplimiento(caso):
    anual, fila, seguimiento, nuevo, periodo = caso
    # un solo libro validado, con el reporte nuevo; «antes» es el mismo seguimiento sin esa fila
    libro = hacer_libro(metas=[fila], seguimiento_metas=[*seguimiento, nuevo])
    seg = libro.seguimiento_metas
    sin_nuevo = seg[seg["periodo"] != pd.Period(nuevo["periodo"], freq="M")]
    assert len(sin_nuevo) == len(seg) - 1
    antes, proy_antes = _cumplimientos(libro, sin_nuevo, periodo)
    despues, proy_despues = _cumplimientos(libro, seg, periodo)
    if not np.isnan(antes):
        assert not np.isnan(despues), f"{anual}: el cumplimiento pasó de {antes} a indefinido"
        assert despues >= antes - 1e-9, f"{anual}: {antes} → {despues}"
    if not np.isnan(proy_antes):
        assert proy_despues >= proy_antes - 1e-9


@AJUSTES
@given(cortes=st.lists(st.integers(1, 3), min_size=1, max_size=3, unique=True).flatmap(
    lambda ps: st.tuples(*(cortes_presupuesto(p) for p in ps))), mes=st.integers(1, 12))
def test_movimientos_suman_el_acumulado_sin_recortes(cortes, mes):
    from pai_analisis.metricas.presupuesto import calcular_presupuesto, movimientos

    proyectos = [{"proyecto": p, "nombre": f"P{p}", "objetivo": 1, "presupuesto_programado": 100} for p in (1, 2, 3)]
    libro = hacer_libro(proyectos=proyectos, presupuesto=[c for grupo in cortes for c in grupo])
    P = pd.Period(f"2024-{mes:02d}", freq="M")
    mov = movimientos(libro.presupuesto, P)
    tabla, total = calcular_presupuesto(libro.proyectos, libro.presupuesto, P)
    # referencia ingenua: fila por fila, el último corte ≤ P de cada proyecto
    ultimos = {}
    for grupo in cortes:
        for c in sorted(grupo, key=lambda c: c["periodo"]):
            if pd.Period(c["periodo"], freq="M") <= P:
                ultimos[c["proyecto"]] = c
    for proy, c in ultimos.items():
        propios = mov[mov["proyecto"] == proy]
        assert propios["movimiento_compromisos"].sum() == pytest.approx(c["compromisos"], abs=1e-6)
        assert propios["movimiento_giros"].sum() == pytest.approx(c["giros"], abs=1e-6)
        fila = tabla.set_index("proyecto").loc[proy]
        esperado = c["compromisos"] / c["apropiacion"] * 100
        assert fila["ejecucion_presupuestal"] == pytest.approx(esperado)
    assert total["compromisos"] == pytest.approx(sum(c["compromisos"] for c in ultimos.values()), abs=1e-6)
    assert total["giros"] == pytest.approx(sum(c["giros"] for c in ultimos.values()), abs=1e-6)
