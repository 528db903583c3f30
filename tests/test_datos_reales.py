"""Punta a punta con datos como los del Distrito (sección 8): un compromiso anulado se publica y se concilia.

Un libro con el año de demostración en el que el compromiso acumulado del proyecto 7868 baja en
mayo 50 millones por debajo de abril (una anulación, con su observación) pasa ``pai validar``
con una advertencia, y ``pai informes --periodo 2024-05 --fuente …`` sale con 0 y muestra el
movimiento negativo y la conciliación en ``03_proyectos_presupuesto``. Se ejecuta solo ese
cuaderno (copiado a una carpeta) para no pagar los seis.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from pai_analisis.cli import main

RAIZ = Path(__file__).resolve().parents[1]
OBSERVACION = "Anulación del CRP 512 por terminación anticipada del contrato"


def _con_anulacion(ruta: Path) -> tuple[float, float]:
    """Baja los compromisos de mayo de 7868 a los de abril − 50 y les pone la observación; devuelve (abril, mayo)."""
    wb = openpyxl.load_workbook(ruta)
    ws = wb["presupuesto"]
    enc = [c.value for c in ws[1]]
    filas = {str(r[enc.index("periodo")].value)[:7]: r for r in ws.iter_rows(min_row=2) if r[enc.index("proyecto")].value == 7868}
    abril = filas["2024-04"][enc.index("compromisos")].value
    filas["2024-05"][enc.index("compromisos")].value = abril - 50
    filas["2024-05"][enc.index("observaciones")].value = OBSERVACION
    wb.save(ruta)
    return abril, abril - 50


@pytest.mark.lento
def test_anulacion_se_publica_y_se_ve_en_el_informe_de_presupuesto(tmp_path, capsys):
    libro = tmp_path / "libro.xlsx"
    assert main(["plantilla", str(libro), "--con-ejemplo"]) == 0
    abril, mayo = _con_anulacion(libro)
    capsys.readouterr()
    assert main(["validar", str(libro)]) == 0
    salida = capsys.readouterr().out
    assert "proyecto 7868 baja $50 millones en 2024-05 respecto de 2024-04" in salida and OBSERVACION in salida

    # la fuente: los totales de la entidad del libro en mayo, en pesos, salvo giros 500 millones más (más del 0,5 %: no cuadra)
    from pai_analisis.libro.carga import cargar_libro
    from pai_analisis.metricas.conciliacion import totales_mensuales

    t = totales_mensuales(cargar_libro(libro).presupuesto, 2024).set_index("periodo")
    mayo_t = t.loc["2024-05"]
    fuente = tmp_path / "DatosAbiertosPresupuestoGeneralDistrito.csv"
    fuente.write_text(
        "\ufeffPeriodo,Institucion,Finalidad,TipoPresupuesto,ValorVigente,ValorCompromiso,ValorGiros\n"
        f"202405,Secretaría General,Inversión,Inversión directa,{mayo_t['apropiacion'] * 1e6},{mayo_t['compromisos'] * 1e6},"
        f"{(mayo_t['giros'] + 500) * 1e6}\n", encoding="utf-8")
    cuadernos = tmp_path / "cuadernos"
    cuadernos.mkdir()
    shutil.copy(RAIZ / "cuadernos" / "03_proyectos_presupuesto.ipynb", cuadernos)
    destino = tmp_path / "informes"
    codigo = main(["informes", "--periodo", "2024-05", "--datos", str(libro), "--salida", str(destino), "--cuadernos",
                   str(cuadernos), "--sin-pdf", "--fuente", str(fuente), "--entidad", "Secretaría General"])
    assert codigo == 0, capsys.readouterr().err
    html = (destino / "2024-05" / "03_proyectos_presupuesto.html").read_text(encoding="utf-8")
    assert "Movimientos del mes" in html
    assert "−$50" in html and OBSERVACION in html  # el movimiento negativo, con su explicación
    assert "los compromisos bajaron $50 millones" in html
    assert "Conciliación con el presupuesto que publica el Distrito" in html and "NO cuadran: giros −500,0 millones" in html

    # la fuente cambia (ahora cuadra): el periodo se vuelve a publicar, sin --forzar
    fuente.write_text(fuente.read_text(encoding="utf-8").replace(str((mayo_t["giros"] + 500) * 1e6), str(mayo_t["giros"] * 1e6)),
                      encoding="utf-8")
    assert main(["informes", "--periodo", "2024-05", "--datos", str(libro), "--salida", str(destino), "--cuadernos",
                 str(cuadernos), "--sin-pdf", "--fuente", str(fuente), "--entidad", "Secretaría General"]) == 0
    html = (destino / "2024-05" / "03_proyectos_presupuesto.html").read_text(encoding="utf-8")
    assert "las cifras del libro cuadran" in html
