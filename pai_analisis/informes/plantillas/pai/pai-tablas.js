/* pai-tablas.js — tablas interactivas de los informes pai.
 *
 * Usa DataTables 3 (sin jQuery), incrustado en la misma página antes de este archivo.
 * Sin JavaScript, o si la librería falta, la tabla queda tal como la escribió el servidor.
 *
 * Contrato HTML que emite el renderizador de tablas:
 *   <table class="pai-tabla" data-interactiva>   tabla que se mejora (búsqueda, orden, filtros)
 *   <th data-filtro="Dependencia">               columna con selector de filtro (el valor es la etiqueta)
 *   <th data-filtro="…" data-filtro-todos="Todas">  texto opcional de la opción «sin filtro»
 *   <td data-order="87.5">                       valor para ordenar (número con punto, fecha ISO…);
 *                                                 si una columna lo usa, debe ir en TODAS sus celdas
 *   <td data-filtro-valor="critico">             clave del filtro (opcional; si falta, el texto)
 *   <td data-label="Cumplimiento">               nombre de la columna en la vista de teléfono (CSS)
 *
 * Enlace con filtro (drill-down):  03_proyectos_presupuesto.html#filtro:objetivo=3&semaforo=critico
 * (nombre del filtro y valor sin importar mayúsculas ni tildes).
 */
