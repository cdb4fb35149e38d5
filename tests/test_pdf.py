"""The PDF edition (scripts/build-pdf, verified_lessons/pdf.py): built once per test run and read
back with pypdf. Every lesson in nav order, every figure, the solutions in an appendix, links
that stay inside the document, and no raw TeX or binding text. Each check is also shown to
fail, on a tiny book printed by the same printer with one defect planted in it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from verified_lessons import pdf
from verified_lessons.crosschecks import lessons, page_title

# chromium prints every PDF here; one worker builds the edition and prints the tiny books
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("pdf")]


@pytest.fixture(scope="module")
def edition(shared, browser) -> Path:
    """The folder of the PDF edition: NAME, and the site it was printed from (site/), printed
    with the session's browser (one sync Playwright per process)."""
    return shared("pdf", lambda folder: pdf.build(folder, browser=browser))


def expected(layout, site: Path) -> dict:
    """What the PDF must hold: the nav's lessons in order, each figure's own texts, and as many
    solutions as the built pages fold."""
    prose = html.unescape(re.sub(r"<[^>]+>", " ", (site / pdf.FINISHED).read_text("utf-8")))
    pages = [site / Path(page).with_suffix(".html") for page in lessons(layout)]
    return {
        "titles": [page_title(layout.docs / page) for page in lessons(layout)],
        "figures": pdf.figure_texts(sorted((layout.docs / "figures").glob("*.svg")), prose),
        "solutions": sum(pdf.solution_count(page.read_text("utf-8")) for page in pages),
    }


def test_the_pdf_holds_the_course_as_the_site_shows_it(edition, layout):
    """Every lesson (a bookmark opening the page that shows its title, in nav order), every
    figure of docs/figures, every solution in the appendix and linked from its exercise; no
    raw TeX, no {{ binding }}, no link to a file; links between lessons go to places in the
    PDF."""
    want = expected(layout, edition / "site")
    assert len(want["titles"]) >= 10 and want["solutions"] >= 10, want
    assert all(want["figures"].values()), want["figures"]
    problems = pdf.problems(edition / pdf.NAME, **want)
    assert problems == [], "\n".join(problems)


def test_the_site_build_is_not_the_pdf_build(layout):
    """mkdocs.yml builds the site without print-site; mkdocs-pdf.yml adds it as the last plugin
    (print-site warns otherwise, and strict fails on it), offline, with the engine's hooks and
    the PDF hooks after them."""
    from mkdocs.config import load_config

    site = load_config(str(layout.mkdocs_yml))
    assert "print-site" not in site.plugins
    edition = load_config(str(layout.root / pdf.CONFIG))
    assert list(edition.plugins)[-len(edition.hooks) - 1] == "print-site"
    assert list(edition.hooks) == ["hooks/lessons.py", "hooks/pdf.py"]
    assert edition.plugins["material/offline"].config.enabled
    assert edition.nav == site.nav and edition.markdown_extensions == site.markdown_extensions


def test_anchor_ids_are_prefixed_as_print_site_does_it():
    """pdf.update_anchor_ids replaces print-site's own (quadratic on KaTeX's long lines, see
    its docstring; the PDF build patches it in its own process): on headings, footnote
    references and footnotes, one to a line, both give the same ids. (Print-site's also
    rewrites the id's text wherever else it occurs in the tag: id="c" turns class="x" into
    lesson-class="x". Ours does not; no id here is part of another attribute.)"""
    from mkdocs_print_site_plugin import urls

    page = "\n".join([
        '<h2 id="a-b">A</h2>', '<p id="p">x <sup id="fnref:1"><a href="#fn:1">1</a></sup></p>',
        '<span class="katex">' + '<span class="mord">x</span>' * 50 + "</span>",
        '<li id="fn:1">note</li>', '<div id="d"></div>', '<h3 class="x" id="sec-3">C</h3>'])
    assert urls.update_anchor_ids is not pdf.update_anchor_ids
    ours = pdf.update_anchor_ids(page, "lesson")
    assert ours == urls.update_anchor_ids(page, "lesson")
    assert all(f'id="lesson-{i}"' in ours for i in ["a-b", "fnref:1", "fn:1", "sec-3"])
    assert 'id="d"' in ours and 'id="p"' in ours


# --- the finishing step, on small pages ----------------------------------------------------

