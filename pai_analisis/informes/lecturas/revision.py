"""Lo que dice la portada de un periodo sobre su versión (sección 7.3): cuál es, cuándo se revisó y qué cambió.

Las cifras que cambiaron las calcula :func:`pai_analisis.metricas.revision.comparar`; aquí solo se
les da forma: una frase, la tabla de cambios y los enlaces a las versiones anteriores.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ...comun.numeros import pct
from ...comun.periodos import MESES
from ...metricas.parametros import NOMBRES_COMPONENTES
from ..piezas import Pieza, escapar, unir
from ..tablas import tabla_html

_ESTADOS = {"preliminar": "preliminar", "completo": "completo", "sin_datos": "sin datos"}
_NIVELES = {"índice": "Índice", "componente": "Componente", "proyecto": "Proyecto", "meta": "Meta", "indicador": "Indicador",
            "actividad": "Actividad"}


def cuando(sello: str | None) -> str:
    """``2024-07-05 06:00`` → ``5 de julio de 2024 a las 06:00`` (hora de Bogotá, como todo sello del paquete)."""
    if not sello:
        return "fecha desconocida"
    try:
        m = dt.datetime.strptime(sello, "%Y-%m-%d %H:%M")
    except ValueError:
        return sello
    return f"{m.day} de {MESES[m.month - 1]} de {m.year} a las {m:%H:%M}"


def _tabla_cambios(cambios: pd.DataFrame) -> Pieza:
    t = cambios.copy()
    t["nivel"] = t["nivel"].map(_NIVELES).fillna(t["nivel"])
    t["elemento"] = [NOMBRES_COMPONENTES.get(c, c) if n == "Componente" else (f"{c} · {nom}" if n not in ("Índice",) and nom else nom or c)
                     for n, c, nom in zip(t["nivel"], t["clave"], t["nombre"], strict=True)]
    t["diferencia_texto"] = [("apareció o dejó de tener valor" if d != d else ("+" if d > 0 else "") + pct(d, 1, simbolo=False) + " puntos")
                             for d in t["diferencia"]]
    return tabla_html(t, {"nivel": ("Nivel", "texto"), "elemento": ("Elemento", "texto"), "antes": ("Antes", "pct"),
                          "despues": ("Ahora", "pct"), "diferencia_texto": ("Cambio", "texto")}, clase="pai-tabla-cambios")


def seccion_revision(version: int, revisado: str, anterior, cambios: pd.DataFrame | None, cambio_estado, previas: list,
                     motivo: str | None) -> Pieza:
    """La sección «Versión de este informe» de la portada."""
    if anterior is None:
        partes = [Pieza(f'<p class="pai-lectura">Versión 1: primera publicación de este periodo ({escapar(cuando(revisado))}).</p>')]
    else:
        partes = [Pieza(f'<p class="pai-lectura">Versión {escapar(version)}, revisada el {escapar(cuando(revisado))}. Reemplaza a la versión '
                  f"{escapar(anterior.version)}, del {escapar(cuando(anterior.revisado))}" + (f", porque {escapar(motivo)}" if motivo else "") + ".</p>")]
        if cambio_estado:
            partes.append(Pieza(f'<p class="pai-lectura">El periodo pasó de {escapar(_ESTADOS.get(cambio_estado[0], cambio_estado[0]))} a '
                          f"{escapar(_ESTADOS.get(cambio_estado[1], cambio_estado[1]))}.</p>"))
        if cambios is not None and len(cambios):
            partes.append(Pieza(f'<p class="pai-lectura">Cambios en las cifras principales frente a la versión {escapar(anterior.version)} '
                                "(el índice, los componentes y cada elemento que se movió 0,1 puntos o más):</p>"))
            partes.append(_tabla_cambios(cambios))
        else:
            partes.append(Pieza('<p class="pai-lectura">Ninguna cifra principal se movió 0,1 puntos o más frente a la versión '
                                f"{escapar(anterior.version)}.</p>"))
    todas = [*previas, *([(anterior.version, anterior.revisado)] if anterior is not None else [])]
    if todas:
        enlaces = "".join(f'<li><a href="versiones/v{escapar(n)}/index.html">Versión {escapar(n)}</a> — {escapar(cuando(f))}</li>' for n, f in todas)
        partes.append(Pieza(f'<p class="pai-nota">Versiones anteriores (se conservan tal como se publicaron):</p><ul class="pai-enlaces">{enlaces}</ul>'))
    return unir(*partes)
