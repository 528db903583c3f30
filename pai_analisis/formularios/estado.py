"""El estado de la recogida por dependencia: la tabla, su CSV y el texto que imprime ``pai recoger``.

Una fila por dependencia con algo debido en P (y por formulario recibido de una dependencia que no
debe nada): ``dependencia``, ``archivo`` (los formularios recibidos), ``estado`` (``sin respuesta``,
``rechazado``, ``con conflictos``, ``con cambios``, ``sin cambios``: el de su formulario del mes; uno de
otro mes, vigencia o plan solo cuenta si no llegó ninguno del mes), ``debidos``, ``reportados`` (los
debidos con algún valor en su formulario), ``faltantes`` (debidos − reportados), ``errores``,
``conflictos`` (celdas con un valor distinto del que ya tiene el libro), ``escritos`` (elementos que
van al libro: filas nuevas o completadas) y ``faltan`` (las claves de los faltantes).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..comun.archivos import escribir_atomico
from ..comun.numeros import magnitud
from ..comun.textos import normalizar
from ..libro.problemas import mostrar
from .reglas import describir

COLUMNAS_ESTADO = ["dependencia", "archivo", "estado", "debidos", "reportados", "faltantes", "errores", "conflictos", "escritos",
                   "faltan"]
SIN_RESPUESTA = "sin respuesta"
_NUMEROS = ["debidos", "reportados", "faltantes", "errores", "conflictos", "escritos"]



def _valor(v) -> str:
    """Un valor de un conflicto como lo lee la Oficina: números a la colombiana (67,9), textos tal cual."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return magnitud(v)
    return mostrar(v)

def tabla_estado(recogida) -> pd.DataFrame:
    """La tabla de estado (ver el docstring del módulo), ordenada por dependencia."""
    d = recogida.debidos
    grupos = {normalizar(dep): (dep, g) for dep, g in d.groupby("dependencia", sort=False)}
    recibidos: dict[str, list] = {}
    for r in recogida.recibidos:
        recibidos.setdefault(normalizar(r.dependencia or f"(formulario dañado: {r.formulario.nombre})"), []).append(r)
    filas = []
    for clave in grupos.keys() | recibidos.keys():
        dep, g = grupos.get(clave, (None, d.iloc[0:0]))
        todos = recibidos.get(clave, [])
        dep = dep or todos[0].dependencia or clave
        # los de este mes y plan deciden el estado; los de otro mes, vigencia o plan solo si no llegó ninguno de este
        propios = [r for r in todos if r.revision is not None] or todos
        reportados = set().union(*(r.revision.reportados() for r in propios if r.revision is not None))
        debidas = list(zip(g["tipo"].astype(str), g["clave"].astype(str), strict=True))
        faltan = [c for t, c in debidas if (t, c) not in reportados]
        estados = [r.estado for r in propios if r.estado != "copia"]
        estado = (SIN_RESPUESTA if not propios else "rechazado" if "rechazado" in estados
                  else estados[0] if estados else propios[0].estado)
        filas.append({"dependencia": dep, "archivo": ", ".join(r.formulario.nombre for r in todos), "estado": estado,
                      "debidos": len(debidas), "reportados": len(debidas) - len(faltan), "faltantes": len(faltan),
                      "errores": sum(r.problemas.errores for r in propios),
                      "conflictos": sum(len(r.conflictos) for r in propios), "escritos": sum(len(r.escritos) for r in propios),
                      "faltan": "; ".join(faltan)})
    tabla = pd.DataFrame(filas, columns=COLUMNAS_ESTADO)
    tabla = tabla.iloc[sorted(range(len(tabla)), key=lambda i: normalizar(tabla["dependencia"].iloc[i]))].reset_index(drop=True)
    return tabla.astype({c: "int64" for c in _NUMEROS})


def guardar_estado(recogida) -> Path:
    """``CARPETA/estado_recogida_P.csv`` (UTF-8 con BOM, para que Excel muestre las tildes)."""
    texto = tabla_estado(recogida).to_csv(index=False, lineterminator="\n")
    return escribir_atomico(recogida.carpeta / f"estado_recogida_{recogida.periodo}.csv", texto.encode("utf-8-sig"))


