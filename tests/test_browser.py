"""Both builds, as readers meet them, in a real browser (Debian's chromium via Playwright).

- offline: `OFFLINE=true mkdocs build` opened from file://, as a reader without network would;
- online: `mkdocs build` served on 127.0.0.1, as static hosting would.

Every page of both builds is opened on a desktop (1366 px) and on a phone (390 px, touch), one
build in the light scheme and the other in the dark one. Each visit checks what a reader would
meet (verified_lessons.browser.READER_PROBLEMS_JS): no console error, no request to another
host, math rendered, no TeX source in any text or name, nothing cut off, no sideways scroll of
the page, every sideways-scrolling box reachable and named, images loaded and sized, and axe
with no violation of any impact. Then: navigation, keyboard search, search results, the 404
page, notebook pages and their images, figure labels, links. Screenshots of every visit go to
test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from verified_lessons.browser import (READER_PROBLEMS_JS, SVG_TEXT_BOXES_JS, TEX, VIEWPORTS,
                                      PAGE_NAMES_JS, StaticServer, copy_site, name_problems,
                                      open_page, position_problems, rules_dropped_wrongly)
from verified_lessons.build import mkdocs_build
from verified_lessons.layout import LAYOUT
from verified_lessons.linkcheck import broken_links
from verified_lessons.notebooks import FOLDER, lesson_pages

pytestmark = pytest.mark.browser

SCREENSHOTS = LAYOUT.root / "test-artifacts" / "screenshots"
PAGES = [p.relative_to(LAYOUT.docs).with_suffix("").as_posix() for p in LAYOUT.pages()]
LESSONS = [p.stem for p in lesson_pages(LAYOUT.docs)]   # pages that have a notebook
NOTEBOOK_PAGES = [f"{FOLDER}/{name}" for name in LESSONS]
BUILDS = ["offline", "online"]
# Every page is visited twice, in both builds, at both widths, in both colour schemes: half the
# pages as (offline, desktop, light) and (online, phone, dark), the other half as (online,
# desktop, dark) and (offline, phone, light), so every combination is exercised.
ALL_PAGES = PAGES + NOTEBOOK_PAGES + ["404"]
VISITS = [(build, viewport, scheme, name)
          for i, name in enumerate(ALL_PAGES)
          for build, viewport, scheme in (
              [("offline", "desktop", "light"), ("online", "phone", "dark")] if i % 2 == 0 else
              [("online", "desktop", "dark"), ("offline", "phone", "light")])]


# The scroll cue (a shadow painted with background gradients, extra.css) would make axe skip
# the colour contrast of everything inside a scrolling box ("incomplete"): the audit runs with
# it off, so text is judged against its real background colour.
NO_SCROLL_CUES = "[data-scroll-region], .md-typeset pre > code, .md-typeset div.arithmatex, " \
    ".md-typeset .md-typeset__scrollwrap, .pg-scroll { background-image: none !important; }"


def accessibility_problems(page) -> list[str]:
    page.add_style_tag(content=NO_SCROLL_CUES)
    # preload: false stops axe from re-fetching stylesheets with XHR, which file:// forbids
    options = {"resultTypes": ["violations"], "preload": False}
    violations = Axe().run(page, options=options).response["violations"]
    return [
        f"axe {v['impact']}: {v['id']} ({v['help']}) at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in violations
    ]


@pytest.fixture(scope="session")
def screenshot_dir(request):
    """With --screenshots, every visit saves a full-page screenshot here to look at."""
    if not request.config.getoption("--screenshots"):
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.mark.parametrize("build, viewport, scheme, name", VISITS,
                         ids=[f"{b}-{v}-{s}-{n}" for b, v, s, n in VISITS])
def test_page_works_for_a_reader(build, viewport, scheme, name, browser, page_url, screenshot_dir,
                                 dropped_rules):
    visit, context, page = open_page(browser, page_url(build, name), color_scheme=scheme,
                                     **VIEWPORTS[viewport])
    try:
        problems = page.evaluate(READER_PROBLEMS_JS, TEX)
        problems += rules_dropped_wrongly(page, dropped_rules[build])
        if name != "404":   # the 404 page answers with status 404, which the browser logs
            problems += [f"request failed: {u}" for u in visit.failed_requests]
            problems += [f"console error: {e}" for e in visit.console_errors]
        problems += [f"request to another host: {u}" for u in visit.outside_requests]
        if screenshot_dir:
            page.screenshot(path=screenshot_dir / f"{build}-{viewport}-{scheme}-"
                            f"{name.replace('/', '_')}.png", full_page=True)
        problems += accessibility_problems(page)
    finally:
        context.close()
    assert not problems, (f"{build} build, {viewport}, {scheme}, {visit.url}:\n"
                          + "\n".join(f"- {p}" for p in problems))


@pytest.mark.parametrize("build", BUILDS)
def test_every_page_is_reachable_through_the_navigation(build, browser, page_url):
    """From the home page, 'Next' walks every page in order, each with a title, and the
    sidebar links to exactly the pages walked, in the same order."""
    visit, context, page = open_page(browser, page_url(build, "index"))
    try:
        # links to pages, not to sections of the current page (those carry a #hash)
        nav = page.locator(".md-sidebar--primary a.md-nav__link:not([href*='#'])")
        assert nav.count() == len(PAGES), f"sidebar links to {nav.all_inner_texts()}, expected {PAGES}"
        # the address each link leads to, as the browser resolves it
        sidebar = nav.evaluate_all("els => els.map(a => a.href)")
        seen = [page.url]
        while page.locator("a.md-footer__link--next").count():
            page.locator("a.md-footer__link--next").click()
            page.wait_for_load_state("load")
            heading = page.locator("article h1").first.inner_text().strip().rstrip("¶").strip()
            assert heading, f"'Next' opened {page.url}, which has no title"
            seen.append(page.url)
    finally:
        context.close()
    assert len(set(seen)) == len(PAGES), f"'Next' walked {seen}"
    assert [_same_page(u) for u in sidebar] == [_same_page(u) for u in seen], \
        f"the sidebar's order {sidebar} is not the order 'Next' walks {seen}"
    assert not visit.outside_requests and not visit.console_errors, visit


def _same_page(url: str) -> str:
    """One spelling per page: the offline build links "x.html" and "index.html", the online
    one "x/" and "./"."""
    for end in ("index.html", ".html", "/"):
        if url.endswith(end):
            return url[: -len(end)]
    return url


def search(page, query: str):
    page.keyboard.press("/")   # Material's shortcut: focus the search field
    page.keyboard.type(query, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    return results


@pytest.mark.parametrize("build", BUILDS)
def test_search_typed_on_the_keyboard_finds_causal_masks(build, browser, page_url):
    """Search works from the keyboard; the index is loaded and the search worker started
    only once search opens (verified_lessons/search_on_demand.py), and the page a result leads
    to highlights the words searched for."""
    visit, context, page = open_page(browser, page_url(build, "index"))

    def index_requests():
        return [u for u in visit.requests if "search_index" in u]

    def worker_requests():   # offline, the iframe-worker shim adds a query string
        return [u for u in visit.requests
                if re.search(r"/workers/search\.\w+\.min\.js(\?\d+)?$", u)]

    try:
        page.wait_for_load_state("networkidle")
        assert not index_requests(), f"the index loaded before search opened: {index_requests()}"
        assert not worker_requests(), f"the worker started before search opened: {worker_requests()}"
        search(page, "causal")
        # closed and opened again (a click in the field): the index is not asked for twice
        page.keyboard.press("Escape")
        assert not page.locator("#__search").is_checked(), "Escape did not close search"
        page.locator("input.md-search__input").click()
        page.keyboard.type(" mask", delay=20)
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=10000)
        assert page.locator("input.md-search__input").input_value() == "causal mask"
        assert len(index_requests()) == 1, index_requests()
        assert len(worker_requests()) == 1, worker_requests()
        results.locator("a").first.click()
        page.wait_for_load_state("load")
        assert "causal_masks" in page.url
        assert page.locator("article h1").first.inner_text().strip().rstrip("¶").strip() == "Causal masks"
        # the result page (?h=causal+mask) asks for the index to highlight the words
        highlights = page.locator(".md-content article mark[data-md-highlight]")
        highlights.first.wait_for(timeout=10000)
        assert len(index_requests()) == 2, index_requests()
        marked = " ".join(highlights.all_inner_texts()).lower()
        assert "causal" in marked and "mask" in marked, marked[:200]
    finally:
        context.close()
    assert not visit.outside_requests and not visit.console_errors, visit


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_results_and_the_drawer_show_math_as_text_not_tex(viewport, browser, page_url):
    """A heading with a formula ("Why divide by √d_k?") reads as text in search results, in
    the table of contents, and in the phone's navigation drawer."""
    visit, context, page = open_page(browser, page_url("online", "scaled_dot_product"),
                                     **VIEWPORTS[viewport])
    try:
        toc = page.locator("nav.md-nav--secondary").first.text_content()
        assert "√d_k" in toc and not re.search(TEX, toc), toc
        if viewport == "phone":
            page.locator("label.md-header__button[for='__drawer']").click()
            drawer = page.locator(".md-sidebar--primary").inner_text()
            assert not re.search(TEX, drawer), drawer
            page.reload()
        search(page, "divide")
        text = page.locator(".md-search-result").inner_text()
        assert "√d_k" in text, text
        assert not re.search(TEX, text), f"TeX source in search results: {text[:300]}"
    finally:
        context.close()


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


