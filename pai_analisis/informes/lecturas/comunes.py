"""Piezas comunes de las lecturas de los siete informes.

Cada cuaderno de ``cuadernos/`` es una sucesión de secciones que llaman a funciones de lectura
(la frase de la sección, su gráfico de :mod:`pai_analisis.informes.graficos` y su tabla); así
los cuadernos no tienen lógica propia. Todas reciben el
:class:`~pai_analisis.informes.contexto.Contexto` del periodo. Aquí están las piezas comunes:
:func:`corto`, los conteos del semáforo y qué se ha reportado hasta el periodo.

Con datos escasos (el primer mes, un libro a medio diligenciar) ninguna lectura falla: las frases
dicen en palabras lo que falta («Aún no hay reportes de las metas hasta enero de 2024») y los
``grafico_*`` devuelven ``None`` cuando no hay nada que dibujar: entonces
:func:`~pai_analisis.informes.figuras.figura_html` no muestra nada y la frase lo explica.
"""

from __future__ import annotations

import pandas as pd

from ...comun.faltantes import FALTANTE
from ...comun.numeros import numero, pct
from ...comun.periodos import periodo_en_palabras
from ...metricas import periodo
from ...metricas.parametros import ETIQUETAS_SEMAFORO
from ..piezas import lista_es

TIPOS_ALERTA = {"critico": "Crítico", "sin_reporte": "Sin reporte", "reporte_atrasado": "Reporte atrasado",
                "sobreejecucion": "Sobreejecución", "brecha_fisico_financiera": "Brecha físico-financiera",
                "riesgo_extremo": "Riesgo extremo", "riesgo_materializado": "Riesgo materializado"}


def corto(texto, n: int = 70) -> str:
    texto = " ".join(str(texto).split())
    return texto if len(texto) <= n else texto[: n - 1].rstrip(" ,.;") + "…"


def estado(ctx, valor) -> str:
    clave = ctx.semaforo(valor)
    return ETIQUETAS_SEMAFORO.get(clave, "sin dato").lower()


def conteo_semaforo(serie: pd.Series) -> dict:
    return {**{k: int((serie == k).sum()) for k in ETIQUETAS_SEMAFORO}, "sin_dato": int(serie.isna().sum())}


def frase_conteo(c: dict, ninguno: str = "ninguno") -> str:
    """``7 están en satisfactorio, 1 en riesgo y ninguno en crítico`` (y ``2 sin dato``, si los hay)."""
    n = lambda k: numero(c[k], 0) if c[k] else ninguno  # noqa: E731
    verbo = "están" if c["satisfactorio"] > 1 else "está"
    partes = [f"{n('satisfactorio')} {verbo} en satisfactorio", f"{n('en_riesgo')} en riesgo", f"{n('critico')} en crítico"]
    if c.get("sin_dato"):
        partes.append(f"{numero(c['sin_dato'], 0)} sin dato")
    return lista_es(partes)


def valor(v, decimales: int = 1) -> str:
    """Porcentaje para los textos alternativos: «sin dato» en vez de «—»."""
    return "sin dato" if v is None or pd.isna(v) else pct(v, decimales)


# ---------------------------------------------------------------- datos escasos: qué se ha reportado hasta el periodo

_SEGUIMIENTO = {"metas": "seguimiento_metas", "presupuesto": "presupuesto", "indicadores": "seguimiento_indicadores",
                "actividades": "seguimiento_actividades", "riesgos": "seguimiento_riesgos"}
AVANCE = ("metas", "indicadores", "actividades")  # lo que mueve el cumplimiento de objetivos e índice


def ultimo_reporte(ctx, que: str) -> pd.Period | None:
    """Mes del último reporte de ``que`` (``metas``, ``presupuesto``, ``indicadores``, ``actividades``
    o ``riesgos``) en la vigencia hasta el periodo; ``None`` si aún no hay ninguno."""
    return periodo.ultimo_reporte(ctx.libro, _SEGUIMIENTO[que], hasta=ctx.periodo)


