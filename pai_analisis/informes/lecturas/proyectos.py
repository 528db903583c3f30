"""Lecturas del informe 03, proyectos de inversión: el avance físico de las metas frente a lo programado,
la brecha físico-financiera de cada proyecto, el detalle de todas las metas (con su responsable, su
última observación y la marca de sobreejecución), las metas reprogramadas y los proyectos cerrados.

Solo cuentan los proyectos y metas que rigen en el periodo (sección 6): un proyecto aún no
iniciado no aparece; uno cerrado va en su propia sección, con sus valores finales. El presupuesto
del mismo informe (curva, modificaciones, armonización) está en :mod:`.presupuesto`. Con datos
escasos las frases dicen lo que falta y los ``grafico_*`` devuelven ``None``.
"""

from __future__ import annotations

import pandas as pd

from ...comun.numeros import decimales_de, magnitud, millones, numero, pct
from ...metricas.metas import promedio_de_proyectos, proyectos_rezagados, resumen_por_proyecto
from ...metricas.presupuesto import brecha_fisico_financiera
from .. import graficos
from ..piezas import Pieza, columna_html, contar, escapar, lista_es
from ..tablas import tabla_html
from .comunes import aun_no, conteo_semaforo, faltan_reportes, frase_conteo, hay, minuscula, nota_corte, valor
from .elementos import activos, ancla, cerrados, con_porque


def frase_proyectos(ctx) -> str:
    pr, p = activos(ctx, "proyectos"), ctx.metricas.presupuesto_total
    v, uno = ctx.metricas.componentes.get("proyectos_inversion"), len(pr) == 1
    de_los = "del proyecto de inversión" if uno else f"de los {contar(len(pr), 'proyecto')} de inversión"
    hay_metas, hay_presupuesto = hay(ctx, "metas"), hay(ctx, "presupuesto")
    if not (hay_metas or hay_presupuesto):
        return aun_no(ctx, f"las metas ni del presupuesto {de_los}")
    plata = (
        f"{'ha' if uno else 'han'} comprometido el {pct(p.get('ejecucion_presupuestal'))} de la apropiación"
        f"{nota_corte(ctx, 'presupuesto', ' de presupuesto')}: {millones(p.get('compromisos'))} de {millones(p.get('apropiacion'))}"
    )
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


def tabla_proyectos(ctx) -> Pieza:
    """Los proyectos vigentes, con quién responde, su cumplimiento, su apropiación vigente y su ejecución."""
    pr = con_porque(activos(ctx, "proyectos"), quien=True)
    return tabla_html(
        pr,
        {
            "proyecto": ("Proyecto", "texto"),
            "detalle": ("Nombre", "html"),
            "cumplimiento": ("Cumplimiento", "cumplimiento"),
            "apropiacion": ("Apropiación vigente ($ millones)", "pesos"),
            "ejecucion_presupuestal": ("Compromisos", "pct"),
            "giros_pct": ("Giros", "pct"),
        },
        semaforo="semaforo",
        fila_id=lambda f: ancla("proyecto", f["proyecto"]),
        sobreejecucion=ctx.parametros.umbral_sobreejecucion,
        vacia="Ningún proyecto de inversión rige en este periodo.",
    )


def resumen_metas(ctx) -> pd.DataFrame:
    """Por proyecto vigente: programado a la fecha, ejecutado y avance del cuatrienio, en % de la meta (lo calcula la etapa de métricas)."""
    return resumen_por_proyecto(activos(ctx, "metas"))


def frase_metas(ctx) -> str:
    if not hay(ctx, "metas"):
        return aun_no(ctx, "las metas de los proyectos")
    r = resumen_metas(ctx)
    promedio = promedio_de_proyectos(r)
    umbral = ctx.parametros.umbral_rezago
    atras = proyectos_rezagados(r, umbral)
    puntos_ = f"{numero(umbral, decimales_de(umbral))} puntos"
    if len(atras) == 1:
        cola = f"; va más de {puntos_} por detrás de lo programado el proyecto {atras[0]}"
    elif atras:
        cola = f"; van más de {puntos_} por detrás de lo programado los proyectos {lista_es(atras)}"
    else:
        cola = f"; ningún proyecto va más de {puntos_} por detrás de lo programado"
    return (
        f"En promedio, las metas llevan el {pct(promedio['ejecutado_pct'])} de lo previsto para {ctx.libro.vigencia}, "
        f"frente al {pct(promedio['programado_pct'])} programado a {ctx.periodo_texto}{nota_corte(ctx, 'metas')}{cola}."
    )


