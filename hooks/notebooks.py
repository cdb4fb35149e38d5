"""mkdocs hook: every lesson page becomes a Jupyter notebook, built from the same snippets.

One source of truth: a notebook is generated at build time from docs/<lesson>.md and the
snippet files it includes, never written by hand or committed. The page's prose becomes
markdown cells; each included snippet becomes a code cell with the snippet's source and, as
its output, the snippet's recorded .out. mkdocs-jupyter renders the notebooks as pages under
notebooks/ and (include_source) copies the .ipynb files next to them; each lesson page gets a
relative link to download its notebook, so the link works online and from file://.

tests/test_notebooks.py executes every generated notebook with nbclient and checks that each
cell prints exactly what the page shows.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

FOLDER = "notebooks"
# The page syntax the whole project relies on (tests/lessons.py imports these two):
# a pymdownx.snippets include line, --8<-- "path", and a fence opening.
INCLUDE = re.compile(r'^(?P<indent>[ \t]*)-{1,}8<-{2,}[ \t]+"(?P<path>[^"]+)"[ \t]*$')
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})(?P<info>.*)$")
BLOCK_TITLE = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?|===)\s*(?:[\w-]+\s*)?(?:"(?P<title>[^"]*)")?\s*$')
LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")


def lesson_notebook(page: Path, snippets: Path) -> nbformat.NotebookNode:
    """The notebook of one page: its prose as markdown cells, its snippets as code cells."""
    cells = []
    prose: list[str] = []

    def flush():
        text = "\n".join(prose).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        if text:
            cells.append(nbformat.v4.new_markdown_cell(text))
        prose.clear()

    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if fence:
            end = i + 1
            while end < len(lines) and not lines[end].strip().startswith(fence["ticks"]):
                end += 1
            body = [INCLUDE.match(b) for b in lines[i + 1:end] if b.strip()]
            if fence["info"].strip() == "python" and len(body) == 1 and body[0]:
                flush()
                source = snippets / body[0]["path"]
                for needed in (source, source.with_suffix(".out")):
                    if not needed.is_file():
                        raise PluginError(
                            f"{page.name} line {i + 2} includes snippets/{body[0]['path']}, but "
                            f"{needed.name} does not exist in {needed.parent} (notebook hook)"
                        )
                recorded = source.with_suffix(".out").read_text(encoding="utf-8")
                cells.append(nbformat.v4.new_code_cell(
                    source.read_text(encoding="utf-8").rstrip("\n"),
                    execution_count=sum(c.cell_type == "code" for c in cells) + 1,
                    outputs=[nbformat.v4.new_output("stream", name="stdout", text=recorded)],
                    metadata={"snippet": f"snippets/{body[0]['path']}"},
                ))
            i = end + 1  # output fences are skipped: the code cell carries its output
            continue
        if line.strip().startswith("<!--"):
            i += 1
            continue
        title = BLOCK_TITLE.match(line)
        if title:
            # admonitions, collapsible solutions and tabs: keep their title as a bold line
            prose.append(f"**{title['title']}**" if title["title"] else "")
        else:
            # content of those blocks is indented by 4; Jupyter would show it as code
            text = line[4:] if line.startswith("    ") else line
            # links to other lessons point at pages that do not exist next to a notebook
            text = LINK.sub(lambda m: m["text"], text)
            if text.startswith("#"):
                # mkdocs-jupyter's table of contents mis-anchors headings with `code` in them
                text = text.replace("`", "")
            prose.append(text)
        i += 1
    flush()
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update({
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    return notebook


def lesson_pages(docs: Path) -> list[Path]:
    """Pages that get a notebook: those that show at least one snippet."""
    return [p for p in sorted(docs.glob("*.md"))
            if any(INCLUDE.match(line) for line in p.read_text(encoding="utf-8").splitlines())]


def notebook_path(page: Path) -> str:
    return f"{FOLDER}/{page.stem}.ipynb"


@event_priority(100)  # before mkdocs-jupyter's on_files, which turns .ipynb files into pages
def on_files(files, config):
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    snippets = root / "snippets"
    out_dir = root / ".cache" / "generated-notebooks"
    for page in lesson_pages(docs):
        target = out_dir / notebook_path(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = nbformat.writes(lesson_notebook(page, snippets)) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        files.append(File(notebook_path(page), str(out_dir), config.site_dir,
                          config.use_directory_urls))
    return files


def offline_build(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_page_markdown(markdown, page, config, files):
    notebook = files.get_file_from_path(f"{FOLDER}/{page.file.name}.ipynb")
    if notebook is None or page.file.src_uri.startswith(f"{FOLDER}/"):
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
