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
