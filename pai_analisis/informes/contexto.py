"""El contexto de un informe: libro, métricas y parámetros de un periodo, calculados una sola vez.

Los cuadernos de ``cuadernos/`` empiezan con ``ctx = preparar(periodo, datos, parametros, calculo)``:
con ``calculo`` (lo que pasa ``pai informes``) leen el cálculo que ya hizo el proceso principal;
sin él cargan el libro y calculan. Las series mensuales (índice, curva presupuestal, tira de
indicadores) se calculan a demanda y se guardan con el cálculo.
"""

from __future__ import annotations

import pickle
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..comun.archivos import escribir_atomico
from ..comun.periodos import periodo_en_palabras
from ..errores import ErrorPublicacion


class Contexto:
    """Libro, métricas y parámetros de un periodo, con las series mensuales calculadas a demanda."""

    def __init__(self, libro, metricas, parametros, memoria: dict | None = None, conciliacion: dict | None = None):
        self.libro, self.metricas, self.parametros = libro, metricas, parametros
        self.periodo: pd.Period = metricas.periodo
        self.memoria = memoria  # meses ya calculados (metricas._nucleo_en); no se guarda en el pickle
        # sección 8.3: {"tabla": conciliación mes a mes hasta P, "entidad", "archivo"}; None sin --fuente
        self.conciliacion = conciliacion

    def __getstate__(self) -> dict:
        return {**self.__dict__, "memoria": None}

    @cached_property
    def serie(self) -> pd.DataFrame:
        from ..metricas.calculo import serie_mensual

        return serie_mensual(self.libro, self.periodo, self.parametros, memoria=self.memoria)

    @cached_property
    def curva(self) -> pd.DataFrame:
        from ..metricas.presupuesto import curva_presupuestal

        return curva_presupuestal(self.libro.proyectos, self.libro.presupuesto, self.periodo)

    @cached_property
    def indicadores_mes(self) -> pd.DataFrame:
        from ..metricas.indicadores import cumplimiento_mensual

        return cumplimiento_mensual(self.libro.indicadores, self.libro.seguimiento_indicadores, self.periodo)

    @cached_property
    def elementos_dependencias(self) -> pd.DataFrame:
        """Cada elemento activo en P con su dependencia, si se debía y se reportó, su semáforo (informe 07; sección 10)."""
        from ..metricas.dependencias import elementos_del_periodo

        return elementos_del_periodo(self.libro, self.periodo, self.metricas)

    @property
    def periodo_texto(self) -> str:
        return periodo_en_palabras(self.periodo)

    def semaforo(self, valor) -> str | None:
        return self.parametros.semaforo([valor]).iloc[0]

    def completar(self) -> Contexto:
        """Calcula ya todas las series perezosas (para guardar el cálculo completo)."""
        for nombre in ("serie", "curva", "indicadores_mes", "elementos_dependencias"):
            getattr(self, nombre)
        return self


def calcular_metricas(libro, periodo, parametros=None, *, memoria: dict | None = None):
    """:func:`pai_analisis.metricas.calcular_metricas` con la frase de cada alerta (``mensaje``): la API pública.

    La metodología da las alertas como datos; su frase es redacción y vive en
    :mod:`.lecturas.alertas` (``docs/metodologia.md``, «Alertas»). Esta es la que usan
    ``pai.calcular_metricas``, ``pai metricas`` y los informes: la que trae ``mensaje`` en el JSON,
    el Excel y los datos abiertos.
    """
    from ..metricas.calculo import calcular_metricas as calcular
    from .lecturas.alertas import con_frases

    return con_frases(calcular(libro, periodo, parametros, memoria=memoria))


