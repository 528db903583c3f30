"""``pai informes``: ejecuta los cuadernos de cada periodo y publica sus informes HTML.

Pasos de una corrida (ver ``docs/informes.md``):

1. Resuelve los periodos (``--periodo`` repetible, ``anterior``, ``ultimo``, ``--desde``/``--hasta``).
2. Toma el candado de la carpeta de salida: dos corridas a la vez no se pisan.
3. Omite los periodos cuya *huella* (datos, parámetros, cuadernos, paquete) no cambió.
4. Carga y valida el libro **una vez**; si es inválido, sale con 1 y no publica nada.
5. Calcula cada periodo una vez y entrega el cálculo a los cuadernos (``calculo=``).
6. Ejecuta los cuadernos con papermill en carriles paralelos (kernels calientes).
7. Exporta a HTML, escribe la portada del periodo y publica de forma atómica: todo se
   arma en una carpeta temporal y solo al final reemplaza a ``DIR/P``. Si un cuaderno
   falla, lo publicado antes queda intacto y el cuaderno con el error se guarda en
   ``DIR/_errores/P/``.
8. Reconstruye el archivo ``DIR/index.html`` con todos los periodos publicados.
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
from dataclasses import dataclass, field
from pathlib import Path

from .errores import ErrorPAI, ErrorPeriodo, describir_problemas

log = logging.getLogger("pai_analisis.informes")

ARCHIVO_LOG = "pai-informes.log"
ARCHIVO_LOG_KERNELS = "pai-informes-kernels.log"
CARPETA_ERRORES = "_errores"


@dataclass
class Estado:
    """Lo que pasó con cada periodo en la corrida."""

    publicados: list[str] = field(default_factory=list)
    omitidos: list[str] = field(default_factory=list)
    fallidos: dict[str, str] = field(default_factory=dict)


def buscar_cuadernos(desde: Path | None = None) -> Path:
    """La carpeta ``cuadernos/`` del proyecto: en la carpeta actual o en una superior."""
    carpeta = (desde or Path.cwd()).resolve()
    for c in (carpeta, *carpeta.parents):
        if (c / "cuadernos").is_dir() and any((c / "cuadernos").glob("*.ipynb")):
            return c / "cuadernos"
    raise ErrorPAI("No se encontró la carpeta «cuadernos/» con los cuadernos (.ipynb). "
                   "Ejecute `pai informes` desde la carpeta del proyecto pai-analisis.")


def _mes_anterior(hoy: dt.date) -> str:
    primero = hoy.replace(day=1)
    return (primero - dt.timedelta(days=1)).strftime("%Y-%m")


def resolver_periodos(periodos: list[str], desde: str | None, hasta: str | None,
                      hoy: dt.date | None = None, ultimo=None) -> list[str]:
    """Lista ordenada y sin repetidos de periodos ``AAAA-MM``.

    ``anterior`` es el mes calendario anterior a ``hoy`` (para cron: el día 5 de cada mes
    se publica el mes que cerró); ``ultimo`` es el último mes con seguimiento en el libro
    (``ultimo`` es una función que lo calcula, pues requiere cargar el libro).
    """
    from .textos import a_periodo

    hoy = hoy or dt.date.today()
    salida: list[str] = []
    for p in periodos:
        clave = p.strip().lower()
        if clave == "anterior":
            salida.append(_mes_anterior(hoy))
        elif clave in ("ultimo", "último"):
            if ultimo is None:
                raise ErrorPeriodo("«ultimo» requiere los datos del libro.")
            salida.append(ultimo())
        else:
            per = a_periodo(p)
            if per is None:
                raise ErrorPeriodo(f"El periodo «{p}» no es válido: se esperaba AAAA-MM (p. ej. 2024-06), «anterior» o «ultimo».")
            salida.append(str(per))
    if desde or hasta:
        if not (desde and hasta):
            raise ErrorPeriodo("Use --desde y --hasta juntos (p. ej. --desde 2024-01 --hasta 2024-12).")
        ini, fin = a_periodo(desde), a_periodo(hasta)
        if ini is None or fin is None:
            raise ErrorPeriodo(f"Rango de periodos inválido: «{desde}» a «{hasta}»; se esperaba AAAA-MM.")
        if fin < ini:
            raise ErrorPeriodo(f"El rango termina ({fin}) antes de empezar ({ini}).")
        p = ini
        while p <= fin:
            salida.append(str(p))
            p = p + 1
    if not salida:
        raise ErrorPeriodo("Indique al menos un periodo: --periodo AAAA-MM, --periodo anterior o --desde/--hasta.")
    return sorted(set(salida))


class _Terminal(logging.StreamHandler):
    """Escribe en el ``sys.stderr`` de cada momento, no en el de la primera corrida.

    (Con ``StreamHandler(sys.stderr)`` una segunda llamada a ``cli.main`` en el mismo proceso,
    p. ej. con la salida de error redirigida, escribía en el flujo de la primera.)
    """

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _valor) -> None:
        pass


def configurar_registro(salida: Path) -> logging.Handler:
    """Mensajes a la terminal y a ``DIR/pai-informes.log`` (cron los deja en el archivo)."""
    salida.mkdir(parents=True, exist_ok=True)
    manejador = logging.FileHandler(salida / ARCHIVO_LOG, encoding="utf-8")
    manejador.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [pid %(process)d] %(message)s"))
    log.addHandler(manejador)
    if not any(isinstance(h, _Terminal) for h in log.handlers):
        consola = _Terminal()
        consola.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(consola)
    log.setLevel(logging.INFO)
    log.propagate = False
    return manejador


def ejecutar_informes(a) -> int:
    """Punto de entrada de ``pai informes`` (argumentos ya analizados por ``cli.py``)."""
    from filelock import FileLock, Timeout

    salida: Path = a.salida
    manejador = configurar_registro(salida)
    try:
        candado = FileLock(str(salida / ".pai-informes.lock"))
        try:
            candado.acquire(timeout=0)
        except Timeout:
            log.info("Otra ejecución de `pai informes` está publicando en «%s»; esperando hasta %d s…", salida, a.espera)
            try:
                candado.acquire(timeout=a.espera)
            except Timeout:
                raise ErrorPAI(f"Otra ejecución de `pai informes` sigue publicando en «{salida}» después de {a.espera} s. "
                               "Inténtelo más tarde (o aumente --espera).") from None
        try:
            return _ejecutar(a, salida)
        finally:
            candado.release()
    except Exception as exc:
        # La CLI escribe el error en la terminal; el registro también lo anota (en cron es lo único que queda).
        traza = None if isinstance(exc, ErrorPAI) else (type(exc), exc, exc.__traceback__)
        manejador.handle(log.makeRecord(log.name, logging.ERROR, __file__, 0, "Error: %s", (exc,), traza))
        raise
    finally:
        log.removeHandler(manejador)
        manejador.close()


def _ejecutar(a, salida: Path) -> int:
    from . import archivo

    inicio = time.perf_counter()
    cuadernos = sorted(buscar_cuadernos(a.cuadernos).glob("[0-9]*.ipynb")) if a.cuadernos is None else sorted(Path(a.cuadernos).glob("[0-9]*.ipynb"))
    if not cuadernos:
        raise ErrorPAI(f"No hay cuadernos numerados (.ipynb) en «{a.cuadernos}».")
    libro_cache: dict = {}

    def libro():
        if "l" not in libro_cache:
            from .carga import cargar_libro

            libro_cache["l"] = cargar_libro(a.datos)
            if len(libro_cache["l"].advertencias):
                log.info("%s", describir_problemas(libro_cache["l"].advertencias))
        return libro_cache["l"]

    periodos = resolver_periodos(a.periodo, a.desde, a.hasta, hoy=a.hoy, ultimo=lambda: _ultimo_periodo(libro()))
    huellas = {p: archivo.huella(p, a.datos, a.parametros, cuadernos) for p in periodos}
    estado = Estado()
    pendientes = []
    for p in periodos:
        if not a.forzar and archivo.huella_publicada(salida / p) == huellas[p]:
            log.info("%s: sin cambios desde la última publicación; se omite (use --forzar para renderizarlo).", p)
            estado.omitidos.append(p)
        else:
            pendientes.append(p)
    if pendientes:
        libro()  # valida antes de ejecutar nada: un libro inválido no publica nada
        _renderizar(a, salida, pendientes, cuadernos, libro(), huellas, estado)
    from .parametros import cargar_parametros

    archivo.escribir_archivo(salida, cargar_parametros(a.parametros))
    log.info("Listo en %.1f s: %d publicado(s), %d sin cambios, %d con error. Archivo: %s",
             time.perf_counter() - inicio, len(estado.publicados), len(estado.omitidos), len(estado.fallidos),
             salida / "index.html")
    for p, motivo in estado.fallidos.items():
        log.error("%s: NO se publicó: %s", p, motivo)
    return 1 if estado.fallidos else 0


def _ultimo_periodo(libro) -> str:
    ultimo = libro.ultimo_periodo()
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


def _renderizar(a, salida: Path, periodos: list[str], cuadernos: list[Path], libro, huellas: dict, estado: Estado) -> None:
    from . import archivo
    from .ejecucion import Tarea, ejecutar_en_carriles
    from .metricas import resolver_periodo
    from .parametros import cargar_parametros

    _sin_validador_iri()
    parametros = cargar_parametros(a.parametros)
    trabajo = salida / f".trabajo-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    trabajo.mkdir(parents=True)
    faltan = {p: len(cuadernos) for p in periodos}
    errores: dict[str, list[str]] = {p: [] for p in periodos}
    cerrojo = threading.Lock()
    portadas: dict[str, threading.Event] = {}
    barra = _barra(len(periodos) * len(cuadernos))

    memoria: dict = {}  # meses ya calculados, compartidos por los periodos de la corrida

    def tareas():
        from .presentacion import guardar_calculo, preparar_desde

        for p in periodos:
            try:
                resolver_periodo(p, libro.vigencia)
                ctx = preparar_desde(libro, p, parametros, memoria)
            except ErrorPAI as exc:
                estado.fallidos[p] = str(exc)
                barra.update(len(cuadernos))
                continue
            carpeta = trabajo / p
            (carpeta / "cuadernos").mkdir(parents=True)
            calculo = trabajo / f"calculo-{p}.pkl"
            guardar_calculo(ctx, calculo)
            params = {"periodo": p, "datos": str(a.datos) if a.datos else None,
                      "parametros": str(a.parametros) if a.parametros else None, "calculo": str(calculo)}
            portadas[p] = threading.Event()
            for c in cuadernos:
                yield Tarea(p, c, carpeta / "cuadernos" / c.name, params)
            # Con los cuadernos ya en la cola, la portada se arma mientras los kernels trabajan;
            # el periodo se publica cuando terminan sus cuadernos y la portada (portadas[p]).
            try:
                archivo.preparar_portada(carpeta, ctx, cuadernos)
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
                archivo.exportar_cuaderno(trabajo / p, r.tarea.cuaderno)
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
            archivo.publicar_periodo(salida, trabajo / p, p, huellas[p])
            estado.publicados.append(p)
            log.info("%s: publicado en %s", p, salida / p / "index.html")
        except Exception as exc:  # noqa: BLE001 - un periodo que falla no detiene a los demás
            log.debug("falló la publicación de %s", p, exc_info=True)
            estado.fallidos[p] = f"no se pudo publicar: {type(exc).__name__}: {exc}"

    carriles = a.procesos or os.cpu_count() or 2
    try:
        ejecutar_en_carriles(tareas(), min(carriles, len(periodos) * len(cuadernos)), cuadernos[0].parent.parent, al_terminar,
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

