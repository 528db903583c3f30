"""Las respuestas válidas frente al libro: qué se agrega, qué se completa, qué choca, y las celdas que se escriben.

:func:`frente_al_libro` compara cada respuesta (elemento, P) con lo que el libro ya tiene en su hoja de
seguimiento, celda por celda: una entrada vacía no cuenta; donde el libro no tiene valor, se completa;
un valor igual (números con tolerancia relativa de 10⁻⁹, textos sin espacios sobrantes, Sí/No) no es
nada que hacer; uno distinto es un :class:`Conflicto`. Un elemento con algún conflicto no se toca en
absoluto (ni sus celdas vacías) salvo con ``reemplazar``: así el libro nunca queda con una mezcla de las
dos versiones.

:func:`ediciones` convierte lo que se escribe en las :class:`~pai_analisis.libro.escritor.Edicion` del
escritor: una fila por elemento y mes (la que existe, o una nueva debajo de la última usada, con los
estilos de esa última), y el encabezado de una columna opcional que la hoja no tenga (``observaciones``,
``resultado``…) en la primera columna libre.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..comun.faltantes import es_faltante
from ..libro.escritor import Edicion
from .columnas import CLAVES, ENTRADA, HOJA_SEGUIMIENTO, nombres
from .revision import iguales


@dataclass
class Conflicto:
    archivo: str
    dependencia: str
    tipo: str
    clave: str
    columna: str
    en_libro: object
    en_formulario: object
    fila_libro: int
    reemplazado: bool


@dataclass
class Escrito:
    """Un elemento que va al libro: su fila (``None`` = nueva) y sus valores (solo las celdas que cambian)."""

    tipo: str
    clave: str
    fila_libro: int | None
    valores: dict[str, object]


def _clave_libro(tipo: str, tabla: pd.DataFrame) -> list[str]:
    if tipo == "metas":
        return [f"{p}-{m}" for p, m in zip(tabla["proyecto"].tolist(), tabla["meta"].tolist(), strict=True)]
    return tabla[CLAVES[tipo][0]].astype(str).tolist()


def _del_libro(valor, columna: str):
    if es_faltante(valor):
        return None
    if columna == "materializado":
        return "Sí" if bool(valor) else "No"
    return valor


def frente_al_libro(respuestas: dict[str, pd.DataFrame], libro, p: pd.Period, *, archivo: str, dependencia: str,
                    reemplazar: bool) -> tuple[list[Conflicto], list[Escrito]]:
    """Los conflictos y lo que se escribe de las respuestas de un formulario válido (ver el docstring del módulo)."""
    conflictos, escritos = [], []
    for tipo, resp in respuestas.items():
        seg = getattr(libro, HOJA_SEGUIMIENTO[tipo])
        mes = seg[seg["periodo"] == p]
        existentes = dict(zip(_clave_libro(tipo, mes), mes.to_dict("records"), strict=True))
        for r in resp.to_dict("records"):
            actual = existentes.get(str(r["clave"]))
            fila = None if actual is None else int(actual["fila_excel"])
            nuevos, choques = {}, []
            for c in nombres(tipo, ENTRADA):
                valor = r[c]
                if es_faltante(valor):
                    continue
                antes = None if actual is None else _del_libro(actual.get(c), c)
                if antes is None:
                    nuevos[c] = valor
                elif not iguales(valor, antes):
                    choques.append(Conflicto(archivo, dependencia, tipo, str(r["clave"]), c, antes, valor, fila, reemplazar))
                    nuevos[c] = valor
            conflictos += choques
            if nuevos and (reemplazar or not choques):
                escritos.append(Escrito(tipo, str(r["clave"]), fila, nuevos))
    return conflictos, escritos


def _celda(valor):
    if isinstance(valor, float) and valor.is_integer():
        return int(valor)
    return valor.item() if hasattr(valor, "item") else valor


def _claves_nuevas(tipo: str, clave: str) -> dict[str, object]:
    if tipo == "metas":
        proyecto, meta = clave.rsplit("-", 1)
        return {"proyecto": int(proyecto), "meta": int(meta)}
    return {CLAVES[tipo][0]: clave}


def ediciones(recogida, foto) -> dict[str, Edicion]:
    """Las ediciones por hoja de lo que escriben los formularios aceptados de ``recogida``."""
    por_hoja: dict[str, list[Escrito]] = {}
    for r in recogida.recibidos:
        for e in r.escritos:
            por_hoja.setdefault(HOJA_SEGUIMIENTO[e.tipo], []).append(e)
    salida = {}
    for nombre, escritos in por_hoja.items():
        hoja = foto.hoja(nombre)
        columnas = dict(hoja.columnas)
        edicion = Edicion()
        libre = max(hoja.valores.get(1, {}), default=0) + 1
        ultima = hoja.ultima
        siguiente = ultima
        for e in escritos:
            fila = e.fila_libro
            valores = dict(e.valores)
            if fila is None:
                siguiente += 1
                fila = siguiente
                if ultima >= 2:
                    edicion.modelos[fila] = ultima
                valores = {**_claves_nuevas(e.tipo, e.clave), "periodo": str(recogida.periodo), **valores}
            for columna, valor in valores.items():
                if columna not in columnas:
                    columnas[columna] = libre
                    edicion.celdas[1, libre] = columna
                    libre += 1
                edicion.celdas[fila, columnas[columna]] = _celda(valor)
        salida[hoja.titulo] = edicion
    return salida


__all__ = ["Conflicto", "Escrito", "ediciones", "frente_al_libro"]
