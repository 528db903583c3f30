"""El resumen en español de una importación de CRP: la tabla que imprime ``pai importar crp``.

Por proyecto, lo que el libro tiene y lo que trae el reporte (millones, a la colombiana) con la
diferencia; las filas y el dinero que quedaron fuera por clase; los totales de control del
archivo en pesos, para compararlos con el pie del reporte en BogData.
"""

from __future__ import annotations

from ..comun.faltantes import es_faltante
from ..comun.numeros import numero
from ..fuentes.crp import DINERO
from .importacion import Importacion


def _m(valor) -> str:
    """Millones con dos decimales (700,25); vacío → «—»."""
    return numero(valor, 2)  # un faltante → FALTANTE («—»)


def _dif(nuevo, antes) -> str:
    if es_faltante(antes):
        return "nueva"
    d = float(nuevo) - float(antes)
    return "0" if abs(d) < 5e-7 else ("+" if d > 0 else "−") + numero(abs(d), 2)


def _pesos(valor: float) -> str:
    texto = numero(valor, 2)
    return texto[:-3] if texto.endswith(",00") else texto


def _tabla(encabezado: list[str], filas: list[list[str]]) -> list[str]:
    anchos = [max(len(str(x)) for x in col) for col in zip(encabezado, *filas)]
    linea = lambda f: "  ".join(str(x).ljust(a) if i == 0 else str(x).rjust(a) for i, (x, a) in enumerate(zip(f, anchos)))  # noqa: E731
    return [linea(encabezado), "  ".join("-" * a for a in anchos), *(linea(f) for f in filas)]


def describir_importacion(i: Importacion) -> str:
    """Texto de varias líneas: qué se escribió (o se escribiría), qué quedó fuera y los totales de control."""
    r = i.reporte
    out = [f"Reporte de CRP «{r.archivo}» (BogData): rango {r.fecha_inicial} a {r.corte}, {r.filas} filas; "
           f"corte {r.corte} → periodo {i.periodo} de «{i.libro.name}».",
           f"Último corte ya importado en {i.periodo[:4]}: {i.ultimo_corte or 'ninguno'}."]
    pendientes = i.pendientes
    if not pendientes:
        out.append("El libro ya tiene estas cifras y la marca de este reporte: no hay nada que escribir (el libro no se tocó).")
    elif i.aplicada:
        out.append(f"APLICADA: {len(pendientes)} fila(s) de «presupuesto» escritas. Copia del libro anterior: «{i.copia.name}».")
    else:
        out.append(f"SIMULACIÓN: se escribirían {len(pendientes)} fila(s); no se escribió nada. "
                   "Para escribir, repita el comando con --aplicar.")
    for f in i.formulas_reemplazadas:
        out.append(f"Fórmula reemplazada por la cifra importada (--reemplazar-formulas): hoja «{f.hoja}», celda {f.celda}, "
                   f"era ={f.formula}.")
    out += ["", f"Presupuesto de {i.periodo} por proyecto (millones de pesos):"]
    filas = [[str(c.proyecto), str(c.fila), _m(c.compromisos_antes), _m(c.compromisos), _dif(c.compromisos, c.compromisos_antes),
              _m(c.giros_antes), _m(c.giros), _dif(c.giros, c.giros_antes),
              "fila nueva" if c.nueva else ("cambia" if c.cambia else "igual")] for c in i.cambios]
    out += _tabla(["proyecto", "fila", "compromisos libro", "importados", "diferencia", "giros libro", "importados",
                   "diferencia", "estado"], filas)
    for c in i.cambios:
        if c.nueva:
            out.append(f"Proyecto {c.proyecto}: el libro no tenía fila para {i.periodo}; se agrega en la fila {c.fila} con la "
                       f"apropiación del corte anterior ({_m(c.apropiacion)} millones).")
    if i.sin_reporte:
        out.append(f"Proyectos del libro sin filas de inversión en el reporte (no se tocan): {', '.join(map(str, i.sin_reporte))}.")
    for p in i.fuera_del_libro.itertuples():
        out.append(f"Proyecto {p.proyecto} del reporte no está en la hoja «proyectos» del libro (no se importa): "
                   f"compromisos {_m(p.compromisos)}, giros {_m(p.giros)} millones, {p.filas} fila(s).")
    out += ["", "Filas dejadas fuera (no se suman a ningún proyecto), en pesos:"]
    out += _tabla(["clase", "filas", "Valor Neto", "Autorizacion giro"],
                  [[f.clase, str(f.filas), _pesos(f.valor_neto), _pesos(f.autorizacion_giro)] for f in r.fuera.itertuples()])
    out += ["", "Totales de control del archivo, en pesos (compárelos con el pie del reporte en BogData):"]
    out += _tabla(["columna", "total"], [[col, _pesos(r.totales[col])] for col in DINERO[:4]])
    return "\n".join(out)
