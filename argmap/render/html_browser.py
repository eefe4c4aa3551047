"""The HTML page's pro/con browser: the view that works at any size.

The focused claim is on top, under breadcrumbs back to where its debate starts; what supports it
and what opposes it sit side by side as cards, each with its status (a mark as well as a colour),
strength, weight and number of reasons. A card is a link to ``#claim=ID``, so clicking descends,
the browser's back and forward keys work, and Tab and Enter reach every card; the arrow keys move
between cards, Backspace goes up to the parent. Without a focused claim the browser lists where
the debate starts: each issue's positions, then the claims that bear on nothing.

Static text, no user data: the script reads the page's data through ``window.argmapPage``
(:mod:`argmap.render.html_script`) and writes user text only through ``textContent``.
"""

BROWSER_STYLE = """
#browser { position: absolute; inset: 0; overflow: auto; padding: .75rem 1rem 2rem;
  background: var(--bg); }
body[data-mode="picture"] #browser, body[data-mode="browser"] #pictures { display: none; }
.modes { display: flex; gap: .25rem; }
.modes button[aria-pressed="true"] { background: var(--highlight); font-weight: 600; }
#browser .crumbs { display: flex; flex-wrap: wrap; gap: .2rem .4rem; align-items: center;
  font-size: .85rem; color: var(--muted); margin-bottom: .6rem; }
#browser .crumbs a { color: var(--link); max-width: 22rem; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; display: inline-block; vertical-align: bottom; }
#browser .crumbs .sep { color: var(--muted); }
#browser .card { display: block; border: 1px solid var(--line); border-radius: .5rem;
  padding: .55rem .7rem; margin: 0 0 .5rem; color: inherit; text-decoration: none;
  background: var(--bg); border-left-width: .35rem; }
#browser a.card:hover, #browser a.card:focus { outline: 2px solid var(--link);
  outline-offset: 1px; }
#browser .card .text { display: -webkit-box; -webkit-line-clamp: 5; -webkit-box-orient: vertical;
  overflow: hidden; margin: .25rem 0; }
#browser .card.focused { border-width: 2px; border-left-width: .5rem; }
#browser .card.focused .text { -webkit-line-clamp: unset; font-size: 1.1rem; font-weight: 600; }
#browser .card .meta { font-size: .8rem; color: var(--muted); display: flex; gap: .6rem;
  flex-wrap: wrap; }
#browser .card[data-status="in"] { border-left-color: var(--supports-line); }
#browser .card[data-status="out"] { border-left-color: var(--opposes-line);
  border-left-style: dashed; }
#browser .card[data-status="undec"] { border-left-color: var(--answers-line);
  border-left-style: dotted; }
#browser .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin-top: .8rem; }
#browser .column h3 { font-size: .85rem; text-transform: uppercase; letter-spacing: .04em;
  margin: 0 0 .4rem; }
#browser .pros h3 { color: var(--supports-line); }
#browser .cons h3 { color: var(--opposes-line); }
#browser .issue { margin: .8rem 0 .3rem; font-weight: 600; }
#browser button.more { font: inherit; }
#browser .to-picture { font: inherit; font-size: .8rem; }
"""

