"""El kernel caliente de un carril, sobre las interfaces asíncronas que nbclient espera.

Separado de :mod:`.carriles` (que reparte los cuadernos) porque es lo único que habla con
jupyter_client y nbclient. Un carril arranca un ``AsyncKernelManager`` y su cliente asíncrono
una sola vez (una espera de arranque por carril, no por cuaderno) y se los entrega a nbclient
en cada cuaderno: ``km=`` y ``kc=``, como papermill y nbclient reutilizan un kernel ya
arrancado (``NotebookClient(km=...)`` con ``kc`` asignado: ``async_setup_kernel`` no crea otro
cliente y, como el cliente no es de nbclient, no lo cierra al terminar).

Con un cliente asíncrono las esperas de nbclient no detienen su bucle de eventos: su tiempo
máximo (``timeout_func``, aquí lo que le queda al cuaderno) y su revisión de que el kernel sigue
vivo (cada segundo) corren mientras una celda bloquea, sin relojes ni canales propios.

Todo corre en el hilo del carril, en el bucle de eventos de ese hilo (``run_sync`` de
jupyter_core: uno por hilo, el mismo que usa nbclient).
"""

from __future__ import annotations

import time
from pathlib import Path

MOTOR = "pai-carril"  # el nombre con que papermill conoce el motor de abajo


def _registrar_motor() -> None:
    """Registra en papermill un motor nbclient que acepta ``kc=`` además de ``km=``.

    El motor de papermill (``NBClientEngine``) solo pasa ``km``; este es el mismo con el cliente
    ya conectado del carril (la extensión que papermill prevé: ``papermill_engines.register``).
    """
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger

    class MotorCarril(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, *, km, kc,
                                     timeout_func=None, destino_en_fallo=None, **kwargs):
            kwargs.pop("input_path", None)
            cliente = PapermillNotebookClient(nb_man, km=km, timeout=execution_timeout, timeout_func=timeout_func,
                                              startup_timeout=start_timeout, kernel_name=kernel_name, log=logger,
                                              log_output=log_output, stdout_file=stdout_file,
                                              stderr_file=stderr_file, **kwargs)
            cliente.kc = kc
            try:
                return cliente.execute(cleanup_kc=False)
            except BaseException:
                # Un error de celda lo escribe papermill; un cuaderno vencido o un kernel muerto no: se
                # escribe aquí, hasta donde llegó, para que quede junto al error (``_errores``).
                if destino_en_fallo is not None:
                    import nbformat

                    nbformat.write(nb_man.nb, destino_en_fallo)
                raise

    papermill_engines.register(MOTOR, MotorCarril)


class KernelCaliente:
    """Un kernel de Jupyter y su cliente asíncrono, arrancados una vez y reutilizados cuaderno tras cuaderno."""

    def __init__(self, nombre_kernel: str = "python3"):
        from jupyter_client.manager import AsyncKernelManager

        self.km = AsyncKernelManager(kernel_name=nombre_kernel)
        self.kc = None

    @staticmethod
    def preparar() -> None:
        """Antes de abrir hilos: registra el motor y resuelve las clases de traitlets.

        traitlets resuelve perezosamente las clases de sus rasgos ``Type`` (p. ej. ``client_factory``)
        y esa primera resolución no es segura entre hilos: con dos carriles a la vez fallaba a veces
        con «import_item accepts strings, not MetaHasTraits».
        """
        from jupyter_client.manager import AsyncKernelManager

        _registrar_motor()
        AsyncKernelManager(kernel_name="python3").client()

    def arrancar(self, cwd: Path, registro: Path | None = None, espera: float = 60) -> None:
        from jupyter_core.utils import run_sync

        if registro is not None:
            with open(registro, "ab") as destino:
                run_sync(self.km.start_kernel)(cwd=str(cwd), stdout=destino, stderr=destino)
        else:
            run_sync(self.km.start_kernel)(cwd=str(cwd))
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=espera)
        self.kc.allow_stdin = False

    def ejecutar_codigo(self, codigo: str, espera: float = 120) -> None:
        """Código propio del carril (calentar, limpiar entre cuadernos); un error en él es un error del carril."""
        from jupyter_core.utils import run_sync

        respuesta = run_sync(self.kc.execute_interactive)(codigo, timeout=espera, output_hook=lambda _m: None)
        if respuesta["content"]["status"] != "ok":
            c = respuesta["content"]
            raise RuntimeError(f"el kernel del carril no pudo ejecutar su propio código: {c.get('ename')}: {c.get('evalue')}")

    def ejecutar_cuaderno(self, cuaderno: Path, salida: Path, parametros: dict, limite: float | None) -> None:
        """papermill sobre este kernel; ``limite``: segundos para el cuaderno entero (nbclient lo reparte celda a celda)."""
        import papermill as pm

        fin = time.monotonic() + limite if limite else None
        # nbclient toma 0 o None como «sin límite»: lo que queda nunca baja de un milisegundo
        restante = (lambda _celda: max(0.001, fin - time.monotonic())) if fin is not None else None
        # request_save_on_cell_execute=False: papermill escribe el cuaderno una vez al final (o al fallar), no
        # dos veces por celda (serializar y validar cuadernos de 300–550 kB por celda cuesta segundos por periodo)
        pm.execute_notebook(str(cuaderno), str(salida), parameters=parametros, kernel_name=self.km.kernel_name,
                            progress_bar=False, request_save_on_cell_execute=False, engine_name=MOTOR, km=self.km,
                            kc=self.kc, timeout_func=restante, destino_en_fallo=str(salida))

    def vivo(self) -> bool:
        from jupyter_core.utils import run_sync

        return self.km.has_kernel and bool(run_sync(self.km.is_alive)())

    def interrumpir(self) -> None:
        from jupyter_core.utils import run_sync

        run_sync(self.km.interrupt_kernel)()

    def apagar(self) -> None:
        from jupyter_core.utils import run_sync

        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km.has_kernel:
            run_sync(self.km.shutdown_kernel)(now=True)


__all__ = ["KernelCaliente", "MOTOR"]
