"""Presentación de los informes: contexto del cálculo y piezas HTML de cada sección.

Los cuadernos de ``cuadernos/`` llaman a :func:`preparar` (que calcula una sola vez o lee el
cálculo que ya hizo ``pai informes``) y muestran piezas HTML hechas aquí: :func:`tabla_html`,
:func:`figura_html`, :func:`lectura`, :func:`tarjetas`. El encabezado, el pie de procedencia y
la conversión de cada cuaderno ejecutado a HTML están en :mod:`pai_analisis.paginas`.

Toda cifra sale con formato colombiano (``87,5 %``, ``$20.149 millones``) y todo texto que
viene del libro se escapa: una meta llamada ``<script>`` se lee como texto.
"""

from __future__ import annotations

import base64
import html
import io
import os
import pickle
import sys
from functools import cached_property
from pathlib import Path

import pandas as pd

from .formato import millones, numero, pct, puntos
from .parametros import ETIQUETAS_SEMAFORO
from .textos import periodo_en_palabras

SIMBOLOS_SEMAFORO = {"critico": "●", "en_riesgo": "▲", "satisfactorio": "✔"}
PPP = 100  # puntos por pulgada de las figuras: nítidas en pantalla y livianas (< 1 MB por informe)


class Html(str):
    """Texto HTML que JupyterLab muestra como HTML y que se puede concatenar como ``str``."""

    def _repr_html_(self) -> str:
        return str(self)

    def _repr_pretty_(self, p, ciclo) -> None:  # sin esto la salida guardaría el HTML dos veces
        p.text(f"<HTML del informe: {len(self):,} caracteres>")


def unir(*partes: str) -> Html:
    return Html("\n".join(str(p) for p in partes if p))


# ---------------------------------------------------------------- contexto del cálculo

class Contexto:
    """Libro, métricas y parámetros de un periodo, con las series mensuales calculadas a demanda."""

    def __init__(self, libro, metricas, parametros, memoria: dict | None = None):
        self.libro, self.metricas, self.parametros = libro, metricas, parametros
        self.periodo: pd.Period = metricas.periodo
        self.memoria = memoria  # meses ya calculados (metricas._nucleo_en); no se guarda en el pickle

    def __getstate__(self) -> dict:
        return {**self.__dict__, "memoria": None}

    @cached_property
    def serie(self) -> pd.DataFrame:
        from .metricas import serie_mensual
        return serie_mensual(self.libro, self.periodo, self.parametros, memoria=self.memoria)

    @cached_property
    def curva(self) -> pd.DataFrame:
        from .presupuesto import curva_presupuestal
        return curva_presupuestal(self.libro.proyectos, self.libro.presupuesto, self.periodo)

    @cached_property
    def indicadores_mes(self) -> pd.DataFrame:
        from .indicadores import cumplimiento_mensual
        return cumplimiento_mensual(self.libro.indicadores, self.libro.seguimiento_indicadores, self.periodo)

    @property
    def periodo_texto(self) -> str:
        return periodo_en_palabras(self.periodo)

    def semaforo(self, valor) -> str | None:
        return self.parametros.semaforo([valor]).iloc[0]

    def completar(self) -> Contexto:
        """Calcula ya todas las series perezosas (para guardar el cálculo completo)."""
        for nombre in ("serie", "curva", "indicadores_mes"):
            getattr(self, nombre)
        return self


def preparar_desde(libro, periodo, parametros=None, memoria: dict | None = None) -> Contexto:
    """Calcula las métricas de ``periodo`` sobre un libro ya cargado (lo usa ``pai informes``, que ya validó el libro).

    ``memoria``: diccionario compartido entre los periodos de una corrida (mismo libro y parámetros).
    """
    from .metricas import calcular_metricas
    from .parametros import cargar_parametros

    par = parametros or cargar_parametros()
    memoria = {} if memoria is None else memoria
    return Contexto(libro, calcular_metricas(libro, periodo, par, memoria=memoria), par, memoria)


def guardar_calculo(ctx: Contexto, ruta) -> Path:
    """Guarda el contexto completo (con sus series) para que los cuadernos no recalculen. Escritura atómica."""
    ruta = Path(ruta)
    temporal = ruta.with_name(ruta.name + ".tmp")
    with open(temporal, "wb") as f:
        pickle.dump(ctx.completar(), f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporal, ruta)
    return ruta


