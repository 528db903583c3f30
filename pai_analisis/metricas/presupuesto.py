"""Presupuesto (secciones 3.2 y 6.3): ejecución al corte, apropiación inicial y modificaciones presupuestales.

Por proyecto, del último corte de ``presupuesto`` hasta P: ``ejecucion_presupuestal`` =
compromisos / apropiación × 100; ``giros`` (%) = giros / apropiación × 100;
``giros_sobre_compromisos`` = giros / compromisos × 100. Los totales de la entidad son razones
de sumas, no promedios de razones.

``apropiacion`` es la apropiación **vigente** en cada corte. La **apropiación inicial** de un
proyecto es la de su primer corte del año; cada cambio entre dos cortes seguidos es una
**modificación presupuestal** (adición, reducción o traslado por armonización), con su mes y su
monto. Un proyecto cerrado puede seguir teniendo cortes (sus compromisos se siguen pagando):
cuentan en los totales de la entidad. La apropiación inicial de la entidad es la suma del primer
mes con cortes; la de un proyecto que empieza a mitad de año (armonización) entra a la entidad
como modificación de ese mes, así la curva de la entidad sigue continua.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .periodo import hasta_periodo, ultima_observacion
from .ventanas import iniciados

_MONTOS = ["apropiacion", "compromisos", "giros", "compromisos_programados"]
TIPOS_MODIFICACION = ("adición", "reducción", "traslado por armonización")


def _pct(num, den):
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.asarray(num, dtype="float64") / np.asarray(den, dtype="float64") * 100
    return np.where(np.isfinite(r), r, np.nan)


def _ratios(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["ejecucion_presupuestal"] = _pct(df["compromisos"], df["apropiacion"])
    df["giros_pct"] = _pct(df["giros"], df["apropiacion"])
    df["giros_sobre_compromisos"] = _pct(df["giros"], df["compromisos"])
    df["ejecucion_programada"] = _pct(df["compromisos_programados"], df["apropiacion"])
    return df


def _escalar(x) -> float | None:
    v = float(np.asarray(x))
    return v if np.isfinite(v) else None


def calcular_presupuesto(proyectos: pd.DataFrame, presupuesto: pd.DataFrame, periodo: pd.Period) -> tuple[pd.DataFrame, dict]:
    """(tabla por proyecto iniciado, totales de la entidad) al corte del periodo.

    Un proyecto sin corte reportado conserva su ``presupuesto_programado`` como referencia
    y queda sin razones (``NaN``); un proyecto aún no iniciado no aparece.
    """
    cortes = hasta_periodo(presupuesto, periodo).sort_values("periodo", kind="stable")
    g = cortes.groupby("proyecto")
    ultimo, primero = g.tail(1).set_index("proyecto"), g.head(1).set_index("proyecto")
    base = iniciados(proyectos, periodo).set_index("proyecto")[["nombre", "presupuesto_programado"]]
    t = base.join(ultimo[["periodo", *_MONTOS]].rename(columns={"periodo": "corte"}), how="left")
    t["apropiacion_inicial"] = primero["apropiacion"].reindex(t.index)
    t["modificaciones"] = t["apropiacion"] - t["apropiacion_inicial"]
    # cuántas veces cambió la apropiación entre cortes consecutivos de cada proyecto (vectorizado: un diff por grupo)
    cambio = (g["apropiacion"].diff().abs() > 1e-9).groupby(cortes["proyecto"]).sum()
    t["n_modificaciones"] = cambio.reindex(t.index).fillna(0).astype(int)
    t = _ratios(t).reset_index()
    t = t.merge(ultima_observacion(cortes, ["proyecto"]), on="proyecto", how="left")
    return t.sort_values("proyecto").reset_index(drop=True), totales_entidad(cortes)


def totales_entidad(cortes: pd.DataFrame) -> dict:
    """Las cifras de la entidad (sumas de los últimos cortes de cada proyecto y sus razones) y su apropiación inicial."""
    ultimo = cortes.groupby("proyecto").tail(1)
    suma = ultimo[_MONTOS].sum(min_count=1)
    fila = pd.DataFrame([{c: (float(suma[c]) if pd.notna(suma[c]) else 0.0) for c in _MONTOS}])
    programados = ultimo["compromisos_programados"]
    if not (len(programados) and programados.notna().all()):
        fila["compromisos_programados"] = np.nan
    r = _ratios(fila).iloc[0]
    total = {c: float(fila.loc[0, c]) for c in ("apropiacion", "compromisos", "giros")}
    for c in ("ejecucion_presupuestal", "giros_pct", "giros_sobre_compromisos", "ejecucion_programada"):
        total[c] = _escalar(r[c])
    primer_mes = cortes["periodo"].min() if len(cortes) else None
    inicial = float(cortes.loc[cortes["periodo"] == primer_mes, "apropiacion"].sum()) if primer_mes is not None else 0.0
    total["apropiacion_inicial"] = inicial
    total["modificaciones"] = total["apropiacion"] - inicial
    # sumas de cifras con un decimal: sin el ruido de coma flotante (88286.00000000001, 1e-11)
    return {k: (round(v, 6) if isinstance(v, float) else v) for k, v in total.items()}


def modificaciones(proyectos: pd.DataFrame, presupuesto: pd.DataFrame, periodo: pd.Period,
                   armonizacion: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cada modificación presupuestal hasta P: el cambio de la apropiación entre dos cortes seguidos de un proyecto.

    Columnas: ``proyecto``, ``nombre``, ``periodo`` (texto), ``anterior``, ``nueva``, ``monto``
    (positivo: entra dinero), ``tipo`` (adición, reducción o traslado por armonización: una
    reducción del proyecto anterior en el mes de su armonización), ``destino`` (los proyectos
    nuevos de ese traslado) y ``observacion`` (la del corte).
    """
    columnas = ["proyecto", "nombre", "periodo", "anterior", "nueva", "monto", "tipo", "destino", "observacion"]
    cortes = hasta_periodo(presupuesto, periodo).sort_values(["proyecto", "periodo"], kind="stable").copy()
    cortes["anterior"] = cortes.groupby("proyecto")["apropiacion"].shift()
    cambios = cortes[cortes["anterior"].notna() & ((cortes["apropiacion"] - cortes["anterior"]).abs() > 1e-9)]
    if cambios.empty:
        return pd.DataFrame(columns=columnas)
    nombres = proyectos.drop_duplicates("proyecto").set_index("proyecto")["nombre"]
    traslados: dict[tuple, list] = {}
    if armonizacion is not None and len(armonizacion):
        for r in armonizacion.dropna(subset=["proyecto_anterior", "proyecto_nuevo", "periodo"]).itertuples():
            for mes in (r.periodo - 1, r.periodo):  # la reducción se registra en el último mes del anterior o en el de la armonización
                traslados.setdefault((r.proyecto_anterior, mes), []).append(int(r.proyecto_nuevo))
    filas = []
    for r in cambios.itertuples():
        monto = r.apropiacion - r.anterior
        destino = traslados.get((r.proyecto, r.periodo)) if monto < 0 else None
        tipo = "traslado por armonización" if destino else ("adición" if monto > 0 else "reducción")
        obs = getattr(r, "observaciones", None)
        filas.append({"proyecto": r.proyecto, "nombre": nombres.get(r.proyecto), "periodo": str(r.periodo), "anterior": r.anterior,
                      "nueva": r.apropiacion, "monto": monto, "tipo": tipo,
                      "destino": ", ".join(map(str, sorted(set(destino)))) if destino else None,
                      "observacion": None if obs is None or pd.isna(obs) or not str(obs).strip() else str(obs)})
    return pd.DataFrame(filas, columns=columnas)


