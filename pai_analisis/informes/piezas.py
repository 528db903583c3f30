"""Piezas HTML de los informes: frases, etiquetas del semáforo, tarjetas de cifras.

El HTML seguro es ``markupsafe.Markup`` (el de Jinja2 y nbconvert): :class:`Pieza` es un
``Markup`` que JupyterLab muestra como HTML. Reglas de todo el paquete:

* entre funciones solo viaja HTML como ``Markup``; un ``str`` es texto y se escapa al juntarlo
  (``Pieza + str``, :func:`unir`, ``Pieza("<p>{}</p>").format(str)``) o se rechaza (el formato
  ``html`` de :func:`~.tablas.tabla_html`);
* dentro de una función, un f-string arma HTML solo con valores que pasaron por :func:`escapar`
  o que ya son ``Markup``, y lo entrega como ``Pieza(...)``.

:func:`escapar` es ``Pieza.escape``: el escape de markupsafe más las dos reglas de los informes,
un faltante se escribe «—» (:data:`~pai_analisis.comun.faltantes.FALTANTE`) y «87,5 %» lleva un
espacio que no se parte. Una meta llamada ``<script>`` se lee como texto. Toda cifra llega ya
formateada a la colombiana (``87,5 %``, ``$20.149 millones``).
"""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup
from markupsafe import escape as _escape_markupsafe

from ..comun.faltantes import FALTANTE, es_faltante
from ..comun.numeros import numero, pct, puntos
from ..comun.periodos import periodo_en_palabras
from ..metricas.parametros import ETIQUETAS_SEMAFORO

SIMBOLOS_SEMAFORO = {"critico": "●", "en_riesgo": "▲", "satisfactorio": "✔"}


class Pieza(Markup):
    """HTML seguro de los informes (un ``markupsafe.Markup``) que JupyterLab muestra como HTML.

    Lo que se le suma, se une con ella o se le da en ``format`` pasa por :meth:`escape`.
    """

    __slots__ = ()

    @classmethod
    def escape(cls, s) -> Pieza:
        """El escape de markupsafe; un faltante es «—» y « %» lleva espacio que no se parte."""
        if es_faltante(s):
            return cls(FALTANTE)
        if hasattr(s, "__html__"):  # ya es HTML seguro: tal cual
            return cls(s.__html__())
        return cls(str(_escape_markupsafe(str(s))).replace(" %", "\u00a0%"))  # «87,5 %» nunca se parte al final de una línea

    def _repr_html_(self) -> str:
        # tex2jax_ignore / mathjax_ignore: JupyterLab no convierte «$60.360 millones de $88.286 millones» en fórmulas
        return f'<div class="tex2jax_ignore mathjax_ignore">{self}</div>'

    def _repr_pretty_(self, p, ciclo) -> None:  # sin esto la salida guardaría el HTML dos veces
        p.text(f"<HTML del informe: {len(self):,} caracteres>")


escapar = Pieza.escape


def unir(*partes) -> Pieza:
    """Las partes no vacías, una por línea; una parte ``str`` es texto y se escapa."""
    return Pieza("\n").join(p for p in partes if p)


def columna_html(piezas, indice) -> pd.Series:
    """Una columna de :class:`Pieza` para una tabla (formato ``html``), con ``dtype=object``.

    pandas 3 guarda una lista de textos como columna ``str`` y con eso convierte cada ``Markup`` en
    un ``str`` sin marca: :func:`~.tablas.tabla_html` lo rechazaría. Así la columna guarda las piezas.
    """
    return pd.Series(list(piezas), index=indice, dtype=object)


def marca_sobreejecucion(umbral: float) -> Pieza:
    """La marca que acompaña todo valor bruto por encima del umbral de sobreejecución (no es «satisfactorio» sin más)."""
    return Pieza(
        f'<span class="pai-sobre" title="Sobreejecución: más de {escapar(pct(umbral, 0))} de lo programado; revise la '
        f'programación o el reporte">▲ sobreejecución</span>'
    )


def lectura(texto: str) -> Pieza:
    """La frase que lee una sección (texto plano: se escapa)."""
    return Pieza(f'<p class="pai-lectura">{escapar(texto)}</p>')


def etiqueta_semaforo(clave) -> str:
    """``"en_riesgo"`` → ``"▲ En riesgo"``; sin dato → ``"Sin dato"``."""
    if clave not in ETIQUETAS_SEMAFORO:
        return "Sin dato"
    return f"{SIMBOLOS_SEMAFORO[clave]} {ETIQUETAS_SEMAFORO[clave]}"


def semaforo_html(clave) -> Pieza:
    clase = clave if clave in ETIQUETAS_SEMAFORO else "sin_dato"
    return Pieza(f'<span class="semaforo semaforo-{clase}">{escapar(etiqueta_semaforo(clave))}</span>')


def frase_variacion(actual, anterior, periodo_anterior=None) -> str:
    """``93.3, 93.1, "2024-05"`` → ``"sube 0,2 puntos frente a mayo de 2024"``."""
    if actual is None or anterior is None or pd.isna(actual) or pd.isna(anterior):
        return "sin dato del mes anterior para comparar"
    texto = puntos(float(actual) - float(anterior))
    return f"{texto} frente a {periodo_en_palabras(periodo_anterior)}" if periodo_anterior else texto


def contar(n: int, singular: str, plural: str | None = None) -> str:
    """``contar(1, "indicador")`` → ``"1 indicador"``; ``contar(3, "indicador")`` → ``"3 indicadores"``."""
    return f"{numero(n, 0)} {singular if n == 1 else (plural or singular + 's')}"


def lista_es(elementos, conjuncion: str = "y"):
    """``["a", "b", "c"]`` → ``"a, b y c"`` (``conjuncion="ni"`` → ``"a, b ni c"``).

    Texto (``str``) si todos son texto; si alguno es HTML (``Markup``), una :class:`Pieza` en la que
    los demás se escapan.
    """
    xs = list(elementos)
    coma = Pieza(", ") if any(hasattr(x, "__html__") for x in xs) else ", "
    xs = xs if isinstance(coma, Pieza) else [str(x) for x in xs]
    return "" if not xs else xs[0] if len(xs) == 1 else coma.join(xs[:-1]) + f" {conjuncion} " + xs[-1]


def tarjetas(items: list[dict]) -> Pieza:
    """Cifras grandes. Cada ítem: ``titulo``, ``valor`` (texto ya formateado), ``semaforo?`` (etiqueta y color),
    ``borde?`` (solo el color del semáforo, para conteos), ``detalle?``, ``principal?``."""
    partes = []
    for it in items:
        clave = it.get("semaforo", it.get("borde"))
        marca = semaforo_html(clave) if "semaforo" in it else ""
        clase = f" pai-tarjeta-{clave}" if clave in ETIQUETAS_SEMAFORO else ""
        principal = " pai-tarjeta-principal" if it.get("principal") else ""
        partes.append(
            f'<div class="pai-tarjeta{clase}{principal}"><div class="pai-tarjeta-titulo">{escapar(it["titulo"])}</div>'
            f'<div class="pai-tarjeta-valor">{escapar(it["valor"])}</div>{marca}'
            + (f'<div class="pai-tarjeta-detalle">{escapar(it["detalle"])}</div>' if it.get("detalle") else "")
            + "</div>"
        )
    return Pieza(f'<div class="pai-tarjetas">{"".join(partes)}</div>')
