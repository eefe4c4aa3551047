"""import(export(map)) keeps what each format can hold, on generated and shipped maps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats.aif import dump_aif
from argmap.formats.argdown import dump_argdown
from argmap.formats.jsonfmt import dump_json
from argmap.formats.registry import get_format
from argmap.formats.yamlfmt import dump_yaml
from argmap.load import check_map
from argmap.load import load_text as load_yaml_text
from argmap.model import (
    ACTOR_KINDS,
    CLAIM_KINDS,
    RELATION_TYPES,
    Actor,
    ArgumentMap,
    Claim,
    Issue,
    Relation,
    Source,
    Text,
)

ROOT = Path(__file__).resolve().parents[2]
# every import is read, then checked, by the registry's Format.load
load_aif = get_format("aif").load
load_argdown_json = get_format("argdown").load
load_json = get_format("json").load
FLAGSHIP = ROOT / "arguments" / "llama-3.1-open-source"
SHIPPED = [
    ROOT / "tests" / "data" / "tiny.yaml",
    ROOT / "tests" / "data" / "undercut.yaml",
    FLAGSHIP,
]

# -- strategies ----------------------------------------------------------------------------------
ID = st.from_regex(r"[A-Za-z_-][A-Za-z0-9_.:\-]{0,7}", fullmatch=True) | st.sampled_from(
    ["安全", "x-1", "1", "a.b", "-lead", "true", "null", "2024-07-23"]
)
ANY_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() and s == s.strip())
#: Texts for Argdown: one line, printable, with every control character Argdown knows.
LINE_TEXT = st.text(
    st.sampled_from(list("abcXYZ019 .:,;!?-+*_#@[](){}<>/\\='\"&%$^~`|安全。ーé—")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and s == s.strip())
LANGS = st.sampled_from(["en", "ja", "de"])


def texts(text: st.SearchStrategy[str], langs: tuple[str, ...]) -> st.SearchStrategy[Text]:
    plain = text.map(Text.of)
    if not langs:
        return plain
    tagged = st.lists(st.sampled_from(langs), min_size=1, max_size=len(langs), unique=True).flatmap(
        lambda ls: st.tuples(*(text for _ in ls)).map(
            lambda vs: Text(tuple(zip(ls, vs, strict=True)))
        )
    )
    return plain | tagged


@st.composite
def maps(draw: st.DrawFn, text: st.SearchStrategy[str] = ANY_TEXT) -> ArgumentMap:
    """A valid map: claims, actors, sources, issues, and relations of every shape."""
    langs = tuple(draw(st.lists(LANGS, max_size=2, unique=True)))
    txt = texts(text, langs)
    ids = draw(st.lists(ID, min_size=2, max_size=7, unique=True))
    actor_ids = draw(st.lists(ID, max_size=3, unique=True))
    source_ids = draw(st.lists(ID, max_size=3, unique=True))
    issue_ids = draw(st.lists(ID, max_size=2, unique=True))
    actors = {
        a: Actor(a, draw(txt), draw(st.none() | st.sampled_from(ACTOR_KINDS))) for a in actor_ids
    }
    sources = {
        s: Source(
            s,
            draw(txt),
            date=draw(st.none() | st.sampled_from(["2024", "2024-07", "2024-07-23"])),
            url=draw(st.none() | st.just("https://example.org/a?b=c")),
        )
        for s in source_ids
    }
    issues = {i: Issue(i, draw(txt)) for i in issue_ids}
    claims: dict[str, Claim] = {}
    for cid in ids:
        claims[cid] = Claim(
            cid,
            draw(txt),
            draw(st.sampled_from(CLAIM_KINDS)),
            tuple(draw(st.lists(st.sampled_from(actor_ids), unique=True, max_size=2)))
            if actor_ids
            else (),
            tuple(draw(st.lists(st.sampled_from(source_ids), unique=True, max_size=2)))
            if source_ids
            else (),
            tags=tuple(
                draw(
                    st.lists(
                        st.sampled_from(["t1", "tag two", "ja-タグ", "x)y"]),
                        unique=True,
                        max_size=2,
                    )
                )
            ),
            answers=draw(st.none() | st.sampled_from(issue_ids)) if issue_ids else None,
            weight=draw(st.none() | st.sampled_from([0.0, 0.25, 1.0])),
        )
    relations: list[Relation] = []
    used = set(ids)
    for _ in range(draw(st.integers(0, 8))):
        rtype = draw(st.sampled_from(RELATION_TYPES))
        if rtype == "undercuts":
            if not relations:
                continue
            target = draw(st.sampled_from(relations)).id
        else:
            target = draw(st.sampled_from(ids))
        candidates = [c for c in ids if c != target]
        premises = tuple(
            draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))
        )
        explicit = draw(st.booleans())
        rid = f"r{len(relations)}x" if explicit else Relation.auto_id(premises, target, rtype)
        if rid in used:
            continue
        used.add(rid)
        relations.append(
            Relation(
                rid,
                premises,
                target,
                rtype,
                scheme=draw(st.none() | st.just("argument from consequences")),
                weight=draw(st.none() | st.just(0.5)),
                by=(draw(st.sampled_from(actor_ids)),) if actor_ids and draw(st.booleans()) else (),
                source=(draw(st.sampled_from(source_ids)),)
                if source_ids and draw(st.booleans())
                else (),
                explicit_id=explicit,
            )
        )
    title = draw(st.none() | txt)
    return ArgumentMap(
        title=title or Text(),
        languages=langs,
        actors=actors,
        sources=sources,
        issues=issues,
        claims=claims,
        relations=tuple(relations),
    )


def key(amap: ArgumentMap) -> dict:
    """What a lossless round trip must keep (relation order aside)."""
    return {
        "title": amap.title,
        "description": amap.description,
        "languages": amap.languages,
        "actors": dict(amap.actors),
        "sources": dict(amap.sources),
        "issues": dict(amap.issues),
        "claims": dict(amap.claims),
        "claim_order": list(amap.claims),
        "relations": sorted(amap.relations, key=lambda r: r.id),
    }


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- lossless formats ----------------------------------------------------------------------------
@SETTINGS
@given(maps())
def test_yaml_roundtrip(amap: ArgumentMap) -> None:
    text = dump_yaml(amap)
    assert key(load_yaml_text(text, "gen.yaml")) == key(amap)
    assert dump_yaml(amap) == text  # deterministic


@SETTINGS
@given(maps())
def test_json_roundtrip(amap: ArgumentMap) -> None:
    back = load_json(dump_json(amap), "gen.json")
    assert key(back) == key(amap)
    assert back.relations == amap.relations  # even the order


@SETTINGS
@given(maps())
def test_aif_roundtrip(amap: ArgumentMap) -> None:
    assert key(load_aif(dump_aif(amap), "gen.json")) == key(amap)


@SETTINGS
@given(maps())
def test_aif_without_extension_keeps_the_graph(amap: ArgumentMap) -> None:
    """Plain AIF (what other tools read) keeps texts, relation shapes and who said what."""
    data = json.loads(dump_aif(amap))
    del data["argmap"]
    back = load_aif(json.dumps(data), "plain.json")
    lang = amap.default_language
    assert len(back.claims) == len(amap.claims)
    new_id = {}
    for (old, claim), (new, got) in zip(amap.claims.items(), back.claims.items(), strict=True):
        new_id[old] = new
        assert got.text.get() == amap.text(claim.text, lang)
        said = [amap.text(amap.actors[a].name, lang) for a in claim.by]  # one actor per name
        assert [back.actors[a].name.get() for a in got.by] == list(dict.fromkeys(said))

    def shape(rel: Relation, amap_: ArgumentMap, ids: dict[str, str]) -> tuple:
        target = rel.target
        if rel.type == "undercuts":
            target = shape(amap_.relation(rel.target), amap_, ids)
        else:
            target = ids.get(target, target)
        return (tuple(sorted(ids.get(p, p) for p in rel.premises)), rel.type, target)

    ident = {c: c for c in back.claims}
    assert sorted(map(str, (shape(r, amap, new_id) for r in amap.relations))) == sorted(
        map(str, (shape(r, back, ident) for r in back.relations))
    )


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
@pytest.mark.parametrize(
    ("dump", "load"),
    [
        (dump_yaml, load_yaml_text),
        (dump_json, load_json),
        (dump_aif, load_aif),
    ],
    ids=["yaml", "json", "aif"],
)
def test_shipped_maps_roundtrip(path: Path, dump, load) -> None:
    amap, diagnostics = check_map(path)
    assert amap is not None, diagnostics
    assert key(load(dump(amap), "x")) == key(amap)


# -- Argdown through the real parser ---------------------------------------------------------------
def argdown_text(text: Text) -> Text:
    """How a text comes back from Argdown: one line, trimmed (data keeps tagged texts whole)."""
    if isinstance(text.to_data(), dict):
        return text
    return Text.of(" ".join(part.strip() for part in text.get().splitlines()).strip())


def argdown_key(amap: ArgumentMap) -> dict:
    from dataclasses import replace

    claims = {cid: replace(c, text=argdown_text(c.text)) for cid, c in amap.claims.items()}
    return key(replace(amap, claims=claims))


def test_generated_maps_through_argdown(argdown_json, tmp_path: Path) -> None:
    """Generated maps (every control character in texts) pass Argdown's parser and come back."""
    examples: list[ArgumentMap] = []

    @settings(max_examples=12, deadline=None, database=None, derandomize=True)
    @given(maps(LINE_TEXT))
    def collect(amap: ArgumentMap) -> None:
        examples.append(amap)

    collect()
    for n, amap in enumerate(examples):
        path = tmp_path / f"gen{n}.argdown"
        path.write_text(dump_argdown(amap), encoding="utf-8")
        data = argdown_json(path)
        back = load_argdown_json(json.dumps(data), path.name)
        assert argdown_key(back) == argdown_key(amap), path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_maps_through_argdown(argdown_json, tmp_path: Path, path: Path) -> None:
    amap, diagnostics = check_map(path)
    assert amap is not None, diagnostics
    for lang in (None, *amap.languages):
        out = tmp_path / f"{path.stem}-{lang}.argdown"
        out.write_text(dump_argdown(amap, lang), encoding="utf-8")
        data = argdown_json(out)
        aux = [t for t, e in data["statements"].items() if (e.get("data") or {}).get("argmap")]
        assert len(data["statements"]) - len(aux) == len(amap.claims)
        inferences = sum(1 for a in data["arguments"].values() if a.get("pcs"))
        assert len(data["relations"]) - len(aux) + inferences == len(amap.relations)
        back = load_argdown_json(json.dumps(data), out.name)
        assert argdown_key(back) == argdown_key(amap)
