"""The engine's part in `mkdocs build`: what hooks/lessons.py wires to mkdocs' events.

- on_files: generate each lesson's notebook (verified_lessons.notebooks) for mkdocs-jupyter
  and, in the offline build, the script that hands its text to the download link;
- on_page_markdown: check every bound number against its output, and every bound word against
  what the outputs print and the snippets assert, and show its literal (verified_lessons.numbers,
  verified_lessons.claims), title the snippet blocks (verified_lessons.titles), and add the
  notebook download link;
- on_page_content: render the math with KaTeX (verified_lessons.katex) and keep notebook pages
  out of the search index;
- on_post_page: put in the finished notebook pages and link each page's own assets;
- on_post_build: load the search index and worker only when search opens
  (verified_lessons.search_on_demand), and slim the stylesheets (verified_lessons.stylesheets).
A problem found here fails the build, naming the page and what is wrong.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from verified_lessons import katex
from verified_lessons.claims import claim_problems
from verified_lessons.katex import MathError, plain_text, render_page_math
from verified_lessons.layout import Layout
from verified_lessons.notebook_pages import finish as finish_notebook_page
from verified_lessons.notebooks import FOLDER, NotebookError, lesson_notebook, lesson_pages, site_links
from verified_lessons.numbers import bind_problems
from verified_lessons.search_on_demand import BundleChanged, defer_search_index
from verified_lessons.stylesheets import purge_site
from verified_lessons.syntax import IMAGE, binds, prose, render_binds
from verified_lessons.titles import add_titles
from verified_lessons.wrapping import keep_whole


@event_priority(100)  # before Material's offline plugin, which adds a CDN shim unless one is listed
def on_config(config):
    _finishing.clear()   # `mkdocs serve`: nothing left over from a build that failed
    if offline_build(config):
        # search from file:// runs its worker through the vendored iframe-worker shim
        config.extra["polyfills"] = ["assets/vendor/iframe-worker/shim.js"]
    return config


# Assets only some pages need: (marker in the page's HTML, stylesheets, scripts).
PAGE_ASSETS = [
    ('class="arithmatex"', ["assets/vendor/katex/katex.min.css"], []),
    ("data-attention-playground", ["stylesheets/playground.css"], ["javascripts/playground.js"]),
    ("data-notebook-script", [], ["javascripts/notebook_download.js"]),
]


# KaTeX's fonts are declared font-display: block, so text set in them stays invisible until they
# arrive: fetch the two that every formula uses as early as the stylesheets (online build).
MATH_FONTS = ["assets/vendor/katex/fonts/KaTeX_Main-Regular.woff2",
              "assets/vendor/katex/fonts/KaTeX_Math-Italic.woff2"]


def on_post_page(output, page, config):
    """Put in the finished notebook page, and link the stylesheets and scripts this page
    needs, and no others."""
    for placeholder in [p for p in _finishing if p in output]:
        try:
            finished = _finishing.pop(placeholder).result()
        except MathError as error:
            raise PluginError(str(error)) from None
        output = output.replace(placeholder, plain_code(finished, NOTEBOOK_PLAIN), 1)
    head, scripts = [], []
    if 'class="arithmatex"' in output and not offline_build(config):
        head += [f'<link rel="preload" as="font" type="font/woff2" crossorigin '
                 f'href="{get_relative_url(f, page.url)}">' for f in MATH_FONTS]
    for marker, styles, code in PAGE_ASSETS:
        if marker in output:
            head += [f'<link rel="stylesheet" href="{get_relative_url(s, page.url)}">'
                     for s in styles if s not in " ".join(head)]
            scripts += [f'<script src="{get_relative_url(c, page.url)}" defer></script>'
                        for c in code]
    if head or scripts:
        output = output.replace("</head>", "\n".join(head + scripts) + "\n</head>", 1)
    return output


_finishing: dict[str, Future] = {}   # placeholder -> the notebook page being finished
_pool: ProcessPoolExecutor | None = None


def _workers() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # forked workers start in milliseconds with the engine already imported; each starts
        # its own KaTeX process (verified_lessons.katex), never the parent's
        _pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1,
                                    mp_context=multiprocessing.get_context("fork"),
                                    initializer=katex.forget_renderer)
    return _pool


def on_post_build(config):
    global _pool
    if _pool is not None:
        _pool.shutdown()
        _pool = None
    if _finishing:
        raise PluginError(f"notebook pages never written: {', '.join(_finishing)}")
    try:
        defer_search_index(Path(config.site_dir))
    except BundleChanged as error:
        raise PluginError(str(error)) from None
    # after the bundle edits: the purge reads the names the shipped scripts use
    purge_site(Path(config.site_dir), Path(config.docs_dir))
    # Offline, the 404 page is opened from the site's folder: make its root-absolute URLs
    # ("/assets/...") relative to that folder, where 404.html lives.
    if not offline_build(config):
        return
    page = Path(config.site_dir) / "404.html"
    if page.exists():
        html = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r'((?:href|src)=")/(?!/)', r"\1./", html), encoding="utf-8")


def _layout(config) -> Layout:
    return Layout(Path(config.config_file_path).parent)


def notebook_path(page: Path) -> str:
    return f"{FOLDER}/{page.stem}.ipynb"


@event_priority(100)  # before mkdocs-jupyter's on_files, which turns .ipynb files into pages
def on_files(files, config):
    layout = _layout(config)
    out_dir = layout.root / ".cache" / "generated-notebooks"
    # a notebook's page and its .ipynb share a folder: notebooks/x/ online, notebooks/ offline
    link = site_links(config.site_url or ("../../" if config.use_directory_urls else "../"),
                      config.use_directory_urls)
    for page in lesson_pages(Path(config.docs_dir)):
        target = out_dir / notebook_path(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            text = nbformat.writes(lesson_notebook(page, layout.snippets, link)) + "\n"
        except NotebookError as error:
            raise PluginError(str(error)) from None
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        files.append(File(notebook_path(page), str(out_dir), config.site_dir,
                          config.use_directory_urls))
        if offline_build(config):
            files.append(File.generated(config, notebook_script_path(page),
                                        content=notebook_script(f"{page.stem}.ipynb", text)))
    return files


def notebook_script_path(page: Path) -> str:
    return notebook_path(page) + ".js"


def notebook_script(name: str, text: str) -> str:
    """A script that hands a notebook's text, under its file name, to the offline download link
    (docs/javascripts/notebook_download.js): from file:// a page can load a script, but not
    read a file. json.dumps escapes quotes and everything outside ASCII, so any text is a
    valid string literal and the file's bytes are ASCII."""
    return f"lessonNotebookLoaded({json.dumps(name)}, {json.dumps(text)});\n"


