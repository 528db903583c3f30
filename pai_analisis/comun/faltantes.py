"""El valor faltante: una sola pregunta (:func:`es_faltante`) y una sola forma de escribirlo (:data:`FALTANTE`).

Un faltante llega de muchas formas: ``None``, ``float("nan")``, ``np.float32("nan")``, ``pd.NA``
(columnas ``Float64``/``Int64``), ``pd.NaT``, ``np.datetime64("NaT")``. Antes había una decena de
comprobaciones a mano que no coincidían (``numero(pd.NA)`` reventaba con ``TypeError``,
``numero(np.float32("nan"))`` escribía «nan»); ahora todas preguntan aquí, y la respuesta es
la de ``pd.isna`` sobre un escalar.

Sin pandas para los tipos de Python (``None``, ``float``, ``int``, ``str``): la re-corrida sin
cambios escribe números sin importar pandas; cualquier otro tipo (de numpy o de pandas, que
solo existe si ya se importaron) se decide con ``pd.isna``.
"""

from __future__ import annotations

FALTANTE = "—"  # cómo se escribe un faltante en todo texto para la gente (HTML, Markdown, mensajes)


def es_faltante(valor) -> bool:
    """¿``valor`` es un escalar faltante? (``None``, NaN de cualquier ancho, ``pd.NA``, ``NaT``).

    Un texto nunca es faltante aquí (``"nan"`` es un texto); las celdas en blanco son otra
    pregunta (:func:`pai_analisis.libro.problemas.vacio`). Una colección no es un escalar: ``False``.
    """
    if valor is None:
        return True
    if isinstance(valor, (str, bytes, bool, int)):
        return False
    if isinstance(valor, float):
        return valor != valor
    import pandas as pd

    if not pd.api.types.is_scalar(valor):
        return False
    return bool(pd.isna(valor))


__all__ = ["FALTANTE", "es_faltante"]