def _tabla_texto(tabla: pd.DataFrame) -> list[str]:
    columnas = ["dependencia", "estado", *_NUMEROS[:-1], "escritos"]
    datos = [[(str(v) if len(str(v)) <= 48 else str(v)[:47] + "…") for v in fila] for fila in tabla[columnas].itertuples(index=False)]
    anchos = [max(len(c), *(len(f[j]) for f in datos)) if datos else len(c) for j, c in enumerate(columnas)]
    lineas = ["  " + "  ".join(c.ljust(a) if j < 2 else c.rjust(a) for j, (c, a) in enumerate(zip(columnas, anchos, strict=True)))]
    for f in datos:
        lineas.append("  " + "  ".join(v.ljust(a) if j < 2 else v.rjust(a) for j, (v, a) in enumerate(zip(f, anchos, strict=True))))
    return lineas


def texto_recogida(recogida, *, aplicar: bool) -> str:
    """Lo que imprime ``pai recoger`` (ver el docstring del módulo y :mod:`.recogida`)."""
    tabla = tabla_estado(recogida)
    lineas = [f"Recogida de {recogida.periodo} en «{recogida.carpeta}» para el libro «{recogida.libro.name}»: "
              f"{(tabla['debidos'] > 0).sum()} dependencias deben reportar; {len(recogida.recibidos)} formularios recibidos."]
    if recogida.no_formularios:
        lineas += ["", f"Archivos que no son formularios ({len(recogida.no_formularios)}; se ignoran):"]
        lineas += [f"  {n.archivo.name}: {n.motivo}" for n in recogida.no_formularios]
    rechazados = [r for r in recogida.recibidos if r.rechazado]
    if rechazados:
        lineas += ["", f"Formularios rechazados ({len(rechazados)}; no se fusiona nada de ellos):"]
        for r in rechazados:
            reglas = ", ".join(r.problemas.reglas_de_error())
            lineas.append(f"  {r.formulario.nombre} ({r.dependencia or 'identidad ilegible'}): {reglas}")
    copias = [r for r in recogida.recibidos if r.estado == "copia"]
    lineas += [f"  {r.formulario.nombre}: copia con las mismas respuestas de otro formulario de «{r.dependencia}» (se usa una)"
               for r in copias]
    problemas = recogida.problemas
    if len(problemas):
        lineas += ["", f"Problemas ({len(problemas)}):", *("  " + x for x in describir(problemas).splitlines())]
    if recogida.conflictos:
        accion = "se reemplazan (--reemplazar)" if recogida.reemplazar else "el libro conserva el suyo; --reemplazar pone el del formulario"
        lineas += ["", f"Conflictos ({len(recogida.conflictos)}): el libro ya tiene otro valor para el mes; {accion}:"]
        for c in recogida.conflictos:
            lineas.append(f"  {c.archivo} («{c.dependencia}»): {c.tipo} {c.clave}, {c.columna}: en el libro «{_valor(c.en_libro)}» "
                          f"(fila {c.fila_libro}), en el formulario «{_valor(c.en_formulario)}»")
    lineas += ["", "Estado por dependencia:", *_tabla_texto(tabla)]
    sin = tabla.loc[tabla["estado"] == SIN_RESPUESTA, "dependencia"].tolist()
    if sin:
        lineas += ["", f"No devolvieron nada ({len(sin)}): " + "; ".join(sin) + "."]
    lineas += ["", _resultado(recogida, aplicar)]
    if recogida.estado_csv is not None:
        lineas.append(f"Estado por dependencia guardado en {recogida.estado_csv}.")
    return "\n".join(lineas)


def _resultado(recogida, aplicar: bool) -> str:
    escritos = [e for r in recogida.recibidos for e in r.escritos]
    nuevos = sum(e.fila_libro is None for e in escritos)
    detalle = f"{len(escritos)} elementos ({nuevos} filas nuevas, {len(escritos) - nuevos} completadas o corregidas)"
    if not escritos:
        return f"Nada que escribir: el libro «{recogida.libro.name}» queda como estaba."
    if not aplicar:
        return f"Simulación: no se escribió nada. Con --aplicar se escribirían {detalle} en el libro «{recogida.libro.name}»."
    copia = recogida.escritura.copia if recogida.escritura is not None else None
    return f"Libro «{recogida.libro.name}» escrito: {detalle}." + (f" Copia del anterior: {copia}." if copia else "")


__all__ = ["COLUMNAS_ESTADO", "SIN_RESPUESTA", "guardar_estado", "tabla_estado", "texto_recogida"]
