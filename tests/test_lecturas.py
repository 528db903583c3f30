"""Las lecturas de los siete informes con datos escasos (rápido: sin núcleo de Jupyter).

Para cada escenario (plantilla vacía, libro a medio diligenciar, datos de demostración en
enero y diciembre, libros diminutos con un solo proyecto) se llama a cada función de
:mod:`pai_analisis.informes.lecturas` (``resumen``, ``objetivos``, ``proyectos``,
``indicadores``, ``plan``, ``riesgos``, ``dependencias``) tal como la llaman los cuadernos (las llamadas se leen
de los propios cuadernos) con un contexto de ``contexto.preparar_desde``: ninguna falla, las frases son texto llano sin «nan» ni «—», y
un gráfico solo se dibuja cuando hay datos.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import openpyxl
import pytest
from libros_minimos import act, hacer_libro, ind, meta, pres, sa, sm
from matplotlib.figure import Figure

from pai_analisis.informes.contexto import preparar_desde
from pai_analisis.informes.figuras import figura_html
from pai_analisis.informes.lecturas import (
    conciliacion,
    dependencias,
    indicadores,
    objetivos,
    plan,
    presupuesto,
    proyectos,
    resumen,
    riesgos,
)
from pai_analisis.libro.carga import cargar_libro
from pai_analisis.libro.plantilla import escribir_plantilla

RAIZ = Path(__file__).resolve().parents[1]
CUADERNOS = sorted((RAIZ / "cuadernos").glob("[0-9][0-9]_*.ipynb"))
MODULOS = {m.__name__.rsplit(".", 1)[1]: m for m in (resumen, objetivos, proyectos, presupuesto, conciliacion, indicadores, plan,
                                                          riesgos, dependencias)}
_MODULO = r"\b(" + "|".join(MODULOS) + ")"  # ``resumen``, ``proyectos``, ``riesgos``…
_LLAMADA = re.compile(_MODULO + r'\.(\w+)\(ctx(?:, "(\w+)")?\)')
_FIGURA = re.compile(r"figura_html\(" + _MODULO + r'\.(grafico_\w+)\(ctx(?:, "(\w+)")?\), ' + _MODULO + r"\.(alt_\w+)\(ctx")


def _llamadas() -> tuple[list[tuple[str, str, tuple]], list[tuple[str, str, str, str, tuple]]]:
    """(todas las llamadas ``módulo.f(ctx, …)`` de los cuadernos como (módulo, f, args), pares gráfico/alt de cada
    ``figura_html`` como (módulo del gráfico, gráfico, módulo del alt, alt, args))."""
    fuente = "\n".join(c.source for ruta in CUADERNOS for c in nbformat.read(ruta, as_version=4).cells if c.cell_type == "code")
    llamadas = list(dict.fromkeys((m, f, (g,) if g else ()) for m, f, g in _LLAMADA.findall(fuente)))
    figuras = list(dict.fromkeys((mg, graf, ma, alt, (g,) if g else ()) for mg, graf, g, ma, alt in _FIGURA.findall(fuente)))
    return llamadas, figuras


def _funcion(modulo: str, nombre: str):
    return getattr(MODULOS[modulo], nombre)


LLAMADAS, FIGURAS = _llamadas()
GRAFICOS = sorted({f"{g}{'_' + a[0] if a else ''}" for _mg, g, _ma, _alt, a in FIGURAS})


# ---------------------------------------------------------------- escenarios


def _libro_esparso(ruta: Path) -> Path:
    """El año de demostración con solo enero en metas y presupuesto, sin actividades ni riesgos reportados."""
    escribir_plantilla(ruta, con_ejemplo=True)
    wb = openpyxl.load_workbook(ruta)
    for hoja, conservar in (
        ("seguimiento_metas", "2024-01"),
        ("presupuesto", "2024-01"),
        ("seguimiento_actividades", None),
        ("seguimiento_riesgos", None),
    ):
        ws = wb[hoja]
        col = [c.value for c in ws[1]].index("periodo") + 1
        for fila in range(ws.max_row, 1, -1):
            if conservar is None or not str(ws.cell(fila, col).value or "").startswith(conservar):
                ws.delete_rows(fila)
    wb.save(ruta)
    return ruta


@pytest.fixture(scope="module")
def libros(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("lecturas")
    return {
        "vacio": cargar_libro(escribir_plantilla(carpeta / "vacio.xlsx")),
        "esparso": cargar_libro(_libro_esparso(carpeta / "esparso.xlsx")),
        "demo": cargar_libro(None),
        # un solo proyecto, sin metas, indicadores, actividades ni riesgos
        "nada": hacer_libro(),
        # un solo proyecto con una meta y un corte de presupuesto; un indicador trimestral (aún no vence)
        # y una actividad sin avance programado
        "uno": hacer_libro(
            metas=[meta(1)],
            seguimiento_metas=[sm(1, 1, 2, 1)],
            presupuesto=[pres(1, 1, 100, 10, 0)],
            indicadores=[ind("A-01", "Trimestral")],
            actividades=[act("X-01")],
            seguimiento_actividades=[sa("X-01", 1, 0, 0)],
        ),
    }


# la plantilla vacía: solo se dibuja lo que sale del plan (procesos, mapas de riesgo)
_SIN_SEGUIMIENTO = frozenset({
        "grafico_objetivos",
        "grafico_evolucion",
        "grafico_metas",
        "grafico_fisico_financiero",
        "grafico_curva",
        "grafico_franja",
        "grafico_por_grupo_plan",
        "grafico_por_grupo_dependencia",
    })

# escenario → gráficos que NO deben dibujarse (el resto, sí)
SIN_GRAFICO = {
    ("vacio", "2024-01"): _SIN_SEGUIMIENTO,
    ("vacio", "2024-06"): _SIN_SEGUIMIENTO,
    ("esparso", "2024-01"): {"grafico_por_grupo_plan", "grafico_por_grupo_dependencia"},
    ("esparso", "2024-03"): {"grafico_por_grupo_plan", "grafico_por_grupo_dependencia"},
    ("demo", "2024-01"): set(),
    ("demo", "2024-12"): set(),
    ("nada", "2024-01"): set(GRAFICOS),
    ("uno", "2024-02"): {"grafico_procesos", "grafico_franja", "grafico_mapas", "grafico_procesos_riesgo"},
}


def test_los_cuadernos_usan_lecturas():
    nombres = {f for _m, f, _ in LLAMADAS}
    assert len(LLAMADAS) > 40 and len(FIGURAS) >= 10
    assert {"frase_franja", "frase_por_grupo", "grafico_por_grupo", "alt_mapas", "tabla_altos"} <= nombres
    assert {m for m, _f, _ in LLAMADAS} == set(MODULOS)  # cada módulo de lecturas lo usa algún cuaderno
    assert all(m in MODULOS and callable(getattr(MODULOS[m], f, None)) for m, f, _ in LLAMADAS)


# Nivel rápido: un escenario de cada clase de datos escasos (plantilla vacía, libro a medio llenar, sin
# componentes, un solo elemento de cada cosa). Nivel lento: los demás meses de esos libros y el año de
# demostración completo, que dibuja once gráficos en dos variantes (≈ 15 s por escenario en esta máquina)
# y que además los cuadernos ejecutan enteros.
_RAPIDOS = {("vacio", "2024-06"), ("esparso", "2024-03"), ("nada", "2024-01"), ("uno", "2024-02")}
_ESCENARIOS = [(e, p) if (e, p) in _RAPIDOS else pytest.param(e, p, marks=pytest.mark.lento) for e, p in SIN_GRAFICO]


def _a_codificar() -> dict[tuple[str, str], set[str]]:
    """Qué gráficos pasa cada escenario por ``figura_html`` (el SVG es lo caro): cada gráfico en el primer escenario
    rápido que lo dibuja, y todos en los lentos. Los demás se construyen y se cierran sin codificar."""
    pendientes, plan_ = set(GRAFICOS), {}
    for clave in SIN_GRAFICO:
        dibuja = set(GRAFICOS) - SIN_GRAFICO[clave]
        plan_[clave] = (dibuja & pendientes) if clave in _RAPIDOS else dibuja
        pendientes -= plan_[clave] if clave in _RAPIDOS else set()
    return plan_


CODIFICAR = _a_codificar()


def test_cada_grafico_se_codifica_en_el_nivel_rapido():
    # {grafico_por_grupo_plan, …} que ningún escenario rápido dibuja quedarían sin SVG en el nivel rápido
    assert set().union(*(CODIFICAR[c] for c in _RAPIDOS)) == set(GRAFICOS)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(("escenario", "periodo"), _ESCENARIOS, ids=lambda x: x)
def test_ninguna_lectura_falla(libros, escenario, periodo):
    ctx = preparar_desde(libros[escenario], periodo)
    for modulo, nombre, args in LLAMADAS:
        if nombre.startswith("grafico_"):  # abajo, con su texto alternativo, como en los cuadernos
            continue
        resultado = _funcion(modulo, nombre)(ctx, *args)
        # una tabla de una sección sin nada que mostrar (sin reprogramaciones, sin proyectos cerrados…) queda vacía:
        # su frase ya lo dice
        assert isinstance(resultado, str) and (resultado.strip() or nombre.startswith("tabla_")), nombre
        if nombre.startswith(("frase_", "alt_")):
            assert not re.search(r"\bnan\b|\bNone\b|—|\bLos 1\b|\bLas 1\b", resultado), f"{nombre}: {resultado}"
            assert resultado.endswith("."), f"{nombre}: {resultado}"

    dibujados = set()
    for modulo_grafico, grafico, modulo_alt, alt, args in FIGURAS:
        clave = f"{grafico}{'_' + args[0] if args else ''}"
        fig = _funcion(modulo_grafico, grafico)(ctx, *args)
        # dos variantes: la de la página A4 y la de un teléfono, cada una con su propio diseño
        assert fig is None or (isinstance(fig, tuple) and len(fig) == 2 and all(isinstance(f, Figure) for f in fig)), clave
        texto_alt = _funcion(modulo_alt, alt)(ctx, *args)
        if fig is not None:
            dibujados.add(clave)
        if clave not in CODIFICAR[(escenario, periodo)]:
            for f in fig or ():
                f.clear()
            continue
        figura = figura_html(fig, texto_alt, "Título")
        assert figura is not None, clave
        assert figura.count("<img") == 2 and 'alt=""' not in figura, clave
        assert 'class="pai-fig-pagina"' in figura and 'class="pai-fig-telefono"' in figura, clave
    assert dibujados == set(GRAFICOS) - SIN_GRAFICO[(escenario, periodo)]


def test_frases_de_la_plantilla_vacia(libros):
    ctx = preparar_desde(libros["vacio"], "2024-01")
    for frase in (
        proyectos.frase_metas,
        presupuesto.frase_curva,
        indicadores.frase_franja,
        plan.frase_plan,
        plan.frase_rezagadas,
        riesgos.frase_materializados,
        resumen.frase_objetivos,
    ):
        assert frase(ctx).startswith("Aún no hay reportes de "), frase.__name__
        assert "hasta enero de 2024" in frase(ctx)
    assert (
        plan.frase_por_grupo(ctx, "plan")
        == "Aún no hay reportes de las actividades del plan de acción integrado hasta enero de 2024."
    )
    assert "aún no hay reportes" in indicadores.frase_indicadores(ctx)  # 32 vencidos sin reporte: cuentan 0 %
    assert "proyectos de inversión y plan de acción integrado aún no tienen valores" in resumen.frase_resultado(ctx)
    assert "Sin reportes de las actividades." in plan.tabla_rezagadas(ctx)


def test_frases_del_libro_esparso(libros):
    ctx = preparar_desde(libros["esparso"], "2024-03")
    assert "(último reporte: enero de 2024)" in proyectos.frase_metas(ctx)
    assert "(último reporte: enero de 2024)" in presupuesto.frase_curva(ctx)
    assert "último reporte de metas: enero de 2024" in proyectos.frase_proyectos(ctx)
    assert "plan de acción integrado aún no tiene valores" in resumen.frase_resultado(ctx)
    assert plan.frase_plan(ctx).startswith("Aún no hay reportes de las actividades")
    assert "aún no hay reportes de su seguimiento hasta marzo de 2024" in riesgos.frase_riesgos(ctx)


def test_un_solo_proyecto_en_singular(libros):
    ctx = preparar_desde(libros["uno"], "2024-01")
    assert proyectos.frase_proyectos(ctx).startswith("El proyecto de inversión cumple el 50,0 %")
    assert "el proyecto 1." in proyectos.frase_metas(ctx)
    assert proyectos.frase_detalle_metas(ctx).startswith(
        "La meta vigente se detalla abajo, con quién responde y su última observación; está en crítico"
    )
    assert indicadores.frase_indicadores(ctx) == (
        "De 1 indicador vigente, ninguno debía reportar todavía a enero de 2024: el componente aún no tiene valor."
    )
    assert riesgos.frase_riesgos(ctx) == "El libro no tiene riesgos identificados en el mapa de riesgos."


def test_sin_ningun_componente(libros):
    ctx = preparar_desde(libros["nada"], "2024-01")
    assert ctx.metricas.indice_pai is None
    assert resumen.frase_resultado(ctx).startswith("El índice PAI de enero de 2024 aún no se puede calcular")


def test_figura_sin_datos_exige_alt_igual():
    assert figura_html(None, "Barras por plan: aún no hay reportes.") is None
    with pytest.raises(ValueError):
        figura_html(None, " ")


def test_movimiento_negativo_y_conciliacion_en_el_informe_de_presupuesto(tmp_path):
    """Sección 8.1 y 8.3: el movimiento negativo se ve con su signo y su observación; la conciliación, con su estado."""
    from pai_analisis.informes.contexto import leer_fuente

    cortes = [pres(1, 1, 100, 40, 10), pres(1, 2, 100, 60, 30), pres(1, 3, 100, 30, 25) | {"observaciones": "Anulación CRP 77"}]
    libro = hacer_libro(metas=[meta(1)], seguimiento_metas=[sm(1, 3, 1, 1)], presupuesto=cortes)
    csv = tmp_path / "fuente.csv"
    csv.write_text("Periodo,Institucion,Finalidad,TipoPresupuesto,ValorVigente,ValorCompromiso,ValorGiros\n"
                   "202402,Entidad X,Inversión,X,100000000,60000000,30000000\n"
                   "202403,Entidad X,Inversión,X,100000000,60000000,25000000\n", encoding="utf-8")
    ctx = preparar_desde(libro, "2024-03", fuente=leer_fuente(csv, "Entidad X"))
    frase = presupuesto.frase_movimientos(ctx)
    # marzo: compromisos 30 − 60 = −30 (la anulación), giros 25 − 30 = −5 (un reintegro)
    assert "se movieron −$30 millones" in frase and "giros −$5 millones" in frase
    assert "los compromisos bajaron $30 millones y los giros bajaron $5 millones («Anulación CRP 77»)" in frase
    tabla = str(presupuesto.tabla_movimientos(ctx))
    assert "−$30" in tabla and "Anulación CRP 77" in tabla
    # conciliación: febrero cuadra; marzo el libro dice 30 de compromisos y la fuente 60: −30 (−50 %), no cuadra
    texto = conciliacion.frase_conciliacion(ctx)
    assert "a marzo de 2024 las cifras del libro NO cuadran: compromisos −30,0 millones (−50,0 %)" in texto
    seccion = str(conciliacion.tabla_conciliacion(ctx))
    assert "no cuadra" in seccion and "cuadra" in seccion and "Conciliación con el presupuesto" in seccion
    sin_fuente = preparar_desde(libro, "2024-03")
    assert conciliacion.frase_conciliacion(sin_fuente) is None and str(conciliacion.tabla_conciliacion(sin_fuente)) == ""
