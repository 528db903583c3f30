"""Reglas del libro para un año que cambia (sección 6): ventanas, reprogramaciones y armonización.

Todas se comprueban con el libro solo, sobre las ventanas ya resueltas (:mod:`.ventanas`):

* ``ventana_invertida``: ``vigente_hasta`` antes de ``vigente_desde``;
* ``ventana_fuera_de_vigencia``: un extremo de la ventana en otro año;
* ``ventana_meta``: la ventana de una meta no cabe en la de su proyecto;
* ``fuera_de_ventana``: un reporte de meta, indicador o actividad fuera de la ventana de su
  elemento; un corte presupuestal antes de que el proyecto empiece (después de cerrar sí se
  permiten: los compromisos del proyecto cerrado se siguen pagando);
* ``motivo``: una reprogramación sin motivo (una reprogramación fuera de la ventana de su meta es ``fuera_de_ventana``);
* ``armonizacion``: un proyecto que se continúa a sí mismo, un mes de armonización en enero
  (el anterior cerraría en otra vigencia), un proyecto con dos meses de armonización distintos,
  o una ventana escrita en el libro que no concuerda con la armonización.
"""

from __future__ import annotations

import pandas as pd

from .problemas import Problemas


def _fuera(filas: pd.DataFrame, desde: pd.Series, hasta: pd.Series, solo_antes: bool = False) -> pd.Series:
    per = filas["periodo"]
    fuera = per < desde
    if not solo_antes:
        fuera |= per > hasta
    return fuera.fillna(False).astype(bool) & per.notna()


def _buscar(periodos: pd.Series, claves: pd.Series) -> pd.Series:
    """``periodos`` (indexado por clave) para cada valor de ``claves``, conservando el tipo ``Period``."""
    return pd.Series(periodos.reindex(claves.to_numpy()).array, index=claves.index, dtype="period[M]")


def _texto_ventana(d, h) -> str:
    return f"{d} a {h}"


def reglas_ventanas(t: dict[str, pd.DataFrame], crudas_ventanas: dict[str, pd.DataFrame], vigencia: int, p: Problemas) -> None:
    """``t``: tablas con ventanas resueltas; ``crudas_ventanas``: las mismas tablas antes de resolver (lo escrito)."""
    for hoja, tabla in crudas_ventanas.items():
        d, h = tabla.get("vigente_desde"), tabla.get("vigente_hasta")
        for col, serie in (("vigente_desde", d), ("vigente_hasta", h)):
            if serie is None:
                continue
            serie = pd.Series(serie.array, index=tabla.index)
            otro_anio = serie.notna() & (serie.map(lambda x: getattr(x, "year", vigencia)) != vigencia)
            for fila, v in zip(tabla.loc[otro_anio, "_fila"], serie[otro_anio], strict=False):
                p.error("ventana_fuera_de_vigencia", hoja, fila, col, str(v), f"un mes de la vigencia {vigencia} ({vigencia}-01 a {vigencia}-12)")
        if d is not None and h is not None:
            d, h = pd.Series(d.array, index=tabla.index), pd.Series(h.array, index=tabla.index)
            invertida = (d.notna() & h.notna() & (h < d)).fillna(False).astype(bool)
            for fila, a, b in zip(tabla.loc[invertida, "_fila"], d[invertida], h[invertida], strict=False):
                p.error("ventana_invertida", hoja, fila, "vigente_hasta", str(b), f"un mes igual o posterior a vigente_desde ({a})")
    # una meta dentro de la ventana de su proyecto
    m, pr = t["metas"], t["proyectos"].drop_duplicates("proyecto").set_index("proyecto")
    pd_, ph = _buscar(pr["vigente_desde"], m["proyecto"]), _buscar(pr["vigente_hasta"], m["proyecto"])
    fuera = ((m["vigente_desde"] < pd_) | (m["vigente_hasta"] > ph)).fillna(False).astype(bool)
    for r, fila, a, b in zip(m[fuera].itertuples(), m.loc[fuera, "_fila"], pd_[fuera], ph[fuera], strict=False):
        p.error("ventana_meta", "metas", fila, "vigente_desde", _texto_ventana(r.vigente_desde, r.vigente_hasta),
                f"una ventana dentro de la del proyecto {r.proyecto} ({_texto_ventana(a, b)})")
    # reportes dentro de la ventana de su elemento
    casos = (("seguimiento_metas", "metas", ["proyecto", "meta"], "la meta {proyecto}-{meta}"),
             ("seguimiento_indicadores", "indicadores", ["indicador"], "el indicador {indicador}"),
             ("seguimiento_actividades", "actividades", ["actividad"], "la actividad {actividad}"),
             ("reprogramaciones", "metas", ["proyecto", "meta"], "la meta {proyecto}-{meta}"))
    for hoja, plan, claves, nombre in casos:
        seg = t[hoja].dropna(subset=[*claves, "periodo"])
        if seg.empty:
            continue
        ventanas = t[plan].drop_duplicates(claves).set_index(claves)[["vigente_desde", "vigente_hasta"]]
        unido = seg.join(ventanas, on=claves, how="inner")
        fuera = _fuera(unido, unido["vigente_desde"], unido["vigente_hasta"])
        for r, fila in zip(unido[fuera].itertuples(), unido.loc[fuera, "_fila"], strict=False):
            quien = nombre.format(**{c: getattr(r, c) for c in claves})
            p.error("fuera_de_ventana", hoja, fila, "periodo", str(r.periodo),
                    f"un mes dentro de la ventana de {quien} ({_texto_ventana(r.vigente_desde, r.vigente_hasta)})")
    pres = t["presupuesto"].dropna(subset=["proyecto", "periodo"]).join(pr[["vigente_desde"]], on="proyecto", how="inner")
    antes = _fuera(pres, pres["vigente_desde"], None, solo_antes=True)
    for r, fila in zip(pres[antes].itertuples(), pres.loc[antes, "_fila"], strict=False):
        p.error("fuera_de_ventana", "presupuesto", fila, "periodo", str(r.periodo),
                f"un corte desde que el proyecto {r.proyecto} empieza ({r.vigente_desde}); antes no tiene apropiación")


