"""Línea de comandos ``pai``: plantilla, validar, metricas, informes, importar, formularios, recoger, cuadernos, conciliar.

Las órdenes que escriben el libro de la Oficina o arman su mes (importar, formularios, recoger) están en
:mod:`~pai_analisis.cli_oficina`.

Como la de papermill, la CLI solo traduce argumentos a una llamada de la API con palabras clave explícitas
(``escribir_plantilla``, ``cargar_libro``, ``calcular_metricas``, ``publicar_informes``…). Los errores previstos
(:class:`~pai_analisis.errores.ErrorPAI`) se escriben en la salida de error, en español y sin traza (salvo ``--depurar``),
con código 1; un error inesperado es un defecto del programa (código 2). ``pai informes`` sale con 3 cuando un periodo
pedido aún no tiene datos (sección 7.4 de la especificación); ``pai conciliar --estricto`` sale con 4 cuando algún mes
no cuadra (sección 8.3; sin ``--estricto``, 0: la tabla es el resultado). Si quien lee la salida la cierra antes de
tiempo (``pai importar crp … | head``), ``pai`` se calla y sale con 141, como toda orden de Unix.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .cli_oficina import ORDENES_DEL_LIBRO, agregar_ordenes_del_libro
from .errores import ErrorPAI, ErrorValidacion, describir_problemas

# argparse escribe sus textos en inglés con gettext; estos son los que ve un usuario de `pai`. Se instalan solo mientras
# corre `main` (ver `_argparse_en_espanol`): fuera de ella, argparse queda como estaba para cualquier otro programa del proceso.
_ARGPARSE_ES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "show this help message and exit": "muestra esta ayuda y sale",
    "the following arguments are required: %s": "faltan estos argumentos: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "expected one argument": "se esperaba un valor",
    "invalid choice: %(value)r (choose from %(choices)s)": "opción inválida: %(value)r (elija entre %(choices)s)",
    "invalid %(type)s value: %(value)r": "valor inválido: %(value)r",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
}


class _argparse_en_espanol:
    """Contexto que traduce los textos de argparse y los deja como estaban al salir."""

    def __enter__(self):
        self._antes = argparse.__dict__.get("_")
        argparse._ = lambda texto: _ARGPARSE_ES.get(texto, self._antes(texto) if self._antes else texto)
        return self

    def __exit__(self, *exc) -> None:
        argparse._ = self._antes


def _agregar_datos(p: argparse.ArgumentParser) -> None:
    p.add_argument("--datos", type=Path, action="append", default=None, metavar="LIBRO.xlsx",
                   help="libro de seguimiento (repetible, uno por vigencia, o una carpeta con los .xlsx); "
                        "sin él, un ejemplo incorporado")
    p.add_argument("--ejemplo", choices=("demostracion", "armonizacion"), default="demostracion",
                   help="sin --datos: el año de demostración (por omisión) o el 2024 armonizado con el plan 2024-2027")
    p.add_argument("--parametros", type=Path, default=None, metavar="ARCHIVO.yaml",
                   help="parámetros (umbrales, pesos); por defecto parametros/base.yaml")


def _agregar_fuente(p: argparse.ArgumentParser, *, requerida: bool) -> None:
    p.add_argument("--fuente", type=Path, required=requerida, default=None, metavar="ARCHIVO.csv",
                   help="DatosAbiertosPresupuestoGeneralDistrito.csv (datos abiertos del Distrito, Mapa de Inversiones)"
                        + ("" if requerida else ": el informe de presupuesto muestra la conciliación"))
    p.add_argument("--entidad", required=requerida, default=None, metavar="NOMBRE",
                   help="la «Institucion» de la fuente" + ("" if requerida else " (por omisión, la entidad de los parámetros)"))


def _fecha(texto: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"fecha inválida «{texto}»: se esperaba AAAA-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    from .publicacion.publicador import por_defecto

    ap = argparse.ArgumentParser(prog="pai", description="Seguimiento del Plan de Acción Institucional (PAI).")
    ap.add_argument("--depurar", action="store_true", help="muestra la traza completa de los errores")
    sub = ap.add_subparsers(dest="comando", required=True, metavar="COMANDO")

    p = sub.add_parser("plantilla", help="escribe el libro de seguimiento para diligenciar")
    p.add_argument("libro", type=Path, metavar="LIBRO.xlsx")
    p.add_argument("--con-ejemplo", nargs="?", const="demostracion", default=None, choices=("demostracion", "armonizacion"),
                   help="incluye un ejemplo en el seguimiento: el año de demostración (por omisión) o «armonizacion»")
    p.add_argument("--vigencia", type=int, default=None, metavar="AAAA", help="el año del libro nuevo (con --desde)")
    p.add_argument("--desde", type=Path, default=None, metavar="ANTERIOR.xlsx",
                   help="el libro de la vigencia anterior: su plan pasa al libro nuevo con el avance del cuatrienio")
    p.add_argument("--sobrescribir", action="store_true", help="reemplaza LIBRO.xlsx si ya existe")

    p = sub.add_parser("validar", help="revisa un libro y lista todos sus problemas")
    p.add_argument("libro", type=Path, metavar="LIBRO.xlsx")
    p.add_argument("--parametros", type=Path, default=None, metavar="ARCHIVO.yaml",
                   help="parámetros (el umbral de sobreejecución de las advertencias)")

    p = sub.add_parser("metricas", help="calcula las métricas de un periodo (JSON, Excel o Parquet)")
    p.add_argument("--periodo", required=True, metavar="AAAA-MM")
    _agregar_datos(p)
    p.add_argument("--formato", choices=("json", "xlsx", "parquet"), default="json", help="parquet: un archivo por tabla (pyarrow)")
    p.add_argument("--salida", type=Path, default=None, metavar="ARCHIVO", help="archivo (json, xlsx) o carpeta (parquet)")

    p = sub.add_parser("informes", help="ejecuta los cuadernos y publica los informes HTML")
    d = por_defecto()  # los valores por defecto de publicar_informes, escritos una sola vez (en su firma)
    p.add_argument("--periodo", action="append", default=[], metavar="AAAA-MM",
                   help="periodo a renderizar (repetible); «anterior» = el mes pasado; «ultimo» = el último con datos")
    p.add_argument("--desde", metavar="AAAA-MM", help="primer periodo de un rango")
    p.add_argument("--hasta", metavar="AAAA-MM", help="último periodo de un rango")
    _agregar_datos(p)
    p.add_argument("--salida", type=Path, default=Path(d["salida"]), metavar="CARPETA",
                   help=f"carpeta donde se publica (por defecto {d['salida']}/ en la carpeta actual)")
    p.add_argument("--forzar", action="store_true", help="renderiza aunque nada haya cambiado")
    p.add_argument("--procesos", type=int, default=d["procesos"], help="kernels en paralelo (por defecto, uno por núcleo)")
    p.add_argument("--espera", type=float, default=d["espera"], metavar="SEGUNDOS",
                   help=f"cuánto esperar si otra corrida está publicando en la misma carpeta (por defecto {d['espera']:g})")
    p.add_argument("--hoy", type=_fecha, metavar="AAAA-MM-DD", help="fecha de referencia para «--periodo anterior» (por defecto, hoy en Bogotá)")
    p.add_argument("--cuadernos", type=Path, metavar="CARPETA", help="carpeta de cuadernos adaptados (por defecto, los del paquete)")
    p.add_argument("--tiempo-cuaderno", type=float, default=d["tiempo_cuaderno"], metavar="SEGUNDOS",
                   help=f"tiempo máximo de cada cuaderno; si lo pasa, el periodo no se publica (por defecto {d['tiempo_cuaderno']:g})")
    p.add_argument("--sin-pdf", dest="pdf", action="store_false",
                   help="no hace el PDF del comité de cada periodo (solo el HTML; ahorra unos 13 s por periodo, medido con bench/informes.py)")
    _agregar_fuente(p, requerida=False)

    p = sub.add_parser("conciliar", help="compara los totales del libro con el presupuesto que publica el Distrito, mes a mes")
    p.add_argument("--datos", type=Path, required=True, metavar="LIBRO.xlsx", help="libro de seguimiento")
    _agregar_fuente(p, requerida=True)
    p.add_argument("--estricto", action="store_true", help="sale con 4 si algún mes no cuadra o falta en un lado (para cron)")

    agregar_ordenes_del_libro(sub)  # importar, formularios, recoger: cli_oficina.py

    p = sub.add_parser("cuadernos", help="copia los cuadernos del paquete (los informes y explorar.ipynb) a una carpeta para adaptarlos")
    p.add_argument("carpeta", type=Path, metavar="CARPETA")
    p.add_argument("--sobrescribir", action="store_true", help="reemplaza los cuadernos que ya estén en la carpeta")
    return ap


def _plantilla(a) -> int:
    from .libro.plantilla import escribir_plantilla

    if a.desde is None:
        if a.vigencia is not None:
            raise ErrorPAI("--vigencia va con --desde ANTERIOR.xlsx: el plan del año nuevo sale del libro del año anterior.")
        ruta = escribir_plantilla(a.libro, con_ejemplo=a.con_ejemplo or False, sobrescribir=a.sobrescribir)
        ejemplo = {"demostracion": " (con el año de demostración)", "armonizacion": " (con el ejemplo armonizado de 2024)"}
        print(f"Plantilla escrita en {ruta}{ejemplo.get(a.con_ejemplo, '')}")
        return 0
    if a.con_ejemplo:
        raise ErrorPAI("--con-ejemplo no va con --desde: el libro de una vigencia nueva empieza con el seguimiento vacío.")
    from .libro.carga import cargar_libro
    from .metricas.arrastre import plan_siguiente

    anterior = cargar_libro(a.desde)
    vigencia = a.vigencia or anterior.vigencia + 1
    if vigencia <= anterior.vigencia:
        raise ErrorPAI(f"La vigencia nueva ({vigencia}) debe ser posterior a la del libro «{a.desde.name}» ({anterior.vigencia}).")
    tablas = plan_siguiente(anterior, vigencia)
    # un año siguiente hecho de un libro de demostración hereda sus cifras simuladas: sigue marcado
    ruta = escribir_plantilla(a.libro, tablas=tablas, vigencia=vigencia, sobrescribir=a.sobrescribir,
                              demostracion=anterior.demostracion)
    print(f"Libro de la vigencia {vigencia} escrito en {ruta}, con el plan vigente en diciembre de {anterior.vigencia} "
          f"({len(tablas['proyectos'])} proyectos, {len(tablas['metas'])} metas con su avance del cuatrienio). "
          "Falta diligenciar la programación de la vigencia de cada meta y el presupuesto de cada proyecto."
          + (" Queda marcado como de demostración, como el libro del que sale." if anterior.demostracion else ""))
    return 0


def _validar(a) -> int:
    from .libro.carga import cargar_libro
    from .metricas.advertencias import advertencias
    from .metricas.parametros import cargar_parametros

    try:
        libro = cargar_libro(a.libro)
    except ErrorValidacion as exc:
        errores = int((exc.problemas["nivel"] == "error").sum())
        print(describir_problemas(exc.problemas), file=sys.stderr)
        print(f"\nEl libro «{a.libro.name}» NO es válido: {errores} error(es).", file=sys.stderr)
        return 1
    import pandas as pd

    avisos = pd.concat([t for t in (libro.advertencias, advertencias(libro, cargar_parametros(a.parametros))) if len(t)]
                       or [libro.advertencias], ignore_index=True)
    if len(avisos):
        print(describir_problemas(avisos))
    print(f"El libro «{a.libro.name}» es válido (vigencia {libro.vigencia}; {len(avisos)} advertencia(s)).")
    return 0


def _metricas(a) -> int:
    from .comun.archivos import escribir_atomico
    from .informes.contexto import calcular_metricas
    from .libro.carga import cargar_libros
    from .metricas.parametros import cargar_parametros

    m = calcular_metricas(cargar_libros(a.datos, ejemplo=a.ejemplo).de(a.periodo), a.periodo, cargar_parametros(a.parametros))
    if a.formato in ("xlsx", "parquet"):  # parquet: un archivo por tabla del modelo en la carpeta --salida
        from .informes.excel import exportar_xlsx
        from .modelo.parquet import exportar_parquet

        exportar, extension = (exportar_xlsx, ".xlsx") if a.formato == "xlsx" else (exportar_parquet, "")
        salida = exportar(m, a.salida or Path(f"metricas_{m.periodo}{extension}"))
        print(f"Métricas de {m.periodo} escritas en {salida}")
        return 0
    texto = m.a_json() + "\n"
    if a.salida:
        escribir_atomico(a.salida, texto)
    else:
        sys.stdout.buffer.write(texto.encode("utf-8"))
    return 0


def _informes(a) -> int:
    from .publicacion import publicar_informes
    from .publicacion.publicador import _sin_validador_iri

    _sin_validador_iri()  # este proceso es solo `pai`: evita 0,7 s de importaciones que nadie usa
    if a.entidad is not None and a.fuente is None:
        raise ErrorPAI("--entidad va con --fuente ARCHIVO.csv: es la entidad que se busca en esa fuente.")
    resultado = publicar_informes(a.periodo, desde=a.desde, hasta=a.hasta, datos=a.datos, ejemplo=a.ejemplo,
                                  parametros=a.parametros, salida=a.salida, cuadernos=a.cuadernos, forzar=a.forzar,
                                  procesos=a.procesos, espera=a.espera, hoy=a.hoy, tiempo_cuaderno=a.tiempo_cuaderno,
                                  pdf=a.pdf, fuente=a.fuente, entidad=a.entidad)
    return resultado.codigo_salida


def _conciliar(a) -> int:
    from .fuentes.presupuesto_distrital import de_entidad, leer_presupuesto_distrital
    from .informes.lecturas.conciliacion import texto_terminal
    from .libro.carga import cargar_libro
    from .metricas.conciliacion import CUADRA, conciliar

    libro = cargar_libro(a.datos)
    fuente = de_entidad(leer_presupuesto_distrital(a.fuente), a.entidad)
    tabla = conciliar(libro.presupuesto, fuente, libro.vigencia)
    print(texto_terminal(tabla, fuente["institucion"].iloc[0], a.fuente.name))
    return 4 if a.estricto and (tabla["estado"] != CUADRA).any() else 0


def _cuadernos(a) -> int:
    from .publicacion.cuadernos import copiar_cuadernos

    copiados = copiar_cuadernos(a.carpeta, sobrescribir=a.sobrescribir)
    informes = [c.name for c in copiados if c.name[:2].isdigit()]
    otros = [c.name for c in copiados if not c.name[:2].isdigit()]
    print(f"{len(copiados)} cuadernos copiados en {a.carpeta}.")
    print(f"Informes ({len(informes)}): {', '.join(informes)}. Adáptelos y publíquelos con "
          f"`pai informes --cuadernos {a.carpeta} --periodo AAAA-MM`.")
    if otros:
        print(f"Para explorar en JupyterLab (nunca se publica): {', '.join(otros)}: `jupyter lab {a.carpeta / otros[0]}`.")
    return 0


_ACCIONES = {"plantilla": _plantilla, "validar": _validar, "metricas": _metricas, "informes": _informes,
             "cuadernos": _cuadernos, "conciliar": _conciliar, **ORDENES_DEL_LIBRO}


def main(argv: list[str] | None = None) -> int:
    with _argparse_en_espanol():
        a = _parser().parse_args(argv)
    try:
        return _ACCIONES[a.comando](a)
    except ErrorPAI as exc:
        if a.depurar:
            raise
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrumpido.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # quien leía la salida cerró la tubería: nada más que escribir, ni al salir (docs de Python, «SIGPIPE»)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # un defecto del programa, no de los datos: mensaje corto y código 2
        if a.depurar:
            raise
        print(f"Error inesperado de pai-analisis ({type(exc).__name__}: {exc}). "
              "Repita el comando con `pai --depurar …` para ver la traza y repórtela.", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
