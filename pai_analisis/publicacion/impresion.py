"""El PDF del comité de cada periodo, hecho en un proceso aparte y con tiempo máximo.

:func:`imprimir_periodo` corre ``python -m pai_analisis.publicacion.impresion CARPETA DESTINO TITULO``
sobre la carpeta ya construida de un periodo (antes de publicarla, así el PDF se publica y se
versiona junto con su HTML) y, si sale bien, pone en la portada el enlace al PDF.

Por qué en un proceso aparte y no en el de ``pai informes``:

* WeasyPrint toma 150–300 MB y 15–25 s por periodo: en su propio proceso esa memoria se devuelve
  al terminar y no se acumula en una corrida de doce meses;
* acalla su salida y sus avisos tocando ``sys.stdout`` y los filtros de ``warnings``, que son
  globales: en un proceso aparte nada de eso toca los hilos de los carriles;
* un PDF que se cuelga se corta a los ``limite`` segundos como un cuaderno que se cuelga.

El PDF es un añadido: si falla (o falta WeasyPrint o sus bibliotecas del sistema) el periodo se
publica igual, solo en HTML, y el registro lo dice en una línea. Código de salida del proceso: 0
listo; 4 el motor no está disponible (la corrida deja de intentarlo); 1 otra falla.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from ..comun.archivos import escribir_atomico

LIMITE_PDF = 300.0  # segundos; medido: 15–25 s por periodo en la máquina de referencia (2 núcleos)
MARCA_PDF = "<!--pai:pdf-->"
_SIN_MOTOR = 4


def nombre_pdf(periodo: str) -> str:
    """``informe-2024-06.pdf``."""
    return f"informe-{periodo}.pdf"


@dataclass
class ResultadoPDF:
    ruta: Path | None = None  # el PDF escrito, o None
    problema: str | None = None  # por qué no se escribió, en una línea
    sin_motor: bool = False  # falta WeasyPrint o sus bibliotecas: no vale la pena intentarlo con otro periodo


def imprimir_periodo(carpeta: Path, periodo: str, titulo: str, limite: float | None = LIMITE_PDF) -> ResultadoPDF:
    """Escribe ``carpeta/informe-P.pdf`` en un proceso aparte y enlaza el PDF desde la portada de ``carpeta``."""
    destino = Path(carpeta) / nombre_pdf(periodo)
    orden = [sys.executable, "-m", "pai_analisis.publicacion.impresion", str(carpeta), str(destino), titulo]
    try:
        r = subprocess.run(
            orden, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=limite, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        destino.unlink(missing_ok=True)
        return ResultadoPDF(problema=f"el PDF pasó su tiempo máximo de {limite:.0f} s y se detuvo")
    except OSError as exc:
        return ResultadoPDF(problema=f"no se pudo lanzar el proceso del PDF ({exc.strerror or exc})")
    linea = (r.stderr.strip().splitlines() or [f"el proceso del PDF terminó con el código {r.returncode}"])[-1]
    if r.returncode != 0 or not destino.is_file():
        return ResultadoPDF(problema=linea.removeprefix("Error: "), sin_motor=r.returncode == _SIN_MOTOR)
    _enlazar_desde_la_portada(Path(carpeta) / "index.html", destino.name)
    return ResultadoPDF(ruta=destino)


def _enlazar_desde_la_portada(portada: Path, nombre: str) -> None:
    texto = portada.read_text(encoding="utf-8")
    enlace = (
        f'<p class="pai-pdf"><a href="{escape(nombre)}" download>Descargar el PDF para el comité</a> '
        "(la portada y los siete informes en un documento A4, con contenido y números de página)</p>"
    )
    if MARCA_PDF in texto:
        escribir_atomico(portada, texto.replace(MARCA_PDF, enlace, 1))


def _principal(argv: list[str]) -> int:
    from ..errores import ErrorPDF, PDFNoDisponible
    from .pdf import escribir_pdf

    carpeta, destino, titulo = argv
    try:
        escribir_pdf(Path(carpeta), Path(destino), titulo)
    except PDFNoDisponible as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return _SIN_MOTOR
    except ErrorPDF as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover - se prueba a través de imprimir_periodo
    sys.exit(_principal(sys.argv[1:]))
