// Drives headless Chromium over a built site for the Rust test suite
// (tests/testsuite/site_browser.rs): search, the catalogue's filter, the 404 page, layout
// at 390 px, light and dark, the contrast of the drawings' text, axe-core, payloads that
// must never run, and screenshots. Reads one JSON task file (argv[2]); prints one JSON
// object `{ failures: [...], notes: [...] }` on stdout. Every check is data: the Rust
// side decides what passes.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const task = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const failures = [];
const notes = [];
const fail = (what) => failures.push(what);

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".xml": "application/xml", ".json": "application/json",
  ".jsonld": "application/ld+json", ".png": "image/png",
};

// A static server for each site at its sub-path; unknown addresses get the site's 404.html
// with status 404, as GitHub Pages and most servers are configured to answer.
function serve(sites) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split("?")[0]);
    const site = sites.find((s) => url.startsWith(s.prefix));
    if (!site) {
      res.writeHead(404);
      return res.end();
    }
    let file = path.join(site.dir, url.slice(site.prefix.length));
    if (!file.startsWith(site.dir)) {
      res.writeHead(403);
      return res.end();
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    let status = 200;
    if (!fs.existsSync(file)) {
      file = path.join(site.dir, "404.html");
      status = 404;
    }
    res.writeHead(status, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(req.method === "HEAD" ? undefined : fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function newPage(browser, { width = 1280, height = 900, scheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  return { context, page, errors };
}

// Types each query into the search page's box and compares the results with what is expected.
async function search(browser, base, label) {
  const { context, page, errors } = await newPage(browser);
  await page.goto(base + "recherche/index.html");
  await page.waitForSelector("html[data-search-ready]", { timeout: 10000 }).catch(() => fail(`${label}: search index never loaded`));
  for (const q of task.search.queries) {
    await page.fill("#cs-search-q", "");
    await page.type("#cs-search-q", q.text);
    await page.waitForFunction(
      (t) => document.getElementById("cs-results-count").textContent.includes(t.trim()),
      q.text, { timeout: 5000 },
    ).catch(() => fail(`${label}: no result count for "${q.text}"`));
    const found = await page.$$eval("#cs-results > li", (items) => items.map((li) => ({
      href: li.querySelector("a").getAttribute("href"),
      marks: Array.from(li.querySelectorAll("mark")).map((m) => m.textContent),
    })));
    for (const want of q.expect) {
      const hit = found.find((f) => f.href.endsWith(want));
      if (!hit) fail(`${label}: "${q.text}" does not find ${want} (found ${found.slice(0, 5).map((f) => f.href).join(", ")})`);
      else if (!hit.marks.length) fail(`${label}: "${q.text}" finds ${want} without a highlighted snippet`);
    }
    const rank = found.findIndex((f) => f.href.endsWith(q.expect[0]));
    // A name ranks its page first, and only the words it is are highlighted ("Léa" is
    // not "le" or "les").
    if (q.first && rank !== 0) fail(`${label}: "${q.text}" ranks ${q.expect[0]} ${rank + 1}, not first`);
    for (const f of q.marks ? found : []) {
      const stray = f.marks.filter((m) => !q.marks.includes(m.toLowerCase()));
      if (stray.length) fail(`${label}: "${q.text}" highlights ${stray.join(", ")} in ${f.href}`);
    }
    // With every result shown, the "more" button is not seen.
    const more = await page.evaluate(() => {
      const b = document.getElementById("cs-results-more");
      return b ? { hidden: b.hidden, shown: b.getClientRects().length > 0 } : null;
    });
    if (more && more.hidden && more.shown) fail(`${label}: "${q.text}": the hidden "more" button is displayed`);
    notes.push(`${label}: "${q.text}" → ${found.length} results, expected page ranked ${rank + 1}`);
  }
  // Many results: the count says how many are shown of how many, "more" shows the rest.
  await page.evaluate(() => { document.getElementById("cs-search-results").dataset.pageSize = "2"; });
  const many = task.search.queries[0].text;
  await page.fill("#cs-search-q", "");
  await page.type("#cs-search-q", many);
  await page.waitForTimeout(400);
  const total = await page.evaluate(() => document.getElementById("cs-results-count").textContent);
  const listed = () => page.$$eval("#cs-results > li", (ls) => ls.length);
  const numbers = (total.match(/\d+/g) || []).map(Number);
  if ((await listed()) !== 2 || !numbers.includes(2) || !numbers.some((n) => n > 2)) {
    fail(`${label}: ${await listed()} results listed, the count says "${total}"`);
  } else {
    const all = Math.max(...numbers);
    await page.click("#cs-results-more", { timeout: 3000 });
    const focused = await page.evaluate(() => document.activeElement.closest("#cs-results > li:nth-child(3)") !== null);
    if ((await listed()) !== Math.min(4, all) || !focused) fail(`${label}: "more" lists ${await listed()} of ${all}, focus on the third: ${focused}`);
  }
  // From the header's box on another page, by pressing Enter.
  await page.goto(base + "index.html");
  await page.fill("#cs-q", task.search.queries[0].text);
  await page.press("#cs-q", "Enter");
  await page.waitForSelector("#cs-results > li", { timeout: 10000 }).catch(() => fail(`${label}: the header's search box leads to no results`));
  if (errors.length) fail(`${label}: errors on the search page: ${errors.join(" | ")}`);
  await context.close();
}

async function catalogue(browser, base) {
  const { context, page, errors } = await newPage(browser, { width: 390, height: 844 });
  await page.goto(base + "catalogue/index.html");
  const visible = () => page.$$eval("#cs-offers > li", (ls) => ls.filter((l) => !l.hidden).map((l) => ({
    type: l.dataset.type, statut: l.dataset.statuts,
  })));
  const c = task.catalogue;
  let shown = await visible();
  if (shown.some((o) => o.statut !== "active")) fail("catalogue: an archived offer is shown by default");
  if (shown.length !== c.active) fail(`catalogue: ${shown.length} offers shown by default, expected ${c.active}`);
  await page.selectOption("#cs-f-type", "produit", { timeout: 3000 });
  shown = await visible();
  if (!shown.length || shown.some((o) => o.type !== "produit")) fail("catalogue: the type filter does not filter");
  // Filters that only an archived offer matches: none is shown, and the count says that
  // an offer of another status matches (not a bare "no offer").
  if (c.archivedOnly) {
    await page.selectOption("#cs-f-type", c.archivedOnly.type);
    await page.selectOption("#cs-f-membre", c.archivedOnly.membre);
    shown = await visible();
    if (shown.length) fail(`catalogue: ${shown.length} offers shown for filters only an archived offer matches`);
    const said = await page.textContent("#cs-count");
    if (!said.includes(c.archivedOnly.says)) fail(`catalogue: for filters only an archived offer matches, the count says "${said}"`);
    await page.selectOption("#cs-f-membre", "");
  }
  await page.selectOption("#cs-f-statut", "");
  await page.selectOption("#cs-f-type", "");
  shown = await visible();
  if (shown.length !== c.all) fail(`catalogue: "all" shows ${shown.length} offers, expected ${c.all}`);
  const count = await page.textContent("#cs-count");
  if (!count.includes(String(c.all))) fail(`catalogue: the count says "${count}"`);
  // The form's button puts every filter back as the page opened (active offers only),
  // and its label says so: never "show all", which it does not do (issue 17).
  const button = "#cs-filters button[type=reset]";
  const label = (await page.textContent(button)).trim();
  if (label !== c.reset) fail(`catalogue: the reset button reads "${label}", expected "${c.reset}"`);
  await page.click(button);
  await page.waitForFunction((n) => [...document.querySelectorAll("#cs-offers > li")].filter((l) => !l.hidden).length === n,
    c.active, { timeout: 3000 }).catch(() => {});
  shown = await visible();
  const statut = await page.inputValue("#cs-f-statut");
  if (shown.length !== c.active || statut !== "active") {
    fail(`catalogue: after "${label}", ${shown.length} offers shown and status "${statut}", expected ${c.active} active ones, as the page opened`);
  }
  await page.selectOption("#cs-f-statut", "");
  const titles = await page.$$eval("#cs-offers > li h2", (hs) => hs.map((h) => h.textContent.trim()));
  const sorted = [...titles].sort(new Intl.Collator(task.lang, { numeric: true }).compare);
  if (titles.join("|") !== sorted.join("|")) fail(`catalogue: not sorted by title: ${titles.join(" | ")}`);
  if (errors.length) fail(`catalogue: ${errors.join(" | ")}`);
  await context.close();
}

// The 404 page at a depth, styled and with links that lead home, with and without scripts.
async function notFound(browser, base, label, { js = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: js });
  const page = await context.newPage();
  label = `${label}${js ? "" : ", no JavaScript"}`;
  const response = await page.goto(base + "un/deux/trois/introuvable.html");
  if (response.status() !== 404) fail(`${label}: the server did not answer 404`);
  // The script probes for the site's root and loads the menu's script from there.
  await page.waitForLoadState("networkidle");
  const state = await page.evaluate(() => ({
    sticky: getComputedStyle(document.querySelector(".site-header")).position,
    font: getComputedStyle(document.body).fontFamily,
    home: document.querySelector("a.brand").href,
    search: document.querySelector("form.search").action,
    nav: Array.from(document.querySelectorAll(".site-nav a")).map((a) => a.href),
  }));
  if (state.sticky !== "sticky" || !state.font.includes("system-ui")) fail(`${label}: 404 page unstyled`);
  // Its favicon too, which the page links from the root as its stylesheet (issue 17: a
  // relative address, broken below the root).
  const icon = await page.evaluate(() => document.querySelector("link[rel=icon]").href);
  const iconResponse = await context.request.get(icon);
  if (iconResponse.status() !== 200 || !(iconResponse.headers()["content-type"] || "").includes("svg")) {
    fail(`${label}: the 404 page's favicon ${icon} answers ${iconResponse.status()}`);
  }
  const home = await context.request.get(state.home);
  if (!state.home.endsWith("/index.html") || home.status() !== 200 || !(await home.text()).includes('class="hero"')) {
    fail(`${label}: the 404 page's home link goes to ${state.home}`);
  }
  const search = await context.request.get(state.search);
  if (search.status() !== 200) fail(`${label}: the 404 page's search goes to ${state.search}`);
  for (const href of state.nav) {
    const r = await context.request.get(href);
    if (r.status() !== 200) fail(`${label}: the 404 page's menu links to ${href} (${r.status()})`);
  }
  await menuOpens(page, label, js);
  await context.close();
}

// The menu of a narrow page opens (by the button, or without scripts by the Menu link) and
// closes (Escape, or the menu's last link), and the page stays where it was.
async function menuOpens(page, label, js) {
  const opener = js ? ".menu-button" : ".menu-link";
  if (await page.isVisible(".site-nav")) fail(`${label}: the menu is open before it is asked for`);
  const url = page.url().split("#")[0];
  await page.click(opener, { timeout: 3000 });
  await page.waitForTimeout(100);
  if (!(await page.isVisible(".site-nav a[href$='catalogue/index.html']"))) fail(`${label}: ${opener} does not open the menu`);
  if (js && (await page.getAttribute(".menu-button", "aria-expanded")) !== "true") fail(`${label}: the menu button's state is not "expanded"`);
  if (page.url().split("#")[0] !== url) fail(`${label}: opening the menu leaves the page for ${page.url()}`);
  if (js) await page.keyboard.press("Escape");
  else await page.click(".menu-close", { timeout: 3000 });
  await page.waitForTimeout(100);
  if (await page.isVisible(".site-nav")) fail(`${label}: the menu does not close`);
}

// The header of a phone: small upright, not sticky when held sideways; the menu without
// scripts.
async function header(browser, base) {
  for (const js of [true, false]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: js });
    const page = await context.newPage();
    await page.goto(base + "principes/index.html");
    const height = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().height);
    if (height > 110) fail(`phone: the header takes ${height}px`);
    await menuOpens(page, `phone${js ? "" : ", no JavaScript"}`, js);
    await context.close();
  }
  // A wide screen: the header is one line (issue 17: two lines, 135 px, sticky), and
  // every item of the navigation is reached, on the line or behind the menu button.
  for (const [width, height] of [[1280, 900], [1024, 768]]) {
    for (const js of [true, false]) {
      const label = `${width}px${js ? "" : ", no JavaScript"}`;
      const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: js });
      const page = await context.newPage();
      await page.goto(base + "principes/index.html");
      const box = await page.evaluate(() => {
        const header = document.querySelector(".site-header");
        const links = Array.from(header.querySelectorAll(".site-nav a"));
        return {
          height: header.getBoundingClientRect().height,
          shown: links.filter((a) => a.getClientRects().length > 0).length,
          all: links.length,
          button: !!document.querySelector(".menu-button").getClientRects().length,
        };
      });
      if (box.height > 70) fail(`${label}: the header takes ${box.height}px, more than one line`);
      if (box.shown < box.all) {
        if (!js || !box.button) fail(`${label}: ${box.all - box.shown} items of the navigation cannot be reached`);
        else await menuOpens(page, label, js);
      }
      await context.close();
    }
  }
  const context = await browser.newContext({ viewport: { width: 844, height: 390 } });
  const page = await context.newPage();
  await page.goto(base + "principes/index.html");
  await page.evaluate(() => window.scrollTo(0, 600));
  const box = await page.evaluate(() => ({
    position: getComputedStyle(document.querySelector(".site-header")).position,
    bottom: document.querySelector(".site-header").getBoundingClientRect().bottom,
  }));
  if (box.bottom > 0 && box.position === "sticky") fail(`phone sideways: the sticky header covers ${box.bottom}px of 390`);
  await context.close();
}

