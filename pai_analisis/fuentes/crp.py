"""El reporte de CRP de BogData (el SAP del Distrito) leído tal como lo exporta, sin saber nada del libro.

Diseño y trampas en ``docs/fuentes_distritales.md`` (sección 1). Resumen de lo que se exige:

* hoja ``Data`` (ese nombre exacto), encabezado en la fila 1, una fila por posición de CRP;
* las columnas de :data:`COLUMNAS` con su ortografía exacta; ``Fecha Inicial`` y ``Fecha Final``
  aparecen dos veces y se leen **por posición**: el primer par es el rango del reporte y su fin
  es el **corte** (igual en todas las filas);
* los valores son **saldos al corte en pesos**: cada celda de dinero es un número (un texto con
  separadores «1.234.567» o una celda vacía es un error de esa fila, nunca se adivina);
* aritmética de cada fila, con tolerancia :data:`TOLERANCIA_PESOS`:
  ``Valor Neto = Valor CRP − Anulaciones`` y ``Com.Sin.Aut.Giro = Valor Neto − Autorizacion giro``
  (los ``Reintegros`` no se restan);
* clave única (``N° Interno CRP``, ``N° Posición CRP``);
* clase de cada fila por su rubro: inversión (``O23011…``, 24 caracteres, proyecto =
  ``rubro[15:19]``, que debe ser igual a los 4 últimos dígitos del ``Elemento PEP``),
  obligaciones de vigencias anteriores (``O230689``, ``O230690``, ``O219001``, ``O219002``),
  funcionamiento (otros ``O21…``); cualquier otro rubro es un error.

Todos los problemas se reúnen (como la validación del libro) y terminan en un
:class:`~pai_analisis.errores.ErrorReporte` con la fila de Excel, la columna, el valor y lo esperado.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errores import ErrorReporte

HOJA = "Data"
TOLERANCIA_PESOS = 0.01  # un centavo: BogData cuadra cada fila exacto; solo se tolera el ruido de coma flotante
DINERO = ("Valor CRP", "Anulaciones", "Valor Neto", "Autorizacion giro", "Com.Sin.Aut.Giro")
CLAVE = ("N° Interno CRP", "N° Posición CRP")
COLUMNAS = ("Ejercicio", "Rubro", "Elemento PEP", *DINERO, *CLAVE)  # las que se usan; las demás se ignoran
FECHAS = ("Fecha Inicial", "Fecha Final")
INVERSION, ANTERIORES, FUNCIONAMIENTO = "inversión", "vigencias anteriores", "funcionamiento"
PREFIJOS_ANTERIORES = ("O230689", "O230690", "O219001", "O219002")
# lo que openpyxl lanza con un .xlsx dañado por dentro: zip, compresión o XML rotos
_DANADO = (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, SyntaxError, EOFError)
_COLUMNAS_PROBLEMAS = ["nivel", "regla", "hoja", "fila", "columna", "valor", "esperado"]


@dataclass(frozen=True)
class ReporteCRP:
    """Lo que dice un reporte de CRP: el corte, lo de inversión por proyecto y lo que queda fuera."""

    archivo: str
    fecha_inicial: dt.date
    corte: dt.date
    vigencia: int
    filas: int
    proyectos: pd.DataFrame  # proyecto (int), compromisos, giros (millones), filas
    fuera: pd.DataFrame  # clase, filas, valor_neto, autorizacion_giro (pesos)
    totales: dict[str, float] = field(default_factory=dict)  # Σ de DINERO en pesos, todo el archivo


def _problema(problemas, regla, fila, columna, valor, esperado) -> None:
    texto = "(vacío)" if valor is None else str(valor)
    problemas.append({"nivel": "error", "regla": regla, "hoja": HOJA, "fila": fila, "columna": columna,
                      "valor": texto, "esperado": esperado})


def _abrir(ruta: Path):
    import openpyxl

    if not ruta.is_file():
        raise ErrorReporte(f"No existe el reporte «{ruta}». Se esperaba el .xlsx exportado de BogData.")
    if not zipfile.is_zipfile(ruta):
        raise ErrorReporte(f"«{ruta.name}» no es un libro .xlsx legible (¿se descargó a medias o está dañado?). "
                           "Vuelva a exportar el reporte de CRP desde BogData en formato .xlsx.")
    try:
        return openpyxl.load_workbook(ruta, read_only=True, data_only=True)
    except _DANADO as exc:  # zip que no es un libro o está incompleto
        raise ErrorReporte(f"«{ruta.name}» no es un libro .xlsx legible ({type(exc).__name__}): "
                           "vuelva a exportar el reporte de CRP desde BogData.") from exc


def _posiciones(encabezado: list, problemas: list) -> dict[str, int]:
    nombres = [None if v is None else str(v).strip() for v in encabezado]
    pos: dict[str, int] = {}
    for nombre in COLUMNAS:
        if nombre not in nombres:
            _problema(problemas, "columna_faltante", 1, nombre, None, f"la columna «{nombre}» en la fila 1 de la hoja «{HOJA}»")
        else:
            pos[nombre] = nombres.index(nombre)
    for nombre in FECHAS:  # el primer par es el rango del reporte; el segundo, las fechas del compromiso
        if nombres.count(nombre) < 2:
            _problema(problemas, "columna_faltante", 1, nombre, f"{nombres.count(nombre)} vez/veces",
                      f"la columna «{nombre}» dos veces (rango del reporte y fechas del compromiso)")
        if nombre in nombres:
            pos[nombre] = nombres.index(nombre)
    return pos


def _fecha(valor) -> dt.date | None:
    if isinstance(valor, dt.datetime):
        return valor.date()
    if isinstance(valor, dt.date):
        return valor
    if isinstance(valor, str):
        for formato in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(valor.strip(), formato).date()
            except ValueError:
                continue
    return None


def _dinero(valor) -> float | None:
    if isinstance(valor, bool) or not isinstance(valor, (int, float)) or not math.isfinite(valor):
        return None
    return float(valor)


def _clase(rubro: str) -> str | None:
    if rubro.startswith(PREFIJOS_ANTERIORES):
        return ANTERIORES
    if rubro.startswith("O23011"):
        return INVERSION
    if rubro.startswith("O21"):
        return FUNCIONAMIENTO
    return None


def _cuadra(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCIA_PESOS + 1e-12 * max(abs(a), abs(b))


def _pesos(x: float) -> str:
    texto = f"{x:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    return texto[:-3] if texto.endswith(",00") else texto


def _texto_clave(valor) -> str:
    """``500101``, ``500101.0`` y ``" 500101 "`` son la misma clave."""
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return "" if valor is None else str(valor).strip()


def _fila(n: int, v: list, pos: dict, problemas: list, claves: dict, rangos: set) -> dict | None:
    """Revisa una fila de datos; devuelve sus cifras, o ``None`` si tiene algún problema."""
    antes = len(problemas)
    m = {}
    for col in DINERO:
        m[col] = _dinero(v[pos[col]])
        if m[col] is None:
            _problema(problemas, "no_numero", n, col, v[pos[col]],
                      "un número en pesos (no un texto con separadores ni una celda vacía)")
    if all(x is not None for x in m.values()):
        neto = m["Valor CRP"] - m["Anulaciones"]
        if not _cuadra(m["Valor Neto"], neto):
            _problema(problemas, "aritmetica", n, "Valor Neto", _pesos(m["Valor Neto"]),
                      f"Valor CRP − Anulaciones = {_pesos(neto)} (tolerancia de un centavo)")
        sin_giro = m["Valor Neto"] - m["Autorizacion giro"]
        if not _cuadra(m["Com.Sin.Aut.Giro"], sin_giro):
            _problema(problemas, "aritmetica", n, "Com.Sin.Aut.Giro", _pesos(m["Com.Sin.Aut.Giro"]),
                      f"Valor Neto − Autorizacion giro = {_pesos(sin_giro)} (tolerancia de un centavo)")
    clave = tuple(_texto_clave(v[pos[c]]) for c in CLAVE)
    if "" in clave:
        _problema(problemas, "celda_vacia", n, CLAVE[clave.index("")], None, "la clave del CRP (número interno y posición)")
    elif clave in claves:
        _problema(problemas, "clave_repetida", n, " + ".join(CLAVE), " / ".join(clave),
                  f"una clave única; ya aparece en la fila {claves[clave]}")
    else:
        claves[clave] = n
    rango = (_fecha(v[pos["Fecha Inicial"]]), _fecha(v[pos["Fecha Final"]]))
    for col, fecha in zip(FECHAS, rango):
        if fecha is None:
            _problema(problemas, "fecha_invalida", n, col, v[pos[col]], "una fecha (el rango del reporte)")
    if None not in rango:
        rangos.add(rango)
    rubro = "" if v[pos["Rubro"]] is None else str(v[pos["Rubro"]]).strip()
    clase, proyecto = _clase(rubro), None
    if clase is None:
        _problema(problemas, "rubro_desconocido", n, "Rubro", rubro or None,
                  "un rubro de inversión (O23011…), de vigencias anteriores (O230689, O230690, O219001, O219002) "
                  "o de funcionamiento (O21…)")
    elif clase == INVERSION:
        pep = "" if v[pos["Elemento PEP"]] is None else str(v[pos["Elemento PEP"]]).strip()
        if len(rubro) != 24 or not rubro[15:19].isdigit():
            _problema(problemas, "rubro_desconocido", n, "Rubro", rubro,
                      "un rubro de inversión de 24 caracteres con el código del proyecto en las posiciones 16 a 19")
        elif pep[-4:] != rubro[15:19]:
            _problema(problemas, "rubro_pep", n, "Elemento PEP", pep or None,
                      f"un Elemento PEP que termine en {rubro[15:19]}, el proyecto del rubro {rubro}")
        else:
            proyecto = int(rubro[15:19])
    if len(problemas) > antes:
        return None
    return {"clase": clase, "proyecto": proyecto, "ejercicio": v[pos["Ejercicio"]], "fila": n, **m}


def leer_reporte_crp(ruta: str | Path) -> ReporteCRP:
    """Lee y comprueba un reporte de CRP de BogData; lanza :class:`ErrorReporte` con todos sus problemas."""
    ruta = Path(ruta)
    wb = _abrir(ruta)
    try:
        if HOJA not in wb.sheetnames:
            raise ErrorReporte(f"El reporte «{ruta.name}» no tiene la hoja «{HOJA}» (tiene: {', '.join(wb.sheetnames)}). "
                               "Se esperaba el reporte de CRP de BogData tal como se exporta.")
        try:
            filas = list(wb[HOJA].iter_rows(values_only=True))
        except _DANADO as exc:
            raise ErrorReporte(f"La hoja «{HOJA}» de «{ruta.name}» no se puede leer entera ({type(exc).__name__}): "
                               "¿el archivo está truncado? Vuelva a exportarlo desde BogData.") from exc
    finally:
        wb.close()
    problemas: list[dict] = []
    pos = _posiciones(list(filas[0]) if filas else [], problemas)
    if problemas:
        raise ErrorReporte(f"El reporte «{ruta.name}» no tiene el diseño del reporte de CRP de BogData; no se escribió nada.",
                           _tabla(problemas))
    ancho = max(pos.values()) + 1
    claves: dict = {}
    rangos: set = set()
    datos = []
    for n, fila in enumerate(filas[1:], start=2):
        v = list(fila) + [None] * max(0, ancho - len(fila))
        if all(x is None or (isinstance(x, str) and not x.strip()) for x in v):
            continue
        datos.append(_fila(n, v, pos, problemas, claves, rangos))
    if not datos and not problemas:
        raise ErrorReporte(f"El reporte «{ruta.name}» no tiene filas de datos en la hoja «{HOJA}».")
    if len(rangos) > 1:
        _problema(problemas, "fecha_invalida", None, "Fecha Final", ", ".join(sorted(str(r[1]) for r in rangos)),
                  "un solo rango del reporte (primer par Fecha Inicial/Fecha Final) en todas las filas")
    if not problemas:
        inicio, corte = next(iter(rangos))
        for d in datos:
            if str(d["ejercicio"]).strip().split(".")[0] != str(corte.year):
                _problema(problemas, "fuera_de_vigencia", d["fila"], "Ejercicio", d["ejercicio"],
                          f"{corte.year}, el año del corte {corte.isoformat()}")
    if problemas:
        raise ErrorReporte(f"El reporte «{ruta.name}» tiene {len(problemas)} problema(s); no se escribió nada.",
                           _tabla(problemas))
    return _resumir(ruta.name, inicio, corte, pd.DataFrame(datos))


def _tabla(problemas: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(problemas, columns=_COLUMNAS_PROBLEMAS, dtype=object).astype({"fila": "Int64"})


def _resumir(archivo: str, inicio: dt.date, corte: dt.date, df: pd.DataFrame) -> ReporteCRP:
    inversion = df[df["clase"] == INVERSION]
    proyectos = (inversion.groupby("proyecto")
                 .agg(compromisos=("Valor Neto", math.fsum), giros=("Autorizacion giro", math.fsum),
                      filas=("fila", "size")).reset_index())
    proyectos[["compromisos", "giros"]] = (proyectos[["compromisos", "giros"]] / 1e6).round(6)  # pesos → millones
    proyectos = proyectos.astype({"proyecto": int})
    fuera = pd.DataFrame([
        {"clase": clase, "filas": int((df["clase"] == clase).sum()),
         "valor_neto": math.fsum(df.loc[df["clase"] == clase, "Valor Neto"]),
         "autorizacion_giro": math.fsum(df.loc[df["clase"] == clase, "Autorizacion giro"])}
        for clase in (ANTERIORES, FUNCIONAMIENTO)])
    totales = {col: math.fsum(df[col]) for col in DINERO[:4]}
    return ReporteCRP(archivo, inicio, corte, corte.year, len(df), proyectos, fuera, totales)


__all__ = ["COLUMNAS", "HOJA", "TOLERANCIA_PESOS", "ReporteCRP", "leer_reporte_crp"]
