"""Publicación de un periodo y archivo de informes: huellas, portadas e índice general.

* **Huella** de un periodo: SHA-256 de lo que determina sus informes (periodo, contenido
  del libro o «demostración», archivo de parámetros, cuadernos y contenido del paquete).
  Si la huella publicada coincide, ``pai informes`` omite el periodo.
* **Publicación atómica**: el periodo se arma completo en una carpeta temporal del mismo
  disco y luego se intercambia con ``DIR/P`` (dos renombres); lo publicado antes solo se
  borra cuando lo nuevo ya está en su lugar.
* **Archivo**: ``DIR/index.html`` lista todos los periodos publicados, del más reciente
  al más antiguo, con su índice PAI, sus tres componentes y una gráfica de tendencia.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import os
import re
import shutil
import uuid
from pathlib import Path

from . import __version__
from .parametros import NOMBRES_COMPONENTES

TITULOS = {
    "resumen": ("Resumen ejecutivo", "Índice PAI, componentes, alertas principales y proyección a diciembre."),
    "objetivos": ("Objetivos estratégicos", "Cada objetivo con las metas, indicadores y actividades que lo sostienen."),
    "proyectos_presupuesto": ("Proyectos de inversión y presupuesto", "Metas por proyecto, avance físico frente a financiero y curva de compromisos y giros."),
    "indicadores": ("Indicadores de gestión", "Cumplimiento por proceso, mes a mes; indicadores sin reporte y críticos."),
    "plan_integrado": ("Plan de acción integrado", "Actividades del Decreto 612 de 2018 por plan y dependencia; rezagos."),
    "riesgos": ("Riesgos de gestión y corrupción", "Mapas de calor DAFP inherente y residual, riesgos materializados y en zona alta."),
}
_PERIODO = re.compile(r"^\d{4}-\d{2}$")


def titulo_de(cuaderno: Path) -> tuple[str, str]:
    """(título, descripción) de un cuaderno ``NN_area.ipynb``."""
    area = re.sub(r"^\d+_", "", cuaderno.stem)
    return TITULOS.get(area, (area.replace("_", " ").capitalize(), ""))


def _sha(datos: bytes) -> str:
    return hashlib.sha256(datos).hexdigest()


def _contenido_paquete() -> str:
    raiz = Path(__file__).parent
    h = hashlib.sha256()
    for f in sorted(raiz.rglob("*")):
        if f.is_file() and f.suffix in {".py", ".csv", ".j2", ".css", ".json", ".tpl"} and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(raiz)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def huella(periodo: str, datos: Path | None, parametros: Path | None, cuadernos: list[Path]) -> str:
    """SHA-256 de todo lo que determina los informes de ``periodo``."""
    from .parametros import buscar_base

    ruta_par = parametros or buscar_base()
    partes = {
        "periodo": periodo,
        "datos": _sha(Path(datos).read_bytes()) if datos and Path(datos).is_file() else f"demostracion:{datos}",
        "parametros": _sha(Path(ruta_par).read_bytes()) if ruta_par and Path(ruta_par).is_file() else f"defecto:{ruta_par}",
        "cuadernos": {c.name: _sha(c.read_bytes()) for c in cuadernos},
        "paquete": [__version__, _contenido_paquete()],
    }
    return _sha(json.dumps(partes, sort_keys=True).encode())


def huella_publicada(carpeta: Path) -> str | None:
    try:
        if (carpeta / "index.html").is_file():
            return json.loads((carpeta / "huella.json").read_text(encoding="utf-8"))["huella"]
    except (OSError, ValueError, KeyError):
        return None
    return None


def _escribir_atomico(ruta: Path, texto: str) -> None:
    tmp = ruta.with_name(f".{ruta.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(texto, encoding="utf-8")
    os.replace(tmp, ruta)


def _ahora() -> str:
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=-5))).strftime("%Y-%m-%d %H:%M")


def exportar_cuaderno(carpeta: Path, cuaderno: Path) -> Path:
    """Convierte el cuaderno ejecutado ``carpeta/cuadernos/X.ipynb`` en ``carpeta/X.html``."""
    import nbformat

    from .paginas import a_html

    nb = nbformat.read(carpeta / "cuadernos" / cuaderno.name, as_version=4)
    destino = carpeta / f"{cuaderno.stem}.html"
    destino.write_text(a_html(nb, titulo_de(cuaderno)[0]), encoding="utf-8")
    return destino


def preparar_portada(carpeta: Path, ctx, cuadernos: list[Path]) -> None:
    """Escribe en ``carpeta`` la portada del periodo, ``metricas.json`` y ``portada.json``.

    No depende de los cuadernos: ``pai informes`` la arma mientras los kernels trabajan.
    """
    m = ctx.metricas
    (carpeta / "metricas.json").write_text(m.a_json(), encoding="utf-8")
    portada = {
        "periodo": str(m.periodo),
        "indice_pai": m.indice_pai,
        "semaforo": m.semaforo_indice,
        "componentes": {k: {"valor": v, "semaforo": m.parametros.semaforo([v]).iloc[0]} for k, v in m.componentes.items()},
        "demostracion": ctx.libro.demostracion,
        "serie": [{"periodo": r.periodo, "indice_pai": None if r.indice_pai != r.indice_pai else r.indice_pai}
                  for r in ctx.serie.itertuples()],
        "generado": _ahora(),
    }
    (carpeta / "portada.json").write_text(json.dumps(portada, ensure_ascii=False, indent=2), encoding="utf-8")
    (carpeta / "index.html").write_text(_portada_html(ctx, cuadernos), encoding="utf-8")


def publicar_periodo(salida: Path, carpeta: Path, periodo: str, huella_periodo: str) -> Path:
    """Publica ``carpeta`` (ya completa: HTML, portada, cuadernos) como ``salida/periodo``.

    Dos renombres en el mismo disco: lo publicado antes se aparta, lo nuevo toma su lugar y
    solo entonces se borra lo anterior. Los cuadernos con error de ese periodo se descartan.
    """
    (carpeta / "huella.json").write_text(json.dumps({"huella": huella_periodo, "generado": _ahora()}), encoding="utf-8")
    destino = salida / periodo
    viejo = salida / f".{periodo}.viejo-{uuid.uuid4().hex[:8]}"
    if destino.exists():
        destino.rename(viejo)
    carpeta.rename(destino)
    shutil.rmtree(viejo, ignore_errors=True)
    shutil.rmtree(salida / "_errores" / periodo, ignore_errors=True)
    return destino


def _portada_html(ctx, cuadernos: list[Path]) -> str:
    """Portada del periodo: la frase del mes, las cifras grandes (las mismas del resumen) y los informes."""
    from .lecturas import frase_resultado, tarjetas_indice
    from .paginas import pagina_html

    enlaces = "".join(
        f'<li><a href="{html.escape(c.stem)}.html">{html.escape(titulo_de(c)[0])}</a> — {html.escape(titulo_de(c)[1])}</li>'
        for c in cuadernos
    )
    cuerpo = (f'<p class="pai-lectura">{html.escape(frase_resultado(ctx))}</p>{tarjetas_indice(ctx)}'
              f'<h2 id="informes">Informes del periodo</h2><ul class="pai-enlaces">{enlaces}</ul>'
              f'<p class="pai-nota">Para analistas: los cuadernos ejecutados están en <a href="cuadernos/">cuadernos/</a> '
              f'y todas las métricas en <a href="metricas.json">metricas.json</a>.</p>')
    return pagina_html(f"Seguimiento PAI — {ctx.periodo_texto}", cuerpo, ctx)


def _tendencia_svg(puntos: list[tuple[str, float]], ancho: int = 560, alto: int = 140, etiquetas: bool = True) -> str:
    """Línea del índice PAI como SVG dentro de un ``<img>`` con texto alternativo ("" si hay < 2 puntos).

    Se dibuja a mano (sin matplotlib) para que reconstruir el archivo no cargue librerías de
    gráficos: el archivo se reescribe en cada corrida, incluso cuando todo se omite.
    """
    from .formato import pct

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
    return f'<img class="pai-tendencia" src="data:image/svg+xml;base64,{datos}" alt="{html.escape(alt)}" width="{ancho}" height="{alto}">'


def escribir_archivo(salida: Path, parametros=None) -> Path:
    """(Re)escribe ``salida/index.html`` con todos los periodos publicados, el más reciente primero."""
    from .formato import pct
    from .paginas import pagina_html
    from .presentacion import semaforo_html
    from .textos import periodo_en_palabras

    filas = []
    for carpeta in sorted(p for p in salida.iterdir() if p.is_dir() and _PERIODO.match(p.name)) if salida.is_dir() else []:
        try:
            filas.append(json.loads((carpeta / "portada.json").read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue

    def celda(valor, semaforo):
        return f'<td class="num">{html.escape(pct(valor))}<br>{semaforo_html(semaforo)}</td>'

    def mini(f) -> str:
        serie = [(s["periodo"], s["indice_pai"]) for s in f.get("serie", [])]
        return _tendencia_svg(serie, ancho=130, alto=34, etiquetas=False) or "—"

    cuerpo_filas = "".join(
        f'<tr><td><a href="{f["periodo"]}/index.html">{html.escape(periodo_en_palabras(f["periodo"]).capitalize())}</a>'
        f'{" (demostración)" if f.get("demostracion") else ""}</td>'
        + celda(f.get("indice_pai"), f.get("semaforo"))
        + "".join(celda(f["componentes"].get(k, {}).get("valor"), f["componentes"].get(k, {}).get("semaforo")) for k in NOMBRES_COMPONENTES)
        + f"<td>{mini(f)}</td></tr>"
        for f in reversed(filas)
    )
    titulos = ("Periodo", "Índice PAI", *NOMBRES_COMPONENTES.values(), "Índice de enero al mes")
    encabezados = "".join(f"<th>{html.escape(n)}</th>" for n in titulos)
    tabla = (f'<h2 id="periodos">Periodos publicados</h2><div class="pai-tabla-marco"><table class="pai-tabla">'
             f"<thead><tr>{encabezados}</tr></thead><tbody>{cuerpo_filas}</tbody></table></div>")
    tendencia = _tendencia_svg([(f["periodo"], f.get("indice_pai")) for f in filas])
    if tendencia:
        tabla = f'<h2 id="tendencia">Tendencia del índice PAI</h2><figure class="pai-figura">{tendencia}</figure>' + tabla
    cuerpo = tabla if filas else "<p>Aún no hay periodos publicados.</p>"
    salida.mkdir(parents=True, exist_ok=True)
    demo = any(f.get("demostracion") for f in filas)
    _escribir_atomico(salida / "index.html", pagina_html("Archivo de informes del PAI", cuerpo, None, demostracion=demo, parametros=parametros))
    return salida / "index.html"
