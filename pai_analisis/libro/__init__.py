"""Primera etapa: el libro de seguimiento. Contrato, lectura, validación, plantilla y datos incorporados.

* :mod:`.esquema`: hojas y columnas del contrato (sección 2 de la especificación).
* :mod:`.lectura`: el .xlsx a tablas crudas; :mod:`.celdas`: cada celda a su tipo.
* :mod:`.validacion` y :mod:`.problemas`: todas las reglas que el libro solo puede mostrar.
* :mod:`.carga`: :class:`Libro` y :func:`cargar_libro`.
* :mod:`.plantilla`: el libro para diligenciar en Excel.
* :mod:`.plan` y :mod:`.demostracion`: el plan 2024 incorporado y su año de demostración.
"""

from .carga import Libro, cargar_libro
from .plantilla import escribir_plantilla

__all__ = ["Libro", "cargar_libro", "escribir_plantilla"]