def test_reader_checks_fail_on_raw_tex_a_cut_formula_and_a_wide_page(browser, offline_site,
                                                                     dropped_rules, tmp_path):
    """Proof that the reader checks can fail: each planted defect is named."""
    site = copy_site(offline_site, tmp_path / "site")
    page_file = site / "causal_masks.html"
    html = page_file.read_text()
    html = html.replace("</article>",
                        '<p>Raw: \\(\\sqrt{d_k}\\)</p>'
                        '<div style="width:2000px">wide</div>'
                        '<p style="overflow:hidden;white-space:nowrap">' + "cut " * 400 + "</p>"
                        "</article>")
    html = re.sub(r'<img ([^>]*?) width="\d+"', r"<img \1", html, count=1)
    # a stylesheet that colours names and makes brackets bold, in lessons and in notebook cells:
    # the unwrapped tokens would then look different
    html = html.replace("</head>", "<style>.highlight .n { color: rgb(255, 0, 0) } "
                        ".highlight .p { font-weight: 700 } "
                        ".highlight-ipynb .n { color: rgb(0, 0, 255) }</style></head>")
    html = html.replace("</article>", '<div class="highlight-ipynb"><pre>x = 1</pre></div></article>')
    page_file.write_text(html)
    visit, context, page = open_page(browser, page_file.as_uri(), **VIEWPORTS["phone"])
    try:
        page.wait_for_load_state("networkidle")
        # a wide table added after the page's scripts ran: nobody made it focusable or named it
        page.evaluate("""document.querySelector('article').insertAdjacentHTML('beforeend',
            '<div class="planted" style="overflow-x:auto"><div style="width:2000px">wide</div></div>')""")
        # a class a script adds that no markup and no script of the site names (Material's
        # announcement banner): the build dropped the theme's rule for it
        page.evaluate("document.body.classList.add('md-' + 'banner')")
        problems = "\n".join(page.evaluate(READER_PROBLEMS_JS, TEX)
                              + rules_dropped_wrongly(page, dropped_rules["offline"]))
    finally:
        context.close()
    assert 'TeX source in the page\'s text: "\\(' in problems
    assert "the page scrolls sideways" in problems
    assert "cut off at the screen's edge: <p" in problems
    assert "scrolls sideways but the keyboard cannot reach it or it has no name" in problems
    assert "image without width and height: figures/causal_mask_pattern.svg" in problems
    assert 'a token of kind "n" in .highlight pre > code would be drawn rgb(255, 0, 0)' in problems
    assert 'a token of kind "p" in .highlight pre > code would be drawn rgb(' in problems
    assert "the build dropped the theme's rule for '.md-banner', but this page has all" in problems
    assert " 700, the code " in problems
    assert 'a token of kind "n" in .highlight-ipynb pre would be drawn rgb(0, 0, 255)' in problems


