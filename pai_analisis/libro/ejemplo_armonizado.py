"""Segundo ejemplo incorporado: el año 2024 **armonizado** con el plan de desarrollo 2024–2027.

**Son datos de demostración, no cifras reales de la Secretaría General.** Siguen la forma real
de 2024 (Acuerdo 927 de 2024, aprobado el 30 de mayo): los proyectos 7867–7873 del plan anterior
cierran después de junio, con las cifras del año de demostración de la presentación sin cambios
(:mod:`.demostracion`), y desde julio rigen siete proyectos del plan nuevo con sus códigos y
nombres reales (datos abiertos del Mapa de Inversiones del Distrito, ver ``docs/plan_2024.md``). Sus metas, presupuestos y qué
proyecto anterior continúa cada uno son **supuestos** marcados en la columna ``supuesto`` de
``datos/armonizacion_2024/*.csv`` y en ``docs/plan_2024.md``.

Lo que muestra, además del año de demostración:

* **armonización** (hoja ``armonizacion``): cada proyecto anterior pasa su saldo sin comprometer
  a junio a uno o dos proyectos nuevos (7868 se reparte 70/30 entre 8094 y 8112; 7868 y 7873 llegan
  a 8094). En el corte de julio el anterior queda con una apropiación igual a sus compromisos
  (traslado) y sigue girando lo comprometido hasta diciembre; el nuevo empieza con el saldo;
* **ventanas**: los proyectos anteriores y sus metas cierran en junio (la armonización lo fija);
  el indicador AI-01 («enero - mayo 2024» en su enunciado) cierra en mayo; el indicador DE-02 se
  agrega en julio;
* **reprogramación**: la meta 8116-1 baja de 300 a 240 piezas desde octubre, con su motivo;
* **modificación presupuestal**: 8110 recibe una adición de $600 millones en octubre.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from .demostracion import seguimiento_demostracion
from .plan import tablas_plan_2024

VIGENCIA, MES = 2024, 7  # la armonización rige desde julio
MESES_NUEVOS = np.arange(MES, 13)
PERIODOS_NUEVOS = np.array([f"{VIGENCIA}-{m:02d}" for m in MESES_NUEVOS])
REPARTO = {(7868, 8094): 0.7, (7868, 8112): 0.3}  # fracción del saldo del anterior; lo demás, todo al único nuevo
ADICION = (8110, 10, 600.0)  # proyecto, mes, millones
METAS_REZAGADAS = {(8117, 1): "La convocatoria del primer laboratorio quedó desierta; se abrió de nuevo en octubre."}
# Curvas acumuladas de julio a diciembre (fracción de la apropiación del proyecto nuevo).
COMPROMISOS = np.array([0.30, 0.52, 0.66, 0.78, 0.88, 0.96])
COMPROMISOS_PLAN = np.array([0.35, 0.55, 0.70, 0.82, 0.92, 1.0])
GIROS = np.array([0.02, 0.09, 0.20, 0.35, 0.55, 0.84])


def _csv(nombre: str) -> pd.DataFrame:
    ruta = resources.files("pai_analisis.libro") / "datos" / "armonizacion_2024" / f"{nombre}.csv"
    with ruta.open("r", encoding="utf-8") as f:
        return pd.read_csv(f, dtype=object, keep_default_na=False, na_values=[""])


def _num(serie: pd.Series) -> np.ndarray:
    return pd.to_numeric(serie, errors="coerce").to_numpy(float)


def _presupuesto(demo: pd.DataFrame, armonizacion: pd.DataFrame, nuevos: pd.DataFrame) -> pd.DataFrame:
    """Enero–junio de los anteriores como en la demostración; desde julio, el traslado y los proyectos nuevos."""
    junio = demo[demo["periodo"] == f"{VIGENCIA}-{MES - 1:02d}"].set_index("proyecto")
    antes = demo[demo["periodo"] < f"{VIGENCIA}-{MES:02d}"]
    partes = [antes]
    recibido: dict[int, float] = {}
    for viejo, fila in junio.iterrows():
        saldo = float(fila["apropiacion"] - fila["compromisos"])
        destinos = armonizacion.loc[armonizacion["proyecto_anterior"] == viejo, "proyecto_nuevo"].tolist()
        for nuevo in destinos:
            recibido[nuevo] = recibido.get(nuevo, 0.0) + round(saldo * REPARTO.get((viejo, nuevo), 1.0 / len(destinos)), 1)
        # el anterior queda con lo comprometido y sigue girando hasta el 97 % de ello en diciembre
        giros = np.round(np.linspace(fila["giros"], 0.97 * fila["compromisos"], 7)[1:], 1)
        partes.append(pd.DataFrame({"proyecto": viejo, "periodo": PERIODOS_NUEVOS, "apropiacion": fila["compromisos"],
                                    "compromisos": fila["compromisos"], "giros": np.minimum(giros, fila["compromisos"]),
                                    "compromisos_programados": fila["compromisos"],
                                    "observaciones": ["Armonización: el saldo sin comprometer pasó al plan 2024-2027; "
                                                      "los compromisos se siguen pagando."] + [None] * 5}))
    for nuevo in nuevos["proyecto"]:
        aprop = np.full(len(MESES_NUEVOS), recibido.get(nuevo, 0.0))
        obs = [f"Apropiación inicial recibida en la armonización (Acuerdo 927 de {VIGENCIA})."] + [None] * 5
        if nuevo == ADICION[0]:
            aprop[ADICION[1] <= MESES_NUEVOS] += ADICION[2]
            obs[ADICION[1] - MES] = "Adición presupuestal para la conectividad de las sedes."
        partes.append(pd.DataFrame({"proyecto": nuevo, "periodo": PERIODOS_NUEVOS, "apropiacion": aprop,
                                    "compromisos": np.round(COMPROMISOS * aprop, 1), "giros": np.round(GIROS * aprop, 1),
                                    "compromisos_programados": np.round(COMPROMISOS_PLAN * aprop, 1), "observaciones": obs}))
    return pd.concat(partes, ignore_index=True), recibido


def _metas_nuevas(rng, metas: pd.DataFrame, reprogramaciones: pd.DataFrame) -> pd.DataFrame:
    partes = []
    for proy, meta, anual, mv in zip(metas["proyecto"].astype(int), metas["meta"].astype(int), metas["anualizacion"], _num(metas["programacion_vigencia"]),
                                     strict=True):
        razon = 0.6 if (proy, meta) in METAS_REZAGADAS else rng.uniform(0.93, 1.02)
        if anual == "Constante":
            prog = np.full(6, mv)
            ejec = np.round(mv * np.minimum(rng.uniform(0.95, 1.0, 6), 1.0), 1)
        else:
            total = np.full(6, mv)
            r = reprogramaciones[(reprogramaciones["proyecto"] == str(proy)) & (reprogramaciones["meta"] == str(meta))]
            for x in r.itertuples():  # desde el mes de la reprogramación, la programación apunta a la meta nueva
                total[int(x.periodo[-2:]) <= MESES_NUEVOS] = float(x.programacion_vigencia)
            acumulado = np.round(total * (np.arange(1, 7) / 6))
            prog = np.diff(acumulado, prepend=0)
            ejec_acum = np.maximum.accumulate(np.round(acumulado * razon))
            ejec = np.diff(ejec_acum, prepend=0)
        obs = [METAS_REZAGADAS.get((proy, meta)) if m in (9, 12) else None for m in MESES_NUEVOS]
        partes.append(pd.DataFrame({"proyecto": proy, "meta": meta, "periodo": PERIODOS_NUEVOS, "programado": prog,
                                    "ejecutado": ejec, "observaciones": obs}))
    return pd.concat(partes, ignore_index=True)


def _indicadores(rng, demo: pd.DataFrame) -> pd.DataFrame:
    """AI-01 mensual de enero a mayo (su ventana); DE-02 mensual desde julio; los demás como en la demostración."""
    otros = demo[demo["indicador"] != "AI-01"]
    ai = pd.DataFrame({"indicador": "AI-01", "periodo": [f"{VIGENCIA}-{m:02d}" for m in range(1, 6)],
                       "resultado": np.round(rng.uniform(88, 100, 5), 1), "numerador": np.nan, "denominador": np.nan})
    den = rng.integers(8, 14, 6).astype(float)
    de = pd.DataFrame({"indicador": "DE-02", "periodo": PERIODOS_NUEVOS, "resultado": np.nan,
                       "numerador": np.minimum(np.round(den * rng.uniform(0.9, 1.0, 6)), den), "denominador": den})
    return pd.concat([otros, ai, de], ignore_index=True)


@lru_cache(maxsize=1)
def _generar() -> dict[str, pd.DataFrame]:
    plan, seg = tablas_plan_2024(), seguimiento_demostracion()
    rng = np.random.default_rng(927)
    proyectos, metas, armonizacion = _csv("proyectos"), _csv("metas"), _csv("armonizacion")
    reprogramaciones, indicadores = _csv("reprogramaciones"), _csv("indicadores")
    arm = armonizacion.assign(proyecto_anterior=armonizacion["proyecto_anterior"].astype(int),
                              proyecto_nuevo=armonizacion["proyecto_nuevo"].astype(int))
    presupuesto, recibido = _presupuesto(seg["presupuesto"], arm, proyectos.assign(proyecto=proyectos["proyecto"].astype(int)))
    proyectos["presupuesto_programado"] = proyectos["proyecto"].astype(int).map(recibido).round(1).astype(str)
    ind_plan = plan["indicadores"][~plan["indicadores"]["indicador"].isin(indicadores["indicador"])]
    sm = seg["seguimiento_metas"]
    return {
        **plan,
        "proyectos": pd.concat([plan["proyectos"], proyectos], ignore_index=True),
        "metas": pd.concat([plan["metas"], metas], ignore_index=True),
        "indicadores": pd.concat([ind_plan, indicadores], ignore_index=True),
        "seguimiento_metas": pd.concat([sm[sm["periodo"] < f"{VIGENCIA}-{MES:02d}"], _metas_nuevas(rng, metas, reprogramaciones)],
                                       ignore_index=True),
        "presupuesto": presupuesto,
        "seguimiento_indicadores": _indicadores(rng, seg["seguimiento_indicadores"]),
        "seguimiento_actividades": seg["seguimiento_actividades"],
        "seguimiento_riesgos": seg["seguimiento_riesgos"],
        "reprogramaciones": reprogramaciones,
        "armonizacion": armonizacion,
    }


def tablas_armonizacion() -> dict[str, pd.DataFrame]:
    """Todas las hojas del ejemplo armonizado (plan y seguimiento), sin tipar, como las leería un libro (copias)."""
    return {hoja: df.copy() for hoja, df in _generar().items()}
