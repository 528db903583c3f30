"""La importación de un reporte de CRP de BogData a la hoja ``presupuesto`` (sección 8.2 de la especificación).

:func:`importar_crp` lee el reporte (:mod:`pai_analisis.fuentes.crp`), decide qué cambia en el
libro y, solo con ``aplicar=True``, lo escribe:

* por cada proyecto del libro que está en el reporte, la fila (proyecto, P) recibe
  ``compromisos`` y ``giros`` del reporte (millones) y, en ``observaciones``, la marca
  ``[BogData CRP «archivo», corte AAAA-MM-DD]`` después del texto que ya tenga (que se conserva);
  si la fila no existe se agrega con la ``apropiacion`` del corte anterior más reciente del proyecto;
* **el último corte importado** de la vigencia es la fecha más reciente entre las marcas de
  ``observaciones``; un reporte con un corte anterior se rechaza sin escribir;
* una importación que no cambia ninguna celda (el mismo archivo otra vez) no reescribe el libro;
* antes de escribir se exige lo que la validación exigirá después (compromisos ≤ apropiación,
  giros ≤ compromisos) y el libro resultante se valida entero **antes** de reemplazar al anterior;
* la escritura es atómica (:func:`~pai_analisis.comun.archivos.escribir_atomico`) y deja al lado
  una copia del libro anterior, ``LIBRO.antes_de_crp_AAAA-MM-DD.xlsx`` (``_2``, ``_3``… si ya existe).

openpyxl solo lee; la escritura cambia el XML de la hoja ``presupuesto`` y copia byte a byte las
demás partes del archivo (:mod:`.parche_hoja`): las otras hojas, estilos, listas desplegables
(también las que Excel guarda en extensiones que openpyxl no conserva), comentarios y la marca de
demostración quedan como estaban.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..comun.archivos import escribir_atomico
from ..comun.faltantes import es_faltante
from ..comun.numeros import magnitud
from ..comun.periodos import a_periodo
from ..comun.textos import normalizar
from ..errores import ErrorPeriodo, ErrorReporte, ErrorValidacion
from ..fuentes.crp import ReporteCRP, leer_reporte_crp
from .carga import cargar_libro
from .parche_hoja import parchar_hoja

HOJA = "presupuesto"
MARCA = "[BogData CRP «{archivo}», corte {corte}]"
_MARCA = re.compile(r"\[BogData CRP «(?P<archivo>[^»]*)», corte (?P<corte>\d{4}-\d{2}-\d{2})\]")
_TOLERANCIA = 1e-6  # millones: un peso


@dataclass
class Cambio:
    """Lo que la importación hace (o haría) con la fila (proyecto, P) de ``presupuesto``."""

    proyecto: int
    fila: int  # fila de Excel (la nueva, si se agrega)
    nueva: bool
    apropiacion: float
    compromisos_antes: float | None
    giros_antes: float | None
    compromisos: float
    giros: float
    observaciones_antes: str
    observaciones: str

    @property
    def cambia(self) -> bool:
        return (self.nueva or self.observaciones != self.observaciones_antes
                or not _igual(self.compromisos, self.compromisos_antes) or not _igual(self.giros, self.giros_antes))


@dataclass
class Importacion:
    """El resultado de :func:`importar_crp`: qué se escribió (o se escribiría) y qué quedó fuera."""

    reporte: ReporteCRP
    libro: Path
    periodo: str
    cambios: list[Cambio]
    sin_reporte: list[int]  # proyectos del libro que no están en el reporte
    fuera_del_libro: pd.DataFrame  # proyectos del reporte que no están en el libro
    ultimo_corte: dt.date | None
    aplicada: bool = False
    copia: Path | None = None

    @property
    def pendientes(self) -> list[Cambio]:
        return [c for c in self.cambios if c.cambia]


def _igual(a, b) -> bool:
    return not es_faltante(a) and not es_faltante(b) and abs(float(a) - float(b)) <= _TOLERANCIA


def _numero(valor):
    return int(valor) if float(valor).is_integer() else float(valor)


def ultimo_corte(observaciones) -> dt.date | None:
    """La fecha de corte más reciente entre las marcas de importación de unas ``observaciones``."""
    fechas = [dt.date.fromisoformat(m["corte"]) for texto in observaciones if isinstance(texto, str)
              for m in _MARCA.finditer(texto)]
    return max(fechas, default=None)


def _periodo(periodo, reporte: ReporteCRP) -> pd.Period:
    if periodo is None:
        return pd.Period(year=reporte.corte.year, month=reporte.corte.month, freq="M")
    p = a_periodo(periodo)
    if p is None:
        raise ErrorPeriodo(f"--periodo «{periodo}» no es un periodo: se esperaba AAAA-MM.")
    if p.year != reporte.vigencia:
        raise ErrorPeriodo(f"--periodo {p} no es de la vigencia del reporte ({reporte.vigencia}, corte {reporte.corte}).")
    return p


def _hoja(wb):
    for ws in wb.worksheets:
        if normalizar(ws.title) == HOJA:
            return ws
    raise ErrorReporte(f"El libro no tiene la hoja «{HOJA}».")  # la validación del libro ya lo habría dicho


def _filas(ws) -> tuple[dict[str, int], list[dict]]:
    columnas = {normalizar(c.value): c.column for c in ws[1] if c.value is not None}
    filas = []
    for n in range(2, ws.max_row + 1):
        proyecto = ws.cell(n, columnas["proyecto"]).value
        if proyecto is None or (isinstance(proyecto, str) and not proyecto.strip()):
            continue
        obs = ws.cell(n, columnas["observaciones"]).value if "observaciones" in columnas else None
        filas.append({"fila": n, "proyecto": int(float(proyecto)), "periodo": a_periodo(ws.cell(n, columnas["periodo"]).value),
                      "apropiacion": ws.cell(n, columnas["apropiacion"]).value,
                      "compromisos": ws.cell(n, columnas["compromisos"]).value, "giros": ws.cell(n, columnas["giros"]).value,
                      "observaciones": "" if obs is None else str(obs)})
    return columnas, filas


def _cambios(reporte: ReporteCRP, p: pd.Period, filas: list[dict], proyectos: list[int], ultima: int) -> list[Cambio]:
    marca = MARCA.format(archivo=reporte.archivo, corte=reporte.corte.isoformat())
    cambios, nuevas, sin_apropiacion = [], 0, []
    for r in reporte.proyectos.itertuples():
        if r.proyecto not in proyectos:
            continue
        propias = [f for f in filas if f["proyecto"] == r.proyecto and f["periodo"] is not None and f["periodo"].year == p.year]
        fila = next((f for f in propias if f["periodo"] == p), None)
        if fila is None:
            anteriores = sorted((f for f in propias if f["periodo"] < p), key=lambda f: f["periodo"])
            if not anteriores:
                sin_apropiacion.append(r.proyecto)
                continue
            nuevas += 1
            fila = {"fila": ultima + nuevas, "apropiacion": anteriores[-1]["apropiacion"], "compromisos": None,
                    "giros": None, "observaciones": ""}
        obs = fila["observaciones"]
        nuevo = obs if marca in obs else (f"{obs.rstrip()}\n{marca}" if obs.strip() else marca)
        cambios.append(Cambio(r.proyecto, fila["fila"], "periodo" not in fila,
                              float(fila["apropiacion"]), fila["compromisos"], fila["giros"], r.compromisos, r.giros, obs, nuevo))
    if sin_apropiacion:
        raise ErrorReporte(f"No se sabe la apropiación de {p} para los proyectos {', '.join(map(str, sin_apropiacion))}: "
                           f"no tienen una fila en «{HOJA}» para {p} ni para un mes anterior de {p.year}. "
                           "Escriba su apropiación vigente y vuelva a importar; no se escribió nada.")
    return cambios


def _exigir_contrato(cambios: list[Cambio], p: pd.Period) -> None:
    problemas = []
    for c in cambios:
        if c.compromisos > c.apropiacion + _TOLERANCIA:
            problemas.append(f"proyecto {c.proyecto}, {p}: compromisos {magnitud(c.compromisos, 6)} > "
                             f"apropiación {magnitud(c.apropiacion, 6)} (millones)")
        if c.giros > c.compromisos + _TOLERANCIA:
            problemas.append(f"proyecto {c.proyecto}, {p}: giros {magnitud(c.giros, 6)} > "
                             f"compromisos {magnitud(c.compromisos, 6)} (millones)")
    if problemas:
        raise ErrorReporte("Importar este reporte dejaría el libro inválido (sección 2: compromisos ≤ apropiación, "
                           "giros ≤ compromisos); no se escribió nada. Revise la apropiación vigente del libro o el reporte:\n"
                           + "\n".join(f"ERROR [hoja «{HOJA}»] {t}" for t in problemas))


def importar_crp(reporte: str | Path, *, libro: str | Path, periodo: str | None = None, aplicar: bool = False) -> Importacion:
    """Importa un reporte de CRP de BogData a ``presupuesto`` del libro; sin ``aplicar``, solo simula."""
    import openpyxl

    libro = Path(libro)
    rep = leer_reporte_crp(reporte)
    p = _periodo(periodo, rep)
    datos = cargar_libro(libro)  # un libro inválido no se toca (ErrorValidacion con la lista)
    if datos.vigencia != p.year:
        raise ErrorPeriodo(f"El reporte es de {p.year} (corte {rep.corte}) y el libro «{libro.name}» de la vigencia {datos.vigencia}.")
    original = libro.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(libro)
    ws = _hoja(wb)
    columnas, filas = _filas(ws)
    ultima = max([f["fila"] for f in filas], default=1)
    ultimo = ultimo_corte(f["observaciones"] for f in filas if f["periodo"] is not None and f["periodo"].year == p.year)
    if ultimo is not None and rep.corte < ultimo:
        raise ErrorReporte(f"El reporte «{rep.archivo}» tiene corte {rep.corte}, anterior al último importado en {p.year} "
                           f"({ultimo}, según las marcas de «observaciones» en «{HOJA}»): importarlo devolvería el libro a "
                           "cifras viejas. No se escribió nada.")
    proyectos = sorted(int(x) for x in datos.proyectos["proyecto"])
    cambios = _cambios(rep, p, filas, proyectos, ultima)
    _exigir_contrato(cambios, p)
    en_reporte = set(rep.proyectos["proyecto"])
    resultado = Importacion(rep, libro, str(p), cambios, [x for x in proyectos if x not in en_reporte],
                            rep.proyectos[~rep.proyectos["proyecto"].isin(proyectos)].reset_index(drop=True), ultimo)
    if aplicar and resultado.pendientes:
        _escribir(ws, columnas, resultado, p, original)
    return resultado


def _escribir(ws, columnas: dict[str, int], resultado: Importacion, p: pd.Period, original: bytes) -> None:
    celdas: dict[tuple[int, int], object] = {}
    modelos: dict[int, int] = {}
    if "observaciones" not in columnas:
        columnas["observaciones"] = ws.max_column + 1
        celdas[1, columnas["observaciones"]] = "observaciones"
    for c in resultado.pendientes:
        if c.nueva:
            modelos[c.fila] = c.fila - 1
            celdas[c.fila, columnas["proyecto"]] = c.proyecto
            celdas[c.fila, columnas["periodo"]] = str(p)
            celdas[c.fila, columnas["apropiacion"]] = _numero(c.apropiacion)
        celdas[c.fila, columnas["compromisos"]] = _numero(c.compromisos)
        celdas[c.fila, columnas["giros"]] = _numero(c.giros)
        celdas[c.fila, columnas["observaciones"]] = c.observaciones
    nuevo = parchar_hoja(original, ws.title, celdas, modelos)
    libro = resultado.libro
    if libro.read_bytes() != original:
        raise ErrorReporte(f"El libro «{libro.name}» cambió mientras se importaba (¿está abierto en otro programa?). "
                           "No se escribió nada; vuelva a intentarlo.")

    with tempfile.TemporaryDirectory(prefix="pai-crp-") as carpeta:  # el libro nuevo se valida entero antes de reemplazar al anterior
        prueba = Path(carpeta) / libro.name
        prueba.write_bytes(nuevo)
        try:
            cargar_libro(prueba)
        except ErrorValidacion as exc:
            raise ErrorReporte(f"Importar «{resultado.reporte.archivo}» dejaría el libro «{libro.name}» inválido; "
                               "no se escribió nada.", exc.problemas) from exc
    resultado.copia = escribir_atomico(_copia(libro, resultado.reporte.corte), original)
    escribir_atomico(libro, nuevo)
    resultado.aplicada = True


def _copia(libro: Path, corte: dt.date) -> Path:
    """``LIBRO.antes_de_crp_AAAA-MM-DD.xlsx``, o ``…_2.xlsx``, ``…_3.xlsx`` si ya existe: nunca se reemplaza una copia."""
    base, n = f"{libro.stem}.antes_de_crp_{corte.isoformat()}", 1
    ruta = libro.with_name(f"{base}.xlsx")
    while ruta.exists():
        n += 1
        ruta = libro.with_name(f"{base}_{n}.xlsx")
    return ruta
