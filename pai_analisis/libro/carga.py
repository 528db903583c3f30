"""Carga del libro de seguimiento (.xlsx) o de un ejemplo incorporado; varios libros, uno por vigencia.

``cargar_libro(ruta)`` lee, tipa y valida; devuelve un :class:`Libro` con un DataFrame por hoja
(enteros ``Int64``, números ``float64``, códigos como categorías, ``periodo`` como ``Period[M]``)
y con las ventanas de vigencia ya resueltas. Si hay errores lanza
:class:`~pai_analisis.errores.ErrorValidacion` con la tabla completa de problemas; las
advertencias del libro quedan en ``libro.advertencias`` (las que necesitan cifras calculadas, en
:func:`pai_analisis.metricas.advertencias`).

``cargar_libros(datos)`` carga varios libros (una lista, o todos los .xlsx de una carpeta) y
los ordena por vigencia: cada periodo se calcula con el libro de su año (sección 6.5).

Sin ruta, los ejemplos incorporados (siempre marcados como demostración): ``"demostracion"``,
el plan 2024 de la presentación con un año de seguimiento simulado, y ``"armonizacion"``, el
mismo año con la armonización de mitad de año al plan 2024–2027 (ver ``docs/plan_2024.md``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..comun.textos import es_si
from ..errores import ErrorLectura, ErrorPeriodo, ErrorValidacion
from . import esquema
from .lectura import leer_bytes, leer_xlsx
from .marcas import CLAVE_DEMOSTRACION, Marcas, leer_marcas
from .problemas import Problemas
from .validacion import validar

FILA_EXCEL = "fila_excel"  # en cada tabla del Libro: la fila de Excel de donde salió el registro

EJEMPLOS = {
    "demostracion": "el plan 2024 con su año de demostración",
    "armonizacion": "el año 2024 armonizado con el plan 2024–2027 (demostración)",
}


@dataclass
class Libro:
    """Las hojas del libro, tipadas y con las ventanas resueltas, más su procedencia y sus marcas."""

    objetivos: pd.DataFrame
    proyectos: pd.DataFrame
    metas: pd.DataFrame
    seguimiento_metas: pd.DataFrame
    presupuesto: pd.DataFrame
    indicadores: pd.DataFrame
    seguimiento_indicadores: pd.DataFrame
    actividades: pd.DataFrame
    seguimiento_actividades: pd.DataFrame
    riesgos: pd.DataFrame
    controles: pd.DataFrame
    seguimiento_riesgos: pd.DataFrame
    reprogramaciones: pd.DataFrame
    armonizacion: pd.DataFrame
    vigencia: int = 2024
    origen: Path | None = None
    sha256: str | None = None
    advertencias: pd.DataFrame = field(default_factory=pd.DataFrame)
    marcas: Marcas = field(default_factory=Marcas)
    ejemplo: str | None = None  # «demostracion» o «armonizacion» cuando es un ejemplo incorporado

    @property
    def demostracion(self) -> bool:
        """``True`` con un ejemplo incorporado o con un libro que lleva la marca de demostración."""
        return self.ejemplo is not None or self.marcas.demostracion

    @property
    def nombre_datos(self) -> str:
        if self.origen is not None:
            return self.origen.name
        return f"datos de demostración incorporados ({EJEMPLOS.get(self.ejemplo or 'demostracion')})"

    def hojas(self) -> dict[str, pd.DataFrame]:
        return {h: getattr(self, h) for h in esquema.HOJAS}


@dataclass
class Libros:
    """Varios libros, uno por vigencia: :meth:`de` da el libro del año de un periodo."""

    por_vigencia: dict[int, Libro]

    @property
    def vigencias(self) -> list[int]:
        return sorted(self.por_vigencia)

    def de(self, periodo) -> Libro:
        """El libro de la vigencia de ``periodo`` (``ErrorPeriodo`` si no se dio ninguno de ese año)."""
        from ..comun.periodos import a_periodo

        p = a_periodo(periodo)
        if p is None:
            raise ErrorPeriodo(f"El periodo «{periodo}» no es válido: se esperaba AAAA-MM, por ejemplo {self.vigencias[-1]}-06.")
        if p.year not in self.por_vigencia:
            dados = ", ".join(str(v) for v in self.vigencias)
            raise ErrorPeriodo(f"No hay libro de la vigencia {p.year} para el periodo {p}: los libros dados son de {dados}.")
        return self.por_vigencia[p.year]

    def __iter__(self):
        return iter(self.por_vigencia[v] for v in self.vigencias)

    def __len__(self) -> int:
        return len(self.por_vigencia)


def _crudas_incorporadas(ejemplo: str = "demostracion") -> dict[str, pd.DataFrame]:
    if ejemplo == "armonizacion":
        from .ejemplo_armonizado import tablas_armonizacion

        crudas = tablas_armonizacion()
    else:
        from .demostracion import seguimiento_demostracion
        from .plan import tablas_plan_2024

        crudas = tablas_plan_2024() | seguimiento_demostracion()
    for df in crudas.values():
        df["_fila"] = range(2, len(df) + 2)
    return crudas


def _con_fila_excel(hoja: str, tabla: pd.DataFrame) -> pd.DataFrame:
    """La fila de Excel de cada registro, en la columna pública ``fila_excel`` (la validación la llama ``_fila``).

    Una columna extra del libro con ese mismo nombre no se pisa: se conserva tal cual y la fila de
    Excel no se agrega (nada del cálculo depende de ella; solo las advertencias la citan).
    """
    if "_fila" not in tabla:
        return tabla
    if FILA_EXCEL in tabla:
        return tabla.drop(columns="_fila")
    return tabla.rename(columns={"_fila": FILA_EXCEL})


def cargar_libro(ruta: str | Path | None = None, vigencia: int | None = None, *, ejemplo: str = "demostracion") -> Libro:
    """Carga y valida un libro de seguimiento; sin ``ruta``, el ejemplo incorporado ``ejemplo``.

    Lanza ``ErrorLectura`` si el archivo no es un .xlsx legible y ``ErrorValidacion``
    (con todos los problemas) si el contenido no cumple el contrato.
    """
    if ruta is None:
        if ejemplo not in EJEMPLOS:
            raise ErrorLectura(f"No hay un ejemplo incorporado llamado «{ejemplo}»: use {' o '.join(EJEMPLOS)}.")
        crudas, origen, sha, marcas = _crudas_incorporadas(ejemplo), None, None, Marcas(2024, True)
    else:
        origen = Path(ruta)
        datos = leer_bytes(origen)
        sha = hashlib.sha256(datos).hexdigest()
        crudas = leer_xlsx(origen)
        marcas, ejemplo = leer_marcas(origen), None
    tablas, problemas, vig = validar(crudas, vigencia if vigencia is not None else marcas.vigencia)
    if (problemas["nivel"] == "error").any() if len(problemas) else False:
        raise ErrorValidacion(problemas, origen.name if origen is not None else None)
    if marcas.duda:
        p = Problemas()
        p.advertencia("marcas_ilegibles", "instrucciones", None, CLAVE_DEMOSTRACION, marcas.duda,
                      "la ficha del libro y las propiedades del documento legibles")
        problemas = pd.concat([t for t in (problemas, p.tabla()) if len(t)], ignore_index=True)
    sr = tablas["seguimiento_riesgos"]
    sr["materializado"] = sr["materializado"].map(es_si).astype(bool)
    tablas = {h: _con_fila_excel(h, t) for h, t in tablas.items()}
    return Libro(**tablas, vigencia=vig, origen=origen, sha256=sha, advertencias=problemas, marcas=marcas, ejemplo=ejemplo)


def _rutas(datos: Iterable[str | Path]) -> list[Path]:
    from ..comun.recursos import libros_en

    rutas: list[Path] = []
    for d in map(Path, datos):
        hallados = libros_en([d])
        if d.is_dir() and not hallados:
            raise ErrorLectura(f"La carpeta «{d}» no tiene libros .xlsx.")
        rutas += hallados
    return rutas


def cargar_libros(datos: str | Path | Iterable[str | Path] | None = None, *, ejemplo: str = "demostracion") -> Libros:
    """Uno o varios libros (rutas o carpetas con .xlsx), uno por vigencia; sin ``datos``, el ejemplo incorporado."""
    if datos is None:
        libro = cargar_libro(ejemplo=ejemplo)
        return Libros({libro.vigencia: libro})
    rutas = _rutas([datos] if isinstance(datos, (str, Path)) else list(datos))
    if not rutas:
        raise ErrorLectura("No se indicó ningún libro.")
    por_vigencia: dict[int, Libro] = {}
    for ruta in rutas:
        libro = cargar_libro(ruta)
        if libro.vigencia in por_vigencia:
            otro = por_vigencia[libro.vigencia].origen
            raise ErrorLectura(f"Dos libros son de la vigencia {libro.vigencia}: «{otro}» y «{ruta}». "
                               "Indique un solo libro por vigencia.")
        por_vigencia[libro.vigencia] = libro
    return Libros(por_vigencia)