// Contrast of a colour pair (WCAG 2): the text of drawings must stay readable in both themes.
function contrastCheck() {
  const parse = (c) => {
    const m = c.match(/[\d.]+/g);
    return m ? m.map(Number) : [0, 0, 0, 0];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) return c;
    }
    return parse(getComputedStyle(document.body).backgroundColor);
  };
  const out = [];
  const texts = document.querySelectorAll("svg text, .pyramid a, .pyramid p, .matrix .flow > *, .matrix h3, .bars li > *, .shares li > *, .band-names li");
  texts.forEach((t) => {
    if (!t.textContent.trim() || t.closest(".visually-hidden")) return;
    const style = getComputedStyle(t);
    const fg = parse(t instanceof SVGElement ? style.fill : style.color);
    const bg = background(t instanceof SVGElement ? t.ownerSVGElement : t);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) out.push(`"${t.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
  });
  return { count: texts.length, low: out };
}

async function pages(browser, base) {
  const shots = task.screenshots;
  fs.mkdirSync(shots, { recursive: true });
  // WCAG 2.2's target size (2.5.8, 24 × 24 px) too, which axe runs only when asked.
  const axeRules = { resultTypes: ["violations"], rules: { "target-size": { enabled: true } } };
  for (const scheme of ["light", "dark"]) {
    for (const [width, height, device] of [[1280, 900, "desktop"], [390, 844, "phone"]]) {
      const { context, page, errors } = await newPage(browser, { width, height, scheme });
      for (const [kind, url] of Object.entries(task.pages)) {
        errors.length = 0;
        await page.goto(base + url);
        await page.waitForTimeout(kind === "recherche" ? 600 : 100);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (scroll > 0) fail(`${kind} ${device} ${scheme}: scrolls sideways by ${scroll}px`);
        const contrast = await page.evaluate(contrastCheck);
        for (const low of contrast.low) fail(`${kind} ${device} ${scheme}: drawing text ${low}`);
        if (device === "phone") {
          const small = await page.evaluate(() => Array.from(document.querySelectorAll(".pyramid a, .matrix a, .shares a"))
            .filter((a) => parseFloat(getComputedStyle(a).fontSize) < 12).length);
          if (small) fail(`${kind} phone: ${small} names in drawings under 12px`);
        }
        // axe at both widths: a box that scrolls only on a phone must be reachable there.
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate((o) => window.axe.run(document, o), axeRules);
        for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
          fail(`${kind} ${device} ${scheme}: axe ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
        }
        if (errors.length) fail(`${kind} ${device} ${scheme}: ${errors.join(" | ")}`);
        // A review artefact: the whole page, or its first 16,000 px when it is taller
        // (Chromium's full-page capture of a page over ~24,000 px, such as the booklet with
        // every chapter, takes half a minute; a tall viewport's capture takes one second).
        const file = path.join(shots, `${kind}-${device}-${scheme}.png`);
        const tall = await page.evaluate(() => document.documentElement.scrollHeight);
        if (tall > 16000) {
          await page.setViewportSize({ width, height: 16000 });
          await page.screenshot({ path: file });
          await page.setViewportSize({ width, height });
        } else {
          await page.screenshot({ path: file, fullPage: true });
        }
      }
      await context.close();
    }
  }
}

