"""Lecturas del informe 07, dependencias: qué debía reportar cada dependencia del mes, qué reportó, qué
falta (con nombre), sus elementos en rojo y sus alertas, cada elemento enlazado a su fila de detalle en
los informes 03 a 06. :func:`frase_pendientes` es la frase que repiten el resumen (01) y el índice del
periodo: qué dependencias no han entregado sus reportes.

Las cifras son las de la tabla ``dependencias`` de :mod:`pai_analisis.metricas.dependencias` (sección 10 del
contrato) y la lista de elementos del periodo (``ctx.elementos_dependencias``); aquí solo se redactan.
"""

from __future__ import annotations

import pandas as pd

from ...comun.numeros import numero, pct
from ...comun.textos import normalizar
from ...metricas.dependencias import COMPLETO, INCOMPLETO, NADA_DEBIDO, SIN_REPORTES, dependencia_canonica
from .. import graficos
from ..piezas import Pieza, columna_html, contar, escapar, lista_es, tarjetas, unir
from ..tablas import tabla_html
from .comunes import corto
from .elementos import ancla, enlace

INFORME = "07_dependencias"
ESTADOS = {SIN_REPORTES: "Sin reportes", INCOMPLETO: "Incompleto", COMPLETO: "Completo", NADA_DEBIDO: "Nada debido"}
_TIPO = {"metas": ("meta", "Meta"), "indicadores": ("indicador", "Indicador"), "actividades": ("actividad", "Actividad"),
         "riesgos": ("riesgo", "Riesgo")}


def _tabla(ctx) -> pd.DataFrame:
    return ctx.metricas.dependencias


def _mes(ctx) -> str:
    return ctx.periodo_texto


def anclas(dependencias) -> dict[str, str]:
    """El ``id`` de la sección de cada dependencia (``dependencia-subsecretaria-corporativa``), único en la página."""
    vistos: dict[str, str] = {}
    for d in dependencias:
        base, n = ancla("dependencia", normalizar(d)), 1
        candidato = base
        while candidato in vistos.values():
            n += 1
            candidato = f"{base}-{n}"
        vistos[d] = candidato
    return vistos


def _faltan(fila) -> str:
    return f"falta {numero(fila.faltantes, 0)} de {numero(fila.debidos, 0)}" if fila.faltantes == 1 else (
        f"faltan {numero(fila.faltantes, 0)} de {numero(fila.debidos, 0)}")


def frase_pendientes(ctx) -> str:
    """Qué dependencias no han entregado sus reportes del mes (la frase del resumen y del índice del periodo)."""
    t = _tabla(ctx)
    con = t[t["debidos"] > 0]
    if not len(con):
        return f"Ninguna dependencia tenía reportes debidos en {_mes(ctx)}."
    nada = con[con["estado_reporte"] == SIN_REPORTES]
    parte = con[con["estado_reporte"] == INCOMPLETO]
    if len(nada) == len(con):
        n = int(con["debidos"].sum())
        debidos = "su reporte" if n == 1 else f"sus {numero(n, 0)} reportes"
        quien = (f"la única que debía reportar tiene pendiente {debidos}" if len(con) == 1 else
                 f"las {numero(len(con), 0)} que debían reportar tienen pendientes {debidos}")
        return f"Aún no hay reportes de ninguna dependencia para {_mes(ctx)}: {quien}."
    if not len(nada) and not len(parte):
        return (f"Las {contar(len(con), 'dependencia')} que debían reportar en {_mes(ctx)} entregaron todo "
                f"({contar(int(con['debidos'].sum()), 'reporte')}).") if len(con) > 1 else (
            f"La única dependencia que debía reportar en {_mes(ctx)} entregó todo.")
    frases = [f"De {contar(len(con), 'dependencia')} que debían reportar en {_mes(ctx)}, "
              f"{numero(len(nada) + len(parte), 0)} no {'ha' if len(nada) + len(parte) == 1 else 'han'} entregado todo"]
    if len(nada):
        frases.append(f"sin ningún reporte: {lista_es([f'{r.dependencia} ({_faltan(r)})' for r in nada.itertuples()])}")
    if len(parte):
        frases.append(f"con reportes incompletos: {lista_es([f'{r.dependencia} ({_faltan(r)})' for r in parte.itertuples()])}")
    return "; ".join(frases) + "."


def resumen_pendientes(ctx) -> Pieza:
    """:func:`frase_pendientes` con el enlace al informe 07 (el resumen y el índice del periodo la muestran)."""
    return (Pieza('<p class="pai-lectura">') + escapar(frase_pendientes(ctx))
            + Pieza(f' <a class="pai-ver" href="{INFORME}.html">Ver los reportes por dependencia</a></p>'))


