"""The table of interchange formats: names, file suffixes, loaders, dumpers and content sniffing.

Loaders take ``(text, filename)`` and return an :class:`ArgumentMap`; dumpers take
``(amap, lang)`` and return text. Modules are imported only when a format is used.

>>> get_format("argdown").suffixes
('.argdown', '.ad')
>>> guess_format("debate.txt", "Discussion Title: Should we?\\n\\n1. Yes.\\n")
'kialo'
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from argmap.errors import ArgmapError, Diagnostic, DiagnosticSink, Location, MapError
from argmap.model import ArgumentMap, Relation

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

    def load(self, text: str, filename: str) -> ArgumentMap:
        """Import ``text`` (read from ``filename``) as a map."""
        if self.loader is None:
            raise ArgmapError(f"format '{self.name}' can only be exported")
        return _resolve(self.loader)(text, filename)

    def dump(self, amap: ArgumentMap, lang: str | None = None) -> str:
        """Export ``amap`` as text, with claim texts in ``lang`` where the format has one."""
        if self.dumper is None:
            raise ArgmapError(f"format '{self.name}' can only be imported")
        return _resolve(self.dumper)(amap, lang)


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
        "argmap.formats.registry:load_yaml_text",
        "argmap.formats.registry:dump_yaml_lang",
    ),
    Format(
        "argdown",
        "Argdown text (export); Argdown's JSON export (import)",
        (".argdown", ".ad"),
        "argmap.formats.argdown:load_argdown_json",
        "argmap.formats.argdown:dump_argdown",
    ),
    Format(
        "aif",
        "AIF JSON (AIFdb, OVA; xAIF accepted on import)",
        (".aif", ".aif.json"),
        "argmap.formats.aif:load_aif",
        "argmap.formats.aif:dump_aif",
    ),
    Format(
        "kialo",
        "Kialo discussion text export (import)",
        (".kialo", ".kialo.txt"),
        "argmap.formats.kialo:load_kialo",
        None,
    ),
    Format(
        "json",
        "node-link JSON with every attribute (networkx)",
        (".json",),
        "argmap.formats.jsonfmt:load_json",
        "argmap.formats.registry:dump_json_lang",
    ),
    Format(
        "graphml",
        "GraphML for Gephi and yEd (export)",
        (".graphml",),
        None,
        "argmap.formats.graphml:dump_graphml",
    ),
    Format(
        "mermaid",
        "Mermaid flowchart text (export)",
        (".mmd", ".mermaid"),
        None,
        "argmap.formats.mermaid:dump_mermaid",
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
        "argmap.formats.registry:load_i23",
        "argmap.formats.registry:dump_i23_lang",
    ),
    Format(
        "apx",
        "ASPARTIX apx abstract framework (export of the evaluated framework; import)",
        (".apx",),
        "argmap.formats.registry:load_apx",
        "argmap.formats.registry:dump_apx_lang",
    ),
    Format(
        "tgf",
        "trivial graph format abstract framework (export of the evaluated framework; import)",
        (".tgf",),
        "argmap.formats.registry:load_tgf",
        "argmap.formats.registry:dump_tgf_lang",
    ),
)

_BY_NAME = {f.name: f for f in FORMATS}
_ID = re.compile(r"^[\w\-.:]+$")
ALIASES = {"yml": "yaml", "ad": "argdown", "md": "markdown", "mmd": "mermaid", "iccma": "i23"}


def format_names(*, can_load: bool = False, can_dump: bool = False) -> list[str]:
    """Names of the formats that can be imported and/or exported, in table order."""
    return [f.name for f in FORMATS if (not can_load or f.loader) and (not can_dump or f.dumper)]


def get_format(name: str) -> Format:
    """The format called ``name`` (or an alias such as ``md``); ArgmapError if unknown."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in _BY_NAME:
        from argmap.load.schema import suggest

        hint = suggest(key, list(_BY_NAME)) or "known: " + ", ".join(_BY_NAME)
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
    """Guess an import format from content alone; None when nothing fits."""
    head = text.lstrip("\ufeff \t\r\n")[:20000]
    if head.startswith(("{", "[")):
        if '"statements"' in head and '"arguments"' in head:
            return "argdown"
        if '"AIF"' in head or '"nodeID"' in head:
            return "aif"
        if '"argmap-node-link"' in head:
            return "json"
        if '"nodes"' in head and ('"fromID"' in head or '"edges"' in head):
            return "aif"
        return None
    if head.startswith("Discussion Title:") or re.match(r"1\. \S", head):
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


def guess_format(path: str, text: str | None = None) -> str | None:
    """The import format of ``path``: from its content when that is telling, else its suffix.

    Content wins because ``.json`` and ``.txt`` say little about what is inside.
    """
    if text is not None:
        found = sniff(text)
        if found:
            return found
    return format_for_suffix(path, can_load=True)


# -- adapters with the (amap, lang) / (text, filename) shapes --------------------------------
def load_yaml_text(text: str, filename: str) -> ArgumentMap:
    """Read one YAML map from text (no includes), with every problem located."""
    from argmap.load.schema import read_part
    from argmap.load.validate import check_references, merge
    from argmap.load.yaml import parse

    sink = DiagnosticSink()
    part = read_part(parse(text, filename), filename, sink)
    if part.includes:
        sink.error(
            "'include' cannot be followed when importing text",
            part.includes[0][1],
            "validate the map with 'argmap validate' instead",
        )
    sink.raise_if_errors()
    amap = merge([part], sink)
    check_references(amap, [part], sink)
    sink.raise_if_errors()
    return amap


