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
* la escritura pasa por el único escritor del libro (:mod:`.escritor`, sección 9): atómica, con una copia
  del libro anterior al lado, ``LIBRO.antes_de_crp_AAAA-MM-DD.xlsx`` (``_2``, ``_3``… si ya existe),
  nunca sobre un libro abierto en Excel o LibreOffice, sin pisar fórmulas (salvo ``reemplazar_formulas``)
  y con ``fullCalcOnLoad`` para que las sumas de la Oficina se recalculen al abrir.

Se leen los valores en caché (lo que muestra Excel), nunca el texto de una fórmula como si fuera un
número. openpyxl solo lee; la escritura cambia el XML de la hoja ``presupuesto`` y las partes que exige
la sección 9, y copia byte a byte las demás (:mod:`.parche_hoja`): las otras hojas, estilos, listas
desplegables (también las que Excel guarda en extensiones que openpyxl no conserva), comentarios y la
marca de demostración quedan como estaban.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..comun.faltantes import es_faltante
from ..comun.numeros import magnitud
from ..comun.periodos import a_periodo
from ..errores import ErrorPeriodo, ErrorReporte
from ..fuentes.crp import ReporteCRP, leer_reporte_crp
from .carga import cargar_libro
from .cifras import interpretar_numero
from .escritor import Edicion, Escritura, Plan, escribir_libro
from .foto import FotoLibro, HojaLeida

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
    formulas_reemplazadas: list = field(default_factory=list)
    texto: str = ""  # el resumen que imprime ``pai importar crp``, armado antes de escribir

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


def _cifra(valor) -> float | None:
    """Un número del libro tal como lo acepta la validación (número, o texto «1.234,5»); vacío → ``None``."""
    if es_faltante(valor) or (isinstance(valor, str) and not valor.strip()):
        return None
    x, regla, _ = interpretar_numero(valor)
    return None if regla is not None else x


def _filas(hoja: HojaLeida) -> list[dict]:
    """Las filas de ``presupuesto`` con sus valores en caché (el valor calculado de una fórmula, no su texto)."""
    filas = []
    for n in hoja.filas():
        proyecto = _cifra(hoja.valor(n, "proyecto"))
        if proyecto is None:
            continue
        obs = hoja.valor(n, "observaciones")
        filas.append({"fila": n, "proyecto": int(proyecto), "periodo": a_periodo(hoja.valor(n, "periodo")),
                      "apropiacion": _cifra(hoja.valor(n, "apropiacion")), "compromisos": _cifra(hoja.valor(n, "compromisos")),
                      "giros": _cifra(hoja.valor(n, "giros")), "observaciones": "" if obs is None else str(obs)})
    return filas


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


def importar_crp(reporte: str | Path, *, libro: str | Path, periodo: str | None = None, aplicar: bool = False,
                 reemplazar_formulas: bool = False, espera: float = 10.0) -> Importacion:
    """Importa un reporte de CRP de BogData a ``presupuesto`` del libro; sin ``aplicar``, solo simula.

    La escritura pasa por el único escritor del libro (:func:`~pai_analisis.libro.escritor.escribir_libro`,
    sección 9): todo o nada, nunca sobre un libro abierto en Excel o LibreOffice, sin pisar fórmulas salvo con
    ``reemplazar_formulas``; ``espera``: segundos que espera a otro ``pai`` que esté escribiendo el mismo libro.
    """
    libro = Path(libro)
    rep = leer_reporte_crp(reporte)
    p = _periodo(periodo, rep)
    datos = cargar_libro(libro)  # un libro inválido no se toca (ErrorValidacion con la lista)
    if datos.vigencia != p.year:
        raise ErrorPeriodo(f"El reporte es de {p.year} (corte {rep.corte}) y el libro «{libro.name}» de la vigencia {datos.vigencia}.")
    proyectos = sorted(int(x) for x in datos.proyectos["proyecto"])

    def planear(foto: FotoLibro) -> Plan:
        hoja = foto.hoja(HOJA)
        filas = _filas(hoja)
        ultimo = ultimo_corte(f["observaciones"] for f in filas if f["periodo"] is not None and f["periodo"].year == p.year)
        if ultimo is not None and rep.corte < ultimo:
            raise ErrorReporte(f"El reporte «{rep.archivo}» tiene corte {rep.corte}, anterior al último importado en {p.year} "
                               f"({ultimo}, según las marcas de «observaciones» en «{HOJA}»): importarlo devolvería el libro a "
                               "cifras viejas. No se escribió nada.")
        cambios = _cambios(rep, p, filas, proyectos, hoja.ultima)
        _exigir_contrato(cambios, p)
        en_reporte = set(rep.proyectos["proyecto"])
        resultado = Importacion(rep, libro, str(p), cambios, [x for x in proyectos if x not in en_reporte],
                                rep.proyectos[~rep.proyectos["proyecto"].isin(proyectos)].reset_index(drop=True), ultimo)
        return Plan({hoja.titulo: _edicion(hoja, resultado, p)} if resultado.pendientes else {}, resultado)

    def resumir(escritura: Escritura) -> str:
        from .resumen_importacion import describir_importacion

        resultado = escritura.plan.datos
        resultado.copia, resultado.aplicada = escritura.copia, escritura.copia is not None
        resultado.formulas_reemplazadas = escritura.formulas_reemplazadas
        return describir_importacion(resultado)

    escritura = escribir_libro(libro, planear, accion=f"crp_{rep.corte.isoformat()}", aplicar=aplicar, que=f"Importar «{rep.archivo}»",
                               reemplazar_formulas=reemplazar_formulas, espera=espera, resumir=resumir)
    resultado = escritura.plan.datos
    resultado.texto, resultado.aplicada = escritura.texto, escritura.aplicada
    return resultado


def _edicion(hoja: HojaLeida, resultado: Importacion, p: pd.Period) -> Edicion:
    columnas = dict(hoja.columnas)
    edicion = Edicion()
    if "observaciones" not in columnas:
        columnas["observaciones"] = max(hoja.columnas.values(), default=0) + 1
        edicion.celdas[1, columnas["observaciones"]] = "observaciones"
    for c in resultado.pendientes:
        if c.nueva:
            edicion.modelos[c.fila] = c.fila - 1
            edicion.celdas[c.fila, columnas["proyecto"]] = c.proyecto
            edicion.celdas[c.fila, columnas["periodo"]] = str(p)
            edicion.celdas[c.fila, columnas["apropiacion"]] = _numero(c.apropiacion)
        edicion.celdas[c.fila, columnas["compromisos"]] = _numero(c.compromisos)
        edicion.celdas[c.fila, columnas["giros"]] = _numero(c.giros)
        edicion.celdas[c.fila, columnas["observaciones"]] = c.observaciones
    return edicion
