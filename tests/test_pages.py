"""Each page, as the reader sees it, is executed by pytest-codeblocks
(verified_lessons.codeblocks): the pair a reader sees, code then printed output, is the pair
that was run."""

from __future__ import annotations

import pytest

from verified_lessons.codeblocks import explain, run_codeblocks
from verified_lessons.layout import LAYOUT
from verified_lessons.syntax import fences

PAGES = LAYOUT.pages()
# under xdist every page test goes to one worker, which runs pytest-codeblocks over them once
pytestmark = pytest.mark.xdist_group("codeblocks")


@pytest.fixture(scope="session")
def codeblock_workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("codeblocks")


@pytest.fixture(scope="session")
def codeblock_results(request, codeblock_workdir, snippet_timeout):
    """pytest-codeblocks run once over the selected pages (`-k causal_masks`: that page only);
    under xdist the page tests form one group (conftest), so one worker runs them all."""
    selected = {item.callspec.params["page"] for item in request.session.items
                if item.path.name == "test_pages.py" and hasattr(item, "callspec")}
    return run_codeblocks(LAYOUT, [p for p in PAGES if p in selected], codeblock_workdir,
                          snippet_timeout)


@pytest.mark.parametrize("page", PAGES, ids=LAYOUT.page_id)
def test_page_code_and_output_pairs_run_as_shown(page, codeblock_results, codeblock_workdir):
    shown = [f for f in fences(page) if f.info == "python"]
    ran = codeblock_results.get(LAYOUT.page_id(page), [])
    # pytest-codeblocks only collects fences whose info string is exactly `python`:
    # if it saw fewer blocks than the page shows, a code block went unchecked.
    assert len(ran) == len(shown), (
        f"{LAYOUT.rel(page)} shows {len(shown)} python code block(s) but pytest-codeblocks "
        f"ran {len(ran)}. Each example must be a fence whose info string is exactly `python`."
    )
    failed = [r for r in ran if r["message"]]
    if failed:
        expanded = codeblock_workdir / "expanded" / LAYOUT.page_id(page)
        pytest.fail(
            f"{LAYOUT.rel(page)}: {len(failed)} example(s), run as the page shows them, did "
            "not print the output shown under them.\n\n"
            + "\n\n".join(explain(LAYOUT, page, expanded, r) for r in failed),
            pytrace=False,
        )
