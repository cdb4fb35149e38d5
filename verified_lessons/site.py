"""The engine's part in `mkdocs build`: what hooks/lessons.py wires to mkdocs' events.

- on_files: generate each lesson's notebook (verified_lessons.notebooks) for mkdocs-jupyter;
- on_page_markdown: check every bound number against its output and show its literal
  (verified_lessons.numbers), title the snippet blocks (verified_lessons.titles), and add the
  notebook download link;
- on_page_content: render the math with KaTeX (verified_lessons.katex) and keep notebook pages
  out of the search index.
A problem found here fails the build, naming the page and what is wrong.
"""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from verified_lessons.katex import MathError, render_page_math
from verified_lessons.layout import Layout
from verified_lessons.notebooks import FOLDER, NotebookError, lesson_notebook, lesson_pages
from verified_lessons.numbers import bind_problems
from verified_lessons.syntax import binds, prose, render_binds
from verified_lessons.titles import add_titles


def _layout(config) -> Layout:
    return Layout(Path(config.config_file_path).parent)


def notebook_path(page: Path) -> str:
    return f"{FOLDER}/{page.stem}.ipynb"


@event_priority(100)  # before mkdocs-jupyter's on_files, which turns .ipynb files into pages
def on_files(files, config):
    layout = _layout(config)
    out_dir = layout.root / ".cache" / "generated-notebooks"
    for page in lesson_pages(Path(config.docs_dir)):
        target = out_dir / notebook_path(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            text = nbformat.writes(lesson_notebook(page, layout.snippets)) + "\n"
        except NotebookError as error:
            raise PluginError(str(error)) from None
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        files.append(File(notebook_path(page), str(out_dir), config.site_dir,
                          config.use_directory_urls))
    return files


def offline_build(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith(f"{FOLDER}/"):
        return markdown
    if page.file.abs_src_path and binds(prose(markdown)):
        # a page must never show a quoted number that its output does not print
        problems = bind_problems(_layout(config), Path(page.file.abs_src_path), markdown)
        if problems:
            raise PluginError("a bound number does not hold:\n"
                              + "\n".join(f"  {p}" for p in problems))
    markdown = add_titles(render_binds(markdown))
    return _with_notebook_links(markdown, page, config, files)


def _with_notebook_links(markdown, page, config, files):
    notebook = files.get_file_from_path(f"{FOLDER}/{page.file.name}.ipynb")
    if notebook is None:
        return markdown
    if offline_build(config):
        # From file:// browsers ignore `download` on links to files and show the JSON instead;
        # a data: URL carrying the notebook is downloaded as a file.
        data = base64.b64encode(Path(notebook.abs_src_path).read_bytes()).decode("ascii")
        download = f"data:application/x-ipynb+json;base64,{data}"
    else:
        # mkdocs-jupyter (include_source) copies the .ipynb beside the notebook's rendered page
        folder = Path(notebook.dest_path).parent.as_posix()
        download = get_relative_url(f"{folder}/{page.file.name}.ipynb", page.url)
    rendered = get_relative_url(notebook.url or "./", page.url)
    links = (
        f'<p class="lesson-notebook">'
        f'<a class="md-button" href="{download}" download="{page.file.name}.ipynb">'
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
        # search index that every page loads, and give every search hit twice.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return html
    try:
        return render_page_math(html, page.file.src_uri)
    except MathError as error:
        raise PluginError(str(error)) from None
