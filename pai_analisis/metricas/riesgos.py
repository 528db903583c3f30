"""Riesgos con la metodología DAFP v5 (sección 3.7 de la especificación).

Zona inherente de (probabilidad, impacto) según la matriz 5×5; valores residuales tras
aplicar los controles; zona residual; materialización a un periodo. Todo vectorizado:
ningún cálculo recorre las filas en Python.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..comun.textos import canonico, es_si
from ..libro.esquema import IMPACTOS, PROBABILIDADES, TIPOS_RIESGO, ZONAS
from .periodo import ultima_observacion

VALORES_NIVEL = (20.0, 40.0, 60.0, 80.0, 100.0)  # valor de cada nivel, en el orden de PROBABILIDADES / IMPACTOS
PESOS_TIPO_CONTROL = {"Preventivo": 25.0, "Detectivo": 15.0, "Correctivo": 10.0}
PESOS_IMPLEMENTACION = {"Automático": 25.0, "Manual": 15.0}
TOLERANCIA = 1e-9

# Matriz de zonas: fila = probabilidad (de Muy alta, arriba, a Muy baja), columna = impacto (Leve … Catastrófico).
ZONAS_MATRIZ = pd.DataFrame(
    [
        ["Alto", "Alto", "Alto", "Alto", "Extremo"],
        ["Moderado", "Moderado", "Alto", "Alto", "Extremo"],
        ["Moderado", "Moderado", "Moderado", "Alto", "Extremo"],
        ["Bajo", "Moderado", "Moderado", "Alto", "Extremo"],
        ["Bajo", "Bajo", "Moderado", "Alto", "Extremo"],
    ],
    index=pd.Index(PROBABILIDADES[::-1], name="probabilidad"),
    columns=pd.Index(IMPACTOS, name="impacto"),
)
# La misma matriz indexada por códigos: _MATRIZ[i_probabilidad, i_impacto], con 0 = Muy baja / Leve.
_MATRIZ = ZONAS_MATRIZ.loc[list(PROBABILIDADES), list(IMPACTOS)].to_numpy(dtype=object)

COLUMNAS = [
    "riesgo", "proceso", "tipo", "descripcion", "probabilidad", "impacto", "zona_inherente", "n_controles",
    "probabilidad_residual_valor", "impacto_residual_valor", "probabilidad_residual", "impacto_residual",
    "zona_residual", "materializado", "periodo_materializacion",
]


def zona(probabilidad: str, impacto: str) -> str:
    """Zona de riesgo (Bajo, Moderado, Alto, Extremo) de un nivel de probabilidad y uno de impacto.

    Acepta los nombres sin importar mayúsculas, tildes ni espacios («muy alta», «Catastrofico»).
    """
    p, i = canonico(probabilidad, PROBABILIDADES), canonico(impacto, IMPACTOS)
    if p is None:
        raise ValueError(f"Probabilidad desconocida {probabilidad!r}; se esperaba una de: {', '.join(PROBABILIDADES)}")
    if i is None:
        raise ValueError(f"Impacto desconocido {impacto!r}; se esperaba uno de: {', '.join(IMPACTOS)}")
    return str(_MATRIZ[PROBABILIDADES.index(p), IMPACTOS.index(i)])


def _zonas(cod_probabilidad, cod_impacto) -> pd.Categorical:
    """Versión vectorizada de :func:`zona` sobre códigos 0–4 (−1 = sin dato → zona vacía)."""
    cp, ci = np.asarray(cod_probabilidad, dtype=int), np.asarray(cod_impacto, dtype=int)
    validos = (cp >= 0) & (ci >= 0)
    nombres = np.where(validos, _MATRIZ[cp.clip(0), ci.clip(0)], None)
    return pd.Categorical(nombres, categories=list(ZONAS), ordered=True)


def _codigos_nivel(valores) -> np.ndarray:
    """Código (0–4) del nivel más bajo cuyo valor es ≥ cada valor; −1 para NaN.

    Se compara con ``valor − TOLERANCIA`` para que un producto como 40.00000000000001
    (error de coma flotante de 100 × 0,5 × 0,8…) siga siendo Baja y no pase a Media. La
    tolerancia no puede confundir un valor genuino: los factores de los controles son
    múltiplos de 1/20 y un valor por encima de 20 admite como mucho cinco controles que lo
    reduzcan (100 × 0,75⁵ ≈ 23,7), así que la distancia mínima real entre un valor residual
    y un límite de nivel es 20 / 20⁵ ≈ 6·10⁻⁶, muy por encima de 10⁻⁹.
    """
    v = np.asarray(valores, dtype=float)
    codigos = np.searchsorted(VALORES_NIVEL, v - TOLERANCIA, side="left").clip(0, len(VALORES_NIVEL) - 1)
    return np.where(np.isnan(v), -1, codigos)


def nivel_por_valor(valor, niveles: tuple[str, ...] = PROBABILIDADES):
    """Nivel (de ``niveles``: PROBABILIDADES o IMPACTOS) más bajo cuyo valor (20…100) es ≥ ``valor``.

    36 → Baja, 20.25 → Baja, 20 → Muy baja, 12 → Muy baja, 0 → Muy baja; por encima de 100,
    el nivel más alto. Con un escalar devuelve el nombre (``None`` si es NaN); con un
    arreglo, un ``Categorical`` ordenado.
    """
    codigos = _codigos_nivel(np.atleast_1d(valor))
    cat = pd.Categorical.from_codes(codigos, categories=list(niveles), ordered=True)
    if np.ndim(valor) == 0:
        return None if codigos[0] < 0 else str(cat[0])
    return cat


def _codigos(serie: pd.Series, niveles: tuple[str, ...]) -> np.ndarray:
    return pd.Categorical(serie.astype(object), categories=list(niveles)).codes.astype(int)


def _factores_controles(controles: pd.DataFrame) -> pd.DataFrame:
    """Por riesgo: número de controles y producto de factores (1 − peso/100) sobre probabilidad e impacto.

    La multiplicación es conmutativa: aplicar los controles «uno tras otro, en el orden
    listado» da el mismo producto que agruparlos.
    """
    tipo = controles["tipo"].astype(object)
    peso = tipo.map(PESOS_TIPO_CONTROL) + controles["implementacion"].astype(object).map(PESOS_IMPLEMENTACION)
    factor = 1.0 - peso.astype(float) / 100.0
    correctivo = tipo.eq("Correctivo")
    tabla = pd.DataFrame(
        {
            "riesgo": controles["riesgo"].astype(object).to_numpy(),
            "f_prob": factor.where(~correctivo, 1.0).to_numpy(),
            "f_imp": factor.where(correctivo, 1.0).to_numpy(),
        }
    )
    g = tabla.groupby("riesgo", sort=False)
    return pd.DataFrame({"n_controles": g.size(), "f_prob": g["f_prob"].prod(), "f_imp": g["f_imp"].prod()})


def _materializacion(seguimiento: pd.DataFrame, periodo: pd.Period) -> pd.Series:
    """Primer periodo (≤ P, del año de P) en que cada riesgo se reportó materializado."""
    per = pd.PeriodIndex(seguimiento["periodo"], freq="M")
    marca = seguimiento["materializado"]
    if marca.dtype != bool:  # sin pasar por carga: texto «Sí»/«No» (o booleanos en una columna object)
        marca = marca.map(es_si)
    en_corte = np.asarray(marca, dtype=bool) & (per <= periodo) & (per.year == periodo.year)
    sel = pd.DataFrame({"riesgo": seguimiento["riesgo"].astype(object).to_numpy()[en_corte], "periodo": per[en_corte]})
    return sel.groupby("riesgo")["periodo"].min().astype("period[M]")


def calcular_riesgos(riesgos: pd.DataFrame, controles: pd.DataFrame, seguimiento_riesgos: pd.DataFrame,
                     periodo: pd.Period | str) -> pd.DataFrame:
    """Una fila por riesgo (ordenada por ``riesgo``) con zonas inherente y residual y materialización a ``periodo``.

    Los controles preventivos y detectivos multiplican el valor de la probabilidad por
    (1 − peso/100); los correctivos, el del impacto, salvo en riesgos de corrupción, cuyo
    impacto no se mueve. Peso = tipo (Preventivo 25, Detectivo 15, Correctivo 10) +
    implementación (Automático 25, Manual 15). ``materializado`` es verdadero si algún
    seguimiento del año de ``periodo`` hasta ``periodo`` dice Sí.
    """
    periodo = pd.Period(periodo, freq="M")
    r = riesgos.reset_index(drop=True)
    ids = r["riesgo"].astype(object)
    cp, ci = _codigos(r["probabilidad"], PROBABILIDADES), _codigos(r["impacto"], IMPACTOS)
    valores = np.array(VALORES_NIVEL + (np.nan,))  # el código −1 (sin dato) cae en el NaN final
    fac = _factores_controles(controles).reindex(ids)
    corrupcion = r["tipo"].astype(object).eq("Corrupción").to_numpy()
    f_imp = np.where(corrupcion, 1.0, fac["f_imp"].fillna(1.0).to_numpy())
    prob_res = valores[cp] * fac["f_prob"].fillna(1.0).to_numpy()
    imp_res = valores[ci] * f_imp
    cp_res, ci_res = _codigos_nivel(prob_res), _codigos_nivel(imp_res)
    primera = _materializacion(seguimiento_riesgos, periodo).reindex(ids)
    tabla = pd.DataFrame(
        {
            "riesgo": ids.to_numpy(),
            "proceso": r["proceso"].array,
            "tipo": r["tipo"].array,
            "descripcion": r["descripcion"].array,
            "probabilidad": pd.Categorical.from_codes(cp, categories=list(PROBABILIDADES), ordered=True),
            "impacto": pd.Categorical.from_codes(ci, categories=list(IMPACTOS), ordered=True),
            "zona_inherente": _zonas(cp, ci),
            "n_controles": fac["n_controles"].fillna(0).astype("int64").to_numpy(),
            "probabilidad_residual_valor": prob_res,
            "impacto_residual_valor": imp_res,
            "probabilidad_residual": pd.Categorical.from_codes(cp_res, categories=list(PROBABILIDADES), ordered=True),
            "impacto_residual": pd.Categorical.from_codes(ci_res, categories=list(IMPACTOS), ordered=True),
            "zona_residual": _zonas(cp_res, ci_res),
            "materializado": primera.notna().to_numpy(),
            # object explícito: pandas 3 convertiría los None en NaN de una columna str
            "periodo_materializacion": pd.Series(
                primera.dt.strftime("%Y-%m").astype(object).where(primera.notna(), None).to_numpy(), dtype=object
            ),
        }
    )
    seg = seguimiento_riesgos
    if len(seg) and "observaciones" in seg:
        per = pd.PeriodIndex(seg["periodo"], freq="M")
        seg = seg[(per <= periodo) & (per.year == periodo.year)]
    obs = ultima_observacion(seg, ["riesgo"])
    tabla = tabla[COLUMNAS].merge(obs, on="riesgo", how="left")
    return tabla.sort_values("riesgo", kind="stable").reset_index(drop=True)


def _conteo(serie: pd.Series, claves: tuple[str, ...]) -> dict[str, int]:
    cuentas = serie.astype(object).value_counts()
    return {k: int(cuentas.get(k, 0)) for k in claves}


def resumen_riesgos(tabla: pd.DataFrame) -> dict:
    """El bloque ``riesgos`` del JSON de métricas (sección 5): todos los tipos y zonas, con 0 si no hay."""
    return {
        "total": int(len(tabla)),
        "por_tipo": _conteo(tabla["tipo"], TIPOS_RIESGO),
        "por_zona_inherente": _conteo(tabla["zona_inherente"], ZONAS),
        "por_zona_residual": _conteo(tabla["zona_residual"], ZONAS),
        "materializados": int(tabla["materializado"].sum()),
    }


def mapa_calor(tabla: pd.DataFrame, cual: str = "inherente") -> pd.DataFrame:
    """Conteo 5×5 de riesgos: filas probabilidad (Muy alta arriba … Muy baja), columnas impacto (Leve … Catastrófico).

    ``cual`` = ``"inherente"`` o ``"residual"``. Se colorea con :data:`ZONAS_MATRIZ`, que
    tiene la misma forma.
    """
    if cual not in ("inherente", "residual"):
        raise ValueError(f"«cual» debe ser 'inherente' o 'residual'; se recibió {cual!r}")
    sufijo = "" if cual == "inherente" else "_residual"
    prob = pd.Categorical(tabla[f"probabilidad{sufijo}"].astype(object), categories=list(PROBABILIDADES))
    imp = pd.Categorical(tabla[f"impacto{sufijo}"].astype(object), categories=list(IMPACTOS))
    conteo = pd.crosstab(prob, imp, dropna=False)
    conteo = conteo.reindex(index=list(PROBABILIDADES[::-1]), columns=list(IMPACTOS), fill_value=0).astype("int64")
    conteo.index.name, conteo.columns.name = "probabilidad", "impacto"
    return conteo
