"""`pai formularios` y `pai recoger` (sección 10) sobre un libro diminuto, con respuestas escritas con openpyxl.

El libro es el válido mínimo de ``conftest`` con dueños (a mano):

* «Oficina A»: la meta 7867-1 (Suma; la del proyecto) y el riesgo R-01;
* «Oficina B»: la meta 7867-2 (Constante; su propio responsable) y el indicador GF-01 (Trimestral, % );
* «Talento Humano»: la actividad TH-01.

En 2024-06 se debe todo (GF-01 cierra trimestre) y el libro no tiene nada de junio; en 2024-03 tiene
todo (la ronda de correcciones). Lo que LibreOffice hace con los formularios está en
``test_formularios_libreoffice.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import guardar_libro, libro_valido, muestra_rapida

from pai_analisis.cli import main
from pai_analisis.errores import ErrorEscritura, ErrorPAI
from pai_analisis.formularios.escritura import escribir_formularios, nombres_de_archivo
from pai_analisis.formularios.identidad import leer_identidad
from pai_analisis.formularios.recogida import recoger_formularios
from pai_analisis.libro.carga import cargar_libro

A, B, TH = "Oficina A", "Oficina B", "Talento Humano"
ARCHIVOS = {A: "oficina_a.xlsx", B: "oficina_b.xlsx", TH: "talento_humano.xlsx"}
# lo que cada dependencia responde para junio (todo válido): {archivo: {hoja: {(fila, columna): valor}}}
BUENAS = {
    "oficina_a.xlsx": {"metas": {(2, "programado"): 1, (2, "ejecutado"): 1}, "riesgos": {(2, "materializado"): "No"}},
    "oficina_b.xlsx": {"metas": {(2, "programado"): 100, (2, "ejecutado"): 97},
                       "indicadores": {(2, "numerador"): 46, (2, "denominador"): 50}},
    "talento_humano.xlsx": {"actividades": {(2, "programado"): 60, (2, "ejecutado"): 55, (2, "observaciones"): "Dos cursos"}},
}


def hojas_oficina(vigencia: int = 2024) -> dict[str, list[dict]]:
    h = libro_valido()
    h["proyectos"][0]["responsable"] = A
    h["metas"][1]["responsable"] = B
    h["indicadores"][0]["responsable"] = B
    h["riesgos"][0]["responsable"] = A
    if vigencia != 2024:
        for filas in h.values():
            for f in filas:
                if isinstance(f.get("periodo"), str):
                    f["periodo"] = f["periodo"].replace("2024", str(vigencia))
    return h


@pytest.fixture
def oficina(tmp_path):
    """(libro, carpeta de formularios de junio enviados)."""
    libro = guardar_libro(tmp_path / "libro.xlsx", hojas_oficina())
    escribir_formularios("2024-06", salida=tmp_path / "enviar", datos=libro, fecha_limite="2024-07-05")
    return libro, tmp_path / "enviar"


def columnas(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[1]}


def responder(origen: Path, destino: Path, respuestas: dict, cambio=None) -> Path:
    """Llena el formulario como lo haría un área (openpyxl) y aplica ``cambio(wb)`` si se da."""
    wb = openpyxl.load_workbook(origen)
    for hoja, celdas in respuestas.items():
        ws = wb[hoja]
        for (fila, columna), valor in celdas.items():
            ws.cell(fila, columnas(ws)[columna]).value = valor
    if cambio is not None:
        cambio(wb)
    destino.parent.mkdir(parents=True, exist_ok=True)
    wb.save(destino)
    return destino


def recibidos(enviar: Path, carpeta: Path, cambios: dict | None = None) -> Path:
    """Las tres respuestas buenas en ``carpeta``; ``cambios`` {archivo: cambio(wb)} estropea alguna."""
    for archivo, respuestas in BUENAS.items():
        responder(enviar / archivo, carpeta / archivo, respuestas, (cambios or {}).get(archivo))
    return carpeta


def del_mes(libro: Path, periodo: str) -> dict[tuple[str, str], dict]:
    """{(hoja, clave): fila} de las hojas de seguimiento del libro en ``periodo``."""
    datos = cargar_libro(libro)
    p = pd.Period(periodo, "M")
    salida = {}
    for hoja, claves in (("seguimiento_metas", ["proyecto", "meta"]), ("seguimiento_indicadores", ["indicador"]),
                         ("seguimiento_actividades", ["actividad"]), ("seguimiento_riesgos", ["riesgo"])):
        t = getattr(datos, hoja)
        for r in t[t["periodo"] == p].to_dict("records"):
            salida[hoja, "-".join(str(r[c]) for c in claves)] = r
    return salida


# ----------------------------------------------------------------------------------------------- formularios


def test_un_formulario_por_dependencia_con_cada_elemento_debido_una_vez(oficina):
    libro, enviar = oficina
    assert sorted(p.name for p in enviar.iterdir()) == ["formularios_2024-06.csv", *sorted(ARCHIVOS.values())]
    indice = pd.read_csv(enviar / "formularios_2024-06.csv", encoding="utf-8-sig")
    assert indice.to_dict("records") == [
        {"dependencia": A, "archivo": "oficina_a.xlsx", "metas": 1, "indicadores": 0, "actividades": 0, "riesgos": 1, "total": 2},
        {"dependencia": B, "archivo": "oficina_b.xlsx", "metas": 1, "indicadores": 1, "actividades": 0, "riesgos": 0, "total": 2},
        {"dependencia": TH, "archivo": "talento_humano.xlsx", "metas": 0, "indicadores": 0, "actividades": 1, "riesgos": 0,
         "total": 1}]
    vistos = []
    for archivo in ARCHIVOS.values():
        wb = openpyxl.load_workbook(enviar / archivo)
        assert wb.sheetnames[0] == "instrucciones" and wb.sheetnames[-1] == "_pai" and wb["_pai"].sheet_state == "veryHidden"
        for ws in wb.worksheets[1:-1]:
            vistos += [(ws.title, ws.cell(f, 1).value) for f in range(2, ws.max_row + 1)]
    # los cinco elementos debidos en junio, cada uno en un solo formulario
    assert sorted(vistos) == [("actividades", "TH-01"), ("indicadores", "GF-01"), ("metas", 7867), ("metas", 7867), ("riesgos", "R-01")]


def test_en_el_ejemplo_cada_elemento_debido_va_en_un_solo_formulario(tmp_path):
    from pai_analisis.metricas.dependencias import debidos

    hechos = escribir_formularios("2024-07", salida=tmp_path / "julio")  # sin --datos: el ejemplo incorporado
    esperados = debidos(cargar_libro(), "2024-07")
    en_formularios = []
    for r in hechos.tabla.itertuples():
        identidad = leer_identidad(openpyxl.load_workbook(tmp_path / "julio" / r.archivo))
        assert identidad.dependencia == r.dependencia and len(identidad.filas) == r.total
        en_formularios += [(f.hoja, f.clave, identidad.dependencia) for f in identidad.filas]
    assert len(en_formularios) == len(set(en_formularios)) == len(esperados) == 188
    assert set(en_formularios) == set(zip(esperados["tipo"].astype(str), esperados["clave"].astype(str),
                                          esperados["dependencia"].astype(str), strict=True))
    assert len(set(hechos.tabla["archivo"])) == len(hechos.tabla) == esperados["dependencia"].nunique() == 19


def test_columnas_y_contexto_calculado_a_mano(oficina):
    _, enviar = oficina
    wb = openpyxl.load_workbook(enviar / "oficina_b.xlsx")
    metas = list(wb["metas"].iter_rows(values_only=True))
    assert metas[0] == ("proyecto", "meta", "nombre", "anualizacion", "meta_vigencia", "ejecutado_acumulado",
                        "programado", "ejecutado", "observaciones")
    # 7867-2 Constante: meta de la vigencia 100; hasta mayo, el último nivel reportado (marzo: 100); nada de junio
    assert metas[1] == (7867, 2, "Mantener 100 % de sedes", "Constante", 100, 100, None, None, None)
    ind = list(wb["indicadores"].iter_rows(values_only=True))
    assert ind[0][-4:] == ("resultado", "numerador", "denominador", "observaciones")
    # GF-01 hasta mayo: una medición (marzo) 45/50 → 90 %; meta 90, Trimestral
    assert ind[1] == ("GF-01", "Pagos oportunos", "Gestión financiera", "%", 90, "mayor", "Trimestral", 90, None, None, None, None)
    act = list(openpyxl.load_workbook(enviar / "talento_humano.xlsx")["actividades"].iter_rows(values_only=True))
    # TH-01: último corte antes de junio, marzo: 30 % programado y 30 % ejecutado
    assert act[1] == ("TH-01", "Ejecutar el plan de capacitación", "Plan de Capacitación", 30, 30, None, None, None)
    metas_a = list(openpyxl.load_workbook(enviar / "oficina_a.xlsx")["metas"].iter_rows(values_only=True))
    assert metas_a[1][4:6] == (12, 3)  # 7867-1 Suma: meta 12; ejecutado enero–marzo 1 + 1 + 1 = 3


def test_proteccion_validacion_y_mensajes(oficina):
    _, enviar = oficina
    wb = openpyxl.load_workbook(enviar / "oficina_b.xlsx")
    for ws in wb.worksheets:
        assert ws.protection.sheet and not ws.protection.password, ws.title
    entradas = {"metas": {"programado", "ejecutado", "observaciones"},
                "indicadores": {"resultado", "numerador", "denominador", "observaciones"}}
    for hoja, libres in entradas.items():
        ws = wb[hoja]
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2")
        ultima = ws.max_row  # 2: un elemento
        for fila in ws.iter_rows(min_row=1, max_row=ultima + 3, max_col=ws.max_column + 2):
            for c in fila:
                nombre = ws.cell(1, c.column).value
                assert c.protection.locked == (c.row == 1 or c.row > ultima or nombre not in libres), (hoja, c.coordinate)
        validaciones = {ws.cell(1, openpyxl.utils.column_index_from_string(str(dv.sqref)[0])).value: dv
                        for dv in ws.data_validations.dataValidation}
        assert set(validaciones) == libres
        assert all(dv.showInputMessage and dv.prompt for dv in validaciones.values())
    dv = {ws.cell(1, openpyxl.utils.column_index_from_string(str(v.sqref)[0])).value: v
          for ws in [wb["indicadores"]] for v in ws.data_validations.dataValidation}
    assert (dv["numerador"].type, dv["numerador"].operator, dv["numerador"].formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert (dv["denominador"].operator, dv["denominador"].formula1) == ("greaterThan", "0")
    riesgos = openpyxl.load_workbook(enviar / "oficina_a.xlsx")["riesgos"]
    (materializado,) = [v for v in riesgos.data_validations.dataValidation if str(v.sqref).startswith("E")]
    assert (materializado.type, materializado.formula1) == ("list", '"Sí,No"')
    act = openpyxl.load_workbook(enviar / "talento_humano.xlsx")["actividades"]
    porcentajes = sorted((str(v.sqref), v.formula1, v.formula2) for v in act.data_validations.dataValidation if v.type)
    assert porcentajes == [("F2", "$D2", "100"), ("G2", "$E2", "100")]  # ≥ el último corte, ≤ 100


def test_instrucciones_en_espanol_con_la_ficha(oficina):
    _, enviar = oficina
    textos = [v for fila in openpyxl.load_workbook(enviar / "oficina_a.xlsx")["instrucciones"].iter_rows(values_only=True)
              for v in fila if v is not None]
    ficha = dict(zip(textos, textos[1:], strict=False))  # cada clave de la ficha y el valor a su derecha
    assert ficha["entidad"] == "Secretaría General de la Alcaldía Mayor de Bogotá D.C."
    assert ficha["vigencia"] == 2024 and ficha["periodo"] == "2024-06 (junio de 2024)"
    assert ficha["dependencia"] == A and ficha["fecha límite"] == "2024-07-05"
    assert any("celdas amarillas" in str(t) for t in textos) and "materializado" in textos


def test_la_identidad_del_formulario(oficina):
    libro, enviar = oficina
    identidad = leer_identidad(openpyxl.load_workbook(enviar / "oficina_a.xlsx"))
    assert (identidad.vigencia, identidad.periodo, identidad.dependencia) == (2024, "2024-06", A)
    assert [(f.hoja, f.fila, f.clave) for f in identidad.filas] == [("metas", 2, "7867-1"), ("riesgos", 2, "R-01")]
    assert identidad.filas[0].bloqueadas["nombre"] == "Entregar 12 informes"
    wb = openpyxl.load_workbook(enviar / "oficina_a.xlsx")
    assert {p.name: p.value for p in wb.custom_doc_props}["pai_formulario_sello"] == identidad.sello()


def test_la_ronda_de_correcciones_trae_lo_que_el_libro_tiene(tmp_path):
    libro = guardar_libro(tmp_path / "libro.xlsx", hojas_oficina())
    escribir_formularios("2024-03", salida=tmp_path / "marzo", datos=libro)
    b = openpyxl.load_workbook(tmp_path / "marzo" / "oficina_b.xlsx")
    assert [c.value for c in b["metas"][2]][-3:] == [100, 100, None]
    assert [c.value for c in b["indicadores"][2]][-4:] == [None, 45, 50, None]
    assert openpyxl.load_workbook(tmp_path / "marzo" / "oficina_a.xlsx")["riesgos"]["E2"].value == "No"


def test_no_reemplaza_formularios_sin_sobrescribir(oficina):
    libro, enviar = oficina
    antes = (enviar / "oficina_a.xlsx").read_bytes()
    with pytest.raises(ErrorEscritura, match="oficina_a.xlsx.*--sobrescribir"):
        escribir_formularios("2024-06", salida=enviar, datos=libro)
    assert (enviar / "oficina_a.xlsx").read_bytes() == antes
    escribir_formularios("2024-06", salida=enviar, datos=libro, sobrescribir=True)


@pytest.mark.parametrize(("dependencias", "esperados"), [
    (["Oficina Asesora de Planeación"], ["oficina_asesora_de_planeacion.xlsx"]),
    (["Alta Consejería para los Derechos de las Víctimas, la Paz y la Reconciliación"],
     ["alta_consejeria_para_los_derechos_de_las_victimas_la_paz_y_l.xlsx"]),  # 60 caracteres
    (["Oficina A", "Oficina  A.", "oficina-a"], ["oficina_a.xlsx", "oficina_a_2.xlsx", "oficina_a_3.xlsx"]),
    (["../../etc", "¿?"], ["etc.xlsx", "dependencia.xlsx"]),
])
def test_nombres_de_archivo_seguros_y_unicos(dependencias, esperados):
    assert list(nombres_de_archivo(dependencias).values()) == esperados


def test_periodo_o_fecha_invalidos_se_dicen(tmp_path, capsys):
    libro = guardar_libro(tmp_path / "libro.xlsx", hojas_oficina())
    with pytest.raises(ErrorPAI, match="2024-13"):
        escribir_formularios("2024-13", salida=tmp_path / "x", datos=libro)
    assert main(["formularios", "--periodo", "2024-06", "--datos", str(libro), "--salida", str(tmp_path / "x"),
                 "--fecha-limite", "5 de julio"]) == 1
    assert "--fecha-limite «5 de julio» no es una fecha" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


# ----------------------------------------------------------------------------------------------- recoger


def test_recoger_lleva_cada_valor_al_libro_y_la_segunda_vez_no_cambia_nada(oficina, tmp_path):
    libro, enviar = oficina
    carpeta = recibidos(enviar, tmp_path / "recibidos")
    simulada = recoger_formularios(carpeta, periodo="2024-06", libro=libro)
    assert simulada.codigo_salida == 0 and not simulada.aplicada and del_mes(libro, "2024-06") == {}
    r = recoger_formularios(carpeta, periodo="2024-06", libro=libro, aplicar=True)
    assert r.codigo_salida == 0 and r.aplicada
    assert (tmp_path / "libro.antes_de_recoger_2024-06.xlsx").is_file()
    mes = del_mes(libro, "2024-06")
    assert {k: (v["programado"], v["ejecutado"]) for k, v in mes.items() if k[0] == "seguimiento_metas"} == {
        ("seguimiento_metas", "7867-1"): (1, 1), ("seguimiento_metas", "7867-2"): (100, 97)}
    gf = mes["seguimiento_indicadores", "GF-01"]
    assert (gf["numerador"], gf["denominador"], pd.isna(gf["resultado"])) == (46, 50, True)
    th = mes["seguimiento_actividades", "TH-01"]
    assert (th["programado"], th["ejecutado"], th["observaciones"]) == (60, 55, "Dos cursos")
    assert not mes["seguimiento_riesgos", "R-01"]["materializado"]  # «No»
    antes = libro.read_bytes()
    otra = recoger_formularios(carpeta, periodo="2024-06", libro=libro, aplicar=True)
    assert otra.codigo_salida == 0 and not otra.aplicada and libro.read_bytes() == antes
    assert "Nada que escribir" in otra.texto
    assert not (tmp_path / "libro.antes_de_recoger_2024-06_2.xlsx").exists()


def _borrar_fila(hoja, fila):
    return lambda wb: wb[hoja].delete_rows(fila)


def _poner(hoja, celda, valor):
    def cambio(wb):
        wb[hoja][celda].value = valor
    return cambio


def _quitar_identidad(wb):
    del wb["_pai"]


def _renombrar(wb):
    wb["indicadores"].title = "Indicadores junio"


def _fila_de_mas(wb):
    ws = wb["indicadores"]
    for j, v in enumerate(["GF-02", "Otro", "Gestión financiera", "%", 90, "mayor", "Mensual", None, 80], start=1):
        ws.cell(3, j).value = v


# (caso, archivo, cambio, regla, hoja, fila, columna, valor): cada respuesta mala, con la fila y la columna a mano
MALAS = [
    ("texto en un número", "oficina_a.xlsx", _poner("metas", "H2", "doce"), "no_numero", "metas", 2, "ejecutado", "doce"),
    ("negativo", "oficina_b.xlsx", _poner("metas", "H2", -3), "negativo", "metas", 2, "ejecutado", "-3"),
    ("Sí/No", "oficina_a.xlsx", _poner("riesgos", "E2", "Tal vez"), "codigo_invalido", "riesgos", 2, "materializado", "Tal vez"),
    ("celda bloqueada", "oficina_a.xlsx", _poner("metas", "C2", "Entregar 20 informes"), "celda_bloqueada", "metas", 2, "nombre",
     "Entregar 20 informes"),
    ("encabezado cambiado", "oficina_b.xlsx", _poner("indicadores", "I1", "valor"), "celda_bloqueada", "indicadores", 1,
     "resultado", "valor"),
    ("clave cambiada", "oficina_a.xlsx", _poner("metas", "A2", 7999), "clave_cambiada", "metas", 2, "proyecto, meta", "7999 / 1"),
    ("fila agregada", "oficina_b.xlsx", _fila_de_mas, "fila_agregada", "indicadores", 3, "indicador", "GF-02"),
    ("fila borrada", "oficina_a.xlsx", _borrar_fila("riesgos", 2), "fila_borrada", "riesgos", 2, "riesgo", "R-01"),
    ("hoja renombrada", "oficina_b.xlsx", _renombrar, "hoja_del_formulario", "indicadores", None, None, None),
    ("fuera del formulario", "oficina_a.xlsx", _poner("metas", "Z5", "nota"), "celda_bloqueada", "metas", 5, "columna Z", "nota"),
    ("actividad que baja", "talento_humano.xlsx", _poner("actividades", "G2", 20), "acumulado_baja", "actividades", 2,
     "ejecutado", "20"),  # marzo: 30 % ejecutado
    ("porcentaje sobre 100", "talento_humano.xlsx", _poner("actividades", "F2", 120), "porcentaje_fuera", "actividades", 2,
     "programado", "120"),
    ("programado sin ejecutado", "oficina_a.xlsx", _poner("metas", "H2", None), "reporte_incompleto", "metas", 2, "ejecutado", None),
    ("numerador sin denominador", "oficina_b.xlsx", _poner("indicadores", "K2", None), "medicion_incompleta", "indicadores", 2,
     "denominador", None),
    ("denominador 0", "oficina_b.xlsx", _poner("indicadores", "K2", 0), "denominador_cero", "indicadores", 2, "denominador", "0"),
    ("fórmula sin valor", "oficina_a.xlsx", _poner("metas", "H2", "=1+2"), "formula_sin_valor", "metas", 2, "ejecutado", "=1+2"),
    ("identidad borrada", "oficina_b.xlsx", _quitar_identidad, "identidad_danada", None, None, None, None),
]
DE = {"oficina_a.xlsx": [("seguimiento_metas", "7867-1"), ("seguimiento_riesgos", "R-01")],
      "oficina_b.xlsx": [("seguimiento_metas", "7867-2"), ("seguimiento_indicadores", "GF-01")],
      "talento_humano.xlsx": [("seguimiento_actividades", "TH-01")]}


@pytest.mark.parametrize(("caso", "archivo", "cambio", "regla", "hoja", "fila", "columna", "valor"),
                         muestra_rapida(MALAS, grupo=lambda m: m[4], ids=[m[0] for m in MALAS]))
def test_una_respuesta_mala_rechaza_su_formulario_y_nada_de_el_se_fusiona(oficina, tmp_path, caso, archivo, cambio, regla, hoja,
                                                                          fila, columna, valor):
    libro, enviar = oficina
    carpeta = recibidos(enviar, tmp_path / "recibidos", {archivo: cambio})
    r = recoger_formularios(carpeta, periodo="2024-06", libro=libro, aplicar=True)
    assert r.codigo_salida == 1
    p = r.problemas
    filas = {(x["archivo"], x["nivel"], x["regla"], x["hoja"], None if pd.isna(x["fila"]) else int(x["fila"]), x["columna"],
              x["valor"]) for x in p.to_dict("records")}
    assert (archivo, "error", regla, hoja, fila, columna, valor) in filas, p.to_string()
    assert p["esperado"].map(bool).all() and f"archivo «{archivo}»" in r.texto
    assert set(p["archivo"]) == {archivo}  # los otros dos formularios no tienen problemas…
    mes = del_mes(libro, "2024-06")
    assert not any(k in mes for k in DE[archivo])  # …y se fusionaron; nada del malo
    assert all(k in mes for otro, claves in DE.items() if otro != archivo for k in claves)
    estado = pd.read_csv(carpeta / "estado_recogida_2024-06.csv", encoding="utf-8-sig").set_index("archivo")
    assert estado.loc[archivo, "estado"] == "rechazado" and estado.loc[archivo, "errores"] >= 1


def test_un_formulario_de_otro_mes_vigencia_o_plan_se_rechaza_diciendo_cual(oficina, tmp_path):
    libro, enviar = oficina
    carpeta = recibidos(enviar, tmp_path / "recibidos")
    # mayo: Oficina A debe lo mismo (GF-01 no cierra en mayo: es de Oficina B)
    escribir_formularios("2024-05", salida=tmp_path / "mayo", datos=libro)
    shutil.copy(tmp_path / "mayo" / "oficina_a.xlsx", carpeta / "a_mayo.xlsx")
    # 2023: el mismo plan en un libro de otra vigencia
    anterior = guardar_libro(tmp_path / "libro_2023.xlsx", hojas_oficina(2023))
    escribir_formularios("2023-06", salida=tmp_path / "v2023", datos=anterior)
    shutil.copy(tmp_path / "v2023" / "oficina_b.xlsx", carpeta / "b_2023.xlsx")
    # otro plan: el libro donde Oficina A además responde por un riesgo R-02
    hojas = hojas_oficina()
    hojas["riesgos"].append({**hojas["riesgos"][0], "riesgo": "R-02", "descripcion": "Otro riesgo"})
    otro = guardar_libro(tmp_path / "otro.xlsx", hojas)
    escribir_formularios("2024-06", salida=tmp_path / "otro", datos=otro)
    shutil.copy(tmp_path / "otro" / "talento_humano.xlsx", carpeta / "th_otro_plan.xlsx")  # TH no cambió: su plan es el mismo
    shutil.copy(tmp_path / "otro" / "oficina_a.xlsx", carpeta / "a_otro_plan.xlsx")
    r = recoger_formularios(carpeta, periodo="2024-06", libro=libro)
    assert r.codigo_salida == 1
    p = r.problemas.set_index("archivo")
    assert p.loc["a_mayo.xlsx", "regla"] == "otro_periodo" and p.loc["a_mayo.xlsx", "valor"] == "2024-05"
    assert p.loc["b_2023.xlsx", "regla"] == "otra_vigencia" and p.loc["b_2023.xlsx", "valor"] == "2023"
    assert p.loc["a_otro_plan.xlsx", "regla"] == "otro_plan" and "genere de nuevo" in p.loc["a_otro_plan.xlsx", "esperado"]
    # los de otro mes, vigencia o plan no cuentan como la versión de junio: el único de junio de A se usa…
    # …pero TH llegó dos veces con respuestas distintas (el suyo lleno y el del otro libro vacío): ambos se rechazan
    repetidos = r.problemas[r.problemas["regla"] == "formulario_repetido"]
    assert sorted(repetidos["archivo"]) == ["talento_humano.xlsx", "th_otro_plan.xlsx"]
    assert all("«talento_humano.xlsx», «th_otro_plan.xlsx»" in e for e in repetidos["esperado"])
    assert "otro_periodo" in r.texto and "a_mayo.xlsx" in r.texto


def test_dos_copias_iguales_de_un_formulario_se_usan_una_vez(oficina, tmp_path):
    libro, enviar = oficina
    carpeta = recibidos(enviar, tmp_path / "recibidos")
    shutil.copy(carpeta / "oficina_a.xlsx", carpeta / "oficina_a (1).xlsx")
    r = recoger_formularios(carpeta, periodo="2024-06", libro=libro, aplicar=True)
    assert r.codigo_salida == 0 and [x.estado for x in r.recibidos if x.dependencia == A] == ["con cambios", "copia"]
    assert ("seguimiento_metas", "7867-1") in del_mes(libro, "2024-06")
    assert "oficina_a.xlsx: copia con las mismas respuestas" in r.texto or "oficina_a (1).xlsx: copia" in r.texto


def test_un_archivo_que_no_es_formulario_se_lista_y_se_ignora(oficina, tmp_path):
    libro, enviar = oficina
    carpeta = recibidos(enviar, tmp_path / "recibidos")
    wb = openpyxl.Workbook()
    wb.active["A1"] = "notas de la reunión"
    wb.save(carpeta / "notas.xlsx")
    (carpeta / "viejo.xlsx").write_bytes(b"no soy un zip")
    (carpeta / "~$oficina_a.xlsx").write_bytes(b"bloqueo de Excel")  # ni se mira
    r = recoger_formularios(carpeta, periodo="2024-06", libro=libro, aplicar=True)
    assert r.codigo_salida == 0 and len(r.recibidos) == 3
    assert sorted(n.archivo.name for n in r.no_formularios) == ["notas.xlsx", "viejo.xlsx"]
    assert "notas.xlsx: no trae la identidad de un formulario de pai" in r.texto
    assert "viejo.xlsx:" in r.texto and len(del_mes(libro, "2024-06")) == 5


def test_vacio_es_no_reportado_y_quien_no_devolvio_nada_se_nombra(oficina, tmp_path):
    libro, enviar = oficina
    carpeta = tmp_path / "recibidos"
    carpeta.mkdir()
    shutil.copy(enviar / "oficina_a.xlsx", carpeta / "oficina_a.xlsx")  # devuelto sin llenar
    responder(enviar / "oficina_b.xlsx", carpeta / "oficina_b.xlsx", {"indicadores": {(2, "resultado"): 92}})  # solo GF-01
    antes = libro.read_bytes()
    r = recoger_formularios(carpeta, periodo="2024-06", libro=libro, aplicar=True)
    assert r.codigo_salida == 0 and r.aplicada and libro.read_bytes() != antes
    assert list(del_mes(libro, "2024-06")) == [("seguimiento_indicadores", "GF-01")]
    estado = pd.read_csv(carpeta / "estado_recogida_2024-06.csv", encoding="utf-8-sig")
    assert estado.drop(columns="archivo").to_dict("records") == [
        {"dependencia": A, "estado": "sin cambios", "debidos": 2, "reportados": 0, "faltantes": 2, "errores": 0, "conflictos": 0,
         "escritos": 0, "faltan": "7867-1; R-01"},
        {"dependencia": B, "estado": "con cambios", "debidos": 2, "reportados": 1, "faltantes": 1, "errores": 0, "conflictos": 0,
         "escritos": 1, "faltan": "7867-2"},
        {"dependencia": TH, "estado": "sin respuesta", "debidos": 1, "reportados": 0, "faltantes": 1, "errores": 0, "conflictos": 0,
         "escritos": 0, "faltan": "TH-01"}]
    assert "No devolvieron nada (1): Talento Humano." in r.texto


def test_un_conflicto_se_lista_y_no_se_pisa_salvo_con_reemplazar(tmp_path):
    libro = guardar_libro(tmp_path / "libro.xlsx", hojas_oficina())
    escribir_formularios("2024-03", salida=tmp_path / "marzo", datos=libro)
    carpeta = tmp_path / "recibidos"
    # Oficina A corrige 7867-1 (el libro tiene 1) y agrega una observación; Oficina B completa una observación
    responder(tmp_path / "marzo" / "oficina_a.xlsx", carpeta / "oficina_a.xlsx",
              {"metas": {(2, "ejecutado"): 2, (2, "observaciones"): "Se entregó uno más"}})
    responder(tmp_path / "marzo" / "oficina_b.xlsx", carpeta / "oficina_b.xlsx", {"metas": {(2, "observaciones"): "Sin novedad"}})
    antes = libro.read_bytes()
    r = recoger_formularios(carpeta, periodo="2024-03", libro=libro, aplicar=True)
    assert r.codigo_salida == 1 and r.aplicada  # lo de Oficina B se escribe igual
    (c,) = r.conflictos
    assert (c.archivo, c.tipo, c.clave, c.columna, c.en_libro, c.en_formulario, c.fila_libro, c.reemplazado) == (
        "oficina_a.xlsx", "metas", "7867-1", "ejecutado", 1, 2, 4, False)  # marzo de 7867-1: fila 4 de seguimiento_metas
    assert "en el libro «1» (fila 4), en el formulario «2»" in r.texto and "--reemplazar" in r.texto
    mes = del_mes(libro, "2024-03")
    assert mes["seguimiento_metas", "7867-1"]["ejecutado"] == 1 and pd.isna(mes["seguimiento_metas", "7867-1"]["observaciones"])
    assert mes["seguimiento_metas", "7867-2"]["observaciones"] == "Sin novedad"
    assert libro.read_bytes() != antes
    r = recoger_formularios(carpeta, periodo="2024-03", libro=libro, aplicar=True, reemplazar=True)
    assert r.codigo_salida == 0 and r.conflictos[0].reemplazado
    mes = del_mes(libro, "2024-03")
    assert (mes["seguimiento_metas", "7867-1"]["ejecutado"], mes["seguimiento_metas", "7867-1"]["observaciones"]) == (
        2, "Se entregó uno más")
    assert sorted(p.name for p in tmp_path.glob("libro.antes_de_recoger_2024-03*.xlsx")) == [
        "libro.antes_de_recoger_2024-03.xlsx", "libro.antes_de_recoger_2024-03_2.xlsx"]
    igual = libro.read_bytes()
    r = recoger_formularios(carpeta, periodo="2024-03", libro=libro, aplicar=True, reemplazar=True)
    assert r.codigo_salida == 0 and not r.conflictos and not r.aplicada and libro.read_bytes() == igual


def test_la_linea_de_comandos(oficina, tmp_path, capsys):
    libro, _ = oficina
    salida = tmp_path / "julio"
    assert main(["formularios", "--periodo", "2024-06", "--datos", str(libro), "--salida", str(salida)]) == 0
    assert "3 formularios de 2024-06" in capsys.readouterr().out
    carpeta = recibidos(salida, tmp_path / "recibidos", {"oficina_a.xlsx": _poner("metas", "H2", "doce")})
    antes = libro.read_bytes()
    assert main(["recoger", str(carpeta), "--periodo", "2024-06", "--datos", str(libro)]) == 1
    salida_texto = capsys.readouterr().out
    assert "ERROR [archivo «oficina_a.xlsx», hoja «metas», fila 2, columna «ejecutado»]: valor «doce»" in salida_texto
    assert "Simulación: no se escribió nada" in salida_texto and libro.read_bytes() == antes
    assert main(["recoger", str(carpeta), "--periodo", "2024-06", "--datos", str(libro), "--aplicar"]) == 1
    assert "Libro «libro.xlsx» escrito: 3 elementos (3 filas nuevas" in capsys.readouterr().out
    (carpeta / "oficina_a.xlsx").unlink()
    assert main(["recoger", str(carpeta), "--periodo", "2024-06", "--datos", str(libro), "--aplicar"]) == 0
    assert "No devolvieron nada (1): Oficina A." in capsys.readouterr().out
    assert main(["recoger", str(carpeta), "--periodo", "2024-13", "--datos", str(libro)]) == 1
    assert "2024-13" in capsys.readouterr().err
