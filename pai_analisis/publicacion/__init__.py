"""Cuarta etapa: la publicación. Corre los cuadernos en kernels calientes y publica el HTML de cada periodo.

* :mod:`.publicador`: :func:`publicar_informes`, la API que usa ``pai informes``.
* :mod:`.periodos`: qué periodos pide una corrida; :mod:`.huellas`: qué cambió.
* :mod:`.carriles`: papermill sobre kernels calientes; :mod:`.cuadernos`: dónde están y su HTML.
* :mod:`.portada`, :mod:`.carpetas`, :mod:`.archivo`: la portada del periodo, la publicación
  atómica y el archivo de todos los periodos; :mod:`.registro`: el registro de la corrida.
"""

from .publicador import Publicacion, publicar_informes

__all__ = ["Publicacion", "publicar_informes"]