def offline_build(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith(f"{FOLDER}/"):
        return markdown
    if page.file.abs_src_path and binds(prose(markdown)):
        # a page must never show a quoted number that its output does not print, nor a bound
        # word that its outputs and asserts do not bear out
        layout, source = _layout(config), Path(page.file.abs_src_path)
        problems = sorted(bind_problems(layout, source, markdown)
                          + claim_problems(layout, source, markdown), key=lambda p: p.lineno)
        if problems:
            raise PluginError("a binding does not hold:\n"
                              + "\n".join(f"  {p}" for p in problems))
    markdown = add_titles(render_binds(markdown))
    markdown = _sized_images(markdown, Path(page.file.abs_src_path).parent if page.file.abs_src_path
                             else Path(config.docs_dir))
    return _with_notebook_links(markdown, page, config, files)


def _sized_images(markdown: str, folder: Path) -> str:
    """Give each image its intrinsic width and height, so the page does not shift as it loads
    (the stylesheet scales it down to the column, keeping its proportions)."""

    def sized(m: re.Match) -> str:
        size = image_size(folder / m["src"])
        if size is None or m.group().endswith("}"):
            return m.group()
        return f'{m.group()}{{ width="{size[0]}" height="{size[1]}" }}'

    return IMAGE.sub(sized, markdown)


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in CSS pixels of an SVG file, from its root element."""
    if path.suffix != ".svg" or not path.is_file():
        return None
    root = re.search(r"<svg\b[^>]*>", path.read_text(encoding="utf-8"))
    if not root:
        return None
    px = {"pt": 4 / 3, "px": 1.0, "": 1.0}
    size = []
    for name in ("width", "height"):
        m = re.search(rf'\b{name}="([\d.]+)(pt|px|)"', root.group())
        if not m:
            return None
        size.append(round(float(m[1]) * px[m[2]]))
    return size[0], size[1]


def _with_notebook_links(markdown, page, config, files):
    notebook = files.get_file_from_path(f"{FOLDER}/{page.file.name}.ipynb")
    if notebook is None:
        return markdown
    # mkdocs-jupyter (include_source) copies the .ipynb beside the notebook's rendered page
    folder = Path(notebook.dest_path).parent.as_posix()
    download = get_relative_url(f"{folder}/{page.file.name}.ipynb", page.url)
    script = ""
    if offline_build(config):
        # From file:// Chromium ignores `download` on a link to a file and shows the JSON
        # instead: notebook_download.js loads the notebook's text from this script on a click,
        # and saves it. Without JavaScript the link still opens the file.
        source = files.get_file_from_path(notebook_script_path(Path(notebook.src_uri)))
        script = f' data-notebook-script="{get_relative_url(source.dest_uri, page.url)}"'
    rendered = get_relative_url(notebook.url or "./", page.url)
    links = (
        f'<p class="lesson-notebook" data-search-exclude>'
        f'<a class="md-button" href="{download}" download="{page.file.name}.ipynb"{script}>'
        f"Download this lesson as a Jupyter notebook</a> "
        f'<a href="{rendered}">or read it as a notebook</a></p>\n\n'
    )
    # right after the page title
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join(lines[:at] + ["", links] + lines[at:])


def on_page_content(html, page, config, files):
    if page.file.src_uri.startswith(f"{FOLDER}/"):
        # A notebook repeats its lesson page word for word: indexing both would double the
        # search index a reader loads on opening search, and give every search hit twice.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        # Finishing a notebook page (parse, typeset, purge CSS) is the build's slowest step:
        # it runs in worker processes while mkdocs renders the other pages, and on_post_page
        # puts the result where this placeholder stands.
        # (Material's template adds a title unless the content has an <h1: so does the stand-in)
        heading = " <h1" if "<h1" in html else ""
        placeholder = f"<!-- notebook page {page.file.src_uri}{heading}, finished later -->"
        _finishing[placeholder] = _workers().submit(
            finish_notebook_page, html, page.file.src_uri, _notebook_links(page, config, files))
        return placeholder
    _plain_toc(page.toc)
    # Code and output blocks stay out of the search index, which a reader loads on opening
    # search (verified_lessons/search_on_demand.py): they were 60% of it, and the names a
    # reader searches for (masked_fill, nn.MultiheadAttention) are in the prose too
    html = re.sub(r'<div class="((?:language-\w+ |output )?highlight)">',
                  r'<div class="\1" data-search-exclude>', html)
    # a code block's title breaks after / or _, never inside a word
    html = re.sub(r'(<span class="filename">)(.*?)(</span>)',
                  lambda m: m[1] + re.sub(r"([/_])", r"\1<wbr>", m[2]) + m[3], html)
    html = plain_code(html, LESSON_PLAIN)
    # no line break inside a number, and inside a name only after a dot or a slash
    html = keep_whole(html)
    try:
        return render_page_math(html, page.file.src_uri)
    except MathError as error:
        raise PluginError(str(error)) from None


# Pygments wraps every token in a span: a name in <span class="n">, an operator in "o", a bracket
# or comma in "p", spaces in "w". The theme draws names, operators and punctuation in the code's
# own colour (docs/stylesheets/extra.css; tests/test_browser.py checks it on every page), so these
# spans are drawn exactly as plain text: they were two thirds of a code-heavy page's elements and
# half its code's bytes, each one work for the browser's style and layout and for the
# accessibility audit. They are left unwrapped. Notebook cells keep JupyterLab's styles, which
# draw operators bold: there only names and spaces go (the check covers those two kinds).
LESSON_PLAIN = ("n", "o", "p", "w")
NOTEBOOK_PLAIN = ("n", "w")


def plain_code(html: str, kinds: tuple[str, ...]) -> str:
    """Spans of these token kinds unwrapped inside code (<pre>) only: a span of class n
    anywhere else is left alone."""
    span = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(kinds))
    return re.sub(r"<pre\b.*?</pre>", lambda m: span.sub(r"\1", m[0]), html, flags=re.S)


def _notebook_links(page, config, files) -> list[tuple]:
    """Back to the lesson, the notebook's own download, and on to the previous and next
    lesson's notebook (nav order): (href, text) pairs, the download with its attributes."""
    order = [p for p in _nav_files(config.nav or []) if files.get_file_from_path(
        f"{FOLDER}/{Path(p).stem}.ipynb")]
    stem = Path(page.file.src_uri).stem
    links = []
    lesson = files.get_file_from_path(f"{stem}.md")
    if lesson is not None:
        links.append((get_relative_url(lesson.url, page.url),
                      f"Back to the lesson: {_title(Path(lesson.abs_src_path))}"))
    notebook = files.get_file_from_path(f"{FOLDER}/{stem}.ipynb")
    if notebook is not None:
        # the .ipynb beside this page (mkdocs-jupyter include_source), saved under its name;
        # from file:// through its script, as on the lesson page
        folder = Path(notebook.dest_path).parent.as_posix()
        attrs = {"download": f"{stem}.ipynb"}
        if offline_build(config):
            source = files.get_file_from_path(notebook_script_path(Path(notebook.src_uri)))
            if source is not None:
                attrs["data-notebook-script"] = get_relative_url(source.dest_uri, page.url)
        links.append((get_relative_url(f"{folder}/{stem}.ipynb", page.url),
                      "Download this notebook", attrs))
    here = order.index(f"{stem}.md") if f"{stem}.md" in order else -1
    for step, label in ((-1, "Previous notebook"), (1, "Next notebook")):
        if here >= 0 and 0 <= here + step < len(order):
            other = files.get_file_from_path(f"{FOLDER}/{Path(order[here + step]).stem}.ipynb")
            links.append((get_relative_url(other.url, page.url),
                          f"{label}: {_title(Path(config.docs_dir) / order[here + step])}"))
    return links


def _nav_files(nav) -> list[str]:
    found = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += _nav_files(value) if isinstance(value, list) else [value]
    return found


def _title(page: Path) -> str:
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return plain_text(line[2:].strip())
    return page.stem


def _plain_toc(items) -> None:
    """The table of contents (and the phone's drawer) shows text: no TeX source in titles."""
    for item in items:
        item.title = plain_text(item.title)
        _plain_toc(item.children)
