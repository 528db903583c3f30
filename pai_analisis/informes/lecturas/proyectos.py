"""Lecturas del informe 03, proyectos de inversión y presupuesto: el avance físico de las metas frente
a lo programado, los compromisos y giros sobre la apropiación, la brecha físico-financiera de cada
proyecto y las tablas de metas por proyecto. Las piezas comunes (qué se ha reportado hasta el
periodo, conteos del semáforo, :func:`~pai_analisis.lecturas.corto`) vienen de
:mod:`pai_analisis.lecturas`; como allí, con datos escasos las frases dicen lo que falta y los
``grafico_*`` devuelven ``None``.
"""

from __future__ import annotations

import pandas as pd

from ...comun.numeros import millones, numero, pct
from ...metricas.metas import resumen_por_proyecto
from .. import graficos
from ..piezas import Html, contar, e, lista_es, unir
from ..tablas import tabla_html
from .comunes import aun_no, conteo_semaforo, corto, faltan_reportes, frase_conteo, hay, minuscula, nota_corte, valor


def frase_proyectos(ctx) -> str:
    pr, p = ctx.metricas.proyectos, ctx.metricas.presupuesto_total
    v, uno = ctx.metricas.componentes.get("proyectos_inversion"), len(pr) == 1
    de_los = "del proyecto de inversión" if uno else f"de los {contar(len(pr), 'proyecto')} de inversión"
    hay_metas, hay_presupuesto = hay(ctx, "metas"), hay(ctx, "presupuesto")
    if not (hay_metas or hay_presupuesto):
        return aun_no(ctx, f"las metas ni del presupuesto {de_los}")
    plata = (f"{'ha' if uno else 'han'} comprometido el {pct(p.get('ejecucion_presupuestal'))} de la apropiación"
             f"{nota_corte(ctx, 'presupuesto', ' de presupuesto')}: {millones(p.get('compromisos'))} de {millones(p.get('apropiacion'))}")
    if not hay_metas:
        return aun_no(ctx, f"las metas {de_los}", f"; en presupuesto, {plata}.")
    sujeto = "El proyecto de inversión" if uno else f"Los {contar(len(pr), 'proyecto')} de inversión"
    nota = nota_corte(ctx, "metas", " de metas")
    if v is None:
        fisico = f"{sujeto} aún no {'tiene' if uno else 'tienen'} metas programadas a {ctx.periodo_texto}"
    elif uno:
        fisico = f"{sujeto} cumple el {pct(v)} de lo programado a la fecha{nota}"
    else:
        detalle = frase_conteo(conteo_semaforo(pr["semaforo"])) + (f"; {nota.strip(' ()')}" if nota else "")
        fisico = f"{sujeto} cumplen en promedio el {pct(v)} de lo programado a la fecha ({detalle})"
    if not hay_presupuesto:
        return f"{fisico}; {minuscula(aun_no(ctx, 'su presupuesto'))}"
    return f"{fisico} y {plata}."


def tabla_proyectos(ctx) -> Html:
    return tabla_html(ctx.metricas.proyectos, {
        "proyecto": ("Proyecto", "texto"), "nombre": ("Nombre", "texto"), "cumplimiento": ("Cumplimiento", "pct"),
        "apropiacion": ("Apropiación ($ millones)", "pesos"),
        "ejecucion_presupuestal": ("Compromisos", "pct"), "giros_pct": ("Giros", "pct")}, semaforo="semaforo")


def resumen_metas(ctx) -> pd.DataFrame:
    """Por proyecto: programado a la fecha, ejecutado y avance del cuatrienio, en % de la meta (lo calcula la etapa de métricas)."""
    return resumen_por_proyecto(ctx.metricas.metas)


def frase_metas(ctx) -> str:
    if not hay(ctx, "metas"):
        return aun_no(ctx, "las metas de los proyectos")
    r = resumen_metas(ctx)
    atras = r[r["ejecutado_pct"] < r["programado_pct"] - 5]["proyecto"].astype(str).tolist()
    if len(atras) == 1:
        cola = f"; va más de 5 puntos por detrás de lo programado el proyecto {atras[0]}"
    elif atras:
        cola = f"; van más de 5 puntos por detrás de lo programado los proyectos {lista_es(atras)}"
    else:
        cola = "; ningún proyecto va más de 5 puntos por detrás de lo programado"
    return (f"En promedio, las metas llevan el {pct(r['ejecutado_pct'].mean())} de lo previsto para {ctx.libro.vigencia}, "
            f"frente al {pct(r['programado_pct'].mean())} programado a {ctx.periodo_texto}{nota_corte(ctx, 'metas')}{cola}.")


def grafico_metas(ctx):
    return graficos.metas_por_proyecto(resumen_metas(ctx)) if hay(ctx, "metas") else None


def alt_metas(ctx) -> str:
    r = resumen_metas(ctx)
    valores = "; ".join(f"proyecto {x.proyecto}: programado {valor(x.programado_pct, 0)}, ejecutado {valor(x.ejecutado_pct, 0)}"
                        for x in r.itertuples())
    return f"Barras por proyecto con lo programado a la fecha y lo ejecutado, en porcentaje de la meta de la vigencia: {valores or 'sin metas'}."


