"""Every snippet runs, in isolation, and prints exactly its recorded .out file.

One parametrised test over snippets/**/*.py; the test id is the snippet's path below
snippets/, so `pytest -k causal_mask` re-checks one example.
"""

from __future__ import annotations

import pytest

from verified_lessons.layout import LAYOUT
from verified_lessons.verify import verdict

SNIPPETS = LAYOUT.snippet_files()


@pytest.mark.parametrize(
    "snippet", SNIPPETS, ids=[p.relative_to(LAYOUT.snippets).as_posix() for p in SNIPPETS]
)
def test_snippet_prints_its_recorded_output(snippet, layout, run_snippet, snippet_timeout,
                                            update_outputs):
    problem = verdict(layout, run_snippet(snippet), snippet_timeout, update=update_outputs)
    if problem:
        pytest.fail(problem, pytrace=False)
