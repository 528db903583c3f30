"""Tablas HTML de los informes: cifras con formato colombiano, semáforo con símbolo y palabra."""

from __future__ import annotations

import pandas as pd

from ..comun.numeros import millones, numero, pct
from ..comun.periodos import periodo_en_palabras
from ..metricas.parametros import ETIQUETAS_SEMAFORO
from .piezas import Html, e, etiqueta_semaforo


def _celda(valor, formato) -> tuple[str, bool]:
    """(texto escapado, ¿es número?) de una celda según su formato."""
    vacio = valor is None or valor is pd.NA or (isinstance(valor, float) and valor != valor)
    if callable(formato):
        return e(formato(valor)), False
    if formato in (None, "texto"):
        return e(None if vacio else valor), False
    if vacio:
        return "—", formato not in ("si_no", "periodo")
    if formato == "si_no":
        return ("Sí" if bool(valor) else "No"), False
    if formato == "periodo":
        return e(periodo_en_palabras(valor)), False
    formatos = {"entero": lambda v: numero(v, 0), "numero": lambda v: numero(v, 1), "numero2": lambda v: numero(v, 2),
                "pct": pct, "pct0": lambda v: pct(v, 0), "millones": millones, "pesos": lambda v: "$" + numero(v, 0),
                "puntos": lambda v: ("+" if v > 0 else "") + numero(v, 1)}
    if formato not in formatos:
        raise ValueError(f"Formato de columna desconocido: {formato!r}")
    return e(formatos[formato](float(valor))), True


def tabla_html(df: pd.DataFrame, columnas: dict, semaforo: str | None = None, vacia: str = "No hay elementos para mostrar.",
               clase: str = "") -> Html:
    """Tabla HTML: ``columnas`` = {columna: (título, formato)}; formatos ``texto``, ``entero``, ``numero``,
    ``pct``, ``pct0``, ``millones``, ``pesos`` (``$20.149``), ``puntos``, ``si_no``, ``periodo``, ``semaforo`` o una función.

    ``semaforo``: columna con la clave del semáforo, que se agrega al final como etiqueta
    (símbolo + palabra, legible también impresa en gris). Todo texto se escapa.
    """
    if df is None or len(df) == 0:
        return Html(f'<p class="pai-vacio">{e(vacia)}</p>')
    cols = dict(columnas)
    if semaforo and semaforo not in cols:
        cols[semaforo] = ("Semáforo", "semaforo")
    cabecera = "".join(f'<th scope="col"{" class=num" if f not in (None, "texto", "si_no", "periodo", "semaforo") and not callable(f) else ""}>'
                       f"{e(t)}</th>" for t, f in cols.values())
    filas = []
    for registro in df[list(cols)].itertuples(index=False, name=None):
        celdas = []
        for valor, (_t, formato) in zip(registro, cols.values(), strict=False):
            if formato == "semaforo":
                clave = valor if valor in ETIQUETAS_SEMAFORO else "sin_dato"
                celdas.append(f'<td class="semaforo semaforo-{clave}"><span>{e(etiqueta_semaforo(valor))}</span></td>')
            else:
                texto, es_numero = _celda(valor, formato)
                largo = not es_numero and len(texto) > 45
                celdas.append(f'<td class="num">{texto}</td>' if es_numero else f'<td class="largo">{texto}</td>' if largo else f"<td>{texto}</td>")
        filas.append("<tr>" + "".join(celdas) + "</tr>")
    if len(cols) >= 8:  # muchas columnas: letra y márgenes menores para que quepa en el ancho de la página
        clase = f"{clase} pai-tabla-compacta".strip()
    return Html(f'<div class="pai-tabla-marco"><table class="pai-tabla {e(clase)}"><thead><tr>{cabecera}</tr></thead>'
                f'<tbody>{"".join(filas)}</tbody></table></div>')
