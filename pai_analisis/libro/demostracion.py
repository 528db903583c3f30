"""Año de demostración 2024: un seguimiento mensual ficticio del plan 2024 incorporado.

**Son datos de demostración, no cifras reales de la Secretaría General.** Sirven para
probar el paquete, mostrar los informes sin un libro propio (``pai metricas`` sin
``--datos``) y llenar la plantilla con ``--con-ejemplo``. Se generan con
``numpy.random.default_rng(semilla)``: la misma semilla da siempre el mismo año.

La historia que cuentan, de enero a diciembre de 2024:

* **Metas.** La mayoría avanza al ritmo programado (92–105 % de lo programado a la fecha),
  con un perfil mensual en S (poco en enero y febrero, el grueso a mitad de año). Las metas
  Suma y Creciente reportan la magnitud *del mes* y su programación suma exactamente la
  ``programacion_vigencia``; las Constante reportan el *nivel* (100 cada mes, ejecutado
  entre 92 y 100). Se rezagan (50–75 %) la plataforma de gobierno abierto (7869-2), los
  procesos pedagógicos de paz (7871-2), tres metas de transformación digital (7872-1, 3
  y 4) y el mejoramiento de sedes (7873-3). Dos metas se sobreejecutan: 7868-8 todo el año
  (la programación anual se quedó corta) y 7868-4 en el primer semestre (adelantó entregas).
* **Presupuesto.** Los compromisos suben rápido en el primer trimestre, cuando se firman
  los contratos (55 % en abril) y cierran entre 93 y 99 %; los giros van rezagados
  (≈10 % en marzo, ≈40 % en junio, 80–90 % en diciembre). El proyecto 7872 compromete casi
  todo en el primer semestre (licencias y conectividad) mientras sus metas físicas se
  rezagan: es la brecha físico-financiera de la demostración. El 7870 también compromete
  pronto (la operación de los canales de atención), pero sus metas de nivel van al día.
  El 7873 recibe una adición presupuestal en agosto.
* **Indicadores.** Se reportan solo en los meses en que se miden. La mayoría cumple; tres
  quedan en rojo (CT-03, ST-02, RF-03) y faltan tres reportes: PV-03 y RF-02 no
  reportaron junio y CD-02 no reportó octubre. GF-01 (días de pago) ronda 4–6 días, con
  enero y diciembre por encima de la meta.
* **Plan de acción integrado.** Porcentajes acumulados que terminan en distintos meses;
  PA-06, PA-19 y PA-23 van rezagadas.
* **Riesgos.** Un reporte mensual por riesgo (el monitoreo de la primera línea de defensa;
  así el informe de cualquier mes lo tiene). Se materializan cuatro riesgos de gestión.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .esquema import MESES_POR_PERIODO
from .plan import tablas_plan_2024

VIGENCIA = 2024
MESES = np.arange(1, 13)
PERIODOS = np.array([f"{VIGENCIA}-{m:02d}" for m in MESES])

METAS_REZAGADAS = {
    (7869, 2): "Retraso en la contratación del desarrollo de la plataforma; entregas reprogramadas.",
    (7871, 2): "Procesos pedagógicos aplazados por la armonización con el nuevo Plan de Desarrollo.",
    (7872, 1): "Contratos firmados en el primer trimestre; entregables técnicos reprogramados.",
    (7872, 3): "Las agendas de transformación digital de las entidades van más lentas de lo previsto.",
    (7872, 4): "El centro de recursos de TI compartido espera la entrega de la infraestructura.",
    (7873, 3): "Obra de adecuación de sede suspendida mientras se tramita la licencia.",
}
METAS_SOBREEJECUTADAS = {  # razón ejecutado/programado acumulada: (enero, diciembre)
    (7868, 8): (1.45, 1.36, "Se atendieron temas estratégicos adicionales a los programados."),
    (7868, 4): (1.65, 1.08, "Se adelantaron entregas previstas para el segundo semestre."),
}
PROYECTO_BRECHA = 7872
COMPROMISO_RAPIDO = {PROYECTO_BRECHA, 7870}  # contratos de licencias y de operación firmados en el primer trimestre
ADICION = (7873, 8, 412.0)  # proyecto, mes desde el que rige, millones
# Curvas acumuladas (fracción del valor de diciembre), enero a diciembre.
COMPROMISOS = np.array([0.22, 0.38, 0.48, 0.57, 0.62, 0.67, 0.72, 0.77, 0.82, 0.87, 0.92, 1.0])
COMPROMISOS_RAPIDOS = np.array([0.45, 0.62, 0.74, 0.80, 0.85, 0.88, 0.90, 0.92, 0.94, 0.96, 0.97, 1.0])
COMPROMISOS_PLAN = np.array([0.25, 0.42, 0.52, 0.60, 0.66, 0.71, 0.76, 0.81, 0.86, 0.91, 0.96, 1.0])
GIROS = np.array([0.02, 0.06, 0.12, 0.21, 0.33, 0.47, 0.55, 0.63, 0.70, 0.77, 0.84, 1.0])

INDICADORES_ROJOS = {"CT-03": 0.6, "ST-02": 0.62, "RF-03": 0.55}  # fracción de la meta que logran
INDICADORES_SIN_REPORTE = {"PV-03": 6, "RF-02": 6, "CD-02": 10}  # mes que no se reportó
SOLO_RESULTADO = {"DE-01", "FI-01", "FI-03"}  # % reportados como resultado (además de los anuales)

ACTIVIDADES_FIN = {"PA-13": 1, "PA-05": 3, "PA-08": 3, "PA-11": 4, "PA-09": 6, "PA-10": 6,
                   "PA-12": 9, "PA-15": 9, "PA-18": 9, "PA-24": 10, "PA-02": 11}  # las demás, diciembre
ACTIVIDADES_REZAGADAS = {"PA-06", "PA-19", "PA-23"}

RIESGOS_MATERIALIZADOS = {
    "R-81": (2, "Tiempos de espera de más de 90 minutos en dos puntos de la Red CADE por falla del sistema de turnos."),
    "R-49": (4, "Corte eléctrico en el centro de datos: servicios tecnológicos interrumpidos durante 9 horas."),
    "R-42": (5, "Se declaró desierto un proceso de selección por errores en el estudio de mercado."),
    "R-30": (8, "Se pagaron intereses moratorios por tres cuentas tramitadas fuera de plazo."),
}


def _num(serie: pd.Series) -> np.ndarray:
    return pd.to_numeric(serie.astype(str).str.replace(",", ".", regex=False), errors="coerce").to_numpy(float)


def _curva_s(rng: np.random.Generator) -> np.ndarray:
    """Fracción acumulada (0 → 1 en diciembre) de una logística con centro y ancho al azar."""
    centro, ancho = rng.uniform(5.5, 7.5), rng.uniform(1.8, 2.6)
    logistica = 1 / (1 + np.exp(-(np.arange(13) - centro) / ancho))
    return (logistica[1:] - logistica[0]) / (logistica[-1] - logistica[0])


def _decimales(mv: float, nombre: str) -> int:
    """0 para conteos (procesos, productos); 1 para porcentajes; 2 para magnitudes pequeñas (0,30)."""
    base = 0 if "por ciento" not in nombre.lower() and mv >= 10 else (2 if mv < 5 else 1)
    propios = min((k for k in range(6) if abs(mv * 10**k - round(mv * 10**k)) < 1e-9), default=6)
    return max(base, propios)


def _metas(rng, metas: pd.DataFrame) -> pd.DataFrame:
    partes = []
    for proy, meta, anual, mv, lb, nombre in zip(
        metas["proyecto"].astype(int), metas["meta"].astype(int), metas["anualizacion"].str.strip().str.capitalize(),
        _num(metas["programacion_vigencia"]), _num(metas["linea_base"]), metas["nombre"].astype(str), strict=True,
    ):
        clave, d = (proy, meta), _decimales(mv, nombre)
        sobre = clave in METAS_SOBREEJECUTADAS
        if sobre:
            razon = np.linspace(*METAS_SOBREEJECUTADAS[clave][:2], 12) + rng.normal(0, 0.02, 12)
        else:
            razon = rng.uniform(*((0.55, 0.72) if clave in METAS_REZAGADAS else (0.94, 1.03))) + rng.normal(0, 0.02, 12)
        acum = _curva_s(rng)
        if anual in ("Suma", "Creciente"):  # flujo: lo del mes; la programación suma exactamente mv
            u = 10.0**d
            p_acum = np.round(acum * round(mv * u))
            e_acum = np.round(p_acum * razon)
            if not sobre:
                e_acum = np.minimum(e_acum, np.floor(p_acum * 1.2))
            e_acum = np.maximum.accumulate(np.maximum(e_acum, 0))
            prog, ejec = np.diff(p_acum, prepend=0) / u, np.diff(e_acum, prepend=0) / u
        elif anual == "Decreciente":  # nivel que baja de la línea base hacia mv
            prog = np.round(lb + (mv - lb) * acum, d)
            ejec = np.maximum(np.round(lb - (lb - prog) * np.minimum(razon, 1.2), d), 0)
        else:  # Constante: el nivel se sostiene cerca de lo programado
            nivel = 1.0 if rng.random() < 0.3 and clave not in METAS_REZAGADAS else razon.mean() - 0.03
            ejec = np.round(mv * np.minimum(nivel + rng.normal(0, 0.012, 12) * (nivel < 1), 1.0), d)
            prog = np.full(12, mv)
        obs = np.full(12, np.nan, dtype=object)
        if clave in METAS_REZAGADAS:
            obs[[2, 5, 8, 11]] = METAS_REZAGADAS[clave]
        elif sobre:
            obs[[5, 11]] = METAS_SOBREEJECUTADAS[clave][2]
        partes.append(pd.DataFrame({"proyecto": proy, "meta": meta, "periodo": PERIODOS, "programado": prog,
                                    "ejecutado": ejec, "observaciones": obs}))
    return pd.concat(partes, ignore_index=True)


def _presupuesto(rng, proyectos: pd.DataFrame) -> pd.DataFrame:
    partes = []
    for proy, base in zip(proyectos["proyecto"].astype(int), _num(proyectos["presupuesto_programado"]), strict=True):
        aprop = np.full(12, base)
        if proy == ADICION[0]:
            aprop[ADICION[1] - 1:] += ADICION[2]
        curva = COMPROMISOS_RAPIDOS if proy in COMPROMISO_RAPIDO else COMPROMISOS
        final_c, final_g = rng.uniform(0.93, 0.99), rng.uniform(0.80, 0.90)
        frac_c = np.maximum.accumulate(np.minimum(curva * final_c * (1 + rng.normal(0, 0.02, 12)), final_c))
        frac_g = np.maximum.accumulate(np.minimum(GIROS * final_g * (1 + rng.normal(0, 0.04, 12)), final_g))
        comp = np.minimum(np.maximum.accumulate(np.round(frac_c * aprop, 1)), aprop)
        giros = np.minimum(np.round(frac_g * aprop, 1), comp)
        partes.append(pd.DataFrame({"proyecto": proy, "periodo": PERIODOS, "apropiacion": aprop, "compromisos": comp,
                                    "giros": giros, "compromisos_programados": np.round(COMPROMISOS_PLAN * aprop, 1)}))
    return pd.concat(partes, ignore_index=True)


def _indicadores(rng, indicadores: pd.DataFrame) -> pd.DataFrame:
    partes = []
    for ident, meta, unidad, sentido, per in zip(
        indicadores["indicador"].str.strip(), _num(indicadores["meta"]), indicadores["unidad"].str.strip(),
        indicadores["sentido"].str.strip().str.lower(), indicadores["periodicidad"].str.strip().str.capitalize(), strict=True,
    ):
        paso = MESES_POR_PERIODO.get(per, 1)
        meses = MESES[(MESES % paso == 0) & np.not_equal(MESES, INDICADORES_SIN_REPORTE.get(ident, 0))]
        n = len(meses)
        logro = INDICADORES_ROJOS.get(ident, 1.0) * rng.uniform(0.97, 1.06, n)  # fracción de la meta
        res = num = den = np.full(n, np.nan)
        if unidad == "%":
            tasa = np.minimum(meta / 100 * (logro if sentido == "mayor" else 2 - logro), 1.0)
            if paso == 12 or ident in SOLO_RESULTADO:
                res = np.round(tasa * 100, 1)
            else:
                den = np.maximum(np.round(rng.integers(10, 250) * paso * rng.uniform(0.7, 1.3, n)), 1)
                num = np.minimum(np.round(den * tasa), den)
        elif sentido == "menor":  # p. ej. días: bajo la meta casi siempre, por encima en enero y diciembre
            res = np.round(meta * np.where(np.isin(meses, (1, 12)), rng.uniform(1.15, 1.35, n), rng.uniform(0.67, 1.0, n)), 1)
        else:
            res = np.round(meta * logro, 0 if meta >= 100 else 1)
        partes.append(pd.DataFrame({"indicador": ident, "periodo": PERIODOS[meses - 1], "resultado": res,
                                    "numerador": num, "denominador": den}))
    return pd.concat(partes, ignore_index=True)


def _actividades(rng, actividades: pd.DataFrame) -> pd.DataFrame:
    partes = []
    for ident in actividades["actividad"].str.strip():
        fin = ACTIVIDADES_FIN.get(ident, 12)
        x = np.minimum(MESES / fin, 1.0)
        prog = np.round(100 * (0.5 * x + 0.5 * x * x * (3 - 2 * x)))  # entre lineal y en S; 100 al final
        if ident in ACTIVIDADES_REZAGADAS:
            razon = rng.uniform(0.55, 0.7) + rng.normal(0, 0.02, 12)
        else:
            razon = np.minimum(rng.uniform(0.92, 1.0) + rng.normal(0, 0.02, 12), 1.0)
            razon[np.greater_equal(MESES, fin + (rng.random() < 0.25))] = 1.0  # termina a tiempo o un mes después
        ejec = np.maximum.accumulate(np.clip(np.round(prog * razon), 0, 100))
        partes.append(pd.DataFrame({"actividad": ident, "periodo": PERIODOS, "programado": prog, "ejecutado": ejec}))
    return pd.concat(partes, ignore_index=True)


def _riesgos(riesgos: pd.DataFrame) -> pd.DataFrame:
    ids = riesgos["riesgo"].str.strip().to_numpy()
    df = pd.DataFrame({"riesgo": np.repeat(ids, 12), "periodo": np.tile(PERIODOS, len(ids)),
                       "materializado": "No", "observaciones": np.nan})
    df["observaciones"] = df["observaciones"].astype(object)
    for ident, (mes, obs) in RIESGOS_MATERIALIZADOS.items():
        fila = (df["riesgo"] == ident) & (df["periodo"] == PERIODOS[mes - 1])
        df.loc[fila, ["materializado", "observaciones"]] = ["Sí", obs]
    return df


@lru_cache(maxsize=4)
def _generar(semilla: int) -> dict[str, pd.DataFrame]:
    plan = tablas_plan_2024()
    rng = np.random.default_rng(semilla)
    return {
        "seguimiento_metas": _metas(rng, plan["metas"]),
        "presupuesto": _presupuesto(rng, plan["proyectos"]),
        "seguimiento_indicadores": _indicadores(rng, plan["indicadores"]),
        "seguimiento_actividades": _actividades(rng, plan["actividades"]),
        "seguimiento_riesgos": _riesgos(plan["riesgos"]),
    }


def seguimiento_demostracion(semilla: int = 2024) -> dict[str, pd.DataFrame]:
    """Las cinco hojas de seguimiento del año de demostración 2024 (copias; siempre iguales por semilla)."""
    return {hoja: df.copy() for hoja, df in _generar(semilla).items()}
