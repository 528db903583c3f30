"""``publicar_informes``: ejecuta los cuadernos de cada periodo y publica sus informes HTML.

Pasos de una corrida (ver ``docs/informes.md``):

1. Resuelve los periodos (``periodos`` repetibles, ``anterior``, ``ultimo``, ``desde``/``hasta``).
2. Toma el candado de la carpeta de salida: dos corridas a la vez no se pisan.
3. Omite los periodos cuya *huella* (datos, parámetros, cuadernos, paquete) no cambió.
4. Carga y valida el libro **una vez**; si es inválido no publica nada (``ErrorValidacion``).
5. Calcula cada periodo una vez y entrega el cálculo a los cuadernos (``calculo=``).
6. Ejecuta los cuadernos con papermill en carriles paralelos (kernels calientes).
7. Exporta a HTML, escribe la portada del periodo y publica de forma atómica: todo se
   arma en una carpeta temporal y solo al final reemplaza a ``DIR/P``. Si un cuaderno
   falla, lo publicado antes queda intacto y el cuaderno con el error se guarda en
   ``DIR/_errores/P/``.
8. Reconstruye el archivo ``DIR/index.html`` con todos los periodos publicados.

La línea de comandos (``pai informes``) solo traduce sus argumentos a esta llamada.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errores import ErrorPAI, ErrorPeriodo, ErrorPublicacion
from .registro import log, registrar

ARCHIVO_LOG_KERNELS = "pai-informes-kernels.log"
CARPETA_ERRORES = "_errores"


@dataclass
class Publicacion:
    """Lo que pasó con cada periodo pedido: publicados, omitidos (sin cambios) y fallidos (con el motivo)."""

    publicados: list[str] = field(default_factory=list)
    omitidos: list[str] = field(default_factory=list)
    fallidos: dict[str, str] = field(default_factory=dict)

    @property
    def codigo_salida(self) -> int:
        """El código de salida de ``pai informes``: 0 todo publicado u omitido, 1 si algún periodo falló."""
        return 1 if self.fallidos else 0


def publicar_informes(periodos: Sequence[str] = (), *, desde: str | None = None, hasta: str | None = None,
                      datos: str | Path | None = None, parametros: str | Path | None = None,
                      salida: str | Path = "informes", cuadernos: str | Path | None = None, forzar: bool = False,
                      procesos: int | None = None, espera: float = 1800, hoy: dt.date | None = None,
                      terminal: bool = True) -> Publicacion:
    """Renderiza y publica los informes de ``periodos`` en ``salida/P/`` y rehace ``salida/index.html``.

    ``periodos``: ``"AAAA-MM"``, ``"anterior"`` (el mes anterior a ``hoy``) o ``"ultimo"`` (el
    último mes con seguimiento); ``desde``/``hasta``: un rango. ``datos``: el libro (``None`` =
    plan 2024 con el año de demostración). ``cuadernos``: carpeta de cuadernos adaptados (por
    omisión, los del paquete). ``forzar``: renderiza aunque nada haya cambiado. ``procesos``:
    kernels en paralelo (uno por núcleo). ``espera``: segundos que espera si otra corrida
    publica en la misma carpeta. ``terminal``: también escribe el registro en la salida de error.

    Lanza :class:`~pai_analisis.errores.ErrorPAI` si la corrida no puede empezar (libro inválido,
    periodo mal escrito, carpeta ocupada); un periodo que falla queda en ``fallidos``.
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
                    raise ErrorPublicacion(f"Otra ejecución de `pai informes` sigue publicando en «{salida}» después de "
                                           f"{espera:.0f} s. Inténtelo más tarde (o aumente --espera).") from None
            try:
                return _ejecutar(list(periodos), desde, hasta, None if datos is None else Path(datos),
                                 None if parametros is None else Path(parametros), salida,
                                 None if cuadernos is None else Path(cuadernos), forzar, procesos, hoy)
            finally:
                candado.release()
        except Exception as exc:
            # Quien llama muestra el error; el registro también lo anota (en cron es lo único que queda).
            traza = None if isinstance(exc, ErrorPAI) else (type(exc), exc, exc.__traceback__)
            manejador.handle(log.makeRecord(log.name, logging.ERROR, __file__, 0, "Error: %s", (exc,), traza))
            raise


