"""La portada de un periodo (``DIR/P/index.html``), ``metricas.json``, ``portada.json`` y los datos abiertos (``datos/``)."""

from __future__ import annotations

import json
from pathlib import Path

from ..comun.archivos import escribir_atomico
from ..comun.reloj import sello
from ..informes.navegacion import titulo_de
from .datos import CARPETA as DATOS
from .datos import DESCRIPTOR, TABLAS_ABIERTAS, escribir_datos


def preparar_portada(carpeta: Path, ctx, cuadernos: list[Path], anterior=None, previas: list | None = None,
                     motivo: str | None = None) -> None:
    """Escribe en ``carpeta`` la portada del periodo, ``metricas.json``, ``portada.json`` y ``datos/`` (:mod:`.datos`).

    ``anterior``: la versión publicada del periodo (:func:`.versiones.anterior`), si la hay: la
    portada dice qué versión es la nueva y qué cifras cambiaron; ``previas``: las versiones
    guardadas antes (:func:`.versiones.listar`); ``motivo``: por qué se vuelve a publicar. No depende de los cuadernos: ``pai informes``
    la arma mientras los kernels trabajan.
    """
    from ..metricas.revision import cambio_de_estado, comparar

    m = ctx.metricas
    datos = m.a_dict()
    version, revisado = (anterior.version + 1 if anterior else 1), sello()
    cambios = comparar(anterior.metricas, datos) if anterior else None
    estado = cambio_de_estado(anterior.metricas, datos) if anterior else None
    escribir_atomico(carpeta / "metricas.json", json.dumps(datos, ensure_ascii=False, indent=2))
    escribir_datos(carpeta, m)
    portada = {
        "periodo": str(m.periodo),
        "indice_pai": m.indice_pai,
        "semaforo": m.semaforo_indice,
        "componentes": {k: {"valor": v, "semaforo": m.parametros.semaforo([v]).iloc[0]} for k, v in m.componentes.items()},
        "demostracion": ctx.libro.demostracion,
        "vigencia": ctx.libro.vigencia,
        "estado_periodo": m.estado_periodo,
        "cobertura": (m.cobertura or {}).get("cobertura"),
        "version": version,
        "revisado": revisado,
        "serie": [{"periodo": r.periodo, "indice_pai": None if r.indice_pai != r.indice_pai else r.indice_pai}
                  for r in ctx.serie.itertuples()],
        "generado": sello(),
    }
    escribir_atomico(carpeta / "portada.json", json.dumps(portada, ensure_ascii=False, indent=2))
    from ..informes.lecturas.revision import seccion_revision

    revision = seccion_revision(version, revisado, anterior, cambios, estado, previas or [], motivo)
    escribir_atomico(carpeta / "index.html", _portada_html(ctx, cuadernos, revision))


def _portada_html(ctx, cuadernos: list[Path], revision=None) -> str:
    # MARCA_PDF: donde :mod:`.impresion` pone el enlace al PDF del comité si este se pudo hacer
    """Portada del periodo: la frase del mes, las cifras grandes (las mismas del resumen), qué dependencias no han
    reportado (sección 10) y los informes."""
    from ..informes.lecturas.dependencias import resumen_pendientes
    from ..informes.lecturas.resumen import frase_resultado, tarjetas_indice
    from ..informes.paginas import pagina_html
    from ..informes.piezas import Pieza, escapar
    from .impresion import MARCA_PDF

    enlaces = "".join(
        f'<li><a href="{escapar(c.stem)}.html">{escapar(titulo_de(c)[0])}</a> — {escapar(titulo_de(c)[1])}</li>'
        for c in cuadernos
    )
    cuerpo = Pieza(f'<p class="pai-lectura">{escapar(frase_resultado(ctx))}</p>{tarjetas_indice(ctx)}'
              f'<h2 id="dependencias">Reportes de las dependencias</h2>{resumen_pendientes(ctx)}'
              f'<h2 id="informes">Informes del periodo</h2><ul class="pai-enlaces">{enlaces}</ul>{MARCA_PDF}'
              f'<h2 id="version">Versión de este informe</h2>{escapar(revision or Pieza())}'
              f'<p class="pai-nota">Para analistas: los cuadernos ejecutados están en <a href="cuadernos/">cuadernos/</a> '
              f'y todas las métricas en <a href="metricas.json">metricas.json</a>.</p>{_datos_abiertos(ctx)}')
    return pagina_html(f"Seguimiento PAI — {ctx.periodo_texto}", cuerpo, ctx)


def _datos_abiertos(ctx):
    """El párrafo que enlaza los datos abiertos del periodo (``datos/``)."""
    from ..informes.piezas import Pieza

    csv = ", ".join(f'<a href="{DATOS}/{n}.csv">{n}</a>' for n in TABLAS_ABIERTAS)
    demo = " Son datos de demostración, y el paquete lo dice." if ctx.libro.demostracion else ""
    return Pieza(f'<p class="pai-nota" id="datos-abiertos">Datos abiertos: las tablas de este periodo en CSV (UTF-8, coma, '
            f'punto decimal, meses AAAA-MM): {csv}; cada columna con su tipo, unidad y descripción en '
            f'<a href="{DATOS}/{DESCRIPTOR}">{DESCRIPTOR}</a> (Frictionless Data Package, licencia CC BY-SA 4.0).{demo}</p>')
