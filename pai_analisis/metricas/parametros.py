"""Parámetros de una corrida: entidad, umbrales del semáforo, pesos del índice.

Los valores por defecto son los de la especificación y coinciden con
``parametros/base.yaml``. Un YAML puede cambiar cualquiera de ellos; las claves que no
trae conservan el valor por defecto; una clave que no existe (``critco`` por ``critico``) es
un error que la nombra y sugiere la válida más cercana, nunca un silencio que deja el umbral
de siempre. El archivo que rige se anota en el registro (``pai_analisis.metricas``). Sin archivo explícito se busca
``parametros/base.yaml`` en la carpeta actual y sus padres (así funciona igual desde la
raíz del proyecto, desde ``cuadernos/`` en JupyterLab o con ``papermill``) y, si no hay,
se usa el que trae el paquete instalado.
"""

from __future__ import annotations

import difflib
import logging
import math
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..comun.recursos import _base_incorporada, buscar_base  # noqa: F401 (se usan desde aquí)
from ..errores import ErrorParametros

log = logging.getLogger("pai_analisis.metricas")

SEMAFOROS = ("critico", "en_riesgo", "satisfactorio")
ETIQUETAS_SEMAFORO = {"critico": "Crítico", "en_riesgo": "En riesgo", "satisfactorio": "Satisfactorio"}
COMPONENTES = ("proyectos_inversion", "indicadores_gestion", "plan_accion_integrado")
NOMBRES_COMPONENTES = {
    "proyectos_inversion": "Proyectos de inversión",
    "indicadores_gestion": "Indicadores de gestión",
    "plan_accion_integrado": "Plan de acción integrado",
}


# Las claves de un YAML de parámetros. ``umbrales``: clave del YAML → campo de :class:`Parametros`.
UMBRALES = {
    "critico": "umbral_critico",
    "satisfactorio": "umbral_satisfactorio",
    "sobreejecucion": "umbral_sobreejecucion",
    "brecha_fisico_financiera": "umbral_brecha",
    "cobertura": "umbral_cobertura",
    "rezago": "umbral_rezago",
}
# Arriba: las de la Oficina y las de la celda «parameters» de los cuadernos (un mismo YAML puede
# servir a papermill y a ``--parametros``; estas últimas no cambian nada aquí).
CLAVES = ("entidad", "dependencia", "umbrales", "pesos")
CLAVES_CUADERNOS = ("periodo", "datos", "ejemplo", "parametros", "calculo")


def _desconocidas(dadas, validas, donde: str) -> list[str]:
    """Un problema por clave desconocida, con la válida más cercana (difflib) si se parece a alguna."""
    problemas = []
    for clave in sorted(map(str, set(dadas) - set(validas))):
        parecida = difflib.get_close_matches(clave, list(validas), n=1, cutoff=0.6)
        sugerencia = f"; ¿quiso decir «{parecida[0]}»?" if parecida else ""
        problemas.append(f"clave desconocida «{clave}» {donde}{sugerencia} (válidas: {', '.join(validas)})")
    return problemas


@dataclass(frozen=True)
class Parametros:
    entidad: str = "Secretaría General de la Alcaldía Mayor de Bogotá D.C."
    dependencia: str = "Oficina Asesora de Planeación"
    umbral_critico: float = 70.0  # por debajo: crítico
    umbral_satisfactorio: float = 90.0  # desde aquí: satisfactorio
    umbral_sobreejecucion: float = 125.0  # cumplimiento bruto por encima: advertencia
    umbral_brecha: float = 25.0  # puntos entre ejecución presupuestal y avance físico
    umbral_cobertura: float = 90.0  # cobertura del mes por debajo: el periodo es «preliminar» (sección 7.1)
    umbral_rezago: float = 5.0  # puntos del avance de las metas por detrás de lo programado: proyecto rezagado (informe)
    pesos: dict = field(default_factory=lambda: {c: 1 / 3 for c in COMPONENTES})
    archivo: str | None = None  # de dónde salieron (procedencia)

    def semaforo(self, valores) -> pd.Series:
        """Clasifica valores (0–100) en ``critico`` / ``en_riesgo`` / ``satisfactorio``; NaN → None."""
        v = pd.Series(valores, dtype="float64")
        etiquetas = np.select([v < self.umbral_critico, v < self.umbral_satisfactorio], list(SEMAFOROS[:2]), default=SEMAFOROS[2])
        return pd.Series(etiquetas, index=v.index, dtype=object).where(v.notna(), None)

    def como_dict(self) -> dict:
        return asdict(self)

    def __hash__(self) -> int:
        # inmutable y hasheable (clave de la memoria de meses): ``pesos`` entra como tuplas ordenadas
        return hash((*(v for k, v in self.__dict__.items() if k != "pesos"), tuple(sorted(self.pesos.items()))))