(function () {
  'use strict';
  // Al imprimir, los <details> (p. ej. el detalle de cada objetivo) se abren: el papel lo lleva todo.
  var cerrados = [];
  window.addEventListener('beforeprint', function () {
    cerrados = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    cerrados.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () { cerrados.forEach(function (d) { d.open = false; }); cerrados = []; });

  var DataTable = window.DataTable;
  if (!DataTable || !document.querySelectorAll) return;

  // Un error de DataTables no debe abrir un alert() delante de la dirección: se anota en consola
  // y la tabla sigue legible.
  DataTable.ext.errMode = function (ctx, tn, msg) { console.warn(msg); };

  // Una columna con data-order toma el tipo de esos valores (num, date…), y DataTables no limpia
  // el texto de búsqueda de esos tipos: se les da el de 'html' (quita etiquetas y tildes), para que
  // «gestion» encuentre «Gestión» y «critico» encuentre «● Crítico».
  var buscarComoTexto = DataTable.type('html').search;
  ['num', 'num-fmt', 'date'].forEach(function (t) {
    DataTable.type(t, 'search', buscarComoTexto);
  });

  var ES = {
    // OJO: no poner decimal: ',' (muchas traducciones al español lo traen): DataTables leería
    // data-order="55.8" como 558. data-order va siempre con punto decimal.
    thousands: '.',
    search: 'Buscar:',
    searchPlaceholder: 'Texto en cualquier columna',
    info: 'Mostrando _TOTAL_ _ENTRIES-TOTAL_',
    infoEmpty: 'Mostrando 0 filas',
    infoFiltered: 'de _MAX_',
    entries: { _: 'filas', 1: 'fila' },
    emptyTable: 'La tabla no tiene filas.',
    zeroRecords: 'Ninguna fila coincide con la búsqueda o los filtros.',
    loadingRecords: 'Cargando…',
    processing: 'Procesando…',
    aria: {
      orderable: ': activar para ordenar',
      orderableReverse: ': activar para invertir el orden',
      orderableRemove: ': activar para quitar el orden'
    }
  };

  // Comparación sin mayúsculas ni tildes («Gestión» = «gestion»).
  function normal(s) {
    return String(s == null ? '' : s).normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/\s+/g, ' ').trim().toLowerCase();
  }
  function texto(td) { return td.textContent.replace(/\s+/g, ' ').trim(); }
  function clave(td) { return normal(td.hasAttribute('data-filtro-valor') ? td.getAttribute('data-filtro-valor') : texto(td)); }

  // Control propio de DataTables: un <select> por cada <th data-filtro>, más «Quitar filtros».
  DataTable.feature.register('paiFiltros', function (settings) {
    var api = new DataTable.Api(settings);
    var caja = document.createElement('div');
    caja.className = 'pai-filtros';
    api.columns().every(function (col) {
      var th = this.header();
      var nombre = th.getAttribute('data-filtro');
      if (!nombre) return;
      // Opciones: valores distintos de la columna; por data-order si lo hay, si no alfabético.
      var vistos = Object.create(null), opciones = [];
      this.nodes().each(function (td) {
        var k = clave(td);
        if (k === '' || vistos[k]) return;
        vistos[k] = true;
        opciones.push({ valor: k, texto: texto(td), orden: td.getAttribute('data-order') });
      });
      opciones.sort(function (a, b) {
        var na = parseFloat(a.orden), nb = parseFloat(b.orden);
        if (!isNaN(na) && !isNaN(nb) && na !== nb) return na - nb;
        return a.texto.localeCompare(b.texto, 'es', { numeric: true });
      });
      var etiqueta = document.createElement('label');
      etiqueta.className = 'pai-filtro';
      var span = document.createElement('span');
      span.textContent = nombre;
      var sel = document.createElement('select');
      sel.className = 'dt-input';
      sel.setAttribute('data-columna', col);
      sel.setAttribute('data-nombre', normal(nombre));
      sel.add(new Option(th.getAttribute('data-filtro-todos') || 'Todos', ''));
      opciones.forEach(function (o) { sel.add(new Option(o.texto, o.valor)); });
      sel.addEventListener('change', function () { filtrar(api, col, sel.value); api.draw(); });
      etiqueta.appendChild(span);
      etiqueta.appendChild(sel);
      caja.appendChild(etiqueta);
    });
    var quitar = document.createElement('button');
    quitar.type = 'button';
    quitar.className = 'pai-quitar dt-input';
    quitar.textContent = 'Quitar filtros';
    quitar.hidden = true;
    quitar.addEventListener('click', function () { limpiar(api); api.draw(); });
    caja.appendChild(quitar);
    // El botón sólo aparece cuando hay búsqueda o algún filtro activo.
    api.on('draw', function () { quitar.hidden = !activo(api); });
    return caja;
  });

  function selects(api) {
    var c = api.table().container();
    return c ? Array.prototype.slice.call(c.querySelectorAll('.pai-filtros select')) : [];
  }
  function filtrar(api, col, valor) {
    api.column(col).search(valor === '' ? '' : function (d, fila, idx) {
      return clave(api.cell(idx, col).node()) === valor;
    });
  }
  function activo(api) {
    return api.search() !== '' || selects(api).some(function (s) { return s.value !== ''; });
  }
  function limpiar(api) {
    api.search('');
    selects(api).forEach(function (s) { s.value = ''; filtrar(api, +s.getAttribute('data-columna'), ''); });
  }

  // #filtro:objetivo=3&semaforo=critico → aplica esos filtros en las tablas que los tengan.
  function aplicarHash(tablas) {
    var m = /^#filtro:(.+)$/.exec(location.hash);
    if (!m) return;
    var dec = function (x) { try { return normal(decodeURIComponent(x)); } catch (e) { return normal(x); } };
    var pares = m[1].split('&').map(function (p) {
      var i = p.indexOf('=');
      return i < 0 ? null : [dec(p.slice(0, i)), dec(p.slice(i + 1))];
    }).filter(Boolean);
    var primera = null;
    tablas.forEach(function (api) {
      var usadas = 0;
      selects(api).forEach(function (s) {
        pares.forEach(function (p) {
          if (p[0] !== s.getAttribute('data-nombre')) return;
          var ok = Array.prototype.some.call(s.options, function (o) { return o.value === p[1]; });
          if (!ok) return;
          if (!usadas++) limpiar(api);
          s.value = p[1];
          filtrar(api, +s.getAttribute('data-columna'), p[1]);
        });
      });
      if (usadas) { api.draw(); primera = primera || api.table().container(); }
    });
    if (primera) primera.scrollIntoView({ block: 'start' });
  }

  // Al imprimir: todas las filas (sin búsqueda ni filtros); al terminar se restablece lo que había.
  function prepararImpresion(tablas) {
    var guardado = null;
    window.addEventListener('beforeprint', function () {
      guardado = tablas.map(function (api) {
        var estado = { busqueda: api.search(), filtros: selects(api).map(function (s) { return s.value; }) };
        limpiar(api);
        api.draw(false);
        return estado;
      });
    });
    window.addEventListener('afterprint', function () {
      if (!guardado) return;
      tablas.forEach(function (api, i) {
        api.search(guardado[i].busqueda);
        selects(api).forEach(function (s, j) {
          s.value = guardado[i].filtros[j];
          filtrar(api, +s.getAttribute('data-columna'), s.value);
        });
        api.draw(false);
      });
      guardado = null;
    });
  }

  function iniciar() {
    var tablas = [];
    document.querySelectorAll('table.pai-tabla[data-interactiva]').forEach(function (tabla) {
      try {
        tablas.push(new DataTable(tabla, {
          paging: false,          // todas las filas siguen en la página (impresión completa)
          order: [],              // conserva el orden del servidor hasta que se pulse un encabezado
          autoWidth: false,
          orderClasses: false,
          language: ES,
          layout: {
            topStart: 'search',
            topEnd: 'paiFiltros',
            bottomStart: 'info',
            bottomEnd: null
          }
        }));
      } catch (e) {
        console.warn('pai-tablas: la tabla queda estática', e);
      }
    });
    if (!tablas.length) return;
    aplicarHash(tablas);
    window.addEventListener('hashchange', function () { aplicarHash(tablas); });
    prepararImpresion(tablas);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', iniciar);
  else iniciar();
})();
