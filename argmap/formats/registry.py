"""The table of interchange formats: names, file suffixes, loaders, dumpers and content sniffing.

Loaders take ``(text, filename)`` and return an :class:`ArgumentMap`; dumpers take
``(amap, lang)`` and return text. Modules are imported only when a format is used, and this table
is the only module that imports them. :meth:`Format.load` is the one import path: it runs the
format's reader, then checks the map against every rule ``load_map`` applies.

>>> get_format("argdown").suffixes
('.argdown', '.ad')
>>> guess_format("debate.txt", "Discussion Title: Should we?\\n\\n1. Yes.\\n")
'kialo'
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from argmap.errors import ArgmapError, Location, MapError, warn
from argmap.model import ArgumentMap
from argmap.view import Clusters

Loader = Callable[[str, str], ArgumentMap]
Dumper = Callable[[ArgumentMap, "str | None"], str]


@dataclass(frozen=True)
class Format:
    """One interchange format. ``loader``/``dumper`` are ``module:function`` names or None."""

    name: str
    description: str
    suffixes: tuple[str, ...] = ()
    loader: str | None = None
    dumper: str | None = None
    binary: bool = False
    #: the loader applies every rule of ``load_map`` itself (our own YAML)
    checked: bool = False
    #: a drawn format: the dumper also takes ``groups`` (view.Clusters) and ``collapse``
    drawn: bool = False

    def load(self, text: str, filename: str) -> ArgumentMap:
        """Import ``text`` (read from ``filename``) as a checked map; MapError with locations."""
        if self.loader is None:
            raise ArgmapError(f"format '{self.name}' can only be exported")
        amap = allow_imported_self_attacks(_resolve(self.loader)(text, filename), filename)
        return amap if self.checked else check_imported(amap, filename)

    def dump(
        self,
        amap: ArgumentMap,
        lang: str | None = None,
        groups: Clusters | None = None,
        collapse: bool = False,
    ) -> str:
        """Export ``amap`` as text, with claim texts in ``lang`` where the format has one.

        A drawn format groups the claims by ``groups`` (:func:`argmap.view.clusters`), each group
        drawn as one box with ``collapse``; other formats refuse groups.
        """
        if self.dumper is None:
            raise ArgmapError(f"format '{self.name}' can only be imported")
        dumper = _resolve(self.dumper)
        if groups is None and not collapse:
            return dumper(amap, lang)
        if not self.drawn:
            drawn = ", ".join(f.name for f in FORMATS if f.drawn)
            raise ArgmapError(
                f"format '{self.name}' is not drawn, so it has no clusters; "
                f"clusters and collapse work with {drawn} (and render)"
            )
        if groups is None:
            raise ArgmapError("collapse needs a cluster: tag, actor or issue")
        return dumper(amap, lang, groups=groups, collapse=collapse)


def _resolve(spec: str) -> Callable:
    module, attr = spec.split(":")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        raise ArgmapError(f"this argmap cannot run {spec} ({exc})") from None


FORMATS: tuple[Format, ...] = (
    Format(
        "yaml",
        "argmap's own YAML format (one file)",
        (".yaml", ".yml"),
        "argmap.load:load_text",
        "argmap.formats.yamlfmt:dump_yaml",
        checked=True,
    ),
    Format(
        "argdown",
        "Argdown text (export; import through the Argdown CLI); Argdown's JSON export (import)",
        (".argdown", ".ad"),
        "argmap.formats.argdown_source:read_argdown",
        "argmap.formats.argdown:dump_argdown",
    ),
    Format(
        "aif",
        "AIF JSON (AIFdb, OVA; xAIF accepted on import)",
        (".aif", ".aif.json"),
        "argmap.formats.aif:read_aif",
        "argmap.formats.aif:dump_aif",
    ),
    Format(
        "ova",
        "OVA2's own save format (import)",
        (),
        "argmap.formats.ova_sadface:read_ova",
        None,
    ),
    Format(
        "sadface",
        "SADFace JSON (import)",
        (".sadface",),
        "argmap.formats.ova_sadface:read_sadface",
        None,
    ),
    Format(
        "kialo",
        "Kialo discussion text (both layouts on import; the older one on export)",
        (".kialo", ".kialo.txt"),
        "argmap.formats.kialo:read_kialo",
        "argmap.formats.kialo_export:dump_kialo",
    ),
    Format(
        "json",
        "node-link JSON with every attribute (networkx)",
        (".json",),
        "argmap.formats.jsonfmt:read_json",
        "argmap.formats.jsonfmt:dump_json",
    ),
    Format(
        "graphml",
        "GraphML for Gephi and yEd (export)",
        (".graphml",),
        None,
        "argmap.formats.graphml:dump_graphml",
        drawn=True,
    ),
    Format(
        "mermaid",
        "Mermaid flowchart text (export)",
        (".mmd", ".mermaid"),
        None,
        "argmap.formats.mermaid:dump_mermaid",
        drawn=True,
    ),
    Format(
        "markdown",
        "a readable Markdown report (export)",
        (".md", ".markdown"),
        None,
        "argmap.formats.markdown:dump_markdown",
    ),
    Format(
        "i23",
        "ICCMA 2023 abstract framework (export of the evaluated framework; import)",
        (".i23", ".af"),
        "argmap.formats.iccma:read_i23_map",
        "argmap.formats.iccma:dump_i23_map",
    ),
    Format(
        "apx",
        "ASPARTIX apx abstract framework (export of the evaluated framework; import)",
        (".apx",),
        "argmap.formats.iccma:read_apx_map",
        "argmap.formats.iccma:dump_apx_map",
    ),
    Format(
        "tgf",
        "trivial graph format abstract framework (export of the evaluated framework; import)",
        (".tgf",),
        "argmap.formats.iccma:read_tgf_map",
        "argmap.formats.iccma:dump_tgf_map",
    ),
)

_BY_NAME = {f.name: f for f in FORMATS}
ALIASES = {"yml": "yaml", "ad": "argdown", "md": "markdown", "mmd": "mermaid", "iccma": "i23"}


def format_names(*, can_load: bool = False, can_dump: bool = False) -> list[str]:
    """Names of the formats that can be imported and/or exported, in table order."""
    return [f.name for f in FORMATS if (not can_load or f.loader) and (not can_dump or f.dumper)]


def get_format(name: str) -> Format:
    """The format called ``name`` (or an alias such as ``md``); ArgmapError if unknown."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in _BY_NAME:
        from argmap.suggest import did_you_mean

        hint = did_you_mean(key, _BY_NAME) or "known: " + ", ".join(_BY_NAME)
        raise ArgmapError(f"unknown format '{name}' ({hint})")
    return _BY_NAME[key]


