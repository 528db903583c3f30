"""Lecturas del informe 02, objetivos estratégicos: cada objetivo con las metas, indicadores y
actividades que lo sostienen.
"""

from __future__ import annotations

import pandas as pd

from ...comun.numeros import pct
from ..piezas import Html, contar, e, frase_variacion, semaforo_html, unir
from ..tablas import tabla_html
from .comunes import corto


def frase_detalle_objetivos(ctx) -> str:
    m = ctx.metricas
    return (f"Los {contar(len(m.objetivos), 'objetivo')} reúnen {contar(len(m.metas), 'meta')}, "
            f"{contar(int(m.indicadores['debido'].sum()), 'indicador vencido', 'indicadores vencidos')} y {contar(len(m.actividades), 'actividad', 'actividades')}; "
            "el cumplimiento de cada objetivo es el promedio de todos ellos, cada uno acotado a 100 %.")


def detalle_objetivos(ctx) -> Html:
    """Por objetivo: título con semáforo, una frase y las tablas de metas, indicadores y actividades que lo sostienen."""
    m = ctx.metricas
    partes = ['<p class="pai-lectura">Ir a: ' + " · ".join(f'<a href="#objetivo-{o}">Objetivo {o}</a>' for o in m.objetivos["objetivo"]) + "</p>"]
    for o in m.objetivos.itertuples():
        metas = m.metas[m.metas["objetivo"] == o.objetivo]
        ind = m.indicadores[(m.indicadores["objetivo"] == o.objetivo)]
        act = m.actividades[m.actividades["objetivo"] == o.objetivo]
        cumple = (f"Cumple el {pct(o.cumplimiento)} ({frase_variacion(o.cumplimiento, o.cumplimiento_anterior)})" if pd.notna(o.cumplimiento)
                  else "Aún no tiene cumplimiento calculado")
        partes.append(f'<h3 id="objetivo-{o.objetivo}">Objetivo {o.objetivo}. {e(o.nombre)} {semaforo_html(o.semaforo)}</h3>')
        partes.append(f'<p class="pai-lectura">{e(cumple)}, con {e(contar(len(metas), "meta"))}, {e(contar(len(ind), "indicador", "indicadores"))} y '
                      f"{e(contar(len(act), 'actividad', 'actividades'))}.</p>")
        partes.append(tabla_html(metas, {"proyecto": ("Proyecto", "texto"), "meta": ("Meta", "texto"), "nombre": ("Meta del proyecto", "texto"),
                                         "avance_vigencia": ("Avance vigencia", "pct"), "cumplimiento": ("Cumplimiento", "pct")},
                                 semaforo="semaforo", vacia="Sin metas de proyectos de inversión."))
        partes.append(tabla_html(ind, {"indicador": ("Indicador", "texto"), "nombre": ("Nombre", "texto"), "resultado": ("Resultado", "numero"),
                                       "meta": ("Meta", "numero"), "cumplimiento": ("Cumplimiento", "pct")},
                                 semaforo="semaforo", vacia="Sin indicadores de gestión."))
        partes.append(tabla_html(act, {"actividad": ("Actividad", "texto"), "nombre": ("Nombre", lambda t: corto(t, 110)),
                                       "programado": ("Programado", "pct0"), "ejecutado": ("Ejecutado", "pct0"), "cumplimiento": ("Cumplimiento", "pct")},
                                 semaforo="semaforo", vacia="Sin actividades del plan de acción integrado."))
    return unir(*partes)
