"""El presupuesto del Distrito en datos abiertos (Mapa de Inversiones): ``DatosAbiertosPresupuestoGeneralDistrito.csv``.

Una fila por entidad × mes × finalidad × tipo de presupuesto, con ``Periodo`` (``AAAAMM``),
``Institucion``, ``Finalidad`` (Inversión, Funcionamiento…), ``TipoPresupuesto``,
``ValorVigente`` (la apropiación vigente: un saldo), ``ValorCompromiso`` y ``ValorGiros``
(acumulados en el año), en **pesos**. Ver ``docs/fuentes_distritales.md``, sección 2.

Formato que se acepta (el de los archivos publicados y el que leen los proyectos que los usan):
UTF-8, con o sin BOM; separador coma; punto decimal; ``Periodo`` entero. Un archivo que no es
UTF-8 o que viene con punto y coma (lo que deja Excel en español al «guardar como») es un error
que lo dice, en vez de leer cifras a medias. Las cifras se pasan a millones y se redondean a 6
decimales (el archivo trae ruido de coma flotante: ``498513.22599999997``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..comun.textos import normalizar
from ..errores import ErrorLectura

COLUMNAS = ("Periodo", "Institucion", "Finalidad", "TipoPresupuesto", "ValorVigente", "ValorCompromiso", "ValorGiros")
_VALORES = {"ValorVigente": "apropiacion", "ValorCompromiso": "compromisos", "ValorGiros": "giros"}
INVERSION = "Inversión"


def leer_presupuesto_distrital(ruta) -> pd.DataFrame:
    """Las filas de **inversión** del archivo, tipadas: ``periodo`` (``period[M]``), ``institucion``,
    ``tipo_presupuesto``, ``apropiacion``, ``compromisos``, ``giros`` (millones).

    Lanza :class:`~pai_analisis.errores.ErrorLectura` (en español, con la fila o la columna) si el
    archivo no existe, no es UTF-8, no usa comas, le faltan columnas o trae un periodo o un valor
    que no es un número.
    """
    ruta = Path(ruta)
    if not ruta.is_file():
        raise ErrorLectura(f"No existe el archivo de la fuente «{ruta}».")
    try:
        df = pd.read_csv(ruta, encoding="utf-8-sig", sep=",", dtype=str, keep_default_na=False)
    except UnicodeDecodeError:
        raise ErrorLectura(f"«{ruta.name}» no está en UTF-8: los datos abiertos del Distrito se publican en UTF-8. "
                           "Si lo abrió y guardó con Excel, descárguelo de nuevo o guárdelo como «CSV UTF-8».") from None
    except pd.errors.ParserError as exc:
        raise ErrorLectura(f"«{ruta.name}» no se puede leer como CSV: {exc}") from None
    except pd.errors.EmptyDataError:
        raise ErrorLectura(f"«{ruta.name}» está vacío: se esperaba el encabezado {', '.join(COLUMNAS)}.") from None
    df.columns = [str(c).strip() for c in df.columns]
    faltan = [c for c in COLUMNAS if c not in df.columns]
    if faltan:
        pista = (" El encabezado parece separado por punto y coma: se espera el separador coma de los datos abiertos."
                 if len(df.columns) == 1 and ";" in df.columns[0] else "")
        raise ErrorLectura(f"A «{ruta.name}» le faltan las columnas {', '.join(faltan)} del presupuesto distrital "
                           f"(se esperaban {', '.join(COLUMNAS)}).{pista}")
    df = df[df["Finalidad"].map(normalizar) == normalizar(INVERSION)]
    fila = df.index.to_series() + 2  # la fila como se ve al abrir el archivo (encabezado en la 1)
    periodo = pd.to_numeric(df["Periodo"].str.strip(), errors="coerce")
    mes = periodo % 100
    malos = periodo.isna() | (periodo % 1 != 0) | (mes < 1) | (mes > 12) | (periodo < 190001)
    if malos.any():
        i = malos.idxmax()
        raise ErrorLectura(f"«{ruta.name}», fila {fila[i]}, columna «Periodo»: «{df.at[i, 'Periodo']}» no es un mes AAAAMM "
                           f"({int(malos.sum())} fila(s) así).")
    salida = pd.DataFrame({
        "periodo": pd.PeriodIndex.from_fields(year=(periodo // 100).astype(int), month=mes.astype(int), freq="M"),
        "institucion": df["Institucion"].str.strip().to_numpy(),
        "tipo_presupuesto": df["TipoPresupuesto"].str.strip().to_numpy(),
    })
    for col, nombre in _VALORES.items():
        texto = df[col].str.strip()
        valor = pd.to_numeric(texto.where(texto != "", "0"), errors="coerce")
        if valor.isna().any():
            i = valor.isna().idxmax()
            raise ErrorLectura(f"«{ruta.name}», fila {fila[i]}, columna «{col}»: «{df.at[i, col]}» no es un número en pesos "
                               "con punto decimal.")
        salida[nombre] = (valor / 1e6).round(6).to_numpy()
    return salida


def de_entidad(tabla: pd.DataFrame, entidad: str) -> pd.DataFrame:
    """Los totales de inversión de ``entidad`` por mes (``periodo``, ``apropiacion``, ``compromisos``, ``giros``, e
    ``institucion``: el nombre como lo escribe la fuente).

    La entidad se busca sin importar mayúsculas, tildes ni espacios sobrantes; si no está, el
    error dice qué instituciones trae el archivo.
    """
    clave = normalizar(entidad)
    filas = tabla[tabla["institucion"].map(normalizar) == clave]
    if filas.empty:
        hay = sorted(set(tabla["institucion"]))
        muestra = "; ".join(hay[:40]) + (f"; … ({len(hay)} en total)" if len(hay) > 40 else "")
        raise ErrorLectura(f"La entidad «{entidad}» no está en las filas de inversión de la fuente. "
                           f"Instituciones que trae: {muestra or '(ninguna)'}.")
    total = filas.groupby("periodo", sort=True)[list(_VALORES.values())].sum().round(6)
    return total.reset_index().assign(institucion=filas["institucion"].mode().iloc[0])
