"""El kernel caliente de un carril: un ``KernelManager`` que reparte siempre el mismo cliente.

Separado de :mod:`.carriles` (que reparte los cuadernos) porque es lo único que toca el
interior de jupyter_client: un cliente persistente (una espera de arranque por carril, no por
cuaderno) y canales que esperan en tramos cortos para que el tiempo máximo de un cuaderno y la
muerte del kernel se noten aunque una celda bloquee.
"""

from __future__ import annotations

import threading
import time
from functools import lru_cache


@lru_cache(maxsize=1)
def clases_kernel():
    """Un ``KernelManager`` cuyo cliente se crea una sola vez y se reutiliza.

    nbclient pide un cliente nuevo por cuaderno y espera a que esté listo; esa espera
    vacía el canal IOPub durante 0,2 s, y hacerlo seis veces por periodo se nota. Con
    este cliente persistente la espera ocurre solo al arrancar el carril.

    El cliente es bloqueante y nbclient espera la salida de una celda con
    ``iopub_channel.get_msg(timeout=None)`` y la respuesta con ``shell_channel.get_msg``: con un
    cliente bloqueante esas esperas detienen el bucle de eventos y ni el tiempo máximo de
    nbclient ni su revisión de que el kernel sigue vivo llegan a correr (un ``time.sleep(3600)``
    retendría la corrida una hora). Por eso ambos canales esperan en tramos de medio segundo y se rinde (``Empty``) cuando el carril
    levanta ``parar`` o el proceso del kernel murió (``os._exit``, falta de memoria): nbclient ve
    entonces el kernel apagado o su tiempo vencido y termina con un error, como con cualquier
    otro cuaderno que falla.
    """
    from queue import Empty

    from jupyter_client import KernelManager
    from jupyter_client.blocking import BlockingKernelClient
    from jupyter_client.channels import ZMQSocketChannel

    class CanalPaciente(ZMQSocketChannel):
        parar: threading.Event | None = None
        vivo = None  # el ``is_alive`` del kernel

        def get_msg(self, timeout=None):
            if self.parar is None:
                return super().get_msg(timeout)
            limite = None if timeout is None else time.monotonic() + timeout
            while True:
                tramo = 0.5 if limite is None else max(0.0, min(0.5, limite - time.monotonic()))
                try:
                    return super().get_msg(tramo)
                except Empty:
                    vencio = limite is not None and time.monotonic() >= limite
                    if vencio or self.parar.is_set() or (self.vivo is not None and not self.vivo()):
                        raise

    class ClientePersistente(BlockingKernelClient):
        _listo = False
        iopub_channel_class = shell_channel_class = CanalPaciente
        parar = threading.Event()  # se reemplaza por uno propio en cada cliente (ver KernelCaliente.client)
        vivo = None

        def start_channels(self, *args, **kwargs):
            if not self.channels_running:
                super().start_channels(*args, **kwargs)
                for canal in (self.iopub_channel, self.shell_channel):
                    canal.parar, canal.vivo = self.parar, self.vivo

        def wait_for_ready(self, timeout=None):
            if not self._listo:
                super().wait_for_ready(timeout=timeout)
                self._listo = True

        def stop_channels(self):  # lo cierra el carril al final, no cada cuaderno
            pass

        def cerrar(self):
            super().stop_channels()

    class KernelCaliente(KernelManager):
        _cliente = None

        def client(self, **kwargs):
            if self._cliente is None:
                self.client_factory = ClientePersistente
                self._cliente = super().client(**kwargs)
                self._cliente.parar, self._cliente.vivo = threading.Event(), self.is_alive
            return self._cliente

    return KernelCaliente


__all__ = ["clases_kernel"]
