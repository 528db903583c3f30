"""``pai formularios``: un formulario por dependencia con lo que debe reportar en P (sección 10).

:func:`escribir_formularios` carga el libro, arma el contenido del mes (:mod:`.contenido`) y escribe
en la carpeta de salida ``<dependencia>.xlsx`` por cada dependencia con algo debido (un nombre de
archivo seguro: sin tildes, espacios ni signos, único) y el índice ``formularios_P.csv``
(dependencia, archivo y cuántos elementos debe por hoja). Cada formulario lleva la hoja
``instrucciones``, una hoja por tipo con elementos debidos (:mod:`.hojas`) y su identidad
(:mod:`.identidad`). No reemplaza formularios que ya están en la carpeta salvo con ``sobrescribir``:
pueden ser respuestas ya recibidas.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..comun.archivos import escribir_atomico
from ..comun.reloj import fecha_hora
from ..comun.textos import normalizar
from ..errores import ErrorEscritura, ErrorPAI
from .columnas import TIPOS
from .contenido import Contenido, armar_contenido
from .hojas import escribir_hoja
from .identidad import Identidad, escribir_identidad
from .instrucciones import hoja_instrucciones

COLUMNAS_INDICE = ["dependencia", "archivo", *TIPOS, "total"]
_NO_SEGURO = re.compile(r"[^a-z0-9]+")
_LARGO = 60


@dataclass
class Formularios:
    """El resultado de :func:`escribir_formularios`: la tabla del índice y dónde quedó."""

    carpeta: Path
    periodo: str
    tabla: pd.DataFrame  # COLUMNAS_INDICE, una fila por formulario
    indice: Path

    @property
    def texto(self) -> str:
        if self.tabla.empty:
            return (f"Ninguna dependencia tiene elementos debidos en {self.periodo}: no se escribió ningún formulario "
                    f"(índice vacío en {self.indice}).")
        lineas = [f"{len(self.tabla)} formularios de {self.periodo} en {self.carpeta} ({int(self.tabla['total'].sum())} "
                  "elementos debidos):"]
        for r in self.tabla.itertuples():
            partes = "; ".join(f"{t}: {getattr(r, t)}" for t in TIPOS if getattr(r, t))
            lineas.append(f"  {r.archivo}: {r.dependencia} ({partes})")
        lineas.append(f"Índice: {self.indice}")
        return "\n".join(lineas)


def nombres_de_archivo(dependencias: list[str]) -> dict[str, str]:
    """Un nombre de archivo seguro y único por dependencia: «Oficina Asesora de Planeación» → ``oficina_asesora_de_planeacion.xlsx``."""
    nombres: dict[str, str] = {}
    usados: set[str] = set()
    for dep in dependencias:
        base = _NO_SEGURO.sub("_", normalizar(dep)).strip("_")[:_LARGO].rstrip("_") or "dependencia"
        nombre, n = base, 1
        while nombre in usados:
            n += 1
            nombre = f"{base}_{n}"
        usados.add(nombre)
        nombres[dep] = f"{nombre}.xlsx"
    return nombres


def _fecha(fecha_limite) -> str | None:
    if fecha_limite is None or isinstance(fecha_limite, dt.date):
        return None if fecha_limite is None else fecha_limite.isoformat()
    try:
        return dt.date.fromisoformat(str(fecha_limite)).isoformat()
    except ValueError:
        raise ErrorPAI(f"--fecha-limite «{fecha_limite}» no es una fecha: se esperaba AAAA-MM-DD (p. ej. 2024-08-05).") from None


def armar_formulario(contenido: Contenido, dependencia: str, *, entidad: str, oficina: str, fecha_limite: str | None,
                     generado: str) -> bytes:
    """Los bytes del formulario de ``dependencia``."""
    import openpyxl
    from openpyxl.workbook.protection import WorkbookProtection

    p = contenido.periodo
    textos = {"periodo": str(p), "anterior": str(p - 1) if p.month > 1 else f"{p} (es el primer mes)"}
    partes = contenido.de(dependencia)
    wb = openpyxl.Workbook()
    instrucciones = wb.active
    instrucciones.title = "instrucciones"
    filas, encabezados = [], {}
    for tipo, tabla in partes.items():
        filas += escribir_hoja(wb, tipo, tabla, textos)
        encabezados[tipo] = [c.value for c in wb[tipo][1]]
    hoja_instrucciones(instrucciones, entidad=entidad, vigencia=contenido.vigencia, periodo=str(p), dependencia=dependencia,
                       fecha_limite=fecha_limite, oficina=oficina, conteos={t: len(x) for t, x in partes.items()}, textos=textos)
    identidad = Identidad(entidad=entidad, vigencia=contenido.vigencia, periodo=str(p), dependencia=dependencia,
                          huella_plan=contenido.huellas[dependencia], fecha_limite=fecha_limite or "", generado=generado,
                          encabezados=encabezados, filas=filas)
    escribir_identidad(wb, identidad)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    contenido_xlsx = io.BytesIO()
    wb.save(contenido_xlsx)
    return contenido_xlsx.getvalue()


def escribir_formularios(periodo, *, salida: str | Path, datos: str | Path | None = None, fecha_limite=None,
                         parametros: str | Path | None = None, sobrescribir: bool = False) -> Formularios:
    """Escribe los formularios de ``periodo`` en la carpeta ``salida`` y su índice ``formularios_P.csv``.

    ``datos``: el libro de seguimiento (sin él, el ejemplo incorporado). ``fecha_limite``: AAAA-MM-DD
    (texto o fecha) que ven las dependencias. ``parametros``: el YAML de donde sale el nombre de la
    entidad y de la oficina que recoge (por omisión ``parametros/base.yaml``). Sin ``sobrescribir``, un
    formulario que ya existe en ``salida`` es un error y no se escribe nada.
    """
    from ..libro.carga import cargar_libro
    from ..metricas.parametros import cargar_parametros

    fecha = _fecha(fecha_limite)
    libro = cargar_libro(datos)
    params = cargar_parametros(parametros)
    contenido = armar_contenido(libro, periodo)
    carpeta = Path(salida)
    archivos = nombres_de_archivo(contenido.dependencias)
    existentes = sorted(a for a in archivos.values() if (carpeta / a).exists())
    if existentes and not sobrescribir:
        raise ErrorEscritura(f"Ya hay formularios en «{carpeta}» con estos nombres: {', '.join(existentes)}. Pueden ser "
                             "respuestas ya recibidas: use otra carpeta, o --sobrescribir para reemplazarlos. No se escribió nada.")
    generado = fecha_hora()
    listos = {dep: armar_formulario(contenido, dep, entidad=params.entidad, oficina=params.dependencia, fecha_limite=fecha,
                                    generado=generado) for dep in contenido.dependencias}
    filas = []
    for dep, datos_xlsx in listos.items():
        escribir_atomico(carpeta / archivos[dep], datos_xlsx)
        conteos = {t: len(x) for t, x in contenido.de(dep).items()}
        filas.append({"dependencia": dep, "archivo": archivos[dep], **{t: conteos.get(t, 0) for t in TIPOS},
                      "total": sum(conteos.values())})
    tabla = pd.DataFrame(filas, columns=COLUMNAS_INDICE)
    indice = escribir_atomico(carpeta / f"formularios_{contenido.periodo}.csv",
                              tabla.to_csv(index=False, lineterminator="\n").encode("utf-8-sig"))
    return Formularios(carpeta, str(contenido.periodo), tabla, indice)


__all__ = ["COLUMNAS_INDICE", "Formularios", "armar_formulario", "escribir_formularios", "nombres_de_archivo"]
