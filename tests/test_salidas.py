"""Salidas que no se pueden escribir (issue 12, puntos 5 y 6): un mensaje en español, salida 1 y nada reemplazado.

Cada orden que escribe (``metricas``, ``plantilla``, ``informes``, ``cuadernos``) recibe un destino
hostil hecho en ``tmp_path``: una carpeta, una ruta bajo un archivo común, una tubería (FIFO), un
enlace simbólico, una carpeta de solo lectura. Nunca un dispositivo real.
"""

from __future__ import annotations

import errno
import os
import stat

import pytest

from pai_analisis.cli import main


@pytest.fixture
def lugar(tmp_path, monkeypatch):
    """Una carpeta con un archivo común, una tubería y una carpeta; se trabaja desde ahí."""
    (tmp_path / "archivo").write_bytes(b"contenido de la Oficina")
    os.mkfifo(tmp_path / "tubo")
    (tmp_path / "carpeta").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _intacto(lugar):
    assert (lugar / "archivo").read_bytes() == b"contenido de la Oficina"
    assert stat.S_ISFIFO((lugar / "tubo").stat().st_mode)
    assert (lugar / "carpeta").is_dir() and not any((lugar / "carpeta").iterdir())
    assert sorted(p.name for p in lugar.iterdir()) == ["archivo", "carpeta", "tubo"]  # ni temporales ni restos


P = ["--periodo", "2024-06"]


@pytest.mark.parametrize(
    ("orden", "mensaje"),
    [
        (["metricas", *P, "--formato", "xlsx", "--salida", "carpeta"], "No se pudo escribir «carpeta»: es una carpeta"),
        (["metricas", *P, "--salida", "carpeta"], "No se pudo escribir «carpeta»: es una carpeta"),
        (["metricas", *P, "--salida", "archivo/x.json"], "«archivo/x.json»: una parte de la ruta no es una carpeta"),
        (["metricas", *P, "--formato", "xlsx", "--salida", "tubo"], "«tubo»: es una tubería (FIFO), no un archivo común"),
        (["plantilla", "carpeta"], "«carpeta»: es una carpeta"),
        (["plantilla", "tubo"], "«tubo»: es una tubería (FIFO)"),
        (["plantilla", "archivo"], "Ya existe «archivo»: pai plantilla no reemplaza un libro"),
        (["plantilla", "archivo/x.xlsx"], "«archivo/x.xlsx»: una parte de la ruta no es una carpeta"),
        (["informes", *P, "--salida", "archivo"], "No se pudo crear la carpeta «archivo»: ya existe un archivo"),
        (["informes", *P, "--salida", "archivo/publicados"], "«archivo/publicados»: una parte de la ruta no es una carpeta"),
        (["cuadernos", "archivo/mios"], "«archivo/mios»: una parte de la ruta no es una carpeta"),
    ],
)
def test_destino_hostil_sale_con_1_y_no_toca_nada(lugar, capsys, orden, mensaje):
    assert main(orden) == 1
    err = capsys.readouterr().err
    assert mensaje in err
    assert err.startswith("Error: ") and "Traceback" not in err and "Errno" not in err
    _intacto(lugar)


def test_enlace_simbolico_se_sigue_y_queda_como_estaba(lugar):
    """Se escribe el archivo al que apunta el enlace (a un lado y con renombre); el enlace no se reemplaza."""
    (lugar / "real.json").write_text("viejo", encoding="utf-8")
    (lugar / "enlace.json").symlink_to("real.json")
    assert main(["metricas", *P, "--salida", "enlace.json"]) == 0
    assert (lugar / "enlace.json").is_symlink() and os.readlink(lugar / "enlace.json") == "real.json"
    assert (lugar / "real.json").read_text(encoding="utf-8").startswith("{")


def test_plantilla_sobrescribir_reemplaza_solo_si_se_pide(lugar):
    assert main(["plantilla", "archivo", "--sobrescribir"]) == 0
    assert (lugar / "archivo").read_bytes()[:2] == b"PK"  # ahora es un .xlsx (zip)


@pytest.mark.parametrize(
    ("numero", "causa"),
    [(errno.EROFS, "el sistema de archivos es de solo lectura"), (errno.ENOSPC, "no queda espacio en el disco"),
     (errno.EACCES, "no hay permiso de escritura")],
)
def test_disco_que_falla_al_escribir(lugar, capsys, monkeypatch, numero, causa):
    """El sistema de archivos rechaza la escritura (solo lectura, lleno, sin permiso): una línea en español."""

    def rechaza(*args, **kwargs):
        raise OSError(numero, os.strerror(numero))

    monkeypatch.setattr(os, "fsync", rechaza)
    assert main(["metricas", *P, "--formato", "xlsx", "--salida", "archivo"]) == 1
    err = capsys.readouterr().err
    assert f"No se pudo escribir «archivo»: {causa}." in err and "Traceback" not in err
    _intacto(lugar)


@pytest.mark.skipif(os.geteuid() == 0, reason="root escribe en una carpeta de solo lectura: lo cubre la prueba anterior")
def test_carpeta_de_solo_lectura(lugar, capsys):
    solo = lugar / "carpeta"
    solo.chmod(0o500)
    try:
        assert main(["plantilla", "carpeta/libro.xlsx"]) == 1
        assert "no hay permiso de escritura" in capsys.readouterr().err
    finally:
        solo.chmod(0o700)
    _intacto(lugar)


def test_cuadernos_no_deja_media_copia(tmp_path, capsys):
    """Si uno de los cuadernos ya existe, no se copia ninguno y el error los nombra."""
    (tmp_path / "03_proyectos_presupuesto.ipynb").write_text("mío", encoding="utf-8")
    assert main(["cuadernos", str(tmp_path)]) == 1
    assert "«03_proyectos_presupuesto.ipynb»" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["03_proyectos_presupuesto.ipynb"]
    assert main(["cuadernos", str(tmp_path), "--sobrescribir"]) == 0
    nombres = sorted(p.name for p in tmp_path.iterdir())
    assert nombres[:7] == ["01_resumen.ipynb", "02_objetivos.ipynb", "03_proyectos_presupuesto.ipynb",
                           "04_indicadores.ipynb", "05_plan_integrado.ipynb", "06_riesgos.ipynb", "07_dependencias.ipynb"]
    assert "explorar.ipynb" in nombres
    assert (tmp_path / "03_proyectos_presupuesto.ipynb").read_text(encoding="utf-8") != "mío"
