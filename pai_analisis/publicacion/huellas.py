"""Huellas de los periodos (sección 7.2): qué determina los informes de un periodo, parte por parte.

La huella de P cubre **solo lo que P usa**, en seis partes con su propio SHA-256:

* ``plan``: las hojas del plan del libro de su vigencia (objetivos, proyectos, metas,
  indicadores, actividades, riesgos, controles y armonización, con sus ventanas), la vigencia y
  la marca de demostración;
* ``seguimiento``: las filas de seguimiento de esa vigencia con ``periodo`` ≤ P (metas,
  presupuesto, indicadores, actividades, riesgos) y las reprogramaciones que rigen desde P o antes;
* ``parametros``: los valores de los parámetros (no la ruta del archivo);
* ``cuadernos``: el contenido de cada cuaderno;
* ``paquete``: la versión y el contenido del paquete (código, datos, plantillas);
* ``fuente``: con ``pai informes --fuente``, el nombre del archivo, la entidad y sus totales
  mensuales de esa vigencia con mes ≤ P (sección 8.3); sin fuente, una marca fija.

Se calculan sobre los datos ya leídos y tipados (solo las columnas del contrato), no sobre los
bytes del archivo: guardar el libro sin cambios, reordenar columnas o corregir julio no cambian
la huella de junio; corregir junio cambia la de junio y la de los meses siguientes.
``huella.json`` de cada periodo publicado guarda las partes para decir qué cambió.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .. import __version__

PARTES = ("plan", "seguimiento", "parametros", "cuadernos", "paquete", "fuente")
MOTIVOS = {
    "plan": "el plan del libro cambió",
    "seguimiento": "el libro cambió en meses ≤ {periodo}",
    "parametros": "los parámetros cambiaron",
    "cuadernos": "los cuadernos cambiaron",
    "paquete": "el programa cambió (pai-analisis {version})",
    "fuente": "la fuente de la conciliación cambió en meses ≤ {periodo}",
}


def _sha(datos: bytes) -> str:
    return hashlib.sha256(datos).hexdigest()


@lru_cache(maxsize=1)
def _contenido_paquete() -> str:
    raiz = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for f in sorted(raiz.rglob("*")):
        if f.is_file() and f.suffix in {".py", ".csv", ".j2", ".css", ".json", ".js", ".tpl"} and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(raiz)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def _tabla(df, columnas: list[str], claves: tuple[str, ...]) -> bytes:
    """Una tabla del libro como texto canónico: solo ``columnas`` del contrato, ordenada por su clave."""
    cols = [c for c in columnas if c in df.columns]
    t = df[cols].astype(object).where(df[cols].notna(), "").astype(str)
    orden = [c for c in claves if c in t.columns] or cols
    t = t.sort_values(orden, kind="stable") if len(t) else t
    return t.to_csv(index=False).encode("utf-8")


def _columnas(hoja: str) -> list[str]:
    from ..libro import esquema

    return [c.nombre for c in esquema.HOJAS[hoja]]


def partes_periodo(libro, periodo: str, parametros, cuadernos: list[Path], fuente: dict | None = None) -> dict[str, str]:
    """Las seis partes de la huella de ``periodo`` (cada una un SHA-256); ``fuente`` como en :func:`_fuente`."""
    import pandas as pd

    from ..libro import esquema

    p = pd.Period(periodo, freq="M")
    plan = hashlib.sha256(f"vigencia={libro.vigencia};demostracion={libro.demostracion}".encode())
    for hoja in esquema.HOJAS_DE_PLAN:
        plan.update(hoja.encode() + b"\n" + _tabla(getattr(libro, hoja), _columnas(hoja), esquema.CLAVES.get(hoja, ())))
    seg = hashlib.sha256(periodo.encode())
    for hoja in (*esquema.HOJAS_SEGUIMIENTO, "reprogramaciones"):
        df = getattr(libro, hoja)
        per = df["periodo"]
        hasta = df[per.notna() & (per <= p) & (per.dt.year == p.year)] if len(df) else df
        seg.update(hoja.encode() + b"\n" + _tabla(hasta, _columnas(hoja), esquema.CLAVES.get(hoja, ())))
    valores = {k: v for k, v in parametros.como_dict().items() if k != "archivo"}
    return {
        "plan": plan.hexdigest(),
        "seguimiento": seg.hexdigest(),
        "parametros": _sha(json.dumps(valores, sort_keys=True, default=str).encode()),
        "cuadernos": _sha(json.dumps({c.name: _sha(c.read_bytes()) for c in cuadernos}, sort_keys=True).encode()),
        "paquete": _sha(f"{__version__}:{_contenido_paquete()}".encode()),
        "fuente": _fuente(fuente, p),
    }


def _fuente(fuente: dict | None, p) -> str:
    """La parte de la conciliación: lo que P muestra de la fuente (archivo, entidad y sus meses de la vigencia ≤ P)."""
    if fuente is None:
        return _sha(b"sin fuente")
    t = fuente["tabla"]
    hasta = t[(t["periodo"] <= p) & (t["periodo"].dt.year == p.year)]
    return _sha(f"{fuente['archivo']}\n{fuente['entidad']}\n".encode() + hasta.astype(str).to_csv(index=False).encode())


def huella(partes: dict[str, str]) -> str:
    """La huella total: SHA-256 de sus partes."""
    return _sha(json.dumps(partes, sort_keys=True).encode())


def publicada(carpeta: Path) -> dict | None:
    """El ``huella.json`` de un periodo publicado (con ``huella``, ``partes``, ``version``…), o ``None``."""
    try:
        if (carpeta / "index.html").is_file():
            datos = json.loads((carpeta / "huella.json").read_text(encoding="utf-8"))
            return datos if isinstance(datos, dict) and "huella" in datos else None
    except (OSError, ValueError):
        return None
    return None


def motivos(anteriores: dict | None, nuevas: dict[str, str], periodo: str) -> list[str]:
    """Por qué hay que renderizar otra vez: «el libro cambió en meses ≤ 2024-06», «los parámetros cambiaron»…"""
    previas = (anteriores or {}).get("partes") or {}
    if not previas:
        return ["la publicación anterior no guarda sus partes"]
    return [MOTIVOS[k].format(periodo=periodo, version=__version__) for k in PARTES if previas.get(k) != nuevas.get(k)]