def grafico_metas(ctx):
    return graficos.dos_anchos(graficos.metas_por_proyecto, resumen_metas(ctx)) if hay(ctx, "metas") else None


def alt_metas(ctx) -> str:
    r = resumen_metas(ctx)
    valores = "; ".join(
        f"proyecto {x.proyecto}: programado {valor(x.programado_pct, 0)}, ejecutado {valor(x.ejecutado_pct, 0)}"
        for x in r.itertuples()
    )
    return f"Barras por proyecto con lo programado a la fecha y lo ejecutado, en porcentaje de la meta de la vigencia: {valores or 'sin metas'}."


def frase_fisico_financiero(ctx) -> str:
    faltan = faltan_reportes(ctx, ("metas", "presupuesto"))
    if faltan:
        que = "las metas ni del presupuesto" if len(faltan) == 2 else "las metas" if faltan == ["metas"] else "presupuesto"
        return aun_no(ctx, que, ": todavía no hay avance físico y financiero que comparar.")
    pr = activos(ctx, "proyectos").dropna(subset=["ejecucion_presupuestal", "avance_fisico"])
    if not len(pr):
        return "Aún no hay cortes de presupuesto y avance físico para comparar."
    brecha = brecha_fisico_financiera(pr)
    x = pr.loc[brecha.abs().idxmax()]
    b = brecha.abs().max()
    sentido = "por delante" if brecha.loc[brecha.abs().idxmax()] > 0 else "por detrás"
    if b < 0.05:
        return f"Lo financiero y lo físico van a la par: en cada proyecto, los compromisos igualan el avance físico de {ctx.periodo_texto}."
    return (
        f"La mayor brecha está en el proyecto {x['proyecto']}: ha comprometido el {pct(x['ejecucion_presupuestal'])} de su presupuesto "
        f"con un avance físico de {pct(x['avance_fisico'])}, es decir, lo financiero va {numero(b)} puntos {sentido}."
    )


def grafico_fisico_financiero(ctx):
    if faltan_reportes(ctx, ("metas", "presupuesto")):
        return None
    return graficos.dos_anchos(graficos.fisico_financiero, activos(ctx, "proyectos"))


def alt_fisico_financiero(ctx) -> str:
    valores = "; ".join(
        f"proyecto {r.proyecto}: físico {valor(r.avance_fisico, 0)}, compromisos {valor(r.ejecucion_presupuestal, 0)}, "
        f"giros {valor(r.giros_pct, 0)}"
        for r in activos(ctx, "proyectos").itertuples()
    )
    return f"Barras por proyecto con el avance físico de la vigencia, los compromisos y los giros como porcentaje de la apropiación: {valores}."


def frase_detalle_metas(ctx) -> str:
    m = activos(ctx, "metas")
    if not len(m):
        return "Ninguna meta de proyectos de inversión rige en este periodo."
    sujeto = "La meta vigente se detalla" if len(m) == 1 else f"Las {contar(len(m), 'meta')} vigentes se detallan"
    if not hay(ctx, "metas"):
        return f"{sujeto} abajo; {minuscula(aun_no(ctx, 'ninguna' if len(m) > 1 else 'ella'))}"
    criticas = m[m["semaforo"] == "critico"]
    sobre = m[m["cumplimiento"] > ctx.parametros.umbral_sobreejecucion]
    cola = (
        f"; {'está' if len(criticas) == 1 else 'están'} en crítico "
        f"{lista_es(criticas['proyecto'].astype(str) + '-' + criticas['meta'].astype(str))} (proyecto-meta)"
        if len(criticas)
        else "; ninguna está en crítico"
    )
    if len(sobre):
        cola += (
            f", y {'va' if len(sobre) == 1 else 'van'} por encima de {pct(ctx.parametros.umbral_sobreejecucion, 0)} de lo "
            f"programado (sobreejecución: revise la programación o el reporte) {lista_es(sobre['proyecto'].astype(str) + '-' + sobre['meta'].astype(str))}"
        )
    return f"{sujeto} abajo, con quién responde y su última observación{cola}. Ordene, busque o filtre por proyecto, objetivo o responsable."


def _meta_vigencia(fila: dict) -> Pieza:
    texto = escapar(magnitud(fila.get("programacion_vigencia")))
    if fila.get("reprogramada"):
        texto += Pieza(f'<span class="pai-reprogramada"> (reprogramada; era {escapar(magnitud(fila.get("programacion_inicial")))})</span>')
    return texto


