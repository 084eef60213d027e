// codesocial search. The index (assets/search-index.js, loaded before this script) holds
// every page's text in blocks, gzipped: it is inflated here with DecompressionStream,
// since file:// pages may not fetch. The same tokeniser, elision rule, stemmer (the
// function `stemmer`, prepended to this file by `codesocial build`) and accent folding
// serve the index and the query, so "Décisions", "décision" and "decision" meet.
// Without JavaScript, or in a browser without DecompressionStream, the page lists every
// page of the site instead.
(function () {
  "use strict";

  var results = document.getElementById("cs-search-results");
  var form = document.getElementById("cs-search-form");
  var input = document.getElementById("cs-search-q");
  if (!results || !form || !input || !window.CODESOCIAL_SEARCH_GZ) return;
  if (typeof DecompressionStream === "undefined" || typeof TextDecoder === "undefined") return;

  var lang = document.documentElement.lang || "fr";
  // A number written in groups of three digits is one word, so that "2400" finds
  // "2 400 €": French groups them with a space, a no-break space or a narrow one
  // ("1 100 000"), English with a comma as well ("€1,500"). Then a word of letters and
  // digits, elisions kept together.
  var SEPARATORS = lang === "en" ? " ,\u00a0\u202f\u2009" : " \u00a0\u202f\u2009";
  var WORD = new RegExp("\\d{1,3}(?:[" + SEPARATORS + "]\\d{3})+(?!\\d)|[\\p{L}\\p{N}]+(?:['’][\\p{L}\\p{N}]+)*", "gu");
  var GROUP_SEPARATOR = new RegExp("[" + SEPARATORS + "]", "g");
  // French elision: l’, d’, j’, m’, n’, s’, t’, c’, qu’ and its compounds.
  var ELISION = /^(?:l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|jusqu|quoiqu)['’]/;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  function bare(word) {
    var w = word.toLowerCase().replace(/’/g, "'").replace(GROUP_SEPARATOR, "");
    if (lang === "fr") w = w.replace(ELISION, "");
    else w = w.replace(/'s$/, "");
    return w;
  }

  var stems = Object.create(null);
  // The search key of a word: its stem, without accents. A word of three letters or fewer
  // is its own key: stemmed, "Léa" would meet "le" and "les".
  function key(word) {
    var w = bare(word);
    var k = stems[w];
    if (k === undefined) {
      k = fold(Array.from(w).length <= 3 ? w : stemmer(w));
      stems[w] = k;
    }
    return k;
  }

  function tokens(text) {
    return text.match(WORD) || [];
  }

  function inflate(b64) {
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  // Per page: how often each key occurs in its text and in its title.
  function prepare(index) {
    var words = Object.create(null); // folded word -> key, for prefixes
    var blockKeys = index.blocks.map(function (b) {
      return tokens(b).map(function (t) {
        var k = key(t);
        words[fold(bare(t))] = k;
        return k;
      });
    });
    var total = 0;
    var pages = index.pages.map(function (p) {
      var tf = Object.create(null);
      var title = Object.create(null);
      var length = 0;
      p.b.forEach(function (id) {
        blockKeys[id].forEach(function (k) { tf[k] = (tf[k] || 0) + 1; length += 1; });
      });
      tokens(p.t).forEach(function (t) { title[key(t)] = true; });
      total += length;
      return { page: p, tf: tf, title: title, length: length };
    });
    var df = Object.create(null);
    pages.forEach(function (p) {
      Object.keys(p.tf).forEach(function (k) { df[k] = (df[k] || 0) + 1; });
    });
    return { blocks: index.blocks, pages: pages, words: words, df: df,
             avg: total / Math.max(pages.length, 1) };
  }

  // Each query word: the keys it matches (its own, or words it begins, for the last one).
  function queryTerms(data, q) {
    var list = tokens(q);
    return list.map(function (t, i) {
      var own = key(t);
      var keys = {};
      keys[own] = 1;
      var prefix = fold(bare(t));
      if (i === list.length - 1 && prefix.length >= 3) {
        Object.keys(data.words).forEach(function (w) {
          if (w.indexOf(prefix) === 0 && !keys[data.words[w]]) keys[data.words[w]] = 0.5;
        });
      }
      return keys;
    });
  }

  // BM25 over the page's text, the title counted as a strong signal; every word must match.
  function score(data, p, terms) {
    var s = 0;
    for (var i = 0; i < terms.length; i++) {
      var best = 0;
      Object.keys(terms[i]).forEach(function (k) {
        var tf = p.tf[k] || 0;
        if (!tf && !p.title[k]) return;
        var idf = Math.log(1 + (data.pages.length - (data.df[k] || 0) + 0.5) / ((data.df[k] || 0) + 0.5));
        var bm = (tf * 2.2) / (tf + 1.2 * (0.25 + 0.75 * p.length / data.avg));
        var v = terms[i][k] * idf * (bm + (p.title[k] ? 3 : 0));
        if (v > best) best = v;
      });
      if (!best) return 0;
      s += best;
    }
    return s;
  }

  // The passage of the page that holds the most query words, about 30 words long.
  function snippet(data, p, wanted) {
    var best = null;
    p.page.b.forEach(function (id) {
      var words = tokens(data.blocks[id]);
      var hits = words.filter(function (w) { return wanted[key(w)]; }).length;
      // More query words first; between equals, a sentence rather than a lone name.
      var worth = hits * 100 + Math.min(words.length, 20);
      if (hits && (!best || worth > best.worth)) best = { id: id, worth: worth };
    });
    var text = best ? data.blocks[best.id] : data.blocks[p.page.b[0]] || "";
    var parts = [];
    var re = new RegExp(WORD.source, "gu");
    var last = 0, m, first = -1;
    while ((m = re.exec(text))) {
      if (m.index > last) parts.push({ text: text.slice(last, m.index) });
      var hit = !!wanted[key(m[0])];
      if (hit && first < 0) first = parts.length;
      parts.push({ text: m[0], word: true, hit: hit });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push({ text: text.slice(last) });
    var from = Math.max(0, (first < 0 ? 0 : first) - 20);
    var to = Math.min(parts.length, from + 60);
    return { parts: parts.slice(from, to), before: from > 0, after: to < parts.length };
  }

  // One result: its title linked, its kind, a snippet with the query's words marked.
  function item(r, wanted, data) {
    var root = results.getAttribute("data-root") || "";
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + r.p.page.u;
    a.textContent = r.p.page.t;
    var kind = document.createElement("span");
    kind.className = "muted small";
    kind.textContent = " · " + r.p.page.k;
    li.appendChild(a);
    li.appendChild(kind);
    var sn = snippet(data, r.p, wanted);
    var para = document.createElement("p");
    para.className = "snippet small";
    if (sn.before) para.appendChild(document.createTextNode("… "));
    sn.parts.forEach(function (part) {
      if (part.hit) {
        var mark = document.createElement("mark");
        mark.textContent = part.text;
        para.appendChild(mark);
      } else {
        para.appendChild(document.createTextNode(part.text));
      }
    });
    if (sn.after) para.appendChild(document.createTextNode(" …"));
    li.appendChild(para);
    return li;
  }

  // Results are listed by pages (50, or the section's data-page-size); the status says how
  // many are shown of how many, and the "more" button lists the next page, the keyboard's
  // focus on its first result.
  var shown = null;
  function more(focus) {
    var size = parseInt(results.getAttribute("data-page-size"), 10) || 50;
    var ul = document.getElementById("cs-results");
    var status = document.getElementById("cs-results-count");
    var button = document.getElementById("cs-results-more");
    var next = shown.found.slice(shown.count, shown.count + size);
    next.forEach(function (r, i) {
      var li = item(r, shown.wanted, shown.data);
      ul.appendChild(li);
      if (focus && i === 0) li.querySelector("a").focus();
    });
    shown.count += next.length;
    var n = shown.found.length;
    var partial = shown.count < n;
    var form = partial ? "data-partial" : new Intl.PluralRules(lang).select(n) === "one" ? "data-one" : "data-other";
    status.textContent = (status.getAttribute(form) || "")
      .replace("{shown}", String(shown.count))
      .replace("{n}", String(n))
      .replace("{q}", shown.q.trim());
    if (button) {
      button.hidden = !partial;
      button.textContent = (button.getAttribute("data-label") || "").replace("{k}", String(Math.min(size, n - shown.count)));
    }
  }

  function render(data, q) {
    var ul = document.getElementById("cs-results");
    ul.textContent = "";
    var terms = queryTerms(data, q);
    if (!terms.length) {
      // A query of signs only ("€", "?"): say so, above the list of every page.
      var typed = q.trim();
      results.hidden = !typed;
      if (typed) {
        var status = document.getElementById("cs-results-count");
        status.textContent = (status.getAttribute("data-no-word") || "").replace("{q}", typed);
        var button = document.getElementById("cs-results-more");
        if (button) button.hidden = true;
      }
      var every = document.getElementById("cs-all-pages");
      if (every) every.hidden = false;
      return;
    }
    var wanted = {};
    terms.forEach(function (t) { Object.keys(t).forEach(function (k) { wanted[k] = true; }); });
    var found = data.pages
      .map(function (p) { return { p: p, s: score(data, p, terms) }; })
      .filter(function (r) { return r.s > 0; })
      .sort(function (a, b) { return b.s - a.s || a.p.page.t.localeCompare(b.p.page.t, lang); });
    shown = { data: data, found: found, wanted: wanted, q: q, count: 0 };
    more(false);
    results.hidden = false;
    // The list of every page is for readers without a query (or without JavaScript).
    var all = document.getElementById("cs-all-pages");
    if (all) all.hidden = true;
  }

  form.hidden = false;
  var params = new URLSearchParams(window.location.search);
  var q = params.get("q") || "";
  input.value = q;
  var header = document.getElementById("cs-q");
  if (header) header.value = q;
  inflate(window.CODESOCIAL_SEARCH_GZ).then(function (index) {
    var data = prepare(index);
    var moreButton = document.getElementById("cs-results-more");
    if (moreButton) moreButton.addEventListener("click", function () { more(true); });
    document.documentElement.setAttribute("data-search-ready", "");
    render(data, input.value);
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        render(data, input.value);
        try {
          var url = input.value.trim() ? "?q=" + encodeURIComponent(input.value.trim()) : window.location.pathname;
          window.history.replaceState(null, "", url);
        } catch (e) {
          // file:// pages may refuse it: the results are shown all the same.
        }
      }, 120);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      render(data, input.value);
    });
  });
})();