def tarjetas_dependencias(ctx) -> Pieza:
    t = _tabla(ctx)
    con = t[t["debidos"] > 0]
    debidos, reportados = int(con["debidos"].sum()), int(con["reportados"].sum())
    al_dia = int((con["estado_reporte"] == COMPLETO).sum())
    faltan = debidos - reportados
    rojo = int(t["en_rojo"].sum())
    return tarjetas([
        {"titulo": "Reportes recibidos", "valor": pct(100 * reportados / debidos) if debidos else "—", "principal": True,
         "detalle": f"{numero(reportados, 0)} de {contar(debidos, 'reporte debido', 'reportes debidos')}"},
        {"titulo": "Reportes que faltan", "valor": numero(faltan, 0), "borde": "critico" if faltan else "satisfactorio"},
        {"titulo": "Dependencias al día", "valor": numero(al_dia, 0), "detalle": f"de {contar(len(con), 'con reportes debidos', 'con reportes debidos')}",
         "borde": "satisfactorio" if al_dia == len(con) else None},
        {"titulo": "Elementos en rojo", "valor": numero(rojo, 0), "borde": "critico" if rojo else "satisfactorio",
         "detalle": "metas, indicadores y actividades en crítico"},
    ])


def grafico_reportes(ctx):
    return graficos.dos_anchos(graficos.reportes_por_dependencia, _tabla(ctx))


def alt_reportes(ctx) -> str:
    t = _tabla(ctx)
    con = t[t["debidos"] > 0]
    valores = "; ".join(f"{r.dependencia}: {numero(r.reportados, 0)} de {numero(r.debidos, 0)}" for r in con.itertuples())
    return f"Barras apiladas por dependencia con los reportes de {_mes(ctx)} entregados y los que faltan." + (
        f" {valores}." if valores else "")


def frase_tabla(ctx) -> str:
    t = _tabla(ctx)
    if not len(t):
        return f"Ninguna dependencia tiene elementos activos en {_mes(ctx)}."
    sujeto = "La única dependencia" if len(t) == 1 else f"Las {contar(len(t), 'dependencia')}"
    return (f"{sujeto} con elementos activos en {_mes(ctx)}: cuántos reportes del mes debía (metas, actividades y riesgos "
            "cada mes; indicadores en su mes de cierre), cuántos llegaron, sus elementos en rojo y sus alertas. Elija una "
            "para ver el detalle.")


def tabla_dependencias(ctx) -> Pieza:
    t = _tabla(ctx).copy()
    ids = anclas(t["dependencia"].astype(str))
    t["nombre_html"] = columna_html((Pieza(f'<a href="#{ids[d]}">{escapar(d)}</a>') for d in t["dependencia"].astype(str)), t.index)
    t["estado_texto"] = t["estado_reporte"].astype(str).map(ESTADOS)
    return tabla_html(
        t,
        {"nombre_html": ("Dependencia", "html"), "estado_texto": ("Estado del reporte", "texto"), "debidos": ("Debidos", "entero"),
         "reportados": ("Reportados", "entero"), "faltantes": ("Faltan", "entero"), "porcentaje_reportado": ("Reportado", "pct0"),
         "en_rojo": ("En rojo", "entero"), "alertas": ("Alertas", "entero")},
        interactiva=True,
        filtros={"estado_texto": "Estado del reporte"},
        vacia=f"Ninguna dependencia tiene elementos activos en {_mes(ctx)}.",
    )


def frase_detalle(ctx) -> str:
    return ("Por dependencia: lo que debía reportar del mes, con lo que falta primero; sus elementos en rojo y sus alertas. "
            "Cada código lleva a la fila del elemento en su informe.")


def _codigo(tipo: str, clave: str) -> Pieza:
    elemento, _ = _TIPO[tipo]
    return Pieza(f'<a href="{escapar(enlace(elemento, clave, desde=INFORME))}">{escapar(clave)}</a>')


