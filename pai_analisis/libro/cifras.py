"""Números de una celda: la convención colombiana para el texto y las cotas por clase de columna.

Números escritos como texto
===========================

Una celda **numérica de Excel** (int o float) nunca es ambigua: se toma tal cual, salvo que no
sea finita (``no_numero``) o se salga de su cota (``fuera_de_rango``, abajo).

Un número **escrito como texto** sigue la convención colombiana de la Oficina («$20.149
millones», «0,30»): **la coma es siempre el separador decimal**; el punto y el espacio (también
el no separable U+00A0 y los finos U+202F y U+2009) solo separan miles, en grupos de tres
cifras. Con signo ``+``/``-`` opcional y espacios alrededor, se aceptan:

* ``"20149"`` → 20149 (solo dígitos);
* ``"0,30"`` → 0.3 y ``"1,234"`` → 1.234: coma decimal. **«1,234» no se trata como ambiguo**:
  en este libro la coma nunca separa miles, y el mensaje de ``"20.149"`` pide justamente
  escribir ``20,149`` para el decimal;
* ``"20.149,5"`` → 20149.5 y ``"1.234.567,89"`` → 1234567.89: punto de miles antes de la coma;
* ``"1.234.567"`` → 1234567: con dos o más puntos, solo pueden ser de miles;
* ``"1 500"`` → 1500 y ``"1 500,5"`` → 1500.5 (espacio o no separable de miles);
* ``"0.5"``, ``"20.5"``, ``"20.1495"``, ``"1234.567"``, ``"0.500"`` → decimales: un punto que no
  puede ser de miles (no lo siguen exactamente tres cifras, o antes hay más de tres cifras o un
  grupo que empieza por 0);
* ``"1e3"``, ``"2,5E-2"`` → 1000, 0.025: notación científica, mantisa sin separadores de miles.

Se rechazan, cada uno con un mensaje que dice qué escribir:

* **ambiguo** (``numero_ambiguo``): un solo punto seguido de exactamente tres cifras, con una a
  tres cifras antes y la primera distinta de 0 (``"20.149"``, ``"1.500"``, ``"-3.250"``): puede
  ser 20149 (punto de miles, como escribe la Oficina) o 20,149 (punto decimal); se pide escribir
  ``20149`` o ``20,149``. Vale también en las columnas de enteros, por uniformidad;
* ``NaN``, ``inf``, ``Infinity`` y sus variantes (mayúsculas, signo), y un número de Excel que no
  sea finito (``no_numero``);
* ``$`` o ``%`` en el texto (``"$20.149"``, ``"10 %"``): no se adivina; el dinero va en millones
  sin símbolo y los porcentajes en escala 0–100 sin ``%`` (``no_numero``);
* **dígitos y signos que solo se parecen** a los del teclado: de ancho completo (``"２０"``),
  arábigo-índicos (``"٢"``), superíndices (``"10²"``), el separador decimal árabe (``"1٫5"``), el
  signo menos tipográfico (``"−5"``)… ``float()`` los leería en silencio; aquí son ``no_numero``
  con el carácter y su código (U+FF12) para que se reescriba con 0–9;
* la coma como separador de miles (``"1,234,567"``) o el formato de EE. UU. (``"20,149.5"``):
  ``no_numero``, con la forma correcta en el mensaje (``1234567``, ``20149,5``);
* un error de Excel (``"#DIV/0!"``) y cualquier otro texto (``"1_000"``, ``"1 2"``): ``no_numero``.

Cotas (``fuera_de_rango``)
==========================

:data:`COTAS` es el único lugar donde están. El valor absoluto no puede pasar de:

* ``dinero`` (las columnas de :data:`COLUMNAS_DINERO`, en millones de pesos): 10^9 millones,
  mil billones de pesos, muy por encima del presupuesto entero del Distrito;
* ``magnitud`` (cualquier otra columna ``numero``: programaciones, programado, ejecutado, línea
  base, meta y mediciones de indicadores, ponderación…): 10^12;
* ``entero`` (columnas ``entero``: ``proyecto``, ``meta``, ``objetivo``…): 999.999.999 (nueve
  cifras), lo que además asegura que la conversión a ``Int64`` nunca desborda.

La cota misma se acepta; lo que la pasa, no. Se revisa antes que el signo (``-1e308`` en una
columna de dinero da ``fuera_de_rango``, no ``negativo``). Un texto que desborda el float
(``"1e400"``) también es ``fuera_de_rango``.
"""

