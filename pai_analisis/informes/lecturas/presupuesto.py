"""Lecturas del informe 03 sobre el presupuesto: la curva de compromisos y giros, las modificaciones
presupuestales (sección 6.3: apropiación inicial frente a la vigente, cada cambio con su mes y su monto)
la armonización con el plan de desarrollo nuevo (sección 6.4: qué proyecto continúa a cuál, desde
cuándo y con cuánto dinero) y los movimientos del mes (sección 8.1: compromisos y giros del mes, negativos
cuando hubo anulaciones, liberaciones o reintegros, con la observación del corte). Las cifras las calcula :mod:`pai_analisis.metricas.presupuesto` y
:mod:`pai_analisis.metricas.armonizacion`; aquí solo se dicen.
"""

from __future__ import annotations

from ...comun.numeros import millones, pct
from ...comun.periodos import periodo_en_palabras
from ...metricas.armonizacion import resumen_armonizacion
from ...metricas.presupuesto import movimiento_del_mes
from .. import graficos
from ..piezas import Pieza, columna_html, contar, escapar, lista_es
from ..tablas import tabla_html
from .comunes import aun_no, corto, hay, nota_corte
from .elementos import ancla


def frase_curva(ctx) -> str:
    if not hay(ctx, "presupuesto"):
        return aun_no(ctx, "presupuesto")
    p = ctx.metricas.presupuesto_total
    programado = p.get("ejecucion_programada")
    comparado = f" frente al {pct(programado)} programado" if programado is not None else ""
    sobre = p.get("giros_sobre_compromisos")
    return (
        f"A {ctx.periodo_texto}{nota_corte(ctx, 'presupuesto')} los compromisos suman el {pct(p.get('ejecucion_presupuestal'))} "
        f"de la apropiación{comparado}, y los giros el {pct(p.get('giros_pct'))}"
        + (f" ({pct(sobre)} de lo comprometido)." if sobre is not None else ".")
    )


def grafico_curva(ctx):
    """Una curva por proyecto que tuvo presupuesto en el año (también los cerrados) y la de la entidad, continua."""
    return (
        graficos.dos_anchos(graficos.curvas_presupuesto, ctx.curva, ctx.metricas.proyectos) if hay(ctx, "presupuesto") else None
    )


def alt_curva(ctx) -> str:
    return (
        "Pequeños gráficos de línea, uno por proyecto y uno del total, con compromisos, giros y compromisos programados "
        "mes a mes como porcentaje de la apropiación. " + frase_curva(ctx)
    )


def _movimientos(ctx):
    """Los cortes hasta P con su movimiento y el nombre del proyecto (``presupuesto_mensual`` de las métricas)."""
    mov = ctx.metricas.presupuesto_mensual
    if mov is None or not len(mov):
        return mov
    nombres = ctx.metricas.proyectos.drop_duplicates("proyecto").set_index("proyecto")["nombre"]
    return mov.assign(nombre=mov["proyecto"].map(nombres), periodo=mov["periodo"].astype(str))


def _negativos(mov):
    return mov[(mov["movimiento_compromisos"] < 0) | (mov["movimiento_giros"] < 0)]


def _frase_negativo(r) -> str:
    partes = [f"{'los compromisos' if c == 'compromisos' else 'los giros'} bajaron {millones(-v, 1 if v % 1 else 0)}"
              for c, v in (("compromisos", r.movimiento_compromisos), ("giros", r.movimiento_giros)) if v < 0]
    explica = f" («{corto(r.observacion, 120)}»)" if isinstance(r.observacion, str) else " (el corte no trae observación)"
    return f"en {periodo_en_palabras(r.periodo)} el proyecto {r.proyecto} {lista_es(partes)}{explica}"


