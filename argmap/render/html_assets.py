"""The HTML page's own styles, script and template: static text, no user data (that arrives
as JSON in the page, read by the script through ``textContent``)."""

STYLE = """
:root { --panel: 26rem; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK JP", "Noto Sans JP",
  "Hiragino Sans", "Yu Gothic", system-ui, sans-serif; color: var(--ink); }
body { display: grid; grid-template-rows: auto 1fr; grid-template-columns: 1fr var(--panel); }
header { grid-column: 1 / 3; display: flex; gap: .75rem; align-items: center;
  padding: .5rem .75rem; border-bottom: 1px solid var(--line); background: #f8fafc; }
header h1 { font-size: 1rem; margin: 0; flex: 1; overflow: hidden; text-overflow: ellipsis;
  white-space: nowrap; }
#search { width: 18rem; padding: .3rem .5rem; font: inherit; }
#results { position: absolute; top: 2.6rem; right: calc(var(--panel) + 1rem); width: 24rem;
  max-height: 60vh; overflow: auto; background: white; border: 1px solid var(--line);
  box-shadow: 0 4px 12px rgba(0,0,0,.15); z-index: 10; margin: 0; padding: 0; list-style: none; }
#results li { padding: .4rem .6rem; cursor: pointer; border-bottom: 1px solid var(--line); }
#results li:hover, #results li.active { background: #e6f0ff; }
#results .rid { color: var(--muted); font-size: .8em; display: block; }
main { position: relative; overflow: hidden; cursor: grab; background: white; }
main.dragging { cursor: grabbing; }
.figure { position: absolute; inset: 0; }
.figure svg { width: 100%; height: 100%; }
aside { border-left: 1px solid var(--line); overflow: auto; padding: .75rem 1rem; }
aside h2 { font-size: 1.05rem; margin: .2rem 0 .5rem; }
aside h3 { font-size: .85rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); margin: 1rem 0 .3rem; }
aside ul { margin: 0; padding-left: 1.1rem; }
aside .id { color: var(--muted); font-family: ui-monospace, monospace; font-size: .85em; }
aside .badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem;
  background: #e4e7eb; font-size: .8em; margin-right: .3rem; }
aside .status-in { background: #c6f6d5; } aside .status-out { background: #fed7d7; }
aside .status-undec { background: #fefcbf; }
aside .relation-supports { background: #c6f6d5; } aside .relation-opposes { background: #fed7d7; }
aside .relation-undercuts { background: #e9d8fd; }
aside a.claim-link { cursor: pointer; color: #1a56db; text-decoration: underline; }
aside .other-lang { color: var(--muted); }
.hint { color: var(--muted); font-size: .9em; }
.zoom { display: flex; gap: .25rem; }
.zoom button, select { font: inherit; }
svg g.node.selected > path, svg g.node.selected > polygon { stroke-width: 4px; stroke: #1a56db; }
svg.dimmed g.node:not(.near), svg.dimmed g.edge:not(.near) { opacity: .18; }
svg g.node { cursor: pointer; }
#problems { position: absolute; top: .5rem; left: .5rem; right: .5rem; z-index: 5;
  max-height: 40%; overflow: auto; padding: .5rem .75rem; background: #fffbea;
  border: 1px solid #f0b429; font-family: ui-monospace, monospace; font-size: .85rem;
  white-space: pre-wrap; cursor: auto; }
#problems.errors { background: #fff5f5; border-color: #e53e3e; }
main.stale .figure { filter: grayscale(1); opacity: .4; }
#live { color: var(--muted); font-size: .85em; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var lang = data.languages[0];
  var selected = null;
  var main = document.querySelector("main");
  var panel = document.getElementById("panel");
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var langSelect = document.getElementById("lang");

  var UI = {
    ja: {"Asserted by": "主張者", "Sources": "出典", "Answers": "答える問い",
         "Tags": "タグ", "Supported by": "支持する主張", "Opposed by": "反対する主張",
         "Bears on": "この主張が関わる主張", supports: "支持", opposes: "反対",
         undercuts: "推論を崩す", strength: "強さ", fact: "事実", value: "価値",
         policy: "政策", definition: "定義", "in": "成立", out: "不成立", undec: "未決",
         empty: "主張をクリックするか検索すると、その根拠が表示されます。"},
    en: {undercuts: "undercuts the case for",
         empty: "Click a claim, or search for one, to see what backs it."}
  };
  function word(key) {
    var table = UI[lang] || UI.en;
    return table[key] || UI.en[key] || key;
  }
  function pick(texts) {
    if (!texts) return "";
    if (texts[lang]) return texts[lang];
    for (var i = 0; i < data.languages.length; i++) {
      if (texts[data.languages[i]]) return texts[data.languages[i]];
    }
    var keys = Object.keys(texts);
    return keys.length ? texts[keys[0]] : "";
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function figure() {
    return figureFor(lang) || document.querySelector(".figure");
  }
  function svg() {
    var f = figure();
    return f ? f.querySelector("svg") : null;
  }
  function nodeName(g) {
    var t = g.querySelector("title");
    return t ? t.textContent : "";
  }

  // ---- pan and zoom: change the viewBox of the visible SVG
  var views = {};
  function bounds(s) { return s.getAttribute("data-viewbox").split(/[\s,]+/).map(Number); }
  function view() {
    var s = svg();
    if (!views[lang]) {
      var b = bounds(s);
      views[lang] = {x: b[0], y: b[1], w: b[2], h: b[3], w0: b[2], h0: b[3], moved: false};
    }
    return views[lang];
  }
  function apply() {
    var s = svg();
    if (!s) return;
    var v = view();
    s.setAttribute("viewBox", [v.x, v.y, v.w, v.h].join(" "));
  }
  function zoom(factor, cx, cy) {
    if (!svg()) return;
    var v = view();
    v.moved = true;
    var rect = svg().getBoundingClientRect();
    var fx = cx === undefined ? 0.5 : (cx - rect.left) / rect.width;
    var fy = cy === undefined ? 0.5 : (cy - rect.top) / rect.height;
    var w = Math.min(Math.max(v.w * factor, v.w0 / 40), v.w0 * 4);
    var h = v.h * (w / v.w);
    v.x += (v.w - w) * fx; v.y += (v.h - h) * fy; v.w = w; v.h = h;
    apply();
  }
  main.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, ev.clientX, ev.clientY);
  }, {passive: false});
  var drag = null;
  main.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest("g.node")) return;
    drag = {x: ev.clientX, y: ev.clientY};
    main.classList.add("dragging");
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag || !svg()) return;
    var v = view(), rect = svg().getBoundingClientRect();
    v.moved = true;
    var scale = Math.max(v.w / rect.width, v.h / rect.height);
    v.x -= (ev.clientX - drag.x) * scale; v.y -= (ev.clientY - drag.y) * scale;
    drag = {x: ev.clientX, y: ev.clientY};
    apply();
  });
  window.addEventListener("pointerup", function () {
    drag = null; main.classList.remove("dragging");
  });
  document.getElementById("zoom-in").onclick = function () { zoom(1 / 1.3); };
  document.getElementById("zoom-out").onclick = function () { zoom(1.3); };
  document.getElementById("zoom-reset").onclick = function () {
    delete views[lang]; apply();
  };

  // ---- selection: panel and highlighted neighbourhood
  function fitNeighbourhood(cid) {
    // zoom so the claim and everything it is directly related to fill the view
    var near = {}, box = null;
    if (!svg()) return;
    data.claims[cid].neighbours.forEach(function (n) { near[n] = true; });
    svg().querySelectorAll("g.node").forEach(function (g) {
      if (!near[nodeName(g)]) return;
      var b = g.getBBox();
      box = box ? {x1: Math.min(box.x1, b.x), y1: Math.min(box.y1, b.y),
                   x2: Math.max(box.x2, b.x + b.width), y2: Math.max(box.y2, b.y + b.height)}
                : {x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height};
    });
    if (!box) return;
    // node boxes are in the graph group's space; Graphviz places that group by a transform
    var s = svg(), g0 = s.querySelector("g.graph");
    var t = g0 && g0.transform.baseVal.consolidate();
    function toRoot(x, y) {
      var p = s.createSVGPoint(); p.x = x; p.y = y;
      return t ? p.matrixTransform(t.matrix) : p;
    }
    var a = toRoot(box.x1, box.y1), b2 = toRoot(box.x2, box.y2);
    var v = view(), pad = 40;
    var w = Math.abs(b2.x - a.x) + 2 * pad, h = Math.abs(b2.y - a.y) + 2 * pad;
    var rect = s.getBoundingClientRect(), aspect = rect.width / rect.height;
    if (w / h < aspect) w = h * aspect; else h = w / aspect;
    v.w = w; v.h = h; v.moved = true;
    v.x = (a.x + b2.x) / 2 - w / 2; v.y = (a.y + b2.y) / 2 - h / 2;
    apply();
  }
  function highlight(cid) {
    var s = svg();
    if (!s) return;
    var near = {};
    if (cid) data.claims[cid].neighbours.forEach(function (n) { near[n] = true; });
    s.classList.toggle("dimmed", !!cid);
    s.querySelectorAll("g.node").forEach(function (g) {
      var name = nodeName(g);
      g.classList.toggle("near", !!near[name]);
      g.classList.toggle("selected", name === "claim:" + cid);
    });
    s.querySelectorAll("g.edge").forEach(function (g) {
      var ends = nodeName(g).split(/->|--/);
      g.classList.toggle("near", ends.length === 2 && !!near[ends[0]] && !!near[ends[1]]);
    });
  }
  function claimLink(cid) {
    var li = el("li");
    var a = el("a", "claim-link", pick(data.claims[cid].text));
    a.setAttribute("data-claim", cid);
    a.addEventListener("click", function () { select(cid, true); });
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", "id", cid));
    return li;
  }
  function section(title, items) {
    panel.appendChild(el("h3", null, word(title)));
    var ul = el("ul");
    items.forEach(function (item) { ul.appendChild(item); });
    if (!items.length) ul.appendChild(el("li", "hint", "—"));
    panel.appendChild(ul);
  }
  function show(cid) {
    panel.textContent = "";
    if (!cid) {
      panel.appendChild(el("p", "hint", word("empty")));
      return;
    }
    var c = data.claims[cid];
    panel.setAttribute("data-claim", cid);
    var head = el("div");
    head.appendChild(el("span", "badge kind", word(c.kind)));
    if (c.status) head.appendChild(el("span", "badge status status-" + c.status, word(c.status)));
    if (c.strength !== null) {
      head.appendChild(el("span", "badge strength", word("strength") + " " + c.strength));
    }
    head.appendChild(el("span", "id", cid));
    panel.appendChild(head);
    panel.appendChild(el("h2", "claim-text", pick(c.text)));
    Object.keys(c.text).forEach(function (l) {
      if (l !== lang && c.text[l] !== pick(c.text)) {
        panel.appendChild(el("p", "other-lang", l + ": " + c.text[l]));
      }
    });
    if (Object.keys(c.quote).length) panel.appendChild(el("blockquote", "quote", pick(c.quote)));
    section("Asserted by", c.by.map(function (a) { return el("li", "actor", pick(a.name)); }));
    section("Sources", c.sources.map(function (s) {
      var li = el("li", "source");
      if (s.url) {
        var a = el("a", null, pick(s.title));
        a.href = s.url; a.target = "_blank"; a.rel = "noopener noreferrer";
        li.appendChild(a);
      } else {
        li.appendChild(el("span", null, pick(s.title)));
      }
      if (s.date) li.appendChild(el("span", "id", " " + s.date));
      return li;
    }));
    if (c.answers) section("Answers", [el("li", "issue", pick(c.answers.question))]);
    if (c.tags.length) section("Tags", [el("li", null, c.tags.join(", "))]);
    section("Supported by", c.supporters.map(claimLink));
    section("Opposed by", c.opposers.map(claimLink));
    section("Bears on", c.bears_on.map(function (b) {
      var li = claimLink(b.id);
      li.insertBefore(el("span", "badge relation-" + b.type, word(b.type)), li.firstChild);
      return li;
    }));
  }
  function select(cid, scroll) {
    selected = cid;
    show(cid);
    highlight(cid);
    if (cid && scroll && nodeFor(cid)) fitNeighbourhood(cid);
  }
  function nodeFor(cid) {
    var found = null;
    if (!svg()) return null;
    svg().querySelectorAll("g.node").forEach(function (g) {
      if (nodeName(g) === "claim:" + cid) found = g;
    });
    return found;
  }
  function prepare(s) {
    s.setAttribute("data-viewbox", s.getAttribute("viewBox"));
    s.removeAttribute("width"); s.removeAttribute("height");
    s.setAttribute("preserveAspectRatio", "xMidYMid meet");
    s.querySelectorAll("g.node").forEach(function (g) {
      var name = nodeName(g);
      if (name.indexOf("claim:") !== 0) return;
      g.setAttribute("data-claim", name.slice(6));
      g.addEventListener("click", function (ev) {
        ev.stopPropagation();
        select(name.slice(6), false);
      });
    });
  }
  document.querySelectorAll(".figure svg").forEach(prepare);
  main.addEventListener("click", function (ev) {
    results.hidden = true;
    if (!ev.target.closest("g.node") && !drag) select(null);
  });

  // ---- search over every language
  function norm(s) { return String(s).normalize("NFKC").toLowerCase(); }
  function runSearch() {
    var words = norm(search.value).split(/\s+/).filter(Boolean);
    results.textContent = "";
    results.hidden = !words.length;
    if (!words.length) return;
    Object.keys(data.claims).forEach(function (cid) {
      var c = data.claims[cid];
      var hay = norm([cid].concat(Object.values(c.text), Object.values(c.quote)).join(" "));
      if (!words.every(function (w) { return hay.indexOf(w) >= 0; })) return;
      var li = el("li", "result");
      li.setAttribute("data-claim", cid);
      li.appendChild(el("span", null, pick(c.text)));
      li.appendChild(el("span", "rid", cid));
      li.addEventListener("click", function () {
        results.hidden = true; select(cid, true);
      });
      results.appendChild(li);
    });
    if (!results.children.length) results.appendChild(el("li", "hint", "no match"));
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = results.querySelector("li.result");
      if (first) first.click();
    } else if (ev.key === "Escape") {
      search.value = ""; runSearch();
    }
  });

  // ---- language switch
  langSelect.addEventListener("change", function () {
    lang = langSelect.value;
    document.documentElement.lang = lang;
    document.querySelectorAll(".figure").forEach(function (f) {
      f.hidden = f.getAttribute("data-lang") !== lang;
    });
    document.getElementById("title").textContent = pick(data.title) || document.title;
    apply();
    select(selected, false);
    runSearch();
  });

  // ---- a new version of the map (argmap serve): new data and pictures, the same viewport,
  // selection and search; a picture's markup is Graphviz's SVG, user text in it escaped
  function figureFor(l) {
    var found = null;
    document.querySelectorAll(".figure").forEach(function (f) {
      if (f.getAttribute("data-lang") === l) found = f;
    });
    return found;
  }
  function update(page) {
    data = page.data;
    var langs = Object.keys(page.figures);
    document.querySelectorAll(".figure").forEach(function (f) {
      if (langs.indexOf(f.getAttribute("data-lang")) < 0) f.remove();
    });
    langs.forEach(function (l) {
      var f = figureFor(l);
      if (!f) { f = el("div", "figure"); f.setAttribute("data-lang", l); main.appendChild(f); }
      f.innerHTML = page.figures[l];
      var s = f.querySelector("svg");
      if (!s) return;
      prepare(s);
      var v = views[l], b = bounds(s);
      if (v && v.moved) { v.w0 = b[2]; v.h0 = b[3]; } else { delete views[l]; }
    });
    if (langs.indexOf(lang) < 0) lang = langs[0];
    document.documentElement.lang = lang;
    langSelect.textContent = "";
    langs.forEach(function (l) {
      var o = el("option", null, l);
      o.value = l;
      langSelect.appendChild(o);
    });
    langSelect.value = lang;
    document.querySelectorAll(".figure").forEach(function (f) {
      f.hidden = f.getAttribute("data-lang") !== lang;
    });
    document.title = page.title;
    document.getElementById("title").textContent = pick(data.title) || page.title;
    if (selected && !data.claims[selected]) selected = null;
    apply();
    select(selected, false);
    if (search.value) runSearch();
  }
  // problems of the map as `argmap validate` prints them; with errors the picture is stale
  function problems(lines, ok) {
    var box = document.getElementById("problems");
    box.textContent = "";
    lines.forEach(function (line) { box.appendChild(el("div", "problem", line)); });
    box.hidden = !lines.length;
    box.classList.toggle("errors", !ok);
    main.classList.toggle("stale", !ok);
  }
  window.argmapPage = {update: update, problems: problems};

  apply();
  show(null);
})();
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1 id="title">{title}</h1>
<input id="search" type="search" placeholder="Search claims (any language)" autocomplete="off"
  aria-label="Search claims">
<ul id="results" hidden></ul>
<label>Language <select id="lang">{options}</select></label>
<div class="zoom"><button id="zoom-in" title="Zoom in">+</button>
<button id="zoom-out" title="Zoom out">−</button>
<button id="zoom-reset" title="Fit">Fit</button></div>
<span id="live" aria-live="polite"></span>
</header>
<main>
<div id="problems" hidden></div>
{figures}
</main>
<aside id="panel"></aside>
<script type="application/json" id="argmap-data">{data}</script>
<script>{script}</script>{live}
</body>
</html>
"""