PRINT_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>
<div class="md-sidebar md-sidebar--secondary"><nav><ul class="md-nav__list">
<li><a href="#a">Lesson A</a></li><li><a href="#b">Lesson B</a></li></ul></nav></div>
<article class="md-content__inner md-typeset"><div id="print-site-page">
<section class="print-page" id="a"><h1 id="a-lesson-a">Lesson A</h1>
<p class="lesson-notebook"><a href="notebooks/a.ipynb">Download this lesson</a></p>
<p>See <a href="#b">Lesson B</a>, and the figure: <img src="fig.svg" alt="a figure"></p>
<pre><code>{long_line}</code></pre>
{extra}
</section>
<section class="print-page" id="b"><h1 id="b-lesson-b">Lesson B</h1>
<div class="tabbed-set"><input type="radio"><input type="radio">
<div class="tabbed-labels"><label>NumPy</label><label>PyTorch</label></div>
<div class="tabbed-content"><div class="tabbed-block"><p>numpy code</p></div>
<div class="tabbed-block"><p>torch code</p></div></div></div>
<div data-notebook="The playground runs in the browser on the lesson's page."></div>
<h3 id="b-an-exercise">An exercise</h3><p>Write it.</p>
<details class="success"><summary>Solution</summary><p>The answer, $x$ rendered.</p></details>
<details class="note"><summary>Aside</summary><p>folded, but printed</p></details>
</section></div></article></body></html>"""

FIGURE = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
          '<text x="5" y="30" font-size="14">Planted figure title</text></svg>')


def tiny_page(extra: str = "") -> str:
    return PRINT_PAGE.replace("{long_line}", "x = [" + ", ".join(["0.123"] * 30) + "]") \
        .replace("{extra}", extra)


def test_finish_moves_solutions_to_the_appendix_and_lays_out_tabs_for_paper():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(pdf.finish(tiny_page()), "html.parser")
    link = soup.select_one(".pdf-solution-link a")
    assert link.get_text() == "Solution: see appendix, An exercise"
    appendix = soup.select_one(f"#{pdf.APPENDIX_ID}")
    assert appendix.select_one("h1").get_text() == pdf.APPENDIX_TITLE
    target = appendix.select_one(link["href"])
    assert target.get_text() == "Solution: An exercise"
    assert "The answer" in target.parent.get_text()
    back = target.parent.select_one(".pdf-back-link a")
    assert back["href"] == "#b-an-exercise" and soup.select_one(back["href"]).name == "h3"
    assert soup.select(".md-nav__list > li a")[-1]["href"] == f"#{pdf.APPENDIX_ID}"
    # both tabs, each under its label; the other folded block unfolded
    assert [t.get_text(" ", strip=True) for t in soup.select(".pdf-tab")] == [
        "NumPy numpy code", "PyTorch torch code"]
    assert not soup.select(".tabbed-set") and soup.select_one("details.note").has_attr("open")
    # no notebook links, the playground's stand-in, the print stylesheet
    assert not soup.select(".lesson-notebook") and "ipynb" not in str(soup)
    assert soup.select_one(".pdf-stand-in").get_text().startswith("The playground runs")
    assert soup.select_one("style#pdf-print-css")


@pytest.mark.parametrize("link, message", [
    ('<a href="#nowhere">gone</a>', 'a link to #nowhere ("gone"): no element has that id'),
    ('<a href="other.html#x">other</a>', 'a link to other.html#x ("other"): not a place in the'),
])
def test_finish_refuses_a_link_that_would_not_work_in_the_pdf(link, message):
    with pytest.raises(pdf.PdfError) as error:
        pdf.finish(tiny_page(f"<p>{link}</p>"))
    assert message in str(error.value), str(error.value)


def test_finish_links_the_katex_stylesheet_where_there_is_math():
    """verified_lessons.site links KaTeX's stylesheet on a page with math in on_post_page,
    which print-site's page never passes through: finish links it (PAGE_ASSETS)."""
    from verified_lessons.site import PAGE_ASSETS

    [katex] = [styles for marker, styles, _ in PAGE_ASSETS if marker == 'class="arithmatex"']
    math = '<span class="arithmatex"><span class="katex">x</span></span>'
    assert all(f'href="{s}"' in pdf.finish(tiny_page(math)) for s in katex)
    assert not any(f'href="{s}"' in pdf.finish(tiny_page()) for s in katex)


# --- planted defects: each check fails, naming what it found -------------------------------

TITLES = ["Lesson A", "Lesson B"]

