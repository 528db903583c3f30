"""Lo que dice cada informe: una función por sección (la frase, el gráfico, su texto alternativo y la tabla).

Un módulo por cuaderno: :mod:`.resumen` (01), :mod:`.objetivos` (02), :mod:`.proyectos` (03),
:mod:`.indicadores` (04), :mod:`.plan` (05), :mod:`.riesgos` (06) y :mod:`.dependencias` (07, que da también la
frase del 01 y del índice del periodo sobre quién no ha reportado), y :mod:`.conciliacion` (la conciliación con los
datos abiertos del Distrito, en el 03 y en ``pai conciliar``); :mod:`.alertas`, la frase de cada alerta
(``mensaje``, que ``pai.calcular_metricas`` agrega); :mod:`.comunes` tiene las piezas que comparten.
"""
