"""The pages in a real browser: Debian's chromium driven by Playwright (never `playwright
install`). An analyst's path through the site, the query editor, an accessibility check with
axe-core, no request to another host, and the screenshots of docs/screenshots/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bkgraph.config import PROJECT_ROOT, assets_dir
from bkgraph.web.assets import fetch

from .conftest import Server

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",  # the machine has no internet: no calls home
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium as root")
    fetch(assets_dir())  # YASGUI and axe-core, from the npm registry, hash-checked
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, server: Server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.url)
    page = context.new_page()
    page.outside = []  # requests to any host but the server: there must be none

    def guard(route) -> None:
        if urlparse(route.request.url).hostname in ("127.0.0.1", None):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    yield page
    assert page.outside == []
    context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(url="/vendor/axe-core/axe.min.js")  # same origin: allowed by the CSP
    results = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in results
        if v["impact"] in ("serious", "critical")
    ]


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_an_analysts_path(page) -> None:
    page.goto("/")
    shot(page, "home")
    page.fill("#site-search", "kantoorsoftware")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search?q=kantoorsoftware")
    page.get_by_role("link", name="kantoorsoftware", exact=True).first.click()
    page.wait_for_url("**/doc/knowledge/kantoorsoftware")
    shot(page, "concept")
    assert "office software" in page.content()
    page.get_by_role("link", name="BK-0568-1", exact=True).click()
    page.wait_for_url("**/doc/qualification/BK-0568-1")
    shot(page, "qualification")
    # the career-path picture: click Onthaalmedewerker (row 5, column 1 of section 4)
    page.locator("#career").scroll_into_view_if_needed()
    shot(page, "career-paths")
    page.locator('svg.grid a[href="/doc/qualification/BK-0390-2"]').click()
    page.wait_for_url("**/doc/qualification/BK-0390-2")
    assert page.locator("h1").inner_text().startswith("Onthaalmedewerker")
    page.go_back()
    # a chart's table: table III's total row (line 463), Brussel HG first with 564
    page.locator("#labour").scroll_into_view_if_needed()
    shot(page, "labour-market")
    first = page.locator("#table-regions tbody tr").first.locator("td")
    assert first.all_inner_texts() == ["Brussel HG", "564"]


def test_the_query_editor_runs_an_example(page) -> None:
    page.goto("/sparql")
    page.wait_for_selector(".yasqe .CodeMirror")
    assert page.locator("#plain-form").is_hidden()
    page.locator("a[data-example]", has_text="(h)").click()
    page.wait_for_selector(".yasr table tbody tr")
    assert page.locator(".yasr table tbody tr").count() == 15  # the 15 regions of table III
    shot(page, "editor")


def test_the_plain_form_works_without_the_editor(page) -> None:
    page.route("**/vendor/yasgui/**", lambda route: route.abort())
    page.goto("/sparql")
    assert page.locator("#plain-form").is_visible()
    page.locator("#plain-form button[type=submit]").click()
    page.wait_for_selector("table tbody tr")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/doc/qualification/BK-0568-1",
        "/doc/knowledge/kantoorsoftware",
        "/search?q=onthaal",
        "/browse",
        "/compare?a=BK-0390-2&b=BK-0568-1",
        "/doc/profession/hr-deskundige",
    ],
)
def test_pages_pass_axe(page, path: str) -> None:
    page.goto(path)
    assert axe_violations(page) == []


def test_compare_screenshot(page) -> None:
    page.goto("/compare?a=BK-0390-2&b=BK-0568-1")
    assert "Alleen B" in page.content()
    shot(page, "compare")


def test_chromium_is_debians() -> None:
    assert shutil.which("chromium") == CHROMIUM
