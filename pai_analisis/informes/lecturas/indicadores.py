"""Lecturas del informe 04, indicadores de gestión: cuántos indicadores debían reportar al periodo y en
qué semáforo quedaron, su reparto por proceso, la cuadrícula de mediciones mes a mes y la lista de
los que requieren atención (sin reporte, con el reporte atrasado o en crítico). Solo cuentan los
indicadores vencidos según su periodicidad; las piezas comunes vienen de :mod:`pai_analisis.lecturas`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...comun.numeros import numero, pct
from .. import graficos
from ..piezas import Html, contar, lista_es, tarjetas
from ..tablas import tabla_html
from .comunes import aun_no, conteo_semaforo, corto, frase_conteo


def _indicadores_debidos(ctx) -> pd.DataFrame:
    return ctx.metricas.indicadores[ctx.metricas.indicadores["debido"]]


def _ninguno_debido(ctx) -> str:
    return f"Ningún indicador debía reportar todavía a {ctx.periodo_texto}."


def frase_indicadores(ctx) -> str:
    i, d = ctx.metricas.indicadores, _indicadores_debidos(ctx)
    if not len(i):
        return "El libro no tiene indicadores de gestión."
    de = f"De {contar(len(i), 'indicador', 'indicadores')}"
    if not len(d):
        return f"{de}, ninguno debía reportar todavía a {ctx.periodo_texto}: el componente aún no tiene valor."
    debian = f"{numero(len(d), 0)} {'debía' if len(d) == 1 else 'debían'} reportar a {ctx.periodo_texto}"
    v = pct(ctx.metricas.componentes.get("indicadores_gestion"))
    if not (d["n_mediciones"] > 0).any():
        return f"{de}, {debian}, pero aún no hay reportes: sin reporte cuentan 0 %, así que el componente es {v}."
    return f"{de}, {debian}: {frase_conteo(conteo_semaforo(d['semaforo']))}; el componente promedia {v}."


def tarjetas_indicadores(ctx) -> Html:
    d, v = _indicadores_debidos(ctx), ctx.metricas.componentes.get("indicadores_gestion")
    c = conteo_semaforo(d["semaforo"])
    return tarjetas([{"titulo": "Indicadores de gestión", "valor": pct(v), "semaforo": ctx.semaforo(v), "principal": True},
                     {"titulo": "Indicadores satisfactorios", "valor": numero(c["satisfactorio"], 0), "borde": "satisfactorio"},
                     {"titulo": "Indicadores en riesgo", "valor": numero(c["en_riesgo"], 0), "borde": "en_riesgo"},
                     {"titulo": "Indicadores críticos", "valor": numero(c["critico"], 0), "borde": "critico",
                      "detalle": f"{contar(int(d['sin_reporte'].sum()), 'sin reporte', 'sin reporte')}"}])


def frase_procesos(ctx) -> str:
    d = _indicadores_debidos(ctx)
    if not len(d):
        return _ninguno_debido(ctx)
    media = d.groupby("proceso")["cumplimiento_tope"].mean()
    if not (d["n_mediciones"] > 0).any():
        return aun_no(ctx, f"los indicadores vencidos ({numero(len(d), 0)}, de {contar(len(media), 'proceso')})")
    return (f"Los indicadores vencidos se reparten en {contar(len(media), 'proceso')}; el de menor cumplimiento promedio es "
            f"{media.idxmin()}, con {pct(media.min())}.")


def grafico_procesos(ctx):
    d = _indicadores_debidos(ctx).assign(semaforo=lambda t: t["semaforo"].where(~t["sin_reporte"], None))
    return graficos.conteo_por_grupo(d, "proceso", ctx.parametros, sin_dato="Sin reporte")


def alt_procesos(ctx) -> str:
    d = _indicadores_debidos(ctx)
    criticos = d[(d["semaforo"] == "critico") & ~d["sin_reporte"]]
    sin = d[d["sin_reporte"]]
    return (f"Barras apiladas por proceso con el número de indicadores vencidos en cada semáforo. {frase_procesos(ctx)} "
            f"Críticos: {lista_es(criticos['indicador'] + ' (' + criticos['proceso'] + ')') or 'ninguno'}. "
            f"Sin reporte: {numero(len(sin), 0) if len(sin) else 'ninguno'}.")


def frase_franja(ctx) -> str:
    t = ctx.indicadores_mes
    if not t.notna().to_numpy().any():
        return aun_no(ctx, "los indicadores")
    mes = t[ctx.periodo.month] if ctx.periodo.month in t.columns else pd.Series(dtype=float)
    medidos = mes.dropna()
    if not len(medidos):
        return f"En {ctx.periodo_texto} no se midió ningún indicador; la cuadrícula muestra las mediciones de los meses anteriores."
    criticos = medidos[medidos < ctx.parametros.umbral_critico].index.tolist()
    cola = f"; {contar(len(criticos), 'quedó', 'quedaron')} en crítico ({lista_es(criticos)})" if criticos else "; ninguno quedó en crítico"
    verbo = "se midió" if len(medidos) == 1 else "se midieron"
    return f"En {ctx.periodo_texto} {verbo} {contar(len(medidos), 'indicador', 'indicadores')}{cola}."


def grafico_franja(ctx):
    ind = ctx.metricas.indicadores.set_index("indicador")
    etiquetas = {i: f"{i} · {corto(ind.loc[i, 'proceso'], 38)}" for i in ind.index}
    return graficos.franja_mensual(ctx.indicadores_mes, ctx.parametros, etiquetas)


def alt_franja(ctx) -> str:
    return ("Cuadrícula de indicadores por mes: cada casilla tiene el color del semáforo de la medición de ese mes y su "
            "cumplimiento; en blanco, los meses sin medición. " + frase_franja(ctx))


def pendientes(ctx) -> pd.DataFrame:
    i = _indicadores_debidos(ctx).copy()
    i["situacion"] = np.select([i["sin_reporte"], i["reporte_atrasado"], i["semaforo"] == "critico"],
                               ["Sin ningún reporte", "Reporte atrasado", "Crítico"], default="")
    return i[i["situacion"] != ""].sort_values(["sin_reporte", "cumplimiento"], ascending=[False, True])


def frase_pendientes(ctx) -> str:
    if not len(_indicadores_debidos(ctx)):
        return _ninguno_debido(ctx)
    p = pendientes(ctx)
    if not len(p):
        return "Todos los indicadores vencidos reportaron y ninguno está en crítico."
    c = p["situacion"].value_counts()
    partes = [f"{numero(c[k], 0)} {texto}" for k, texto in (("Sin ningún reporte", "sin ningún reporte"),
              ("Reporte atrasado", "con el reporte atrasado"), ("Crítico", "en crítico")) if c.get(k, 0)]
    if len(partes) == 1:  # «3 indicadores, todos en crítico»
        return f"Requieren atención {contar(len(p), 'indicador', 'indicadores')}, {'todos' if len(p) > 1 else 'el único'} {partes[0].split(' ', 1)[1]}."
    return f"Requieren atención {contar(len(p), 'indicador', 'indicadores')}: {lista_es(partes)}."


def tabla_pendientes(ctx) -> Html:
    return tabla_html(pendientes(ctx), {"indicador": ("Indicador", "texto"), "proceso": ("Proceso", "texto"),
                                        "nombre": ("Nombre", lambda t: corto(t, 90)), "situacion": ("Situación", "texto"),
                                        "ultimo_reporte": ("Último reporte", "periodo"), "resultado": ("Resultado", "numero"),
                                        "meta": ("Meta", "numero"), "cumplimiento": ("Cumpli\u00admiento", "pct")},
                      semaforo="semaforo", vacia="No hay indicadores sin reporte ni en crítico.")
