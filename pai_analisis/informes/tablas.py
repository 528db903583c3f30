"""Tablas HTML de los informes: cifras honestas con formato colombiano, semáforo con símbolo y palabra.

Cada tabla se escribe completa en el HTML (se lee sin JavaScript e impresa) y lleva lo que
necesitan el teléfono y las tablas interactivas (``plantillas/pai/pai-tablas.js``, DataTables):

* ``data-label`` en cada celda: en una pantalla angosta cada fila es una tarjeta y cada valor
  lleva el nombre de su columna (``pai-tablas.css``), así el semáforo siempre se ve;
* ``data-order`` en las columnas numéricas, de semáforo y de periodo (el valor para ordenar,
  con punto decimal), en todas sus celdas;
* con ``interactiva=True``, ``data-interactiva`` en la tabla y ``data-filtro`` en las columnas de
  ``filtros`` (un selector por dependencia, proceso, objetivo, proyecto…);
* ``fila_id``: el ``id`` de cada fila, para que una alerta o un objetivo enlacen a ella.

Formatos (``columnas = {columna: (título, formato)}``): ``texto``, ``entero``, ``numero``,
``numero2``, ``magnitud`` (los decimales con que se escribió el valor: 0,15 sigue siendo 0,15),
``unidad:COL`` (un valor de indicador con la unidad de la columna ``COL`` de la fila y su precisión: «5,4 días»),
``html`` (HTML ya armado, solo ``markupsafe.Markup``: un nombre con su responsable y su observación; un ``str``
es un error, ``TypeError``), ``cifra_html`` (lo mismo
para una cifra, que va a la derecha: la meta con su reprogramación), ``pct``, ``pct0``,
``pesos`` (``$20.149``, ``−$599``), ``pesos_cambio`` (``+$412``, ``−$7.534``), ``cumplimiento`` (porcentaje con la marca de sobreejecución cuando pasa de
``sobreejecucion``), ``millones``, ``pesos``, ``puntos``, ``si_no``, ``periodo``, ``semaforo`` o una
función del valor. Ningún texto se recorta: las celdas largas se ajustan a varias líneas.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from ..comun.faltantes import FALTANTE, es_faltante
from ..comun.numeros import decimales_unidad, magnitud, millones, numero, pct
from ..comun.periodos import periodo_en_palabras
from ..metricas.parametros import ETIQUETAS_SEMAFORO
from .piezas import Pieza, escapar, etiqueta_semaforo, marca_sobreejecucion

RANGO_SEMAFORO = {"sin_dato": 0, "critico": 1, "en_riesgo": 2, "satisfactorio": 3}
_NUMERICOS = {
    "entero",
    "numero",
    "numero2",
    "magnitud",
    "pct",
    "pct0",
    "cumplimiento",
    "millones",
    "pesos",
    "pesos_cambio",
    "puntos",
    "cifra_html",
}
_SIMPLES = {
    "entero": lambda v: numero(v, 0),
    "numero": lambda v: numero(v, 1),
    "numero2": lambda v: numero(v, 2),
    "magnitud": magnitud,
    "pct": pct,
    "pct0": lambda v: pct(v, 0),
    "cumplimiento": pct,
    "millones": millones,
    "pesos": lambda v: ("−" if v < -0.5 else "") + "$" + numero(abs(v), 0),
    "pesos_cambio": lambda v: ("+" if v > 0.5 else "−" if v < -0.5 else "") + "$" + numero(abs(v), 0),
    "puntos": lambda v: ("+" if v > 0 else "") + numero(v, 1),
}


# El cuaderno abierto en JupyterLab no tiene la hoja de estilos del informe y JupyterLab alinea a la
# derecha toda celda (.jp-RenderedHTMLCommon td): el texto va a la izquierda y las cifras a la derecha
# también ahí. En el informe publicado, componentes.css pone lo mismo (estas reglas no lo contradicen).
ESTILO_JUPYTER = ("<style>.pai-tabla-marco table.pai-tabla td,.pai-tabla-marco table.pai-tabla th{text-align:left}"
                  ".pai-tabla-marco table.pai-tabla td.num,.pai-tabla-marco table.pai-tabla th.num{text-align:right}</style>")


_vacio = es_faltante


def _numerico(formato) -> bool:
    return isinstance(formato, str) and (formato in _NUMERICOS or formato.startswith("unidad:"))


def con_unidad(valor, unidad, referencia=None) -> str:
    """``5.4333, "días"`` → ``5,4 días``; ``95, "%"`` → ``95,0 %``; ``20000, "número"`` → ``20.000 (número)``.

    Con la precisión de su unidad (o de ``referencia``, la meta, si se escribió con más decimales):
    :func:`~pai_analisis.comun.numeros.decimales_unidad`.
    """
    texto = numero(valor, decimales_unidad(unidad, referencia)) if not _vacio(valor) else FALTANTE
    if texto == FALTANTE or not isinstance(unidad, str) or not unidad.strip():
        return texto
    unidad = unidad.strip()
    if unidad == "%":
        return f"{texto} %"
    return f"{texto} ({unidad})" if unidad.lower() in ("número", "numero", "unidades") else f"{texto} {unidad}"


def _celda(valor, formato, fila: dict, sobreejecucion: float | None) -> tuple[str, str | None]:
    """(contenido HTML escapado, valor de ``data-order`` o ``None``) de una celda."""
    vacio = _vacio(valor)
    if callable(formato):
        return escapar(formato(valor)), None
    if formato in ("html", "cifra_html"):  # HTML que armó quien llama (p. ej. un nombre con su observación): solo Markup
        if vacio:
            return FALTANTE, None
        if not hasattr(valor, "__html__"):
            raise TypeError(f"La columna de formato «{formato}» trae un {type(valor).__name__} ({str(valor)[:60]!r}): solo acepta "
                            "HTML seguro (markupsafe.Markup, p. ej. una Pieza de informes/piezas.py); un texto va con formato «texto».")
        return str(valor.__html__()), None
    if formato in (None, "texto"):
        return escapar(None if vacio else valor), None
    if formato == "si_no":
        return (FALTANTE if vacio else "Sí" if bool(valor) else "No"), None
    if formato == "periodo":
        return (FALTANTE, "") if vacio else (f'<span class="pai-mes">{escapar(periodo_en_palabras(valor))}</span>', str(valor))
    if vacio:
        return FALTANTE, ""
    orden = format(float(valor), ".10g")
    if isinstance(formato, str) and formato.startswith("unidad:"):
        return escapar(con_unidad(float(valor), fila.get(formato.split(":", 1)[1]), fila.get("meta"))), orden
    if formato not in _SIMPLES:
        raise ValueError(f"Formato de columna desconocido: {formato!r}")
    texto = escapar(_SIMPLES[formato](float(valor)))
    if formato == "cumplimiento" and sobreejecucion is not None and float(valor) > sobreejecucion:
        texto += " " + marca_sobreejecucion(sobreejecucion)
    return texto, orden


def tabla_html(
    df: pd.DataFrame,
    columnas: dict,
    semaforo: str | None = None,
    vacia: str = "No hay elementos para mostrar.",
    clase: str = "",
    *,
    interactiva: bool = False,
    filtros: dict | None = None,
    fila_id=None,
    sobreejecucion: float | None = None,
    valor_filtro: dict | None = None,
) -> Pieza:
    """Tabla HTML (ver el docstring del módulo). ``semaforo``: columna con la clave del semáforo, que se agrega al
    final como etiqueta (símbolo + palabra, legible también impresa en gris). ``filtros``: ``{columna: etiqueta}``
    de los selectores de una tabla interactiva; ``valor_filtro``: ``{columna: columna_clave}`` cuando el filtro
    debe usar otra columna como clave (p. ej. el número del objetivo). Todo texto se escapa."""
    if df is None or len(df) == 0:
        return Pieza(f'<p class="pai-vacio">{escapar(vacia)}</p>')
    cols = dict(columnas)
    if semaforo and semaforo not in cols:
        cols[semaforo] = ("Semáforo", "semaforo")
    filtros, valor_filtro = filtros or {}, valor_filtro or {}
    etiquetas = {c: t.replace("\u00ad", "") for c, (t, _f) in cols.items()}
    cabecera = []
    for c, (t, f) in cols.items():
        atributos = ' class="num"' if _numerico(f) else ""
        if interactiva and c in filtros:
            atributos += f' data-filtro="{escapar(filtros[c])}"'
        cabecera.append(f'<th scope="col"{atributos}>{escapar(t)}</th>')
    filas = []
    for fila in df.to_dict("records"):
        celdas = []
        for c, (_t, formato) in cols.items():
            valor = fila.get(c)
            extra = f' data-label="{escapar(etiquetas[c])}"'
            if interactiva and c in filtros and c in valor_filtro and not _vacio(fila.get(valor_filtro[c])):
                extra += f' data-filtro-valor="{escapar(fila.get(valor_filtro[c]))}"'
            if formato == "semaforo":
                clave = valor if valor in ETIQUETAS_SEMAFORO else "sin_dato"
                if interactiva and c in filtros:
                    extra += f' data-filtro-valor="{clave}"'
                celdas.append(
                    f'<td class="semaforo semaforo-{clave}" data-order="{RANGO_SEMAFORO[clave]}"{extra}>'
                    f"<span>{escapar(etiqueta_semaforo(valor))}</span></td>"
                )
                continue
            texto, orden = _celda(valor, formato, fila, sobreejecucion)
            if orden is not None:
                extra += f' data-order="{escapar(orden)}"'
            clases = "num" if _numerico(formato) else "largo" if len(texto) > 45 and formato != "periodo" else ""
            celdas.append(f"<td{f' class={chr(34)}{clases}{chr(34)}' if clases else ''}{extra}>{texto}</td>")
        ident = fila_id(fila) if fila_id else None
        filas.append(f"<tr{f' id={chr(34)}{escapar(ident)}{chr(34)}' if ident else ''}>" + "".join(celdas) + "</tr>")
    clases = {c for c in clase.split() if c}
    if len(cols) >= 8:  # muchas columnas: letra y márgenes menores para que quepa en el ancho de la página
        clases.add("pai-tabla-compacta")
    atributo = " data-interactiva" if interactiva else ""
    return Pieza(
        f'<div class="pai-tabla-marco">{ESTILO_JUPYTER}<table class="{escapar(" ".join(["pai-tabla", *sorted(clases)]))}"{atributo}>'
        f"<thead><tr>{''.join(cabecera)}</tr></thead><tbody>{''.join(filas)}</tbody></table></div>"
    )


_MARCO_O_TITULO = re.compile(r'<div class="pai-tabla-marco">|<h([1-6])\b[^>]*>(.*?)</h\1>', re.S)


def rotular_marcos(pagina: str) -> str:
    """Cada marco desplazable de tabla (``div.pai-tabla-marco``) alcanzable con el teclado y con nombre.

    Un marco con ``overflow-x: auto`` que no recibe el foco no se puede desplazar sin ratón (WCAG 2.1.1,
    regla ``scrollable-region-focusable`` de axe): lleva ``tabindex="0"``, ``role="region"`` y
    ``aria-label`` con el título de la sección que lo precede (el último encabezado antes de la tabla)."""
    titulo = "Tabla"

    def poner(m: re.Match) -> str:
        nonlocal titulo
        if m.group(1):
            texto = html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).replace("¶", "").replace("\u00ad", "").strip()
            titulo = " ".join(texto.split()) or titulo
            return m.group(0)
        return f'<div class="pai-tabla-marco" tabindex="0" role="region" aria-label="{escapar(f"Tabla: {titulo}")}">'

    return _MARCO_O_TITULO.sub(poner, pagina)