BROWSER_SCRIPT = r"""
(function () {
  "use strict";
  var page = window.argmapPage;
  var box = document.getElementById("browser");
  var el = page.el, pick = page.pick, word = page.word;
  var PAGE = 100;  // cards per column before "show more"
  var WORDS = {
    ja: {Pros: "賛成", Cons: "反対", Start: "議論の出発点", reasons: "件の根拠",
         "show more": "さらに表示", "Show in picture": "図で見る", "Where it starts": "出発点",
         "Other claims": "ほかの主張"},
    en: {reasons: "reasons", "Where it starts": "Where it starts", "Other claims": "Other claims"}
  };
  function say(key) {
    var l = document.documentElement.lang;
    return (WORDS[l] || WORDS.en)[key] || WORDS.en[key] || key;
  }
  function parentOf(cid, seen) {
    var c = page.data().claims[cid];
    for (var i = 0; i < c.bears_on.length; i++) {
      var t = c.bears_on[i].id;
      if (!seen[t] && page.has(t)) return t;
    }
    return null;
  }
  function trail(cid) {
    var chain = [], seen = Object.create(null);
    seen[cid] = true;
    for (var p = parentOf(cid, seen); p; p = parentOf(p, seen)) {
      chain.unshift(p);
      seen[p] = true;
    }
    return chain;
  }
  function card(cid, cls) {
    var c = page.data().claims[cid];
    var a = el("a", "card" + (cls ? " " + cls : ""));
    a.href = "#claim=" + encodeURIComponent(cid);
    a.setAttribute("data-claim", cid);
    if (c.status) a.setAttribute("data-status", c.status);
    var meta = el("div", "meta");
    if (c.status) meta.appendChild(page.statusBadge(c.status));
    meta.appendChild(el("span", "kind", word(c.kind)));
    if (c.strength !== null) {
      meta.appendChild(el("span", "strength", word("strength") + " " + c.strength));
    }
    if (c.weight !== null) {
      meta.appendChild(el("span", "weight", word("weight") + " " + c.weight));
    }
    var n = c.supporters.length + c.opposers.length;
    var count = el("span", "count", "+" + c.supporters.length + " / \u2212" + c.opposers.length);
    count.title = n + " " + say("reasons");
    meta.appendChild(count);
    a.appendChild(meta);
    a.appendChild(el("div", "text", pick(c.text)));
    return a;
  }
  function column(cls, title, ids, heading) {
    var col = el("section", "column " + cls);
    if (title) col.appendChild(el("h3", null, say(title) + " (" + ids.length + ")"));
    if (heading) col.appendChild(el("div", "issue", heading));
    var list = el("div", "cards");
    col.appendChild(list);
    var shown = 0;
    function more(ev) {
      var added = ids.slice(shown, shown + PAGE).map(function (cid) {
        return list.appendChild(card(cid));
      });
      shown = Math.min(ids.length, shown + PAGE);
      var old = col.querySelector("button.more");
      if (old) old.remove();
      if (ev && added.length) added[0].focus();  // the button is gone: on to what it showed
      if (shown < ids.length) {
        var b = el("button", "more", say("show more") + " (" + (ids.length - shown) + ")");
        b.addEventListener("click", more);
        col.appendChild(b);
      }
    }
    more();
    if (!ids.length) list.appendChild(el("p", "hint", "\u2014"));
    return col;
  }
  function starts() {
    var claims = page.data().claims, issues = Object.create(null), order = [];
    Object.keys(claims).forEach(function (cid) {
      var answers = claims[cid].answers;
      if (!answers) return;
      if (!issues[answers.id]) {
        issues[answers.id] = {q: answers.question, ids: []};
        order.push(answers.id);
      }
      issues[answers.id].ids.push(cid);
    });
    box.appendChild(el("h2", null, say("Where it starts")));
    order.forEach(function (iid) {
      box.appendChild(column("issue-positions", null, issues[iid].ids, pick(issues[iid].q)));
    });
    var loose = page.data().starts;
    if (loose.length) {
      box.appendChild(column("loose", null, loose, order.length ? say("Other claims") : ""));
    }
  }
  function render(cid) {
    box.textContent = "";
    var claims = page.data().claims;
    if (!cid || !page.has(cid)) {
      var keys = Object.keys(claims);
      if (keys.length) starts();
      return;
    }
    var crumbs = el("nav", "crumbs");
    crumbs.setAttribute("aria-label", "breadcrumbs");
    var home = el("a", "crumb", say("Start"));
    home.href = "#";
    crumbs.appendChild(home);
    trail(cid).forEach(function (p) {
      crumbs.appendChild(el("span", "sep", "\u203a"));
      var a = el("a", "crumb", pick(claims[p].text));
      a.href = "#claim=" + encodeURIComponent(p);
      a.setAttribute("data-claim", p);
      a.title = pick(claims[p].text);
      crumbs.appendChild(a);
    });
    box.appendChild(crumbs);
    var focused = card(cid, "focused");
    focused.removeAttribute("href");
    focused.setAttribute("tabindex", "-1");
    box.appendChild(focused);
    if (page.hasPicture(cid)) {
      var b = el("button", "to-picture", say("Show in picture"));
      b.addEventListener("click", page.showPicture);
      box.appendChild(b);
    }
    var cols = el("div", "columns");
    cols.appendChild(column("pros", "Pros", claims[cid].supporters));
    cols.appendChild(column("cons", "Cons", claims[cid].opposers));
    box.appendChild(cols);
  }
  page.onChange(function (cid, same) {  // the same claim again (a new version, a language):
    var top = box.scrollTop;            // stay where the reader was
    render(cid);
    box.scrollTop = same ? top : 0;
  });
  // keys: arrows move between cards, Backspace goes up to the parent
  document.addEventListener("keydown", function (ev) {
    if (document.body.getAttribute("data-mode") !== "browser") return;
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.defaultPrevented) return;  // Alt+← is Back
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
    if (t && t.isContentEditable) return;
    var cards = Array.prototype.slice.call(box.querySelectorAll("a.card[href]"));
    var at = cards.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      var next = at < 0 ? 0 : at + (ev.key === "ArrowDown" ? 1 : -1);
      if (cards[next]) { cards[next].focus(); ev.preventDefault(); }
    } else if (ev.key === "ArrowLeft" || ev.key === "ArrowRight") {
      var other = box.querySelector(ev.key === "ArrowLeft" ? ".pros a.card" : ".cons a.card");
      if (other) { other.focus(); ev.preventDefault(); }
    } else if (ev.key === "Backspace") {
      var cid = page.selected();
      if (cid) {
        var seen = Object.create(null);
        seen[cid] = true;
        var up = parentOf(cid, seen);
        page.go(up);
        ev.preventDefault();
      }
    }
  });
  render(page.selected());
})();
"""
