"""El único escritor del libro de la Oficina (sección 9 de la especificación).

Todo comando que cambia el libro de seguimiento (``pai importar crp``, ``pai recoger``) pasa por
:func:`escribir_libro`, que cumple estas promesas:

* **Todo o nada.** El cambio entero, la validación del libro resultante y el resumen que se
  imprime se calculan *antes* de reemplazar el archivo; el reemplazo es atómico
  (:func:`~pai_analisis.comun.archivos.escribir_atomico`) y deja al lado la copia
  ``LIBRO.antes_de_<acción>.xlsx`` (``_2``, ``_3``… si ya existe: nunca se reemplaza una copia).
  Después del reemplazo no corre nada que pueda fallar.
* **Abierto en otro programa.** Con ``~$LIBRO.xlsx`` (Excel) o ``.~lock.LIBRO.xlsx#``
  (LibreOffice) al lado, se niega (:class:`~pai_analisis.errores.ErrorLibroAbierto`, salida 1) y
  dice quién lo tiene abierto cuando el archivo de bloqueo lo dice. Dos escritores nunca se
  intercalan: un candado (``.LIBRO.xlsx.pai-lock``) que el segundo espera ``espera`` segundos.
* **Fórmulas.** Una celda que se debe escribir y tiene fórmula no se pisa
  (:class:`~pai_analisis.errores.ErrorFormulas`, con cada hoja, celda y fórmula), salvo con
  ``reemplazar_formulas``; entonces las fórmulas compartidas se re-anclan y ``calcChain.xml``
  pierde las celdas reemplazadas (:mod:`.parche_hoja`, :mod:`.partes`).
* **Recálculo.** Todo libro escrito lleva ``fullCalcOnLoad`` (Excel recalcula al abrir); LibreOffice no
  lo lee, así que las fórmulas que dependen de lo escrito pierden su valor en caché y LibreOffice las
  calcula al abrir (:mod:`.recalculo`).
* **Tablas.** Una tabla de Excel (o un autofiltro) crece sobre las filas agregadas justo debajo.

Quien llama da una función ``planear(foto) -> Plan``: recibe la :class:`FotoLibro` (los bytes del
libro y sus hojas leídas) y devuelve las ediciones por hoja. Con ``aplicar=True`` se llama con el
candado tomado, sobre el archivo tal como está en ese momento: un segundo escritor que esperó
planea sobre lo que escribió el primero (importar dos veces el mismo reporte no duplica nada).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..comun.archivos import escribir_atomico
from ..errores import ErrorFormulas, ErrorLibroAbierto, ErrorValidacion
from .bloqueos import candado_de_escritura, quien_lo_tiene_abierto
from .foto import FotoLibro
from .parche_hoja import Formula, parchar_libro


@dataclass
class Edicion:
    """Los cambios de una hoja: ``celdas`` {(fila, columna): valor} (1 = A1; texto, número, fecha o ``None``
    para vaciar) y ``modelos`` {fila nueva: fila cuyos estilos copia}."""

    celdas: dict[tuple[int, int], object] = field(default_factory=dict)
    modelos: dict[int, int] = field(default_factory=dict)


@dataclass
class Plan:
    """Lo que un comando quiere escribir (``ediciones`` por título de hoja) y su propio resultado (``datos``)."""

    ediciones: dict[str, Edicion]
    datos: object = None

    @property
    def vacio(self) -> bool:
        return not any(e.celdas for e in self.ediciones.values())


@dataclass
class Escritura:
    """El resultado de :func:`escribir_libro`."""

    libro: Path
    plan: Plan
    aplicada: bool = False
    copia: Path | None = None
    formulas_reemplazadas: list[Formula] = field(default_factory=list)
    texto: str = ""  # el resumen para imprimir, armado antes de reemplazar el archivo
    nuevo: bytes | None = field(default=None, repr=False)  # el libro tal como quedará (None si no hay nada que escribir)


def escribir_libro(libro: str | Path, planear: Callable[[FotoLibro], Plan], *, accion: str, aplicar: bool, que: str,
                   reemplazar_formulas: bool = False, espera: float = 10.0, validar: bool = True,
                   resumir: Callable[[Escritura], str] | None = None) -> Escritura:
    """Planea, comprueba y (con ``aplicar``) escribe el libro; ver el docstring del módulo.

    ``accion``: la parte del nombre de la copia (``crp_2024-06-30`` → ``LIBRO.antes_de_crp_2024-06-30.xlsx``);
    ``que``: lo que se hace, para los mensajes («Importar «crp.xlsx»», «Recoger los formularios de 2024-07»).
    ``resumir``: arma el texto del resumen (se llama antes del reemplazo; queda en ``Escritura.texto``).
    Sin ``aplicar`` no se escribe nada, pero se revisan las fórmulas y se valida el libro resultante igual.
    """
    libro = Path(libro)
    if not aplicar:
        return _preparar(libro, FotoLibro.de(libro), planear, accion=accion, que=que, reemplazar_formulas=reemplazar_formulas,
                         validar=validar, resumir=resumir, aplicar=False)
    _exigir_cerrado(libro)
    with candado_de_escritura(libro, espera):
        foto = FotoLibro.de(libro)
        escritura = _preparar(libro, foto, planear, accion=accion, que=que, reemplazar_formulas=reemplazar_formulas,
                              validar=validar, resumir=resumir, aplicar=True)
        if escritura.plan.vacio or escritura.copia is None:
            return escritura
        _exigir_cerrado(libro)  # lo pudieron abrir mientras se calculaba
        if libro.read_bytes() != foto.original:  # otro programa (no pai) lo cambió mientras tanto
            raise ErrorLibroAbierto(f"El libro «{libro.name}» cambió mientras se preparaba la escritura (¿lo guardó otro "
                                    "programa?). No se escribió nada; vuelva a intentarlo.")
        escribir_atomico(escritura.copia, foto.original)
        escribir_atomico(libro, escritura.nuevo)  # lo último: nada que pueda fallar corre después
        escritura.aplicada = True
        return escritura


def _preparar(libro: Path, foto: FotoLibro, planear, *, accion, que, reemplazar_formulas, validar, resumir, aplicar) -> Escritura:
    plan = planear(foto)
    escritura = Escritura(libro, plan)
    if plan.vacio:
        escritura.texto = resumir(escritura) if resumir else ""
        return escritura
    celdas = {hoja: e.celdas for hoja, e in plan.ediciones.items() if e.celdas}
    modelos = {hoja: e.modelos for hoja, e in plan.ediciones.items() if e.modelos}
    nuevo, formulas = parchar_libro(foto.original, celdas, modelos, reemplazar_formulas=reemplazar_formulas)
    if formulas and not reemplazar_formulas:
        raise ErrorFormulas(libro.name, formulas)
    escritura.formulas_reemplazadas = formulas
    if validar:
        _validar(libro, nuevo, que)
    escritura.nuevo = nuevo
    if aplicar:
        escritura.copia = _copia(libro, accion)
    escritura.texto = resumir(escritura) if resumir else ""
    return escritura


def _validar(libro: Path, nuevo: bytes, que: str) -> None:
    """El libro resultante, validado entero antes de reemplazar al anterior."""
    from .carga import cargar_libro

    with tempfile.TemporaryDirectory(prefix="pai-libro-") as carpeta:
        prueba = Path(carpeta) / libro.name
        prueba.write_bytes(nuevo)
        try:
            cargar_libro(prueba)
        except ErrorValidacion as exc:
            raise ErrorValidacion(exc.problemas, libro.name, f"{que} dejaría el libro «{libro.name}» inválido; no se escribió "
                                  "nada. Lo que tendría mal:") from exc


def _exigir_cerrado(libro: Path) -> None:
    abierto = quien_lo_tiene_abierto(libro)
    if abierto is not None:
        raise ErrorLibroAbierto(f"El libro «{libro.name}» está abierto en {abierto}. Guardarlo allí después borraría "
                                "lo que escriba pai sin avisar: ciérrelo (o pida que lo cierren) y vuelva a intentarlo. "
                                "No se escribió nada.")


def _copia(libro: Path, accion: str) -> Path:
    """``LIBRO.antes_de_<accion>.xlsx``, o ``…_2.xlsx``, ``…_3.xlsx`` si ya existe: nunca se reemplaza una copia."""
    base, n = f"{libro.stem}.antes_de_{accion}", 1
    ruta = libro.with_name(f"{base}.xlsx")
    while ruta.exists():
        n += 1
        ruta = libro.with_name(f"{base}_{n}.xlsx")
    return ruta
