"""Every lesson's notebook is generated from the page's own snippets and runs as the page shows.

The notebooks are built by verified_lessons.notebooks (the same function the site build calls), then
executed top to bottom by nbclient in a real Jupyter kernel: each code cell must print exactly
the recorded output of the snippet it came from.
"""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess

import nbformat
import pytest
from nbclient import NotebookClient

from verified_lessons.exercises import CHECK_TAG, STARTER_TAG, TODO
from verified_lessons.layout import LAYOUT
from verified_lessons.notebooks import (SOLUTION_TAG, lesson_notebook, lesson_pages,
                                        missing_from_notebook, site_links)
from verified_lessons.syntax import LINK, prose
from verified_lessons.site import notebook_script

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
    code = [c for c in notebook.cells if c.cell_type == "code" and "snippet" in c.metadata]
    snippets = shown_snippets(page)
    assert [c.metadata["snippet"] for c in code] == [layout.rel(p) for p in snippets]
    for cell, snippet in zip(code, snippets):
        assert cell.source == snippet.read_text(encoding="utf-8").rstrip("\n")
        assert stdout_of(cell) == snippet.with_suffix(".out").read_text(encoding="utf-8")
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "--8<--" not in prose and "pytest-codeblocks" not in prose


@pytest.mark.parametrize("page", LESSONS, ids=[p.stem for p in LESSONS])
def test_notebook_carries_the_whole_page(page, layout):
    """Every paragraph, note, tab text, solution and image of the page is in its notebook."""
    missing = missing_from_notebook(page, lesson_notebook(page, layout.snippets))
    assert not missing, (f"notebooks/{page.stem}.ipynb lacks what {layout.rel(page)} shows:\n"
                         + "\n".join(f"- {m}" for m in missing))



@pytest.mark.parametrize("page", LESSONS, ids=[p.stem for p in LESSONS])
def test_notebook_keeps_the_pages_links_leading_to_the_site(page, layout):
    """Each link of the page's prose is in the notebook, in order, with its text, leading to
    the site's page (in the offline build's style here: ../padding.html#part)."""
    link = site_links("../", directory_urls=False)
    on_page = [(m["text"], m["target"]) for m in LINK.finditer(prose(page.read_text()))]
    cells = lesson_notebook(page, layout.snippets, link).cells
    in_notebook = [(m["text"], m["target"]) for c in cells if c.cell_type == "markdown"
                   for m in LINK.finditer(c.source) if not m["target"].startswith("attachment:")]
    expected = []
    for text, target in on_page:
        path = target.split("#")[0]
        stem = path.removesuffix(".md") if path else page.stem
        expected.append((text, target if "://" in target else
                         f"../{stem}.html" + (target[len(path):] if "#" in target else "")))
    assert in_notebook == expected


def _drop_last_cell(nb):
    nb.cells = nb.cells[:-1]


def _drop_solutions(nb):
    nb.cells = [c for c in nb.cells if SOLUTION_TAG not in c.metadata.get("tags", [])]


def _drop_notes(nb):
    for cell in nb.cells:   # an admonition's indented text, as a generator reading only
        if cell.cell_type == "markdown":   # unindented lines would
            cell.source = cell.source.split("**Aside: a wrong output seen in another tutorial**")[0]


def _drop_images(nb):
    for cell in nb.cells:
        cell.pop("attachments", None)


# A careless change to the generator, simulated on its output, and what the check must name.
DROPPED = {
    "the page's last cell": ("exercises", _drop_last_cell, "the text"),
    "the solutions": ("exercises", _drop_solutions, 'the text "The new token'),
    "a note": ("weighted_values", _drop_notes, "the text"),
    "every image": ("causal_masks", _drop_images, "the image figures/causal_mask_pattern.svg"),
}


