"""El archivo de informes: ``DIR/index.html`` con todos los periodos publicados, el más reciente primero.

Cada periodo con su índice PAI, sus tres componentes y una miniatura del índice de enero a ese
mes; con dos periodos o más, la tendencia general. Se dibuja sin matplotlib (SVG a mano) para que
reconstruirlo en cada corrida, aun cuando todo se omite, sea barato.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from ..comun.archivos import escribir_atomico
from ..comun.faltantes import FALTANTE
from ..comun.numeros import pct
from ..metricas.parametros import NOMBRES_COMPONENTES

_PERIODO = re.compile(r"^\d{4}-\d{2}$")


def _tendencia_svg(puntos: list[tuple[str, float]], ancho: int = 560, alto: int = 140, etiquetas: bool = True) -> str:
    """Línea del índice PAI como SVG dentro de un ``<img>`` con texto alternativo ("" si hay < 2 puntos).

    Se dibuja a mano (sin matplotlib) para que reconstruir el archivo no cargue librerías de
    gráficos: el archivo se reescribe en cada corrida, incluso cuando todo se omite.
    """
    from ..informes.piezas import escapar

    puntos = [(p, v) for p, v in puntos if v is not None]
    if len(puntos) < 2:
        return ""
    margen = 28 if etiquetas else 4
    paso = (ancho - 2 * margen) / (len(puntos) - 1)
    valores = [v for _, v in puntos]
    if etiquetas:  # eje de «piso» a 100, con los umbrales del semáforo a la vista
        piso, techo = min(60.0, (min(valores) - 5) // 10 * 10), 100.0
    else:  # miniatura: el eje se ajusta a sus datos para que se vea la forma
        piso, techo = min(valores) - 2, max(valores) + 2

    def y(v: float) -> float:
        return alto - margen - (min(max(v, piso), techo) - piso) / (techo - piso) * (alto - 2 * margen)

    coords = [(margen + i * paso, y(v)) for i, (_, v) in enumerate(puntos)]
    linea = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
    marcas = "".join(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{3 if etiquetas else 1.5}" fill="#1f3a5f"/>' for cx, cy in coords)
    textos = "".join(
        f'<text x="{cx:.1f}" y="{alto - 8}" font-size="10" text-anchor="middle" fill="#333">{p[2:]}</text>'
        for (cx, _), (p, _) in zip(coords, puntos)
    ) if etiquetas else ""
    guias = ""
    if etiquetas:
        guias = "".join(f'<line x1="{margen}" x2="{ancho - margen}" y1="{y(u):.1f}" y2="{y(u):.1f}" stroke="#999" '
                        f'stroke-dasharray="3,3"/>' for u in (70, 90))
        guias += "".join(f'<text x="2" y="{y(u) + 3:.1f}" font-size="10" fill="#555">{u} %</text>' for u in (70, 90))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{ancho}" height="{alto}" viewBox="0 0 {ancho} {alto}">'
           f'<rect width="100%" height="100%" fill="#fff"/>{guias}<polyline points="{linea}" fill="none" stroke="#1f3a5f" '
           f'stroke-width="{2 if etiquetas else 1.5}"/>{marcas}{textos}</svg>')
    (p0, v0), (p1, v1) = puntos[0], puntos[-1]
    alt = (f"Índice PAI de {pct(v0)} en {p0} a {pct(v1)} en {p1}"
           + ("; líneas punteadas en 70 % y 90 % (umbrales del semáforo)." if etiquetas else "."))
    datos = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="pai-tendencia" src="data:image/svg+xml;base64,{datos}" alt="{escapar(alt)}" width="{ancho}" height="{alto}">'


def leer_publicados(salida: Path) -> list[dict]:
    """El ``portada.json`` de cada periodo publicado en ``salida`` (más su versión de ``huella.json``), en orden."""
    filas = []
    for carpeta in sorted(p for p in salida.iterdir() if p.is_dir() and _PERIODO.match(p.name)) if salida.is_dir() else []:
        try:
            f = json.loads((carpeta / "portada.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        try:
            h = json.loads((carpeta / "huella.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            h = {}
        f.setdefault("vigencia", int(carpeta.name[:4]))
        f["version"] = h.get("version", f.get("version", 1))
        f["revisado"] = h.get("revisado") or f.get("revisado") or f.get("generado")
        filas.append(f)
    return filas


_ESTADO = {"preliminar": "Preliminar", "completo": "Completo"}


def _tabla_vigencia(filas: list[dict], vigencia: int, demo: bool):
    from ..comun.periodos import periodo_en_palabras
    from ..informes.lecturas.revision import cuando
    from ..informes.piezas import Pieza, escapar, semaforo_html

    def celda(valor, semaforo):
        return f'<td class="num">{escapar(pct(valor))}<br>{semaforo_html(semaforo)}</td>'

    def mini(f) -> str:
        serie = [(s["periodo"], s["indice_pai"]) for s in f.get("serie", [])]
        return _tendencia_svg(serie, ancho=130, alto=34, etiquetas=False) or FALTANTE

    cuerpo = "".join(
        f'<tr><td><a href="{escapar(f["periodo"])}/index.html">{escapar(periodo_en_palabras(f["periodo"]).capitalize())}</a></td>'
        f'<td>{escapar(_ESTADO.get(f.get("estado_periodo"), FALTANTE))}</td>'
        f'<td>Versión {int(f.get("version") or 1)}<br><span class="pai-nota">{escapar(cuando(f.get("revisado")))}</span></td>'
        + celda(f.get("indice_pai"), f.get("semaforo"))
        + "".join(celda(f["componentes"].get(k, {}).get("valor"), f["componentes"].get(k, {}).get("semaforo")) for k in NOMBRES_COMPONENTES)
        + f"<td>{mini(f)}</td></tr>"
        for f in reversed(filas)
    )
    titulos = ("Periodo", "Estado", "Versión", "Índice PAI", *NOMBRES_COMPONENTES.values(), "Índice de enero al mes")
    encabezados = "".join(f'<th scope="col">{escapar(n)}</th>' for n in titulos)
    ident = f"vigencia-{vigencia}" + ("-demostracion" if demo else "")
    titulo = f"Vigencia {vigencia}" + (" — datos de demostración" if demo else "")
    partes = [f'<h2 id="{ident}">{escapar(titulo)}</h2>']
    if demo:
        partes.append('<p class="pai-nota">Estos periodos se publicaron con datos de demostración (cifras simuladas): '
                      "no son cifras de la entidad y se listan aparte de los reales.</p>")
    tendencia = _tendencia_svg([(f["periodo"], f.get("indice_pai")) for f in filas])  # una línea por vigencia, nunca entre dos años
    if tendencia:
        partes.append(f'<figure class="pai-figura">{tendencia}<figcaption>Índice PAI de {escapar(titulo.lower())}, '
                      "mes a mes.</figcaption></figure>")
    partes.append(f'<div class="pai-tabla-marco"><table class="pai-tabla"><thead><tr>{encabezados}</tr></thead>'
                  f"<tbody>{cuerpo}</tbody></table></div>")
    return Pieza("".join(partes))


def escribir_archivo(salida: Path, parametros=None) -> Path:
    """(Re)escribe ``salida/index.html``: los periodos publicados por vigencia (la más reciente primero) y,
    aparte, los de datos de demostración. Cada vigencia con su propia línea de tendencia."""
    from ..informes.paginas import pagina_html
    from ..informes.piezas import Pieza

    filas = leer_publicados(salida)
    grupos: dict[tuple[bool, int], list[dict]] = {}
    for f in filas:
        grupos.setdefault((bool(f.get("demostracion")), int(f["vigencia"])), []).append(f)
    orden = sorted(grupos, key=lambda g: (g[0], -g[1]))  # reales primero; la vigencia más reciente arriba
    indice = "".join(f'<li><a href="#vigencia-{v}{"-demostracion" if d else ""}">Vigencia {v}{" (demostración)" if d else ""}</a></li>'
                     for d, v in orden)
    cuerpo = Pieza(f'<nav class="pai-indice" aria-label="Vigencias"><span class="pai-indice-titulo">Vigencias:</span><ol>{indice}</ol></nav>'
                   + "".join(_tabla_vigencia(grupos[g], g[1], g[0]) for g in orden)) if filas else Pieza("<p>Aún no hay periodos publicados.</p>")
    solo_demo = bool(filas) and all(f.get("demostracion") for f in filas)
    return escribir_atomico(salida / "index.html", pagina_html("Archivo de informes del PAI", cuerpo, None, demostracion=solo_demo,
                                                                parametros=parametros))