def cargar_calculo(ruta) -> Contexto:
    """Lee un cálculo escrito por :func:`guardar_calculo` (archivo propio de ``pai informes``: es un pickle)."""
    with open(ruta, "rb") as f:
        ctx = pickle.load(f)
    if not isinstance(ctx, Contexto):
        raise TypeError(f"«{ruta}» no contiene un cálculo de pai-analisis.")
    return ctx


def _ruta(ruta):
    """Una ruta relativa que no existe desde la carpeta actual se busca en las superiores (cuadernos/ → raíz)."""
    if ruta is None or Path(ruta).is_absolute() or Path(ruta).exists():
        return ruta
    for carpeta in Path.cwd().resolve().parents:
        if (carpeta / ruta).exists():
            return carpeta / ruta
    return ruta


_ESTILO_LISTO = False


def estilo() -> None:
    """Fija una sola vez el estilo de los gráficos (y Agg fuera de un núcleo de Jupyter)."""
    global _ESTILO_LISTO
    if _ESTILO_LISTO:
        return
    import matplotlib

    if "ipykernel" not in sys.modules and "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")
    from .graficos import aplicar_estilo

    aplicar_estilo()
    _ESTILO_LISTO = True


def preparar(periodo, datos=None, parametros=None, calculo=None) -> Contexto:
    """Contexto del informe de ``periodo``.

    ``calculo``: ruta de un cálculo guardado por :func:`guardar_calculo` (así lo usa ``pai
    informes``: los cuadernos no recalculan). Sin ella: carga ``datos`` (``None`` = plan 2024
    con el año de demostración), lee ``parametros`` (``None`` = ``parametros/base.yaml`` si
    existe) y calcula.
    """
    from .metricas import resolver_periodo

    estilo()
    if calculo is not None:
        ctx = cargar_calculo(calculo)
        pedido = resolver_periodo(periodo, ctx.libro.vigencia)
        if pedido != ctx.periodo:
            raise ValueError(f"El cálculo «{calculo}» es de {ctx.periodo} y se pidió el informe de {pedido}.")
        return ctx
    from .carga import cargar_libro
    from .parametros import cargar_parametros

    return preparar_desde(cargar_libro(_ruta(datos)), periodo, cargar_parametros(_ruta(parametros)))


# ---------------------------------------------------------------- frases y piezas pequeñas

def e(texto) -> str:
    """Escapa texto para HTML; ``None``/NaN → «—»."""
    if texto is None or (isinstance(texto, float) and texto != texto):
        return "—"
    return html.escape(str(texto)).replace(" %", "\u00a0%")  # «87,5 %» nunca se parte al final de una línea


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
        partes.append(f'<div class="pai-tarjeta{clase}{principal}"><div class="pai-tarjeta-titulo">{e(it["titulo"])}</div>'
                      f'<div class="pai-tarjeta-valor">{e(it["valor"])}</div>{marca}'
                      + (f'<div class="pai-tarjeta-detalle">{e(it["detalle"])}</div>' if it.get("detalle") else "") + "</div>")
    return Html(f'<div class="pai-tarjetas">{"".join(partes)}</div>')


# ---------------------------------------------------------------- tablas y figuras

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


def png_base64(fig, ppp: int = PPP) -> tuple[str, int, int]:
    """PNG (paleta de 256 colores, optimizado) en base64, con su ancho y alto en píxeles."""
    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=ppp, facecolor="white", metadata={"Software": None})
    imagen = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    paleta = imagen.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    salida = io.BytesIO()
    paleta.save(salida, format="PNG", optimize=True)
    return base64.b64encode(salida.getvalue()).decode("ascii"), imagen.width, imagen.height


def figura_html(fig, alt: str, titulo: str | None = None) -> Html | None:
    """``<figure>`` con el PNG incrustado (``data:``), texto alternativo obligatorio y pie; cierra la figura.

    ``fig=None`` (el gráfico no tiene datos que dibujar: así lo dicen los ``grafico_*`` de
    :mod:`pai_analisis.lecturas` y de los ``lecturas_*`` de cada área) → ``None``: la celda no
    muestra nada y la frase de la sección explica por qué. El texto alternativo se exige igual.
    """
    if not alt or not str(alt).strip():
        raise ValueError("Cada figura necesita un texto alternativo (alt) que diga qué muestra y sus cifras clave.")
    if fig is None:
        return None
    datos, ancho, alto = png_base64(fig)
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close(fig)
    fig.clear()
    pie_figura = f"<figcaption>{e(titulo)}</figcaption>" if titulo else ""
    return Html(f'<figure class="pai-figura"><img src="data:image/png;base64,{datos}" alt="{e(alt)}" width="{ancho}" '
                f'height="{alto}">{pie_figura}</figure>')
