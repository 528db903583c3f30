"""Los cabos sueltos de datos del issue 19, cada uno con valores calculados a mano.

(a) un proyecto armonizado en dos: su reducción se cuenta una vez y cada par lleva su parte;
(b) una reducción del mes anterior a la armonización es traslado en ambas tablas;
(c) un mes con cobertura 0 y reportes de riesgos es ``sin_datos`` y lo dice;
(d) un valor de indicador se muestra con la precisión de su unidad.
Las decisiones están en ``docs/metodologia.md``.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from libros_minimos import hacer_libro, meta, pres, sm

from pai_analisis.comun.numeros import decimales_unidad
from pai_analisis.informes.tablas import con_unidad
from pai_analisis.metricas.armonizacion import repartir, resumen_armonizacion
from pai_analisis.metricas.calculo import calcular_metricas
from pai_analisis.metricas.cobertura import SIN_DATOS, calcular_cobertura

PROYECTOS = [
    {"proyecto": 1, "nombre": "Viejo A", "objetivo": 1, "presupuesto_programado": 1000},
    {"proyecto": 2, "nombre": "Viejo B", "objetivo": 1, "presupuesto_programado": 500},
    {"proyecto": 3, "nombre": "Nuevo X", "objetivo": 1, "presupuesto_programado": 500},
    {"proyecto": 4, "nombre": "Nuevo Y", "objetivo": 1, "presupuesto_programado": 100},
]
# 1 pasa a 3 y a 4 (un reparto, como 7868 → 8094 y 8112); 2 también pasa a 3 (como 7873 → 8094)
ARMONIZACION = [{"proyecto_anterior": a, "proyecto_nuevo": n, "periodo": "2024-07"} for a, n in ((1, 3), (1, 4), (2, 3))]
METAS = [meta(1, proyecto=p) for p in (1, 2, 3, 4)]
SEGUIMIENTO = [sm(1, m, 1, 1, proyecto=p) for p in (1, 2) for m in range(1, 7)] + [
    sm(1, m, 1, 1, proyecto=p) for p in (3, 4) for m in (7, 8)]


def _presupuesto(mes_reduccion: int) -> list[dict]:
    # 1: 1000 → 600 (sale 400); 2: 500 → 300 (sale 200), en ``mes_reduccion``; 3 empieza con 500 (300 de 1 + 200 de 2)
    # y 4 con 100 (de 1). Lo que salió (600) = con lo que empezaron los nuevos (600).
    filas = []
    for m in range(1, 9):
        antes = m < mes_reduccion
        filas += [pres(1, m, 1000 if antes else 600, 100, 50), pres(2, m, 500 if antes else 300, 100, 50)]
    return filas + [pres(3, m, 500, 50, 10) for m in (7, 8)] + [pres(4, m, 100, 10, 0) for m in (7, 8)]


def _libro(mes_reduccion: int):
    return hacer_libro(proyectos=PROYECTOS, metas=METAS, seguimiento_metas=SEGUIMIENTO,
                       presupuesto=_presupuesto(mes_reduccion), armonizacion=ARMONIZACION)


# (anterior, nuevo): (antes, después, reducción, inicial del nuevo, traslado); None = vacío (la cifra ya se mostró)
ESPERADO = {
    (1, 3): (1000.0, 600.0, 400.0, 500.0, 300.0),  # 3 recibe 500, de los que 200 son de 2 → 300 de 1
    (1, 4): (None, None, None, 100.0, 100.0),  # 4 solo viene de 1: recibe sus 100; la reducción de 1 ya está arriba
    (2, 3): (500.0, 300.0, 200.0, None, 200.0),  # 2 solo va a 3: pasa sus 200; el inicial de 3 ya está arriba
}


@pytest.mark.parametrize("mes_reduccion", [7, 6], ids=["en_el_mes", "el_mes_anterior"])
def test_reparto_contado_una_vez_y_mismo_trato_en_ambas_tablas(mes_reduccion):
    m = calcular_metricas(_libro(mes_reduccion), "2024-08")
    a = m.armonizacion
    columnas = ["apropiacion_anterior_antes", "apropiacion_anterior_despues", "reduccion", "apropiacion_inicial_nuevo", "traslado"]
    obtenido = {(int(r.proyecto_anterior), int(r.proyecto_nuevo)): tuple(None if pd.isna(v) else float(v) for v in r[columnas])
                for _, r in a.iterrows()}
    assert obtenido == ESPERADO
    # cada peso una vez: 400 + 200 salieron, 500 + 100 entraron, 300 + 100 + 200 pasaron (antes: 400 + 400 + 200 = 1000)
    assert resumen_armonizacion(a) == {"pares": 3, "reduccion_anteriores": 600.0, "inicial_nuevos": 600.0, "trasladado": 600.0}
    assert a["reduccion"].sum() == 600.0
    # (b) la tabla de modificaciones llama traslado al mismo dinero, en el mes en que bajó la apropiación
    mods = m.modificaciones.set_index("proyecto")
    for p, monto, destino in ((1, -400.0, "3, 4"), (2, -200.0, "3")):
        assert (mods.loc[p, "periodo"], mods.loc[p, "monto"], mods.loc[p, "tipo"], mods.loc[p, "destino"]) == (
            f"2024-{mes_reduccion:02d}", monto, "traslado por armonización", destino)
    traslados = m.modificaciones[m.modificaciones["tipo"] == "traslado por armonización"]["monto"].sum()
    assert -traslados == a["reduccion"].sum()


@pytest.mark.parametrize(
    ("pares", "salio", "entro", "esperado"),
    [
        # uno a uno: pasa lo que salió del anterior (aunque el nuevo empiece con más: la diferencia es una adición)
        ([(1, 3)], {1: 400}, {3: 450}, {(1, 3): 400}),
        # uno a dos: cada nuevo recibe su apropiación inicial (7868 → 8094 70 %, 8112 30 %)
        ([(1, 3), (1, 4)], {1: 1000}, {3: 700, 4: 300}, {(1, 3): 700, (1, 4): 300}),
        # dos a uno: cada anterior pasa su reducción
        ([(1, 3), (2, 3)], {1: 400, 2: 200}, {3: 600}, {(1, 3): 400, (2, 3): 200}),
        # un ciclo (1 y 2 pasan ambos a 3 y a 4): el libro no dice el reparto → ningún par despejado
        ([(1, 3), (1, 4), (2, 3), (2, 4)], {1: 10, 2: 10}, {3: 10, 4: 10}, {}),
        # sin la reducción del anterior, su único par se despeja desde el nuevo
        ([(1, 3)], {1: None}, {3: 50}, {(1, 3): 50}),
    ],
    ids=["uno_a_uno", "reparto", "fusion", "ciclo", "sin_reduccion"],
)
def test_repartir(pares, salio, entro, esperado):
    assert repartir(pares, salio, entro) == esperado


def test_mes_con_solo_riesgos_es_sin_datos_y_lo_dice():
    riesgos = [{"riesgo": "R-01", "proceso": "Gestión financiera", "tipo": "Gestión", "descripcion": "Pagos tardíos",
                "probabilidad": "Media", "impacto": "Moderado"}]
    libro = hacer_libro(metas=[meta(1)], seguimiento_metas=[sm(1, 1, 1, 1)], presupuesto=[pres(1, 1, 100, 10, 5)],
                        riesgos=riesgos, seguimiento_riesgos=[{"riesgo": "R-01", "periodo": p, "materializado": "No"}
                                                              for p in ("2024-01", "2024-02")])
    # febrero: se esperaba la meta 1-1 y el corte del proyecto 1 (2 reportes), llegaron 0 → cobertura 0; 1 de riesgos
    c = calcular_cobertura(libro, pd.Period("2024-02", freq="M"))
    assert (c["estado_periodo"], c["cobertura"]["total"], c["reportes_riesgos"]) == (SIN_DATOS, 0.0, 1)
    assert calcular_cobertura(libro, pd.Period("2024-01", freq="M"))["estado_periodo"] == "completo"  # 2 de 2 y su riesgo


def test_el_aviso_de_sin_datos_nombra_los_reportes_de_riesgos(tmp_path):
    from pai_analisis.libro.carga import Libros
    from pai_analisis.metricas.parametros import Parametros
    from pai_analisis.publicacion.plan_corrida import planear

    riesgos = [{"riesgo": "R-01", "proceso": "Gestión financiera", "tipo": "Gestión", "descripcion": "Pagos tardíos",
                "probabilidad": "Media", "impacto": "Moderado"}]
    libro = hacer_libro(metas=[meta(1)], seguimiento_metas=[sm(1, 1, 1, 1)], presupuesto=[pres(1, 1, 100, 10, 5)],
                        riesgos=riesgos, seguimiento_riesgos=[{"riesgo": "R-01", "periodo": "2024-02", "materializado": "No"}])
    plan = planear(["2024-02"], Libros({2024: libro}), Parametros(), [], tmp_path, False)
    assert "solo 1 reporte de riesgos, que no bastan para publicar el mes" in plan.sin_datos["2024-02"]


@pytest.mark.parametrize(
    ("valor", "unidad", "meta", "esperado"),
    [
        (5.433333, "días", 6.0, "5,4 días"),  # promedio calculado (16,3 / 3): un decimal, no 5,433
        (87.56, "%", 90.0, "87,6 %"),
        (0.123, "%", 0.15, "0,12 %"),  # la meta se escribió con 2 decimales: el resultado también
        (20000.0, "número", 20000.0, "20.000 (número)"),
        (1234.4, "Número", 1000.0, "1.234 (Número)"),  # una cuenta no lleva decimales
        (3.14159, "horas", None, "3,1 horas"),  # unidad sin decimales propios: uno
        (math.nan, "%", 90.0, "—"),
    ],
)
def test_valor_de_indicador_con_la_precision_de_su_unidad(valor, unidad, meta, esperado):
    assert con_unidad(valor, unidad, meta) == esperado


def test_decimales_unidad_sin_tildes_ni_mayusculas():
    assert decimales_unidad("DIAS") == decimales_unidad("días") == 1
    assert decimales_unidad(None) == 1 and decimales_unidad("numero") == 0
