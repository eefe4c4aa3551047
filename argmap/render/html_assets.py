"""The HTML page's own styles and template: static text, no user data (that arrives as JSON in
the page, read by the scripts of :mod:`argmap.render.html_script` and
:mod:`argmap.render.html_browser` through ``textContent``)."""

STYLE = """
:root { --panel: 26rem; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK JP", "Noto Sans JP",
  "Hiragino Sans", "Yu Gothic", system-ui, sans-serif; color: var(--ink); background: var(--bg); }
body { display: grid; grid-template-rows: auto 1fr; grid-template-columns: 1fr var(--panel); }
header { grid-column: 1 / 3; display: flex; gap: .75rem; align-items: center;
  padding: .5rem .75rem; border-bottom: 1px solid var(--line); background: var(--panel-bg); }
header h1 { font-size: 1rem; margin: 0; flex: 1; overflow: hidden; text-overflow: ellipsis;
  white-space: nowrap; }
#search { width: 18rem; padding: .3rem .5rem; font: inherit; }
#results { position: absolute; top: 2.6rem; right: calc(var(--panel) + 1rem); width: 24rem;
  max-height: 60vh; overflow: auto; background: var(--bg); border: 1px solid var(--line);
  box-shadow: 0 4px 12px rgba(0,0,0,.15); z-index: 10; margin: 0; padding: 0; list-style: none; }
#results li { padding: .4rem .6rem; cursor: pointer; border-bottom: 1px solid var(--line); }
#results li:hover, #results li.active { background: var(--highlight); }
#results .rid { color: var(--muted); font-size: .8em; display: block; }
main { position: relative; overflow: hidden; background: var(--bg); }
#pictures { position: absolute; inset: 0; cursor: grab; }
main.dragging #pictures { cursor: grabbing; }
#no-picture { position: absolute; top: 40%; left: 0; right: 0; text-align: center; }
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
.status-in { background: var(--status-in); } .status-out { background: var(--status-out); }
.status-undec { background: var(--status-undec); }
aside .relation-supports { background: var(--supports); }
aside .relation-opposes { background: var(--opposes); }
aside .relation-undercuts { background: var(--undercuts); }
aside a.claim-link { cursor: pointer; color: var(--link); text-decoration: underline; }
aside .other-lang { color: var(--muted); }
.hint { color: var(--muted); font-size: .9em; }
.zoom { display: flex; gap: .25rem; }
.zoom button, select { font: inherit; }
svg g.node.selected > path, svg g.node.selected > polygon { stroke-width: 4px;
  stroke: var(--link); }
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

TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap">
<title>{title}</title>
<style id="theme">{theme}</style>
<style>{style}</style>
</head>
<body>
<header>
<h1 id="title">{title}</h1>
<input id="search" type="search" placeholder="Search claims (any language)" autocomplete="off"
  aria-label="Search claims">
<ul id="results" hidden></ul>
<label>Language <select id="lang">{options}</select></label>
<div class="modes" role="group"><button data-mode-button="browser" data-word="Pro/con"
  aria-pressed="false">Pro/con</button><button data-mode-button="picture" data-word="Picture"
  aria-pressed="true">Picture</button></div>
<div class="zoom"><button id="zoom-in" title="Zoom in">+</button>
<button id="zoom-out" title="Zoom out">−</button>
<button id="zoom-reset" title="Fit">Fit</button></div>
<span id="live" aria-live="polite"></span>
</header>
<main>
<div id="problems" hidden></div>
<div id="pictures"><p id="no-picture" class="hint" data-word="no picture" hidden></p></div>
<section id="browser" aria-label="Pro/con"></section>
</main>
<aside id="panel"></aside>
<script type="application/json" id="argmap-data">{data}</script>
<script>{script}</script>
<script>{browser}</script>{live}
</body>
</html>
"""