def movimientos(presupuesto: pd.DataFrame, periodo: pd.Period) -> pd.DataFrame:
    """Cada corte de cada proyecto hasta P con su **movimiento** del mes (sección 8.1).

    El movimiento es este corte menos el corte anterior del mismo proyecto en la vigencia; en el
    primer corte del año (los acumulados empiezan de cero cada enero) es el valor acumulado mismo.
    Un movimiento negativo es una anulación o liberación de compromisos (o un reintegro de giros):
    se deja como está, sin recortar. Columnas: ``proyecto``, ``periodo`` (``period[M]``),
    ``apropiacion``, ``compromisos``, ``giros``, ``movimiento_compromisos``, ``movimiento_giros``
    (millones) y ``observacion`` (la del corte, o ``None``).
    """
    cortes = hasta_periodo(presupuesto, periodo).sort_values(["proyecto", "periodo"], kind="stable")
    t = cortes[["proyecto", "periodo", "apropiacion", "compromisos", "giros"]].reset_index(drop=True)
    g = t.groupby("proyecto", sort=False)
    for c in ("compromisos", "giros"):
        t[f"movimiento_{c}"] = (t[c] - g[c].shift()).fillna(t[c]).round(6)  # cifras con un decimal: sin ruido de coma flotante
    obs = cortes["observaciones"] if "observaciones" in cortes else pd.Series(None, index=cortes.index, dtype=object)
    texto = obs.astype("string").str.strip()
    hay = (texto.notna() & (texto != "")).fillna(False).to_numpy(dtype=bool)
    t["observacion"] = pd.Series(texto.astype(object).to_numpy(), dtype=object).where(hay, None)
    return t


