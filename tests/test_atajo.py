"""El atajo de la re-corrida sin cambios (publicacion.atajo): omitir sin leer el libro solo si nada cambió byte a byte.

Rápido: sin kernels. Lo publicado se simula con los archivos que el atajo mira (``index.html``,
``huella.json`` y la constancia); ``cargar_libros`` se reemplaza por una función que falla, así se
ve cuándo la corrida lee el libro.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import pai_analisis.libro.carga as carga
from pai_analisis import publicar_informes
from pai_analisis.publicacion import atajo
from pai_analisis.publicacion.periodos import resolver_periodos

RAIZ = Path(__file__).resolve().parents[1]
HOY = dt.date(2024, 7, 5)


@pytest.mark.parametrize(("periodos", "desde", "hasta"), [
    (["2024-06"], None, None),
    (["anterior"], None, None),
    (["Anterior "], None, None),
    (["2024-06", "2024-05", "2024-06"], None, None),
    ([], "2023-11", "2024-02"),
    (["2024-12", "anterior"], "2024-05", "2024-06"),
    (["2024-06-30"], None, None),  # otras formas de un mes: la misma regla (publicacion.periodos)
    (["2024/6"], None, None),
])
def test_periodos_sin_el_libro_como_resolver_periodos(periodos, desde, hasta):
    assert atajo.periodos_pedidos(periodos, desde, hasta, HOY) == resolver_periodos(periodos, desde, hasta, hoy=HOY)


@pytest.mark.parametrize(("periodos", "desde", "hasta"), [
    (["ultimo"], None, None),  # exige leer el libro
    (["2024-13"], None, None),
    ([], "2024-06", "2024-01"),  # rango al revés: el camino completo da el error
    ([], None, None),
])
def test_periodos_que_exigen_el_camino_completo(periodos, desde, hasta):
    assert atajo.periodos_pedidos(periodos, desde, hasta, HOY) is None


def test_anterior_en_enero_es_diciembre_del_anio_anterior():
    assert atajo.periodos_pedidos(["anterior"], None, None, dt.date(2025, 1, 5)) == ["2024-12"]


@pytest.fixture
def entradas_copiadas(tmp_path):
    """Un libro, un archivo de parámetros y una carpeta de cuadernos propios, y su función de huella de entradas."""
    libro = tmp_path / "datos" / "2024.xlsx"
    libro.parent.mkdir()
    libro.write_bytes(b"libro de prueba")
    parametros = tmp_path / "parametros.yaml"
    parametros.write_text("umbrales:\n  critico: 60\n", encoding="utf-8")
    cuadernos = tmp_path / "cuadernos"
    shutil.copytree(RAIZ / "cuadernos", cuadernos)

    def huella(datos=(libro.parent,)):
        return atajo.entradas(list(datos), "demostracion", parametros, cuadernos)

    return libro, parametros, cuadernos, huella


def test_entradas_cambian_con_cualquier_byte(entradas_copiadas):
    libro, parametros, cuadernos, huella = entradas_copiadas
    base = huella()
    assert base is not None and huella() == base  # mismos bytes, misma huella
    assert huella((libro,)) == base  # la carpeta o el archivo: los mismos libros
    cambios = [
        lambda: libro.write_bytes(b"libro de prueba."),  # un byte más en el libro
        lambda: (libro.parent / "2025.xlsx").write_bytes(b"otro"),  # un libro nuevo en la carpeta
        lambda: parametros.write_text("umbrales:\n  critico: 61\n", encoding="utf-8"),
        lambda: (cuadernos / "01_resumen.ipynb").write_bytes((cuadernos / "01_resumen.ipynb").read_bytes() + b"\n"),
    ]
    vistas = {base}
    for cambiar in cambios:
        cambiar()
        nueva = huella()
        assert nueva is not None and nueva not in vistas
        vistas.add(nueva)
    # un temporal de Excel (~$) o un oculto no es un libro: no cambia nada
    (libro.parent / "~$2024.xlsx").write_bytes(b"candado de Excel")
    assert huella() == nueva


def test_la_fuente_de_la_conciliacion_entra_en_las_entradas(entradas_copiadas, tmp_path):
    """``pai informes --fuente``: un byte más en el CSV o otra entidad cambian la huella; sin fuente, otra huella."""
    libro, parametros, cuadernos, _ = entradas_copiadas
    csv = tmp_path / "fuente.csv"
    csv.write_bytes(b"Periodo,Institucion\n")
    huella = lambda f: atajo.entradas([libro], "demostracion", parametros, cuadernos, f)  # noqa: E731
    vistas = [huella(None), huella((csv, None)), huella((csv, "Secretaría General"))]
    csv.write_bytes(b"Periodo,Institucion\n202401,X\n")
    vistas.append(huella((csv, None)))
    assert None not in vistas and len(set(vistas)) == 4
    assert huella((tmp_path / "no_existe.csv", None)) is None  # ilegible: el camino completo lo explica


def test_entradas_ilegibles_llevan_al_camino_completo(entradas_copiadas, tmp_path):
    *_, huella = entradas_copiadas
    assert huella((tmp_path / "no_existe.xlsx",)) is None


def _publicado_falso(salida: Path, periodos: list[str]) -> None:
    (salida).mkdir(parents=True, exist_ok=True)
    (salida / "index.html").write_text("<html></html>", encoding="utf-8")
    for p in periodos:
        (salida / p).mkdir()
        (salida / p / "index.html").write_text("<html></html>", encoding="utf-8")
        (salida / p / "huella.json").write_text(json.dumps({"huella": "x"}), encoding="utf-8")


def test_constancia(tmp_path):
    salida = tmp_path / "informes"
    _publicado_falso(salida, ["2024-05", "2024-06"])
    assert not atajo.sin_cambios(salida, ["2024-06"], "abc")  # sin constancia
    atajo.recordar(salida, "abc", ["2024-06", "2024-05"])
    assert json.loads((salida / atajo.CONSTANCIA).read_text(encoding="utf-8")) == {"entradas": "abc", "periodos": ["2024-05", "2024-06"]}
    assert atajo.sin_cambios(salida, ["2024-05", "2024-06"], "abc")
    assert not atajo.sin_cambios(salida, ["2024-06"], "abd")  # otras entradas
    assert not atajo.sin_cambios(salida, ["2024-07"], "abc")  # un periodo que esa corrida no dejó publicado
    assert not atajo.sin_cambios(salida, ["2024-06"], None)  # entradas ilegibles
    (salida / "2024-05" / "index.html").unlink()  # alguien borró lo publicado
    assert not atajo.sin_cambios(salida, ["2024-05"], "abc")
    assert atajo.sin_cambios(salida, ["2024-06"], "abc")
    (salida / atajo.CONSTANCIA).write_text("{roto", encoding="utf-8")
    assert not atajo.sin_cambios(salida, ["2024-06"], "abc")
    atajo.olvidar(salida)
    atajo.olvidar(salida)  # sin constancia: nada que borrar, y no falla
    assert not (salida / atajo.CONSTANCIA).exists()


def test_publicar_sin_leer_el_libro_solo_si_nada_cambio(tmp_path, monkeypatch):
    salida = tmp_path / "informes"
    _publicado_falso(salida, ["2024-06"])

    def no_leer(*_a, **_k):
        raise AssertionError("la corrida leyó el libro")

    monkeypatch.setattr(carga, "cargar_libros", no_leer)
    atajo.recordar(salida, atajo.entradas(None, "demostracion", None, None), ["2024-06"])
    r = publicar_informes(["2024-06"], salida=salida, terminal=False)
    assert (r.omitidos, r.publicados, r.codigo_salida) == (["2024-06"], [], 0)
    assert "no se leyó el libro" in (salida / "pai-informes.log").read_text(encoding="utf-8")
    # con el otro ejemplo incorporado las entradas son otras: camino completo (lee el libro); como falla antes de
    # publicar, la constancia queda como estaba y vale otra vez para las entradas de antes
    with pytest.raises(AssertionError, match="leyó el libro"):
        publicar_informes(["2024-06"], ejemplo="armonizacion", salida=salida, terminal=False)
    assert (salida / atajo.CONSTANCIA).exists()
    assert publicar_informes(["2024-06"], salida=salida, terminal=False).omitidos == ["2024-06"]


def test_la_constancia_se_borra_antes_de_publicar(tmp_path, monkeypatch):
    import pai_analisis.publicacion.renderizado as renderizado

    salida = tmp_path / "informes"
    _publicado_falso(salida, ["2024-06"])  # su huella.json («x») no es la del libro: hay que publicarlo otra vez
    atajo.recordar(salida, "entradas de otra corrida", ["2024-06"])

    def renderizar(*_a, **_k):
        assert not (salida / atajo.CONSTANCIA).exists(), "se empezó a publicar con la constancia vieja"
        raise KeyboardInterrupt  # la corrida se corta a medias

    monkeypatch.setattr(renderizado, "renderizar", renderizar)
    with pytest.raises(KeyboardInterrupt):
        publicar_informes(["2024-06"], salida=salida, terminal=False)
    assert not (salida / atajo.CONSTANCIA).exists()  # y no queda ninguna
