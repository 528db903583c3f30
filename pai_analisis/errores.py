"""Jerarquía de errores del paquete: todo error previsto hereda de :class:`ErrorPAI`.

La línea de comandos atrapa ``ErrorPAI`` y muestra su mensaje en español, sin traza
(salvo ``--depurar``), con código de salida 1; cualquier otra excepción es un defecto del
programa (código 2).

* :class:`ErrorLectura`: el archivo no se puede leer como libro .xlsx.
* :class:`ErrorValidacion`: el libro se leyó pero no cumple el contrato (con la tabla ``problemas``).
* :class:`ErrorParametros`: el YAML de parámetros es inválido.
* :class:`ErrorPeriodo`: un periodo mal escrito o sin libro de su vigencia.
* :class:`ErrorEscritura`: no se pudo escribir una salida (disco lleno, solo lectura, no es un archivo…).
* :class:`ErrorReporte`: un archivo de una fuente del Distrito (reporte de CRP…) inválido, con su tabla de problemas.
* :class:`ErrorPublicacion`: ``pai informes`` no puede empezar (sin cuadernos, otra corrida publicando…).
* :class:`ErrorLibroAbierto`: el libro de la Oficina está abierto en Excel o LibreOffice, u otro ``pai`` lo escribe (sección 9).
* :class:`ErrorFormulas`: celdas que habría que escribir tienen fórmula (sección 9), con cada hoja, celda y fórmula.
* :class:`ErrorPDF`: no se pudo producir el PDF del comité (el HTML se publica igual); su subclase
  :class:`PDFNoDisponible`: falta el motor (WeasyPrint) o sus bibliotecas del sistema.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importar errores no importa pandas (la re-corrida sin cambios no lo necesita)
    import pandas as pd


class ErrorPAI(Exception):
    """Error base de pai-analisis: un problema del usuario o de sus datos, explicable."""


class ErrorLectura(ErrorPAI):
    """El archivo no se puede leer como libro .xlsx (no existe, vacío, cifrado, .xls…)."""


class ErrorParametros(ErrorPAI):
    """Parámetros inválidos: pesos negativos o que suman 0, umbrales desordenados…"""


class ErrorPeriodo(ErrorPAI):
    """Un periodo mal escrito, fuera de la vigencia de los datos o sin libro de su vigencia."""


class ErrorEscritura(ErrorPAI):
    """Una salida no se pudo escribir: el mensaje dice la ruta y la causa en español."""


class ErrorPublicacion(ErrorPAI):
    """``pai informes`` no puede publicar: no hay cuadernos, otra corrida ocupa la carpeta, un cálculo ajeno…"""


class ErrorPDF(ErrorPAI):
    """El PDF del periodo no se pudo producir (página ilegible, falla del motor, disco); el HTML publicado no cambia."""


class PDFNoDisponible(ErrorPDF):
    """Falta WeasyPrint o una biblioteca del sistema que usa (Pango, HarfBuzz, Fontconfig); el mensaje dice qué instalar."""


class ErrorValidacion(ErrorPAI):
    """El libro tiene errores. ``problemas`` es la tabla completa (errores y advertencias).

    Como ``lazy=True`` de pandera: la validación reúne todos los problemas antes de fallar.
    Columnas de la tabla: ``nivel``, ``regla`` (código estable, p. ej. ``V-REF``), ``hoja``,
    ``fila`` (como la muestra Excel), ``columna``, ``valor`` y ``esperado``.
    """

    def __init__(self, problemas: pd.DataFrame, origen: str | None = None, encabezado: str | None = None):
        self.problemas = problemas
        self.origen = origen
        errores = problemas[problemas["nivel"] == "error"]
        libro = f"El libro «{origen}»" if origen else "El libro"
        encabezado = encabezado or f"{libro} tiene {len(errores)} error(es); no se calculó nada."
        super().__init__(f"{encabezado}\n" + describir_problemas(problemas))


def describir_problemas(problemas: pd.DataFrame) -> str:
    """Texto en español, una línea por problema, errores primero."""
    import pandas as pd

    lineas = []
    orden = problemas.assign(_o=(problemas["nivel"] != "error").astype(int))
    for p in orden.sort_values(["_o"], kind="stable").itertuples():
        donde = f"hoja «{p.hoja}»" if p.hoja else "libro"
        if p.fila is not None and not pd.isna(p.fila):
            donde += f", fila {int(p.fila)}"
        if p.columna:
            donde += f", columna «{p.columna}»"
        valor = "" if p.valor is None else f": valor «{p.valor}»"
        etiqueta = "ERROR" if p.nivel == "error" else "ADVERTENCIA"
        lineas.append(f"{etiqueta} [{donde}]{valor} — se esperaba {p.esperado}")
    return "\n".join(lineas)


class ErrorReporte(ErrorPAI):
    """Un archivo de una fuente del Distrito (p. ej. el reporte de CRP de BogData) no sirve tal como llegó.

    ``problemas`` es la tabla completa, con las mismas columnas que la de :class:`ErrorValidacion`
    (``hoja`` y ``fila`` son las del reporte); ``None`` cuando el problema es del archivo entero.
    """

    def __init__(self, mensaje: str, problemas: pd.DataFrame | None = None):
        self.problemas = problemas
        if problemas is not None and len(problemas):
            mensaje += "\n" + describir_problemas(problemas)
        super().__init__(mensaje)


class ErrorLibroAbierto(ErrorPAI):
    """El libro de la Oficina está abierto en Excel o LibreOffice, otro ``pai`` lo está escribiendo o cambió
    mientras se preparaba la escritura (sección 9): no se escribió nada."""


class ErrorFormulas(ErrorPAI):
    """Celdas que el comando debe escribir tienen fórmula (sección 9); ``formulas`` las nombra (hoja, celda, fórmula).

    Sin ``--reemplazar-formulas`` no se pisa ninguna: el libro queda byte a byte como estaba.
    """

    def __init__(self, libro: str, formulas: list):
        self.formulas = formulas
        lineas = "\n".join(f"  hoja «{f.hoja}», celda {f.celda}: ={f.formula}" for f in formulas)
        super().__init__(f"El libro «{libro}» tiene fórmulas en {len(formulas)} celda(s) que habría que escribir; no se "
                         f"escribió nada:\n{lineas}\nSi esas cifras deben reemplazar a las fórmulas, repita el comando con "
                         "--reemplazar-formulas (las demás celdas de cada fórmula compartida siguen calculando).")