def dump_yaml_lang(amap: ArgumentMap, lang: str | None = None) -> str:
    """:func:`argmap.formats.yamlfmt.dump_yaml`; every language is kept, ``lang`` is unused."""
    from argmap.formats.yamlfmt import dump_yaml

    return dump_yaml(amap)


def dump_json_lang(amap: ArgumentMap, lang: str | None = None) -> str:
    """:func:`argmap.formats.jsonfmt.dump_json`; every language is kept, ``lang`` is unused."""
    from argmap.formats.jsonfmt import dump_json

    return dump_json(amap)


def _iccma():  # the module, typed where it is defined
    try:
        from argmap.formats import iccma
    except ImportError as exc:  # pragma: no cover - shipped together
        raise ArgmapError(f"ICCMA support is not available in this build ({exc})") from None
    return iccma


def dump_i23_lang(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map's evaluation framework in ICCMA 2023 ``i23`` form (names as ``#`` lines)."""
    return _iccma().dump_map(amap, "i23")


def dump_apx_lang(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map's evaluation framework as ASPARTIX ``apx`` facts."""
    return _iccma().dump_map(amap, "apx")


def dump_tgf_lang(amap: ArgumentMap, lang: str | None = None) -> str:
    """The map's evaluation framework in trivial graph format."""
    return _iccma().dump_map(amap, "tgf")


def _framework_map(framework: object, filename: str) -> ArgumentMap:
    from dataclasses import replace

    amap = _iccma().framework_to_map(framework)
    rename: dict[str, str] = {}
    taken = {cid for cid in amap.claims if _ID.match(cid)}
    for cid in amap.claims:
        if not _ID.match(cid):
            base = re.sub(r"[^\w\-.:]+", "_", cid).strip("_") or "arg"
            new, n = base, 1
            while new in taken:
                n += 1
                new = f"{base}-{n}"
            taken.add(new)
            rename[cid] = new
    if rename:
        claims = {
            rename.get(c.id, c.id): replace(c, id=rename.get(c.id, c.id))
            for c in amap.claims.values()
        }
        relations = []
        for rel in amap.relations:
            premises = tuple(rename.get(p, p) for p in rel.premises)
            target = rename.get(rel.target, rel.target)
            rid = Relation.auto_id(premises, target, rel.type)
            relations.append(replace(rel, id=rid, premises=premises, target=target))
        amap = replace(amap, claims=claims, relations=tuple(relations))
    return check_imported(replace(amap, files=(filename,)), filename)


def load_i23(text: str, filename: str) -> ArgumentMap:
    """An ICCMA ``i23`` framework as a map of plain arguments (``# name`` lines name them)."""
    return _framework_map(_iccma().parse_i23(text, filename, names_from_comments=True), filename)


def load_apx(text: str, filename: str) -> ArgumentMap:
    """An ``apx`` framework as a map of plain arguments attacking each other."""
    return _framework_map(_iccma().parse(text, "apx", filename), filename)


def load_tgf(text: str, filename: str) -> ArgumentMap:
    """A ``tgf`` framework as a map of plain arguments attacking each other."""
    return _framework_map(_iccma().parse(text, "tgf", filename), filename)


# -- checking what an importer built ----------------------------------------------------------
def check_imported(amap: ArgumentMap, filename: str) -> ArgumentMap:
    """Check an imported map against every rule ``load_map`` applies; MapError if it breaks one.

    The map is written as YAML and read back, so what an import saves always validates. Problems
    are reported at the imported item's location when the importer recorded one.
    """
    from argmap.formats.yamlfmt import dump_yaml
    from argmap.load.schema import read_part
    from argmap.load.validate import check_references, merge
    from argmap.load.yaml import parse

    name = f"{filename} (as YAML)"
    sink = DiagnosticSink()
    text = dump_yaml(amap)
    try:
        part = read_part(parse(text, name), name, sink)
    except MapError as exc:  # pragma: no cover - dump_yaml writes valid YAML
        sink.items.extend(exc.diagnostics)
    else:
        if not sink.errors:
            merged = merge([part], sink)
            check_references(merged, [part], sink)
    if sink.errors:
        lines = text.splitlines()
        located = [_relocate(d, amap, filename, lines) for d in sink.errors]
        raise MapError(located)
    return amap


def _relocate(diag: Diagnostic, amap: ArgumentMap, filename: str, lines: list[str]) -> Diagnostic:
    """Point a diagnostic about the generated YAML back at the imported file when possible."""
    loc = Location(filename)
    ids = re.findall(r"'([^']+)'", diag.message)
    for ident in ids:
        for table in (amap.claims, amap.actors, amap.sources, amap.issues):
            item = table.get(ident)
            if item is not None and item.loc is not None:
                loc = item.loc
                break
        else:
            for rel in amap.relations:
                if rel.id == ident and rel.loc is not None:
                    loc = rel.loc
                    break
            else:
                continue
        break
    return Diagnostic(diag.message, loc, diag.hint, diag.level, diag.code)
