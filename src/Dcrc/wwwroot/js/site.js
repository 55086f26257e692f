// Small behaviours without inline script (the CSP forbids it).
document.addEventListener('change', function (e) {
  var form = e.target.closest('form[data-autosubmit]');
  if (form) form.requestSubmit();
});
document.addEventListener('click', function (e) {
  var el = e.target.closest('[data-confirm]');
  if (el && !window.confirm(el.getAttribute('data-confirm'))) e.preventDefault();
});
// A "select all" box ticks every box its data-check-all selector names.
document.addEventListener('change', function (e) {
  var all = e.target.closest('[data-check-all]');
  if (all) document.querySelectorAll(all.getAttribute('data-check-all')).forEach(function (c) { c.checked = all.checked; });
});
// Countdowns to a due instant (data-due, ISO): hh:mm:ss left, or the late text and red once it has passed.
(function () {
  function tick() {
    document.querySelectorAll('.countdown[data-due]').forEach(function (el) {
      var left = Math.floor((Date.parse(el.getAttribute('data-due')) - Date.now()) / 1000);
      if (left <= 0) { el.textContent = el.getAttribute('data-late'); el.classList.add('text-danger', 'fw-bold'); return; }
      var h = Math.floor(left / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
      el.textContent = h + ':' + String(m).padStart(2, '0') + ':' + String(s).padStart(2, '0');
    });
  }
  tick();
  setInterval(tick, 1000);
})();
// A print button (data-print) prints the page with the print stylesheet.
document.addEventListener('click', function (e) {
  if (e.target.closest('[data-print]')) window.print();
});