# name: (text planted in lesson A, or an edit of the finished page; the titles expected;
#        what the one problem found must say)
PLANTED = {
    "display math left as TeX": ("<p>The formula $$x$$ stayed.</p>", TITLES,
                                 'raw TeX "$$" in "'),
    "a TeX command": (r"<p>A half is \frac{1}{2} here.</p>", TITLES, r'raw TeX "\frac" in "'),
    "binding text": ("<p>The answer is {{ a = b }} here.</p>", TITLES,
                     'binding text "{{ a = b }}" in "'),
    "a lesson missing": (lambda page: page.replace("Lesson B</h1>", "Lesson C</h1>"), TITLES,
                         'lesson "Lesson B" is not in the PDF'),
    "lessons out of order": ("", ["Lesson B", "Lesson A"],
                             'lesson "Lesson A" comes before "Lesson B", not after it'),
    "a figure missing": (lambda page: re.sub(r'<img [^>]*src="fig.svg"[^>]*>', "", page),
                         TITLES, 'figure fig.svg is missing: its text "Planted figure title"'),
    # (finish refuses such a link: planted in the finished page)
    "a link to a page file": (
        lambda page: page.replace("</section>", '<a href="other.html">other</a></section>', 1),
        TITLES, ": a link to file://"),
    # (PRINT_CSS keeps a heading with what follows it: this one is let go)
    "a heading alone at the foot of a page": (
        '<style>.md-typeset h2.let-go::after { display: none }</style>'
        '<div style="break-before: page; height: 900px">Text above.</div>'
        '<h2 class="let-go" id="a-alone" style="break-after: auto">Alone at the foot</h2>'
        '<div style="height: 400px; break-inside: avoid">What it heads.</div>', TITLES,
        'the heading "Alone at the foot" stands at the foot of the page'),
    "a code block's title alone at the foot of a page": (
        '<style>.md-typeset .highlight > .filename.let-go::after { display: none }</style>'
        '<div style="break-before: page; height: 930px">Text above.</div>'
        '<div class="highlight"><span class="filename let-go" style="break-after: auto">'
        'snippets/planted/alone.py</span><pre style="break-inside: avoid"><code>'
        + "print(1)\n" * 40 + "</code></pre></div>", TITLES,
        'the title "snippets/planted/alone.py" stands at the foot of the page'),
    "the appendix lost a solution": (
        lambda page: re.sub(r'<section class="pdf-solution">.*?</section>', "", page, flags=re.S),
        TITLES, "the appendix holds 0 solutions, the pages have 1"),
}


@pytest.fixture(scope="module")
def printer(browser):
    """The session's browser prints every tiny book."""
    with pdf.Printer(browser) as printer:
        yield printer


@pytest.fixture(scope="module")
def printed(printer, tmp_path_factory) -> dict[str, Path]:
    """The tiny book as finished and printed, clean ("clean") and with each planted defect."""
    folder = tmp_path_factory.mktemp("tiny-books")
    (folder / "fig.svg").write_text(FIGURE, encoding="utf-8")
    books = {}
    for name, (plant, _, _) in {"clean": ("", None, None), **PLANTED}.items():
        page = pdf.finish(tiny_page(plant if isinstance(plant, str) else ""))
        if callable(plant):
            planted, page = page, plant(page)
            assert page != planted, f"{name}: the edit changed nothing"
        source = folder / (re.sub(r"\W+", "-", name) + ".html")
        source.write_text(page, encoding="utf-8")
        books[name] = printer.print(source, source.with_suffix(".pdf"))
    return books


def tiny_expectations(printed) -> dict:
    folder = printed["clean"].parent
    return {"figures": pdf.figure_texts([folder / "fig.svg"], "Lesson A"), "solutions": 1}


def test_the_tiny_book_passes_every_check(printed):
    """The planted cases below differ from this one by their defect alone: a long code line
    wraps (no 'too wide'), the tabs, the appendix and the figure are all found."""
    assert pdf.problems(printed["clean"], TITLES, **tiny_expectations(printed)) == []


@pytest.mark.parametrize("defect", PLANTED)
def test_a_planted_defect_is_found_and_named(defect, printed):
    _, titles, message = PLANTED[defect]
    problems = pdf.problems(printed[defect], titles, **tiny_expectations(printed))
    assert problems and any(message in p for p in problems), problems


@pytest.mark.parametrize("plant, message", [
    ('<img src="https://example.com/logo.png" alt="">',
     "it asks another host for https://example.com/logo.png"),
    ('<pre style="white-space: pre">' + "y" * 200 + "</pre>",
     "too wide for the page, it would be cut at the right edge: a: a <pre>"),
    ('<img src="gone.svg" alt="">', "it asks for a file that is not there: file://"),
])
def test_printing_refuses_an_outside_request_a_missing_file_and_a_block_too_wide(
        plant, message, printer, tmp_path):
    source = tmp_path / "book.html"
    source.write_text(pdf.finish(tiny_page(plant)), encoding="utf-8")
    (tmp_path / "fig.svg").write_text(FIGURE, encoding="utf-8")
    with pytest.raises(pdf.PdfError) as error:
        printer.print(source, tmp_path / "book.pdf")
    assert message in str(error.value), str(error.value)
    assert not (tmp_path / "book.pdf").exists()
