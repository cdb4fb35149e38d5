"""Both builds, in a real browser (Debian's chromium via Playwright).

- offline: `OFFLINE=true mkdocs build` opened from file://, as a reader without network would;
- online: `mkdocs build` served on 127.0.0.1, as static hosting would.

For every page of both: no console error, no request to any other host, math rendered, every
image loaded, no serious or critical axe violation. Then navigation through the whole site,
keyboard search, and a link checker over the HTML. Screenshots of every offline page are saved
to SCREENSHOTS for a person to look at.
"""

from __future__ import annotations

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from verified_lessons.browser import (BROKEN_IMAGES_JS, UNRENDERED_MATH_JS, copy_site,
                                      open_page)
from verified_lessons.layout import LAYOUT
from verified_lessons.linkcheck import broken_links
from verified_lessons.notebooks import FOLDER, lesson_pages

pytestmark = pytest.mark.browser

SCREENSHOTS = LAYOUT.root / "test-artifacts" / "screenshots" / "offline"
PAGES = [p.relative_to(LAYOUT.docs).with_suffix("").as_posix() for p in LAYOUT.pages()]
LESSONS = [p.stem for p in lesson_pages(LAYOUT.docs)]   # pages that have a notebook
NOTEBOOK_PAGES = [f"{FOLDER}/{name}" for name in LESSONS]
BUILDS = ["offline", "online"]
SERIOUS = {"serious", "critical"}


def math_problems(page) -> list[str]:
    if page.locator(".jupyter-wrapper").count():
        try:   # notebook pages: KaTeX is loaded and run after the page itself
            page.wait_for_selector(".jupyter-wrapper[data-math-rendered]", timeout=5000)
        except Exception:  # noqa: BLE001 - reported below with the details
            pass
    state = page.evaluate(UNRENDERED_MATH_JS)
    problems = [f"math not rendered: {t!r}" for t in state["raw"]]
    problems += [f"KaTeX error: {t!r}" for t in state["errors"]]
    problems += [f"raw TeX delimiter left in the text: {t!r}" for t in state["leftovers"]]
    return problems


def accessibility_problems(page) -> list[str]:
    # preload: false stops axe from re-fetching stylesheets with XHR, which file:// forbids
    options = {"resultTypes": ["violations"], "preload": False}
    violations = Axe().run(page, options=options).response["violations"]
    return [
        f"axe {v['impact']}: {v['id']} ({v['help']}) at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in violations
        if v["impact"] in SERIOUS
    ]


@pytest.fixture(scope="session", autouse=False)
def screenshot_dir():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.mark.parametrize("name", PAGES + NOTEBOOK_PAGES)
@pytest.mark.parametrize("build", BUILDS)
def test_page_works_for_a_reader(build, name, browser, page_url, screenshot_dir):
    visit, context, page = open_page(browser, page_url(build, name))
    try:
        page.wait_for_load_state("networkidle")
        problems = math_problems(page)
        problems += [f"image did not load: {src}" for src in page.evaluate(BROKEN_IMAGES_JS)]
        # what the page itself did, before the audit adds its own script to it
        problems += [f"request to another host: {u}" for u in visit.outside_requests]
        problems += [f"request failed: {u}" for u in visit.failed_requests]
        problems += [f"console error: {e}" for e in visit.console_errors]
        if build == "offline":
            page.screenshot(path=screenshot_dir / f"{name.replace('/', '_')}.png", full_page=True)
        problems += accessibility_problems(page)
    finally:
        context.close()
    assert not problems, f"{build} build, {visit.url}:\n" + "\n".join(f"- {p}" for p in problems)