def _validar(p: Parametros) -> Parametros:
    problemas = []
    for nombre in UMBRALES.values():
        v = getattr(p, nombre)
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
            problemas.append(f"«{nombre}» debe ser un número; se encontró {v!r}")
    if not problemas and not (0 <= p.umbral_critico <= p.umbral_satisfactorio <= p.umbral_sobreejecucion):
        problemas.append(
            "los umbrales deben ir en orden 0 ≤ critico ≤ satisfactorio ≤ sobreejecucion; "
            f"se encontró {p.umbral_critico}, {p.umbral_satisfactorio}, {p.umbral_sobreejecucion}"
        )
    if not problemas and not 0 <= p.umbral_cobertura <= 100:
        problemas.append(f"«umbral_cobertura» debe estar entre 0 y 100; se encontró {p.umbral_cobertura}")
    if not problemas and p.umbral_rezago < 0:
        problemas.append(f"«umbral_rezago» debe ser mayor o igual a 0; se encontró {p.umbral_rezago}")
    problemas += _desconocidas(p.pesos, COMPONENTES, "en «pesos»")
    pesos = {c: p.pesos.get(c, 0) for c in COMPONENTES}
    for c, w in pesos.items():
        if not isinstance(w, (int, float)) or isinstance(w, bool) or not math.isfinite(w) or w < 0:
            problemas.append(f"el peso de «{c}» debe ser un número mayor o igual a 0; se encontró {w!r}")
    if not problemas and sum(pesos.values()) <= 0:
        problemas.append("los pesos de los componentes suman 0: al menos uno debe ser mayor que 0")
    if problemas:
        origen = f" en «{p.archivo}»" if p.archivo else ""
        raise ErrorParametros(f"Parámetros inválidos{origen}:\n- " + "\n- ".join(problemas))
    total = sum(pesos.values())
    return replace(p, pesos={c: w / total for c, w in pesos.items()})


def cargar_parametros(ruta: str | Path | None = None, **cambios) -> Parametros:
    """Lee un YAML de parámetros (o ``parametros/base.yaml`` si se encuentra; si no, los valores por defecto).

    Claves del YAML: ``entidad``, ``dependencia``, ``umbrales`` (``critico``,
    ``satisfactorio``, ``sobreejecucion``, ``brecha_fisico_financiera``, ``cobertura``, ``rezago``) y ``pesos``
    (``proyectos_inversion``, ``indicadores_gestion``, ``plan_accion_integrado``).
    Las de la celda «parameters» de los cuadernos (``periodo``, ``datos``, ``ejemplo``,
    ``parametros``, ``calculo``) se aceptan y no cambian nada aquí; cualquier otra es un error.
    """
    import yaml

    if ruta is None:
        ruta = buscar_base()
    datos: dict = {}
    if ruta is not None:
        ruta = Path(ruta)
        if not ruta.is_file():
            raise ErrorParametros(f"No existe el archivo de parámetros «{ruta}».")
        try:
            datos = yaml.safe_load(ruta.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ErrorParametros(f"El archivo de parámetros «{ruta}» no es YAML válido: {exc}") from exc
        if not isinstance(datos, dict):
            raise ErrorParametros(f"El archivo de parámetros «{ruta}» debe ser un diccionario de claves y valores.")
    base = Parametros()
    umbrales = datos.get("umbrales") or {}
    if not isinstance(umbrales, dict):
        raise ErrorParametros(f"«umbrales» debe ser un diccionario en «{ruta}».")
    pesos = datos.get("pesos")
    if pesos is not None and not isinstance(pesos, dict):
        raise ErrorParametros(f"«pesos» debe ser un diccionario en «{ruta}».")
    problemas = _desconocidas(datos, (*CLAVES, *CLAVES_CUADERNOS), "arriba del archivo")
    problemas += _desconocidas(umbrales, tuple(UMBRALES), "en «umbrales»")
    problemas += _desconocidas(pesos or {}, COMPONENTES, "en «pesos»")
    if problemas:
        raise ErrorParametros(f"Parámetros inválidos en «{ruta}»:\n- " + "\n- ".join(problemas))
    p = Parametros(
        entidad=str(datos.get("entidad", base.entidad)),
        dependencia=str(datos.get("dependencia", base.dependencia)),
        **{campo: umbrales.get(clave, getattr(base, campo)) for clave, campo in UMBRALES.items()},
        pesos=dict(pesos) if pesos is not None else dict(base.pesos),
        archivo=str(ruta) if ruta is not None else None,
    )
    p = _validar(replace(p, **cambios))
    log.info("Parámetros: %s", ruta if ruta is not None else "los valores por defecto de la especificación (sin archivo)")
    return p
