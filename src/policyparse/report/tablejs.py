"""The script of the review list (待人工核查): a text filter over every row of its tables, and
click-to-sort headers (numbers as numbers, text in Chinese collation). Vanilla JS, no network; it
only reads cell text and toggles ``hidden`` / ``aria-sort``."""

SCRIPT = """
(function () {
  var box = document.getElementById('review-filter');
  if (!box) { return; }
  var section = document.getElementById('unresolved');
  var count = document.getElementById('review-count');
  var tables = Array.prototype.slice.call(section.querySelectorAll('table.sortable'));
  function rows(t) { return Array.prototype.slice.call(t.tBodies[0].rows); }
  function filter() {
    var q = box.value.trim().toLowerCase(), shown = 0, total = 0;
    tables.forEach(function (t) {
      var hit = 0;
      rows(t).forEach(function (r) {
        var ok = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
        r.hidden = !ok; total += 1;
        if (ok) { shown += 1; hit += 1; }
      });
      var d = t.closest('details');
      if (d && q && hit) { d.open = true; }
    });
    count.textContent = q ? shown + ' / ' + total + ' 行' : '';
  }
  function key(cell) {
    var s = (cell ? cell.textContent : '').trim(), n = parseFloat(s.replace(/[^0-9.\\-]/g, ''));
    return /^[-\\d.]/.test(s) && !isNaN(n) ? n : s;
  }
  function sort(t, col, th) {
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var body = t.tBodies[0];
    rows(t).map(function (r, i) { return [key(r.cells[col]), i, r]; }).sort(function (a, b) {
      var x = a[0], y = b[0], c;
      if (typeof x === 'number' && typeof y === 'number') { c = x - y; }
      else { c = String(x).localeCompare(String(y), 'zh'); }
      return (asc ? c : -c) || a[1] - b[1];
    }).forEach(function (e) { body.appendChild(e[2]); });
  }
  tables.forEach(function (t) {
    Array.prototype.forEach.call(t.tHead.rows[0].cells, function (th, col) {
      th.tabIndex = 0; th.title = '点击排序';
      th.addEventListener('click', function () { sort(t, col, th); });
      th.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); sort(t, col, th); }
      });
    });
  });
  box.addEventListener('input', filter);
})();
"""