def format_for_suffix(path: str, *, can_load: bool = False, can_dump: bool = False) -> str | None:
    """The format a file name's suffix names, or None (the longest matching suffix wins)."""
    lower = path.lower()
    best: tuple[int, str] | None = None
    for f in FORMATS:
        if (can_load and not f.loader) or (can_dump and not f.dumper):
            continue
        for suffix in f.suffixes:
            if lower.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), f.name)
    return best[1] if best else None


_KIALO_ENTRY = re.compile(r"^\s*1\.(?:\d+\.)* ", re.MULTILINE)


def sniff(text: str) -> str | None:
    """Guess an import format from content alone; None when nothing fits.

    JSON is told by its structure (the keys it has), whatever its length or key order; text
    formats by how they begin."""
    head = text.lstrip("\ufeff \t\r\n")[:20000]
    if head.startswith(("{", "[")):
        return _sniff_json(text)
    if head.startswith(("Discussion Title:", "Discussion Name:")) or re.match(r"1\. \S", head):
        return "kialo"
    if re.match(r"(?:#[^\n]*\n\s*)*p\s+af\s+\d+", head):
        return "i23"
    if re.match(r"(?:%[^\n]*\n\s*)*arg\(", head):
        return "apx"
    if head.startswith("argmap:") or re.search(r"^argmap:\s*1\s*$", head, re.MULTILINE):
        return "yaml"
    if _KIALO_ENTRY.search(head) and re.search(r"^\s*1\.\d+\. (?:Pro|Con): ", head, re.MULTILINE):
        return "kialo"
    return None


