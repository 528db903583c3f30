"""Los datos abiertos de un periodo (sección 8.4): un CSV por nivel y un ``datapackage.json`` (Frictionless).

:func:`paquete_datos` arma, en memoria, los archivos de ``DIR/P/datos/`` desde las tablas
tipadas (:func:`~.tablas.tablas`: una sola fuente para Python, CSV, Parquet y Excel); quien publica
(:mod:`pai_analisis.publicacion`) los escribe dentro de la carpeta del periodo, que se publica de
forma atómica y se guarda en sus versiones.

Formato de los CSV (lo que declara el ``datapackage.json``): UTF-8 sin BOM, coma como separador,
punto decimal y sin separador de miles, fin de línea ``\\n``, una fila de encabezado con los
nombres de columna de ``docs/tablas.md``; meses como ``AAAA-MM`` (tipo ``yearmonth``: ningún mes
lleva día), números con hasta 6 decimales (como el JSON), verdadero/falso como ``true``/``false``, vacío = sin valor. Cada campo del esquema
lleva su tipo, su unidad (``unit``) y su descripción en español; cada recurso su clave primaria
cuando la tiene. El paquete dice la licencia, la fuente (el libro y su SHA-256) y, si el libro es de
demostración, lo dice en el título, en la descripción y en ``demostracion: true``.
"""

from __future__ import annotations

import io
import json

import pandas as pd

from .columnas import TABLAS_ABIERTAS, columnas_de
from .tablas import CLAVES, TITULOS
from .tablas import tablas as tablas_de

CARPETA = "datos"
DESCRIPTOR = "datapackage.json"
LICENCIA = {"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/",
            "title": "Creative Commons Atribución-CompartirIgual 4.0 Internacional"}


def texto_csv(df: pd.DataFrame) -> str:
    """``df`` como CSV de datos abiertos (ver el módulo): meses ``AAAA-MM``, ``true``/``false``, punto decimal."""
    salida = {}
    for nombre, serie in df.items():
        if isinstance(serie.dtype, pd.PeriodDtype):
            salida[nombre] = serie.astype(str).where(serie.notna(), "")
        elif pd.api.types.is_bool_dtype(serie.dtype):
            salida[nombre] = serie.map({True: "true", False: "false"}).astype(object).where(serie.notna(), "")
        elif pd.api.types.is_float_dtype(serie.dtype):
            salida[nombre] = serie.round(6)  # como el JSON: sin ruido de coma flotante (-2801.8999999999996 → -2801.9)
        else:
            salida[nombre] = serie
    buf = io.StringIO()
    pd.DataFrame(salida).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def _recurso(nombre: str) -> dict:
    esquema = {"fields": [c.campo() for c in columnas_de(nombre)], "missingValues": [""]}
    if nombre in CLAVES:
        esquema["primaryKey"] = list(CLAVES[nombre])
    titulo, descripcion = TITULOS[nombre]
    return {"name": nombre, "path": f"{nombre}.csv", "title": titulo, "description": descripcion, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "header": True}, "schema": esquema}


def descriptor(metricas) -> dict:
    """El ``datapackage.json`` del periodo de ``metricas`` (sin los CSV)."""
    p, par, datos = str(metricas.periodo), metricas.parametros, metricas.datos or {}
    demo = bool(datos.get("demostracion"))
    aviso = ("DATOS DE DEMOSTRACIÓN: las cifras de seguimiento son simuladas y no describen la gestión real de la entidad. "
             if demo else "")
    fuente = {"title": f"Libro de seguimiento del PAI: {datos.get('archivo') or 'sin nombre'}"}
    if datos.get("sha256"):
        fuente["sha256"] = datos["sha256"]
    return {
        "name": f"pai-seguimiento-{p}" + ("-demostracion" if demo else ""),
        "title": f"Seguimiento del Plan de Acción Institucional (PAI), {p}" + (" — DATOS DE DEMOSTRACIÓN" if demo else ""),
        "description": (f"{aviso}Tablas del seguimiento del PAI de {par.entidad} ({par.dependencia}) al cierre de {p}, "
                        "calculadas con la metodología publicada del proyecto pai-analisis: un CSV por nivel. "
                        "Porcentajes en escala 0–100, dinero en millones de pesos."),
        "profile": "tabular-data-package",
        "periodo": p,
        "vigencia": metricas.vigencia,
        "demostracion": demo,
        "estado_periodo": metricas.estado_periodo,
        "licenses": [LICENCIA],
        "sources": [fuente],
        "contributors": [{"title": f"{par.dependencia} — {par.entidad}", "role": "publisher"}],
        "keywords": ["Plan de Acción Institucional", "Bogotá", "seguimiento", "planeación"],
        "resources": [_recurso(n) for n in TABLAS_ABIERTAS],
    }


def paquete_datos(metricas, tablas: dict[str, pd.DataFrame] | None = None) -> dict[str, bytes]:
    """Los archivos de ``DIR/P/datos/`` (nombre → contenido): ``objetivos.csv`` … ``alertas.csv`` y ``datapackage.json``.

    ``tablas``: las de :func:`~.tablas.tablas` si ya se calcularon (si no, se calculan aquí).
    """
    t = tablas if tablas is not None else tablas_de(metricas)
    archivos = {f"{n}.csv": texto_csv(t[n]).encode("utf-8") for n in TABLAS_ABIERTAS}
    archivos[DESCRIPTOR] = (json.dumps(descriptor(metricas), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return archivos