@pytest.mark.parametrize("build", BUILDS)
def test_every_page_is_reachable_through_the_navigation(build, browser, page_url):
    """From the home page, the sidebar reaches every page and 'Next' walks them all in order."""
    visit, context, page = open_page(browser, page_url(build, "index"))
    try:
        # links to pages, not to sections of the current page (those carry a #hash)
        nav = page.locator(".md-sidebar--primary a.md-nav__link:not([href*='#'])")
        count = nav.count()
        assert count == len(PAGES), f"sidebar links to {nav.all_inner_texts()}, expected {PAGES}"
        for i in range(count):
            page.goto(page_url(build, "index"))
            link = page.locator(".md-sidebar--primary a.md-nav__link:not([href*='#'])").nth(i)
            title = link.inner_text().strip()
            link.click()
            page.wait_for_load_state("load")
            heading = page.locator("article h1").first.inner_text().strip().rstrip("¶").strip()
            assert heading, f"sidebar link {title!r} opened {page.url}, which has no title"
        page.goto(page_url(build, "index"))
        seen = [page.url]
        while page.locator("a.md-footer__link--next").count():
            page.locator("a.md-footer__link--next").click()
            page.wait_for_load_state("load")
            seen.append(page.url)
        assert len(set(seen)) == len(PAGES), f"'Next' walked {seen}"
    finally:
        context.close()
    assert not visit.outside_requests and not visit.console_errors, visit


@pytest.mark.parametrize("build", BUILDS)
def test_search_typed_on_the_keyboard_finds_causal_masks(build, browser, page_url):
    visit, context, page = open_page(browser, page_url(build, "index"))
    try:
        page.keyboard.press("/")   # Material's shortcut: focus the search field
        page.keyboard.type("causal mask", delay=30)
        first = page.locator(".md-search-result__item a").first
        first.wait_for(timeout=10000)
        first.click()
        page.wait_for_load_state("load")
        assert "causal_masks" in page.url
        assert page.locator("article h1").first.inner_text().strip().rstrip("¶").strip() == "Causal masks"
    finally:
        context.close()
    assert not visit.outside_requests and not visit.console_errors, visit


@pytest.mark.parametrize("build", BUILDS)
def test_every_internal_link_and_anchor_resolves(build, offline_site, built_site):
    problems = broken_links(offline_site if build == "offline" else built_site)
    assert not problems, f"{build} build: broken links\n" + "\n".join(problems)


def test_outside_request_check_fails_on_a_page_that_loads_from_a_cdn(browser, offline_site,
                                                                      tmp_path):
    """Proof that the check above can fail: a copied page with a CDN script is caught."""
    site = copy_site(offline_site, tmp_path / "site")
    index = site / "index.html"
    cdn = "https://cdn.example.com/library.js"
    index.write_text(index.read_text().replace("</head>", f'<script src="{cdn}"></script></head>'))
    visit, context, page = open_page(browser, index.as_uri())
    context.close()
    assert visit.outside_requests == [cdn]


def test_link_checker_reports_a_broken_link_and_anchor(offline_site, tmp_path):
    site = copy_site(offline_site, tmp_path / "site")
    index = site / "index.html"
    index.write_text(index.read_text().replace(
        "</article>", '<a href="nowhere.html">x</a><a href="causal_masks.html#no-such-part">y</a></article>'))
    problems = "\n".join(broken_links(site))
    assert "index.html: nowhere.html -> nowhere.html does not exist" in problems
    assert "index.html: causal_masks.html#no-such-part -> no #no-such-part in causal_masks.html" in problems


@pytest.mark.parametrize("build", BUILDS)
def test_every_lesson_offers_its_notebook_for_download(build, browser, page_url):
    """The link on each lesson page downloads a valid notebook whose code is that page's code."""
    import json

    for name in LESSONS:
        visit, context, page = open_page(browser, page_url(build, name), accept_downloads=True)
        try:
            link = page.locator("p.lesson-notebook a[download]")
            assert link.count() == 1, f"{name}: no download link for its notebook"
            with page.expect_download() as event:
                link.click()
            notebook = json.loads(open(event.value.path(), encoding="utf-8").read())
        finally:
            context.close()
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        shown = [p for p in LAYOUT.includes(LAYOUT.docs / f"{name}.md") if p.suffix == ".py"]
        assert [c["metadata"]["snippet"] for c in code] == [LAYOUT.rel(p) for p in shown], name
        assert notebook["nbformat"] == 4 and not visit.outside_requests
