// Live reload for `codesocial serve`, added to every page at serve time.
// One tab per browser asks the server (long polling) and tells the others through a
// BroadcastChannel: over HTTP/1.1 a browser opens at most six connections per host, and
// with a poll per tab, six open tabs would leave none for the next page (it would wait
// for a poll to end, up to 25 s). Where Web Locks are missing (a preview reached by
// another machine's address is no secure context), each tab polls.
(function () {
  var v = __VERSION__;
  var channel = window.BroadcastChannel ? new BroadcastChannel("codesocial-reload") : null;
  var forever = new Promise(function () {});
  function reload(to) {
    if (channel) channel.postMessage(to);
    location.reload();
    return forever;
  }
  function later() {
    return new Promise(function (done) { setTimeout(done, 1000); }).then(poll);
  }
  function poll() {
    return fetch("__PATH__?since=" + v, { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw r; return r.text(); })
      .then(function (t) { var now = parseInt(t, 10); return now !== v ? reload(now) : poll(); }, later);
  }
  if (channel) channel.onmessage = function (e) { if (e.data !== v) location.reload(); };
  if (channel && navigator.locks) navigator.locks.request("codesocial-reload", poll);
  else poll();
})();