def _planted_reader_problems(browser, offline_site, tmp_path, name, viewport, edit) -> str:
    """The reader check's problems on a copy of a built page edited by `edit(html)`."""
    site = copy_site(offline_site, tmp_path / "site")
    page_file = site / f"{name}.html"
    page_file.write_text(edit(page_file.read_text()))
    _, context, page = open_page(browser, page_file.as_uri(), **VIEWPORTS[viewport])
    try:
        return "\n".join(page.evaluate(READER_PROBLEMS_JS, TEX))
    finally:
        context.close()


def _with_style(css):
    return lambda html: html.replace("</head>", f"<style>{css}</style></head>")


def test_the_desktop_check_fails_on_an_output_wider_than_its_column(browser, offline_site,
                                                                    tmp_path):
    """An output line of 100 characters, planted in a lesson's output block, is named at
    1366 px: the block would scroll, and the reader would not see the line whole."""
    def widen(html):
        assert "</code></pre>" in html
        return html.replace("</code></pre>", "\n" + "9" * 100 + "</code></pre>", 1)

    problems = _planted_reader_problems(browser, offline_site, tmp_path, "causal_masks",
                                        "desktop", widen)
    assert "wider than its column at 1366px: <code" in problems, problems


def test_the_phone_check_fails_on_output_that_wraps_inside_a_row(browser, offline_site,
                                                                tmp_path):
    """Output that wraps (the stylesheet of before), and a name in a table allowed to break, are
    named at 390 px."""
    problems = _planted_reader_problems(
        browser, offline_site, tmp_path, "causal_masks", "phone",
        _with_style(".md-typeset .highlight pre > code { white-space: pre-wrap; "
                    "overflow-wrap: anywhere } .md-typeset td code { white-space: normal }"))
    assert "may break a line inside a row, number or name (white-space pre-wrap" in problems
    assert "may break a line inside a row, number or name (white-space normal" in problems