from __future__ import annotations

import math
import re
import unicodedata

import numpy as np

from ..comun.numeros import numero as cifra
from . import esquema
from .problemas import vacio

# ----------------------------------------------------------------------------- cotas

COTAS: dict[str, float] = {"dinero": 1e9, "magnitud": 1e12, "entero": 999_999_999}
COLUMNAS_DINERO = frozenset({"presupuesto_programado", "apropiacion", "compromisos", "giros", "compromisos_programados"})


def clase_de_cota(col: esquema.Columna) -> str:
    """``dinero``, ``magnitud`` o ``entero``: qué cota de :data:`COTAS` rige la columna."""
    if col.tipo == "entero":
        return "entero"
    return "dinero" if col.nombre in COLUMNAS_DINERO else "magnitud"


def esperado_cota(clase: str) -> str:
    tope = cifra(COTAS[clase], 0)
    if clase == "dinero":
        return (
            f"un valor de a lo sumo {tope} millones de pesos en valor absoluto (mil billones de pesos, muy por "
            "encima del presupuesto del Distrito): ¿se escribió en pesos y no en millones, o sobra algún dígito?"
        )
    if clase == "entero":
        return f"un número entero de a lo sumo {tope} (nueve cifras) en valor absoluto: ¿sobra algún dígito?"
    return f"un valor de a lo sumo {tope} en valor absoluto: ¿sobra algún dígito?"


# ----------------------------------------------------------------------------- números escritos como texto

_ESPACIOS_MILES = "\u00a0\u202f\u2009"  # no separable, fino no separable, fino (más el espacio común)
_PARECIDOS = set("٫٬،−‐‑‒–—﹣－＋．，")  # separadores y signos que se parecen a los del teclado
_NO_FINITOS = re.compile(r"[+-]?\s*(nan|inf|infinity|infinite|infinito)", re.IGNORECASE)
_CIENTIFICA = re.compile(r"(\d+(?:[.,]\d*)?|[.,]\d+)[eE]([+-]?\d+)")
_AMBIGUO = re.compile(r"([1-9]\d{0,2})\.(\d{3})")  # 20.149
_MILES_PUNTO = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d*)?")  # 1.234.567 · 20.149,5
_MILES_ESPACIO = re.compile(r"[1-9]\d{0,2}(?: \d{3})+(?:,\d*)?")  # 1 500 · 1 500,5
_COMA_DECIMAL = re.compile(r"\d+,\d*|,\d+")  # 0,30 · 1,234
_PUNTO_DECIMAL = re.compile(r"\d+(?:\.\d*)?|\.\d+")  # 20149 · 0.5 · 1234.567
_COMA_MILES = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?")  # 1,234,567 · 20,149.5 (EE. UU.)


def _parecido(c: str) -> bool:
    """¿Un carácter no ASCII que se parece a un dígito, un separador o un signo?"""
    return (
        unicodedata.category(c) in ("Nd", "No")
        or c in _PARECIDOS
        or any(x in "0123456789.,+-" for x in unicodedata.normalize("NFKC", c))
    )


