"""``docs/tablas.md``, generado del diccionario de datos (:mod:`.columnas`): nunca se edita a mano.

``python -m pai_analisis.modelo.documentacion > docs/tablas.md`` lo regenera; una prueba
(``tests/test_modelo.py``) verifica que el archivo del repositorio es igual a lo generado.
"""

from __future__ import annotations

import sys

from .columnas import COLUMNAS, TABLAS_ABIERTAS
from .tablas import CLAVES, TITULOS

_ENCABEZADO = """# Tablas del modelo: columnas, tipos y unidades

<!-- Generado por `python -m pai_analisis.modelo.documentacion > docs/tablas.md` desde
pai_analisis/modelo/columnas.py; no lo edite a mano (una prueba lo compara con lo generado). -->

Un solo modelo, construido una vez por periodo en `pai_analisis/modelo/`: de él salen

- en Python, `pai.tablas(metricas)`: un diccionario de DataFrames con los tipos de abajo
  (`objetivos`, `proyectos`, `metas`, `presupuesto`, `indicadores`, `actividades`, `riesgos`,
  `alertas`, `dependencias`, `dimensiones`, `modificaciones`, `armonizacion`, `reprogramaciones`), y
  `pai.serie_larga(libro, hasta)`: todos los niveles mes a mes (tabla `serie`);
- los **datos abiertos** de cada periodo publicado, `DIR/P/datos/`: un CSV por nivel (las nueve
  primeras tablas) y su `datapackage.json` (Frictionless), enlazados desde la portada del periodo;
- `pai metricas --formato parquet --salida CARPETA`: un Parquet por tabla, que `pandas.read_parquet`
  relee con los mismos tipos (necesita `pyarrow`: `pip install ".[analistas]"`);
- `pai metricas --formato xlsx`: una hoja por tabla, con estos encabezados, más la hoja `resumen`.

Una tabla **sin filas** (p. ej. `reprogramaciones` en un año sin reprogramaciones) se relee del
Parquet con sus categorías sin la lista de valores posibles (Parquet guarda esa lista con los
datos); `pai_analisis.modelo.tablas.tipar(df, "reprogramaciones", None)` la devuelve a su tipo.

Tipos: códigos numéricos `Int64` (entero con vacío), meses `period[M]`, texto `string`,
sí/no `boolean`, cifras `float64` (vacío = NaN: no definido), y categorías (`category`; las
ordenadas se pueden ordenar y comparar: `t["metas"].sort_values("semaforo")` pone el rojo primero).
El **semáforo** del modelo es `rojo` < `amarillo` < `verde`: `rojo` es el `critico` de la
metodología (sección 3.6), `amarillo` el `en_riesgo` y `verde` el `satisfactorio`; el JSON de
`pai metricas` conserva esos nombres y el Excel muestra «Crítico», «En riesgo», «Satisfactorio».
Toda tabla lleva `periodo`: el mes publicado (en `presupuesto` el mes de cada corte es `corte`; en
`modificaciones`, `armonizacion` y `reprogramaciones` el mes del cambio es `mes`).

**Los CSV de datos abiertos**: UTF-8 sin BOM, coma, punto decimal sin separador de miles (hasta 6
decimales, como el JSON), meses `AAAA-MM` (tipo Frictionless `yearmonth`), `true`/`false`, vacío =
sin valor. El `datapackage.json` trae cada campo con su tipo, su unidad (`unit`) y su descripción
en español, la clave primaria de cada recurso, la licencia (CC BY-SA 4.0), la fuente (el libro y su
SHA-256) y, si el libro es de demostración, `"demostracion": true` y el aviso en el título. Para
abrirlos en Excel con configuración regional colombiana use *Datos › Desde texto/CSV* (origen UTF-8,
separador coma, decimal punto), o mejor el Excel de `pai metricas --formato xlsx`.
"""


def _tabla(nombre: str) -> str:
    clave = CLAVES.get(nombre)
    abierto = " Va en los datos abiertos como `" + nombre + ".csv`." if nombre in TABLAS_ABIERTAS else ""
    titulo, descripcion = TITULOS[nombre]
    filas = [f"## `{nombre}`: {titulo}", "", descripcion + " " + (f"Clave: {', '.join(f'`{c}`' for c in clave)}." if clave else "Sin clave única.") + abierto, "",
             "| columna | encabezado | tipo (pandas) | tipo (Frictionless) | unidad | qué es |", "|---|---|---|---|---|---|"]
    for c in COLUMNAS[nombre]:
        texto = c.descripcion.replace("|", "\\|")
        filas.append(f"| `{c.nombre}` | {c.titulo} | `{c.tipo_pandas}` | {c.tipo_frictionless} | {c.unidad} | {texto} |")
    return "\n".join(filas) + "\n"


def documento() -> str:
    """El texto completo de ``docs/tablas.md``."""
    return _ENCABEZADO + "".join("\n" + _tabla(n) for n in COLUMNAS)


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(documento())