def test_the_check_fails_on_a_copy_button_over_the_first_line(browser, offline_site, tmp_path):
    problems = _planted_reader_problems(
        browser, offline_site, tmp_path, f"{FOLDER}/kv_cache", "phone",
        _with_style(".md-content .jupyter-wrapper .jp-InputArea-editor pre "
                    "{ padding-top: 5px !important }"))
    assert "the copy button covers the first line of code: <pre" in problems



def test_the_phone_check_fails_on_a_number_or_name_broken_over_two_lines(browser, offline_site,
                                                                         tmp_path):
    """A number in a narrow paragraph that may break anywhere, a long dotted name without the
    build's markup (verified_lessons/wrapping.py), and a permalink mark drawn inline-block (as
    Material draws it) after a word that fills the line, are each named."""
    planted = ('<p style="width: 2em; word-break: break-all">2.2e-16</p>'
               '<p style="width: 9em"><code>torch.nn.functional.scaled_dot_product_attention'
               '</code></p>'
               '<h2 style="width: 6em" id="planted">Unbreakableheadingword'
               '<a class="headerlink" href="#planted">&para;</a></h2>')

    def plant(html):
        html = _with_style(".md-typeset .headerlink { display: inline-block }")(html)
        return html.replace("</article>", planted + "</article>", 1)

    problems = _planted_reader_problems(browser, offline_site, tmp_path, "index", "phone", plant)
    assert 'a number breaks over two lines: "2.2e-16"' in problems, problems
    assert 'a name breaks over two lines inside a word: "torch.nn.' in problems, problems
    assert 'the permalink mark stands alone on a line under the heading "Unbreakable' \
        in problems, problems


def test_link_checker_reports_a_broken_link_and_anchor(offline_site, tmp_path):
    site = copy_site(offline_site, tmp_path / "site")
    index = site / "index.html"
    index.write_text(index.read_text().replace(
        "</article>", '<a href="nowhere.html">x</a><a href="causal_masks.html#no-such-part">y</a></article>'))
    problems = "\n".join(broken_links(site))
    assert "index.html: nowhere.html -> nowhere.html does not exist" in problems
    assert "index.html: causal_masks.html#no-such-part -> no #no-such-part in causal_masks.html" in problems


