"""Every lesson's notebook is generated from the page's own snippets and runs as the page shows.

The notebooks are built by verified_lessons.notebooks (the same function the site build calls), then
executed top to bottom by nbclient in a real Jupyter kernel: each code cell must print exactly
the recorded output of the snippet it came from.
"""

from __future__ import annotations

import difflib

import nbformat
import pytest
from nbclient import NotebookClient

from verified_lessons.layout import LAYOUT
from verified_lessons.notebooks import lesson_notebook, lesson_pages

LESSONS = lesson_pages(LAYOUT.docs)


def shown_snippets(page):
    return [p for p in LAYOUT.includes(page) if p.suffix == ".py"]


def stdout_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs
                   if o.output_type == "stream" and o.name == "stdout")


@pytest.mark.parametrize("page", LESSONS, ids=[p.stem for p in LESSONS])
def test_notebook_is_built_from_the_pages_snippets(page, layout):
    notebook = lesson_notebook(page, layout.snippets)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    snippets = shown_snippets(page)
    assert [c.metadata["snippet"] for c in code] == [layout.rel(p) for p in snippets]
    for cell, snippet in zip(code, snippets):
        assert cell.source == snippet.read_text(encoding="utf-8").rstrip("\n")
        assert stdout_of(cell) == snippet.with_suffix(".out").read_text(encoding="utf-8")
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "--8<--" not in prose and "pytest-codeblocks" not in prose


@pytest.mark.parametrize("page", LESSONS, ids=[p.stem for p in LESSONS])
def test_notebook_runs_top_to_bottom_with_the_outputs_the_page_shows(page, layout, tmp_path,
                                                                     snippet_timeout):
    notebook = lesson_notebook(page, layout.snippets)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []   # what it prints must come from running it now
    NotebookClient(notebook, timeout=int(snippet_timeout), kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    problems = []
    for cell in (c for c in notebook.cells if c.cell_type == "code"):
        expected = (layout.root / cell.metadata["snippet"]).with_suffix(".out").read_text()
        printed = stdout_of(cell)
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if errors or printed != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), printed.splitlines(True),
                                                "recorded .out (what the page shows)",
                                                "printed in the notebook"))
            problems.append(f"cell of {cell.metadata['snippet']}:\n{diff}"
                            + "".join(f"{e.ename}: {e.evalue}\n" for e in errors))
    assert not problems, f"notebooks/{page.stem}.ipynb:\n" + "\n".join(problems)
