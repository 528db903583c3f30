"""``publicar_informes``: publica los informes HTML de los periodos pedidos y mantiene al día los ya publicados.

Pasos de una corrida (ver ``docs/informes.md``):

1. Toma el candado de la carpeta de salida (dos corridas a la vez no se pisan) y limpia o repara
   los restos de corridas que murieron (:mod:`.limpieza`).
2. Carga y valida los libros **una vez** (uno por vigencia); si alguno es inválido no publica nada.
3. Resuelve los periodos (``AAAA-MM``, ``anterior``, ``ultimo``, ``desde``/``hasta``) y decide qué
   hacer con cada uno (:mod:`.plan_corrida`): sin datos (no se publica), sin cambios (se omite),
   por publicar; y vuelve a publicar todo periodo ya publicado cuya huella cambió.
4. Renderiza los pendientes en carriles de kernels calientes y publica cada periodo de forma
   atómica, guardando la versión anterior (:mod:`.renderizado`).
5. Reconstruye el archivo ``DIR/index.html``.

El registro (``DIR/pai-informes.log``) lleva una línea por evento y por advertencia, cada una con
el periodo o la vigencia que le toca. La línea de comandos (``pai informes``) solo traduce sus
argumentos a esta llamada; el código de salida es :attr:`Publicacion.codigo_salida`.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..comun.numeros import numero
from ..errores import ErrorPAI, ErrorPeriodo, ErrorPublicacion
from .ajustes import AjustesCorrida
from .registro import log, registrar

TIEMPO_CUADERNO = 600.0  # segundos: el máximo de cada cuaderno (un cuaderno colgado no retiene el candado)


@dataclass
class Publicacion:
    """Lo que pasó con cada periodo: publicados, omitidos (sin cambios), sin datos y fallidos (con el motivo)."""

    publicados: list[str] = field(default_factory=list)
    omitidos: list[str] = field(default_factory=list)
    fallidos: dict[str, str] = field(default_factory=dict)
    sin_datos: dict[str, str] = field(default_factory=dict)
    revisados: dict[str, str] = field(default_factory=dict)  # periodos publicados otra vez sin pedirlos, con el motivo

    @property
    def codigo_salida(self) -> int:
        """0: todo publicado u omitido; 1: algún periodo falló; 3: algún periodo pedido no tiene datos (sección 7.4)."""
        return 1 if self.fallidos else 3 if self.sin_datos else 0


def _como_lista(datos) -> list | None:
    if datos is None:
        return None
    if isinstance(datos, (str, Path)):
        return [Path(datos)]
    return [Path(d) for d in datos]


def publicar_informes(
    periodos: Sequence[str] = (),
    *,
    desde: str | None = None,
    hasta: str | None = None,
    datos: str | Path | Sequence[str | Path] | None = None,
    ejemplo: str = "demostracion",
    parametros: str | Path | None = None,
    salida: str | Path = "informes",
    cuadernos: str | Path | None = None,
    forzar: bool = False,
    procesos: int | None = None,
    espera: float = 1800,
    hoy: dt.date | None = None,
    tiempo_cuaderno: float | None = TIEMPO_CUADERNO,
    pdf: bool = True,
    terminal: bool = True,
    fuente: str | Path | None = None,
    entidad: str | None = None,
) -> Publicacion:
    """Renderiza y publica los informes de ``periodos`` en ``salida/P/`` y rehace ``salida/index.html``.

    ``periodos``: ``"AAAA-MM"``, ``"anterior"`` (el mes anterior a ``hoy``, en Bogotá) o
    ``"ultimo"`` (el último mes con seguimiento); ``desde``/``hasta``: un rango. ``datos``: uno
    o varios libros o carpetas, uno por vigencia (``None`` = el ejemplo incorporado ``ejemplo``).
    ``cuadernos``: carpeta de cuadernos adaptados (por omisión, los del paquete). ``forzar``:
    renderiza aunque nada haya cambiado. ``procesos``: kernels en paralelo (uno por núcleo).
    ``espera``: segundos que espera si otra corrida publica en la misma carpeta.
    ``tiempo_cuaderno``: segundos máximos de cada cuaderno. ``pdf``: también el PDF del comité de
    cada periodo (:mod:`.impresion`; si no se puede, se publica solo el HTML). ``terminal``: el
    registro también sale por la salida de error. ``fuente``: el CSV de datos abiertos del Distrito
    (``DatosAbiertosPresupuestoGeneralDistrito.csv``): el informe de presupuesto muestra la
    conciliación de ``entidad`` (por omisión, la de los parámetros) hasta cada periodo (sección 8.3).

    Lanza :class:`~pai_analisis.errores.ErrorPAI` si la corrida no puede empezar (libro inválido,
    periodo mal escrito, carpeta ocupada o no escribible); lo que pasó con cada periodo queda
    en el :class:`Publicacion` devuelto.
    """
    from filelock import FileLock, Timeout

    salida = Path(salida)
    with registrar(salida, terminal) as manejador:
        try:
            candado = FileLock(str(salida / ".pai-informes.lock"))
            try:
                candado.acquire(timeout=0)
            except Timeout:
                log.info("Otra ejecución de `pai informes` está publicando en «%s»; esperando hasta %d s…", salida, espera)
                try:
                    candado.acquire(timeout=espera)
                except Timeout:
                    raise ErrorPublicacion(
                        f"Otra ejecución de `pai informes` sigue publicando en «{salida}» después de "
                        f"{espera:.0f} s. Inténtelo más tarde (o aumente --espera)."
                    ) from None
            except OSError as exc:
                from ..comun.archivos import error_disco

                raise error_disco(exc, salida / ".pai-informes.lock", "crear el candado") from exc
            try:
                ajustes = AjustesCorrida(
                    periodos=tuple(periodos), desde=desde, hasta=hasta, datos=None if datos is None else tuple(_como_lista(datos)),
                    ejemplo=ejemplo, parametros=None if parametros is None else Path(parametros), salida=salida,
                    cuadernos=None if cuadernos is None else Path(cuadernos), forzar=forzar, procesos=procesos, hoy=hoy,
                    tiempo_cuaderno=tiempo_cuaderno, pdf=pdf, fuente=None if fuente is None else (Path(fuente), entidad),
                )
                return _ejecutar(ajustes)
            finally:
                candado.release()
        except KeyboardInterrupt:
            log.error("Corrida interrumpida: lo publicado antes queda como estaba.")
            raise
        except Exception as exc:
            # Quien llama muestra el error; el registro también lo anota (en cron es lo único que queda).
            traza = None if isinstance(exc, ErrorPAI) else (type(exc), exc, exc.__traceback__)
            manejador.handle(log.makeRecord(log.name, logging.ERROR, __file__, 0, "Error: %s", (exc,), traza))
            raise


def por_defecto() -> dict:
    """Los valores por defecto de :func:`publicar_informes`, de su firma: la CLI los toma de aquí (no los repite)."""
    import inspect

    return {n: q.default for n, q in inspect.signature(publicar_informes).parameters.items()}


def _registrar_advertencias(libros, parametros) -> None:
    """Una línea del registro por advertencia de cada libro, con su vigencia."""
    from ..errores import describir_problemas
    from ..metricas.advertencias import advertencias

    for libro in libros:
        for tabla in (libro.advertencias, advertencias(libro, parametros)):
            if len(tabla):
                for linea in describir_problemas(tabla).splitlines():
                    log.warning("vigencia %s: %s", libro.vigencia, linea)


def _ejecutar(a: AjustesCorrida) -> Publicacion:
    from . import atajo, limpieza

    inicio = time.perf_counter()
    for hecho in limpieza.limpiar(a.salida):
        log.info("Limpieza: %s.", hecho)
    huella_entradas = atajo.entradas(a.datos, a.ejemplo, a.parametros, a.cuadernos, a.fuente)
    pedidos_ya = None if a.forzar else atajo.periodos_pedidos(a.periodos, a.desde, a.hasta, a.hoy)
    if pedidos_ya and atajo.sin_cambios(a.salida, pedidos_ya, huella_entradas):
        for p in pedidos_ya:
            log.info("%s: sin cambios desde la última publicación; se omite (use --forzar para renderizarlo).", p)
        log.info("Listo en %s s: 0 publicado(s), %d sin cambios: los libros, los parámetros, los cuadernos y el programa son "
                 "idénticos byte a byte a los de la última corrida completa, así que no se leyó el libro. Archivo: %s",
                 numero(time.perf_counter() - inicio), len(pedidos_ya), a.salida / "index.html")
        return Publicacion(omitidos=pedidos_ya)
    return _corrida_completa(a, inicio, huella_entradas)


def _corrida_completa(a: AjustesCorrida, inicio: float, huella_entradas: str | None) -> Publicacion:
    from ..libro.carga import cargar_libros
    from ..metricas.parametros import cargar_parametros
    from . import archivo, atajo
    from .cuadernos import buscar_cuadernos
    from .periodos import resolver_periodos
    from .plan_corrida import planear
    from .renderizado import renderizar
    from .vecinos import actualizar_vecinos

    cuadernos = buscar_cuadernos(a.cuadernos)
    parametros = cargar_parametros(a.parametros)
    libros = cargar_libros(a.datos, ejemplo=a.ejemplo)
    _registrar_advertencias(libros, parametros)
    fuente = None
    if a.fuente is not None:  # un archivo fuente ilegible o sin la entidad: error antes de publicar nada (salida 1)
        from ..informes.contexto import leer_fuente

        fuente = leer_fuente(a.fuente[0], a.fuente[1] or parametros.entidad)
    salida = a.salida
    periodos = resolver_periodos(a.periodos, a.desde, a.hasta, hoy=a.hoy, ultimo=lambda: _ultimo_periodo(libros))
    plan = planear(periodos, libros, parametros, cuadernos, salida, a.forzar, fuente)
    estado = Publicacion(omitidos=plan.omitidos, sin_datos=plan.sin_datos)
    for p in plan.omitidos:
        log.info("%s: sin cambios desde la última publicación; se omite (use --forzar para renderizarlo).", p)
    for p, motivo in plan.sin_datos.items():
        log.warning("%s: SIN DATOS: %s; no se publica (salida 3: el mes aún no se ha cargado).", p, motivo.rstrip(". "))
    for x in plan.pendientes:
        if not x.pedido:
            estado.revisados[x.periodo] = x.motivo
            log.info("%s: se publica otra vez (ya estaba publicado): %s.", x.periodo, x.motivo)
    if plan.pendientes:
        atajo.olvidar(salida)  # lo publicado va a cambiar: la constancia vieja ya no lo describe
        renderizar(a, plan.pendientes, cuadernos, parametros, estado, fuente)
    if estado.publicados or not (salida / "index.html").is_file():  # sin nada nuevo, el archivo queda como estaba
        archivo.escribir_archivo(salida, parametros)
        actualizar_vecinos(salida)
    log.info(
        "Listo en %s s: %d publicado(s), %d sin cambios, %d sin datos, %d con error. Archivo: %s",
        numero(time.perf_counter() - inicio),
        len(estado.publicados),
        len(estado.omitidos),
        len(estado.sin_datos),
        len(estado.fallidos),
        salida / "index.html",
    )
    for p, motivo in estado.fallidos.items():
        log.error("%s: NO se publicó: %s", p, motivo)
    if not estado.fallidos:
        atajo.recordar(salida, huella_entradas, [*estado.publicados, *estado.omitidos, *plan.al_dia])
    return estado


def _ultimo_periodo(libros) -> str:
    from ..metricas.periodo import ultimo_reporte

    ultimos = [u for u in (ultimo_reporte(libro) for libro in libros) if u is not None]
    if not ultimos:
        raise ErrorPeriodo("Los libros no tienen seguimiento: «ultimo» no corresponde a ningún mes.")
    return str(max(ultimos))


def _sin_validador_iri() -> None:
    """Evita que ``jsonschema`` cargue ``rfc3987_syntax`` en este proceso: ≈ 0,7 s por corrida.

    papermill → nbformat → jsonschema importa, si está instalado (lo trae
    ``jsonschema[format-nongpl]``), el validador del formato «iri», que arma ~35 analizadores
    Lark al importarse (python-jsonschema/jsonschema#1428). Ningún esquema de nbformat,
    papermill, nbclient ni nbconvert usa ese formato; con el módulo bloqueado jsonschema
    simplemente no registra ese verificador. Solo si jsonschema aún no se importó.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)
