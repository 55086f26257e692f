// The callback screen by keyboard (no inline script: the CSP forbids it). Focus starts on the first unanswered
// question; digits answer (1–9, 0 = 10; yes/no 1 / 2; an option's number) and move on; Enter moves on (in the free
// text too, Shift+Enter for a new line); Esc leaves a text box; a button's letter (data-key) records that outcome.
(function () {
  var form = document.getElementById('outcome-form');
  if (!form) return;
  var questions = Array.prototype.slice.call(form.querySelectorAll('.question'));

  function answered(q) {
    return q.querySelector('input[type=radio]:checked') !== null || (q.querySelector('textarea') || {}).value;
  }
  function focusAt(i) {
    questions.forEach(function (q) { q.classList.remove('current'); });
    if (i >= questions.length) {
      var done = document.getElementById('outcome-success');
      if (done) done.focus();
      return;
    }
    var q = questions[i];
    q.classList.add('current');
    var el = q.querySelector('input[type=radio]:checked') || q.querySelector('input[type=radio], textarea');
    if (el) el.focus({ preventScroll: true });
    q.scrollIntoView({ block: 'nearest' });
  }
  function next(q) { focusAt(questions.indexOf(q) + 1); }
  function answer(q, digit) {
    var type = q.getAttribute('data-type');
    var radios = q.querySelectorAll('input[type=radio]');
    var index = type === 'Score' ? (digit === 0 ? 10 : digit) - 1 : digit - 1;
    var radio = radios[index];
    if (!radio || radio.disabled) return false;
    radio.checked = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    next(q);
    return true;
  }

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    var t = e.target;
    var q = t.closest ? t.closest('.question') : null;
    var typing = t.matches && t.matches('textarea, select, input:not([type=radio]):not([type=checkbox]):not([type=button]):not([type=submit])');
    if (typing) {
      if (e.key === 'Escape') { t.blur(); e.preventDefault(); }
      else if (e.key === 'Enter' && !e.shiftKey && q) { e.preventDefault(); next(q); }
      return;
    }
    if (q && /^[0-9]$/.test(e.key)) { if (answer(q, parseInt(e.key, 10))) e.preventDefault(); return; }
    if (q && e.key === 'Enter') { e.preventDefault(); next(q); return; }
    var button = e.key.length === 1 ? document.querySelector('[data-key="' + e.key.toLowerCase() + '"]') : null;
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  });

  // Start where the work is: the first question not answered yet.
  function start() {
    var first = questions.findIndex(function (q) { return !answered(q); });
    if (questions.length > 0) focusAt(first < 0 ? questions.length : first);
  }
  start();

  // A dialled call has ended (HX-Trigger of the dial button's answer): its outcome is pre-selected — answered takes
  // the specialist to the questions, busy or no answer puts the focus on that outcome's button (Enter records it).
  document.addEventListener('dcrc-dialed', function (e) {
    var outcome = e.detail && e.detail.outcome;
    form.querySelectorAll('.outcome-bar .suggested').forEach(function (b) { b.classList.remove('suggested'); });
    var button = outcome ? document.getElementById('outcome-' + outcome) : null;
    if (!button) return;
    button.classList.add('suggested');
    if (outcome === 'success' && questions.length > 0) start(); else button.focus();
  });
})();
