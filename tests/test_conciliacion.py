"""Conciliación con el presupuesto que publica el Distrito (sección 8.3), con valores calculados a mano.

El libro tiene dos proyectos; la fuente es un CSV en el diseño de los datos abiertos
(``DatosAbiertosPresupuestoGeneralDistrito.csv``), escrito en la prueba: UTF-8 con BOM, en pesos,
con ruido de coma flotante, filas de Funcionamiento y de otra entidad, y un mes de otra vigencia.
"""

from __future__ import annotations

import pandas as pd
import pytest
from libros_minimos import hacer_libro

from pai_analisis.cli import main
from pai_analisis.errores import ErrorLectura
from pai_analisis.fuentes.presupuesto_distrital import de_entidad, leer_presupuesto_distrital
from pai_analisis.metricas.conciliacion import conciliar

PROYECTOS = [{"proyecto": 1, "nombre": "Uno", "objetivo": 1, "presupuesto_programado": 100},
             {"proyecto": 2, "nombre": "Dos", "objetivo": 1, "presupuesto_programado": 200}]


def _pres(proyecto, mes, apr, com, gir, obs=None):
    return {"proyecto": proyecto, "periodo": f"2024-{mes:02d}", "apropiacion": apr, "compromisos": com, "giros": gir,
            "observaciones": obs}


PRESUPUESTO = [
    _pres(1, 1, 100, 30, 5), _pres(1, 2, 100, 50, 20), _pres(1, 3, 100, 45, 20, "anulación CRP 9"),
    _pres(2, 1, 200, 60, 10), _pres(2, 3, 200, 90, 40),  # el proyecto 2 no reporta en febrero: cuenta su corte de enero
]
# Totales del libro (último corte de cada proyecto hasta el mes):
#   enero:   apropiación 100 + 200 = 300; compromisos 30 + 60 = 90;  giros 5 + 10 = 15
#   febrero: 300;                          50 + 60 = 110;             20 + 10 = 30
#   marzo:   300;                          45 + 90 = 135;             20 + 40 = 60
ENCABEZADO = "Periodo,Institucion,Finalidad,TipoPresupuesto,ValorVigente,ValorCompromiso,ValorGiros"
FILAS = [
    # enero, en dos filas de inversión: 201.19999999999994 + 100 = 301,2 millones de vigente (ruido de coma flotante)
    "202401,Secretaría General,Inversión,Inversión directa,201199999.99999994,60000000,10000000",
    "202401,Secretaría General,Inversión,Otra,100000000.00000001,30000000.000000004,5000000",
    "202401,Secretaría General,Funcionamiento,Gastos de personal,5000000000,1000000000,900000000",
    "202401,Instituto Distrital de Recreación y Deporte,Inversión,Inversión directa,408340357000,13885204000,932158000",
    "202312,Secretaría General,Inversión,Inversión directa,1,1,1",
    # febrero: compromisos 112,5 (el libro dice 110), giros 30,4 (el libro 30)
    "202402,Secretaría General,Inversión,Inversión directa,300000000,112500000,30400000",
    # marzo no está en la fuente; abril solo en la fuente
    "202404,Secretaría General,Inversión,Inversión directa,300000000,140000000,70000000",
]


@pytest.fixture
def fuente(tmp_path):
    ruta = tmp_path / "DatosAbiertosPresupuestoGeneralDistrito.csv"
    ruta.write_bytes(("\ufeff" + "\n".join([ENCABEZADO, *FILAS]) + "\n").encode("utf-8"))
    return ruta


def _libro():
    return hacer_libro(proyectos=PROYECTOS, presupuesto=PRESUPUESTO)


def test_lectura_solo_inversion_en_millones(fuente):
    t = de_entidad(leer_presupuesto_distrital(fuente), "  SECRETARIA general ")  # sin tildes, mayúsculas ni espacios
    assert [str(p) for p in t["periodo"]] == ["2023-12", "2024-01", "2024-02", "2024-04"]
    enero = t.iloc[1]
    assert (enero["apropiacion"], enero["compromisos"], enero["giros"]) == (301.2, 90.0, 15.0)  # sin el ruido
    assert t.iloc[2]["compromisos"] == 112.5