def frase_movimientos(ctx) -> str:
    """Lo comprometido y girado en el mes P, y cada movimiento negativo del año con su explicación."""
    mov = _movimientos(ctx)
    if mov is None or not len(mov):
        return aun_no(ctx, "presupuesto")
    mes = movimiento_del_mes(mov, ctx.periodo)
    if mes is None:
        texto = f"No hay cortes de presupuesto de {ctx.periodo_texto}: no hay movimientos del mes que mostrar."
    else:
        texto = (f"En {ctx.periodo_texto} los compromisos de la entidad se movieron {_con_signo(mes['compromisos'])} y los giros "
                 f"{_con_signo(mes['giros'])} (este corte menos el anterior de cada proyecto).")
    neg = _negativos(mov)
    if not len(neg):
        return texto + " En lo corrido del año ningún acumulado ha bajado."
    return (texto + f" Hubo {contar(len(neg), 'movimiento negativo', 'movimientos negativos')} en el año, por anulaciones, "
            f"liberaciones o reintegros: {'; '.join(_frase_negativo(r) for r in neg.itertuples())}. Los porcentajes usan los "
            "acumulados tal como se reportaron.")


def _con_signo(v) -> str:
    v = round(float(v), 6)
    return "sin cambio ($0)" if v == 0 else ("+" if v > 0 else "−") + millones(abs(v), 1 if v % 1 else 0)


def tabla_movimientos(ctx) -> Pieza:
    """Los movimientos del mes P por proyecto (negativos con su signo) y, aparte, los negativos de meses anteriores."""
    mov = _movimientos(ctx)
    if mov is None or not len(mov):
        return Pieza("")
    vistos = mov[(mov["periodo"] == str(ctx.periodo)) | (mov.index.isin(_negativos(mov).index))]
    vistos = vistos.sort_values(["periodo", "proyecto"], ascending=[False, True])
    return tabla_html(
        vistos,
        {
            "periodo": ("Mes", "periodo"),
            "proyecto": ("Proyecto", "texto"),
            "nombre": ("Nombre", "texto"),
            "compromisos": ("Compromisos acumulados", "pesos"),
            "movimiento_compromisos": ("Compromisos del mes", "pesos_cambio"),
            "giros": ("Giros acumulados", "pesos"),
            "movimiento_giros": ("Giros del mes", "pesos_cambio"),
            "observacion": ("Observación", "texto"),
        },
        vacia="No hay movimientos que mostrar.",
    )


def frase_modificaciones(ctx) -> str:
    if not hay(ctx, "presupuesto"):
        return aun_no(ctx, "presupuesto")
    t, mod = ctx.metricas.presupuesto_total, ctx.metricas.modificaciones
    inicial, vigente = t.get("apropiacion_inicial"), t.get("apropiacion")
    if mod is None or not len(mod):
        return (
            f"La apropiación de la entidad no ha cambiado en {ctx.libro.vigencia}: {millones(vigente)}, la misma de su primer "
            "corte del año."
        )
    tipos = mod["tipo"].value_counts()
    partes = [contar(int(n), tipo, _plural(tipo)) for tipo, n in tipos.items()]
    cambio = vigente - inicial
    neto = "sin cambio neto" if abs(cambio) < 0.05 else f"{'más' if cambio > 0 else 'menos'} {millones(abs(cambio))} en total"
    return (
        f"La apropiación de la entidad empezó el año en {millones(inicial)} y a {ctx.periodo_texto} es de {millones(vigente)} "
        f"({neto}). Hubo {lista_es(partes)}; cada una, con su mes y su monto, en la tabla."
    )


def _plural(tipo: str) -> str:
    return {"adición": "adiciones", "reducción": "reducciones", "traslado por armonización": "traslados por armonización"}.get(
        tipo, tipo
    )


def tabla_apropiacion(ctx) -> Pieza:
    """Por proyecto: apropiación inicial, vigente y el cambio; los cerrados también (su dinero sigue contando)."""
    pr = ctx.metricas.proyectos
    pr = pr[pr["apropiacion"].notna()].assign(estado_texto=lambda d: d["estado"].map({"activo": "Vigente", "cerrado": "Cerrado"}))
    return tabla_html(
        pr,
        {
            "proyecto": ("Proyecto", "texto"),
            "nombre": ("Nombre", "texto"),
            "estado_texto": ("Estado", "texto"),
            "apropiacion_inicial": ("Apropiación inicial", "pesos"),
            "apropiacion": ("Apropiación vigente", "pesos"),
            "modificaciones": ("Cambio", "pesos_cambio"),
            "n_modificaciones": ("Modificaciones", "entero"),
        },
        vacia="Aún no hay cortes de presupuesto.",
    )