@pytest.mark.parametrize("build", BUILDS)
def test_every_lesson_offers_its_notebook_for_download(build, browser, page_url, offline_site,
                                                       built_site):
    """The link on each lesson page downloads a valid notebook whose code is that page's code
    and which carries the page's images itself (so they show in the downloaded file). The page
    does not carry the notebook, nor load it before the click (offline, the click loads a
    script that hands over its text: notebook_download.js)."""
    visit, context, page = open_page(browser, page_url(build, "index"), accept_downloads=True)
    try:
        for name in LESSONS:
            start = len(visit.requests)
            page.goto(page_url(build, name), wait_until="networkidle")
            assert "data:application/x-ipynb" not in page.content(), f"{name}: notebook inlined"
            link = page.locator("p.lesson-notebook a[download]")
            assert link.count() == 1, f"{name}: no download link for its notebook"
            images = page.locator("article img").evaluate_all("els => els.map(e => e.alt)")
            early = [u for u in visit.requests[start:] if re.search(r"\.ipynb(\.js)?$", u)]
            assert not early, f"{name}: the notebook loaded before the click: {early}"
            start = len(visit.requests)
            with page.expect_download() as event:
                link.click()
            loaded = [u.rsplit("/", 1)[-1] for u in visit.requests[start:]]
            if build == "offline":   # through its script, not by following the link
                assert loaded == [f"{name}.ipynb.js"], f"{name}: the click loaded {loaded}"
            assert event.value.suggested_filename == f"{name}.ipynb"
            saved = open(event.value.path(), "rb").read()
            # byte for byte the file the build wrote (the same in both builds), non-ASCII too
            # the build's own notebook: each build's links follow its own addresses
            assert saved == _notebook_file(offline_site, built_site, build, name), name
            notebook = json.loads(saved)
            # an exercise's starter and check cells carry no snippet of their own
            code = [c for c in notebook["cells"]
                    if c["cell_type"] == "code" and "snippet" in c["metadata"]]
            shown = [p for p in LAYOUT.includes(LAYOUT.docs / f"{name}.md") if p.suffix == ".py"]
            assert [c["metadata"]["snippet"] for c in code] == [LAYOUT.rel(p) for p in shown], name
            carried = [a for c in notebook["cells"] for a in c.get("attachments", {})]
            markdown = "".join("".join(c["source"]) for c in notebook["cells"])
            for alt in images:
                assert f"![{alt}](attachment:" in markdown, f"{name}.ipynb lacks the image {alt[:50]!r}"
            assert len(carried) >= len(images)
            assert notebook["nbformat"] == 4
    finally:
        context.close()
    assert not visit.outside_requests and not visit.console_errors, visit


def _notebook_file(offline_site, built_site, build: str, name: str) -> bytes:
    """The bytes of a lesson's notebook in a build: notebooks/x.ipynb offline, beside its
    page in notebooks/x/ online."""
    if build == "offline":
        return (offline_site / FOLDER / f"{name}.ipynb").read_bytes()
    return (built_site / FOLDER / name / f"{name}.ipynb").read_bytes()


@pytest.mark.parametrize("build", BUILDS)
def test_a_notebook_page_offers_its_own_download(build, browser, page_url, offline_site,
                                                  built_site):
    _, context, page = open_page(browser, page_url(build, f"{FOLDER}/kv_cache"))
    try:
        link = page.get_by_role("link", name="Download this notebook")
        with page.expect_download() as event:
            link.click()
        assert event.value.suggested_filename == "kv_cache.ipynb"
        saved = open(event.value.path(), "rb").read()
        assert saved == _notebook_file(offline_site, built_site, build, "kv_cache")
    finally:
        context.close()


@pytest.mark.parametrize("build", BUILDS)
def test_notebook_pages_show_their_lessons_images_and_link_back(build, browser, page_url):
    """Each notebook page shows the images of its lesson, loaded, and its first link leads
    back to that lesson (whose images are then read to compare)."""
    visit, context, page = open_page(browser, page_url(build, "index"))
    try:
        for name in LESSONS:
            page.goto(page_url(build, f"{FOLDER}/{name}"), wait_until="load")
            shown = page.evaluate(LOADED_IMAGES_JS)
            back = page.locator("nav.notebook-nav a").first
            assert back.inner_text().startswith("Back to the lesson"), name
            back.click()
            page.wait_for_load_state("load")
            assert page.locator("p.lesson-notebook").count() == 1, f"{page.url} is not the lesson"
            assert page.url == page_url(build, name), f"{name}: 'Back' led to {page.url}"
            lesson = page.locator("article img").evaluate_all("els => els.map(e => e.alt)")
            assert shown == lesson, f"notebook page of {name} shows {shown}, the lesson {lesson}"
    finally:
        context.close()
    # leaving a page aborts what it was still fetching (the search worker): that is the walk,
    # not a broken link; any other failure fails the test
    failed = [r for r in visit.failed_requests if not r.endswith("(net::ERR_ABORTED)")]
    assert not visit.outside_requests and not failed, visit


# the alt texts of the article's images once each has loaded (or failed to)
LOADED_IMAGES_JS = """async () => {
  const images = [...document.querySelectorAll('article img')];
  await Promise.all(images.map(i => i.decode().catch(() => null)));
  return images.filter(e => e.complete && e.naturalWidth > 0).map(e => e.alt);
}"""


