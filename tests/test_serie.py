"""``serie_larga``: la vigencia mes a mes en formato largo, todos los niveles, con tipos (sección 8.4).

Los valores esperados se calculan a mano en los comentarios (sección 3 de la especificación:
Suma = flujo del mes, cumplimiento = E / Pf × 100; actividades = ejecutado / programado × 100).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from libros_minimos import OBJETIVOS, act, hacer_libro, meta, pres, sa, sm

import pai_analisis as pai
from pai_analisis.errores import ErrorPeriodo
from pai_analisis.metricas import Parametros, calcular_metricas, serie_mensual
from pai_analisis.modelo.columnas import COLUMNAS as DICCIONARIO
from pai_analisis.modelo.serie import COLUMNAS_SERIE as COLUMNAS
from pai_analisis.modelo.serie import NIVELES, serie_larga


def _fila(s: pd.DataFrame, periodo: str, nivel: str, clave: str) -> pd.DataFrame:
    return s[(s["periodo"] == pd.Period(periodo, freq="M")) & (s["nivel"] == nivel) & (s["clave"] == clave)]


def _valor(s: pd.DataFrame, periodo: str, nivel: str, clave: str) -> float:
    fila = _fila(s, periodo, nivel, clave)
    assert len(fila) == 1, (periodo, nivel, clave, fila)
    return float(fila["valor"].iloc[0])


def _campo(s: pd.DataFrame, periodo: str, nivel: str, clave: str, campo: str):
    fila = _fila(s, periodo, nivel, clave)
    assert len(fila) == 1, (periodo, nivel, clave, fila)
    return fila[campo].iloc[0]


@pytest.fixture(scope="module")
def libro_simple():
    # Proyecto 1 (objetivo 1), una meta Suma con programación anual 10:
    #   enero:   programado 2, ejecutado 1 → E = 1, Pf = 2 → cumplimiento 1 / 2 = 50 %
    #   febrero: programado 2, ejecutado 2 → E = 3, Pf = 4 → cumplimiento 3 / 4 = 75 %
    return hacer_libro(metas=[meta(1)], seguimiento_metas=[sm(1, 1, 2, 1), sm(1, 2, 2, 2)])


def test_un_proyecto_del_50_al_75(libro_simple):
    s = serie_larga(libro_simple)
    assert list(s.columns) == list(COLUMNAS)
    assert s["valor"].dtype == "float64"
    assert list(s["periodo"].astype(str).unique()) == ["2024-01", "2024-02"]  # hasta: el último mes reportado (febrero)
    # sin indicadores, actividades ni riesgos: esos niveles no tienen filas (el orden de los demás es el de NIVELES)
    assert list(s["nivel"].unique()) == ["indice", "componente", "objetivo", "proyecto", "meta", "presupuesto"]
    assert list(s["nivel"].cat.categories) == list(NIVELES) and s["nivel"].cat.ordered
    for mes, esperado, semaforo in (("2024-01", 50.0, "rojo"), ("2024-02", 75.0, "amarillo")):
        assert _valor(s, mes, "proyecto", "1") == pytest.approx(esperado)
        assert _campo(s, mes, "proyecto", "1", "estado") == "activo"
        assert _campo(s, mes, "proyecto", "1", "semaforo") == semaforo
        # el único componente con valor es el de proyectos: el índice lo toma entero (pesos renormalizados)
        assert _valor(s, mes, "componente", "proyectos_inversion") == pytest.approx(esperado)
        assert _valor(s, mes, "indice", "indice_pai") == pytest.approx(esperado)
        assert _campo(s, mes, "indice", "indice_pai", "semaforo") == semaforo
        # el objetivo 1 es la media de su única meta; el 2 no tiene nada: fila con valor vacío
        assert _valor(s, mes, "objetivo", "1") == pytest.approx(esperado)
        assert math.isnan(_valor(s, mes, "objetivo", "2"))
        assert pd.isna(_campo(s, mes, "objetivo", "2", "semaforo"))
        # sin indicadores ni actividades: sus componentes están, sin valor
        assert math.isnan(_valor(s, mes, "componente", "indicadores_gestion"))
        assert math.isnan(_valor(s, mes, "componente", "plan_accion_integrado"))
        # la meta 1-1 es la única del proyecto: mismo cumplimiento; sin presupuesto: ejecución vacía
        assert _valor(s, mes, "meta", "1-1") == pytest.approx(esperado)
        assert math.isnan(_valor(s, mes, "presupuesto", "1"))
    # variación contra el mes anterior: enero no tiene; febrero 75 − 50 = +25 puntos
    assert pd.isna(_campo(s, "2024-01", "proyecto", "1", "variacion"))
    assert _campo(s, "2024-02", "proyecto", "1", "variacion") == pytest.approx(25.0)
    assert _campo(s, "2024-02", "indice", "indice_pai", "variacion") == pytest.approx(25.0)
    # 1 índice + 3 componentes + 2 objetivos + 1 proyecto + 1 meta + 1 presupuesto = 9 filas por mes
    assert s.groupby("periodo").size().tolist() == [9, 9]
    assert _campo(s, "2024-01", "objetivo", "1", "nombre") == OBJETIVOS[0]["nombre"]
    assert _campo(s, "2024-01", "componente", "proyectos_inversion", "nombre") == "Proyectos de inversión"
    assert s.loc[s["nivel"].isin(["indice", "componente", "objetivo"]), "estado"].isna().all()
    assert _campo(s, "2024-01", "meta", "1-1", "proyecto") == 1 and _campo(s, "2024-01", "meta", "1-1", "meta") == 1


def test_hasta_y_parametros(libro_simple):
    s = serie_larga(libro_simple, "2024-01")
    assert list(s["periodo"].astype(str).unique()) == ["2024-01"]
    # hasta después del último reporte: marzo no trae nada nuevo, la Suma sigue en E = 3, Pf = 4 → 75 %
    s = serie_larga(libro_simple, "2024-03")
    assert _valor(s, "2024-03", "proyecto", "1") == pytest.approx(75.0)
    # con el umbral crítico en 40, el 50 % de enero ya no es crítico
    s = serie_larga(libro_simple, "2024-01", Parametros(umbral_critico=40))
    assert _campo(s, "2024-01", "proyecto", "1", "semaforo") == "amarillo"
    with pytest.raises(ErrorPeriodo):
        serie_larga(libro_simple, "2023-12")


def _meses(memoria: dict) -> dict:
    """Los meses guardados en la memoria (clave: huella del libro, parámetros, mes), por su texto ``AAAA-MM``."""
    from pai_analisis.metricas.calculo import _Nucleo

    return {k[-1]: v for k, v in memoria.items() if isinstance(v, _Nucleo)}


def test_memoria_compartida(libro_simple):
    memoria: dict = {}
    a = serie_larga(libro_simple, memoria=memoria)
    assert set(_meses(memoria)) == {"2024-01", "2024-02"}  # un cálculo por mes
    nucleos = {k: id(v) for k, v in memoria.items()}
    b = serie_larga(libro_simple, memoria=memoria)
    assert {k: id(v) for k, v in memoria.items()} == nucleos  # la segunda llamada no recalcula
    pd.testing.assert_frame_equal(a, b)


def test_mes_ligero_de_la_memoria_se_rehace_completo():
    # serie_mensual solo pide los meses ligeros (sin presupuesto ni observaciones); publicar luego febrero con la
    # misma memoria debe dar exactamente lo mismo que sin memoria, con su presupuesto y sus observaciones
    febrero = {**sm(1, 2, 2, 2), "observaciones": "Se entregó el segundo informe"}
    libro = hacer_libro(metas=[meta(1)], seguimiento_metas=[sm(1, 1, 2, 1), febrero],
                        presupuesto=[pres(1, 1, 100, 10, 0), pres(1, 2, 120, 30, 5)])
    memoria: dict = {}
    serie_mensual(libro, "2024-02", memoria=memoria)
    assert [n.completo for n in _meses(memoria).values()] == [False, False]
    con = calcular_metricas(libro, "2024-02", memoria=memoria)
    sin = calcular_metricas(libro, "2024-02")
    assert _meses(memoria)["2024-02"].completo and not _meses(memoria)["2024-01"].completo
    # apropiación vigente 120 (inicial 100 + una adición de 20); compromisos 30 / 120 = 25 %
    assert con.presupuesto_total == sin.presupuesto_total
    assert (con.presupuesto_total["apropiacion"], con.presupuesto_total["ejecucion_presupuestal"]) == (120.0, 25.0)
    assert con.metas.loc[0, "observacion"] == "Se entregó el segundo informe"
    assert "observacion" in con.metas and "ejecucion_presupuestal" in con.proyectos
    pd.testing.assert_frame_equal(con.proyectos, sin.proyectos)
    pd.testing.assert_frame_equal(con.metas, sin.metas)
    assert con.a_json() == sin.a_json()


def test_libro_sin_reportes_da_tabla_vacia():
    s = serie_larga(hacer_libro(metas=[meta(1)]))
    assert s.empty and list(s.columns) == list(COLUMNAS)
    assert s["periodo"].dtype == "period[M]" and s["proyecto"].dtype == "Int64" and s["nivel"].dtype.ordered


def test_ventanas_y_actividades():
    # Proyecto 1 (objetivo 1), meta Suma: enero 1 de 2 → 50 %; febrero 3 de 4 → 75 %.
    # Proyecto 2 (objetivo 2) cierra en enero: meta Suma 4 de 4 → 100 %; en febrero sigue con 100 congelado, «cerrado».
    # Proyecto 3 (objetivo 2) inicia en febrero: meta Suma 4 de 5 → 80 %; en enero no tiene fila.
    # Actividad A-01 (objetivo 1): enero 5 de 10 → 50 %; febrero 20 de 20 → 100 %.
    proyectos = [
        {"proyecto": 1, "nombre": "Uno", "objetivo": 1, "presupuesto_programado": 100},
        {"proyecto": 2, "nombre": "Dos", "objetivo": 2, "presupuesto_programado": 100, "vigente_hasta": "2024-01"},
        {"proyecto": 3, "nombre": "Tres", "objetivo": 2, "presupuesto_programado": 100, "vigente_desde": "2024-02"},
    ]
    libro = hacer_libro(
        proyectos=proyectos,
        metas=[meta(1), meta(1, proyecto=2), meta(1, proyecto=3)],
        seguimiento_metas=[sm(1, 1, 2, 1), sm(1, 2, 2, 2), sm(1, 1, 4, 4, proyecto=2), sm(1, 2, 5, 4, proyecto=3)],
        actividades=[act("A-01")],
        seguimiento_actividades=[sa("A-01", 1, 10, 5), sa("A-01", 2, 20, 20)],
    )
    s = serie_larga(libro)
    enero, febrero = "2024-01", "2024-02"
    proyectos = s[s["nivel"] == "proyecto"]
    assert proyectos.loc[proyectos["periodo"] == pd.Period(enero), "proyecto"].tolist() == [1, 2]
    assert proyectos.loc[proyectos["periodo"] == pd.Period(febrero), "proyecto"].tolist() == [1, 2, 3]
    assert _campo(s, enero, "proyecto", "2", "estado") == "activo"
    assert _campo(s, febrero, "proyecto", "2", "estado") == "cerrado"
    assert _valor(s, febrero, "proyecto", "2") == pytest.approx(100.0)  # congelado en enero
    assert _campo(s, febrero, "proyecto", "3", "estado") == "activo"
    assert _valor(s, febrero, "proyecto", "3") == pytest.approx(80.0)
    # enero: proyectos (50 + 100) / 2 = 75; plan integrado 50; índice (75 + 50) / 2 = 62,5 (crítico)
    assert _valor(s, enero, "componente", "proyectos_inversion") == pytest.approx(75.0)
    assert _valor(s, enero, "componente", "plan_accion_integrado") == pytest.approx(50.0)
    assert _valor(s, enero, "indice", "indice_pai") == pytest.approx(62.5)
    assert _campo(s, enero, "indice", "indice_pai", "semaforo") == "rojo"
    # febrero: el 2 cerrado sale del componente: (75 + 80) / 2 = 77,5; plan 100; índice (77,5 + 100) / 2 = 88,75
    assert _valor(s, febrero, "componente", "proyectos_inversion") == pytest.approx(77.5)
    assert _valor(s, febrero, "componente", "plan_accion_integrado") == pytest.approx(100.0)
    assert _valor(s, febrero, "indice", "indice_pai") == pytest.approx(88.75)
    assert _campo(s, febrero, "indice", "indice_pai", "semaforo") == "amarillo"
    # la actividad: 50 → 100, +50 puntos; su componente es el plan integrado
    assert _valor(s, febrero, "actividad", "A-01") == pytest.approx(100.0)
    assert _campo(s, febrero, "actividad", "A-01", "variacion") == pytest.approx(50.0)
    assert _campo(s, febrero, "actividad", "A-01", "componente") == "plan_accion_integrado"
    # el proyecto 3 no tiene fila en enero: su primera variación está vacía (no se compara con nada)
    assert pd.isna(_campo(s, febrero, "proyecto", "3", "variacion"))
    # el 2 cerrado sigue congelado: variación 0
    assert _campo(s, febrero, "proyecto", "2", "variacion") == pytest.approx(0.0)
    # objetivos: el 1 es la media de su meta y su actividad; el 2, de las metas activas de ese mes
    assert _valor(s, enero, "objetivo", "1") == pytest.approx(50.0)  # (50 + 50) / 2
    assert _valor(s, febrero, "objetivo", "1") == pytest.approx(87.5)  # (75 + 100) / 2
    assert _valor(s, enero, "objetivo", "2") == pytest.approx(100.0)  # solo la meta del proyecto 2
    assert _valor(s, febrero, "objetivo", "2") == pytest.approx(80.0)  # el 2 cerró: solo la del proyecto 3


@pytest.fixture(scope="module")
def armonizacion():
    libro = pai.cargar_libro(ejemplo="armonizacion")
    return libro, serie_larga(libro)


def test_ejemplo_de_armonizacion(armonizacion):
    libro, s = armonizacion
    assert {c.nombre: c.dtype for c in DICCIONARIO["serie"]} == dict(s.dtypes)  # todos los niveles, con sus tipos
    assert list(s["nivel"].unique()) == list(NIVELES)
    assert list(s["periodo"].astype(str).unique()) == [f"2024-{m:02d}" for m in range(1, 13)]
    p = s[s["nivel"] == "proyecto"].assign(periodo=lambda t: t["periodo"].astype(str))
    estado_7867 = p[p["proyecto"] == 7867].set_index("periodo")["estado"]
    assert (estado_7867.loc[:"2024-06"] == "activo").all()
    assert (estado_7867.loc["2024-07":] == "cerrado").all() and len(estado_7867) == 12
    valor_7867 = p[p["proyecto"] == 7867].set_index("periodo")["valor"]
    assert (valor_7867.loc["2024-07":] == valor_7867.loc["2024-06"]).all()  # congelado en su último mes
    meses_8116 = p.loc[p["proyecto"] == 8116, "periodo"].tolist()
    assert meses_8116 == [f"2024-{m:02d}" for m in range(7, 13)]  # sin fila antes de julio
    assert (p.loc[p["clave"] == "8116", "estado"] == "activo").all()
    # los agregados usan valores acotados; metas, indicadores y actividades van en bruto (pueden pasar de 100)
    assert s.loc[s["nivel"] <= "proyecto", "valor"].dropna().between(0, 100).all()
    # cada mes es calcular_metricas de ese mes
    m = calcular_metricas(libro, "2024-06")
    assert _valor(s, "2024-06", "indice", "indice_pai") == pytest.approx(m.indice_pai)
    assert _campo(s, "2024-06", "indice", "indice_pai", "semaforo") == {"critico": "rojo", "en_riesgo": "amarillo",
                                                                         "satisfactorio": "verde"}[m.semaforo_indice]
    for clave, valor in m.componentes.items():
        assert _valor(s, "2024-06", "componente", clave) == pytest.approx(valor)
    por_objetivo = m.objetivos.set_index("objetivo")["cumplimiento"]
    for objetivo, valor in por_objetivo.items():
        assert _valor(s, "2024-06", "objetivo", str(objetivo)) == pytest.approx(valor, nan_ok=True)
    # cada nivel fino también es el de calcular_metricas de ese mes
    junio = s[s["periodo"] == pd.Period("2024-06")]
    for nivel, tabla, clave in (("indicador", m.indicadores, "indicador"), ("actividad", m.actividades, "actividad")):
        esperado = tabla.set_index(clave)["cumplimiento"].sort_index()
        obtenido = junio[junio["nivel"] == nivel].set_index(nivel)["valor"].sort_index()
        pd.testing.assert_series_equal(obtenido, esperado, check_names=False, check_index_type=False)
    presup = junio[junio["nivel"] == "presupuesto"].set_index("proyecto")["valor"]
    assert presup.to_dict() == pytest.approx(m.proyectos.set_index("proyecto")["ejecucion_presupuestal"].to_dict(), nan_ok=True)
    riesgos = junio[junio["nivel"] == "riesgo"]
    assert len(riesgos) == 88 and riesgos["valor"].isna().all()
    assert int(riesgos["materializado"].sum()) == int(m.riesgos["materializado"].sum())


def test_en_la_api_publica():
    assert pai.serie_larga is serie_larga
    assert "serie_larga" in pai.__all__ and "tablas" in pai.__all__
