"""`argmap html` driven in a real headless Chromium through Playwright.

CI installs Debian's chromium and sets ARGMAP_REQUIRE_BROWSER=1, so there a missing browser fails
instead of skipping. Set ARGMAP_UPDATE_DOCS=1 to refresh docs/html-page.png from this test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import cli

ROOT = Path(__file__).parent.parent.parent
MAP = ROOT / "arguments" / "llama-3.1-open-source"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing() -> str | None:
    if shutil.which("dot") is None:
        return "Graphviz's dot is not installed"
    if CHROMIUM is None:
        return "chromium is not installed"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


def open_page(playwright, url: str):
    """Debian's Chromium on ``url``, with the page's script errors in ``page.errors`` and the
    URLs it requested in ``page.requests``; returns the browser (to close) and the page."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    pg = browser.new_page(viewport={"width": 1400, "height": 900})
    pg.errors, pg.requests = [], []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("request", lambda req: pg.requests.append(req.url))
    pg.goto(url)
    return browser, pg


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    reason = _missing()
    if reason:
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    out = tmp_path_factory.mktemp("html") / "map.html"
    result = CliRunner().invoke(cli, ["html", str(MAP), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with sync_playwright() as p:
        browser, pg = open_page(p, out.as_uri())
        yield pg
        browser.close()


def visible(selector: str) -> str:
    return f".figure:not([hidden]) {selector}"


def test_page_loads_offline_without_errors(page) -> None:
    assert page.errors == []
    assert all(url.startswith("file:") for url in page.requests), page.requests
    assert page.title() == "Llama 3.1 とオープンソースAIをめぐる議論"
    assert page.locator(visible("g.node[data-claim]")).count() == 76


def test_search_in_japanese_and_select(page) -> None:
    page.fill("#search", "ロビー活動")
    results = page.locator("#results li.result")
    ids = [results.nth(i).get_attribute("data-claim") for i in range(results.count())]
    assert "lobby-closed-motive" in ids
    page.click('#results li.result[data-claim="lobby-closed-motive"]')
    panel = page.locator("#panel")
    assert panel.get_attribute("data-claim") == "lobby-closed-motive"
    assert "ロビー活動" in page.text_content("#panel h2")
    assert "マーク・ザッカーバーグ" in page.text_content("#panel")
    assert "主張者" in page.text_content("#panel")


def test_click_claim_shows_panel_and_highlights_neighbours(page) -> None:
    page.select_option("#lang", "en")
    page.click(visible('g.node[data-claim="zuck-china-espionage"]'))
    text = page.text_content("#panel")
    assert "Most technology companies do not have security good enough" in text
    assert "Open Source AI Is the Path Forward" in text
    assert "2024-07-23" in text
    link = page.locator('#panel a[href^="https://"]').first
    assert link.get_attribute("rel") == "noopener noreferrer"
    near = page.locator(visible("svg.dimmed g.node.near"))
    names = {near.nth(i).get_attribute("data-claim") for i in range(near.count())}
    assert {"zuck-china-espionage", "zuck-closed-world-asymmetry", "safety-restrict-open"} <= names
    assert page.locator(visible("g.node.selected")).count() == 1


def test_panel_links_navigate(page) -> None:
    page.click(visible('g.node[data-claim="safety-restrict-open"]'))
    page.click('#panel a.claim-link[data-claim="zuck-path-forward"]')
    assert page.locator("#panel").get_attribute("data-claim") == "zuck-path-forward"
    assert "Open-source AI is the path forward" in page.text_content("#panel h2")


def test_language_switch_and_screenshot(page, tmp_path: Path) -> None:
    page.select_option("#lang", "ja")
    page.fill("#search", "スパイ")
    page.keyboard.press("Enter")
    assert page.locator("#panel").get_attribute("data-claim") == "zuck-china-espionage"
    assert "中国のスパイ活動" in page.text_content("#panel h2")
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("ARGMAP_UPDATE_DOCS") == "1":
        shutil.copy(shot, ROOT / "docs" / "html-page.png")