def _ejecutar(pedidos, desde, hasta, datos, parametros, salida: Path, carpeta_cuadernos, forzar, procesos, hoy) -> Publicacion:
    from ..errores import describir_problemas
    from ..metricas.parametros import cargar_parametros
    from . import archivo, huellas
    from .cuadernos import buscar_cuadernos
    from .periodos import resolver_periodos

    inicio = time.perf_counter()
    cuadernos = buscar_cuadernos(carpeta_cuadernos)
    libro_cache: dict = {}

    def libro():
        if "l" not in libro_cache:
            from ..libro.carga import cargar_libro
            from ..metricas.advertencias import advertencias

            libro_cache["l"] = cargar_libro(datos)
            avisos = libro_cache["l"].advertencias
            calculadas = advertencias(libro_cache["l"], cargar_parametros(parametros))
            for tabla in (avisos, calculadas):
                if len(tabla):
                    log.info("%s", describir_problemas(tabla))
        return libro_cache["l"]

    periodos = resolver_periodos(pedidos, desde, hasta, hoy=hoy, ultimo=lambda: _ultimo_periodo(libro()))
    huella = {p: huellas.huella(p, datos, parametros, cuadernos) for p in periodos}
    estado = Publicacion()
    pendientes = []
    for p in periodos:
        if not forzar and huellas.huella_publicada(salida / p) == huella[p]:
            log.info("%s: sin cambios desde la última publicación; se omite (use --forzar para renderizarlo).", p)
            estado.omitidos.append(p)
        else:
            pendientes.append(p)
    if pendientes:
        libro()  # valida antes de ejecutar nada: un libro inválido no publica nada
        _renderizar(salida, pendientes, cuadernos, libro(), datos, parametros, procesos, huella, estado)
    archivo.escribir_archivo(salida, cargar_parametros(parametros))
    log.info("Listo en %.1f s: %d publicado(s), %d sin cambios, %d con error. Archivo: %s",
             time.perf_counter() - inicio, len(estado.publicados), len(estado.omitidos), len(estado.fallidos),
             salida / "index.html")
    for p, motivo in estado.fallidos.items():
        log.error("%s: NO se publicó: %s", p, motivo)
    return estado


def _ultimo_periodo(libro) -> str:
    from ..metricas.periodo import ultimo_reporte

    ultimo = ultimo_reporte(libro)
    if ultimo is None:
        raise ErrorPeriodo("El libro no tiene seguimiento: «ultimo» no corresponde a ningún mes.")
    return str(ultimo)


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