def _sniff_json(text: str) -> str | None:
    """The JSON format whose top-level keys ``text`` has: Argdown (``statements`` and
    ``arguments``), argmap node-link (``graph.format``), AIF and xAIF (``AIF``, or ``nodes``
    of ``nodeID`` entries beside ``edges``/``locutions``), OVA2 (edges whose ``from`` is a whole
    node), SADFace (edges of ``source_id``, ``metadata.core``, or atom and scheme nodes); None for
    anything else; for an object that does not parse, ``json`` (whose reader reports where it
    breaks)."""
    import json

    try:
        data = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError):  # broken: any JSON reader says where, located
        return "json" if text.lstrip("\ufeff \t\r\n").startswith("{") else None
    if not isinstance(data, dict):
        return None
    if "statements" in data and "arguments" in data:
        return "argdown"
    graph = data.get("graph")
    if isinstance(graph, dict) and graph.get("format") == "argmap-node-link":
        return "json"
    if isinstance(data.get("AIF"), dict):
        return "aif"
    nodes, edges = data.get("nodes"), data.get("edges")
    if not isinstance(nodes, list) or not all(isinstance(n, dict) for n in nodes[:50]):
        return None
    if ("edges" in data or "locutions" in data) and all("nodeID" in n for n in nodes[:50]):
        return "aif"
    first_edge = edges[0] if isinstance(edges, list) and edges else None
    if isinstance(first_edge, dict) and isinstance(first_edge.get("from"), dict):
        return "ova"
    if isinstance(first_edge, dict) and "source_id" in first_edge:
        return "sadface"
    metadata = data.get("metadata")
    if isinstance(metadata, dict) and "core" in metadata:
        return "sadface"
    if nodes and all(n.get("type") in ("atom", "scheme") for n in nodes[:50]):
        return "sadface"
    return None


def guess_format(path: str, text: str | None = None) -> str | None:
    """The import format of ``path``: from its content when that is telling, else its suffix.

    Content wins because ``.json`` and ``.txt`` say little about what is inside.
    """
    if text is not None:
        found = sniff(text)
        if found:
            return found
    return format_for_suffix(path, can_load=True)


# -- checking what an importer built ----------------------------------------------------------
def allow_imported_self_attacks(amap: ArgumentMap, filename: str) -> ArgumentMap:
    """The one rule for self-attack in imports: a claim that opposes itself is kept, and the map
    gets the ``allow_self_attacks`` marker (with a warning) so that what ``import`` writes
    validates when it is read back. Dung frameworks allow self-attack; a YAML map does only
    with the marker."""
    found = amap.self_attacks()
    if not found or amap.allow_self_attacks:
        return amap
    names = ", ".join(f"'{r.target}'" for r in found[:5]) + (", …" if len(found) > 5 else "")
    warn(
        f"{len(found)} claim(s) oppose themselves ({names}); they are kept, "
        "and the map says 'allow_self_attacks: true'",
        found[0].loc or Location(filename),
        "lint lists each self-attack",
    )
    return dataclasses.replace(amap, allow_self_attacks=True)


def check_imported(amap: ArgumentMap, filename: str) -> ArgumentMap:
    """Check an imported map against every rule ``load_map`` applies; MapError if it breaks one.

    The checks run on the model (:func:`argmap.load.validate.check_model`) and report each
    problem at the imported item's location, in ``filename`` where the importer recorded none.
    """
    from argmap.load.validate import check_model

    problems = [d for d in check_model(amap, filename) if d.level == "error"]
    if problems:
        raise MapError(problems)
    return amap