def preparar_desde(libro, periodo, parametros=None, memoria: dict | None = None, fuente: dict | None = None) -> Contexto:
    """Calcula las métricas de ``periodo`` sobre un libro ya cargado (lo usa ``pai informes``, que ya validó el libro).

    ``memoria``: diccionario compartido entre los periodos de una corrida (mismo libro y parámetros).
    ``fuente``: ``{"tabla": totales mensuales de la entidad en los datos abiertos, "entidad", "archivo"}``
    (:func:`leer_fuente`); con ella el contexto trae la conciliación hasta ``periodo`` (sección 8.3).
    """
    from ..metricas.conciliacion import conciliar
    from ..metricas.parametros import cargar_parametros

    par = parametros or cargar_parametros()
    memoria = {} if memoria is None else memoria
    m = calcular_metricas(libro, periodo, par, memoria=memoria)
    conciliacion = None
    if fuente is not None:
        conciliacion = {"tabla": conciliar(libro.presupuesto, fuente["tabla"], libro.vigencia, m.periodo),
                        "entidad": fuente["entidad"], "archivo": fuente["archivo"]}
    return Contexto(libro, m, par, memoria, conciliacion)


def leer_fuente(ruta, entidad: str) -> dict:
    """El archivo de datos abiertos del Distrito, ya reducido a los totales mensuales de ``entidad`` (para :func:`preparar_desde`)."""
    from ..fuentes.presupuesto_distrital import de_entidad, leer_presupuesto_distrital

    tabla = de_entidad(leer_presupuesto_distrital(ruta), entidad)
    return {"tabla": tabla, "entidad": tabla["institucion"].iloc[0], "archivo": Path(ruta).name}


def guardar_calculo(ctx: Contexto, ruta) -> Path:
    """Guarda el contexto completo (con sus series) para que los cuadernos no recalculen. Escritura atómica."""
    return escribir_atomico(ruta, pickle.dumps(ctx.completar(), protocol=pickle.HIGHEST_PROTOCOL))


def cargar_calculo(ruta) -> Contexto:
    """Lee un cálculo escrito por :func:`guardar_calculo` (archivo propio de ``pai informes``: es un pickle)."""
    with open(ruta, "rb") as f:
        ctx = pickle.load(f)
    if not isinstance(ctx, Contexto):
        raise ErrorPublicacion(f"«{ruta}» no contiene un cálculo de pai-analisis.")
    return ctx


def _ruta(ruta):
    """Una ruta relativa que no existe desde la carpeta actual se busca en las superiores (cuadernos/ → raíz)."""
    if ruta is None or Path(ruta).is_absolute() or Path(ruta).exists():
        return ruta
    for carpeta in Path.cwd().resolve().parents:
        if (carpeta / ruta).exists():
            return carpeta / ruta
    return ruta


def preparar(periodo, datos=None, parametros=None, calculo=None, *, ejemplo: str = "demostracion",
             fuente=None, entidad: str | None = None) -> Contexto:
    """Contexto del informe de ``periodo``.

    ``calculo``: ruta de un cálculo guardado por :func:`guardar_calculo` (así lo usa ``pai
    informes``: los cuadernos no recalculan). Sin ella: carga ``datos`` (``None`` = el ejemplo
    incorporado ``ejemplo``), lee ``parametros`` (``None`` = ``parametros/base.yaml`` si existe) y
    calcula; ``fuente`` (el CSV de datos abiertos del Distrito) agrega la conciliación de ``entidad``
    (por omisión, la de los parámetros).
    """
    from ..metricas.periodo import resolver_periodo

    if calculo is not None:
        ctx = cargar_calculo(calculo)
        pedido = resolver_periodo(periodo, ctx.libro.vigencia)
        if pedido != ctx.periodo:
            raise ErrorPublicacion(f"El cálculo «{calculo}» es de {ctx.periodo} y se pidió el informe de {pedido}.")
        return ctx
    from ..libro.carga import cargar_libro
    from ..metricas.parametros import cargar_parametros

    par = cargar_parametros(_ruta(parametros))
    origen = leer_fuente(_ruta(fuente), entidad or par.entidad) if fuente is not None else None
    return preparar_desde(cargar_libro(_ruta(datos), ejemplo=ejemplo), periodo, par, fuente=origen)