def test_conciliacion_mes_a_mes(fuente):
    libro = _libro()
    t = conciliar(libro.presupuesto, de_entidad(leer_presupuesto_distrital(fuente), "Secretaría General"), 2024)
    assert [str(p) for p in t["periodo"]] == ["2024-01", "2024-02", "2024-03", "2024-04"]  # 2023-12 es de otra vigencia
    assert list(t["estado"]) == ["cuadra", "no cuadra", "solo en el libro", "solo en la fuente"]
    enero, febrero = t.iloc[0], t.iloc[1]
    # enero: apropiación 300 − 301,2 = −1,2 millones (más de 1 millón) pero −1,2 / 301,2 = −0,398 % (dentro de 0,5 %): cuadra
    assert enero["apropiacion_diferencia"] == pytest.approx(-1.2)
    assert enero["apropiacion_diferencia_pct"] == pytest.approx(-0.398406, abs=1e-6)
    assert (enero["compromisos_diferencia"], enero["giros_diferencia"]) == (0.0, 0.0)
    # febrero: compromisos 110 − 112,5 = −2,5 (−2,222 %): no cuadra; giros 30 − 30,4 = −0,4 (≤ 1 millón): cuadra
    assert febrero["compromisos_diferencia"] == pytest.approx(-2.5)
    assert febrero["compromisos_diferencia_pct"] == pytest.approx(-2.222222, abs=1e-6)
    assert febrero["giros_diferencia"] == pytest.approx(-0.4)
    assert febrero["giros_diferencia_pct"] == pytest.approx(-1.315789, abs=1e-6)
    # marzo solo en el libro: sin cifras de la fuente ni diferencia
    assert t.iloc[2]["compromisos_libro"] == 135.0 and pd.isna(t.iloc[2]["compromisos_fuente"])
    assert pd.isna(t.iloc[3]["compromisos_libro"]) and t.iloc[3]["compromisos_fuente"] == 140.0
    # hasta febrero: marzo y abril quedan fuera
    hasta = conciliar(libro.presupuesto, de_entidad(leer_presupuesto_distrital(fuente), "Secretaría General"), 2024,
                      pd.Period("2024-02", freq="M"))
    assert list(hasta["estado"]) == ["cuadra", "no cuadra"]


@pytest.mark.parametrize(("contenido", "codificacion", "esperado"), [
    ("Periodo,Institucion,Finalidad\n202401,X,Inversión\n", "utf-8", "le faltan las columnas TipoPresupuesto, ValorVigente"),
    (ENCABEZADO.replace(",", ";") + "\n", "utf-8", "punto y coma"),
    (ENCABEZADO + "\n202401,Secretaría General,Inversión,X,1,2,3\n", "latin-1", "no está en UTF-8"),
    (ENCABEZADO + "\n2024-01,Secretaría General,Inversión,X,1,2,3\n", "utf-8", "fila 2, columna «Periodo»"),
    (ENCABEZADO + "\n202401,Secretaría General,Inversión,X,1,\"2,5\",3\n", "utf-8", "fila 2, columna «ValorCompromiso»"),
])
def test_archivos_malos(tmp_path, contenido, codificacion, esperado):
    ruta = tmp_path / "fuente.csv"
    ruta.write_bytes(contenido.encode(codificacion))
    with pytest.raises(ErrorLectura, match=esperado):
        leer_presupuesto_distrital(ruta)


def test_entidad_inexistente_dice_cuales_hay(fuente):
    with pytest.raises(ErrorLectura) as info:
        de_entidad(leer_presupuesto_distrital(fuente), "Secretaría de Hacienda")
    assert "Instituto Distrital de Recreación y Deporte; Secretaría General" in str(info.value)


def test_cli_conciliar(fuente, tmp_path, escribir_libro, capsys):
    from conftest import libro_valido

    completo = libro_valido()
    completo.update({"proyectos": PROYECTOS, "presupuesto": PRESUPUESTO})
    completo["metas"] = [m | {"proyecto": 1} for m in completo["metas"]]
    completo["seguimiento_metas"] = [s | {"proyecto": 1} for s in completo["seguimiento_metas"]]
    ruta = escribir_libro(completo)
    args = ["conciliar", "--datos", str(ruta), "--fuente", str(fuente), "--entidad", "Secretaría General"]
    assert main(args) == 0  # no cuadra, pero la tabla es el resultado
    salida = capsys.readouterr().out
    assert "2024-02" in salida and "no cuadra" in salida and "−2,5 (−2,22 %)" in salida
    assert "Conciliación de «Secretaría General» (inversión)" in salida
    assert "solo en el libro" in salida and "1 mes cuadra, 1 mes no cuadra" in salida
    assert main([*args, "--estricto"]) == 4
    assert main([*args[:-1], "Nadie"]) == 1
    assert "Instituciones que trae" in capsys.readouterr().err


def test_la_huella_de_cada_periodo_cubre_la_fuente_hasta_ese_mes(fuente, tmp_path):
    """Sección 7.2 con --fuente: cambiar abril de la fuente re-publica abril, no febrero; sin fuente, otra marca."""
    from pai_analisis.informes.contexto import leer_fuente
    from pai_analisis.metricas.parametros import cargar_parametros
    from pai_analisis.publicacion.huellas import partes_periodo

    libro, par = _libro(), cargar_parametros()
    antes = leer_fuente(fuente, "Secretaría General")
    fuente.write_text(fuente.read_text(encoding="utf-8-sig").replace("202404,Secretaría General,Inversión,Inversión directa,300000000",
                                                                     "202404,Secretaría General,Inversión,Inversión directa,300000001"),
                      encoding="utf-8")
    despues = leer_fuente(fuente, "Secretaría General")
    parte = lambda p, f: partes_periodo(libro, p, par, [], f)["fuente"]  # noqa: E731
    assert parte("2024-02", antes) == parte("2024-02", despues)
    assert parte("2024-04", antes) != parte("2024-04", despues)
    assert parte("2024-02", None) != parte("2024-02", antes)
