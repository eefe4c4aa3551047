"""The page's pro/con browser in a real Chromium: a generated 10,000-claim Kialo debate, and the
shipped map in both of its languages. Search, open a claim, see its pros and cons, descend, and
come back up by the breadcrumbs, the browser's back key and the keyboard."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli
from tests.cli.test_html_browser import REQUIRED, _missing, open_page

ROOT = Path(__file__).parent.parent.parent
MAP = ROOT / "arguments" / "llama-3.1-open-source"


def page_data(html: Path) -> dict:
    text = html.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="argmap-data">(.*?)</script>', text, re.S).group(1))


@pytest.fixture(scope="module")
def playwright():
    """One Playwright for the module (its sync API runs one at a time)."""
    reason = _missing()
    if reason:
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def big(tmp_path_factory, playwright):
    """A 10,000-entry Kialo debate: imported, written as a page, and open in Chromium."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from kialo_debate import kialo_debate

    folder = tmp_path_factory.mktemp("big")
    debate = folder / "debate.txt"
    debate.write_text(kialo_debate(10_000, seed=1), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(debate), "-o", str(folder / "debate.yaml")])
    assert result.exit_code == 0, result.output
    out = folder / "debate.html"
    result = runner.invoke(cli, ["html", str(folder / "debate.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "picture(s) of its parts" in result.stderr
    browser, pg = open_page(playwright, out.as_uri())
    pg.wait_for_selector("#browser a.card")
    yield pg, page_data(out)["data"]["claims"]
    browser.close()


def cards(pg, column: str) -> list[str]:
    found = pg.locator(f"#browser .{column} a.card")
    return [found.nth(i).get_attribute("data-claim") for i in range(found.count())]


def test_a_big_debate_opens_in_the_browser_view(big) -> None:
    pg, claims = big
    assert pg.errors == []
    assert all(url.startswith("file:") for url in pg.requests), pg.requests[:3]
    assert pg.get_attribute("body", "data-mode") == "browser"
    assert len(claims) > 9_000
    assert cards(pg, "loose") == ["k1"]  # where it starts: the thesis, and nothing else
    assert pg.locator("#browser a.card").count() == 1


def test_search_open_descend_and_come_back(big) -> None:
    pg, claims = big
    target = next(
        cid
        for cid, c in claims.items()
        if len(c["supporters"]) >= 2 and c["opposers"] and c["bears_on"]
    )
    number = re.search(r"\(claim (\d+)\)", claims[target]["text"]["und"]).group(1)
    pg.fill("#search", f"(claim {number})")
    pg.click(f'#results li.result[data-claim="{target}"]')
    assert pg.url.endswith("#claim=" + target)
    focused = pg.locator("#browser .card.focused")
    assert focused.get_attribute("data-claim") == target
    assert claims[target]["text"]["und"] in focused.text_content()
    # its pros and cons, side by side, on screen
    assert cards(pg, "pros") == claims[target]["supporters"]
    assert cards(pg, "cons") == claims[target]["opposers"]
    for column in ("pros", "cons"):
        box = pg.locator(f"#browser .{column} a.card").first.bounding_box()
        assert box and box["y"] < 900 and box["height"] > 0
    assert pg.locator("#panel").get_attribute("data-claim") == target
    # descend into a reason; the claim above stays on screen in the breadcrumbs
    child = claims[target]["supporters"][0]
    pg.click(f'#browser .pros a.card[data-claim="{child}"]')
    assert pg.locator("#browser .card.focused").get_attribute("data-claim") == child
    crumb = pg.locator(f'#browser .crumbs a[data-claim="{target}"]')
    assert crumb.is_visible()
    crumb.click()
    assert pg.locator("#browser .card.focused").get_attribute("data-claim") == target
    if os.environ.get("ARGMAP_UPDATE_DOCS") == "1":
        pg.screenshot(path=str(ROOT / "docs" / "html-browser.png"))
    # the browser's back and forward keys walk the same way
    pg.go_back()
    assert pg.locator("#browser .card.focused").get_attribute("data-claim") == child
    pg.go_forward()
    assert pg.locator("#browser .card.focused").get_attribute("data-claim") == target
    # the keyboard: down to the first card, Enter descends, Backspace goes up again
    pg.locator("#search").blur()
    pg.keyboard.press("ArrowDown")
    first = pg.evaluate("document.activeElement.getAttribute('data-claim')")
    assert first == claims[target]["supporters"][0]
    pg.keyboard.press("Enter")
    assert pg.locator("#browser .card.focused").get_attribute("data-claim") == first
    pg.keyboard.press("Backspace")
    assert pg.locator("#browser .card.focused").get_attribute("data-claim") == target
    assert pg.errors == []


def test_a_claim_with_a_picture_shows_it(big) -> None:
    pg, claims = big
    target = next(cid for cid, c in claims.items() if c["figure"] is not None and c["bears_on"])
    pg.evaluate(f"location.hash = 'claim=' + encodeURIComponent({json.dumps(target)})")
    pg.wait_for_selector(f'#browser .card.focused[data-claim="{target}"]')
    pg.click("#browser button.to-picture")
    assert pg.get_attribute("body", "data-mode") == "picture"
    node = pg.locator(f'.figure:not([hidden]) g.node[data-claim="{target}"]')
    assert node.count() == 1 and node.first.is_visible()
    assert pg.locator(".figure:not([hidden]) g.node.selected").count() == 1
    pg.click('[data-mode-button="browser"]')
    assert pg.get_attribute("body", "data-mode") == "browser"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory, playwright):
    out = tmp_path_factory.mktemp("html") / "map.html"
    result = CliRunner().invoke(cli, ["html", str(MAP), "-o", str(out)])
    assert result.exit_code == 0, result.output
    browser, pg = open_page(playwright, out.as_uri())
    yield pg, page_data(out)["data"]["claims"]
    browser.close()


def test_the_shipped_map_opens_on_its_whole_picture(shipped) -> None:
    pg, claims = shipped
    assert pg.get_attribute("body", "data-mode") == "picture"  # small enough for one picture
    assert pg.locator(".figure:not([hidden]) g.node[data-claim]").count() == len(claims)


@pytest.mark.parametrize(
    ("lang", "query", "claim", "words"),
    [
        ("ja", "ロビー活動", "lobby-closed-motive", ("賛成", "反対")),
        ("en", "espionage", "zuck-china-espionage", ("Pros", "Cons")),
    ],
)
def test_the_shipped_map_in_the_browser_view(shipped, lang, query, claim, words) -> None:
    pg, claims = shipped
    pg.select_option("#lang", lang)
    pg.click('[data-mode-button="browser"]')
    pg.evaluate("location.hash = ''")
    starts = pg.locator("#browser .issue")
    assert starts.count() >= 4  # where the debate starts: its issues and their positions
    pg.fill("#search", query)
    pg.click(f'#results li.result[data-claim="{claim}"]')
    focused = pg.locator("#browser .card.focused")
    assert focused.get_attribute("data-claim") == claim
    assert claims[claim]["text"][lang] in focused.text_content()
    headings = pg.locator("#browser .column h3")
    assert headings.nth(0).text_content().startswith(words[0])
    assert headings.nth(1).text_content().startswith(words[1])
    assert cards(pg, "pros") == claims[claim]["supporters"]
    assert cards(pg, "cons") == claims[claim]["opposers"]
    parent = claims[claim]["bears_on"][0]["id"]
    crumb = pg.locator(f'#browser .crumbs a[data-claim="{parent}"]')
    assert crumb.is_visible() and claims[parent]["text"][lang] in crumb.text_content()
    crumb.click()
    assert pg.locator("#browser .card.focused").get_attribute("data-claim") == parent
    assert claim in cards(pg, "pros") + cards(pg, "cons")  # the way back down
    assert pg.errors == []


def test_a_broken_or_foreign_hash_leaves_the_page_working(big) -> None:
    pg, _ = big
    for hash_ in ("#claim=%E0%A4%A", "#claim=constructor", "#claim=__proto__", "#claim=nope"):
        pg.evaluate(f"location.hash = {json.dumps(hash_)}")
        pg.wait_for_function("document.querySelector('#browser h2') !== null")
        assert pg.locator("#browser .card.focused").count() == 0  # the start, not a claim
    assert pg.errors == []
    pg.click('#browser a.card[data-claim="k1"]')
    assert pg.locator("#browser .card.focused").get_attribute("data-claim") == "k1"