def frase_fisico_financiero(ctx) -> str:
    faltan = faltan_reportes(ctx, ("metas", "presupuesto"))
    if faltan:
        que = "las metas ni del presupuesto" if len(faltan) == 2 else "las metas" if faltan == ["metas"] else "presupuesto"
        return aun_no(ctx, que, ": todavía no hay avance físico y financiero que comparar.")
    pr = ctx.metricas.proyectos.dropna(subset=["ejecucion_presupuestal", "avance_fisico"])
    if not len(pr):
        return "Aún no hay cortes de presupuesto y avance físico para comparar."
    brecha = pr["ejecucion_presupuestal"] - pr["avance_fisico"]
    x = pr.loc[brecha.abs().idxmax()]
    b = brecha.abs().max()
    sentido = "por delante" if brecha.loc[brecha.abs().idxmax()] > 0 else "por detrás"
    if b < 0.05:
        return f"Lo financiero y lo físico van a la par: en cada proyecto, los compromisos igualan el avance físico de {ctx.periodo_texto}."
    return (f"La mayor brecha está en el proyecto {x['proyecto']}: ha comprometido el {pct(x['ejecucion_presupuestal'])} de su presupuesto "
            f"con un avance físico de {pct(x['avance_fisico'])}, es decir, lo financiero va {numero(b)} puntos {sentido}.")


def grafico_fisico_financiero(ctx):
    return graficos.fisico_financiero(ctx.metricas.proyectos) if not faltan_reportes(ctx, ("metas", "presupuesto")) else None


def alt_fisico_financiero(ctx) -> str:
    valores = "; ".join(f"proyecto {r.proyecto}: físico {valor(r.avance_fisico, 0)}, compromisos {valor(r.ejecucion_presupuestal, 0)}, "
                        f"giros {valor(r.giros_pct, 0)}" for r in ctx.metricas.proyectos.itertuples())
    return f"Barras por proyecto con el avance físico de la vigencia, los compromisos y los giros como porcentaje de la apropiación: {valores}."


def frase_curva(ctx) -> str:
    if not hay(ctx, "presupuesto"):
        return aun_no(ctx, "presupuesto")
    p = ctx.metricas.presupuesto_total
    programado = p.get("ejecucion_programada")
    comparado = f" frente al {pct(programado)} programado" if programado is not None else ""
    sobre = p.get("giros_sobre_compromisos")
    return (f"A {ctx.periodo_texto}{nota_corte(ctx, 'presupuesto')} los compromisos suman el {pct(p.get('ejecucion_presupuestal'))} "
            f"de la apropiación{comparado}, y los giros el {pct(p.get('giros_pct'))}"
            + (f" ({pct(sobre)} de lo comprometido)." if sobre is not None else "."))


def grafico_curva(ctx):
    return graficos.curvas_presupuesto(ctx.curva, ctx.metricas.proyectos) if hay(ctx, "presupuesto") else None


def alt_curva(ctx) -> str:
    return ("Pequeños gráficos de línea, uno por proyecto y uno del total, con compromisos, giros y compromisos programados "
            "mes a mes como porcentaje de la apropiación. " + frase_curva(ctx))


def frase_detalle_metas(ctx) -> str:
    m = ctx.metricas.metas
    if not len(m):
        return "El libro no tiene metas de proyectos de inversión."
    sujeto = "La meta de los proyectos se detalla" if len(m) == 1 else f"Las {contar(len(m), 'meta')} de los proyectos se detallan"
    if not hay(ctx, "metas"):
        return f"{sujeto} abajo; {minuscula(aun_no(ctx, 'ninguna' if len(m) > 1 else 'ella'))}"
    criticas = m[m["semaforo"] == "critico"]
    cola = (f"; {'está' if len(criticas) == 1 else 'están'} en crítico "
            f"{lista_es(criticas['proyecto'].astype(str) + '-' + criticas['meta'].astype(str))} (proyecto-meta)"
            if len(criticas) else "; ninguna está en crítico")
    return f"{sujeto} abajo{cola}."


def tablas_metas(ctx) -> Html:
    m, pr = ctx.metricas.metas, ctx.metricas.proyectos.set_index("proyecto")
    partes = []
    for pid, g in m.groupby("proyecto"):
        partes.append(f"<h3>Proyecto {e(pid)}. {e(pr.loc[pid, 'nombre'])}</h3>")
        g = g.assign(meta_nombre=[f"{n}. {corto(t, 80)}" for n, t in zip(g["meta"], g["nombre"])])
        # guiones blandos (\u00ad) en los títulos largos: la tabla cabe en el ancho de la página
        partes.append(tabla_html(g, {"meta_nombre": ("Meta", "texto"), "anualizacion": ("Anuali\u00adzación", "texto"),
                                     "programacion_vigencia": ("Meta vigencia", "numero"),
                                     "programado": ("Programado a la fecha", "numero"), "ejecutado": ("Ejecutado", "numero"),
                                     "avance_vigencia": ("Avance vigencia", "pct"), "avance_cuatrienio": ("Avance cuatrienio", "pct"),
                                     "cumplimiento": ("Cumpli\u00admiento", "pct")}, semaforo="semaforo", clase="pai-tabla-compacta"))
    return unir(*partes) if partes else tabla_html(m, {}, vacia="El libro no tiene metas de proyectos de inversión.")
