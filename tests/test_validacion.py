"""Corpus de libros malos: una regla de la sección 2 (y de validacion.py) por caso.

Cada caso parte del libro válido mínimo de ``conftest.py``, cambia una cosa y espera que
``cargar_libro`` lance ``ErrorValidacion`` con el error en la hoja, fila de Excel,
columna y valor esperados. Con ``solo=True`` ese debe ser además el único error.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field

import openpyxl
import pandas as pd
import pytest
from conftest import con_hoja_opcional, fila_excel, guardar_libro, libro_valido, muestra_rapida

from pai_analisis.errores import ErrorLectura, ErrorValidacion, describir_problemas
from pai_analisis.libro import esquema
from pai_analisis.libro.carga import cargar_libro
from pai_analisis.metricas.advertencias import advertencias


@dataclass
class Caso:
    id: str
    cambiar: object  # función que modifica el libro (dict de hojas)
    esperado: list[tuple]  # (hoja, fila, columna, valor)
    solo: bool = True
    marcas: list = field(default_factory=list)


def _poner(hoja, i, columna, valor):
    def cambiar(h):
        h[hoja][i][columna] = valor

    return cambiar


def _quitar_hoja(hoja):
    def cambiar(h):
        del h[hoja]

    return cambiar


def _quitar_columna(hoja, columna):
    def cambiar(h):
        for fila in h[hoja]:
            fila.pop(columna, None)

    return cambiar


def _agregar(hoja, fila):
    def cambiar(h):
        h[hoja].append(dict(fila))

    return cambiar


def _duplicar(hoja, i, **cambios):
    def cambiar(h):
        h[hoja].append(h[hoja][i] | cambios)

    return cambiar


def _varios(*cambios):
    def cambiar(h):
        for c in cambios:
            c(h)

    return cambiar


SM, PR, SI, SA = "seguimiento_metas", "presupuesto", "seguimiento_indicadores", "seguimiento_actividades"
F = fila_excel

CASOS = [
    # Estructura
    Caso("falta_hoja", _quitar_hoja("controles"), [("controles", None, None, None)]),
    Caso("falta_columna", _quitar_columna(PR, "apropiacion"), [(PR, 1, "apropiacion", None)]),
    # Tipos
    Caso("texto_en_numero", _poner(SM, 1, "ejecutado", "dos"), [(SM, F(1), "ejecutado", "dos")]),
    Caso("porcentaje_como_texto", _poner(SA, 0, "programado", "10 %"), [(SA, F(0), "programado", "10 %")]),
    Caso("no_entero", _poner(SM, 0, "meta", 1.5), [(SM, F(0), "meta", "1.5")]),
    Caso("texto_en_entero", _poner("proyectos", 0, "objetivo", "uno"), [("proyectos", F(0), "objetivo", "uno")]),
    Caso("celda_obligatoria_vacia", _poner("indicadores", 0, "nombre", None), [("indicadores", F(0), "nombre", None)]),
    Caso("celda_solo_espacios", _poner("actividades", 0, "dependencia", "   "), [("actividades", F(0), "dependencia", None)]),
    # Códigos
    Caso("anualizacion_desconocida", _poner("metas", 0, "anualizacion", "Acumulativa"),
         [("metas", F(0), "anualizacion", "Acumulativa")]),
    Caso("sentido_desconocido", _poner("indicadores", 0, "sentido", "igual"), [("indicadores", F(0), "sentido", "igual")]),
    Caso("periodicidad_desconocida", _poner("indicadores", 0, "periodicidad", "Bimestral"),
         [("indicadores", F(0), "periodicidad", "Bimestral")]),
    Caso("plan_desconocido", _poner("actividades", 0, "plan", "Plan de Bienestar"),
         [("actividades", F(0), "plan", "Plan de Bienestar")]),
    Caso("tipo_riesgo_desconocido", _poner("riesgos", 0, "tipo", "Fiscal"), [("riesgos", F(0), "tipo", "Fiscal")]),
    Caso("probabilidad_desconocida", _poner("riesgos", 0, "probabilidad", "Casi segura"),
         [("riesgos", F(0), "probabilidad", "Casi segura")]),
    Caso("impacto_desconocido", _poner("riesgos", 0, "impacto", "Grave"), [("riesgos", F(0), "impacto", "Grave")]),
    Caso("tipo_control_desconocido", _poner("controles", 0, "tipo", "Disuasivo"), [("controles", F(0), "tipo", "Disuasivo")]),
    Caso("implementacion_desconocida", _poner("controles", 0, "implementacion", "Mixta"),
         [("controles", F(0), "implementacion", "Mixta")]),
    Caso("materializado_desconocido", _poner("seguimiento_riesgos", 0, "materializado", "Tal vez"),
         [("seguimiento_riesgos", F(0), "materializado", "Tal vez")]),
    # Claves duplicadas
    Caso("objetivo_duplicado", _duplicar("objetivos", 0, nombre="Otro"), [("objetivos", F(2), "objetivo", "1")]),
    Caso("meta_duplicada", _duplicar("metas", 0, nombre="Otra"), [("metas", F(2), "proyecto, meta", "7867 / 1")]),
    Caso("indicador_duplicado_al_normalizar", _duplicar("indicadores", 0, indicador=" gf-01 "),
         [("indicadores", F(1), "indicador", "GF-01")]),
    Caso("seguimiento_duplicado", _duplicar(SA, 2), [(SA, F(3), "actividad, periodo", "TH-01 / 2024-03")]),
    # Referencias
    Caso("meta_inexistente", _poner(SM, 0, "meta", 9), [(SM, F(0), "proyecto, meta", "7867 / 9")]),
    Caso("indicador_inexistente", _poner(SI, 0, "indicador", "GF-99"), [(SI, F(0), "indicador", "GF-99")]),
    Caso("actividad_inexistente", _poner(SA, 0, "actividad", "TH-99"), [(SA, F(0), "actividad", "TH-99")]),
    Caso("riesgo_inexistente", _poner("seguimiento_riesgos", 0, "riesgo", "R-99"),
         [("seguimiento_riesgos", F(0), "riesgo", "R-99")]),
    Caso("control_de_riesgo_inexistente", _poner("controles", 0, "riesgo", "R-99"), [("controles", F(0), "riesgo", "R-99")]),
    Caso("proyecto_presupuesto_inexistente", _poner(PR, 0, "proyecto", 1234), [(PR, F(0), "proyecto", "1234")]),
    Caso("objetivo_inexistente", _poner("proyectos", 0, "objetivo", 9), [("proyectos", F(0), "objetivo", "9")]),
    Caso("objetivo_de_meta_inexistente", _poner("metas", 1, "objetivo", 7), [("metas", F(1), "objetivo", "7")]),
    # Periodos
    Caso("periodo_fuera_de_vigencia", _poner(PR, 2, "periodo", "2025-03"), [(PR, F(2), "periodo", "2025-03")]),
    Caso("periodo_mal_escrito", _poner("seguimiento_riesgos", 0, "periodo", "marzo 2024"),
         [("seguimiento_riesgos", F(0), "periodo", "marzo 2024")]),
    Caso("periodo_mes_13", _poner(SI, 0, "periodo", "2024-13"), [(SI, F(0), "periodo", "2024-13")]),
    # Dinero y valores no negativos
    Caso("giros_negativos", _poner(PR, 0, "giros", -5), [(PR, F(0), "giros", "-5")]),
    Caso("presupuesto_programado_negativo", _poner("proyectos", 0, "presupuesto_programado", -1000.5),
         [("proyectos", F(0), "presupuesto_programado", "-1000.5")]),
    Caso("ejecutado_negativo", _poner(SM, 3, "ejecutado", -1), [(SM, F(3), "ejecutado", "-1")]),
    # Presupuesto
    Caso("compromisos_sobre_apropiacion", _poner(PR, 2, "compromisos", 1200), [(PR, F(2), "compromisos", "1200")]),
    Caso("giros_sobre_compromisos", _poner(PR, 2, "giros", 650), [(PR, F(2), "giros", "650")]),
    # Plan de acción integrado
    Caso("actividad_programado_baja", _poner(SA, 2, "programado", 15), [(SA, F(2), "programado", "15")]),
    Caso("actividad_ejecutado_baja", _poner(SA, 1, "ejecutado", 5), [(SA, F(1), "ejecutado", "5")]),
    Caso("actividad_sobre_100", _poner(SA, 2, "ejecutado", 120), [(SA, F(2), "ejecutado", "120")]),
    # Metas
    Caso("decreciente_sin_linea_base", _poner("metas", 1, "anualizacion", "Decreciente"), [("metas", F(1), "linea_base", None)]),
    Caso("ponderacion_parcial", _poner("metas", 0, "ponderacion", 60), [("metas", F(1), "ponderacion", None)]),
    # Riesgos
    Caso("corrupcion_impacto_leve", _poner("riesgos", 0, "impacto", "Leve"), [("riesgos", F(0), "impacto", "Leve")]),
    Caso("corrupcion_impacto_menor", _poner("riesgos", 0, "impacto", "menor"), [("riesgos", F(0), "impacto", "Menor")]),
    # Indicadores
    Caso("medicion_sin_resultado_ni_razon", _poner(SI, 0, "numerador", None), [(SI, F(0), "resultado", None)]),
    Caso("denominador_cero", _poner(SI, 0, "denominador", 0), [(SI, F(0), "denominador", "0")]),
    Caso("meta_cero_sentido_mayor", _poner("indicadores", 0, "meta", 0), [("indicadores", F(0), "meta", "0")]),
    # Columna repetida en el encabezado
    Caso("columna_repetida", lambda h: h["objetivos"].__setitem__(0, h["objetivos"][0] | {"Objetivo ": 3}),
         [("objetivos", 1, "objetivo", "objetivo, Objetivo")]),
]


def _errores(exc: ErrorValidacion) -> pd.DataFrame:
    p = exc.problemas
    return p[p["nivel"] == "error"]


def _contiene(errores: pd.DataFrame, hoja, fila, columna, valor) -> bool:
    for e in errores.itertuples():
        fila_e = None if pd.isna(e.fila) else int(e.fila)
        valor_e = None if e.valor is None or (isinstance(e.valor, float) and pd.isna(e.valor)) else e.valor
        if (e.hoja, fila_e, e.columna, valor_e) == (hoja, fila, columna, valor):
            return True
    return False


def test_el_libro_minimo_es_valido(escribir_libro):
    libro = cargar_libro(escribir_libro(libro_valido()))
    assert libro.advertencias.empty
    assert len(libro.seguimiento_metas) == 6


@pytest.mark.parametrize("caso", CASOS, ids=[c.id for c in CASOS])
def test_libro_malo(caso: Caso, escribir_libro):
    hojas = libro_valido()
    caso.cambiar(hojas)
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(escribir_libro(hojas))
    errores = _errores(info.value)
    for hoja, fila, columna, valor in caso.esperado:
        assert _contiene(errores, hoja, fila, columna, valor), (
            f"no se reportó {(hoja, fila, columna, valor)}; se reportó:\n{describir_problemas(errores)}"
        )
    if caso.solo:
        assert len(errores) == len(caso.esperado), describir_problemas(errores)
    # cada problema dice lo esperado, en español, y el mensaje lo lista
    assert errores["esperado"].str.len().gt(0).all()
    assert "error(es)" in str(info.value) and "ERROR [hoja «" in str(info.value)
    assert "«nan»" not in str(info.value) and "hoja «nan»" not in str(info.value)


def test_todos_los_errores_en_una_pasada(escribir_libro):
    hojas = libro_valido()
    cambios = [c for c in CASOS if c.id in {
        "falta_hoja", "texto_en_numero", "anualizacion_desconocida", "meta_duplicada", "indicador_inexistente",
        "periodo_fuera_de_vigencia", "giros_sobre_compromisos", "actividad_sobre_100", "corrupcion_impacto_leve",
        "denominador_cero", "actividad_ejecutado_baja",
    }]
    for c in cambios:
        c.cambiar(hojas)
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(escribir_libro(hojas))
    errores = _errores(info.value)
    # la meta duplicada copia la fila con la anualización desconocida: también se reporta
    esperados = [e for c in cambios for e in c.esperado] + [("metas", F(2), "anualizacion", "Acumulativa")]
    # el indicador inexistente y el denominador 0 están en la misma fila: se reportan ambos
    for e in esperados:
        assert _contiene(errores, *e), f"falta {e}:\n{describir_problemas(errores)}"
    assert len(errores) == len(esperados)


def test_filas_vacias_se_omiten_y_la_fila_de_excel_se_conserva(escribir_libro):
    hojas = libro_valido()
    hojas[SM].insert(2, {})  # fila vacía en la fila 4 de Excel
    hojas[SM].insert(3, {})
    hojas[SM][4]["ejecutado"] = "mucho"  # antes fila 4, ahora fila 6 de Excel
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(escribir_libro(hojas))
    assert _contiene(_errores(info.value), SM, 6, "ejecutado", "mucho")
    assert len(_errores(info.value)) == 1


def _avisos(libro, regla):
    a = libro.advertencias
    return a[a["regla"] == regla]


@pytest.mark.parametrize(("columna", "i", "valor", "obs", "esperado"), [
    # compromisos de febrero 250 < 300 de enero: baja 300 − 250 = 50, con la observación del corte
    ("compromisos", 1, 250, "Anulación del CRP 17", ["baja $50 millones en 2024-02 respecto de 2024-01", "«Anulación del CRP 17»"]),
    # giros de marzo 100 < 120 de febrero: baja 20 (un reintegro), sin observación
    ("giros", 2, 100, None, ["baja $20 millones en 2024-03 respecto de 2024-02", "no trae observación"]),
    # 0,5 menos: la cifra con su decimal
    ("compromisos", 2, 499.5, None, ["baja $0,5 millones en 2024-03 respecto de 2024-02"]),
])
def test_acumulado_de_presupuesto_que_baja_es_advertencia(escribir_libro, columna, i, valor, obs, esperado):
    """Sección 8.1: anulaciones, liberaciones y reintegros bajan el acumulado; el libro es válido y se advierte."""
    hojas = libro_valido()
    hojas[PR][i][columna] = valor
    hojas[PR][i]["observaciones"] = obs
    libro = cargar_libro(escribir_libro(hojas))  # válido: no lanza
    avisos = _avisos(libro, "acumulado_presupuesto_baja")
    assert len(avisos) == 1
    a = avisos.iloc[0]
    assert (a["nivel"], a["hoja"], a["fila"], a["columna"]) == ("advertencia", PR, F(i), columna)
    assert "proyecto 7867" in a["esperado"]
    for texto in esperado:
        assert texto in a["esperado"], a["esperado"]


def test_acumulado_de_actividad_que_baja_sigue_siendo_error(escribir_libro):
    hojas = libro_valido()
    hojas[SA][1]["ejecutado"] = 5
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(escribir_libro(hojas))
    assert list(_errores(info.value)["regla"]) == ["acumulado_baja"]


@pytest.mark.parametrize(("cambio", "reglas"), [
    # compromisos que bajan por debajo de los giros del mismo corte: la advertencia y el error giros > compromisos
    ({"compromisos": 100}, ["giros_sobre_compromisos"]),
    ({"compromisos": 1100}, ["compromisos_sobre_apropiacion"]),
])
def test_reglas_del_mismo_corte_siguen_siendo_error(escribir_libro, cambio, reglas):
    hojas = libro_valido()
    hojas[PR][1].update(cambio)
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(escribir_libro(hojas))
    assert list(_errores(info.value)["regla"]) == reglas


def _proyecto_nuevo(hojas, **ventana):
    hojas["proyectos"].append({"proyecto": 7870, "nombre": "Otro", "objetivo": 1, "presupuesto_programado": 400, **ventana})
    for mes, c in (("2024-01", 10), ("2024-02", 20), ("2024-03", 30)):
        hojas[PR].append({"proyecto": 7870, "periodo": mes, "apropiacion": 400, "compromisos": c, "giros": 0})


@pytest.mark.parametrize(("caso", "esperado"), [
    # el único proyecto activo repite en marzo el corte de febrero: advertencia para 2024-03
    ("uno_repite", ["2024-03"]),
    # otro proyecto activo sí se movió en marzo: no hay advertencia
    ("otro_se_mueve", []),
    # el otro proyecto cerró en febrero (no está activo en marzo): el de 7867 repite → advertencia
    ("otro_cerrado", ["2024-03"]),
    # nada se repite
    ("con_movimiento", []),
])
def test_corte_identico_en_todos_los_proyectos_activos(escribir_libro, caso, esperado):
    hojas = libro_valido()
    if caso != "con_movimiento":
        hojas[PR][2].update(compromisos=500, giros=120)  # marzo = febrero en 7867
    if caso == "otro_se_mueve":
        _proyecto_nuevo(hojas)
    if caso == "otro_cerrado":
        _proyecto_nuevo(hojas, vigente_hasta="2024-02")
    libro = cargar_libro(escribir_libro(hojas))
    avisos = _avisos(libro, "corte_sin_movimiento")
    assert list(avisos["valor"]) == esperado
    assert (avisos["esperado"].str.contains("¿la fuente no se actualizó?")).all()


def test_advertencias_no_impiden_cargar(escribir_libro):
    hojas = libro_valido()
    del hojas[SM][1]  # falta el reporte de 2024-02 de la meta 1
    hojas["indicadores"][0]["periodicidad"] = "Mensual"  # faltan 2024-01 y 2024-02
    libro = cargar_libro(escribir_libro(hojas))
    adv = advertencias(libro)
    assert (adv["nivel"] == "advertencia").all() and (adv["regla"] == "reporte_faltante").all()
    assert adv["esperado"].str.contains("2024-02").all()
    assert set(adv["hoja"]) == {SM, SI}
    assert adv.loc[adv["hoja"] == SI, "esperado"].str.contains("2024-01, 2024-02").any()


def test_sobreejecucion_es_advertencia(escribir_libro):
    hojas = libro_valido()
    hojas[SM][2]["ejecutado"] = 3  # meta Suma: E = 1 + 1 + 3 = 5, Pf = 3 → 166,7 %
    libro = cargar_libro(escribir_libro(hojas))
    adv = advertencias(libro)
    assert len(adv) == 1 and adv.loc[0, "nivel"] == "advertencia" and adv.loc[0, "regla"] == "sobreejecucion"
    assert (adv.loc[0, "hoja"], adv.loc[0, "fila"], adv.loc[0, "valor"]) == ("metas", 2, "7867-1")
    assert "166,7 %" in adv.loc[0, "esperado"]


@pytest.mark.parametrize("escrito, canonico", [("CRECIENTE", "Creciente"), ("Créciente ", "Creciente"),
                                               (" suma", "Suma"), ("constánte", "Constante")])
def test_anualizacion_se_normaliza(escrito, canonico, escribir_libro):
    hojas = libro_valido()
    hojas["metas"][0]["anualizacion"] = escrito
    libro = cargar_libro(escribir_libro(hojas))
    assert libro.metas.loc[0, "anualizacion"] == canonico


def test_codigos_e_identificadores_se_normalizan(escribir_libro):
    hojas = libro_valido()
    hojas["indicadores"][0] |= {"indicador": "gf-01 ", "sentido": " MAYOR", "periodicidad": "trimestral"}
    hojas[SI][0]["indicador"] = "GF-01"
    hojas["riesgos"][0] |= {"riesgo": "r-01", "tipo": "corrupcion", "probabilidad": "MEDIA", "impacto": "mayor"}
    hojas["controles"][0] |= {"riesgo": " R-01", "implementacion": "manual"}
    hojas["seguimiento_riesgos"][0] |= {"riesgo": "R-01 ", "materializado": "si"}
    hojas["actividades"][0]["plan"] = "plan de capacitacion"
    libro = cargar_libro(escribir_libro(hojas))
    assert libro.indicadores.loc[0, ["indicador", "sentido", "periodicidad"]].tolist() == ["GF-01", "mayor", "Trimestral"]
    assert libro.riesgos.loc[0, ["riesgo", "tipo", "probabilidad", "impacto"]].tolist() == ["R-01", "Corrupción", "Media", "Mayor"]
    assert libro.controles.loc[0, "riesgo"] == "R-01"
    assert bool(libro.seguimiento_riesgos.loc[0, "materializado"]) is True
    assert libro.actividades.loc[0, "plan"] == "Plan de Capacitación"


def test_hojas_y_columnas_sin_importar_mayusculas_y_columnas_extra(escribir_libro):
    hojas = libro_valido()
    hojas["Metas "] = [{k.upper() if k == "nombre" else k: v for k, v in f.items()} | {"comentario": "ok"}
                       for f in hojas.pop("metas")]
    libro = cargar_libro(escribir_libro(hojas))
    assert libro.metas["nombre"].tolist()[0] == "Entregar 12 informes"
    assert libro.metas["comentario"].tolist() == ["ok", "ok"]


def test_numeros_con_coma_decimal_y_texto(escribir_libro):
    hojas = libro_valido()
    hojas[PR][0]["giros"] = "50,5"
    hojas[PR][1]["compromisos"] = " 500 "
    libro = cargar_libro(escribir_libro(hojas))
    assert libro.presupuesto["giros"].tolist()[0] == 50.5
    assert libro.presupuesto["compromisos"].tolist()[1] == 500.0


def _serial_excel(fecha: dt.date) -> int:
    return (fecha - dt.date(1899, 12, 30)).days


@pytest.mark.parametrize(
    "valor",
    ["2024-06", " 2024-06 ", "2024-6", dt.datetime(2024, 6, 15), dt.date(2024, 6, 1), "2024-06-30",
     _serial_excel(dt.date(2024, 6, 30)), float(_serial_excel(dt.date(2024, 6, 3))) + 0.5],
    ids=["texto", "texto_con_espacios", "mes_sin_cero", "fecha_hora", "fecha", "texto_con_dia", "serial", "serial_con_hora"],
)
def test_periodo_en_todas_sus_formas(valor, escribir_libro):
    hojas = libro_valido()
    hojas["seguimiento_riesgos"][0]["periodo"] = valor
    libro = cargar_libro(escribir_libro(hojas))
    assert libro.seguimiento_riesgos["periodo"].tolist() == [pd.Period("2024-06", freq="M")]


# ---------------------------------------------------------------- archivos ilegibles

def _texto(ruta):
    ruta.write_text("proyecto;meta\n7867;1\n", encoding="utf-8")


def _vacio(ruta):
    ruta.write_bytes(b"")


def _xls(ruta):
    ruta.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"Workbook basura" * 40)


def _cifrado(ruta):
    ruta.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le")
                     + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\x07" * 300)


def _zip_no_libro(ruta):
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr("hola.txt", "esto no es un libro")


def _carpeta(ruta):
    ruta.mkdir()


@pytest.mark.parametrize(
    "crear, fragmento",
    [
        (_texto, "no es un libro .xlsx"),
        (_vacio, "está vacío (0 bytes)"),
        (_xls, "Excel antiguo (.xls)"),
        (_cifrado, "protegido con contraseña"),
        (None, "No existe el archivo"),
        (_zip_no_libro, "No se pudo abrir"),
        (_carpeta, "es una carpeta"),
    ],
    ids=["texto_renombrado", "vacio", "xls", "con_contrasena", "no_existe", "zip_no_libro", "carpeta"],
)
def test_archivos_ilegibles(crear, fragmento, tmp_path):
    ruta = tmp_path / "libro.xlsx"
    if crear:
        crear(ruta)
    with pytest.raises(ErrorLectura) as info:
        cargar_libro(ruta)
    assert fragmento in str(info.value)
    assert "libro.xlsx" in str(info.value)


def test_fila_de_excel_con_dimension_erronea(tmp_path):
    """Un libro cuyo ``<dimension>`` declara menos filas que las que tiene (algunos programas lo escriben mal)."""
    ruta = guardar_libro(tmp_path / "libro.xlsx", libro_valido())
    reescrito = tmp_path / "dimension.xlsx"
    with zipfile.ZipFile(ruta) as origen, zipfile.ZipFile(reescrito, "w") as destino:
        for item in origen.infolist():
            datos = origen.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                datos = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1"/>', datos)
            destino.writestr(item, datos)
    libro = cargar_libro(reescrito)
    assert len(libro.seguimiento_metas) == 6
    assert libro.metas["anualizacion"].tolist() == ["Suma", "Constante"]


# ---------------------------------------------------------------- estructura: cada hoja y cada columna

@pytest.mark.parametrize("hoja", [h for h in esquema.HOJAS if h not in esquema.HOJAS_OPCIONALES])
def test_falta_cualquier_hoja_un_solo_error(hoja, escribir_libro):
    """Falta la hoja: un error, sin repetirlo en cada fila que la referencia."""
    hojas = libro_valido()
    del hojas[hoja]
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(escribir_libro(hojas))
    errores = _errores(info.value)
    assert _contiene(errores, hoja, None, None, None)
    assert len(errores) == 1, describir_problemas(errores)


REQUERIDAS = [(h, c.nombre) for h, cols in esquema.HOJAS.items() for c in cols if c.requerida]


# nivel rápido: las columnas clave de cada hoja (sin ellas no se puede verificar casi nada más) y la primera que no lo
# es; nivel lento: todas
_REQUERIDAS = muestra_rapida(REQUERIDAS, grupo=lambda c: (c[0], c[1] if c[1] in (esquema.CLAVES.get(c[0]) or ()) else None),
                             ids=[f"{h}.{c}" for h, c in REQUERIDAS])


@pytest.mark.parametrize("hoja, columna", _REQUERIDAS)
def test_falta_cualquier_columna_requerida(hoja, columna, escribir_libro):
    hojas = con_hoja_opcional(libro_valido(), hoja)
    _quitar_columna(hoja, columna)(hojas)
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(escribir_libro(hojas))
    errores = _errores(info.value)
    assert _contiene(errores, hoja, 1, columna, None)
    # sin la columna no se puede verificar lo que depende de ella, pero no se inventan errores en otras hojas
    assert set(errores["hoja"]) == {hoja}, describir_problemas(errores)


@pytest.mark.parametrize("hoja, columna", muestra_rapida([(h, c.nombre) for h, cols in esquema.HOJAS.items() for c in cols if not c.requerida]))
def test_columnas_opcionales_pueden_faltar(hoja, columna, escribir_libro):
    hojas = con_hoja_opcional(libro_valido(), hoja)
    _quitar_columna(hoja, columna)(hojas)
    if (hoja, columna) in {("seguimiento_indicadores", "numerador"), ("seguimiento_indicadores", "denominador")}:
        hojas[hoja][0]["resultado"] = 90  # la medición necesita resultado, o numerador y denominador
    cargar_libro(escribir_libro(hojas))


def test_hoja_sin_encabezados_y_libro_sin_hojas_del_contrato(escribir_libro):
    hojas = libro_valido()
    hojas["riesgos"] = []  # hoja totalmente vacía
    hojas["controles"] = []
    hojas["seguimiento_riesgos"] = []
    ruta = escribir_libro(hojas)
    wb = openpyxl.load_workbook(ruta)
    wb["riesgos"].delete_rows(1)  # sin fila de encabezados
    wb.save(ruta)
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(ruta)
    errores = _errores(info.value)
    assert set(errores["hoja"]) == {"riesgos"}
    assert set(errores["columna"]) == {c.nombre for c in esquema.HOJAS["riesgos"] if c.requerida}  # las opcionales pueden faltar

    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(escribir_libro({"Hoja1": [{"a": 1}]}, "otro.xlsx"))
    errores = _errores(info.value)
    obligatorias = [h for h in esquema.HOJAS if h not in esquema.HOJAS_OPCIONALES]  # las opcionales pueden faltar
    assert sorted(errores["hoja"]) == sorted(obligatorias) and errores["fila"].isna().all()


def test_ponderaciones_que_suman_cero(escribir_libro):
    hojas = libro_valido()
    hojas["metas"][0]["ponderacion"] = 0
    hojas["metas"][1]["ponderacion"] = 0
    with pytest.raises(ErrorValidacion) as info:
        cargar_libro(escribir_libro(hojas))
    errores = _errores(info.value)
    assert _contiene(errores, "metas", 2, "ponderacion", "0") and len(errores) == 1


def _xlsx_truncado(ruta):
    datos = guardar_libro(ruta, libro_valido()).read_bytes()
    ruta.write_bytes(datos[: len(datos) // 2])


def _ods(ruta):
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")


def _xlsb(ruta):
    with zipfile.ZipFile(ruta, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")


def _hoja_danada(ruta):
    origen = guardar_libro(ruta.with_name("origen.xlsx"), libro_valido())
    with zipfile.ZipFile(origen) as zo, zipfile.ZipFile(ruta, "w") as zd:
        for item in zo.infolist():
            datos = zo.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                datos = datos[: len(datos) // 2]  # XML cortado
            zd.writestr(item, datos)


@pytest.mark.parametrize(
    "crear, fragmento",
    [(_xlsx_truncado, "dañado o incompleto"), (_ods, "LibreOffice (.ods)"), (_xlsb, "(.xlsb)"), (_hoja_danada, "una hoja está dañada")],
    ids=["truncado", "ods", "xlsb", "hoja_danada"],
)
def test_otros_archivos_ilegibles(crear, fragmento, tmp_path):
    ruta = tmp_path / "libro.xlsx"
    crear(ruta)
    with pytest.raises(ErrorLectura) as info:
        cargar_libro(ruta)
    assert fragmento in str(info.value) and "libro.xlsx" in str(info.value)
