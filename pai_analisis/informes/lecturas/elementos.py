"""Los elementos del plan en los informes: sus anclas, sus enlaces, su dueño y su porqué.

Cada meta, proyecto, indicador, actividad y riesgo tiene su fila en la tabla de detalle de su
informe, con un ``id`` estable (``meta-7871-2``, ``indicador-GF-01``…): las alertas y los objetivos
enlazan ahí. Junto al nombre de cada elemento van quien responde y su última observación hasta el
periodo, con su mes (el porqué que la dirección necesita para actuar).
"""

from __future__ import annotations

import re

import pandas as pd

from ...comun.periodos import periodo_en_palabras
from ..piezas import Pieza, columna_html, escapar

# En qué informe está la fila de detalle de cada tipo de elemento.
INFORME_DE = {
    "proyecto": "03_proyectos_presupuesto",
    "meta": "03_proyectos_presupuesto",
    "indicador": "04_indicadores",
    "actividad": "05_plan_integrado",
    "riesgo": "06_riesgos",
}


def ancla(elemento: str, item) -> str:
    """``("meta", "7871-2")`` → ``meta-7871-2`` (solo letras, números y guiones: vale como id de HTML)."""
    return f"{elemento}-" + re.sub(r"[^A-Za-z0-9-]+", "-", str(item)).strip("-")


def enlace(elemento: str, item, desde: str | None = None) -> str:
    """El enlace a la fila de detalle del elemento (relativo a otro informe del mismo periodo)."""
    informe = INFORME_DE.get(elemento)
    if informe is None:
        return ""
    return f"#{ancla(elemento, item)}" if informe == desde else f"{informe}.html#{ancla(elemento, item)}"


def activos(ctx, nivel: str) -> pd.DataFrame:
    """Las filas activas en el periodo de ``metas``, ``proyectos``, ``indicadores`` o ``actividades`` (sin las cerradas)."""
    return ctx.metricas.activos(nivel)


def cerrados(ctx, nivel: str) -> pd.DataFrame:
    return ctx.metricas.cerrados(nivel)


def observacion(texto, periodo) -> str:
    """``«Retraso en la contratación» (junio de 2024)`` o ``""`` si no hay observación."""
    if not isinstance(texto, str) or not texto.strip():
        return ""
    return f"{texto.strip()} ({periodo_en_palabras(periodo)})" if isinstance(periodo, str) and periodo else texto.strip()


def observacion_html(texto, periodo) -> Pieza:
    """``<span class="pai-obs"><strong>Observación de junio de 2024:</strong> texto</span>`` o vacío."""
    if not isinstance(texto, str) or not texto.strip():
        return Pieza()
    cuando = f" de {periodo_en_palabras(periodo)}" if isinstance(periodo, str) and periodo else ""
    return Pieza(f'<span class="pai-obs"><strong>Observación{escapar(cuando)}:</strong> {escapar(texto.strip())}</span>')


def nombre_con_porque(fila: dict, nombre: str = "nombre", quien: bool = False) -> Pieza:
    """El nombre completo del elemento (sin recortar) y debajo, en pequeño, quién responde y su última observación.

    Devuelve HTML seguro (:class:`~..piezas.Pieza`), para una columna con formato ``html``.
    """
    partes = [escapar(fila.get(nombre))]
    responsable = fila.get("responsable")
    if quien and isinstance(responsable, str) and responsable.strip():
        partes.append(Pieza(f'<span class="pai-quien">Responde: {escapar(responsable)}</span>'))
    partes.append(observacion_html(fila.get("observacion"), fila.get("observacion_periodo")))
    return Pieza().join(partes)


def con_porque(df: pd.DataFrame, nombre: str = "nombre", quien: bool = False, columna: str = "detalle") -> pd.DataFrame:
    """``df`` con una columna HTML ``columna``: el nombre con su responsable (si ``quien``) y su observación."""
    return df.assign(**{columna: columna_html((nombre_con_porque(f, nombre, quien) for f in df.to_dict("records")), df.index)})
