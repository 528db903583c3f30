"""El modelo tipado (sección 8.4): ``tablas()``, sus dtypes, Parquet de ida y vuelta, datos abiertos y docs/tablas.md.

Los valores esperados se calculan a mano en los comentarios.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from libros_minimos import act, hacer_libro, ind, meta, pres, sa, si, sm

import pai_analisis as pai
from pai_analisis import calcular_metricas  # con la frase de cada alerta (mensaje), como la CLI
from pai_analisis.cli import main
from pai_analisis.informes.excel import exportar_xlsx
from pai_analisis.modelo.columnas import COLUMNAS, TABLAS, TABLAS_ABIERTAS
from pai_analisis.modelo.datos_abiertos import paquete_datos
from pai_analisis.modelo.documentacion import documento
from pai_analisis.modelo.parquet import escribir_parquet
from pai_analisis.modelo.serie import serie_larga
from pai_analisis.modelo.tablas import tablas, tipar

RAIZ = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", params=[("demostracion", "2024-06"), ("armonizacion", "2024-09")], ids=lambda x: x[0])
def modelo(request):
    ejemplo, periodo = request.param
    m = calcular_metricas(pai.cargar_libro(ejemplo=ejemplo), periodo)
    return m, tablas(m)


def _libro_pequeno():
    # Proyecto 1 (objetivo 1), meta Suma de 10: enero 1 de 2 → 50 % (rojo); febrero 3 de 4 → 75 % (amarillo).
    # Presupuesto: enero compromisos 30, giros 10; febrero compromisos 25 (una anulación de 5), giros 12.
    # Indicador GF-01 (objetivo 2, meta 90): 99 → 110 % (verde). Actividad A-01: 20 de 20 → 100 %.
    # Hasta que la sección 8.1 aterrice en la validación, un acumulado que baja es un error: se tolera solo ese
    libro = hacer_libro(
        permitir_errores=True, metas=[meta(1)], seguimiento_metas=[sm(1, 1, 2, 1), sm(1, 2, 2, 2)],
        presupuesto=[pres(1, 1, 100, 30, 10), pres(1, 2, 100, 25, 12)],
        indicadores=[ind("GF-01", objetivo=2)], seguimiento_indicadores=[si("GF-01", 1, resultado=99), si("GF-01", 2, resultado=99)],
        actividades=[act("A-01")], seguimiento_actividades=[sa("A-01", 1, 10, 10), sa("A-01", 2, 20, 20)],
    )
    errores = libro.advertencias[libro.advertencias["nivel"] == "error"]
    assert set(errores["regla"]) <= {"acumulado_baja"}, errores
    return libro


# ---------------------------------------------------------------- tipos


def test_cada_columna_de_cada_tabla_tiene_el_tipo_del_diccionario(modelo):
    m, t = modelo
    assert list(t) == list(TABLAS)
    for nombre, df in t.items():
        esperadas = [c.nombre for c in COLUMNAS[nombre]]
        assert list(df.columns) == esperadas, nombre
        for c in COLUMNAS[nombre]:
            assert df[c.nombre].dtype == c.dtype, (nombre, c.nombre, df[c.nombre].dtype, c.dtype)
        assert (df["periodo"] == m.periodo).all(), nombre
    assert t["proyectos"]["proyecto"].dtype == "Int64" and t["metas"]["meta"].dtype == "Int64"
    assert t["metas"]["periodo"].dtype == "period[M]" and t["metas"]["nombre"].dtype == "string"
    semaforo = t["metas"]["semaforo"].dtype
    assert isinstance(semaforo, pd.CategoricalDtype) and semaforo.ordered and list(semaforo.categories) == ["rojo", "amarillo", "verde"]
    # las filas son las de Metricas: nada se pierde ni se inventa
    for nombre in ("objetivos", "proyectos", "metas", "indicadores", "actividades", "riesgos", "alertas"):
        assert len(t[nombre]) == len(getattr(m, nombre)), nombre
    assert len(t["presupuesto"]) == len(m.presupuesto_mensual)
    assert len(t["modificaciones"]) == len(m.modificaciones) and len(t["armonizacion"]) == len(m.armonizacion)


def test_serie_larga_tiene_los_tipos_del_diccionario():
    s = serie_larga(_libro_pequeno())
    assert [c.nombre for c in COLUMNAS["serie"]] == list(s.columns)
    for c in COLUMNAS["serie"]:
        assert s[c.nombre].dtype == c.dtype, (c.nombre, s[c.nombre].dtype, c.dtype)
    assert s["nivel"].dtype.ordered and s["semaforo"].dtype.ordered


def test_semaforo_ordenado_y_valores_del_libro_pequeno():
    m = calcular_metricas(_libro_pequeno(), "2024-02")
    t = tablas(m)
    # meta 75 % → amarillo (en_riesgo); indicador 99 / 90 = 110 % → verde; actividad 100 % → verde
    assert t["metas"].loc[0, "semaforo"] == "amarillo" and m.metas.loc[0, "semaforo"] == "en_riesgo"
    assert t["indicadores"].loc[0, "semaforo"] == "verde" and t["indicadores"].loc[0, "cumplimiento"] == pytest.approx(110.0)
    orden = pd.concat([t["metas"]["semaforo"], t["indicadores"]["semaforo"]]).sort_values()
    assert orden.tolist() == ["amarillo", "verde"]
    assert (t["metas"]["semaforo"] < "verde").all()  # categoría ordenada: se compara
    # presupuesto: un corte por fila; febrero 25 − 30 = −5 (anulación), giros 12 − 10 = +2; enero, el acumulado
    p = t["presupuesto"]
    assert p["corte"].astype(str).tolist() == ["2024-01", "2024-02"]
    assert p["movimiento_compromisos"].tolist() == pytest.approx([30.0, -5.0])
    assert p["movimiento_giros"].tolist() == pytest.approx([10.0, 2.0])
    assert p["nombre"].tolist() == ["Proyecto uno"] * 2 and p["objetivo"].tolist() == [1, 1]
    # proyectos: ejecución 25 / 100 = 25 %
    assert t["proyectos"].loc[0, "ejecucion_presupuestal"] == pytest.approx(25.0)


def test_dimensiones_une_cada_codigo_con_su_objetivo_y_componente():
    t = tablas(calcular_metricas(_libro_pequeno(), "2024-02"))
    d = t["dimensiones"]
    assert d["nivel"].astype(str).tolist() == ["objetivo", "objetivo", "proyecto", "meta", "indicador", "actividad"]
    assert d["clave"].tolist() == ["1", "2", "1", "1-1", "GF-01", "A-01"]
    meta_ = d[d["nivel"] == "meta"].iloc[0]
    assert (meta_["proyecto"], meta_["meta"], meta_["objetivo"]) == (1, 1, 1)
    assert meta_["componente"] == "proyectos_inversion" and meta_["nombre_objetivo"] == "Gestión pública efectiva"
    indicador = d[d["nivel"] == "indicador"].iloc[0]
    assert indicador["objetivo"] == 2 and indicador["componente"] == "indicadores_gestion"
    assert indicador["proceso"] == "Gestión financiera" and indicador["nombre_objetivo"] == "Paz y reconciliación"
    actividad = d[d["nivel"] == "actividad"].iloc[0]
    assert actividad["proceso"] == "Plan de Capacitación" and actividad["responsable"] == "Talento Humano"
    # unir con las tablas por los códigos tipados
    unido = t["metas"].merge(d[d["nivel"] == "meta"][["proyecto", "meta", "componente"]], on=["proyecto", "meta"])
    assert len(unido) == 1


def test_en_la_api_publica():
    assert pai.tablas is tablas and "tablas" in pai.__all__


# ---------------------------------------------------------------- documentación


def test_docs_tablas_esta_al_dia():
    ruta = RAIZ / "docs" / "tablas.md"
    assert ruta.read_text(encoding="utf-8") == documento(), (
        "docs/tablas.md no coincide con el diccionario: regenérelo con "
        "`python -m pai_analisis.modelo.documentacion > docs/tablas.md`")
    for nombre in COLUMNAS:
        assert f"## `{nombre}`: " in documento()


def test_cada_columna_tiene_tipo_unidad_y_descripcion():
    for nombre, columnas in COLUMNAS.items():
        assert len({c.nombre for c in columnas}) == len(columnas), f"{nombre}: columna repetida"
        for c in columnas:
            assert c.titulo and c.unidad and len(c.descripcion) > 5, (nombre, c.nombre)
            assert "_" not in c.titulo, (nombre, c.titulo)  # el encabezado del Excel es para personas


# ---------------------------------------------------------------- Parquet


def test_parquet_ida_y_vuelta_conserva_los_tipos(modelo, tmp_path):
    _, t = modelo
    rutas = escribir_parquet(t, tmp_path / "pq")
    assert sorted(p.name for p in rutas) == sorted(f"{n}.parquet" for n in TABLAS)
    for nombre, df in t.items():
        leida = pd.read_parquet(tmp_path / "pq" / f"{nombre}.parquet")
        if df.empty:
            # Parquet guarda las categorías en las páginas de datos: una tabla sin filas las relee sin la lista de
            # valores posibles (limitación documentada); tipar() la restituye
            assert all(isinstance(leida[c].dtype, pd.CategoricalDtype) for c in df if isinstance(df[c].dtype, pd.CategoricalDtype))
            leida = tipar(leida, nombre, None)
        pd.testing.assert_frame_equal(leida, df, check_exact=True)
        assert list(leida.dtypes) == list(df.dtypes), nombre


def test_parquet_de_la_serie_larga(tmp_path):
    s = serie_larga(_libro_pequeno())
    escribir_parquet({"serie": s}, tmp_path)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "serie.parquet"), s)


def test_cli_parquet(tmp_path, capsys):
    salida = tmp_path / "pq"
    assert main(["metricas", "--periodo", "2024-06", "--formato", "parquet", "--salida", str(salida)]) == 0
    assert sorted(p.name for p in salida.iterdir()) == sorted(f"{n}.parquet" for n in TABLAS)
    assert pd.read_parquet(salida / "metas.parquet")["semaforo"].dtype.ordered
    assert f"escritas en {salida}" in capsys.readouterr().out


def test_cli_parquet_sin_pyarrow_falla_en_espanol(tmp_path, capsys, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda nombre, *a: None if nombre == "pyarrow" else real(nombre, *a))
    salida = tmp_path / "pq"
    assert main(["metricas", "--periodo", "2024-06", "--formato", "parquet", "--salida", str(salida)]) == 1
    err = capsys.readouterr().err
    assert "pyarrow" in err and "no está instalada" in err and "analistas" in err and "Traceback" not in err
    assert not salida.exists()


# ---------------------------------------------------------------- datos abiertos (sección 8.4)


def _escribir(archivos: dict[str, bytes], carpeta: Path) -> Path:
    carpeta.mkdir(parents=True)
    for nombre, contenido in archivos.items():
        (carpeta / nombre).write_bytes(contenido)
    return carpeta / "datapackage.json"


def test_datos_abiertos_validos_con_frictionless(modelo, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    m, t = modelo
    archivos = paquete_datos(m, t)
    assert sorted(archivos) == sorted([*(f"{n}.csv" for n in TABLAS_ABIERTAS), "datapackage.json"])
    reporte = frictionless.validate(str(_escribir(archivos, tmp_path / "datos")))
    assert reporte.valid, reporte.flatten(["rowNumber", "fieldName", "type", "note"])
    paquete = json.loads(archivos["datapackage.json"])
    assert paquete["demostracion"] is True and "DEMOSTRACIÓN" in paquete["title"]
    assert paquete["licenses"][0]["name"] == "CC-BY-SA-4.0" and paquete["sources"]
    for recurso in paquete["resources"]:
        for campo in recurso["schema"]["fields"]:
            assert campo["type"] and campo["unit"] and campo["description"], (recurso["name"], campo["name"])


def test_csv_de_datos_abiertos_formato_y_valores(tmp_path):
    m = calcular_metricas(_libro_pequeno(), "2024-02")
    archivos = paquete_datos(m)
    presupuesto = archivos["presupuesto.csv"].decode("utf-8")
    assert not presupuesto.startswith("\ufeff")  # UTF-8 sin BOM
    lineas = presupuesto.splitlines()
    assert lineas[0] == ("periodo,proyecto,nombre,objetivo,presupuesto_programado,apropiacion_inicial,corte,apropiacion,"
                         "compromisos,giros,movimiento_compromisos,movimiento_giros,observacion")
    assert lineas[2] == "2024-02,1,Proyecto uno,1,100.0,100.0,2024-02,100.0,25.0,12.0,-5.0,2.0,"  # la anulación, negativa
    metas = archivos["metas.csv"].decode("utf-8").splitlines()
    cabeza = metas[0].split(",")
    fila = dict(zip(cabeza, metas[1].split(","), strict=True))
    assert fila["semaforo"] == "amarillo" and fila["reprogramada"] == "false" and fila["vigente_desde"] == "2024-01"
    assert fila["cumplimiento"] == "75.0" and fila["avance_cuatrienio"] == ""
    paquete = json.loads(archivos["datapackage.json"])
    assert paquete["demostracion"] is False and "DEMOSTRACIÓN" not in paquete["title"]
    assert paquete["periodo"] == "2024-02"
    frictionless = pytest.importorskip("frictionless")
    assert frictionless.validate(str(_escribir(archivos, tmp_path / "d"))).valid


# ---------------------------------------------------------------- Excel desde el modelo


def test_excel_tiene_todas_las_tablas_del_modelo(tmp_path):
    m = calcular_metricas(pai.cargar_libro(ejemplo="armonizacion"), "2024-09")
    t = tablas(m)
    wb = openpyxl.load_workbook(exportar_xlsx(m, tmp_path / "m.xlsx"))
    assert wb.sheetnames == ["resumen", "objetivos", "proyectos", "metas", "presupuesto", "indicadores", "actividades",
                             "riesgos", "alertas", "dependencias", "modificaciones", "armonizacion", "reprogramaciones",
                             "dimensiones"]
    for nombre, df in t.items():
        ws = wb[nombre]
        assert [c.value for c in ws[1]] == [c.titulo for c in COLUMNAS[nombre]], nombre
        assert ws.max_row == len(df) + 1, nombre
    ws = wb["modificaciones"]
    encabezados = [c.value for c in ws[1]]
    monto = ws.cell(2, encabezados.index("Monto (millones)") + 1)
    assert monto.value == pytest.approx(t["modificaciones"].loc[0, "monto"]) and monto.number_format == "#,##0"
    assert ws.cell(2, encabezados.index("Mes") + 1).value == "2024-07"
    semaforos = {c.value for c in wb["metas"][openpyxl.utils.get_column_letter([c.value for c in wb["metas"][1]].index("Semáforo") + 1)][1:]}
    assert semaforos <= {"Crítico", "En riesgo", "Satisfactorio", None}


def test_excel_muestra_el_movimiento_negativo(tmp_path):
    ruta = exportar_xlsx(calcular_metricas(_libro_pequeno(), "2024-02"), tmp_path / "m.xlsx")
    ws = openpyxl.load_workbook(ruta)["presupuesto"]
    encabezados = [c.value for c in ws[1]]
    celda = ws.cell(3, encabezados.index("Movimiento compromisos (millones)") + 1)
    assert celda.value == pytest.approx(-5.0) and celda.data_type == "n" and celda.number_format == "#,##0.0"


def test_pyarrow_y_frictionless_no_son_de_cron():
    import tomllib

    proyecto = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    cron = " ".join(proyecto["dependencies"]).lower()
    assert "pyarrow" not in cron and "frictionless" not in cron
    extras = {k: " ".join(v).lower() for k, v in proyecto["optional-dependencies"].items()}
    assert "pyarrow" in extras["analistas"] and "pyarrow" in extras["pruebas"] and "frictionless" in extras["pruebas"]


# ---------------------------------------------------------------- punta a punta: un periodo publicado


@pytest.mark.lento
def test_periodo_publicado_lleva_datos_abiertos_validos_y_versionados(tmp_path):
    import shutil
    import subprocess
    import sys

    salida = tmp_path / "informes"
    r = pai.publicar_informes(["2024-06"], salida=salida, pdf=False, terminal=False)
    assert r.publicados == ["2024-06"], r
    datos = salida / "2024-06" / "datos"
    assert sorted(p.name for p in datos.iterdir()) == sorted([*(f"{n}.csv" for n in TABLAS_ABIERTAS), "datapackage.json"])
    frictionless = shutil.which("frictionless") or str(Path(sys.executable).with_name("frictionless"))
    v = subprocess.run([frictionless, "validate", str(datos / "datapackage.json")], capture_output=True, text=True, timeout=300)
    assert v.returncode == 0, v.stdout + v.stderr
    portada = (salida / "2024-06" / "index.html").read_text(encoding="utf-8")
    assert 'href="datos/datapackage.json"' in portada and 'href="datos/metas.csv"' in portada
    assert "datos de demostración" in portada.split('id="datos-abiertos"')[1].split("</p>")[0]
    antes = (datos / "metas.csv").read_bytes()
    # publicar otra vez: la versión anterior queda entera, datos incluidos
    r = pai.publicar_informes(["2024-06"], salida=salida, pdf=False, terminal=False, forzar=True)
    assert r.publicados == ["2024-06"], r
    assert (salida / "2024-06" / "versiones" / "v1" / "datos" / "metas.csv").read_bytes() == antes
    assert (salida / "2024-06" / "datos" / "datapackage.json").is_file()


def test_una_columna_que_falta_en_las_metricas_falla_en_vez_de_salir_vacia():
    m = calcular_metricas(_libro_pequeno(), "2024-02")
    with pytest.raises(ValueError, match="«metas».*cumplimiento_tope"):
        tipar(m.metas.drop(columns="cumplimiento_tope"), "metas", m.periodo)
    vacia = tipar(pd.DataFrame(), "reprogramaciones", m.periodo)  # sin filas: se crea vacía, con sus tipos
    assert vacia.empty and vacia["meta"].dtype == "Int64" and vacia["mes"].dtype == "period[M]"
