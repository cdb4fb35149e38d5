"""Each page, as the reader sees it, is executed by pytest-codeblocks
(verified_lessons.codeblocks): the pair a reader sees, code then printed output, is the pair
that was run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verified_lessons.codeblocks import explain, run_codeblocks
from verified_lessons.layout import LAYOUT
from verified_lessons.syntax import fences

PAGES = LAYOUT.pages()
# under xdist the page tests go to one worker where possible (the group); the run itself is
# shared, so a page test on the other worker reuses it instead of running every page again
pytestmark = pytest.mark.xdist_group("codeblocks")


@pytest.fixture(scope="session")
def codeblocks(selected, shared, snippet_timeout) -> tuple[dict, Path]:
    """(results per page, folder of the expanded pages): pytest-codeblocks run once per test
    run over the selected pages (`-k causal_masks`: that page only), by whichever xdist worker
    asks first."""
    pages = selected("test_page_code_and_output_pairs_run_as_shown", "page")

    def make(folder):
        results = run_codeblocks(LAYOUT, [p for p in PAGES if p in pages], folder, snippet_timeout)
        (folder / "results.json").write_text(json.dumps(results), encoding="utf-8")

    folder = shared("codeblocks", make, *sorted(LAYOUT.page_id(p) for p in pages))
    return json.loads((folder / "results.json").read_text(encoding="utf-8")), folder


@pytest.mark.parametrize("page", PAGES, ids=LAYOUT.page_id)
def test_page_code_and_output_pairs_run_as_shown(page, codeblocks):
    results, workdir = codeblocks
    shown = [f for f in fences(page) if f.info == "python"]
    ran = results.get(LAYOUT.page_id(page), [])
    # pytest-codeblocks only collects fences whose info string is exactly `python`:
    # if it saw fewer blocks than the page shows, a code block went unchecked.
    assert len(ran) == len(shown), (
        f"{LAYOUT.rel(page)} shows {len(shown)} python code block(s) but pytest-codeblocks "
        f"ran {len(ran)}. Each example must be a fence whose info string is exactly `python`."
    )
    failed = [r for r in ran if r["message"]]
    if failed:
        expanded = workdir / "expanded" / LAYOUT.page_id(page)
        pytest.fail(
            f"{LAYOUT.rel(page)}: {len(failed)} example(s), run as the page shows them, did "
            "not print the output shown under them.\n\n"
            + "\n\n".join(explain(LAYOUT, page, expanded, r) for r in failed),
            pytrace=False,
        )
