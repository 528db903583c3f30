"""Libros diminutos en memoria para las pruebas de métricas (sin pasar por Excel).

``hacer_libro(metas=[...], seguimiento_metas=[...], ...)`` recibe, por hoja, una lista de
filas (dicts ``{columna: valor}``), arma los DataFrames crudos como los leería
``carga.leer_xlsx`` (valores ``object`` y la columna ``_fila``), los pasa por
``validacion.validar`` y devuelve un :class:`~pai_analisis.carga.Libro` tipado. Las hojas
que no se dan quedan vacías, salvo ``objetivos`` (1 y 2) y ``proyectos`` (el 1, del
objetivo 1, con 100 millones).

Atajos para no repetir columnas: :func:`meta`, :func:`sm` (seguimiento de metas),
:func:`ind`, :func:`si`, :func:`act`, :func:`sa`, :func:`pres`.
"""

from __future__ import annotations

import pandas as pd

from pai_analisis.libro import esquema
from pai_analisis.libro.carga import Libro
from pai_analisis.libro.validacion import validar

OBJETIVOS = [{"objetivo": 1, "nombre": "Gestión pública efectiva"}, {"objetivo": 2, "nombre": "Paz y reconciliación"}]
PROYECTOS = [{"proyecto": 1, "nombre": "Proyecto uno", "objetivo": 1, "presupuesto_programado": 100}]


def _cruda(hoja: str, filas: list[dict]) -> pd.DataFrame:
    columnas = [c.nombre for c in esquema.HOJAS[hoja]]
    for fila in filas:
        columnas += [c for c in fila if c not in columnas]
    df = pd.DataFrame([[f.get(c) for c in columnas] for f in filas], columns=columnas, dtype=object)
    df["_fila"] = pd.Series(range(2, len(df) + 2), dtype="int64")
    return df


def hacer_libro(vigencia: int = 2024, permitir_errores: bool = False, **hojas: list[dict]) -> Libro:
    """Un :class:`Libro` validado a partir de filas por hoja (ver el docstring del módulo)."""
    desconocidas = set(hojas) - set(esquema.HOJAS)
    if desconocidas:
        raise TypeError(f"hojas desconocidas: {sorted(desconocidas)}")
    hojas.setdefault("objetivos", OBJETIVOS)
    hojas.setdefault("proyectos", PROYECTOS)
    crudas = {h: _cruda(h, hojas.get(h, [])) for h in esquema.HOJAS}
    tablas, problemas, vig = validar(crudas, vigencia)
    errores = problemas[problemas["nivel"] == "error"]
    if len(errores) and not permitir_errores:
        raise AssertionError("el libro de la prueba no es válido:\n" + errores.to_string())
    sr = tablas["seguimiento_riesgos"]
    sr["materializado"] = (sr["materializado"] == "Sí").astype(bool)
    return Libro(**tablas, vigencia=vig, advertencias=problemas)


def meta(n: int, anualizacion: str = "Suma", mv: float = 10, cuatrienio: float = 40, proyecto: int = 1, **extra) -> dict:
    return {"proyecto": proyecto, "meta": n, "nombre": f"Meta {n}", "anualizacion": anualizacion,
            "programacion_cuatrienio": cuatrienio, "programacion_vigencia": mv, **extra}


def sm(n: int, mes: int, programado: float, ejecutado: float, proyecto: int = 1) -> dict:
    return {"proyecto": proyecto, "meta": n, "periodo": f"2024-{mes:02d}", "programado": programado, "ejecutado": ejecutado}


def ind(ident: str, periodicidad: str = "Mensual", meta_valor: float = 90, sentido: str = "mayor", unidad: str = "%",
        objetivo: int = 1) -> dict:
    return {"indicador": ident, "proceso": "Gestión financiera", "nombre": f"Indicador {ident}", "meta": meta_valor,
            "unidad": unidad, "sentido": sentido, "periodicidad": periodicidad, "objetivo": objetivo}


def si(ident: str, mes: int, resultado=None, numerador=None, denominador=None) -> dict:
    return {"indicador": ident, "periodo": f"2024-{mes:02d}", "resultado": resultado, "numerador": numerador,
            "denominador": denominador}


def act(ident: str, objetivo: int = 1, plan: str = "Plan de Capacitación") -> dict:
    return {"actividad": ident, "plan": plan, "dependencia": "Talento Humano", "nombre": f"Actividad {ident}",
            "objetivo": objetivo}


def sa(ident: str, mes: int, programado: float, ejecutado: float) -> dict:
    return {"actividad": ident, "periodo": f"2024-{mes:02d}", "programado": programado, "ejecutado": ejecutado}


def pres(proyecto: int, mes: int, apropiacion: float, compromisos: float, giros: float, **extra) -> dict:
    return {"proyecto": proyecto, "periodo": f"2024-{mes:02d}", "apropiacion": apropiacion, "compromisos": compromisos,
            "giros": giros, **extra}
