"""La línea de comandos: JSON en UTF-8, errores en español sin traza y códigos de salida."""

from __future__ import annotations

import json

import pytest

from pai_analisis import cli


def test_metricas_json_por_la_salida_estandar(capsysbinary):
    assert cli.main(["metricas", "--periodo", "2024-06"]) == 0
    texto = capsysbinary.readouterr().out.decode("utf-8")
    datos = json.loads(texto)
    assert datos["periodo"] == "2024-06"
    assert len(datos["proyectos"]) == 7 and len(datos["metas"]) == 43
    assert "Corrupción" in texto  # las tildes se conservan, no se escapan como \u00f3


@pytest.mark.parametrize(("periodo", "fragmento"), [("2025-01", "No hay libro de la vigencia 2025"), ("2024-13", "no es válido")])
def test_periodo_invalido_sale_con_1_y_mensaje_en_espanol(periodo, fragmento, capsys):
    assert cli.main(["metricas", "--periodo", periodo]) == 1
    err = capsys.readouterr().err
    assert fragmento in err and "Traceback" not in err


def test_error_inesperado_sale_con_2_sin_traza(monkeypatch, capsys):
    def falla(_libro, _periodo, _parametros=None):
        raise RuntimeError("algo se rompió")

    monkeypatch.setattr("pai_analisis.informes.contexto.calcular_metricas", falla)  # la que usa `pai metricas`
    assert cli.main(["metricas", "--periodo", "2024-06"]) == 2
    err = capsys.readouterr().err
    assert "Error inesperado" in err and "algo se rompió" in err and "--depurar" in err and "Traceback" not in err


def test_depurar_muestra_la_excepcion(monkeypatch):
    def falla(_libro, _periodo, _parametros=None):
        raise RuntimeError("algo se rompió")

    monkeypatch.setattr("pai_analisis.informes.contexto.calcular_metricas", falla)  # la que usa `pai metricas`
    with pytest.raises(RuntimeError):
        cli.main(["--depurar", "metricas", "--periodo", "2024-06"])


def test_validar_libro_inexistente(tmp_path, capsys):
    assert cli.main(["validar", str(tmp_path / "no_existe.xlsx")]) == 1
    assert "No existe el archivo" in capsys.readouterr().err


def test_errores_de_argumentos_en_espanol(capsys):
    with pytest.raises(SystemExit) as salida:
        cli.main(["metricas"])
    assert salida.value.code == 2
    assert "faltan estos argumentos: --periodo" in capsys.readouterr().err


def test_salida_cerrada_por_quien_lee_sale_callado_con_141():
    """``pai metricas … | true``: quien lee cierra la tubería sin leer. Antes: «Error inesperado
    (BrokenPipeError)» y código 2; ahora, como toda orden de Unix, nada en la salida de error y 141."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "pai_analisis.cli", "metricas", "--periodo", "2024-06"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # nadie va a leer: la primera escritura da EPIPE
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141 and err.decode("utf-8") == ""
