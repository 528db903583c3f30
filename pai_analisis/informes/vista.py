"""Las tablas de un analista en JupyterLab: :func:`mostrar`, legible en español y sin cambiar nada global.

``pai.mostrar(df)`` muestra un DataFrame como tabla interactiva (itables, sin internet) con los
valores por defecto de la Oficina, puestos aquí una sola vez y pasados **en cada llamada** (nunca
en ``itables.options`` ni en ``pd.options``: importar el paquete o llamar ``mostrar`` no cambia
cómo se ven las demás tablas del cuaderno):

* el texto se ajusta (sin ``nowrap``) y va a la izquierda, también en JupyterLab, cuyo estilo
  alinea a la derecha toda celda de una tabla HTML;
* los números van a la derecha, a la colombiana (``20.149,5``; un decimal por omisión,
  ``decimales={"columna": n}`` para otro), y se ordenan como números; los enteros (códigos)
  quedan tal cual, sin separador de miles (7867, no 7.867);
* los nombres, descripciones y observaciones van en una columna acotada (``ANCHO_TEXTO``) y los
  encabezados se parten en los ``_``: la tabla cabe en la página y el semáforo se ve sin desplazar;
* los meses (``period[M]``) se muestran ``AAAA-MM``; los booleanos, «Sí» o «No»; los vacíos, «—».

Es **redondeo de presentación**: el DataFrame no cambia (``m.metas["cumplimiento"]`` conserva toda
su precisión; ``mostrar`` solo decide cómo se escribe). Sin itables (instalación sin el extra
``analistas``) muestra un ``Styler`` de pandas con el mismo formato.
"""

from __future__ import annotations

import math

import pandas as pd

from ..comun.numeros import numero

# columnas de texto largo: van en una columna acotada que se ajusta
TEXTO_LARGO = ("nombre", "descripcion", "observacion", "observaciones", "observacion_periodo", "mensaje", "motivo",
               "nombre_anterior", "nombre_nuevo", "control")
ANCHO_TEXTO = "22em"
_CORTE = "_\u200b"  # un espacio de ancho cero después de cada «_»: el encabezado se puede partir ahí
IDIOMA = {
    "search": "Buscar:", "lengthMenu": "_MENU_ filas por página", "info": "Filas _START_ a _END_ de _TOTAL_",
    "infoEmpty": "Ninguna fila", "infoFiltered": "(filtradas de _MAX_)", "emptyTable": "La tabla está vacía",
    "zeroRecords": "Ninguna fila coincide con la búsqueda",
}
# reglas con la clase propia de estas tablas: más específicas que las de JupyterLab (.jp-RenderedHTMLCommon td)
ESTILO = (
    "table.pai-vista{width:100%!important;max-width:100%}"
    "table.pai-vista th,table.pai-vista td{white-space:normal;vertical-align:top}"
    "table.pai-vista th{overflow-wrap:anywhere;min-width:4.5em}"
    "table.pai-vista thead th.dt-orderable-asc,table.pai-vista thead th.dt-orderable-desc{padding-right:22px}"
    "table.pai-vista td.pai-texto,table.pai-vista th.pai-texto{text-align:left!important}"
    "table.pai-vista td.pai-num,table.pai-vista th.pai-num{text-align:right!important}"
    "table.pai-vista td.pai-num{white-space:nowrap}"
    "table.pai-vista th{white-space:normal!important}"
    f"table.pai-vista td.pai-largo{{min-width:12em;max-width:{ANCHO_TEXTO}}}"
)
_iniciado = False  # la librería de tablas ya se cargó en este kernel (init_notebook_mode, una vez)


def _render_numero(decimales: int):
    from itables import JavascriptFunction

    # a la colombiana como comun.numeros.numero: punto de miles, coma decimal; NaN → «—»; ordenar con el número
    return JavascriptFunction(
        "function (data, type, row, meta) { if (type === 'sort' || type === 'type') { return data; }"
        " if (data === null || data === undefined || data === '' || Number.isNaN(Number(data))) { return '—'; }"
        f" var p = Math.abs(Number(data)).toFixed({decimales}).split('.');"
        " var miles = p[0].replace(/\\B(?=(\\d{3})+(?!\\d))/g, '.');"
        " return (Number(data) < 0 ? '-' : '') + miles + (p.length > 1 ? ',' + p[1] : ''); }"
    )