def movimiento_del_mes(movs: pd.DataFrame, periodo) -> dict[str, float] | None:
    """El movimiento de la entidad en ``periodo``: la suma de los de sus proyectos (tabla de :func:`movimientos`).

    ``{"compromisos": …, "giros": …}`` en millones, con su signo (un negativo queda negativo);
    ``None`` si ningún proyecto tiene corte ese mes (no hay movimiento que decir, ni siquiera 0).
    """
    mes = movs[movs["periodo"].astype(str) == str(periodo)]
    if not len(mes):
        return None
    return {c: float(mes[f"movimiento_{c}"].sum()) for c in ("compromisos", "giros")}


def curva_presupuestal(proyectos: pd.DataFrame, presupuesto: pd.DataFrame, periodo: pd.Period) -> pd.DataFrame:
    """Curva mensual (enero … periodo) por proyecto y total (``proyecto`` = ``"Total"``).

    Columnas: proyecto, periodo, apropiación, compromisos, giros, compromisos programados y
    sus porcentajes sobre la apropiación. Un mes sin corte repite el último corte conocido.
    """
    cortes = hasta_periodo(presupuesto, periodo)
    meses = pd.period_range(pd.Period(year=periodo.year, month=1, freq="M"), periodo, freq="M")
    ids = iniciados(proyectos, periodo)["proyecto"].drop_duplicates().sort_values()
    rejilla = pd.MultiIndex.from_product([ids, meses], names=["proyecto", "periodo"])
    t = cortes.set_index(["proyecto", "periodo"])[_MONTOS].reindex(rejilla)
    t = t.groupby(level="proyecto").ffill().reset_index()
    total = t.groupby("periodo")[_MONTOS].sum(min_count=1).reset_index()
    total.insert(0, "proyecto", "Total")
    t["proyecto"] = t["proyecto"].astype(object)
    return _ratios(pd.concat([t, total], ignore_index=True))


def brecha_fisico_financiera(proyectos: pd.DataFrame) -> pd.Series:
    """Puntos en que la ejecución presupuestal (compromisos, %) va por delante (+) o por detrás (−) del avance físico.

    La única fórmula de la brecha: la usan las alertas (``umbral_brecha``) y la frase del informe.
    """
    return proyectos["ejecucion_presupuestal"] - proyectos["avance_fisico"]