def test_exercise_solutions_are_folded_in_the_notebook_page(browser, page_url):
    _, context, page = open_page(browser, page_url("offline", f"{FOLDER}/exercises"))
    try:
        solutions = page.locator("details.notebook-solution")
        assert solutions.count() >= 6
        assert solutions.evaluate_all("els => els.every(d => !d.open)")
        assert not page.locator("details.notebook-solution .jp-Cell").first.is_visible()
        solutions.first.locator("summary").click()
        assert page.locator("details.notebook-solution .jp-Cell").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("build", BUILDS)
def test_a_chosen_tab_stays_chosen_on_the_next_page(build, browser, page_url):
    """Choose PyTorch on one lesson: the next lesson with tabs opens on PyTorch too (Material's
    linked content tabs, remembered in the browser's storage), and NumPy again after choosing it."""
    _, context, page = open_page(browser, page_url(build, "causal_masks"))
    try:
        def chosen():
            return page.locator(".tabbed-set").first.evaluate(
                "set => set.querySelector(`label[for='${"
                "set.querySelector(':scope > input:checked').id}']`).textContent")
        assert chosen().strip() == "NumPy"
        for choice, other in (("PyTorch", "qkv_projections"), ("NumPy", "kv_cache")):
            page.locator(".tabbed-labels > label", has_text=choice).first.click()
            page.goto(page_url(build, other), wait_until="load")
            assert chosen().strip() == choice, f"{other}: the {choice} tab was not kept"
    finally:
        context.close()


@pytest.fixture(scope="session")
def subpath_site(shared):
    """The online build as a host would serve it under a sub-path (SITE_URL tells the build)."""
    def build(folder):
        done = mkdocs_build(folder, env={"SITE_URL": "https://example.org/attention-lessons/"})
        assert done.returncode == 0, done.stdout
    site = shared("site-subpath", build)
    with StaticServer(site, prefix="/attention-lessons/") as server:
        yield server.url


@pytest.mark.parametrize("where", ["offline", "online, under a sub-path"])
def test_the_404_page_is_styled_and_leads_home(where, browser, offline_site, subpath_site):
    url = ((offline_site / "404.html").as_uri() if where == "offline"
           else subpath_site + "no/such/lesson/")
    visit, context, page = open_page(browser, url)
    try:
        page.wait_for_load_state("networkidle")
        styled = page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).position")
        assert styled in ("sticky", "fixed"), "the theme's stylesheet did not load"
        icon = page.locator(".md-header svg").first.bounding_box()
        assert icon and icon["width"] <= 32, f"unstyled icon, {icon}"
        page.get_by_role("link", name="Go to the home page").click()
        page.wait_for_load_state("load")
        assert page.locator("article h1").first.inner_text().startswith("Attention, verified")
        page.go_back()
        page.wait_for_load_state("load")
        page.get_by_role("link", name="Start with the first lesson").click()
        page.wait_for_load_state("load")
        assert page.locator("article h1").first.inner_text().startswith("Why attention")
    finally:
        context.close()
    assert not visit.outside_requests


FIGURES = sorted((LAYOUT.docs / "figures").glob("*.svg"))
SHOWN_WIDTHS_JS = """() => [...document.querySelectorAll('article img')].map(
  img => [img.getAttribute('src'), img.alt, img.getBoundingClientRect().width])"""


@pytest.fixture(scope="session")
def phone_widths(browser, offline_site):
    """The narrowest width, in CSS px, at which each figure is shown on a 390 px phone, on its
    lesson page or on that lesson's notebook page (which carries it as an attachment, found by
    its description): measured in the built pages, not assumed."""
    widths: dict[str, float] = {}
    names: dict[str, str] = {}   # description -> figure
    for name in PAGES + NOTEBOOK_PAGES:
        _, context, page = open_page(browser, (offline_site / f"{name}.html").as_uri(),
                                     **VIEWPORTS["phone"])
        try:
            shown = page.evaluate(SHOWN_WIDTHS_JS)
        finally:
            context.close()
        for src, alt, width in shown:
            figure = src.rsplit("/", 1)[-1] if src.endswith(".svg") else names.get(alt)
            if figure:
                names[alt] = figure
                widths[figure] = min(width, widths.get(figure, width))
    return widths


