"""La revisión de un formulario recogido: su forma contra su identidad y sus valores con las reglas del libro.

:func:`revisar` reúne **todos** los problemas de un formulario (como la validación del libro) en una
:class:`~.reglas.ProblemasFormulario`:

* **la forma**: cada hoja de su identidad está y no sobra ninguna; los encabezados, claves y celdas de
  contexto (bloqueadas) tienen lo que se escribió; ninguna fila se agregó ni se borró. Las filas se
  emparejan por su clave: una fila movida de lugar no es un error; una fila cuya clave cambió sí;
* **los valores**, con las reglas del contrato (:func:`~pai_analisis.libro.celdas.tipar_columna`: tipo,
  cota, no negativo, Sí/No, fórmula sin valor) y las de cada seguimiento: programado y ejecutado juntos,
  resultado o numerador y denominador (mayor que 0), porcentajes de 0 a 100 que no bajan respecto del
  último corte del libro ni superan el siguiente si ya existe;
* **lo debido**: un elemento con valores que el libro ya no le asigna a la dependencia en P.

Una celda de entrada vacía no es un problema: el elemento queda «no reportado».
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from ..comun.faltantes import es_faltante
from ..comun.textos import limpiar, normalizar
from ..libro.celdas import tipar_columna
from ..libro.formulas import columna_letra
from ..libro.problemas import mostrar
from .columnas import CLAVES, ENTRADA, bloqueadas, columna_del_libro, nombres
from .contenido import anteriores_de_actividades
from .lectura import FormularioLeido, HojaLeida
from .reglas import ProblemasFormulario

_TOLERANCIA = 1e-9


@dataclass
class Referencia:
    """Lo que el libro dice del mes P: quién debe cada elemento y los cortes vecinos de cada actividad."""

    periodo: pd.Period
    debidos: dict[tuple[str, str], str]  # (tipo, clave) → dependencia
    anteriores: pd.DataFrame  # por actividad: programado, ejecutado y periodo del último corte antes de P
    siguientes: pd.DataFrame  # por actividad: los del primer corte después de P


def referencia(libro, periodo: pd.Period, debidos: pd.DataFrame) -> Referencia:
    sa = libro.seguimiento_actividades.assign(actividad=libro.seguimiento_actividades["actividad"].astype(str))
    anteriores = anteriores_de_actividades(sa, periodo).join(
        sa[sa["periodo"] < periodo].groupby("actividad")["periodo"].max())
    despues = sa[sa["periodo"] > periodo].sort_values("periodo", kind="stable")
    siguientes = despues.groupby("actividad", sort=False)[["programado", "ejecutado", "periodo"]].first()
    pares = {(str(t), str(c)): str(d) for t, c, d in zip(debidos["tipo"], debidos["clave"], debidos["dependencia"], strict=True)}
    return Referencia(periodo, pares, anteriores, siguientes)


@dataclass
class Revision:
    problemas: ProblemasFormulario
    respuestas: dict[str, pd.DataFrame]  # tipo → clave, fila y las entradas tipadas de cada fila con algún valor

    def reportados(self) -> set[tuple[str, str]]:
        return {(tipo, str(c)) for tipo, t in self.respuestas.items() for c in t["clave"]}


def iguales(a, b) -> bool:
    """¿Dos valores de celda son el mismo? Números con tolerancia relativa; textos sin espacios sobrantes; vacío = vacío."""
    if es_faltante(a) or (isinstance(a, str) and not a.strip()):
        return es_faltante(b) or (isinstance(b, str) and not b.strip())
    if es_faltante(b) or (isinstance(b, str) and not b.strip()):
        return False
    numeros = (int, float)
    if isinstance(a, numeros) and isinstance(b, numeros) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(float(a) - float(b)) <= _TOLERANCIA * max(1.0, abs(float(a)), abs(float(b)))
    return limpiar(mostrar(a)) == limpiar(mostrar(b))


def _firma(valor) -> object:
    """La forma de comparar una clave: vacío → ``None``; un número, redondeado; un texto, sin espacios sobrantes."""
    if es_faltante(valor) or (isinstance(valor, str) and not valor.strip()):
        return None
    if isinstance(valor, (int, float)) and not isinstance(valor, bool):
        return round(float(valor), 9)
    return limpiar(mostrar(valor))


def _forma(hoja: HojaLeida, tipo: str, identidad, p: ProblemasFormulario) -> list[tuple[object, int]]:
    """Revisa encabezados, claves, filas y celdas bloqueadas; devuelve (fila de la identidad, fila leída) emparejadas."""
    encabezados = identidad.encabezados[tipo]
    posicion = {nombre: j for j, nombre in enumerate(encabezados, start=1)}
    for j, nombre in enumerate(encabezados, start=1):
        if not iguales(hoja.fila(1).get(j), nombre):
            p.error("celda_bloqueada", tipo, 1, nombre, hoja.fila(1).get(j), f"el encabezado «{nombre}»: la celda está bloqueada")
    for fila, celdas in sorted(hoja.celdas.items()):
        for col in sorted(c for c in celdas if c > len(encabezados)):
            p.error("celda_bloqueada", tipo, fila, f"columna {columna_letra(col)}", celdas[col],
                    "una celda vacía: está fuera del formulario (escriba solo en las celdas amarillas)")
    claves = CLAVES[tipo]
    esperadas = identidad.filas_de(tipo)
    por_clave: dict[tuple, list[int]] = {}
    for i, e in enumerate(esperadas):
        por_clave.setdefault(tuple(_firma(e.bloqueadas[c]) for c in claves), []).append(i)
    libres = set(range(len(esperadas)))
    emparejadas, sueltas = [], []
    for fila in sorted(f for f in hoja.celdas if f >= 2):
        leida = [hoja.fila(fila).get(posicion[c]) for c in claves]
        candidatas = por_clave.get(tuple(_firma(v) for v in leida), [])
        if not candidatas:
            sueltas.append((fila, leida))
        else:
            i = candidatas.pop(0)
            libres.discard(i)
            emparejadas.append((esperadas[i], fila))
    lugar = {esperadas[i].fila: i for i in libres}
    for fila, leida in sueltas:
        mismo_lugar = lugar.pop(fila, None)
        texto = " / ".join(mostrar(v) for v in leida)
        if mismo_lugar is not None:
            libres.discard(mismo_lugar)
            p.error("clave_cambiada", tipo, fila, ", ".join(claves), texto,
                    f"la clave «{esperadas[mismo_lugar].clave}»: la celda está bloqueada (cada fila es un elemento del plan)")
        else:
            p.error("fila_agregada", tipo, fila, ", ".join(claves), texto,
                    "solo las filas que trae el formulario (no agregue filas: una por elemento)")
    for i in sorted(libres):
        e = esperadas[i]
        p.error("fila_borrada", tipo, e.fila, ", ".join(claves), e.clave, f"la fila del elemento «{e.clave}» (no está: ¿se borró?)")
    for e, fila in emparejadas:
        for c in bloqueadas(tipo):
            if c not in claves and not iguales(hoja.fila(fila).get(posicion[c]), e.bloqueadas.get(c)):
                p.error("celda_bloqueada", tipo, fila, c, hoja.fila(fila).get(posicion[c]),
                        f"«{mostrar(e.bloqueadas.get(c))}», lo que traía el formulario: la celda está bloqueada")
    return emparejadas


def _valores(tipo: str, hoja: HojaLeida, identidad, emparejadas, ref: Referencia, p: ProblemasFormulario) -> pd.DataFrame:
    """Las entradas de cada fila emparejada tipadas con las reglas del contrato, y las reglas de su seguimiento."""
    posicion = {nombre: j for j, nombre in enumerate(identidad.encabezados[tipo], start=1)}
    entradas = nombres(tipo, ENTRADA)
    crudas = pd.DataFrame({"clave": [e.clave for e, _ in emparejadas], "_fila": [f for _, f in emparejadas],
                           **{c: pd.Series([hoja.fila(f).get(posicion[c]) for _, f in emparejadas], dtype=object)
                              for c in entradas}})
    dado = {c: crudas[c].map(lambda v: not es_faltante(v) and not (isinstance(v, str) and not v.strip())) for c in entradas}
    t = pd.DataFrame({"clave": crudas["clave"], "fila": crudas["_fila"]})
    for c in entradas:
        col = dataclasses.replace(columna_del_libro(tipo, c), obligatoria=False)
        t[c] = tipar_columna(tipo, col, crudas[c], crudas["_fila"], p)
    con_valor = pd.concat([dado[c] for c in entradas], axis=1).any(axis=1) if len(t) else pd.Series(dtype=bool)
    for i in t.index[con_valor.to_numpy()] if len(t) else []:
        _reglas_de_fila(tipo, t.loc[i], {c: bool(dado[c][i]) for c in entradas}, identidad, ref, p)
    return t[con_valor.to_numpy()].reset_index(drop=True) if len(t) else t


def _reglas_de_fila(tipo: str, r: pd.Series, dado: dict[str, bool], identidad, ref: Referencia, p: ProblemasFormulario) -> None:
    fila, clave = int(r["fila"]), str(r["clave"])
    if tipo in ("metas", "actividades"):
        for c in ("programado", "ejecutado"):
            if not dado[c]:
                p.error("reporte_incompleto", tipo, fila, c, None, "un valor: programado y ejecutado se reportan juntos "
                        "(la fila trae otros valores; déjela toda vacía si no reporta)")
    elif tipo == "indicadores" and not dado["resultado"] and not (dado["numerador"] and dado["denominador"]):
        falta = "denominador" if dado["numerador"] else "numerador" if dado["denominador"] else "resultado"
        p.error("medicion_incompleta", tipo, fila, falta, None, "un resultado, o numerador y denominador (la fila trae otros valores)")
    elif tipo == "riesgos" and not dado["materializado"]:
        p.error("reporte_incompleto", tipo, fila, "materializado", None, "Sí o No (la fila trae observaciones)")
    if tipo == "indicadores" and r["denominador"] == 0:
        p.error("denominador_cero", tipo, fila, "denominador", 0, "un denominador mayor que 0")
    if tipo == "actividades":
        _porcentajes(r, fila, clave, ref, p)
    duena = ref.debidos.get((tipo, clave))
    if duena is None or normalizar(duena) != normalizar(identidad.dependencia):
        hoy = "no se debe en ese mes" if duena is None else f"lo reporta «{duena}»"
        p.error("no_debido", tipo, fila, ", ".join(CLAVES[tipo]), clave,
                f"un elemento que «{identidad.dependencia}» deba reportar en {ref.periodo} según el libro (hoy {hoy}); "
                "genere de nuevo el formulario")


def _porcentajes(r: pd.Series, fila: int, clave: str, ref: Referencia, p: ProblemasFormulario) -> None:
    for c in ("programado", "ejecutado"):
        v = r[c]
        if es_faltante(v):
            continue
        if v > 100 + _TOLERANCIA:
            p.error("porcentaje_fuera", "actividades", fila, c, v, "un porcentaje acumulado entre 0 y 100")
        if clave in ref.anteriores.index and v < ref.anteriores.loc[clave, c] - _TOLERANCIA:
            a = ref.anteriores.loc[clave]
            p.error("acumulado_baja", "actividades", fila, c, v,
                    f"un valor acumulado que no baje respecto del último corte del libro ({a['periodo']}: {mostrar(a[c])})")
        if clave in ref.siguientes.index and v > ref.siguientes.loc[clave, c] + _TOLERANCIA:
            s = ref.siguientes.loc[clave]
            p.error("acumulado_baja", "actividades", fila, c, v,
                    f"un valor acumulado que no supere el del corte siguiente, que ya está en el libro ({s['periodo']}: {mostrar(s[c])})")


def revisar(formulario: FormularioLeido, ref: Referencia) -> Revision:
    """Todos los problemas de un formulario de identidad válida y sus respuestas tipadas (ver el docstring del módulo)."""
    p = ProblemasFormulario()
    identidad = formulario.identidad
    respuestas: dict[str, pd.DataFrame] = {}
    for titulo in formulario.hojas:
        if titulo not in identidad.encabezados:
            p.error("hoja_del_formulario", titulo, None, None, None,
                    "solo las hojas del formulario: esta no es suya (bórrela; las respuestas van en las hojas que trae)")
    for tipo in identidad.encabezados:
        hoja = formulario.hojas.get(tipo)
        if hoja is None:
            p.error("hoja_del_formulario", tipo, None, None, None, f"la hoja «{tipo}» del formulario (no está: ¿se borró o se "
                    "le cambió el nombre?)")
            continue
        emparejadas = _forma(hoja, tipo, identidad, p)
        respuestas[tipo] = _valores(tipo, hoja, identidad, emparejadas, ref, p)
    return Revision(p, respuestas)


__all__ = ["Referencia", "Revision", "iguales", "referencia", "revisar"]
