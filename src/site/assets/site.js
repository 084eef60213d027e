// codesocial site script: catalogue filters and search. Everything works without it:
// the catalogue is then a plain list, and the search page lists every page.
(function () {
  "use strict";

  function params() {
    try {
      return new URLSearchParams(window.location.search);
    } catch (e) {
      return null;
    }
  }

  function fold(s) {
    return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(s) {
    return (s || "").split(/\s+/).filter(Boolean);
  }

  function catalogue() {
    var form = document.getElementById("cs-filters");
    var list = document.getElementById("cs-offers");
    if (!form || !list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-type]"));
    // Each select filters on the attribute data-<its name>s of the items (a list of words).
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[name]"));
    var count = document.getElementById("cs-count");
    var query = params();
    selects.forEach(function (sel) {
      var v = query && query.get(sel.name);
      if (v && sel.querySelector('option[value="' + CSS.escape(v) + '"]')) sel.value = v;
    });

    function apply(updateUrl) {
      var shown = 0;
      items.forEach(function (li) {
        var ok = selects.every(function (sel) {
          return !sel.value || words(li.getAttribute("data-" + sel.name + "s")).indexOf(sel.value) >= 0;
        });
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = String(shown);
      if (updateUrl && window.history && window.history.replaceState) {
        var q = new URLSearchParams();
        selects.forEach(function (sel) {
          if (sel.value) q.set(sel.name, sel.value);
        });
        var s = q.toString();
        try {
          window.history.replaceState(null, "", s ? "?" + s : window.location.pathname);
        } catch (e) {
          // file:// pages may refuse it: the filter still works.
        }
      }
    }

    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  function search() {
    var results = document.getElementById("cs-search-results");
    var form = document.getElementById("cs-search-form");
    if (!results || !form) return;
    form.hidden = false;
    var index = window.CODESOCIAL_SEARCH || [];
    var query = params();
    var q = (query && query.get("q")) || "";
    var input = document.getElementById("cs-search-q");
    input.value = q;
    var header = document.getElementById("cs-q");
    if (header) header.value = q;
    var terms = words(fold(q));
    if (!terms.length) return;
    var root = results.getAttribute("data-root") || "";
    var scored = [];
    index.forEach(function (e) {
      var title = fold(e.t), text = fold(e.d) + " " + fold(e.k);
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        if (title.indexOf(terms[i]) >= 0) score += 3;
        else if (text.indexOf(terms[i]) >= 0) score += 1;
        else return;
      }
      scored.push({ e: e, score: score });
    });
    scored.sort(function (a, b) { return b.score - a.score || a.e.t.localeCompare(b.e.t); });
    var ul = document.getElementById("cs-results");
    scored.slice(0, 50).forEach(function (s) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + s.e.u;
      a.textContent = s.e.t;
      var kind = document.createElement("span");
      kind.className = "muted small";
      kind.textContent = " " + s.e.k;
      li.appendChild(a);
      li.appendChild(kind);
      if (s.e.d) {
        var p = document.createElement("p");
        p.className = "small";
        p.textContent = s.e.d;
        li.appendChild(p);
      }
      ul.appendChild(li);
    });
    if (!scored.length) {
      var none = document.createElement("li");
      none.textContent = results.getAttribute("data-none");
      ul.appendChild(none);
    }
    results.hidden = false;
  }

  catalogue();
  search();
})();