def tabla_modificaciones(ctx) -> Pieza:
    mod = ctx.metricas.modificaciones
    if mod is None or not len(mod):
        return Pieza("")
    mod = mod.assign(
        tipo_texto=[
            f"{t.capitalize()}" + (f" (a {d})" if isinstance(d, str) and d else "")
            for t, d in zip(mod["tipo"], mod["destino"], strict=True)
        ]
    )
    return tabla_html(
        mod,
        {
            "periodo": ("Mes", "periodo"),
            "proyecto": ("Proyecto", "texto"),
            "tipo_texto": ("Tipo", "texto"),
            "anterior": ("Antes", "pesos"),
            "nueva": ("Después", "pesos"),
            "monto": ("Monto", "pesos_cambio"),
            "observacion": ("Observación", "texto"),
        },
    )


def frase_armonizacion(ctx) -> str:
    a = ctx.metricas.armonizacion
    if a is None or not len(a):
        return (
            f"Ningún proyecto ha pasado a otro por armonización con un plan de desarrollo nuevo en lo corrido de "
            f"{ctx.libro.vigencia} hasta {ctx.periodo_texto}."
        )
    viejos, nuevos = a.drop_duplicates("proyecto_anterior"), a.drop_duplicates("proyecto_nuevo")
    totales = resumen_armonizacion(a)  # cada proyecto una vez (metricas.armonizacion)
    reduccion, inicial = totales["reduccion_anteriores"], totales["inicial_nuevos"]
    meses = [periodo_en_palabras(m) for m in sorted(set(a["periodo"]))]
    cuadre = (
        "el mismo dinero: la entidad no perdió ni ganó apropiación en el cambio"
        if abs(reduccion - inicial) < 0.05
        else f"una diferencia de {millones(abs(reduccion - inicial))} que aparece como modificación de la entidad"
    )
    return (
        f"Con la armonización al plan de desarrollo nuevo (desde {lista_es(meses)}), {contar(len(viejos), 'proyecto')} del plan "
        f"anterior {'pasó' if len(viejos) == 1 else 'pasaron'} a {contar(len(nuevos), 'proyecto nuevo', 'proyectos nuevos')}: los "
        f"anteriores redujeron su apropiación en {millones(reduccion)} y los nuevos empezaron con {millones(inicial)}, {cuadre}. "
        "Los anteriores conservan lo que ya habían comprometido y lo siguen girando."
    )


def tabla_armonizacion(ctx) -> Pieza:
    a = ctx.metricas.armonizacion
    if a is None or not len(a):
        return Pieza("")
    a = a.assign(
        anterior=columna_html((
            Pieza(f'<a href="#{ancla("proyecto", p)}">{escapar(p)}</a> {escapar(n)}')
            for p, n in zip(a["proyecto_anterior"], a["nombre_anterior"], strict=True)
        ), a.index),
        nuevo=columna_html((
            Pieza(f'<a href="#{ancla("proyecto", p)}">{escapar(p)}</a> {escapar(n)}')
            for p, n in zip(a["proyecto_nuevo"], a["nombre_nuevo"], strict=True)
        ), a.index),
    )
    return tabla_html(
        a,
        {
            "anterior": ("Proyecto anterior", "html"),
            "nuevo": ("Proyecto nuevo", "html"),
            "periodo": ("Desde", "periodo"),
            "apropiacion_anterior_antes": ("Apropiación del anterior antes", "pesos"),
            "apropiacion_anterior_despues": ("… y después", "pesos"),
            "reduccion": ("Salió del anterior", "pesos"),
            "apropiacion_inicial_nuevo": ("El nuevo empezó con", "pesos"),
            "traslado": ("Pasó del anterior al nuevo", "pesos"),
            "observaciones": ("Observaciones", "texto"),
        },
    )