def preparar(df: pd.DataFrame, columnas: list[str] | None = None) -> pd.DataFrame:
    """La copia que se muestra: solo ``columnas`` (las que existan), sin índice de rango, meses como texto."""
    if isinstance(df, pd.Series):
        df = df.to_frame()
    if columnas is not None:
        df = df[[c for c in columnas if c in df.columns]]
    df = df.copy()
    for c in df.columns:
        t = df[c].dtype
        if isinstance(t, pd.PeriodDtype):
            df[c] = df[c].astype("string")
        if pd.api.types.is_bool_dtype(t):
            df[c] = df[c].map({True: "Sí", False: "No"}).astype("string")
        elif not (pd.api.types.is_numeric_dtype(t) or pd.api.types.is_datetime64_any_dtype(t)):
            df[c] = df[c].astype("string").fillna("—")  # un vacío de texto es «—», no «NaN» ni «None»
    return df


def _tipos(df: pd.DataFrame) -> tuple[list[int], list[int], list[int]]:
    """(posiciones de columnas float, de enteros, de texto) de ``df`` (ya preparado: sin booleanos)."""
    flotantes, enteros, texto = [], [], []
    for i, c in enumerate(df.columns):
        t = df[c].dtype
        if pd.api.types.is_float_dtype(t):
            flotantes.append(i)
        elif pd.api.types.is_integer_dtype(t):
            enteros.append(i)
        else:
            texto.append(i)
    return flotantes, enteros, texto


def opciones(df: pd.DataFrame, decimales: dict[str, int] | None = None, predeterminados: int = 1) -> dict:
    """Las opciones de itables para ``df`` (ya preparado): clases, estilo, columnDefs, idioma."""
    decimales = decimales or {}
    flotantes, enteros, texto = _tipos(df)
    defs: list[dict] = []
    for d in sorted({decimales.get(df.columns[i], predeterminados) for i in flotantes}):
        cols = [i for i in flotantes if decimales.get(df.columns[i], predeterminados) == d]
        defs.append({"targets": cols, "render": _render_numero(d), "className": "pai-num"})
    if enteros:
        defs.append({"targets": enteros, "className": "pai-num"})
    largas = [i for i in texto if str(df.columns[i]) in TEXTO_LARGO]
    if largas:
        defs.append({"targets": largas, "className": "pai-texto pai-largo"})
    cortas = [i for i in texto if i not in largas]
    if cortas:
        defs.append({"targets": cortas, "className": "pai-texto"})
    return {
        "classes": "display compact pai-vista", "style": "table-layout:auto;width:100%;margin:0", "css": ESTILO,
        "columnDefs": defs, "autoWidth": False, "language": IDIOMA, "maxBytes": "1MB", "allow_html": False,
        "showIndex": False, "pageLength": 10, "lengthMenu": [10, 25, 50, 100],
    }


def _encabezados(df: pd.DataFrame) -> pd.DataFrame:
    return df.set_axis([str(c).replace("_", _CORTE) for c in df.columns], axis=1)


def _styler(df: pd.DataFrame, decimales: dict[str, int], predeterminados: int):
    flotantes, _, texto = _tipos(df)

    def formato(d):
        return lambda v: "—" if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else numero(v, d)

    s = df.style.hide(axis="index").format({df.columns[i]: formato(decimales.get(df.columns[i], predeterminados))
                                            for i in flotantes}, na_rep="—")
    s = s.set_properties(subset=[df.columns[i] for i in texto], **{"text-align": "left", "white-space": "normal"})
    return s.set_properties(subset=[df.columns[i] for i in flotantes], **{"text-align": "right"})


def mostrar(df: pd.DataFrame, columnas: list[str] | None = None, *, decimales: dict[str, int] | None = None,
            predeterminados: int = 1, titulo: str | None = None, **extra) -> None:
    """Muestra ``df`` (solo ``columnas``, si se dan) como tabla legible en JupyterLab (ver el docstring del módulo).

    ``decimales``: decimales por columna float (por omisión ``predeterminados``, 1). ``titulo``: el
    título encima de la tabla. ``extra``: otras opciones de itables para esta tabla (p. ej.
    ``pageLength=25``). No devuelve nada: muestra la tabla en la salida de la celda.
    """
    from IPython.display import display

    global _iniciado
    tabla = preparar(df, columnas)
    try:
        from itables import init_notebook_mode, show
    except ImportError:
        display(_styler(tabla, decimales or {}, predeterminados).set_caption(titulo) if titulo else
                _styler(tabla, decimales or {}, predeterminados))
        return
    if not _iniciado:
        init_notebook_mode(all_interactive=False, connected=False)  # no cambia el repr de pandas
        _iniciado = True
    show(_encabezados(tabla), caption=titulo, **(opciones(tabla, decimales, predeterminados) | extra))
