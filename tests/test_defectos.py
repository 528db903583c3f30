"""Los cinco defectos de la revisión (issue 20): cada uno con su reproducción, escrita antes del arreglo.

1. la memoria de meses responde por otros parámetros u otro libro;
2. una clave mal escrita en el YAML de parámetros se obedece como silencio;
3. la marca de demostración se pierde ante cualquier duda al leer las marcas;
4. los valores faltantes se imprimen de cuatro maneras (o revientan);
5. el atajo y el camino completo resuelven los periodos pedidos con dos reglas distintas.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import string

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pai_analisis.comun.numeros import magnitud, millones, numero, pct, puntos
from pai_analisis.errores import ErrorParametros, ErrorPeriodo
from pai_analisis.libro.carga import cargar_libro
from pai_analisis.libro.marcas import Marcas, _marcas_de
from pai_analisis.metricas.calculo import calcular_metricas, serie_mensual
from pai_analisis.metricas.parametros import Parametros, cargar_parametros
from pai_analisis.publicacion import atajo
from pai_analisis.publicacion.periodos import resolver_periodos

# --- 1. la memoria ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demostracion():
    return cargar_libro()


def test_memoria_no_responde_por_otros_pesos(demostracion):
    # En main: el mismo dict con pesos (1, 0, 0) devolvía el índice de los pesos iguales (93,47 en
    # vez de 91,45 en la reproducción de la revisión).
    solo_proyectos = cargar_parametros(pesos={"proyectos_inversion": 1, "indicadores_gestion": 0, "plan_accion_integrado": 0})
    memoria: dict = {}
    calcular_metricas(demostracion, "2024-06", Parametros(), memoria=memoria)
    con_memoria = calcular_metricas(demostracion, "2024-06", solo_proyectos, memoria=memoria)
    sin_memoria = calcular_metricas(demostracion, "2024-06", solo_proyectos)
    assert con_memoria.indice_pai == pytest.approx(sin_memoria.indice_pai)
    assert con_memoria.anterior == sin_memoria.anterior
    serie = serie_mensual(demostracion, "2024-06", solo_proyectos, memoria=memoria)
    assert serie["indice_pai"].tolist() == pytest.approx(serie_mensual(demostracion, "2024-06", solo_proyectos)["indice_pai"].tolist())


def test_memoria_no_responde_por_otro_libro(demostracion):
    otro = cargar_libro(ejemplo="armonizacion")
    memoria: dict = {}
    calcular_metricas(demostracion, "2024-06", memoria=memoria)
    assert calcular_metricas(otro, "2024-06", memoria=memoria).indice_pai == pytest.approx(calcular_metricas(otro, "2024-06").indice_pai)


def test_parametros_hasheables():
    assert hash(Parametros()) == hash(Parametros())
    assert Parametros() != Parametros(pesos={"proyectos_inversion": 1.0, "indicadores_gestion": 0.0, "plan_accion_integrado": 0.0})


# --- 2. claves desconocidas en los parámetros ----------------------------------------------------


@pytest.mark.parametrize(("texto", "mala", "sugerida"), [
    ("umbrales:\n  critco: 50\n", "critco", "critico"),
    ("umbrales:\n  satisfactoria: 95\n", "satisfactoria", "satisfactorio"),
    ("pesos:\n  proyectos_inversio: 1\n", "proyectos_inversio", "proyectos_inversion"),
    ("umbral:\n  critico: 50\n", "umbral", "umbrales"),
    ("entidd: X\n", "entidd", "entidad"),
])
def test_clave_desconocida_es_un_error_que_la_nombra(tmp_path, texto, mala, sugerida):
    ruta = tmp_path / "p.yaml"
    ruta.write_text(texto, encoding="utf-8")
    with pytest.raises(ErrorParametros) as e:
        cargar_parametros(ruta)
    mensaje = str(e.value)
    assert f"«{mala}»" in mensaje and f"«{sugerida}»" in mensaje and str(ruta) in mensaje


def test_claves_de_los_cuadernos_se_aceptan(tmp_path):
    ruta = tmp_path / "p.yaml"
    ruta.write_text('periodo: "2024-06"\ndatos: null\nejemplo: demostracion\numbrales:\n  critico: 60\n', encoding="utf-8")
    assert cargar_parametros(ruta).umbral_critico == 60


def test_el_archivo_que_rige_queda_en_el_registro(tmp_path, caplog):
    ruta = tmp_path / "p.yaml"
    ruta.write_text("umbrales:\n  critico: 60\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="pai_analisis"):
        cargar_parametros(ruta)
    assert any(str(ruta) in r.getMessage() for r in caplog.records)


# --- 3. la marca de demostración -----------------------------------------------------------------


class _Prop:
    def __init__(self, name, value):
        self.name, self.value = name, value


class _HojaRota:
    title = "instrucciones"

    def iter_rows(self, **_):
        raise ValueError("celda ilegible")


class _LibroRaro:
    custom_doc_props = [_Prop("pai_vigencia", 2024), _Prop("pai_demostracion", "Sí")]
    worksheets = [_HojaRota()]


class _LibroSinPropiedades:
    custom_doc_props = []
    worksheets = [_HojaRota()]


@pytest.mark.parametrize("libro", [_LibroRaro(), _LibroSinPropiedades()], ids=["con_propiedad", "sin_propiedad"])
def test_una_duda_al_leer_las_marcas_conserva_la_demostracion(libro):
    # En main: cualquier excepción devolvía Marcas() (demostracion=False), aun con la propiedad ya leída.
    with pytest.warns(UserWarning, match="demostración"):
        marcas = _marcas_de(libro)
    assert marcas.demostracion
    assert marcas.duda


def test_sin_dudas_no_hay_advertencia():
    class _Limpio:
        custom_doc_props = [_Prop("pai_vigencia", 2024)]
        worksheets = []

    assert _marcas_de(_Limpio()) == Marcas(2024, False)


# --- 4. valores faltantes ------------------------------------------------------------------------


@pytest.mark.parametrize("faltante", [None, float("nan"), np.nan, np.float32("nan"), np.float64("nan"), pd.NA, pd.NaT],
                         ids=["None", "nan", "np.nan", "float32", "float64", "NA", "NaT"])
def test_un_faltante_se_imprime_igual_en_todos_los_formatos(faltante):
    assert numero(faltante) == "—"
    assert pct(faltante) == "—"
    assert millones(faltante) == "—"
    assert magnitud(faltante) == "—"
    assert puntos(faltante) == "sin dato del mes anterior"


@pytest.mark.parametrize(("valor", "esperado"), [
    (np.float32(87.5), "87,5"),  # un float32 no es float: antes se formateaba bien pero su NaN no
    (np.int64(1234), "1.234,0"),
    (pd.array([2.5], dtype="Float64")[0], "2,5"),
])
def test_numeros_de_numpy_y_pandas(valor, esperado):
    assert numero(valor) == esperado


def test_una_sola_funcion_de_faltante():
    from pai_analisis.comun.faltantes import es_faltante

    for v in (None, float("nan"), np.float32("nan"), pd.NA, pd.NaT, np.datetime64("NaT")):
        assert es_faltante(v), v
    for v in (0, 0.0, "", "nan", False, np.float32(1)):
        assert not es_faltante(v), v


# --- 5. los periodos pedidos: una sola regla ------------------------------------------------------

_meses = st.builds(lambda a, m: f"{a:04d}-{m:02d}", st.integers(2019, 2031), st.integers(1, 12))
_pedido = st.one_of(
    _meses,
    st.sampled_from(["anterior", "Anterior ", "ultimo", "último", "2024-13", "2024-6", "2024/06", "2024-06-30", "junio", ""]),
    st.text(alphabet=string.digits + "-/ ", max_size=10),
)
_extremo = st.one_of(st.none(), _meses, st.sampled_from(["2024-00", "x"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_pedido, max_size=4), _extremo, _extremo, st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
def test_atajo_y_camino_completo_resuelven_igual(pedidos, desde, hasta, hoy):
    try:
        completo = resolver_periodos(pedidos, desde, hasta, hoy=hoy, ultimo=lambda: "2024-06")
    except ErrorPeriodo:
        completo = None
    sin_libro = atajo.periodos_pedidos(pedidos, desde, hasta, hoy)
    if sin_libro is not None:  # lo que el atajo resuelve sin el libro, lo resuelve igual el camino completo
        assert sin_libro == completo
    elif completo is not None:  # el atajo solo se abstiene si hace falta el libro
        assert any(p.strip().lower() in ("ultimo", "último") for p in pedidos)
    estrictos = all(p.strip().lower() == "anterior" or re.fullmatch(r"\d{4}-\d{2}", p) for p in pedidos)
    if completo is not None and estrictos:
        # y la regla coincide con la de pandas (un oráculo independiente) en las formas AAAA-MM
        esperado = {str(pd.Period(hoy, freq="M") - 1) if p.strip().lower() == "anterior" else str(pd.Period(p, freq="M"))
                    for p in pedidos}
        if desde and hasta:
            esperado |= {str(x) for x in pd.period_range(desde, hasta, freq="M")}
        assert completo == sorted(esperado)


@pytest.mark.parametrize(("texto", "esperado"), [
    ("2024-06", (2024, 6)), ("2024/6", (2024, 6)), ("2024-06-30", (2024, 6)), (" 2024.06 ", (2024, 6)),
    ("2024-06-31", None), ("2024-13", None), ("2024-00", None), ("junio", None), ("", None),
])
def test_mes_de_texto(texto, esperado):
    from pai_analisis.comun.meses import mes_de_texto

    assert mes_de_texto(texto) == esperado


def test_publicacion_periodos_no_importa_pandas():
    import subprocess
    import sys

    codigo = "import sys, pai_analisis.publicacion.periodos, pai_analisis.publicacion.atajo; print('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_libro_con_marcas_ilegibles_queda_de_demostracion(escribir_libro, libro, monkeypatch):
    import pai_analisis.libro.marcas as marcas

    ruta = escribir_libro(libro)
    assert not cargar_libro(ruta).demostracion

    def _rota(wb):
        raise KeyError("instrucciones")

    monkeypatch.setattr(marcas, "_marcas_de", _rota)
    with pytest.warns(UserWarning, match="demostración"):
        cargado = cargar_libro(ruta)
    assert cargado.demostracion
    fila = cargado.advertencias[cargado.advertencias["regla"] == "marcas_ilegibles"]
    assert len(fila) == 1 and fila.iloc[0]["nivel"] == "advertencia"


_nombres = st.lists(st.tuples(st.sampled_from(["", "~$", "."]), st.text(alphabet="abcxyz01 ñé-_", min_size=1, max_size=6),
                              st.sampled_from([".xlsx", ".xls", ".XLSX", ".csv", ""])), min_size=1, max_size=6, unique=True)


@settings(max_examples=15, deadline=None)  # cada ejemplo hashea el paquete (≈ 0,3 s)
@given(_nombres, st.integers(0, 5))
def test_atajo_mira_los_mismos_libros_que_la_carga(nombres, cual):
    # La carpeta al azar: el camino completo (carga._rutas) y el atajo (atajo.entradas) leen los
    # mismos archivos; cambiar uno que la carga lee cambia la huella; cambiar otro no.
    import tempfile
    from pathlib import Path

    from pai_analisis.comun.recursos import libros_en
    from pai_analisis.errores import ErrorLectura
    from pai_analisis.libro.carga import _rutas

    with tempfile.TemporaryDirectory() as d:
        carpeta = Path(d)
        for prefijo, nombre, ext in nombres:
            (carpeta / f"{prefijo}{nombre}{ext}").write_bytes(b"uno")
        try:
            leidos = _rutas([carpeta])
        except ErrorLectura:
            leidos = []
        assert leidos == libros_en([carpeta])
        antes = atajo.entradas([carpeta], "demostracion", None, None)
        todos = sorted(carpeta.iterdir())
        elegido = todos[cual % len(todos)]
        elegido.write_bytes(b"dos")
        despues = atajo.entradas([carpeta], "demostracion", None, None)
        assert (antes != despues) == (elegido in leidos)


def test_valores_por_defecto_de_la_cli_son_los_de_la_api():
    import inspect
    from pathlib import Path

    from pai_analisis.cli import _parser
    from pai_analisis.publicacion.publicador import publicar_informes

    a = _parser().parse_args(["informes"])
    firma = {n: q.default for n, q in inspect.signature(publicar_informes).parameters.items()}
    for opcion in ("espera", "procesos", "tiempo_cuaderno", "ejemplo", "pdf", "forzar"):
        assert getattr(a, opcion) == firma[opcion], opcion
    assert a.salida == Path(firma["salida"])
    assert isinstance(_parser().parse_args(["informes", "--espera", "2.5"]).espera, float)
