// The call desk: the caller's card pops when the telephony system reports a call on the agent's line (Server-Sent
// Events from /Calls/events, no reload); typing a number pops it too (htmx attributes on the number box).
(function () {
  'use strict';
  var desk = document.getElementById('call-desk');
  if (!desk) return;
  var status = document.getElementById('live-status');
  var number = document.getElementById('call-number');
  var callId = document.getElementById('call-id');
  var alertBox = document.getElementById('pop-alert');
  var source = null;
  var retry = 1000;

  function show(online) {
    status.textContent = status.getAttribute(online ? 'data-online' : 'data-offline');
    status.className = 'badge ' + (online ? 'text-bg-success' : 'text-bg-secondary');
  }

  // A call rang on this agent's line: the number box shows it (masked), the form logs that call, the card pops.
  function pop(call) {
    callId.value = call.callId;
    number.value = call.number;
    alertBox.textContent = alertBox.getAttribute('data-text').replace('{number}', call.number).replace('{line}', call.line || '');
    alertBox.classList.remove('d-none');
    htmx.ajax('GET', desk.getAttribute('data-card') + '&callId=' + encodeURIComponent(call.callId), { target: '#caller-card', swap: 'innerHTML' });
  }

  function connect() {
    if (!window.EventSource) return;
    source = new EventSource(desk.getAttribute('data-events'));
    source.addEventListener('open', function () { retry = 1000; show(true); });
    source.addEventListener('call', function (e) {
      var call;
      try { call = JSON.parse(e.data); } catch (err) { return; }
      pop(call);
    });
    source.addEventListener('error', function () {
      show(false);
      // The browser retries a dropped stream by itself; one the server refused is closed: try again, more slowly each time.
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, retry);
        retry = Math.min(retry * 2, 30000);
      }
    });
  }

  // Typing another number: it is a new call, not the reported one.
  number.addEventListener('input', function () { callId.value = ''; });

  // The caller's name goes into the log form unless the agent wrote one.
  document.body.addEventListener('htmx:afterSwap', function (e) {
    if (e.detail.target.id !== 'caller-card') return;
    var card = e.detail.target.querySelector('[data-caller]');
    var name = document.getElementById('Input_CallerName');
    if (card && name && !name.value) name.value = card.getAttribute('data-caller');
  });

  window.addEventListener('pagehide', function () { if (source) source.close(); });
  connect();
})();
