"""La conciliación con el presupuesto que publica el Distrito (sección 8.3), dicha en la terminal y en el informe 03.

Las cifras y el estado de cada mes los calcula :func:`pai_analisis.metricas.conciliacion.conciliar`;
aquí solo se escriben: una tabla de texto para ``pai conciliar`` y la frase y la tabla HTML del
informe de presupuesto (``ctx.conciliacion``, que pone ``pai informes --fuente``).
"""

from __future__ import annotations

from ...comun.numeros import numero, pct
from ...comun.periodos import periodo_en_palabras
from ...metricas.conciliacion import CUADRA, MEDIDAS, NO_CUADRA, TOLERANCIA_MILLONES, TOLERANCIA_PCT, ultima
from ..piezas import Pieza, contar, lectura
from ..tablas import tabla_html

_NOMBRES = {"apropiacion": "Apropiación", "compromisos": "Compromisos", "giros": "Giros"}
_TOLERANCIA = f"dentro de {numero(TOLERANCIA_PCT, 1)} % o {numero(TOLERANCIA_MILLONES, 0)} millón"


def _cifra(v, decimales: int = 1) -> str:
    return "—" if v is None or v != v else numero(v, decimales)


def _dif(v, p) -> str:
    if v is None or v != v:
        return "—"
    signo = "+" if v > 0 else "−" if v < 0 else ""
    return f"{signo}{numero(abs(v), 1)}" + ("" if p is None or p != p else f" ({signo}{pct(abs(p), 2)})")


def texto_terminal(tabla, entidad: str, archivo: str) -> str:
    """La tabla de ``pai conciliar``: un mes por línea, cada medida libro / fuente / diferencia, y el estado."""
    encabezado = ["Mes", *(f"{_NOMBRES[m]} libro / fuente / diferencia" for m in MEDIDAS), "Estado"]
    filas = [[str(r["periodo"]),
              *(f"{_cifra(r[f'{m}_libro'])} / {_cifra(r[f'{m}_fuente'])} / {_dif(r[f'{m}_diferencia'], r[f'{m}_diferencia_pct'])}"
                for m in MEDIDAS),
              r["estado"]] for r in tabla.to_dict("records")]
    anchos = [max(len(x) for x in col) for col in zip(encabezado, *filas, strict=False)]
    linea = lambda xs: "  ".join(x.ljust(a) for x, a in zip(xs, anchos, strict=False)).rstrip()  # noqa: E731
    cuenta = tabla["estado"].value_counts()
    resumen = (f"{contar(int(cuenta.get(CUADRA, 0)), 'mes cuadra', 'meses cuadran')}, "
               f"{contar(int(cuenta.get(NO_CUADRA, 0)), 'mes no cuadra', 'meses no cuadran')}")
    solos = [f"{contar(int(cuenta[e]), 'mes', 'meses')} {e}" for e in ("solo en el libro", "solo en la fuente") if cuenta.get(e)]
    return "\n".join([
        f"Conciliación de «{entidad}» (inversión) con «{archivo}», en millones de pesos; diferencia = libro − fuente.",
        f"Una cifra cuadra {_TOLERANCIA}; un mes cuadra si cuadran sus tres cifras.",
        "",
        linea(encabezado),
        linea(["-" * a for a in anchos]),
        *(linea(f) for f in filas),
        "",
        "; ".join([resumen, *solos]) + ".",
    ])


def frase_conciliacion(ctx) -> str | None:
    """La frase de la última conciliación del periodo, o ``None`` si ``pai informes`` no recibió ``--fuente``."""
    c = getattr(ctx, "conciliacion", None)
    if not c:
        return None
    tabla, entidad, archivo = c["tabla"], c["entidad"], c["archivo"]
    u = ultima(tabla)
    if u is None:
        return (f"La fuente «{archivo}» no tiene meses de {ctx.libro.vigencia} hasta {ctx.periodo_texto} que se puedan comparar "
                f"con el libro para «{entidad}».")
    mes = periodo_en_palabras(u["periodo"])
    if u["estado"] == CUADRA:
        texto = (f"Conciliación con el presupuesto que publica el Distrito («{archivo}», {entidad}, inversión): a {mes} las "
                 f"cifras del libro cuadran ({_TOLERANCIA}).")
    else:
        malas = [f"{_NOMBRES[m].lower()} {_dif(u[f'{m}_diferencia'], None)} millones"
                 + ("" if u[f"{m}_diferencia_pct"] != u[f"{m}_diferencia_pct"] else f" ({_dif(u[f'{m}_diferencia_pct'], None)} %)")
                 for m in MEDIDAS if abs(u[f"{m}_diferencia"]) > TOLERANCIA_MILLONES
                 and not (u[f"{m}_diferencia_pct"] == u[f"{m}_diferencia_pct"] and abs(u[f"{m}_diferencia_pct"]) <= TOLERANCIA_PCT)]
        texto = (f"Conciliación con el presupuesto que publica el Distrito («{archivo}», {entidad}, inversión): a {mes} las "
                 f"cifras del libro NO cuadran: {'; '.join(malas)} (libro − fuente). Revise los cortes de ese mes.")
    no = (tabla["estado"] == NO_CUADRA).sum()
    solos = (~tabla["estado"].isin([CUADRA, NO_CUADRA])).sum()
    extra = []
    if no:
        extra.append(f"en el año, {contar(int(no), 'mes no cuadra', 'meses no cuadran')}")
    if solos:
        extra.append(f"{contar(int(solos), 'mes está', 'meses están')} en un solo lado")
    return texto + (f" ({'; '.join(extra)}; cada mes en la tabla.)" if extra else "")


def _tabla(c) -> Pieza:
    t = c["tabla"].assign(periodo=lambda d: d["periodo"].astype(str))
    columnas = {"periodo": ("Mes", "periodo")}
    for m in MEDIDAS:
        columnas[f"{m}_libro"] = (f"{_NOMBRES[m]}: libro", "pesos")
        columnas[f"{m}_fuente"] = ("fuente", "pesos")
        columnas[f"{m}_diferencia"] = ("diferencia", "pesos_cambio")
    columnas["estado"] = ("Estado", "texto")
    return tabla_html(t.iloc[::-1], columnas)


def tabla_conciliacion(ctx) -> Pieza:
    """Subtítulo, frase y tabla (el mes más reciente arriba) de la conciliación; nada si ``pai informes`` no recibió ``--fuente``."""
    frase = frase_conciliacion(ctx)
    if frase is None:
        return Pieza("")
    return Pieza('<h3 id="conciliacion">Conciliación con el presupuesto que publica el Distrito</h3>'
                + str(lectura(frase)) + str(_tabla(ctx.conciliacion)))
