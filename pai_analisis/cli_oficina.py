"""Las órdenes de ``pai`` que trabajan sobre el libro de la Oficina y su mes: importar, formularios, recoger.

Como el resto de la CLI (:mod:`~pai_analisis.cli`), cada una solo traduce argumentos a una llamada con
palabras clave explícitas. Las que escriben el libro pasan por el único escritor de la sección 9
(:func:`~pai_analisis.libro.escritor.escribir_libro`): simulan sin ``--aplicar``, se niegan si el libro
está abierto en Excel o LibreOffice, no pisan fórmulas sin ``--reemplazar-formulas`` y esperan
``--espera`` segundos a otro ``pai`` que esté escribiendo el mismo libro.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ESPERA = 10.0  # segundos que un escritor espera a otro sobre el mismo libro


def _agregar_escritura(p: argparse.ArgumentParser) -> None:
    """Las opciones comunes de las órdenes que escriben el libro (sección 9)."""
    p.add_argument("--aplicar", action="store_true",
                   help="escribe el libro (con una copia del anterior al lado); sin esto solo muestra lo que haría")
    p.add_argument("--reemplazar-formulas", action="store_true",
                   help="escribe también sobre celdas que tienen fórmula (por omisión se niega y las nombra)")
    p.add_argument("--espera", type=float, default=ESPERA, metavar="SEGUNDOS",
                   help=f"cuánto esperar si otro pai está escribiendo el mismo libro (por defecto {ESPERA:g})")


def agregar_ordenes_del_libro(sub) -> None:
    p = sub.add_parser("importar", help="trae cifras de un sistema del Distrito al libro (simula sin --aplicar)")
    fuente = p.add_subparsers(dest="fuente", required=True, metavar="FUENTE")
    p = fuente.add_parser("crp", help="reporte de CRP de BogData → compromisos y giros de «presupuesto»")
    p.add_argument("reporte", type=Path, metavar="REPORTE.xlsx", help="el reporte de CRP tal como lo exporta BogData")
    p.add_argument("--libro", type=Path, required=True, metavar="LIBRO.xlsx", help="el libro de seguimiento que se actualiza")
    p.add_argument("--periodo", default=None, metavar="AAAA-MM", help="el mes que se llena (por omisión, el del corte del reporte)")
    _agregar_escritura(p)

    p = sub.add_parser("formularios", help="escribe un formulario por dependencia con lo que debe reportar en el mes")
    p.add_argument("--periodo", required=True, metavar="AAAA-MM", help="el mes que se pide")
    p.add_argument("--datos", type=Path, default=None, metavar="LIBRO.xlsx",
                   help="el libro de seguimiento (sin él, el ejemplo incorporado)")
    p.add_argument("--salida", type=Path, required=True, metavar="CARPETA", help="donde quedan los formularios y su índice")
    p.add_argument("--fecha-limite", default=None, metavar="AAAA-MM-DD", help="la fecha en que deben volver (va en las instrucciones)")
    p.add_argument("--parametros", type=Path, default=None, metavar="ARCHIVO.yaml",
                   help="de donde salen la entidad y la oficina que recoge (por defecto parametros/base.yaml)")
    p.add_argument("--sobrescribir", action="store_true", help="reemplaza formularios que ya estén en la carpeta")

    p = sub.add_parser("recoger", help="revisa los formularios que volvieron y los lleva al libro (simula sin --aplicar)")
    p.add_argument("carpeta", type=Path, metavar="CARPETA", help="la carpeta con los formularios recibidos (.xlsx)")
    p.add_argument("--periodo", required=True, metavar="AAAA-MM", help="el mes que se recoge")
    p.add_argument("--datos", type=Path, required=True, metavar="LIBRO.xlsx", help="el libro de seguimiento que se actualiza")
    p.add_argument("--reemplazar", action="store_true",
                   help="un valor distinto del que ya tiene el libro para el mes lo reemplaza (por omisión es un conflicto)")
    _agregar_escritura(p)


def _importar(a) -> int:
    from .libro.importacion import importar_crp

    resultado = importar_crp(a.reporte, libro=a.libro, periodo=a.periodo, aplicar=a.aplicar,
                             reemplazar_formulas=a.reemplazar_formulas, espera=a.espera)
    print(resultado.texto)
    return 0


def _formularios(a) -> int:
    from .formularios.escritura import escribir_formularios

    resultado = escribir_formularios(a.periodo, salida=a.salida, datos=a.datos, fecha_limite=a.fecha_limite,
                                     parametros=a.parametros, sobrescribir=a.sobrescribir)
    print(resultado.texto)
    return 0


def _recoger(a) -> int:
    from .formularios.recogida import recoger_formularios

    resultado = recoger_formularios(a.carpeta, periodo=a.periodo, libro=a.datos, aplicar=a.aplicar, reemplazar=a.reemplazar,
                                    reemplazar_formulas=a.reemplazar_formulas, espera=a.espera)
    print(resultado.texto)
    return resultado.codigo_salida


ORDENES_DEL_LIBRO = {"importar": _importar, "formularios": _formularios, "recoger": _recoger}
