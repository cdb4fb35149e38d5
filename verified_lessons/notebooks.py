"""Every lesson page as a Jupyter notebook, built from the same snippets.

One source of truth: a notebook is generated at build time from docs/<lesson>.md and the
snippet files it includes, never written by hand or committed. The page's prose becomes
markdown cells (bound numbers shown as the reader sees them); each included snippet becomes a
code cell with the snippet's source and, as its output, the snippet's recorded .out.
verified_lessons.site writes them for mkdocs-jupyter to render; tests/test_notebooks.py
executes every one with nbclient and checks that each cell prints exactly what the page shows.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat

from verified_lessons import exercises
from verified_lessons.katex import plain_text
from verified_lessons.syntax import BLOCK_TITLE, FENCE, IMAGE, INCLUDE, LINK, render_binds

FOLDER = "notebooks"
# An HTML block a page's script fills (the playground) cannot run in a notebook: the page says
# in its data-notebook attribute what the notebook shows instead, <div data-notebook="...">.
HTML_WITH_NOTE = re.compile(r'^<div\b[^>]*\bdata-notebook="(?P<note>[^"]*)"')
HEADING_ID = re.compile(r"[ \t]*\{#[^}]*\}[ \t]*$")
SOLUTION_TAG = "solution"   # cells of an exercise's solution (hidden until opened)


class NotebookError(ValueError):
    """A page the notebook generator cannot turn into a notebook."""


def site_links(base: str = "../", directory_urls: bool = True):
    """How a notebook links to the site's pages: a link to `page.md#part` in a lesson becomes
    `base` + the page's address in the build + `#part` (a link to a part of the same page goes
    to that part of the lesson page: the notebook has no heading anchors of its own). `base` is
    the site's address when the build knows it (SITE_URL), so a downloaded notebook's links work
    wherever it is opened; else the site's root as seen from the notebook's folder."""

    def link(target: str, page: Path) -> str:
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I):
            return target               # http(s), mailto: as written
        path, _, part = target.partition("#")
        stem = Path(path or page.name).with_suffix("").as_posix()
        if directory_urls:
            url = "" if stem == "index" else f"{stem.removesuffix('/index')}/"
        else:
            url = f"{stem}.html"
        return base + url + (f"#{part}" if part else "")

    return link


def lesson_notebook(page: Path, snippets: Path, link=site_links()) -> nbformat.NotebookNode:
    """The notebook of one page: its prose as markdown cells, its snippets as code cells.
    Links to the site go where `link(target, page)` says (`site_links`).

    Admonitions (!!!), collapsible blocks (???) and content tabs (===) are read with their
    indented content: the title becomes a bold line, the content is kept, dedented. Everything
    inside a collapsible block (an exercise's solution) goes into cells tagged "solution" and
    hidden in Jupyter until opened (the rendered notebook page folds them into <details>).
    """
    cells = []
    prose: list[str] = []
    open_blocks: list[tuple[int, str]] = []   # (indent of the title line, "!!!" / "???" / "===")

    def solution() -> bool:
        return any(kind == "???" for _, kind in open_blocks)

    def hide(cell):
        if solution():
            cell.metadata["tags"] = [SOLUTION_TAG]
            cell.metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
        return cell

    def flush():
        text = "\n".join(prose).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        if text:
            text, attachments = with_attached_images(text, page)
            cell = nbformat.v4.new_markdown_cell(text)
            if attachments:
                cell.attachments = attachments
            cells.append(hide(cell))
        prose.clear()

    lines = render_binds(page.read_text(encoding="utf-8")).splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip():
            indent = len(line) - len(line.lstrip())
            while open_blocks and indent <= open_blocks[-1][0]:
                if open_blocks[-1][1] == "???":
                    flush()   # the solution ends here
                open_blocks.pop()
        depth = 4 * len(open_blocks)   # content of a block is indented 4 more than its title
        text = line[depth:] if line[:depth].strip() == "" else line.lstrip()
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
                        raise NotebookError(
                            f"{page.name} line {i + 2} includes snippets/{body[0]['path']}, but "
                            f"{needed.name} does not exist in {needed.parent} (notebook hook)"
                        )
                recorded = source.with_suffix(".out").read_text(encoding="utf-8")
                cells.append(hide(nbformat.v4.new_code_cell(
                    source.read_text(encoding="utf-8").rstrip("\n"),
                    execution_count=sum("snippet" in c.metadata for c in cells) + 1,
                    outputs=[nbformat.v4.new_output("stream", name="stdout", text=recorded)],
                    metadata={"snippet": f"snippets/{body[0]['path']}"},
                )))
            elif not any(body):
                # a fence that is not an include (none today: the contract forbids them)
                prose.extend(l[depth:] for l in lines[i:end + 1])
            i = end + 1  # output fences are skipped: the code cell carries its output
            continue
        if text.strip().startswith("<!--"):
            i += 1
            continue
        note = HTML_WITH_NOTE.match(line.strip())
        if note:   # the block gives way to its note, up to its </div> (same line included)
            while i < len(lines) and "</div>" not in lines[i]:
                i += 1
            prose.append(f"*{note['note']}*")
            i += 1
            continue
        title = BLOCK_TITLE.match(line)
        if title:
            kind = line.strip()[:3]
            if kind == "???":
                flush()   # a solution starts: its own hidden cells
                if not solution():
                    cells.extend(exercise_cells(lines, i, snippets))
            else:
                # admonitions and tabs: keep their title as a bold line
                prose.append(f"**{title['title']}**" if title["title"] else "")
            open_blocks.append((len(line) - len(line.lstrip()), kind))
        else:
            # links lead to the site's pages, which do not stand next to a notebook
            text = LINK.sub(lambda m: f"[{m['text']}]({link(m['target'], page)})", text)
            if text.startswith("#"):
                # mkdocs-jupyter's table of contents mis-anchors headings with `code` in them,
                # and would show a formula's TeX source: headings become plain text, without
                # the page's own anchor ({#id}), which Jupyter would show as text
                text = plain_text(HEADING_ID.sub("", text).replace("`", ""))
            prose.append(text)
        i += 1
    flush()
    for number, cell in enumerate(cells):   # stable ids: the same page, the same notebook
        cell.id = f"cell-{number}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update({
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    return notebook


def exercise_cells(lines: list[str], title: int, snippets: Path) -> list:
    """The starter and check cells of the exercise whose solution block opens at line
    `title`, or [] when its solution is not an exercise snippet (verified_lessons.exercises)."""
    indent = len(lines[title]) - len(lines[title].lstrip())
    for line in lines[title + 1:]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        include = INCLUDE.match(line)
        if include and include["path"].endswith(".py"):
            exercise = exercises.read(snippets / include["path"])
            if exercise is None:
                continue
            where = {"exercise": f"snippets/{include['path']}"}
            return [
                nbformat.v4.new_code_cell(exercise.starter().rstrip("\n"), metadata={
                    **where, "tags": [exercises.STARTER_TAG]}),
                # raises-exception: "Run all" goes on past a check that fails
                nbformat.v4.new_code_cell(
                    (exercises.CHECK_INTRO + exercise.check).rstrip("\n"), metadata={
                        **where, "tags": [exercises.CHECK_TAG, "raises-exception"]}),
            ]
    return []


MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg"}


def with_attached_images(text: str, page: Path) -> tuple[str, dict]:
    """Markdown whose images are carried by the cell itself (Jupyter attachments), so that the
    notebook shows them wherever it is opened: rendered on the site or downloaded alone."""
    attachments: dict = {}

    def attach(m: re.Match) -> str:
        source = (page.parent / m["src"]).resolve()
        if not source.is_file() or source.suffix not in MIME:
            raise NotebookError(f"{page.name}: the image {m['src']} is not a file the notebook "
                                f"can carry ({', '.join(MIME)})")
        data = base64.b64encode(source.read_bytes()).decode("ascii")
        attachments[source.name] = {MIME[source.suffix]: data}
        return f"![{m['alt']}](attachment:{source.name})"

    return IMAGE.sub(attach, text), attachments


def lesson_pages(docs: Path) -> list[Path]:
    """Pages that get a notebook: those that show at least one snippet."""
    return [p for p in sorted(docs.glob("*.md"))
            if any(INCLUDE.match(line) for line in p.read_text(encoding="utf-8").splitlines())]


def notebook_path(page: Path) -> str:
    return f"{FOLDER}/{page.stem}.ipynb"


def _reading(text: str) -> str:
    """Text reduced to what a reader reads, for comparing a page with its notebook: links as
    their text, formulas as plain text, no markup characters, whitespace collapsed."""
    text = IMAGE.sub("", text)
    text = LINK.sub(lambda m: m["text"], text)
    text = plain_text(text)
    text = re.sub(r"[`*_#>|]", " ", text)
    return " ".join(text.split())


def missing_from_notebook(page: Path, notebook) -> list[str]:
    """Every paragraph, note, tab text, solution and image of the page that its notebook does
    not carry, quoted so an author finds it. [] when the notebook carries the whole page."""
    cells = [c for c in notebook.cells if c.cell_type == "markdown"]
    carried = _reading("\n".join(c.source for c in cells))
    attached = {m["alt"] for c in cells for m in IMAGE.finditer(c.source)
                if m["src"].startswith("attachment:") and m["src"][11:] in c.get("attachments", {})}
    text = render_binds(page.read_text(encoding="utf-8"))
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    missing = []
    for m in IMAGE.finditer(text):
        if m["alt"] not in attached:
            missing.append(f"the image {m['src']} ({m['alt'][:50]}...)")
    text = re.sub(r'(?s)<div\b[^>]*\bdata-notebook="([^"]*)"[^>]*>.*?</div>', r"\1", text)
    kept, inside = [], None
    for line in text.splitlines():   # code fences are carried as code cells, checked apart
        fence = FENCE.match(line)
        if inside is None and fence:
            inside = fence["ticks"]
            kept.append("")
        elif inside is not None:
            if line.strip().startswith(inside):
                inside = None
            kept.append("")
        else:
            line = HEADING_ID.sub("", line) if line.startswith("#") else line
            kept.append("" if BLOCK_TITLE.match(line) or INCLUDE.match(line) else line)
    for paragraph in re.split(r"\n\s*\n", "\n".join(kept)):
        words = _reading(paragraph)
        if words and words not in carried:
            missing.append(f'the text "{words[:70]}..."')
    return missing