def _leer_texto(texto: str) -> tuple[float | None, str | None, str]:
    """``(valor, regla, detalle)`` de un número escrito como texto (ver el docstring del módulo)."""
    s = texto.strip()
    if s.startswith("#"):
        return None, "no_numero", f"la celda muestra el error de Excel «{s}»: corrija la fórmula o escriba la cifra"
    if m := _NO_FINITOS.fullmatch(s):
        que = "«no es un número» (Not a Number)" if m.group(1).casefold() == "nan" else "infinito"
        return None, "no_numero", f"«{s}» significa {que}, no es una cifra: escriba la cifra"
    if "$" in s:
        return None, "no_numero", "solo la cifra, sin «$»: el dinero va en millones de pesos (p. ej. 20149 o 20149,5)"
    if "%" in s:
        return None, "no_numero", "solo la cifra, sin «%»: los porcentajes van en escala 0–100 (10 % se escribe 10)"
    parecidos = [c for c in s if ord(c) > 127 and c not in _ESPACIOS_MILES and _parecido(c)]
    if parecidos:
        c = parecidos[0]
        return (
            None,
            "no_numero",
            (
                f"la cifra escrita con los dígitos 0 a 9 del teclado: el texto trae «{c}» (U+{ord(c):04X}), "
                "que se parece a un dígito, un separador o un signo pero no lo es"
            ),
        )
    signo = ""
    if s[:1] in ("+", "-"):
        signo, s = s[0], s[1:].lstrip()
    for c in _ESPACIOS_MILES:
        s = s.replace(c, " ")
    if not s.isascii():
        return None, "no_numero", ""
    if m := _CIENTIFICA.fullmatch(s):
        cuerpo = f"{m.group(1).replace(',', '.')}e{m.group(2)}"
    elif m := _AMBIGUO.fullmatch(s):
        menos = "-" if signo == "-" else ""
        miles, decimal = f"{menos}{m.group(1)}{m.group(2)}", f"{menos}{m.group(1)},{m.group(2)}"
        return (
            None,
            "numero_ambiguo",
            (
                f"«{texto.strip()}» puede leerse como {miles} (punto de miles) o como {decimal} "
                f"(punto decimal); escriba {miles} o {decimal}"
            ),
        )
    elif _MILES_PUNTO.fullmatch(s):
        cuerpo = s.replace(".", "").replace(",", ".")
    elif _MILES_ESPACIO.fullmatch(s):
        cuerpo = s.replace(" ", "").replace(",", ".")
    elif _COMA_DECIMAL.fullmatch(s):
        cuerpo = s.replace(",", ".")
    elif _PUNTO_DECIMAL.fullmatch(s):
        cuerpo = s
    elif _COMA_MILES.fullmatch(s):
        correcto = ("-" if signo == "-" else "") + s.replace(",", "").replace(".", ",")
        return None, "no_numero", f"en este libro la coma es el separador decimal y no separa miles: escriba {correcto}"
    else:
        return None, "no_numero", ""
    x = float(signo + cuerpo)  # las expresiones de arriba solo dejan pasar cifras ASCII
    if not math.isfinite(x):  # «1e400»: un número, pero más grande que cualquier float
        return None, "fuera_de_rango", ""
    return x, None, ""


def interpretar_numero(v) -> tuple[float | None, str | None, str]:
    """``(valor, regla, detalle)`` de una celda numérica no vacía.

    ``regla`` es ``None`` si se leyó un número finito; si no, el código del problema
    (``no_numero``, ``numero_ambiguo`` o ``fuera_de_rango`` cuando ni cabe en un float) y
    ``detalle`` explica el rechazo ("" = basta el mensaje genérico). Las cotas de cada columna
    (:data:`COTAS`) se revisan en :func:`tipar_columna`, no aquí.
    """
    if isinstance(v, bool):
        return None, "no_numero", "un valor VERDADERO/FALSO no es una cifra"
    if isinstance(v, (int, np.integer)):
        try:
            return float(v), None, ""
        except OverflowError:  # openpyxl lee «<v>1000…0</v>» de 400 cifras como un int de Python
            return None, "fuera_de_rango", ""
    if isinstance(v, (float, np.floating)):
        x = float(v)
        if not math.isfinite(x):
            return None, "no_numero", "un número finito (la celda trae infinito o «no es un número»)"
        return x, None, ""
    return _leer_texto(str(v))


def leer_numero(v) -> float | None:
    """El número finito de una celda (número de Excel o texto en una forma aceptada); ``None`` si no lo es.

    También ``None`` para el texto ambiguo (``"20.149"``), ``NaN``/``inf`` y lo que desborda el
    float. Las cotas por columna no se revisan aquí (ver :func:`tipar_columna`).
    """
    if vacio(v):
        return None
    x, regla, _ = interpretar_numero(v)
    return x if regla is None else None