def _renderizar(salida: Path, periodos: list[str], cuadernos: list[Path], libro, datos, parametros, procesos,
                huellas: dict, estado: Publicacion) -> None:
    from ..informes.contexto import guardar_calculo, preparar_desde
    from ..metricas.parametros import cargar_parametros
    from ..metricas.periodo import resolver_periodo
    from . import carpetas, portada
    from .carriles import Tarea, ejecutar_en_carriles
    from .cuadernos import exportar_cuaderno

    _sin_validador_iri()
    par = cargar_parametros(parametros)
    trabajo = salida / f".trabajo-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    trabajo.mkdir(parents=True)
    faltan = {p: len(cuadernos) for p in periodos}
    errores: dict[str, list[str]] = {p: [] for p in periodos}
    cerrojo = threading.Lock()
    portadas: dict[str, threading.Event] = {}
    barra = _barra(len(periodos) * len(cuadernos))
    memoria: dict = {}  # meses ya calculados, compartidos por los periodos de la corrida

    def tareas():
        for p in periodos:
            try:
                resolver_periodo(p, libro.vigencia)
                ctx = preparar_desde(libro, p, par, memoria)
            except ErrorPAI as exc:
                estado.fallidos[p] = str(exc)
                barra.update(len(cuadernos))
                continue
            carpeta = trabajo / p
            (carpeta / "cuadernos").mkdir(parents=True)
            calculo = trabajo / f"calculo-{p}.pkl"
            guardar_calculo(ctx, calculo)
            params = {"periodo": p, "datos": str(datos) if datos else None,
                      "parametros": str(parametros) if parametros else None, "calculo": str(calculo)}
            portadas[p] = threading.Event()
            for c in cuadernos:
                yield Tarea(p, c, carpeta / "cuadernos" / c.name, params)
            # Con los cuadernos ya en la cola, la portada se arma mientras los kernels trabajan;
            # el periodo se publica cuando terminan sus cuadernos y la portada (portadas[p]).
            try:
                portada.preparar_portada(carpeta, ctx, cuadernos)
            except Exception as exc:  # noqa: BLE001 - se informa como fallo del periodo
                log.debug("falló la portada de %s", p, exc_info=True)
                with cerrojo:
                    errores[p].append(f"no se pudo escribir la portada: {type(exc).__name__}: {exc}")
            finally:
                portadas[p].set()

    def al_terminar(r) -> None:
        """En el hilo del carril: exporta el cuaderno a HTML en cuanto termina; el último del periodo publica."""
        p = r.tarea.clave
        error = r.error
        if not error:
            try:
                exportar_cuaderno(trabajo / p, r.tarea.cuaderno)
            except Exception as exc:  # noqa: BLE001 - un periodo que falla no detiene a los demás
                log.debug("falló la exportación de %s", r.tarea.cuaderno.name, exc_info=True)
                error = f"el cuaderno «{r.tarea.cuaderno.name}» no se pudo exportar a HTML: {type(exc).__name__}: {exc}"
        with cerrojo:
            barra.update(1)
            if error:
                errores[p].append(error)
                _guardar_error(salida, r.tarea)
            faltan[p] -= 1
            listo = faltan[p] == 0
        if not listo:
            return
        portadas[p].wait()
        if errores[p]:
            estado.fallidos[p] = "; ".join(errores[p])
            return
        try:
            carpetas.publicar_periodo(salida, trabajo / p, p, huellas[p])
            estado.publicados.append(p)
            log.info("%s: publicado en %s", p, salida / p / "index.html")
        except Exception as exc:  # noqa: BLE001 - un periodo que falla no detiene a los demás
            log.debug("falló la publicación de %s", p, exc_info=True)
            estado.fallidos[p] = f"no se pudo publicar: {type(exc).__name__}: {exc}"

    carriles = procesos or os.cpu_count() or 2
    try:
        ejecutar_en_carriles(tareas(), min(carriles, len(periodos) * len(cuadernos)), cuadernos[0].parent, al_terminar,
                            registro_kernels=salida / ARCHIVO_LOG_KERNELS)
    finally:
        barra.close()
        shutil.rmtree(trabajo, ignore_errors=True)
    for p in periodos:
        if p not in estado.publicados and p not in estado.fallidos:
            estado.fallidos[p] = "no se terminó de ejecutar (un kernel falló; vea el registro)"


def _guardar_error(salida: Path, tarea) -> None:
    """Conserva el cuaderno con el error fuera de la carpeta publicada, para diagnóstico."""
    destino = salida / CARPETA_ERRORES / tarea.clave
    destino.mkdir(parents=True, exist_ok=True)
    if tarea.salida.exists():
        shutil.copy2(tarea.salida, destino / tarea.salida.name)
    log.error("%s: %s (cuaderno con el error en %s)", tarea.clave, tarea.cuaderno.name, destino / tarea.salida.name)


class _SinBarra:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _barra(total: int):
    """Barra de progreso en una terminal; nada cuando la salida no es una TTY (cron)."""
    if not sys.stderr.isatty():
        return _SinBarra()
    from tqdm import tqdm

    return tqdm(total=total, desc="Cuadernos", unit="cuaderno", leave=False)
