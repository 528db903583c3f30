"""Las tablas del modelo en Parquet: un archivo por tabla que ``pandas.read_parquet`` relee con los mismos dtypes.

Parquet guarda los tipos (``Int64``, ``period[M]``, ``string``, ``boolean``, categorías ordenadas)
en los metadatos de pandas; lo escribe ``pyarrow``, que viene con ``pip install ".[analistas]"`` y
no es parte de la corrida mensual (cron). Sin él, un error en español dice cómo instalarlo.
Cada archivo se arma primero en memoria (un fallo al convertir no deja nada escrito) y se escribe
de forma atómica (:func:`~pai_analisis.comun.archivos.escribir_atomico`).
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pandas as pd

from ..comun.archivos import crear_carpeta, escribir_atomico
from ..errores import ErrorPAI
from .tablas import tablas

INSTALAR = 'pip install "pai-analisis[analistas]" (o pip install pyarrow)'


def requiere_pyarrow() -> None:
    if importlib.util.find_spec("pyarrow") is None:
        raise ErrorPAI("Para escribir Parquet hace falta la biblioteca pyarrow, que no está instalada "
                       f"(no es parte de la instalación de la corrida mensual). Instálela con: {INSTALAR}.")


def escribir_parquet(tablas: dict[str, pd.DataFrame], carpeta: str | Path) -> list[Path]:
    """Escribe ``carpeta/<tabla>.parquet`` por cada tabla de ``tablas`` y devuelve las rutas escritas."""
    requiere_pyarrow()
    contenidos = {}
    for nombre, df in tablas.items():
        buf = io.BytesIO()
        df.to_parquet(buf, engine="pyarrow", index=False)
        contenidos[nombre] = buf.getvalue()
    carpeta = crear_carpeta(carpeta)
    return [escribir_atomico(Path(carpeta) / f"{nombre}.parquet", datos) for nombre, datos in contenidos.items()]


def exportar_parquet(metricas, carpeta: str | Path) -> Path:
    """``pai metricas --formato parquet``: cada tabla de :func:`~.tablas.tablas` en ``carpeta``; devuelve la carpeta."""
    requiere_pyarrow()  # antes de armar las tablas: el error sale en seguida y no se crea nada
    escribir_parquet(tablas(metricas), carpeta)
    return Path(carpeta)