def reglas_reprogramaciones(t: dict[str, pd.DataFrame], p: Problemas) -> None:
    r = t["reprogramaciones"]
    sin_motivo = r["motivo"].map(lambda v: v is None or not str(v).strip() or str(v).strip().lower() == "nan")
    for fila, proy, meta in zip(r.loc[sin_motivo, "_fila"], r.loc[sin_motivo, "proyecto"], r.loc[sin_motivo, "meta"], strict=False):
        p.error("motivo", "reprogramaciones", fila, "motivo", None,
                f"el motivo de la reprogramación de la meta {proy}-{meta} (es obligatorio: por qué cambió la programación)")


def reglas_armonizacion(t: dict[str, pd.DataFrame], crudas_proyectos: pd.DataFrame, p: Problemas) -> None:
    a = t["armonizacion"].dropna(subset=["proyecto_anterior", "proyecto_nuevo", "periodo"])
    if a.empty:
        return
    mismo = a["proyecto_anterior"] == a["proyecto_nuevo"]
    for r, fila in zip(a[mismo].itertuples(), a.loc[mismo, "_fila"], strict=False):
        p.error("armonizacion", "armonizacion", fila, "proyecto_nuevo", str(r.proyecto_nuevo),
                "un proyecto nuevo distinto del anterior (un proyecto no se continúa a sí mismo)")
    enero = a["periodo"].dt.month == 1
    for r, fila in zip(a[enero].itertuples(), a.loc[enero, "_fila"], strict=False):
        p.error("armonizacion", "armonizacion", fila, "periodo", str(r.periodo),
                "un mes de febrero en adelante: el proyecto anterior debe cerrar dentro de la misma vigencia")
    for col in ("proyecto_anterior", "proyecto_nuevo"):
        meses = a.groupby(col)["periodo"].nunique()
        for proy in meses[meses > 1].index:
            filas = a.loc[a[col] == proy]
            p.error("armonizacion", "armonizacion", filas["_fila"].iloc[-1], "periodo", ", ".join(map(str, filas["periodo"])),
                    f"un solo mes de armonización para el proyecto {proy} (aparece con meses distintos)")
    escritos = crudas_proyectos.drop_duplicates("proyecto").set_index("proyecto")
    for r in a.itertuples():
        for proy, col, esperado in ((r.proyecto_anterior, "vigente_hasta", r.periodo - 1), (r.proyecto_nuevo, "vigente_desde", r.periodo)):
            if proy not in escritos.index or col not in escritos:
                continue
            escrito = escritos.loc[proy, col]
            if isinstance(escrito, pd.Period) and escrito != esperado:
                fila = escritos.loc[proy, "_fila"]
                p.error("armonizacion", "proyectos", fila, col, str(escrito),
                        f"{esperado}, como dice la armonización {r.proyecto_anterior} → {r.proyecto_nuevo} desde {r.periodo} "
                        "(hoja «armonizacion»): corrija uno de los dos")


def advertencias_programacion(t: dict[str, pd.DataFrame], p: Problemas) -> None:
    """Metas y proyectos sin programación de la vigencia (p. ej. el libro nuevo recién hecho con ``--desde``)."""
    m = t["metas"]
    sin = m["programacion_vigencia"].isna()
    for r, fila in zip(m[sin].itertuples(), m.loc[sin, "_fila"], strict=False):
        p.advertencia("sin_programacion", "metas", fila, "programacion_vigencia", None,
                      f"la programación de la vigencia de la meta {r.proyecto}-{r.meta}: sin ella no se calcula su avance de la vigencia")
    pr = t["proyectos"]
    sin = pr["presupuesto_programado"].isna()
    for r, fila in zip(pr[sin].itertuples(), pr.loc[sin, "_fila"], strict=False):
        p.advertencia("sin_programacion", "proyectos", fila, "presupuesto_programado", None,
                      f"el presupuesto programado del proyecto {r.proyecto}: sin él, sus alertas no tienen peso presupuestal")
