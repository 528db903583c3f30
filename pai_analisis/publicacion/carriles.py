"""Ejecución de cuadernos con papermill sobre núcleos (kernels) calientes, en paralelo.

Medido en esta máquina (2 núcleos): arrancar un kernel e importar pandas, matplotlib y
seaborn cuesta ≈ 1,3 s por cuaderno; con siete cuadernos por periodo ese arranque domina
el tiempo. Por eso ``pai informes`` abre un *carril* por proceso paralelo (por defecto,
uno por núcleo): cada carril es un kernel de Jupyter que se arranca una vez y ejecuta,
uno tras otro, los cuadernos que le tocan, con papermill (:mod:`.kernel`: ``km=`` y ``kc=`` reutilizan
el kernel y su cliente).
Entre cuaderno y cuaderno se limpia el espacio de nombres (``%reset -f``) y se cierran
las figuras, así que cada cuaderno corre como en un kernel nuevo salvo por los módulos
ya importados. Los kernels son procesos aparte: los carriles corren en paralelo de verdad.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .kernel import KernelCaliente

log = logging.getLogger("pai_analisis.publicacion")

# Entre cuadernos: variables fuera; figuras de pyplot cerradas solo si alguien usó pyplot
# (los gráficos del paquete no lo usan, e importarlo solo para cerrar cuesta 0,25 s).
_LIMPIEZA = (
    "%reset -f\n"
    "import sys as _s\n"
    "_p = _s.modules.get('matplotlib.pyplot')\n"
    "_p is not None and _p.close('all')\n"
    "del _s, _p"
)
# lo que importan los cuadernos
_CALENTAR = ("import pai_analisis.informes.lecturas.resumen, pai_analisis.informes.lecturas.objetivos, "
             "pai_analisis.informes.lecturas.proyectos, pai_analisis.informes.lecturas.indicadores, "
             "pai_analisis.informes.lecturas.plan, pai_analisis.informes.lecturas.riesgos, pai_analisis.informes.figuras, "
             "pai_analisis.informes.paginas")


@dataclass
class Tarea:
    """Un cuaderno por ejecutar: entrada, salida y parámetros para papermill."""

    clave: str  # el periodo (agrupa tareas)
    cuaderno: Path
    salida: Path
    parametros: dict


@dataclass
class Resultado:
    tarea: Tarea
    error: str | None = None  # mensaje en español si falló
    vencido: bool = False  # pasó su tiempo máximo
    registro_kernel: Path | None = None  # la salida de error del kernel que lo ejecutó


def _describir_error(exc: BaseException, cuaderno: Path) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        # cell_index cuenta las celdas del cuaderno ejecutado (con la de parámetros inyectada);
        # exec_count no sirve aquí: en un kernel caliente sigue contando entre cuadernos.
        linea = next((x.strip() for x in (exc.source or "").splitlines() if x.strip() and not x.startswith("#")), "")
        donde = f"la celda {exc.cell_index + 1}" + (f" («{linea[:60]}»)" if linea else "")
        return f"el cuaderno «{cuaderno.name}» falló en {donde}: {exc.ename}: {exc.evalue}"
    if type(exc).__name__ == "DeadKernelError":
        return (f"el kernel que ejecutaba el cuaderno «{cuaderno.name}» murió (¿se agotó la memoria o el cuaderno "
                "terminó el proceso?); su salida de error queda junto al cuaderno")
    return f"el cuaderno «{cuaderno.name}» no se pudo ejecutar: {type(exc).__name__}: {exc}"


class Carril:
    """Un kernel caliente que ejecuta cuadernos en serie, cada uno con un tiempo máximo.

    La salida de error del kernel (avisos de arranque de ipykernel, un fallo del proceso) va a
    ``registro_kernel`` (un archivo de la carpeta de trabajo): no llega a la terminal, al correo
    de cron ni al registro de la corrida; si un cuaderno falla, el publicador la guarda junto al
    cuaderno con el error.
    """

    def __init__(self, cwd: Path, registro_kernel: Path | None = None, limite: float | None = None, nombre_kernel: str = "python3"):
        self.cwd, self.registro_kernel, self.limite, self.nombre_kernel = cwd, registro_kernel, limite, nombre_kernel
        self.kernel: KernelCaliente | None = None

    def iniciar(self) -> None:
        self.kernel = KernelCaliente(self.nombre_kernel)
        self.kernel.arrancar(self.cwd, self.registro_kernel)
        self.kernel.ejecutar_codigo(_CALENTAR)

    def interrumpir(self, apagar: bool = False) -> None:
        kernel = self.kernel
        if kernel is None:
            return
        try:
            kernel.apagar() if apagar else kernel.interrumpir()
        except Exception:  # noqa: BLE001 - el kernel pudo morir por su cuenta
            log.debug("no se pudo interrumpir un kernel", exc_info=True)

    def ejecutar(self, tarea: Tarea) -> Resultado:
        from nbclient.exceptions import CellTimeoutError

        if self.kernel is None or not self.kernel.vivo():
            self.cerrar()
            self.iniciar()
        else:
            self.kernel.ejecutar_codigo(_LIMPIEZA)
        try:
            self.kernel.ejecutar_cuaderno(tarea.cuaderno, tarea.salida, tarea.parametros, self.limite)
            return Resultado(tarea)
        except Exception as exc:  # el cuaderno con el error queda escrito en tarea.salida
            vencido = isinstance(exc, CellTimeoutError)
            if vencido or not self.kernel.vivo():
                self.cerrar()  # un kernel vencido puede seguir ocupado: el próximo cuaderno arranca uno nuevo
            if vencido:
                return Resultado(tarea, f"el cuaderno «{tarea.cuaderno.name}» pasó su tiempo máximo de {self.limite:.0f} s "
                                        "y se detuvo (límite: tiempo_cuaderno / --tiempo-cuaderno)", vencido=True)
            return Resultado(tarea, _describir_error(exc, tarea.cuaderno))

    def cerrar(self) -> None:
        if self.kernel is not None:
            try:
                self.kernel.apagar()
            except Exception:  # noqa: BLE001 - apagar es el último paso, nunca debe romper la corrida
                log.debug("no se pudo apagar un kernel", exc_info=True)
            self.kernel = None


def ejecutar_en_carriles(tareas: Iterable[Tarea], carriles: int, cwd: Path, al_terminar: Callable[[Resultado], None], *,
                         trabajo: Path | None = None, limite: float | None = None,
                         detener: threading.Event | None = None) -> None:
    """Ejecuta las tareas repartidas en ``carriles`` kernels; llama ``al_terminar`` con cada resultado.

    Los kernels arrancan antes de consumir ``tareas``: si es un generador (que, por
    ejemplo, calcula cada periodo antes de entregar sus cuadernos), el arranque de los
    kernels se solapa con ese cálculo. ``al_terminar`` corre en el hilo del carril (puede
    exportar y publicar mientras los demás siguen). Un cuaderno que falla no detiene a
    los demás; ``limite`` (segundos) acota cada cuaderno. ``trabajo``: carpeta donde cada
    carril deja la salida de error de su kernel (``kernel-N.log``).

    Una interrupción (Ctrl-C, ``KeyboardInterrupt`` en el hilo principal) no es un fallo de
    ningún cuaderno: se marca ``detener``, se interrumpen los kernels, ningún resultado
    posterior llega a ``al_terminar`` y la interrupción se propaga.
    """
    cola: queue.Queue[Tarea | None] = queue.Queue()
    fallos: list[BaseException] = []
    detener = detener or threading.Event()
    KernelCaliente.preparar()  # antes de los hilos (ver su documentación)
    n = max(1, carriles)
    lista = [Carril(cwd, trabajo / f"kernel-{i}.log" if trabajo else None, limite) for i in range(n)]

    def trabajar(carril: Carril) -> None:
        try:
            carril.iniciar()
            while (t := cola.get()) is not None:
                if detener.is_set():
                    continue
                resultado = carril.ejecutar(t)
                resultado.registro_kernel = carril.registro_kernel
                if not detener.is_set():
                    al_terminar(resultado)
        except BaseException as exc:  # noqa: BLE001 - se propaga en el hilo principal
            if not detener.is_set():
                fallos.append(exc)  # las tareas pendientes las toman los otros carriles
        finally:
            carril.cerrar()

    hilos = [threading.Thread(target=trabajar, args=(c,), name=f"carril-{i}", daemon=True) for i, c in enumerate(lista)]
    for h in hilos:
        h.start()
    try:
        for t in tareas:
            cola.put(t)
    except KeyboardInterrupt:
        detener.set()
        for c in lista:
            c.interrumpir()
        raise
    finally:
        for _ in range(n):
            cola.put(None)
        try:
            for h in hilos:
                h.join()
        except KeyboardInterrupt:  # una segunda interrupción mientras se espera: se apagan los kernels
            detener.set()
            for c in lista:
                c.interrumpir(apagar=True)
            raise
    if fallos:
        raise fallos[0]
