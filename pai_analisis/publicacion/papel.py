"""El documento de papel: lo que la pantalla necesita y el PDF no, fuera antes de maquetar.

Medido con cProfile sobre el PDF de 2024-06 (WeasyPrint 70): la cascada de estilos (``cssselect2``)
y el análisis del HTML se llevaban cerca de un tercio del tiempo, y tres de cada cuatro selectores
de las hojas eran de DataTables (368 de 500), que en el PDF no hace nada: sin ``<script>`` la tabla
nunca recibe sus clases (``dataTable``, ``dt-…``). Por eso el documento de papel lleva:

* de las hojas de las páginas, solo las reglas que pueden tocar algo impreso: fuera las de
  DataTables, los ``@keyframes`` y los ``@media screen`` (WeasyPrint descarta los de ancho de
  todos modos), conservando el orden de las demás (la cascada no cambia);
* sin los atributos ``data-*`` de las tablas interactivas y de la vista de teléfono
  (``data-label``, ``data-order``, ``data-filtro…``): solo los leen ``pai-tablas.js`` y las reglas
  de pantalla angosta.
"""

from __future__ import annotations

_DE_PANTALLA = ("dt-", "dataTable", "dataTables", "datatables")


def _de_pantalla(selector: str) -> bool:
    """Todo selector de la lista nombra algo que solo DataTables pone en la página."""
    return all(any(m in parte for m in _DE_PANTALLA) for parte in selector.split(","))


def hojas_para_papel(estilos: list[str]) -> str:
    """Las hojas ``estilos`` (en orden) sin lo que solo sirve en pantalla; el resto, tal cual."""
    import tinycss2  # (viene con WeasyPrint; se importa solo al imprimir)

    quedan = []
    for hoja in estilos:
        for regla in tinycss2.parse_stylesheet(hoja, skip_comments=True, skip_whitespace=True):
            if regla.type == "qualified-rule" and _de_pantalla(tinycss2.serialize(regla.prelude)):
                continue
            if regla.type == "at-rule" and (
                regla.lower_at_keyword == "keyframes"
                or (regla.lower_at_keyword == "media" and "screen" in tinycss2.serialize(regla.prelude).lower())
            ):
                continue
            quedan.append(regla.serialize())
    return "\n".join(quedan)