def _con_codigo(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(codigo=columna_html((_codigo(str(t), str(c)) for t, c in zip(df["tipo"], df["clave"], strict=True)), df.index),
                     tipo_texto=df["tipo"].astype(str).map(lambda t: _TIPO[t][1]),
                     nombre_corto=df["nombre"].astype(object).map(lambda n: corto(n, 160)))


def _alertas(ctx, dependencia: str, dependencias) -> list[Pieza]:
    a = ctx.metricas.alertas
    if not len(a):
        return []
    duenos = dependencia_canonica(a["responsable"], dependencias)
    items = []
    for fila in a[(duenos == dependencia).to_numpy()].to_dict("records"):
        destino = enlace(fila["elemento"], fila["item"], desde=INFORME)
        ver = Pieza(f' <a class="pai-ver" href="{escapar(destino)}">Ver el detalle</a>') if destino else Pieza()
        items.append(Pieza("<li>") + escapar(fila.get("mensaje") or fila["item"]) + ver + Pieza("</li>"))
    return items


def _bloque(ctx, fila, ident: str, elementos: pd.DataFrame, dependencias) -> Pieza:
    propios = elementos[elementos["dependencia"].astype(str) == fila.dependencia]
    debidos = _con_codigo(propios[propios["debido"]]).sort_values("reportado", kind="stable")
    debidos = debidos.assign(reporto=debidos["reportado"].map({True: "Sí", False: "No"}))
    faltan = debidos[~debidos["reportado"]]
    rojo = _con_codigo(propios[propios["en_rojo"]])
    alertas = _alertas(ctx, fila.dependencia, dependencias)
    if fila.debidos == 0:
        texto = f"No debía reportes de {_mes(ctx)}."
    elif fila.faltantes == 0:
        texto = f"Debía {contar(fila.debidos, 'reporte')} de {_mes(ctx)} y " + ("lo entregó." if fila.debidos == 1 else
                                                                               "los entregó todos.")
    else:
        nombres = lista_es([f"{_TIPO[str(r.tipo)][0]} {r.clave}" for r in faltan.itertuples()])
        texto = (f"Debía {contar(fila.debidos, 'reporte')} de {_mes(ctx)} y entregó {numero(fila.reportados, 0)}; "
                 f"{'falta' if fila.faltantes == 1 else 'faltan'}: {nombres}.")
    texto += (f" Tiene {contar(fila.en_rojo, 'elemento')} en rojo" if fila.en_rojo else " Ningún elemento en rojo") + (
        f" y {contar(len(alertas), 'alerta')}." if alertas else " y ninguna alerta.")
    cuerpo = [
        Pieza('<p class="pai-lectura">') + escapar(texto) + Pieza("</p>"),
        # la lista completa de lo debido, en pantalla; impresa (PDF del comité) basta la frase, que nombra lo que falta
        Pieza('<div class="pai-solo-pantalla">')
        + tabla_html(debidos, {"tipo_texto": ("Elemento", "texto"), "codigo": ("Código", "html"),
                               "nombre_corto": ("Nombre", "texto"), "reporto": ("Reportó", "texto")},
                     vacia=f"Nada que reportar en {_mes(ctx)}.")
        + Pieza("</div>"),
    ]
    if len(rojo):
        cuerpo.append(tabla_html(rojo, {"tipo_texto": ("Elemento en rojo", "texto"), "codigo": ("Código", "html"),
                                        "nombre_corto": ("Nombre", "texto"), "cumplimiento": ("Cumplimiento", "pct")},
                                 semaforo="semaforo"))
    if alertas:
        cuerpo.append(Pieza(f'<p class="pai-nota">{"Su alerta" if len(alertas) == 1 else "Sus alertas"} de {escapar(_mes(ctx))}:</p>'
                            '<ul class="pai-alertas-dependencia">') + Pieza("").join(alertas) + Pieza("</ul>"))
    resumen = (f"{fila.dependencia} — {numero(fila.reportados, 0)} de {contar(fila.debidos, 'reporte')}"
               + (f" · {numero(fila.en_rojo, 0)} en rojo" if fila.en_rojo else "")
               + (f" · {contar(fila.alertas, 'alerta')}" if fila.alertas else ""))
    return (Pieza(f'<details class="pai-detalle" id="{escapar(ident)}"><summary>') + escapar(resumen) + Pieza("</summary>")
            + unir(*cuerpo) + Pieza("</details>"))


def detalle_dependencias(ctx) -> Pieza:
    """Por dependencia, un bloque plegable con lo debido (lo que falta primero), lo que está en rojo y sus alertas."""
    t = _tabla(ctx)
    if not len(t):
        return Pieza(f'<p class="pai-vacio">{escapar(frase_tabla(ctx))}</p>')
    dependencias = t["dependencia"].astype(str)
    ids = anclas(dependencias)
    elementos = ctx.elementos_dependencias
    return unir(*(_bloque(ctx, fila, ids[fila.dependencia], elementos, dependencias) for fila in t.assign(
        dependencia=dependencias).itertuples()))


__all__ = ["ESTADOS", "INFORME", "alt_reportes", "anclas", "detalle_dependencias", "frase_detalle", "frase_pendientes",
           "frase_tabla", "grafico_reportes", "resumen_pendientes", "tabla_dependencias", "tarjetas_dependencias"]
