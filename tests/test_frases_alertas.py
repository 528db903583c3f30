"""La frase de cada alerta (issue 20, punto 4): la metodología da los datos, informes/lecturas/alertas.py redacta.

Una fila de datos por tipo de alerta (y elemento) → la frase exacta. Las filas traen solo lo que
``metricas.alertas`` pone en su tipo; lo demás queda vacío, como en la tabla.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import pai_analisis
from pai_analisis.informes.lecturas.alertas import PLANTILLAS, con_frases, frase
from pai_analisis.metricas.alertas import COLUMNAS
from pai_analisis.metricas.calculo import calcular_metricas

NAN = math.nan
QUIEN = {"nombre": "Fortalecer   la gestión\npública", "responsable": "Oficina de Planeación"}

CASOS = [
    ({"tipo": "critico", "elemento": "proyecto", "item": "7871", **QUIEN, "valor": 42.26, "umbral": 60.0},
     "El proyecto 7871 «Fortalecer la gestión pública» (responde: Oficina de Planeación) cumple el 42,3 % de lo programado "
     "a la fecha (crítico: menos de 60 %)."),
    ({"tipo": "critico", "elemento": "meta", "item": "7871-2", "nombre": "Entregar 12 informes", "responsable": NAN,
      "valor": 10.0, "umbral": 60.0},
     "La meta 7871-2 «Entregar 12 informes» cumple el 10,0 % de lo programado a la fecha."),
    ({"tipo": "critico", "elemento": "indicador", "item": "GF-01", "nombre": "Pagos oportunos", "responsable": "Financiera",
      "valor": 55.0, "umbral": 60.0, "proceso": "Gestión financiera"},
     "El indicador GF-01 «Pagos oportunos» (responde: Financiera), del proceso Gestión financiera, cumple el 55,0 % de su meta."),
    ({"tipo": "critico", "elemento": "actividad", "item": "TH-01", "nombre": "Ejecutar el plan de capacitación", "responsable": NAN,
      "valor": 50.0, "umbral": 60.0, "plan": "Plan de Capacitación", "ejecutado": 15.0, "programado": 30.0},
     "La actividad TH-01 «Ejecutar el plan de capacitación», del Plan de Capacitación, lleva el 15,0 % frente al 30,0 % programado."),
    ({"tipo": "sin_reporte", "elemento": "indicador", "item": "TR-02", "nombre": NAN, "responsable": NAN, "valor": NAN,
      "umbral": NAN, "proceso": "Transparencia"},
     "El indicador TR-02, del proceso Transparencia, está vencido y no tiene ningún reporte: cuenta como 0."),
    ({"tipo": "riesgo_materializado", "elemento": "riesgo", "item": "R-02", "nombre": "Direccionamiento de contratos",
      "responsable": NAN, "valor": NAN, "umbral": NAN, "proceso": "Contratación", "tipo_riesgo": "Corrupción",
      "periodo_materializacion": "2024-02"},
     "El riesgo R-02 (corrupción, Contratación) se materializó en 2024-02."),
    ({"tipo": "riesgo_extremo", "elemento": "riesgo", "item": "R-01", "nombre": "Pérdida de expedientes", "responsable": NAN,
      "valor": NAN, "umbral": NAN, "proceso": "Gestión documental"},
     "El riesgo R-01 (Gestión documental) sigue en zona Extremo después de sus controles."),
    # con dueño (sección 10: el responsable del riesgo o el de los indicadores de su proceso)
    ({"tipo": "riesgo_materializado", "elemento": "riesgo", "item": "R-03", "nombre": "Pérdida de expedientes",
      "responsable": "Subdirección de Gestión Documental", "valor": NAN, "umbral": NAN, "proceso": "Gestión documental",
      "tipo_riesgo": "Gestión", "periodo_materializacion": "2024-05"},
     "El riesgo R-03 (gestión, Gestión documental; responde: Subdirección de Gestión Documental) se materializó en 2024-05."),
    ({"tipo": "riesgo_extremo", "elemento": "riesgo", "item": "R-04", "nombre": "Fraude", "responsable": "Oficina Jurídica",
      "valor": NAN, "umbral": NAN, "proceso": "Gestión jurídica"},
     "El riesgo R-04 (Gestión jurídica; responde: Oficina Jurídica) sigue en zona Extremo después de sus controles."),
    ({"tipo": "brecha_fisico_financiera", "elemento": "proyecto", "item": "2", "nombre": "Sedes", "responsable": NAN,
      "valor": 37.5, "umbral": 25.0, "ejecucion_presupuestal": 87.5, "avance_fisico": 50.0},
     "El proyecto 2 «Sedes» tiene comprometido el 87,5 % del presupuesto y un avance físico de 50,0 %: lo financiero va "
     "por delante 37,5 puntos."),
    ({"tipo": "brecha_fisico_financiera", "elemento": "proyecto", "item": "3", "nombre": NAN, "responsable": NAN,
      "valor": -30.0, "umbral": 25.0, "ejecucion_presupuestal": 20.0, "avance_fisico": 50.0},
     "El proyecto 3 tiene comprometido el 20,0 % del presupuesto y un avance físico de 50,0 %: lo financiero va por detrás "
     "30,0 puntos."),
    ({"tipo": "sobreejecucion", "elemento": "meta", "item": "2-2", "nombre": "x" * 100, "responsable": NAN,
      "valor": 150.0, "umbral": 125.0},
     f"La meta 2-2 «{'x' * 89}…» va en 150,0 % de lo programado: revise la programación o el reporte (sobreejecución)."),
    ({"tipo": "sobreejecucion", "elemento": "indicador", "item": "I-03", "nombre": "Atención", "responsable": "Servicio",
      "valor": 139.2, "umbral": 125.0},
     "El indicador I-03 «Atención» (responde: Servicio) va en 139,2 % de su meta: revise la meta o el reporte (sobreejecución)."),
    ({"tipo": "reporte_atrasado", "elemento": "indicador", "item": "I-01", "nombre": "Pagos", "responsable": NAN,
      "valor": NAN, "umbral": NAN, "periodicidad": "Trimestral", "ultimo_reporte": "2024-03"},
     "El indicador I-01 «Pagos» no reportó su último cierre (trimestral); el cálculo usa lo reportado hasta 2024-03."),
]


@pytest.mark.parametrize(("datos", "esperada"), CASOS, ids=[f"{d['tipo']}-{d['item']}" for d, _ in CASOS])
def test_frase_de_cada_tipo_de_alerta(datos, esperada):
    fila = dict.fromkeys(COLUMNAS, NAN) | datos  # una fila de metricas.alertas: lo que su tipo no usa, vacío
    assert frase(fila) == esperada


def test_cada_plantilla_tiene_su_caso():
    assert {(d["tipo"], d["elemento"]) for d, _ in CASOS} == set(PLANTILLAS)


def test_un_tipo_sin_plantilla_falla_en_voz_alta():
    with pytest.raises(ValueError, match="No hay frase para la alerta «nuevo» de un elemento «meta»"):
        frase({"tipo": "nuevo", "elemento": "meta"})


def test_la_metodologia_da_datos_y_la_api_publica_la_frase():
    from pai_analisis.libro.carga import cargar_libro

    libro = cargar_libro()
    datos = calcular_metricas(libro, "2024-06")
    assert "mensaje" not in datos.alertas and len(datos.alertas)
    m = pai_analisis.calcular_metricas(libro, "2024-06")
    assert list(m.alertas.columns) == [*COLUMNAS[:8], "mensaje", *COLUMNAS[8:]]  # mensaje después de umbral, como siempre
    pd.testing.assert_frame_equal(m.alertas.drop(columns="mensaje"), datos.alertas)
    assert [a["mensaje"] for a in m.a_dict()["alertas"]] == list(m.alertas["mensaje"])
    assert m.alertas["mensaje"].iloc[0] == frase(m.alertas.iloc[0].to_dict())
    with pytest.raises(ValueError, match="no se redactan dos veces"):
        con_frases(m)
