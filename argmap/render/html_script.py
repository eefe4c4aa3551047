"""The HTML page's script: pictures with pan and zoom, the claim panel, search, the language
switch and live updates. Static text, no user data: that arrives as JSON in the page and is
written only through ``textContent``; pictures are Graphviz's SVG, in which user text is escaped.

The selected claim lives in the URL hash (``#claim=ID``), so the browser's back and forward
keys walk through what was looked at; the pro/con browser (:mod:`argmap.render.html_browser`)
listens to the same hash through ``window.argmapPage``.
"""

SCRIPT = r"""
(function () {
  "use strict";
  var initial = JSON.parse(document.getElementById("argmap-data").textContent);
  var data = {title: {}, languages: [], claims: {}};
  var figures = [];
  var lang = null;
  var selected = null;
  var current = 0;  // the index of the picture shown
  var mode = "picture";
  var started = false;
  var listeners = [];
  var main = document.querySelector("main");
  var pictures = document.getElementById("pictures");
  var nopicture = document.getElementById("no-picture");
  var panel = document.getElementById("panel");
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  var langSelect = document.getElementById("lang");
  var MAX_RESULTS = 100;
  var PANEL_MAX = 50;  // links per panel list (the pro/con browser pages through them all)

  var UI = {
    ja: {"Asserted by": "主張者", "Sources": "出典", "Answers": "答える問い",
         "Tags": "タグ", "Supported by": "支持する主張", "Opposed by": "反対する主張",
         "Bears on": "この主張が関わる主張", supports: "支持", opposes: "反対",
         undercuts: "推論を崩す", strength: "強さ", weight: "重み", fact: "事実", value: "価値",
         policy: "政策", definition: "定義", "in": "成立", out: "不成立", undec: "未決",
         "no match": "該当なし", "more matches": "件ほかにも該当", more: "件ほか",
         "Pro/con": "賛否", "Picture": "図",
         "no picture": "この部分は大きすぎて図にしていません。賛否の一覧でたどれます。",
         empty: "主張をクリックするか検索すると、その根拠が表示されます。"},
    en: {undercuts: "undercuts the case for", "more matches": "more matches",
         "in": "stands", out: "falls", undec: "open",
         "no picture": "This part of the map is too big for a picture; browse it in Pro/con.",
         empty: "Click a claim, or search for one, to see what backs it."}
  };
  var MARKS = {"in": "\u2713", out: "\u2717", undec: "?"};
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
  function statusBadge(status) {
    var b = el("span", "badge status status-" + status, MARKS[status] + " " + word(status));
    b.setAttribute("data-status", status);
    return b;
  }
  function has(o, key) { return Object.prototype.hasOwnProperty.call(o, key); }
  function nodeName(g) {
    var t = g.querySelector("title");
    return t ? t.textContent : "";
  }

  // ---- the URL hash names the selected claim: #claim=ID
  function claimOf(href) {  // the claim a "#claim=ID" names, if the map has it
    var m = /^#claim=(.*)$/.exec(href || "");
    if (!m) return null;
    try {
      var cid = decodeURIComponent(m[1]);
    } catch (e) {
      return null;  // a hash that is not percent-encoded text
    }
    return has(data.claims, cid) ? cid : null;
  }
  function hashClaim() { return claimOf(location.hash); }
  function go(cid) {  // show it now, and name it in the hash (a new history entry)
    shown(cid);
    var want = cid ? "#claim=" + encodeURIComponent(cid) : "#";
    if (location.hash !== want && (cid || location.hash)) location.hash = want;
  }
  function shown(cid) {
    var same = cid === selected;
    select(cid, true);
    listeners.forEach(function (fn) { fn(cid, same); });
  }
  function follow() {  // the hash changed (back, forward, a link, an edited URL)
    var cid = hashClaim();
    if (cid !== selected || !started) shown(cid);
  }
  window.addEventListener("hashchange", follow);
  document.addEventListener("click", function (ev) {  // a claim link: shown at once
    var a = ev.target.closest && ev.target.closest('a[href^="#claim="], a[href="#"]');
    if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    go(claimOf(a.getAttribute("href")));
  });

  // ---- pictures: one per figure and language, made from its SVG the first time it is shown
  function figureFor(l, k) {
    var found = null;
    pictures.querySelectorAll(".figure").forEach(function (f) {
      if (f.getAttribute("data-lang") === l && f.getAttribute("data-figure") === String(k)) {
        found = f;
      }
    });
    return found;
  }
  function figure(make) {
    var f = figureFor(lang, current);
    if (f || !make || !figures[current] || !figures[current].svgs[lang]) return f;
    f = el("div", "figure");
    f.setAttribute("data-lang", lang);
    f.setAttribute("data-figure", String(current));
    f.setAttribute("data-key", figures[current].key);
    f.hidden = true;
    f.innerHTML = figures[current].svgs[lang];
    pictures.appendChild(f);
    var s = f.querySelector("svg");
    if (s) prepare(s);
    return f;
  }
  function svg() {  // the picture shown; made from its SVG only when the picture is in view
    var f = figure(mode === "picture");
    return f ? f.querySelector("svg") : null;
  }
  function showFigure() {  // the current picture; none for a selected claim it does not draw
    var drawn = !selected || data.claims[selected].figure !== null;
    var f = mode === "picture" && drawn ? figure(true) : null;
    pictures.querySelectorAll(".figure").forEach(function (g) { g.hidden = g !== f; });
    nopicture.hidden = mode !== "picture" || !!f;
    apply();
  }

  // ---- pan and zoom: change the viewBox of the visible SVG
  var views = Object.create(null);
  function bounds(s) { return s.getAttribute("data-viewbox").split(/[\s,]+/).map(Number); }
  function view() {
    var s = svg(), key = lang + "|" + current;
    if (!views[key]) {
      var b = bounds(s);
      views[key] = {x: b[0], y: b[1], w: b[2], h: b[3], w0: b[2], h0: b[3], moved: false};
    }
    return views[key];
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
  pictures.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, ev.clientX, ev.clientY);
  }, {passive: false});
  var drag = null, dragged = false;
  pictures.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest("g.node")) return;
    drag = {x: ev.clientX, y: ev.clientY}; dragged = false;
    main.classList.add("dragging");
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag || !svg()) return;
    var v = view(), rect = svg().getBoundingClientRect();
    v.moved = true; dragged = true;
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
    delete views[lang + "|" + current]; apply();
  };

  // ---- selection: panel and highlighted neighbourhood
  function fitNeighbourhood(cid) {
    // zoom so the claim and everything it is directly related to fill the view
    var near = Object.create(null), box = null, s = svg();
    if (!s || !figure(false) || figure(false).hidden) return;
    data.claims[cid].neighbours.forEach(function (n) { near[n] = true; });
    s.querySelectorAll("g.node").forEach(function (g) {
      if (!near[nodeName(g)]) return;
      var b = g.getBBox();
      box = box ? {x1: Math.min(box.x1, b.x), y1: Math.min(box.y1, b.y),
                   x2: Math.max(box.x2, b.x + b.width), y2: Math.max(box.y2, b.y + b.height)}
                : {x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height};
    });
    if (!box) return;
    // node boxes are in the graph group's space; Graphviz places that group by a transform
    var g0 = s.querySelector("g.graph");
    var t = g0 && g0.transform.baseVal.consolidate();
    function toRoot(x, y) {
      var p = s.createSVGPoint(); p.x = x; p.y = y;
      return t ? p.matrixTransform(t.matrix) : p;
    }
    var a = toRoot(box.x1, box.y1), b2 = toRoot(box.x2, box.y2);
    var v = view(), pad = 40;
    var w = Math.abs(b2.x - a.x) + 2 * pad, h = Math.abs(b2.y - a.y) + 2 * pad;
    var rect = s.getBoundingClientRect(), aspect = rect.width / rect.height;
    if (!rect.width || !rect.height) return;
    if (w / h < aspect) w = h * aspect; else h = w / aspect;
    v.w = w; v.h = h; v.moved = true;
    v.x = (a.x + b2.x) / 2 - w / 2; v.y = (a.y + b2.y) / 2 - h / 2;
    apply();
  }
  function highlight(cid) {
    var s = svg();
    if (!s) return;
    var near = Object.create(null);
    if (cid) data.claims[cid].neighbours.forEach(function (n) { near[n] = true; });
    s.classList.toggle("dimmed", !!cid);
    s.querySelectorAll("g.node").forEach(function (g) {
      var name = nodeName(g);
      g.classList.toggle("near", !!near[name]);
      g.classList.toggle("selected", name === "claim:" + cid);
    });
    s.querySelectorAll("g.edge").forEach(function (g) {
      var ends = nodeName(g).split("->");  // ids may hold "--" but never ">"
      g.classList.toggle("near", ends.length === 2 && !!near[ends[0]] && !!near[ends[1]]);
    });
  }
  function claimLink(cid) {
    var li = el("li");
    var a = el("a", "claim-link", pick(data.claims[cid].text));
    a.setAttribute("data-claim", cid);
    a.href = "#claim=" + encodeURIComponent(cid);
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", "id", cid));
    return li;
  }
  function section(title, items, make) {  // the first PANEL_MAX items, made by make
    panel.appendChild(el("h3", null, word(title)));
    var ul = el("ul");
    items.slice(0, PANEL_MAX).forEach(function (item) { ul.appendChild(make(item)); });
    if (!items.length) ul.appendChild(el("li", "hint", "\u2014"));
    if (items.length > PANEL_MAX) {
      ul.appendChild(el("li", "hint", "+" + (items.length - PANEL_MAX) + " " + word("more")));
    }
    panel.appendChild(ul);
  }
  function same(item) { return item; }
  function show(cid) {
    panel.textContent = "";
    panel.removeAttribute("data-claim");
    if (!cid) {
      panel.appendChild(el("p", "hint", word("empty")));
      return;
    }
    var c = data.claims[cid];
    panel.setAttribute("data-claim", cid);
    var head = el("div");
    head.appendChild(el("span", "badge kind", word(c.kind)));
    if (c.status) head.appendChild(statusBadge(c.status));
    if (c.strength !== null) {
      head.appendChild(el("span", "badge strength", word("strength") + " " + c.strength));
    }
    if (c.weight !== null) {
      head.appendChild(el("span", "badge weight", word("weight") + " " + c.weight));
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
    section("Asserted by", c.by, function (a) { return el("li", "actor", pick(a.name)); });
    section("Sources", c.sources, function (s) {
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
    });
    if (c.answers) section("Answers", [el("li", "issue", pick(c.answers.question))], same);
    if (c.tags.length) section("Tags", [el("li", null, c.tags.join(", "))], same);
    section("Supported by", c.supporters, claimLink);
    section("Opposed by", c.opposers, claimLink);
    section("Bears on", c.bears_on, function (b) {
      var li = claimLink(b.id);
      li.insertBefore(el("span", "badge relation-" + b.type, word(b.type)), li.firstChild);
      return li;
    });
  }
  function select(cid, scroll) {
    if (cid && !has(data.claims, cid)) cid = null;
    selected = cid;
    if (cid && data.claims[cid].figure !== null && data.claims[cid].figure !== current) {
      current = data.claims[cid].figure;
    }
    showFigure();
    show(cid);
    highlight(cid);
    if (cid && scroll && nodeFor(cid)) fitNeighbourhood(cid);
  }
  function nodeFor(cid) {
    var found = null, s = svg();
    if (!s) return null;
    s.querySelectorAll("g.node").forEach(function (g) {
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
        go(name.slice(6));
      });
    });
  }
  pictures.addEventListener("click", function (ev) {
    results.hidden = true;
    if (!ev.target.closest("g.node") && !dragged && selected) go(null);
  });

  // ---- search over every language; the words of each claim are gathered once per version
  var haystacks = null;
  function norm(s) { return String(s).normalize("NFKC").toLowerCase(); }
  function hay() {
    if (haystacks) return haystacks;
    haystacks = Object.keys(data.claims).map(function (cid) {
      var c = data.claims[cid];
      return [cid, norm([cid].concat(Object.values(c.text), Object.values(c.quote)).join(" "))];
    });
    return haystacks;
  }
  function runSearch() {
    var words = norm(search.value).split(/\s+/).filter(Boolean);
    results.textContent = "";
    results.hidden = !words.length;
    if (!words.length) return;
    var found = 0;
    hay().forEach(function (entry) {
      if (!words.every(function (w) { return entry[1].indexOf(w) >= 0; })) return;
      found += 1;
      if (found > MAX_RESULTS) return;
      var cid = entry[0], li = el("li", "result");
      li.setAttribute("data-claim", cid);
      li.appendChild(el("span", null, pick(data.claims[cid].text)));
      li.appendChild(el("span", "rid", cid));
      li.addEventListener("click", function () { results.hidden = true; go(cid); });
      results.appendChild(li);
    });
    if (!found) results.appendChild(el("li", "hint", word("no match")));
    if (found > MAX_RESULTS) {
      results.appendChild(el("li", "hint", (found - MAX_RESULTS) + " " + word("more matches")));
    }
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

  // ---- the view: the pro/con browser or the picture
  function setMode(m) {
    mode = m;
    document.body.setAttribute("data-mode", m);
    document.querySelectorAll("[data-mode-button]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-mode-button") === m));
    });
    showFigure();
    highlight(selected);
    if (m === "picture" && selected && nodeFor(selected)) fitNeighbourhood(selected);
  }
  document.querySelectorAll("[data-mode-button]").forEach(function (b) {
    b.addEventListener("click", function () { setMode(b.getAttribute("data-mode-button")); });
  });

  // ---- language switch
  function labels() {
    document.querySelectorAll("[data-word]").forEach(function (e) {
      e.textContent = word(e.getAttribute("data-word"));
    });
  }
  langSelect.addEventListener("change", function () {
    lang = langSelect.value;
    document.documentElement.lang = lang;
    document.getElementById("title").textContent = pick(data.title) || document.title;
    labels();
    select(selected, false);
    runSearch();
    listeners.forEach(function (fn) { fn(selected, true); });
  });

  // ---- a version of the map: its data and pictures. The page's first version comes this
  // way too; with argmap serve each later one keeps the viewport, selection and search.
  function update(page) {
    var was = figures[current] ? figures[current].key : null;
    data = page.data;
    figures = page.figures;
    haystacks = null;
    document.getElementById("theme").textContent = page.theme;
    var index = Object.create(null);
    figures.forEach(function (g, k) { index[g.key] = k; });
    var old = views;
    views = Object.create(null);
    pictures.querySelectorAll(".figure").forEach(function (f) {
      var k = f.getAttribute("data-figure"), l = f.getAttribute("data-lang");
      var key = f.getAttribute("data-key");
      var now = has(index, key) ? index[key] : -1;
      if (now < 0 || !has(figures[now].svgs, l)) { f.remove(); return; }
      f.setAttribute("data-figure", String(now));
      f.innerHTML = figures[now].svgs[l];
      var s = f.querySelector("svg");
      if (!s) return;
      prepare(s);
      var v = old[l + "|" + k], b = bounds(s);
      if (v && v.moved) { v.w0 = b[2]; v.h0 = b[3]; views[l + "|" + now] = v; }
    });
    current = was !== null && has(index, was) ? index[was] : 0;
    var langs = figures.length ? Object.keys(figures[0].svgs) : data.languages.slice();
    if (langs.indexOf(lang) < 0) lang = langs[0] || "en";
    document.documentElement.lang = lang;
    langSelect.textContent = "";
    langs.forEach(function (l) {
      var o = el("option", null, l);
      o.value = l;
      langSelect.appendChild(o);
    });
    langSelect.value = lang;
    document.title = page.title;
    document.getElementById("title").textContent = pick(data.title) || page.title;
    labels();
    if (!started) {  // the first version: the whole picture if there is one, else the browser
      started = true;
      setMode(figures.length === 1 && figures[0].top === "map" ? "picture" : "browser");
      shown(hashClaim());
      return;
    }
    select(selected && has(data.claims, selected) ? selected : null, false);
    if (search.value) runSearch();
    listeners.forEach(function (fn) { fn(selected, true); });
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
  window.argmapPage = {
    update: update,
    problems: problems,
    go: go,
    data: function () { return data; },
    selected: function () { return selected; },
    has: function (cid) { return has(data.claims, cid); },
    hasPicture: function (cid) {
      return has(data.claims, cid) && data.claims[cid].figure !== null;
    },
    showPicture: function () { setMode("picture"); },
    onChange: function (fn) { listeners.push(fn); },
    pick: pick, word: word, el: el, statusBadge: statusBadge
  };

  if (initial) {
    update(initial);
  } else {  // argmap serve's shell: its first version arrives through update
    setMode("picture");
    show(null);
  }
})();
"""