def tablas_metas(ctx) -> Pieza:
    """Todas las metas vigentes en una tabla interactiva: nombre completo con su observación, proyecto, objetivo,
    responsable, cifras con la precisión con que se reportaron y cumplimiento con la marca de sobreejecución."""
    m = con_porque(activos(ctx, "metas"))
    m = m.assign(
        codigo=m["proyecto"].astype(str) + "-" + m["meta"].astype(str),
        meta_vigencia=columna_html((_meta_vigencia(f) for f in m.to_dict("records")), m.index),
    )
    return tabla_html(
        m,
        {
            "codigo": ("Meta", "texto"),
            "detalle": ("Enunciado y observación", "html"),
            "proyecto": ("Proyecto", "texto"),
            "objetivo": ("Objetivo", "texto"),
            "responsable": ("Responde", "texto"),
            "meta_vigencia": ("Meta vigencia", "cifra_html"),
            "programado": ("Programado a la fecha", "magnitud"),
            "ejecutado": ("Ejecutado", "magnitud"),
            "cumplimiento": ("Cumpli\u00admiento", "cumplimiento"),
        },
        semaforo="semaforo",
        interactiva=True,
        fila_id=lambda f: ancla("meta", f["codigo"]),
        filtros={"proyecto": "Proyecto", "objetivo": "Objetivo", "responsable": "Responde", "semaforo": "Semáforo"},
        sobreejecucion=ctx.parametros.umbral_sobreejecucion,
        vacia="Ninguna meta rige en este periodo.",
    )


def frase_reprogramaciones(ctx) -> str:
    r = ctx.metricas.reprogramaciones
    if r is None or not len(r):
        return f"Ninguna meta se ha reprogramado en lo corrido de {ctx.libro.vigencia} hasta {ctx.periodo_texto}."
    return (
        f"{contar(len(r), 'meta se reprogramó', 'reprogramaciones cambiaron la meta de la vigencia')} hasta {ctx.periodo_texto}. "
        "Desde su mes, el avance se mide contra la meta nueva; los informes de los meses anteriores conservan la de entonces."
    )


def tabla_reprogramaciones(ctx) -> Pieza:
    r = ctx.metricas.reprogramaciones
    if r is None or not len(r):
        return Pieza("")
    r = r.assign(codigo=r["proyecto"].astype(str) + "-" + r["meta"].astype(str))
    r = r.assign(codigo_html=columna_html((Pieza(f'<a href="#{ancla("meta", c)}">{escapar(c)}</a>') for c in r["codigo"]), r.index))
    return tabla_html(
        r,
        {
            "codigo_html": ("Meta", "html"),
            "nombre": ("Enunciado", "texto"),
            "periodo": ("Desde", "periodo"),
            "anterior": ("Meta anterior", "magnitud"),
            "nueva": ("Meta nueva", "magnitud"),
            "motivo": ("Motivo", "texto"),
        },
    )


def frase_cerrados(ctx) -> str:
    c = cerrados(ctx, "proyectos")
    if not len(c):
        return f"Ningún proyecto ha cerrado en lo corrido de {ctx.libro.vigencia} hasta {ctx.periodo_texto}."
    return (
        f"{contar(len(c), 'proyecto cerró', 'proyectos cerraron')} antes de {ctx.periodo_texto}: sus cifras físicas son las de su "
        "último mes y ya no cuentan en el componente, los objetivos, el índice ni las alertas. Su presupuesto sigue en los "
        "totales de la entidad: lo comprometido antes del cierre se sigue girando."
    )


def tabla_cerrados(ctx) -> Pieza:
    c = cerrados(ctx, "proyectos")
    if not len(c):
        return Pieza("")
    c = c.assign(cierre=c["vigente_hasta"])
    return tabla_html(
        c,
        {
            "proyecto": ("Proyecto", "texto"),
            "nombre": ("Nombre", "texto"),
            "cierre": ("Cerró en", "periodo"),
            "avance_fisico": ("Avance final", "pct"),
            "cumplimiento": ("Cumpli\u00admiento final", "cumplimiento"),
            "apropiacion": ("Apropiación", "pesos"),
            "giros_pct": ("Girado", "pct"),
        },
        semaforo="semaforo",
        fila_id=lambda f: ancla("proyecto", f["proyecto"]),
        sobreejecucion=ctx.parametros.umbral_sobreejecucion,
    )
