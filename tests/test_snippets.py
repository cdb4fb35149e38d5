"""Every snippet runs, in isolation, keeps the snippet rules, and prints exactly its .out file.

Each snippet runs twice in an empty folder with a clean environment (verified_lessons.runner):
no file written or read, no environment variable read, no unseeded generator, the same text
both times although the second run starts the global generators elsewhere and prints with a
higher precision, no float printed unrounded. One parametrised test over snippets/**/*.py; the
test id is the snippet's path below snippets/, so `pytest -k causal_mask` re-checks one example.
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
    first, second = run_snippet(snippet)
    problem = verdict(layout, first, snippet_timeout, update=update_outputs, again=second)
    if problem:
        pytest.fail(problem, pytrace=False)
