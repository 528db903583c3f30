"""La serie mes a mes de la vigencia en formato largo, para explorar: :func:`serie_larga`.

Una fila por mes y elemento, de enero a ``hasta``, con las columnas de :data:`COLUMNAS`:

* ``periodo``: ``AAAA-MM`` (texto);
* ``nivel``: ``indice``, ``componente``, ``objetivo`` o ``proyecto`` (:data:`NIVELES`);
* ``clave``: ``indice_pai``; ``proyectos_inversion``, ``indicadores_gestion``,
  ``plan_accion_integrado``; el número del objetivo (``"3"``) o del proyecto (``"7871"``), como texto;
* ``nombre``; ``valor`` (cumplimiento 0–100, ``float``; NaN si aún no está definido: nada
  programado a la fecha, ningún indicador vencido…); ``semaforo`` (None si no hay valor);
* ``estado``: solo para proyectos, ``activo`` o ``cerrado`` (sección 6.1); vacío en los demás niveles.

Cada mes es :func:`~.calculo.calcular_metricas` de ese mes, **con el plan como estaba ese mes**: un
proyecto que aún no inicia no tiene fila; uno cerrado sigue con su valor congelado y ``estado``
``cerrado`` (no cuenta en componentes, objetivos ni índice). Los meses comparten una ``memoria``
(ver :func:`~.calculo._nucleo_en`), así que cada mes se calcula una sola vez.

Para una tabla ancha (un mes por fila, un elemento por columna)::

    s = serie_larga(libro)
    s[s["nivel"] == "componente"].pivot(index="periodo", columns="clave", values="valor")
"""

from __future__ import annotations

import pandas as pd

from ..libro.carga import Libro
from .calculo import calcular_metricas
from .parametros import NOMBRES_COMPONENTES, Parametros, cargar_parametros
from .periodo import resolver_periodo, ultimo_reporte

NIVELES = ("indice", "componente", "objetivo", "proyecto")
COLUMNAS = ("periodo", "nivel", "clave", "nombre", "valor", "semaforo", "estado")


def _vacia() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64" if c == "valor" else object) for c in COLUMNAS})


def _filas_mes(m, par: Parametros) -> list[tuple]:
    """Las filas de un mes (:class:`~.resultado.Metricas`) en el orden de :data:`NIVELES`."""
    mes = str(m.periodo)
    filas = [(mes, "indice", "indice_pai", "Índice PAI", m.indice_pai, m.semaforo_indice, None)]
    comp = [m.componentes.get(c) for c in NOMBRES_COMPONENTES]
    for (clave, nombre), valor, semaforo in zip(NOMBRES_COMPONENTES.items(), comp, par.semaforo(comp)):
        filas.append((mes, "componente", clave, nombre, valor, semaforo, None))
    o = m.objetivos
    filas += [
        (mes, "objetivo", str(int(k)), n, v, s, None)
        for k, n, v, s in zip(o["objetivo"], o["nombre"], o["cumplimiento"], o["semaforo"])
    ]
    p = m.proyectos
    filas += [
        (mes, "proyecto", str(int(k)), n, v, s, e)
        for k, n, v, s, e in zip(p["proyecto"], p["nombre"], p["cumplimiento"], p["semaforo"], p["estado"])
    ]
    return filas


def serie_larga(libro: Libro, hasta=None, parametros: Parametros | None = None, *, memoria: dict | None = None) -> pd.DataFrame:
    """Índice, componentes, objetivos y proyectos mes a mes, de enero a ``hasta``, en formato largo.

    ``hasta``: ``"AAAA-MM"`` (o una fecha) de la vigencia del libro; ``None``: el último mes con
    algún reporte (:func:`~.periodo.ultimo_reporte`). Un libro sin ningún reporte y sin ``hasta``
    da una tabla vacía con las mismas columnas. ``parametros`` como en
    :func:`~.calculo.calcular_metricas` (umbrales del semáforo y pesos del índice). ``memoria``: un
    diccionario que se reutiliza entre llamadas con el mismo libro y los mismos parámetros
    (``None``: uno nuevo para esta llamada). Columnas y reglas: el docstring del módulo.
    """
    par = parametros or cargar_parametros()
    p = resolver_periodo(hasta, libro.vigencia) if hasta is not None else ultimo_reporte(libro)
    if p is None:
        return _vacia()
    memoria = {} if memoria is None else memoria
    filas = []
    for mes in pd.period_range(pd.Period(year=p.year, month=1, freq="M"), p, freq="M"):
        filas += _filas_mes(calcular_metricas(libro, mes, par, memoria=memoria), par)
    serie = pd.DataFrame(filas, columns=list(COLUMNAS))
    serie["valor"] = pd.to_numeric(serie["valor"], errors="coerce").astype("float64")
    return serie