def hay(ctx, que: str) -> bool:
    return ultimo_reporte(ctx, que) is not None


def hay_avance(ctx) -> bool:
    """¿Hay algún reporte de metas, indicadores o actividades hasta el periodo?"""
    return any(hay(ctx, q) for q in AVANCE)


def faltan_reportes(ctx, cosas=AVANCE) -> list[str]:
    """De ``cosas``, las que aún no tienen ningún reporte hasta el periodo."""
    return [c for c in cosas if not hay(ctx, c)]


def aun_no(ctx, que, fin: str = ".") -> str:
    """``Aún no hay reportes de las metas hasta enero de 2024.`` (``que``: texto o lista, unida con «ni»)."""
    que = que if isinstance(que, str) else lista_es(que, "ni")
    return f"Aún no hay reportes de {que} hasta {ctx.periodo_texto}{fin}"


def cuenta(ctx, n: int, que: str) -> str:
    """Un conteo para una tarjeta: «—» (no «0») mientras ``que`` no tenga ningún reporte."""
    return numero(n, 0) if hay(ctx, que) else FALTANTE


def minuscula(texto: str) -> str:
    """La frase con su primera letra en minúscula, para seguir otra («…; aún no hay reportes…»)."""
    return texto[:1].lower() + texto[1:]


def nota_corte(ctx, que: str, de: str = "") -> str:
    """`` (último reporte: enero de 2024)`` si el último reporte de ``que`` es anterior al periodo; si no, ``""``.

    ``de``: para distinguir fuentes en una misma frase (``" de metas"`` → «último reporte de metas: …»)."""
    u = ultimo_reporte(ctx, que)
    return f" (último reporte{de}: {periodo_en_palabras(u)})" if u is not None and u < ctx.periodo else ""


def proyeccion_indice(ctx) -> float | None:
    """El índice proyectado a diciembre, si hay proyección y aún no es diciembre."""
    proy = ctx.metricas.proyeccion.get("indice_pai")
    return proy if proy is not None and ctx.periodo.month < 12 else None


# ---------------------------------------------------------------- cobertura del mes (sección 7.1)

_QUE_FALTA = {
    "metas": ("meta", "metas", "sin su reporte de {mes}"),
    "indicadores": ("indicador", "indicadores", "sin su medición de {mes}"),
    "actividades": ("actividad", "actividades", "sin su corte de {mes}"),
    "presupuesto": ("proyecto", "proyectos", "sin corte presupuestal de {mes}"),
}


def frase_faltantes(cobertura: dict, periodo) -> str:
    """``faltan 6 de 43 metas, 2 de 7 proyectos sin corte presupuestal de abril…`` (lo que falta del mes)."""
    mes = periodo_en_palabras(periodo).split(" de ")[0]
    partes = []
    for c, (uno, varios, cola) in _QUE_FALTA.items():
        faltan, esperados = len((cobertura.get("faltantes") or {}).get(c, [])), (cobertura.get("esperados") or {}).get(c, 0)
        if faltan:
            nombre = uno if esperados == 1 else varios
            partes.append(f"{numero(faltan, 0)} de {numero(esperados, 0)} {nombre} {cola.format(mes=mes)}")
    return lista_es(partes)


def frase_preliminar(ctx) -> str | None:
    """El aviso de un periodo ``preliminar``: cuánto llegó y qué falta; ``None`` si el periodo está completo."""
    c = ctx.metricas.cobertura or {}
    if c.get("estado_periodo") != "preliminar":
        return None
    total = (c.get("cobertura") or {}).get("total")
    return (f"Cifras preliminares: llegó el {pct(total)} de los reportes esperados de {ctx.periodo_texto} (el umbral es "
            f"{pct(c.get('umbral_cobertura'), 0)}); faltan {frase_faltantes(c, ctx.periodo)}. Las cifras pueden cambiar cuando "
            "lleguen: el informe se publicará otra vez, como una nueva versión.")
