"""``pai recoger``: los formularios que volvieron, revisados, decididos y llevados al libro por su único escritor.

:func:`recoger_formularios` lee la carpeta (:mod:`.lectura`) y, dentro de la planeación del escritor de
la sección 9 (:func:`~pai_analisis.libro.escritor.escribir_libro`: con ``aplicar``, con el candado
tomado y sobre el libro tal como está en ese momento), decide cada formulario:

1. **su identidad**: dañada, de otra vigencia, de otro mes o de otro plan → rechazado, diciendo cuál;
2. **dos formularios de la misma dependencia y mes**: si sus respuestas son las mismas (el mismo
   archivo enviado dos veces) se usa uno y el otro se lista como copia; si difieren, se rechazan ambos
   nombrando los archivos;
3. **su revisión** (:mod:`.revision`): con cualquier error se rechaza entero;
4. **frente al libro** (:mod:`.fusion`): una celda vacía no es reporte; un valor igual al del libro no
   es nada que hacer; uno distinto es un **conflicto** que deja el elemento como está, salvo con
   ``reemplazar``.

Lo que queda se escribe en ``seguimiento_*`` (una fila por elemento y mes, agregada o completada). El
estado por dependencia (:mod:`.estado`) se imprime y se guarda en ``CARPETA/estado_recogida_P.csv``
antes de reemplazar el libro (nada que pueda fallar corre después del reemplazo).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..comun.periodos import a_periodo
from ..comun.textos import normalizar
from ..errores import ErrorLibroAbierto, ErrorPeriodo
from ..libro.escritor import Escritura, Plan, escribir_libro
from ..metricas.dependencias import debidos
from ..metricas.periodo import resolver_periodo
from .fusion import Conflicto, ediciones, frente_al_libro
from .identidad import huellas_del_plan
from .lectura import FormularioLeido, NoFormulario, leer_carpeta
from .reglas import ProblemasFormulario
from .revision import Revision, referencia, revisar

RECHAZADO, COPIA = "rechazado", "copia"


@dataclass
class Recibido:
    """Un formulario recibido y lo que se decidió de él."""

    formulario: FormularioLeido
    estado: str = ""  # rechazado | copia | sin cambios | con cambios | con conflictos
    problemas: ProblemasFormulario = field(default_factory=ProblemasFormulario)
    revision: Revision | None = None
    conflictos: list[Conflicto] = field(default_factory=list)
    escritos: list = field(default_factory=list)  # fusion.Escrito: lo que va al libro

    @property
    def dependencia(self) -> str | None:
        i = self.formulario.identidad
        return None if i is None else i.dependencia

    @property
    def rechazado(self) -> bool:
        return self.estado == RECHAZADO


@dataclass
class Recogida:
    """El resultado de :func:`recoger_formularios`."""

    carpeta: Path
    libro: Path
    periodo: pd.Period
    reemplazar: bool
    debidos: pd.DataFrame
    recibidos: list[Recibido]
    no_formularios: list[NoFormulario]
    escritura: Escritura | None = None
    estado_csv: Path | None = None
    texto: str = ""

    @property
    def problemas(self) -> pd.DataFrame:
        from .reglas import vacia

        tablas = [r.problemas.de_archivo(r.formulario.nombre) for r in self.recibidos if not r.problemas.vacia]
        return pd.concat(tablas, ignore_index=True) if tablas else vacia()

    @property
    def conflictos(self) -> list[Conflicto]:
        return [c for r in self.recibidos for c in r.conflictos]

    @property
    def aplicada(self) -> bool:
        return self.escritura is not None and self.escritura.aplicada

    @property
    def codigo_salida(self) -> int:
        """0 si cada formulario devuelto se fusionó (o no había nada que hacer); 1 con rechazos o conflictos sin resolver."""
        pendientes = any(not c.reemplazado for c in self.conflictos)
        return 1 if pendientes or any(r.rechazado for r in self.recibidos) else 0


def _identidad(r: Recibido, vigencia: int, p: pd.Period, huellas: dict[str, str]) -> None:
    """Rechaza ``r`` si su identidad está dañada o es de otra vigencia, otro mes u otro plan."""
    f, i = r.formulario, r.formulario.identidad
    if i is None:
        r.problemas.error("identidad_danada", None, None, None, None, f"un formulario íntegro: {f.danado}")
    elif i.vigencia != vigencia:
        r.problemas.error("otra_vigencia", None, None, "vigencia", i.vigencia,
                          f"un formulario de la vigencia {vigencia}, la del libro (este es de {i.periodo})")
    elif i.periodo != str(p):
        r.problemas.error("otro_periodo", None, None, "periodo", i.periodo, f"un formulario de {p}, el mes que se recoge")
    else:
        propia = next((h for d, h in huellas.items() if normalizar(d) == normalizar(i.dependencia)), None)
        if propia != i.huella_plan:
            hoy = ("la dependencia no tiene elementos en el plan del libro" if propia is None
                   else f"el plan de la dependencia en el libro tiene la huella {propia}")
            r.problemas.error("otro_plan", None, None, "huella del plan", i.huella_plan,
                              f"un formulario hecho con el plan del libro ({hoy}): se hizo con otro libro o el plan de "
                              f"«{i.dependencia}» cambió desde entonces; genere de nuevo su formulario con `pai formularios`")
    if r.problemas.hay_errores:
        r.estado = RECHAZADO


def _repetidos(recibidos: list[Recibido]) -> None:
    """Dos o más formularios válidos de la misma dependencia: copias (mismas respuestas) o todos rechazados."""
    grupos: dict[str, list[Recibido]] = {}
    for r in recibidos:
        if not r.rechazado:
            grupos.setdefault(normalizar(r.dependencia), []).append(r)
    for grupo in grupos.values():
        if len(grupo) < 2:
            continue
        huellas = {_respuestas(r) for r in grupo}
        if len(huellas) == 1 and not any(r.problemas.errores for r in grupo):
            for r in grupo[1:]:
                r.estado = COPIA
            continue
        nombres = ", ".join(f"«{r.formulario.nombre}»" for r in grupo)
        for r in grupo:
            r.problemas.error("formulario_repetido", None, None, "dependencia", r.dependencia,
                              f"un solo formulario de «{r.dependencia}» para el mes: llegaron {len(grupo)} distintos ({nombres}); "
                              "deje en la carpeta solo el que vale")
            r.estado = RECHAZADO


def _respuestas(r: Recibido) -> str:
    partes = [t.drop(columns="fila").to_csv(index=False) for _, t in sorted(r.revision.respuestas.items())]
    return hashlib.sha256("\n".join(partes).encode("utf-8")).hexdigest()


def decidir(leidos, libro, periodo, *, carpeta: Path, ruta_libro: Path, reemplazar: bool) -> Recogida:
    """Decide cada archivo leído frente a ``libro`` (un :class:`~pai_analisis.libro.carga.Libro`); no escribe nada."""
    p = resolver_periodo(periodo, libro.vigencia)
    d = debidos(libro, p)
    ref, huellas = referencia(libro, p, d), huellas_del_plan(libro)
    recibidos = [Recibido(f) for f in leidos if isinstance(f, FormularioLeido)]
    for r in recibidos:
        _identidad(r, libro.vigencia, p, huellas)
        if not r.rechazado:
            r.revision = revisar(r.formulario, ref)
            r.problemas.sumar(r.revision.problemas)
    _repetidos(recibidos)
    for r in recibidos:
        if r.estado in (RECHAZADO, COPIA):
            continue
        if r.problemas.hay_errores:
            r.estado = RECHAZADO
            continue
        r.conflictos, r.escritos = frente_al_libro(r.revision.respuestas, libro, p, archivo=r.formulario.nombre,
                                                   dependencia=r.dependencia, reemplazar=reemplazar)
        pendientes = any(not c.reemplazado for c in r.conflictos)
        r.estado = "con conflictos" if pendientes else "con cambios" if r.escritos else "sin cambios"
    return Recogida(Path(carpeta), Path(ruta_libro), p, reemplazar, d, recibidos,
                    [f for f in leidos if isinstance(f, NoFormulario)])


def recoger_formularios(carpeta: str | Path, *, periodo, libro: str | Path, aplicar: bool = False, reemplazar: bool = False,
                        reemplazar_formulas: bool = False, espera: float = 10.0) -> Recogida:
    """Recoge los formularios de ``carpeta`` para ``periodo`` en el libro ``libro``; sin ``aplicar`` no escribe el libro.

    Escribe ``carpeta/estado_recogida_P.csv`` (el estado por dependencia) también sin ``aplicar``, salvo que el
    escritor se niegue antes (libro inválido, abierto o con fórmulas). ``reemplazar``: un valor
    distinto del que ya tiene el libro lo reemplaza (sin esto es un conflicto y el elemento no se toca).
    ``reemplazar_formulas`` y ``espera``: los del escritor (sección 9). Lanza los errores del escritor
    (libro inválido, abierto, con fórmulas en las celdas a escribir); un formulario malo no es una excepción:
    queda en :attr:`Recogida.recibidos` como rechazado (``codigo_salida`` 1).
    """
    from ..libro.carga import cargar_libro
    from .estado import guardar_estado, texto_recogida

    carpeta, ruta = Path(carpeta), Path(libro)
    p = a_periodo(periodo)
    if p is None:
        raise ErrorPeriodo(f"--periodo «{periodo}» no es un periodo: se esperaba AAAA-MM (p. ej. 2024-07).")
    leidos = leer_carpeta(carpeta, excluir=(ruta,))

    def planear(foto) -> Plan:
        datos = cargar_libro(foto.ruta)
        if datos.sha256 != hashlib.sha256(foto.original).hexdigest():
            raise ErrorLibroAbierto(f"El libro «{ruta.name}» cambió mientras se leía (¿lo guardó otro programa?). "
                                    "No se escribió nada; vuelva a intentarlo.")
        recogida = decidir(leidos, datos, p, carpeta=carpeta, ruta_libro=ruta, reemplazar=reemplazar)
        return Plan(ediciones(recogida, foto), datos=recogida)

    def resumir(escritura: Escritura) -> str:
        recogida: Recogida = escritura.plan.datos
        recogida.escritura = escritura
        recogida.estado_csv = guardar_estado(recogida)
        return texto_recogida(recogida, aplicar=aplicar)

    escritura = escribir_libro(ruta, planear, accion=f"recoger_{p}", aplicar=aplicar, que=f"Recoger los formularios de {p}",
                               reemplazar_formulas=reemplazar_formulas, espera=espera, resumir=resumir)
    recogida = escritura.plan.datos
    recogida.escritura, recogida.texto = escritura, escritura.texto
    return recogida


__all__ = ["Recibido", "Recogida", "decidir", "recoger_formularios"]
