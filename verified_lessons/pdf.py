"""The PDF edition: every lesson of the nav in one PDF, for print and e-readers, built offline
from the same pages as the site (scripts/build-pdf).

1. `mkdocs build --strict -f mkdocs-pdf.yml`: the site's own build (mkdocs.yml, its hooks,
   offline: file:// links) plus mkdocs-print-site-plugin, which combines every nav page into
   one print page (print_page.html) whose links between lessons are in-page anchors. Two hooks
   of this module take part (hooks/pdf.py): `on_page_content` hands print-site each page as
   the engine finished it, and `on_config` replaces a quadratic step of print-site.
2. `finish`: the print page edited for paper with BeautifulSoup: the folded solutions moved to
   an appendix (a link to each where it was, and back), both tabs of a pair under their
   labels, no notebook links, the playground's stand-in text, the KaTeX stylesheet that
   verified_lessons.site links on a page with math, no screen scripts, the print stylesheet;
   a link that would not work in the PDF fails the build.
3. `Printer`: Chromium (Playwright) prints it to PDF from file://; a request to any other
   host, a missing file or a block too wide for the page fails the build.
4. `problems`: what a reader would find wrong in the PDF (pypdf): a lesson missing or out of
   order, a missing figure, raw TeX or binding text, a missing solution, a heading alone at
   the foot of a page, a link that leaves the document for a file. The tests
   (tests/test_pdf.py) assert there are none, and plant each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.plugins import event_priority

from verified_lessons.build import mkdocs_build
from verified_lessons.layout import LAYOUT

CONFIG = "mkdocs-pdf.yml"
PRINT_PAGE = "print_page.html"   # print-site's page (print_page_basename), at the site's root
FINISHED = "print_page_pdf.html"  # the page edited for paper, beside it (same relative URLs)
NAME = "attention-verified.pdf"
APPENDIX_ID = "appendix-solutions"
APPENDIX_TITLE = "Appendix: solutions to the exercises"
LONG_BLOCK_LINES = 30   # a code or output block longer than this may break across pages


class PdfError(Exception):
    """The PDF cannot be built: the message says why."""


# --- 1. mkdocs hooks of the PDF build (hooks/pdf.py) --------------------------------------


@event_priority(-100)   # after every other on_page_content: the engine's renders the math
def on_page_content(html, page, config, files):
    """print-site saves each page's HTML in its own on_page_content, which mkdocs calls before
    any hook's (hooks come after plugins): the print page would get the math as TeX, before
    verified_lessons.site renders it. Hand it the page as the engine finished it."""
    page.html = html
    return html


ANCHOR_TAG = re.compile(r'<(h[1-6]|sup|li)\b([^>]*?\sid=")([^"]*)"', re.I)


def update_anchor_ids(page_html: str, page_key: str) -> str:
    """print-site's urls.update_anchor_ids (prefix the id of each heading, footnote reference
    and footnote with the page's key, so ids stay unique on the print page) in one pass. Its
    own regex scans to the end of the line from every `<`: KaTeX writes a formula on one long
    line, and this site's pages took 26 s there. (Its replace of the id's text also rewrites
    that text elsewhere in the tag: id="c" turns class= into lesson-class=; this does not.)"""
    return ANCHOR_TAG.sub(lambda m: f'<{m[1]}{m[2]}{page_key}-{m[3]}"', page_html)


def on_config(config):
    from mkdocs_print_site_plugin import urls

    urls.update_anchor_ids = update_anchor_ids
    return config


# --- the build ------------------------------------------------------------------------------


def build(out_dir: Path, root: Path = LAYOUT.root, site_dir: Path | None = None,
          browser=None) -> Path:
    """The whole PDF edition: build, finish, print. Returns the PDF's path (out_dir/NAME); the
    built site (with the finished print page) stays in site_dir, by default out_dir/site.
    `browser`: a Playwright browser already running in this process, to print with (Playwright's
    sync API runs one per thread); by default the printer starts its own."""
    out_dir = Path(out_dir)
    site_dir = Path(site_dir) if site_dir else out_dir / "site"
    # offline: the config enables Material's offline plugin itself, OFFLINE=true says so to
    # anything else that asks
    done = mkdocs_build(site_dir, "-f", CONFIG, root=root, env={"OFFLINE": "true"})
    if done.returncode != 0:
        raise PdfError(f"mkdocs build --strict -f {CONFIG} failed:\n{done.stdout}")
    page = site_dir / PRINT_PAGE
    finished = site_dir / FINISHED
    finished.write_text(finish(page.read_text(encoding="utf-8")), encoding="utf-8")
    return print_pdf(finished, out_dir / NAME, browser)


# --- 2. the print page, edited for paper ---------------------------------------------------

# A4 with margins and the page number below; each lesson starts on a new page (print-site's
# stylesheet: section.print-page); headings stay with what follows them, figures, formulas and
# short blocks are not split; the screen's furniture (header, navigation, footer, search, copy
# buttons, palette toggle) is hidden. Code and output wrap at the page's edge, never cut off.
PRINT_CSS = """
@page {
  size: A4;
  margin: 16mm 15mm 18mm 15mm;
  @bottom-center { content: counter(page) " / " counter(pages);
                   font: 8pt sans-serif; color: #555; }
  @bottom-right { content: none; }
}
@media print {
  body { background: #fff; }
  .md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-top, .md-dialog,
  .md-clipboard, .md-code__nav, .md-content__button, .md-source, .md-header__option,
  [data-md-component="palette"], .md-typeset .headerlink { display: none !important; }
  .md-main__inner { margin: 0; }
  .md-content { max-width: none; margin: 0; }
  .md-content__inner { margin: 0; padding: 0; }
  .md-content__inner::before { display: none; }
  /* Font sizes in whole pixels: at a fractional size Chromium positions every glyph on its
     own in the PDF (five times the text operators: a slower PDF to read, and to check). */
  .md-typeset { font-size: 12px; line-height: 1.6; }
  .md-typeset h1 { font-size: 26px; }
  .md-typeset h2 { font-size: 20px; }
  .md-typeset h3 { font-size: 16px; }
  .md-typeset h4, .md-typeset h5, .md-typeset h6 { font-size: 13px; }
  .md-typeset code, .md-typeset kbd, .md-typeset pre, .md-typeset pre > code { font-size: 10px; }
  .md-typeset .admonition, .md-typeset details, .md-typeset table:not([class]) {
    font-size: 11px; }
  .md-typeset .admonition-title, .md-typeset summary { font-size: 11px; }
  .md-typeset .katex { font-size: 14px; }
  .md-typeset .highlight > .filename { font-size: 9px; }
  #print-site-cover-page h1 { font-size: 40px; }
  #print-site-cover-page table, #print-page-toc, #print-page-toc a { font-size: 13px; }
  .md-typeset p, .md-typeset li { orphans: 3; widows: 3; }
  .md-typeset h1, .md-typeset h2, .md-typeset h3, .md-typeset h4, .md-typeset summary,
  .md-typeset .highlight > .filename, .pdf-tab-label { break-after: avoid; break-inside: avoid; }
  .md-typeset h2, .md-typeset h3 { margin-top: 1.2em; }
  /* a heading takes 120px more room than it shows: too near a page's foot, it moves on with
     what follows it (break-after: avoid alone loses to a block that avoids breaking; 80px
     left a solution's heading above a code block's title and first lines) */
  .md-typeset h2::after, .md-typeset h3::after, .md-typeset h4::after {
    content: ""; display: block; height: 120px; margin-bottom: -120px; }
  /* and a code block's title with the code (break-after: avoid, above, loses the same way) */
  .md-typeset .highlight > .filename { display: block; }
  .md-typeset .highlight > .filename::after {
    content: ""; display: block; height: 60px; margin-bottom: -60px; }
  .md-typeset pre, .md-typeset pre > code { white-space: pre-wrap; overflow-wrap: anywhere;
    overflow: visible; }
  .md-typeset pre > code { padding: .5em .8em; }
  #print-site-page pre.pdf-long { break-inside: auto; }
  .md-typeset abbr { text-decoration: none; border: 0; }
  .md-typeset img, .md-typeset svg, .md-typeset figure, .md-typeset table,
  .md-typeset .katex-display, .md-typeset .admonition { break-inside: avoid; }
  .md-typeset img { max-width: 100%; height: auto; }
  .md-typeset .katex-display { overflow: visible; }
  .md-typeset__scrollwrap, .md-typeset__table { overflow: visible; }
  #print-site-cover-page { padding-top: 30vh; break-after: page; }
  #print-site-cover-page table { margin: 2em auto; border: 0 !important; }
  #print-site-cover-page td:first-child { display: none; }
  #print-page-toc a { color: var(--md-typeset-color); text-decoration: none; }
  #print-page-toc ul { margin-left: 0; }
  #print-page-toc ul ul { margin-left: 1.2em; }
  #print-page-toc li { margin: .15em 0; }
  #print-page-toc > nav > ul > li > a { font-weight: 700; }
  /* a link that leaves the document says so */
  .md-typeset a[href^="http"]::after { content: "\\2197"; }
}
.pdf-tab-label { margin: 1em 0 .3em; font-weight: 700; font-size: 11px;
  border-left: .25em solid var(--md-primary-fg-color); padding-left: .5em; }
.pdf-solution-link, .pdf-back-link { font-style: italic; }
/* each solution of the appendix starts a page: its heading can never be left alone at the
   foot of one, above a code block that avoids breaking */
section.pdf-solution + section.pdf-solution { break-before: page; }
.pdf-stand-in { font-style: italic; color: var(--md-default-fg-color--light); }
"""


def finish(html: str) -> str:
    """The print page for Chromium to print: see the steps below."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    content = soup.select_one("#print-site-page")
    if content is None:
        raise PdfError(f"{PRINT_PAGE} has no #print-site-page: not print-site's page")
    # The notebook links: a notebook is a file to open in Jupyter, not a page of the book (in
    # the PDF they would be links to file:// URLs).
    for links in content.select(".lesson-notebook"):
        links.decompose()
    # A block that a script fills in on the site (the playground) says what stands in for it
    # where no script runs: the notebook shows the same text (data-notebook).
    for block in content.select("[data-notebook]"):
        stand_in = soup.new_tag("p", attrs={"class": "pdf-stand-in"})
        stand_in.string = block["data-notebook"]
        block.replace_with(stand_in)
    # Every tab of a NumPy/PyTorch pair, each under its label: a printed page cannot switch
    # tabs, and the two are one lesson (tests/test_tabs.py proves both print the same).
    for tabs in content.select(".tabbed-set"):
        labels = [label.get_text(" ", strip=True) for label in _children(tabs, "tabbed-labels")]
        blocks = _children(tabs, "tabbed-content")
        if not labels or len(labels) != len(blocks):
            raise PdfError(f"a tab set with {len(labels)} labels and {len(blocks)} tabs: "
                           f"{' '.join(tabs.get_text(' ').split())[:80]}")
        printed = soup.new_tag("div", attrs={"class": "pdf-tabs"})
        for label, block in zip(labels, blocks):
            caption = soup.new_tag("p", attrs={"class": "pdf-tab-label"})
            caption.string = label
            block["class"] = ["pdf-tab"]
            block.insert(0, caption)
            printed.append(block.extract())
        tabs.replace_with(printed)
    # A code or output block short enough to fit on a page is not split (print-site's
    # stylesheet); a longer one may be, so that its heading and title stay with its start
    # instead of standing alone above a page's worth of blank space.
    for pre in content.find_all("pre"):
        if pre.get_text().count("\n") > LONG_BLOCK_LINES:
            pre["class"] = [*pre.get("class", []), "pdf-long"]
    solutions = move_solutions(soup, content)
    # any other folded block prints unfolded
    for details in content.find_all("details"):
        details["open"] = ""
    # The screen's scripts (Material's bundle: copy buttons, tooltips, search; the site's
    # accessibility fixes for scrolling regions) do nothing on paper and cost seconds on a page
    # this long: only print-site's (the table of contents) and the inline ones stay.
    for script in soup.find_all("script", src=True):
        if not script["src"].endswith("print-site.js"):
            script.decompose()
    add_to_toc(soup, solutions)
    broken = link_problems(soup)
    if broken:
        raise PdfError(f"{PRINT_PAGE}: links that would not work in the PDF:\n"
                       + "\n".join(f"  {problem}" for problem in broken))
    add_page_assets(soup)
    style = soup.new_tag("style", attrs={"id": "pdf-print-css"})
    style.string = PRINT_CSS
    soup.head.append(style)
    return str(soup)


def _children(tabs, part: str) -> list:
    """The labels (part "tabbed-labels") or the tabs ("tabbed-content") of this tab set, not
    of one nested in it."""
    holder = tabs.find("div", class_=part, recursive=False)
    return [] if holder is None else holder.find_all(["label", "div"], recursive=False)


@dataclass
class Solution:
    title: str     # the exercise's heading, as printed
    exercise: str  # the heading's id
    anchor: str    # the appendix section's id


def is_solution(details) -> bool:
    summary = details.find("summary")
    return ("success" in (details.get("class") or []) and summary is not None
            and summary.get_text(" ", strip=True) == "Solution")


def move_solutions(soup, content) -> list[Solution]:
    """Each folded solution (`??? success "Solution"`) moves to an appendix at the end; a link
    "Solution: see appendix, <exercise>" stands where it was, and the appendix links back."""
    found = []
    appendix = soup.new_tag("section", attrs={"class": "print-page", "id": APPENDIX_ID})
    heading = soup.new_tag("h1", attrs={"id": f"{APPENDIX_ID}-title"})
    heading.string = APPENDIX_TITLE
    appendix.append(heading)
    for number, details in enumerate(
            [d for d in content.find_all("details") if is_solution(d)], start=1):
        exercise = details.find_previous(re.compile(r"^h[1-6]$"))
        if exercise is None:
            raise PdfError("a solution with no heading before it: which exercise is it?")
        if not exercise.get("id"):
            exercise["id"] = f"pdf-exercise-{number}"
        title = heading_text(exercise)
        solution = Solution(title, exercise["id"], f"pdf-solution-{number}")
        found.append(solution)
        link = soup.new_tag("p", attrs={"class": "pdf-solution-link"})
        anchor = soup.new_tag("a", href=f"#{solution.anchor}")
        anchor.string = f"Solution: see appendix, {title}"
        link.append(anchor)
        details.replace_with(link)
        section = soup.new_tag("section", attrs={"class": "pdf-solution"})
        h2 = soup.new_tag("h2", attrs={"id": solution.anchor})
        h2.string = f"Solution: {title}"
        section.append(h2)
        details.find("summary").decompose()
        for child in list(details.children):
            section.append(child.extract())
        back = soup.new_tag("p", attrs={"class": "pdf-back-link"})
        to_exercise = soup.new_tag("a", href=f"#{solution.exercise}")
        to_exercise.string = f"Back to the exercise: {title}"
        back.append(to_exercise)
        section.append(back)
        appendix.append(section)
    if found:
        content.append(appendix)
    return found


def heading_text(heading) -> str:
    """A heading's text without its permalink (¶)."""
    parts = [s for s in heading.find_all(string=True)
             if not any(p.name == "a" and "headerlink" in (p.get("class") or [])
                        for p in s.parents)]
    return " ".join("".join(parts).split())


def link_problems(soup) -> list[str]:
    """Links of the print page that would not work in the PDF: to an id the page lacks
    (Chromium leaves such a link out of the PDF, without a word), or to a page or file that
    print-site did not turn into a place in the document (the PDF would open a file:// URL)."""
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    found = []
    for link in soup.select("#print-site-page a[href], .md-sidebar--secondary a[href]"):
        href = link["href"]
        text = " ".join(link.get_text(" ").split())[:60]
        if href.startswith("#"):
            if href[1:] not in ids:
                found.append(f'a link to {href} ("{text}"): no element has that id')
        elif not re.match(r"(?i)(https?|mailto):", href):
            found.append(f'a link to {href} ("{text}"): not a place in the document')
    return found


def add_to_toc(soup, solutions: list[Solution]) -> None:
    """The appendix as the last entry of the table of contents (print-site's script copies the
    print page's own table of contents, which lists the nav's pages)."""
    if not solutions:
        return
    toc = soup.select_one(".md-sidebar--secondary ul")
    if toc is None:
        return
    item = soup.new_tag("li", attrs={"class": "md-nav__item"})
    link = soup.new_tag("a", attrs={"class": "md-nav__link"}, href=f"#{APPENDIX_ID}")
    label = soup.new_tag("span", attrs={"class": "md-ellipsis"})
    label.string = APPENDIX_TITLE
    link.append(label)
    item.append(link)
    toc.append(item)


def add_page_assets(soup) -> None:
    """The stylesheets and scripts verified_lessons.site links on a page with the marker
    (KaTeX's stylesheet where there is math): print-site renders its page itself, without the
    on_post_page that links them. Its page lies at the site's root, as the assets' paths are
    written."""
    from verified_lessons.site import PAGE_ASSETS

    html = str(soup)
    linked = {tag.get("href") for tag in soup.find_all("link")} | {
        tag.get("src") for tag in soup.find_all("script")}
    for marker, styles, scripts in PAGE_ASSETS:
        if marker not in html:
            continue
        for href in styles:
            if href not in linked:
                soup.head.append(soup.new_tag("link", rel="stylesheet", href=href))
        for src in scripts:
            if src not in linked:
                soup.head.append(soup.new_tag("script", src=src, defer=None))


# --- 3. printing ----------------------------------------------------------------------------

# A4's width less the side margins of PRINT_CSS (210 - 2 * 15 mm), in CSS pixels: the width
# Chromium lays the page out at when it prints
PRINT_WIDTH = round((210 - 30) / 25.4 * 96)

# Blocks that must fit the page's width: wider, they would be cut at its right edge.
WIDE_BLOCKS = """() => {
  const width = document.documentElement.clientWidth;
  const blocks = "pre, table, img, svg, .katex-display, .md-typeset__table";
  return [...document.querySelectorAll(blocks)]
    .filter(e => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > width + 1 || e.scrollWidth > e.clientWidth + 1);
    })
    .map(e => {
      const wide = Math.round(Math.max(e.getBoundingClientRect().right, e.scrollWidth));
      const where = e.closest("section.print-page")?.id || "the page";
      const text = JSON.stringify(e.textContent.trim().slice(0, 60));
      const tag = e.tagName.toLowerCase();
      return `${where}: a <${tag}> ${wide} px wide (the page has ${width}): ${text}`;
    });
}"""


class Printer:
    """Debian's chromium, printing pages from file:// to PDF. Every request is recorded; one to
    any other host is aborted, and printing fails naming it. One browser for several pages:

        with Printer() as printer:
            printer.print(html, pdf)

    Printer(browser) prints with a browser the caller already runs (a test session's: a thread
    runs one Playwright at a time), and leaves it running.
    """

    def __init__(self, browser=None):
        self._given = browser

    def __enter__(self) -> Printer:
        from playwright.sync_api import sync_playwright

        from verified_lessons.browser import CHROMIUM, CHROMIUM_FLAGS

        if self._given is not None:
            self._browser, self._playwright = self._given, None
            return self

        if not Path(CHROMIUM).exists():
            raise PdfError(f"{CHROMIUM} not found: run `bash scripts/install` (as root it "
                           "installs Debian's chromium with apt-get)")
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM,
                                                             args=CHROMIUM_FLAGS)
        except BaseException:
            self._playwright.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self._playwright is not None:
            self._browser.close()
            self._playwright.stop()

    def print(self, html: Path, pdf: Path) -> Path:
        from verified_lessons.browser import is_local

        outside: list[str] = []
        failed: list[str] = []

        def route(r):
            if is_local(r.request.url):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        pdf = Path(pdf)
        pdf.parent.mkdir(parents=True, exist_ok=True)
        context = self._browser.new_context(color_scheme="light",
                                            viewport={"width": PRINT_WIDTH, "height": 1000})
        try:
            context.route("**/*", route)
            context.on("requestfailed", lambda r: is_local(r.url) and failed.append(
                f"{r.url} ({r.failure})"))
            page = context.new_page()
            page.emulate_media(media="print")
            page.goto(Path(html).resolve().as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            wide = page.evaluate(WIDE_BLOCKS)
            if not (outside or failed or wide):
                # the outline (bookmarks: every heading) needs the tagged PDF
                page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True,
                         outline=True, tagged=True)
        finally:
            context.close()
        if outside or failed or wide:
            pdf.unlink(missing_ok=True)
            raise PdfError(f"{Path(html).name} cannot be printed as it is:\n" + "\n".join(
                [f"  it asks another host for {u}" for u in outside]
                + [f"  it asks for a file that is not there: {u}" for u in failed]
                + [f"  too wide for the page, it would be cut at the right edge: {w}"
                   for w in wide]))
        return pdf


def print_pdf(html: Path, pdf: Path, browser=None) -> Path:
    """Print one page to PDF (Printer)."""
    with Printer(browser) as printer:
        return printer.print(html, pdf)


# --- 4. what a reader would find wrong ---------------------------------------------------------

RAW_TEX = re.compile(r"\$\$|\\(?:frac|sqrt|begin|end|text|operatorname|mathrm|mathbf|left"
                     r"|right|cdot|times|top|sum|lVert|rVert|partial|dots)(?![A-Za-z])"
                     r"|\\[(\[]")
# a binding as the pages write it (verified_lessons.syntax.BIND): {{ LITERAL = ADDRESS }}
BINDING = re.compile(r"\{\{[^{}]*?=[^{}]*?\}\}")


def _squeezed(text: str) -> str:
    """Text without whitespace: PDF text extraction breaks lines and words where the layout
    does."""
    return re.sub(r"\s+", "", text)


def _outline(reader) -> list[tuple[str, int, int, float]]:
    """(title, depth, page index, height on the page in pt) of every outline entry (bookmark:
    Chromium makes one of every heading), in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((" ".join(str(item.title).split()), depth,
                              reader.get_destination_page_number(item),
                              float(item.get("/Top") or 0)))

    walk(reader.outline, 0)
    return found


# The page number stands lower than this (PRINT_CSS: the bottom margin is 18 mm, 51 pt).
FOOTER_PT = 45
# A heading less than this above the lowest text of its page has nothing under it.
ORPHAN_PT = 30


@dataclass
class Heights:
    """Where a page's text stands, in pt from the page's foot (the page number left out)."""
    low: float | None = None    # its lowest line
    high: float | None = None   # its highest line
    last: str = ""              # the text of its lowest line


def _text(reader) -> tuple[list[str], list[Heights]]:
    """Each page's text, and where it stands."""
    pages, heights = [], []
    for page in reader.pages:
        pieces = []

        def visit(text, cm, tm, font, size):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and y > FOOTER_PT:
                pieces.append((y, text))

        pages.append(page.extract_text(visitor_text=visit) or "")
        if pieces:
            low = min(y for y, _ in pieces)
            last = "".join(text for y, text in pieces if y - low < 2)
            heights.append(Heights(low, max(y for y, _ in pieces), " ".join(last.split())))
        else:
            heights.append(Heights())
    return pages, heights


def problems(pdf: Path, titles: list[str], figures: dict[str, list[str]] | None = None,
             solutions: int | None = None) -> list[str]:
    """What a reader would find wrong in the PDF edition, one line each; [] when nothing.

    titles: the lessons, in nav order; each must be a bookmark (a heading), printed on the
    page the bookmark opens, after the one before it. figures: each figure's texts that
    nothing else prints (figure_texts); all must be in the PDF. solutions: how many folded
    solutions the pages have; the appendix must hold each, linked from where it was. And
    nowhere raw TeX, binding text ({{ }}), or a link to a file or an .html page instead of a
    place in the document."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    pages, heights = _text(reader)
    found: list[str] = []

    def where(pattern: re.Pattern, what: str) -> None:
        for number, text in enumerate(pages, start=1):
            for m in pattern.finditer(text):
                context = " ".join(text[max(0, m.start() - 30):m.end() + 30].split())
                found.append(f'page {number}: {what} "{m.group()}" in "{context}"')

    where(RAW_TEX, "raw TeX")
    where(BINDING, "binding text")

    outline = _outline(reader)
    if titles and not outline:
        found.append("the PDF has no bookmarks (outline): a reader cannot jump to a lesson")
    entries = [title for title, *_ in outline]
    previous, after = None, -1
    for title in titles:
        wanted = " ".join(title.split())
        at = [i for i, entry in enumerate(entries) if entry == wanted]
        if not at:
            found.append(f"lesson \"{title}\" is not in the PDF (no bookmark, no heading)")
            continue
        later = [i for i in at if i > after]
        if not later:
            found.append(f"lesson \"{title}\" comes before \"{previous}\", not after it as "
                         "in the nav")
            later = at
        after = later[0]
        page = outline[after][2]
        if _squeezed(wanted) not in _squeezed(pages[page]):
            found.append(f"lesson \"{title}\": its bookmark opens page {page + 1}, which does "
                         "not show its title")
        previous = title

    for title, _, page, top in outline:
        at = heights[page]
        # the foot of the page, under text above it: a heading alone on a title page is meant
        if at.low is not None and top - at.low < ORPHAN_PT and at.high > top + ORPHAN_PT:
            found.append(f"page {page + 1}: the heading \"{title}\" stands at the foot of the "
                         "page, and what it heads begins on the next")
    for number, at in enumerate(heights, start=1):
        # a code block's title (verified_lessons.titles) as the page's last line
        if re.match(r"(snippets/|Output of the code above)", at.last.replace("/ ", "/")):
            found.append(f"page {number}: the title \"{at.last}\" stands at the foot of the "
                         "page, and its code or output begins on the next")

    everything = _squeezed("".join(pages))
    for name, texts in (figures or {}).items():
        if not texts:
            found.append(f"figure {name}: no text of its own to find it by")
        for text in texts:
            if _squeezed(text) not in everything:
                found.append(f"figure {name} is missing: its text \"{text}\" is not in the PDF")

    links = []   # (page, named destination or None, URI or None)
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A") or {}
            dest = annotation.get("/Dest", action.get("/D") if action.get("/S") == "/GoTo"
                                  else None)
            uri = action.get("/URI") if action.get("/S") == "/URI" else None
            links.append((number, None if dest is None else str(dest).lstrip("/"),
                          None if uri is None else str(uri)))
    for number, dest, uri in links:
        # Chromium writes a link to a page or file it does not hold as a file:// URI (and
        # leaves out a link to an id the page lacks: finish refuses those)
        if uri is not None and not re.match(r"(?i)(https?|mailto):", uri):
            found.append(f"page {number}: a link to {uri}, outside the document: a link "
                         "between lessons must be a place in the PDF")
    if titles and not any(dest for _, dest, _ in links):
        found.append("the PDF has no links inside it: the table of contents and the links "
                     "between lessons lead nowhere")

    if solutions is not None:
        appendix = [i for i, (title, *_) in enumerate(outline) if title == APPENDIX_TITLE]
        held = [title for title, *_ in outline[appendix[0] + 1:]
                if title.startswith("Solution: ")] if appendix else []
        if solutions and not appendix:
            found.append("the PDF has no appendix of solutions")
        linked = {dest for _, dest, _ in links if dest and dest.startswith("pdf-solution-")}
        if len(held) != solutions:
            found.append(f"the appendix holds {len(held)} solutions, the pages have {solutions}")
        if len(linked) != solutions:
            found.append(f"{len(linked)} exercises link to their solution in the appendix, "
                         f"the pages have {solutions} solutions")
    return found


def figure_texts(figures: list[Path], prose: str) -> dict[str, list[str]]:
    """Each figure's texts (matplotlib writes its labels and title as SVG text) that no other
    figure and nothing in the prose has: finding them in the PDF means the figure is there."""
    import html

    texts = {}
    for figure in figures:
        found = re.findall(r"<text\b[^>]*>(.*?)</text>", Path(figure).read_text(encoding="utf-8"),
                           re.S)
        texts[Path(figure).name] = [html.unescape(re.sub(r"<[^>]+>", "", t)).strip()
                                    for t in found]
    prose = _squeezed(prose)
    own = {}
    for name, mine in texts.items():
        others = {_squeezed(t) for other, theirs in texts.items() if other != name for t in theirs}
        own[name] = [t for t in dict.fromkeys(mine)
                     if len(_squeezed(t)) >= 3 and _squeezed(t) not in others
                     and _squeezed(t) not in prose]
    return own


def solution_count(html: str) -> int:
    """The folded solutions (`??? success "Solution"`) in a built page."""
    from bs4 import BeautifulSoup

    if "Solution" not in html:   # most pages: no need to parse them
        return 0
    return sum(is_solution(d) for d in BeautifulSoup(html, "html.parser").find_all("details"))