@pytest.mark.parametrize("figure", FIGURES, ids=lambda p: p.name)
def test_figure_text_is_legible_on_a_phone_and_labels_do_not_overlap(figure, browser,
                                                                     phone_widths):
    assert figure.name in phone_widths, f"{figure.name} is shown on no page"
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(figure.as_uri())
        found = page.evaluate(SVG_TEXT_BOXES_JS)
    finally:
        context.close()
    # the SVG's units as shown on the narrowest page that shows it
    scale = phone_widths[figure.name] / found["units"]
    boxes = found["boxes"]
    small = sorted({f"{b['text']!r} {b['size'] * scale:.1f}px" for b in boxes
                    if b["size"] * scale < 9})
    assert not small, f"{figure.name}: text under 9 px on a phone: {small[:5]}"
    overlaps = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > 1 and dy > 1:
                overlaps.append(f"{a['text']!r} and {b['text']!r}")
    assert not overlaps, f"{figure.name}: labels overlap: {overlaps[:5]}"


@pytest.mark.parametrize("name", PAGES + NOTEBOOK_PAGES)
def test_positions_are_numbered_from_0_in_text_and_figures(name, browser, offline_site):
    """One numbering, as the home page says: every figure's positions start at 0, and the text
    around a figure names no position beyond those it shows (verified_lessons.positions)."""
    page_file = offline_site / f"{name}.html"
    _, context, page = open_page(browser, page_file.as_uri())
    try:
        problems = position_problems(page, page_file)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


PLANTED_POSITIONS = {
    # the figure drawn 1-based, as it was: t1 ... t5
    "a figure numbered from 1": (
        "figures/five_token_weights.svg",
        lambda svg: re.sub(r">t([0-4])<", lambda m: f">t{int(m[1]) + 1}<", svg),
        "five_token_walkthrough.html: figure figures/five_token_weights.svg numbers its "
        "positions from 1 (t1, ...), but the course numbers them from 0"),
    # the text 1-based, as it was: the fifth of five tokens called token 5
    "a position the figures do not have": (
        "five_token_walkthrough.html",
        lambda html: html.replace("Token 1 gives itself", "Token 5 gives itself", 1),
        "five_token_walkthrough.html: the text beside figure figures/five_token_weights.svg names "
        "'Token 5', a position beyond the 0..4 the figure shows"),
}


@pytest.mark.parametrize("case", PLANTED_POSITIONS)
def test_a_position_numbered_from_1_fails(case, browser, offline_site, tmp_path):
    target, edit, message = PLANTED_POSITIONS[case]
    site = copy_site(offline_site, tmp_path / "site")
    edited = site / target
    before = edited.read_text(encoding="utf-8")
    assert edit(before) != before, f"the planted edit does not apply to {target}"
    edited.write_text(edit(before), encoding="utf-8")
    page_file = site / "five_token_walkthrough.html"
    _, context, page = open_page(browser, page_file.as_uri())
    try:
        problems = "\n".join(position_problems(page, page_file))
    finally:
        context.close()
    assert message in problems, f"expected\n  {message}\nin\n{problems}"


def _names_on_every_page(browser, site) -> list[dict]:
    seen = []
    for name in PAGES:
        _, context, page = open_page(browser, (site / f"{name}.html").as_uri())
        try:
            names = page.evaluate(PAGE_NAMES_JS)
        finally:
            context.close()
        if name == "index":
            names["title"] = None   # the home page is not a lesson: the nav calls it Home
        seen.append(names)
    return seen


def test_each_lesson_has_one_name_in_the_built_site(browser, offline_site):
    """The nav, the page's own title, the footer's Previous and Next, and every link that
    names a lesson on any page give it the same name, as a reader sees them."""
    problems = name_problems(_names_on_every_page(browser, offline_site))
    assert not problems, "\n".join(problems)


def test_a_lesson_named_another_way_on_a_built_page_fails(browser, offline_site, tmp_path):
    site = copy_site(offline_site, tmp_path / "site")
    home = site / "index.html"
    html = home.read_text(encoding="utf-8")
    planted = html.replace(">Padding: batches of different lengths</a>", ">Padding</a>")
    assert planted != html
    home.write_text(planted, encoding="utf-8")
    problems = "\n".join(name_problems(_names_on_every_page(browser, site)))
    assert 'index.html: the article calls padding.html "Padding", but its title is ' \
        '"Padding: batches of different lengths"' in problems, problems
