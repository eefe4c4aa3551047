"""The Markdown report."""

from __future__ import annotations

from pathlib import Path

from argmap.formats.markdown import dump_markdown, md_escape
from argmap.load import load_map
from argmap.model import ArgumentMap, Claim, Text

DATA = Path(__file__).resolve().parents[1] / "data"


def test_issue_outline() -> None:
    text = dump_markdown(load_map(DATA / "tiny.yaml"))
    assert text.startswith("# Tiny debate\n")
    assert "4 claims, 4 relations, 2 actors, 1 sources." in text
    assert "### Issue: Should we do X? (`q`)" in text
    assert "- **Positions:** [`x`](#claim-x) We should do X. — **stands**" in text
    assert "  - **Pro:** [`a`](#claim-a) X is cheap." in text
    assert "  - **Con:** [`b`](#claim-b) X is risky.\n    - **Con:** [`c`](#claim-c)" in text
    assert "**Pro (together):** [`a`](#claim-a) X is cheap. + [`c`](#claim-c)" in text


def test_claim_cards() -> None:
    text = dump_markdown(load_map(DATA / "tiny.yaml"))
    card = text[text.index('<a id="claim-a">') :].split("\n### ")[0]
    assert "- **Kind:** fact" in card
    assert "- **Said by:** Alice" in card
    assert "- **Sources:** A paper (2024-07-23)" in card
    assert "  - supports [`x`](#claim-x) We should do X. (together: `c`)" in card
    x = text[text.index('<a id="claim-x">') :].split("\n### ")[0]
    assert "- **Supported by:**" in x and "- **Opposed by:**" in x
    assert "- **Answers:** Should we do X? (`q`)" in x
    assert "| `alice` | Alice | person |" in text
    assert "| `paper` | A paper |  | 2024-07-23 |" in text


def test_status_is_the_weighed_labelling() -> None:
    text = dump_markdown(load_map(DATA / "tiny.yaml"))
    b = text[text.index('<a id="claim-b">') :].split("\n### ")[0]
    # c opposes b with equal weight: balanced, so b falls; x stands on its reason a
    assert "- **Status:** falls (pro 0.50, con 0.50)" in b
    x = text[text.index('<a id="claim-x">') :].split("\n### ")[0]
    assert "- **Status:** stands (pro 0.50, con 0.00)" in x
    ja = dump_markdown(load_map(DATA / "tiny.yaml"), lang="ja")
    assert "- **判定:** 不成立(賛 0.50、否 0.50)" in ja


def test_undercuts_schemes_and_weights() -> None:
    text = dump_markdown(load_map(DATA / "undercut.yaml"))
    assert "_(scheme: argument from consequences; weight: 0.8)_" in text
    assert "    - **Undercut:** [`lobby`](#claim-lobby)" in text
    assert "undercuts relation `danger-restrict` → [`restrict`](#claim-restrict)" in text


def test_escaping_and_japanese() -> None:
    assert md_escape("a*b_c [d] <e> |f| #g\nh") == "a\\*b\\_c \\[d\\] \\<e\\> \\|f\\| \\#g h"
    amap = ArgumentMap(claims={"a": Claim("a", Text.of("<script>x</script> *bold*"))})
    text = dump_markdown(amap)
    assert "<script>" not in text and "\\*bold\\*" in text
    ja = dump_markdown(load_map(DATA / "tiny.yaml"), lang="ja")
    assert "### 論点: Should we do X? (`q`)" in ja and "Xをすべきだ。" in ja


def test_only_web_links_become_links() -> None:
    from argmap.load import load_text

    amap = load_text(
        "argmap: 1\nsources:\n"
        "  j: {title: J, url: 'javascript:alert(1)'}\n"
        "  d: {title: D, url: 'data:text/html,<script>x</script>'}\n"
        "  v: {title: V, url: 'VBScript:msgbox'}\n"
        "  h: {title: H, url: 'https://example.org/a b>c'}\n"
        "claims:\n  a: {text: A & B, source: [j, d, v, h]}\n",
        "links.yaml",
    )
    text = dump_markdown(amap)
    assert "javascript" not in text and "data:" not in text and "VBScript" not in text
    assert "- **Sources:** J; D; V; [H](<https://example.org/a%20b%3Ec>)" in text
    assert "A & B" in text  # Markdown shows a bare & as it is: no entity, nothing doubled