// Every page of a hostile site, opened: no payload may run (console, dialog).
async function payloads(browser, dir) {
  const { context, page } = await newPage(browser);
  const fired = [];
  page.on("console", (m) => { if (/PWNED|alert/.test(m.text())) fired.push(m.text()); });
  page.on("dialog", (d) => { fired.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto("file://" + path.join(dir, "control.html"));
  await page.waitForTimeout(300);
  if (!fired.some((f) => f.includes("PWNED-control"))) fail("payloads: the control payload was not seen: the detector is blind");
  fired.length = 0;
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith(".html") ? [path.join(d, e.name)] : []);
  for (const file of walk(path.join(dir, "site"))) {
    await page.goto("file://" + file);
    await page.waitForTimeout(50);
    for (const f of fired.splice(0)) fail(`payloads: ${path.relative(dir, file)}: ${f}`);
  }
  await context.close();
}

const browser = await chromium.launch({ executablePath: task.chromium, args: ["--no-sandbox", "--disable-gpu"] });
const server = await serve(task.served);
const host = `http://127.0.0.1:${server.address().port}`;
// Each check runs whatever the others did: one broken part of the site does not hide another.
async function run(name, check) {
  try {
    await check();
  } catch (e) {
    fail(`${name}: ${String(e.message || e).split("\n")[0]}`);
  }
}

try {
  const fileBase = "file://" + task.site + "/";
  const httpBase = host + task.served[0].prefix;
  await run("search (file://)", () => search(browser, fileBase, "file://"));
  await run("search (http)", () => search(browser, httpBase, "http, sub-path"));
  await run("catalogue", () => catalogue(browser, fileBase));
  for (const s of task.served) {
    await run("404", () => notFound(browser, host + s.prefix, `404 under ${s.prefix}`));
    // Without scripts, the root is where `site.url` says, or the host's root without it.
    if (s.noscript) await run("404", () => notFound(browser, host + s.prefix, `404 under ${s.prefix}`, { js: false }));
  }
  await run("header", () => header(browser, httpBase));
  await run("pages", () => pages(browser, httpBase));
  if (task.hostile) await run("payloads", () => payloads(browser, task.hostile));
} finally {
  await browser.close();
  server.close();
}
process.stdout.write(JSON.stringify({ failures, notes }) + "\n");
