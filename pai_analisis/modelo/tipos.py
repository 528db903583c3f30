"""Los tipos de las columnas del modelo: cada uno con su dtype de pandas y su tipo Frictionless.

Una columna del modelo (:class:`Columna`) dice su nombre, su encabezado en español (el del
Excel), su tipo, su unidad y su significado; el catálogo de todas está en :mod:`.columnas`.
Los tipos son pocos y fijos:

========== ===================== ============ ==========================================
tipo       pandas                Frictionless en el CSV
========== ===================== ============ ==========================================
entero     ``Int64``             integer      ``7867`` (vacío si no aplica)
numero     ``float64``           number       punto decimal, sin separador de miles
texto      ``string``            string       UTF-8
mes        ``period[M]``         yearmonth    ``AAAA-MM``
booleano   ``boolean``           boolean      ``true`` / ``false``
categoria  ``category``          string+enum  la etiqueta; ordenada cuando el orden dice algo
========== ===================== ============ ==========================================

El semáforo es una categoría ordenada ``rojo`` < ``amarillo`` < ``verde`` (sección 8.4): ``rojo``
es el ``critico`` de la metodología (sección 3.6), ``amarillo`` el ``en_riesgo`` y ``verde`` el
``satisfactorio``. El JSON de ``pai metricas`` conserva los nombres de la sección 5.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..metricas.parametros import ETIQUETAS_SEMAFORO, SEMAFOROS

SEMAFORO_COLOR = dict(zip(SEMAFOROS, ("rojo", "amarillo", "verde"), strict=True))  # critico → rojo…
COLORES = tuple(SEMAFORO_COLOR.values())
ETIQUETA_COLOR = {color: ETIQUETAS_SEMAFORO[s] for s, color in SEMAFORO_COLOR.items()}  # rojo → «Crítico»

_PANDAS = {"entero": "Int64", "numero": "float64", "texto": "string", "mes": "period[M]", "booleano": "boolean"}
_FRICTIONLESS = {"entero": "integer", "numero": "number", "texto": "string", "mes": "yearmonth", "booleano": "boolean",
                 "categoria": "string"}


@dataclass(frozen=True)
class Columna:
    """Una columna de una tabla del modelo: lo único que se escribe a mano de ella."""

    nombre: str
    titulo: str  # encabezado en español (Excel, documentación)
    tipo: str  # entero, numero, texto, mes, booleano, categoria
    unidad: str
    descripcion: str
    categorias: tuple[str, ...] = ()
    ordenada: bool = False

    def __post_init__(self) -> None:
        if self.tipo not in _FRICTIONLESS:
            raise ValueError(f"columna «{self.nombre}»: tipo desconocido «{self.tipo}»; se esperaba uno de {sorted(_FRICTIONLESS)}")
        if (self.tipo == "categoria") != bool(self.categorias):
            raise ValueError(f"columna «{self.nombre}»: solo las categorías llevan categorias (y todas las llevan)")

    @property
    def dtype(self):
        if self.tipo == "categoria":
            return pd.CategoricalDtype(list(self.categorias), ordered=self.ordenada)
        return pd.api.types.pandas_dtype(_PANDAS[self.tipo])

    @property
    def tipo_pandas(self) -> str:
        """El dtype como texto, para la documentación."""
        if self.tipo == "categoria":
            orden = " < ".join(self.categorias) if self.ordenada else ", ".join(self.categorias)
            return f"category{' ordenada' if self.ordenada else ''} ({orden})"
        return _PANDAS[self.tipo]

    @property
    def tipo_frictionless(self) -> str:
        return _FRICTIONLESS[self.tipo]

    def campo(self) -> dict:
        """El campo del esquema Frictionless (Table Schema): tipo, unidad y descripción en español."""
        campo = {"name": self.nombre, "title": self.titulo, "type": self.tipo_frictionless, "unit": self.unidad,
                 "description": self.descripcion}
        if self.tipo == "mes":
            campo["format"] = "default"  # AAAA-MM
        if self.categorias:
            campo["constraints"] = {"enum": list(self.categorias)}
        return campo


def convertir(serie: pd.Series, col: Columna) -> pd.Series:
    """``serie`` con el dtype de ``col``. Un valor que no cabe en el tipo es un defecto del programa: falla, no se pierde."""
    if col.tipo == "mes":
        if isinstance(serie.dtype, pd.PeriodDtype):
            return serie.astype("period[M]")
        texto = serie.astype(object).where(serie.notna(), None)
        return pd.Series(pd.PeriodIndex([None if v is None or v == "" else str(v) for v in texto], freq="M"), index=serie.index)
    if col.tipo == "categoria":
        valores = serie.astype(object).where(serie.notna(), None)
        if col.categorias == COLORES:  # el semáforo de Metricas (critico…) pasa a su color
            valores = valores.map(lambda s: SEMAFORO_COLOR.get(s, s) if s is not None else None)
        desconocidos = set(valores.dropna()) - set(col.categorias)
        if desconocidos:
            raise ValueError(f"columna «{col.nombre}»: valores fuera de sus categorías {sorted(desconocidos)}; "
                             f"se esperaba uno de {list(col.categorias)}")
        return pd.Series(pd.Categorical(valores, dtype=col.dtype), index=serie.index)
    if col.tipo == "entero":
        return pd.to_numeric(serie, errors="raise").astype("Int64")  # 7867.0 → 7867; 7867.5 falla
    if col.tipo == "numero":
        return pd.to_numeric(serie, errors="raise").astype("float64")
    if col.tipo == "booleano":
        return serie.astype("boolean")
    return serie.astype(object).where(serie.notna(), None).astype("string")
