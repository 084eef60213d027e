// codesocial site script: the menu button on narrow screens, the table of contents folded
// on them, tab stops on the boxes that scroll, and the catalogue's filters. Everything works without it: the menu is then
// open, and the catalogue a plain list. (Search has its own script, on the search page.)
(function () {
  "use strict";

  function params() {
    try {
      return new URLSearchParams(window.location.search);
    } catch (e) {
      return null;
    }
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
    // A select's first value is the one chosen in the page (the catalogue shows active
    // offers first); the address names only the choices that differ from it.
    function initial(sel) {
      var chosen = sel.querySelector("option[selected]");
      return chosen ? chosen.value : "";
    }
    selects.forEach(function (sel) {
      if (!query || !query.has(sel.name)) return;
      var v = query.get(sel.name);
      if (sel.querySelector('option[value="' + CSS.escape(v) + '"]')) sel.value = v;
    });

    // Whether an item passes every select but those named in `skip`.
    function passes(li, skip) {
      return selects.every(function (sel) {
        return sel.name === skip || !sel.value || words(li.getAttribute("data-" + sel.name + "s")).indexOf(sel.value) >= 0;
      });
    }

    function apply(updateUrl) {
      var shown = 0;
      // Items hidden by their status alone: when nothing is shown, the count says they
      // exist (archived offers are hidden by default, and a member may have only those).
      var otherStatut = 0;
      items.forEach(function (li) {
        var ok = passes(li, null);
        li.hidden = !ok;
        if (ok) shown += 1;
        else if (passes(li, "statut")) otherStatut += 1;
      });
      if (count) {
        var plurals = new Intl.PluralRules(document.documentElement.lang || "fr");
        var n = shown === 0 ? otherStatut : shown;
        var one = plurals.select(n) === "one";
        var sentence = shown > 0 ? (one ? "data-one" : "data-other")
          : otherStatut > 0 ? (one ? "data-zero-other-one" : "data-zero-other-other")
          : "data-zero";
        count.textContent = (count.getAttribute(sentence) || "{n}").replace("{n}", String(n));
      }
      if (updateUrl && window.history && window.history.replaceState) {
        var q = new URLSearchParams();
        selects.forEach(function (sel) {
          if (sel.value !== initial(sel)) q.set(sel.name, sel.value);
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

  function menu() {
    var button = document.querySelector(".menu-button");
    var panel = document.getElementById("cs-menu");
    if (!button || !panel) return;
    function set(open) {
      button.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("open", open);
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    // On a phone the open menu covers the page: when the keyboard's focus leaves it, it
    // closes, so that the focused link is never hidden behind it.
    panel.addEventListener("focusout", function (e) {
      if (button.getAttribute("aria-expanded") === "true" && e.relatedTarget &&
          !panel.contains(e.relatedTarget) && e.relatedTarget !== button) set(false);
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
      }
    });
  }

  function toc() {
    var details = document.querySelector(".toc details");
    if (details && window.matchMedia && window.matchMedia("(max-width: 63.99rem)").matches) {
      details.open = false;
    }
  }

  // Code blocks and tables are tab stops (for the keyboard to scroll them) only while they
  // overflow at the reader's width; the page marks them all, for readers without scripts.
  function scrollers() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-scroll]"));
    if (!boxes.length) return;
    // A box with more to its right fades at its right edge (a table cut at the screen's
    // edge would otherwise read as complete: "2 dé" for a date).
    function edge(el) {
      el.classList.toggle("more-right", el.scrollLeft + el.clientWidth < el.scrollWidth - 1);
    }
    function update() {
      boxes.forEach(function (el) {
        if (el.scrollWidth > el.clientWidth + 1) el.setAttribute("tabindex", "0");
        else if (el !== document.activeElement) el.removeAttribute("tabindex");
        edge(el);
      });
    }
    boxes.forEach(function (el) {
      el.addEventListener("scroll", function () { edge(el); }, { passive: true });
    });
    update();
    var pending = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(update, 150);
    });
  }

  // On a wide screen the header is one line; when the navigation does not fit on it (long
  // labels, a long name, a narrower window), it folds behind the menu button, as on a
  // phone. Measured again at each change of width, the menu closed when the fold changes.
  function fold() {
    var header = document.querySelector(".site-header");
    var list = header && header.querySelector(".site-nav ul");
    if (!list || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 52.01rem)");
    function update() {
      var was = header.classList.contains("folded");
      header.classList.remove("folded");
      var folded = wide.matches && list.scrollWidth > list.clientWidth + 1;
      header.classList.toggle("folded", folded);
      if (was !== folded) {
        var button = header.querySelector(".menu-button");
        var panel = document.getElementById("cs-menu");
        if (button) button.setAttribute("aria-expanded", "false");
        if (panel) panel.classList.remove("open");
      }
    }
    update();
    window.addEventListener("resize", update);
  }

  // The sticky header's height, which the stylesheet can only estimate (the navigation
  // wraps onto more lines when the plans are many): what the table of contents and the
  // anchors' scroll position keep clear of.
  function headerHeight() {
    var header = document.querySelector(".site-header");
    if (!header) return;
    function update() {
      var sticky = window.getComputedStyle(header).position === "sticky";
      if (sticky) document.documentElement.style.setProperty("--header-h", header.offsetHeight + "px");
      else document.documentElement.style.removeProperty("--header-h");
    }
    update();
    var pending = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(update, 150);
    });
  }

  function print() {
    var button = document.querySelector("[data-print]");
    if (!button || !window.print) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  menu();
  fold();
  headerHeight();
  toc();
  scrollers();
  print();
  catalogue();
})();