@pytest.mark.parametrize("case", DROPPED)
def test_a_notebook_that_drops_part_of_the_page_is_caught(case, layout):
    name, drop, message = DROPPED[case]
    page = layout.docs / f"{name}.md"
    notebook = lesson_notebook(page, layout.snippets)
    assert missing_from_notebook(page, notebook) == []
    drop(notebook)
    missing = missing_from_notebook(page, notebook)
    assert any(m.startswith(message) for m in missing), (case, missing)


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
        if CHECK_TAG in cell.metadata.get("tags", []):
            # run on the empty starter above it, an exercise's check must stop, saying so
            errors = [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]
            if errors != [f"NotImplementedError: {TODO}"] and not (
                    len(errors) == 1 and errors[0].startswith("AssertionError: ")):
                problems.append(f"check cell of {cell.metadata['exercise']}: on the starter it "
                                f"ended with {errors or 'no error'}")
            continue
        if "snippet" not in cell.metadata:
            continue   # a starter: it only defines the names the learner fills in
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


# Text a notebook may hold that a carelessly quoted script would break or change.
AWKWARD_TEXTS = {
    "quotes and backslashes": 'print("a\\"b", \'c\')\n\tx = "\\n"\n',
    "a closing script tag": "</script><script>alert(1)</script><!--",
    "non-ASCII": "√d_k, Qᵀ → softmax — naïve 😀",
    "line and paragraph separators": "a\u2028b\u2029c\r\n",
}


@pytest.mark.parametrize("case", AWKWARD_TEXTS)
def test_the_offline_download_script_hands_over_any_text_unchanged(case):
    """The offline build's notebooks/<lesson>.ipynb.js, run as JavaScript, gives the download
    link exactly the notebook's text."""
    text = AWKWARD_TEXTS[case]
    script = notebook_script("lesson.ipynb", text)
    assert script.isascii()
    run = ("let got; require('vm').runInNewContext(require('fs').readFileSync(0, 'utf8'), "
           "{lessonNotebookLoaded: (n, t) => { got = [n, t]; }}); "
           "process.stdout.write(JSON.stringify(got));")
    done = subprocess.run([shutil.which("node"), "-e", run], input=script, text=True,
                          capture_output=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["lesson.ipynb", text]


def test_each_exercise_of_the_notebook_has_a_starter_and_a_check_before_its_solution(layout):
    """In the exercises' notebook every solution is preceded by its exercise's starter cell and
    check cell, which carry the snippet's two parts, and the check is not hidden."""
    page = layout.docs / "exercises.md"
    cells = lesson_notebook(page, layout.snippets).cells
    solutions = [i for i, c in enumerate(cells) if c.cell_type == "code"
                 and c.metadata.get("snippet", "").startswith("snippets/exercises/")]
    assert len(solutions) >= 10
    for i in solutions:
        starter, check = cells[i - 2], cells[i - 1]   # then the solution itself
        where = cells[i].metadata["snippet"]
        assert STARTER_TAG in starter.metadata.get("tags", []), f"{where}: no starter cell"
        assert CHECK_TAG in check.metadata.get("tags", []), f"{where}: no check cell"
        assert starter.metadata["exercise"] == check.metadata["exercise"] == where
        assert SOLUTION_TAG not in check.metadata.get("tags", []), f"{where}: the check is hidden"
        assert "raises-exception" in check.metadata["tags"]
        assert TODO in starter.source, f"{where}: the starter leaves nothing to write"


def test_the_notebook_has_no_page_anchor_or_empty_placeholder(layout):
    """The downloaded notebook of scaled_dot_product shows no "{#...}" after a heading and no
    empty <div> where the page has its playground, but says where the playground is."""
    cells = lesson_notebook(layout.docs / "scaled_dot_product.md", layout.snippets).cells
    markdown = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert "{#" not in markdown and "<div" not in markdown
    assert "*The interactive playground runs in the browser on this lesson's page" in markdown
    assert "## Why divide by √d_k?" in markdown


def test_a_one_line_playground_keeps_the_prose_after_it(tmp_path, layout):
    page = tmp_path / "p.md"
    page.write_text("# P\n\nBefore.\n\n<div data-notebook=\"Played on the page.\"></div>\n\nAfter it, "
                    "this paragraph.\n", encoding="utf-8")
    notebook = lesson_notebook(page, layout.snippets)
    markdown = "\n".join(c.source for c in notebook.cells)
    assert "After it, this paragraph." in markdown and "<div" not in markdown
    assert "*Played on the page.*" in markdown
    assert missing_from_notebook(page, notebook) == []
