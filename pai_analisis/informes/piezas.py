"""Piezas HTML de los informes: frases, etiquetas del semáforo, tarjetas de cifras.

Todo texto que viene del libro se escapa (:func:`e`): una meta llamada ``<script>`` se lee
como texto. Toda cifra llega ya formateada a la colombiana (``87,5 %``, ``$20.149 millones``).
"""

from __future__ import annotations

import html

import pandas as pd

from ..comun.faltantes import FALTANTE, es_faltante
from ..comun.numeros import numero, pct, puntos
from ..comun.periodos import periodo_en_palabras
from ..metricas.parametros import ETIQUETAS_SEMAFORO

SIMBOLOS_SEMAFORO = {"critico": "●", "en_riesgo": "▲", "satisfactorio": "✔"}


class Html(str):
    """Texto HTML que JupyterLab muestra como HTML y que se puede concatenar como ``str``."""

    def _repr_html_(self) -> str:
        # tex2jax_ignore / mathjax_ignore: JupyterLab no convierte «$60.360 millones de $88.286 millones» en fórmulas
        return f'<div class="tex2jax_ignore mathjax_ignore">{self}</div>'

    def _repr_pretty_(self, p, ciclo) -> None:  # sin esto la salida guardaría el HTML dos veces
        p.text(f"<HTML del informe: {len(self):,} caracteres>")


def unir(*partes: str) -> Html:
    return Html("\n".join(str(p) for p in partes if p))


def e(texto) -> str:
    """Escapa texto para HTML; ``None``/NaN → «—»."""
    if es_faltante(texto):
        return FALTANTE
    return html.escape(str(texto)).replace(" %", "\u00a0%")  # «87,5 %» nunca se parte al final de una línea


def marca_sobreejecucion(umbral: float) -> str:
    """La marca que acompaña todo valor bruto por encima del umbral de sobreejecución (no es «satisfactorio» sin más)."""
    return (
        f'<span class="pai-sobre" title="Sobreejecución: más de {e(pct(umbral, 0))} de lo programado; revise la '
        f'programación o el reporte">▲ sobreejecución</span>'
    )


def lectura(texto: str) -> Html:
    """La frase que lee una sección (texto plano: se escapa)."""
    return Html(f'<p class="pai-lectura">{e(texto)}</p>')


def etiqueta_semaforo(clave) -> str:
    """``"en_riesgo"`` → ``"▲ En riesgo"``; sin dato → ``"Sin dato"``."""
    if clave not in ETIQUETAS_SEMAFORO:
        return "Sin dato"
    return f"{SIMBOLOS_SEMAFORO[clave]} {ETIQUETAS_SEMAFORO[clave]}"


def semaforo_html(clave) -> str:
    clase = clave if clave in ETIQUETAS_SEMAFORO else "sin_dato"
    return f'<span class="semaforo semaforo-{clase}">{e(etiqueta_semaforo(clave))}</span>'


def frase_variacion(actual, anterior, periodo_anterior=None) -> str:
    """``93.3, 93.1, "2024-05"`` → ``"sube 0,2 puntos frente a mayo de 2024"``."""
    if actual is None or anterior is None or pd.isna(actual) or pd.isna(anterior):
        return "sin dato del mes anterior para comparar"
    texto = puntos(float(actual) - float(anterior))
    return f"{texto} frente a {periodo_en_palabras(periodo_anterior)}" if periodo_anterior else texto


def contar(n: int, singular: str, plural: str | None = None) -> str:
    """``contar(1, "indicador")`` → ``"1 indicador"``; ``contar(3, "indicador")`` → ``"3 indicadores"``."""
    return f"{numero(n, 0)} {singular if n == 1 else (plural or singular + 's')}"


def lista_es(elementos, conjuncion: str = "y") -> str:
    """``["a", "b", "c"]`` → ``"a, b y c"`` (``conjuncion="ni"`` → ``"a, b ni c"``)."""
    xs = [str(x) for x in elementos]
    return "" if not xs else xs[0] if len(xs) == 1 else ", ".join(xs[:-1]) + f" {conjuncion} " + xs[-1]


def tarjetas(items: list[dict]) -> Html:
    """Cifras grandes. Cada ítem: ``titulo``, ``valor`` (texto ya formateado), ``semaforo?`` (etiqueta y color),
    ``borde?`` (solo el color del semáforo, para conteos), ``detalle?``, ``principal?``."""
    partes = []
    for it in items:
        clave = it.get("semaforo", it.get("borde"))
        marca = semaforo_html(clave) if "semaforo" in it else ""
        clase = f" pai-tarjeta-{clave}" if clave in ETIQUETAS_SEMAFORO else ""
        principal = " pai-tarjeta-principal" if it.get("principal") else ""
        partes.append(
            f'<div class="pai-tarjeta{clase}{principal}"><div class="pai-tarjeta-titulo">{e(it["titulo"])}</div>'
            f'<div class="pai-tarjeta-valor">{e(it["valor"])}</div>{marca}'
            + (f'<div class="pai-tarjeta-detalle">{e(it["detalle"])}</div>' if it.get("detalle") else "")
            + "</div>"
        )
    return Html(f'<div class="pai-tarjetas">{"".join(partes)}</div>')
