"""Renderizar y publicar los periodos pendientes de una corrida: cálculo, cuadernos en carriles, portada, versiones.

Para cada periodo: calcula una vez (``contexto.preparar_desde``) y guarda el cálculo para los
cuadernos; pone sus cuadernos en la cola de los carriles; mientras los kernels trabajan arma la
portada (con su versión y los cambios frente a la anterior). Cuando terminan sus cuadernos,
exporta cada uno a HTML y publica la carpeta completa (:mod:`.carpetas`), guardando la versión
anterior (:mod:`.versiones`). Un cuaderno que falla o pasa su tiempo deja el periodo sin
publicar (lo publicado antes queda intacto) y su cuaderno, con la salida de error del kernel,
en ``DIR/_errores/P/``. Una interrupción no es un fallo de ningún cuaderno.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..comun.archivos import causa_disco
from ..comun.reloj import sello
from ..errores import ErrorPAI
from . import carpetas, portada, versiones
from .ajustes import AjustesCorrida
from .registro import log


def _motivo(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"no se pudo escribir en el disco: {causa_disco(exc)}"
    return f"{type(exc).__name__}: {exc}"


def renderizar(ajustes: AjustesCorrida, pendientes: list, cuadernos: list[Path], parametros, estado,
               fuente: dict | None = None) -> None:
    """Renderiza y publica ``pendientes`` (de :func:`~.plan_corrida.planear`); anota el resultado en ``estado``.

    De ``ajustes`` toma la carpeta de salida, los ``procesos`` (carriles), el ``tiempo_cuaderno``, la
    ruta de los parámetros (que reciben los cuadernos) y ``pdf``: antes de publicar cada periodo se
    hace su PDF del comité (:mod:`.impresion`); si falta el motor, se deja de intentar en el resto de
    la corrida. El PDF y la publicación de un periodo van en un hilo propio (uno a la vez: WeasyPrint
    toma 150–300 MB), no en el del carril: mientras se maqueta el PDF de un mes, los dos carriles
    siguen con los cuadernos del siguiente (en doce meses, el PDF deja de tener un carril parado).
    ``fuente``: la de la conciliación ya leída (:func:`~pai_analisis.informes.contexto.leer_fuente`), o ``None``.
    """
    from ..informes.contexto import guardar_calculo, preparar_desde
    from .carriles import Tarea, ejecutar_en_carriles
    from .cuadernos import exportar_cuaderno

    salida, ruta_parametros, pdf = ajustes.salida, ajustes.parametros, ajustes.pdf
    # rutas absolutas: los kernels corren en la carpeta de los cuadernos, no en la de quien llama
    trabajo = salida.resolve() / f".trabajo-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    trabajo.mkdir(parents=True)
    por_periodo = {x.periodo: x for x in pendientes}
    faltan = {p: len(cuadernos) for p in por_periodo}
    errores: dict[str, list[str]] = {p: [] for p in por_periodo}
    cerrojo = threading.Lock()
    portadas: dict[str, threading.Event] = {}
    detener = threading.Event()
    barra = _barra(len(por_periodo) * len(cuadernos))
    memoria: dict = {}  # meses ya calculados, compartidos por los periodos de la corrida
    impresion = {"activa": pdf}
    imprenta = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pai-pdf")  # PDF y publicación, un periodo a la vez
    encargos: list[Future] = []

    def tareas():
        for x in pendientes:
            p = x.periodo
            try:
                ctx = preparar_desde(x.libro, p, parametros, memoria, fuente)
                carpeta = trabajo / p
                (carpeta / "cuadernos").mkdir(parents=True)
                calculo = guardar_calculo(ctx, trabajo / f"calculo-{p}.pkl")
            except (ErrorPAI, OSError) as exc:
                estado.fallidos[p] = str(exc) if isinstance(exc, ErrorPAI) else _motivo(exc)
                barra.update(len(cuadernos))
                continue
            origen = x.libro.origen
            params = {"periodo": p, "datos": str(Path(origen).resolve()) if origen else None,
                      "parametros": str(Path(ruta_parametros).resolve()) if ruta_parametros else None, "calculo": str(calculo)}
            portadas[p] = threading.Event()
            for c in cuadernos:
                yield Tarea(p, c, carpeta / "cuadernos" / c.name, params)
            # Con los cuadernos ya en la cola, la portada se arma mientras los kernels trabajan.
            try:
                portada.preparar_portada(carpeta, ctx, cuadernos, versiones.anterior(salida / p), versiones.listar(salida / p), x.motivo)
            except Exception as exc:  # noqa: BLE001 - se informa como fallo del periodo
                log.debug("falló la portada de %s", p, exc_info=True)
                with cerrojo:
                    errores[p].append(f"no se pudo escribir la portada: {_motivo(exc)}")
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
                error = f"el cuaderno «{r.tarea.cuaderno.name}» no se pudo exportar a HTML: {_motivo(exc)}"
        with cerrojo:
            barra.update(1)
            if error:
                errores[p].append(error)
                _guardar_error(salida, r)
            faltan[p] -= 1
            listo = faltan[p] == 0
        if listo:
            portadas[p].wait()
            with cerrojo:
                encargos.append(imprenta.submit(_imprimir_y_publicar, salida, trabajo / p, por_periodo[p], errores[p], estado, impresion))

    carriles = ajustes.procesos or os.cpu_count() or 2
    try:
        ejecutar_en_carriles(tareas(), min(carriles, max(1, len(por_periodo) * len(cuadernos))), cuadernos[0].parent,
                            al_terminar, trabajo=trabajo, limite=ajustes.tiempo_cuaderno, detener=detener)
        imprenta.shutdown(wait=True)
        for encargo in encargos:
            encargo.result()  # un defecto inesperado en el hilo del PDF no se pierde en silencio
    finally:
        imprenta.shutdown(wait=True, cancel_futures=True)  # nada escribe en «trabajo» mientras se borra
        barra.close()
        shutil.rmtree(trabajo, ignore_errors=True)
    for p in por_periodo:
        if p not in estado.publicados and p not in estado.fallidos:
            estado.fallidos[p] = "no se terminó de ejecutar (un kernel falló; vea el registro)"


def _publicar(salida: Path, carpeta: Path, x, errores: list[str], estado) -> None:
    p = x.periodo
    if errores:
        estado.fallidos[p] = "; ".join(errores)
        return
    try:
        previa = versiones.anterior(salida / p)
        registro = {"huella": x.huella, "partes": x.partes, "vigencia": x.libro.vigencia, "demostracion": x.libro.demostracion,
                    "version": previa.version + 1 if previa else 1, "revisado": sello(),
                    "primera_publicacion": previa.primera_publicacion if previa else sello(), "motivo": x.motivo}
        if previa is not None:
            versiones.archivar(salida / p, carpeta, previa.version)
        carpetas.publicar_periodo(salida, carpeta, p, registro)
        estado.publicados.append(p)
        version = f" (versión {registro['version']}: {x.motivo})" if previa else ""
        log.info("%s: publicado en %s%s", p, salida / p / "index.html", version)
    except Exception as exc:  # noqa: BLE001 - un periodo que falla no detiene a los demás
        log.debug("falló la publicación de %s", p, exc_info=True)
        estado.fallidos[p] = f"no se pudo publicar: {_motivo(exc)}"


def _imprimir_y_publicar(salida: Path, carpeta: Path, x, errores: list[str], estado, impresion: dict) -> None:
    """En el hilo del PDF: el PDF del comité (si el periodo no tuvo errores) y luego la publicación."""
    if not errores:
        _imprimir(carpeta, x.periodo, impresion)
    _publicar(salida, carpeta, x, errores, estado)


def _imprimir(carpeta: Path, p: str, impresion: dict) -> None:
    """El PDF del comité en la carpeta construida (se publica y se versiona con el HTML); su falla no detiene nada."""
    from ..comun.periodos import periodo_en_palabras
    from .impresion import imprimir_periodo

    if not impresion["activa"]:
        return
    r = imprimir_periodo(carpeta, p, f"Seguimiento PAI — {periodo_en_palabras(p)}")
    if r.sin_motor:
        impresion["activa"] = False
    if r.problema:
        causa = r.problema.removeprefix("No se generó el PDF: ").rstrip(".")
        log.warning("%s: no se generó el PDF del comité: %s. Se publica solo el HTML.", p, causa)


def _guardar_error(salida: Path, r) -> None:
    """Conserva el cuaderno con el error (y la salida de error de su kernel) fuera de lo publicado."""
    destino = salida / carpetas.CARPETA_ERRORES / r.tarea.clave
    try:
        destino.mkdir(parents=True, exist_ok=True)
        if r.tarea.salida.exists():
            shutil.copy2(r.tarea.salida, destino / r.tarea.salida.name)
        if r.registro_kernel is not None and Path(r.registro_kernel).is_file():
            shutil.copy2(r.registro_kernel, destino / f"{r.tarea.cuaderno.stem}-kernel.log")
    except OSError as exc:
        log.error("%s: no se pudo guardar el cuaderno con el error: %s", r.tarea.clave, causa_disco(exc))
        return
    log.error("%s: %s — %s (cuaderno con el error en %s)", r.tarea.clave, r.tarea.cuaderno.name, r.error, destino)


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
