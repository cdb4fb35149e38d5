"""Numbers in sentences and tables are verified too.

A decimal number a page writes outside its code blocks ("0.401", "2.4", a value inside $...$)
must appear in the recorded output of a snippet included on that same page. Numbers that are
not results go in ALLOWED, each with the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lessons import LAYOUT, Layout, expand, normalised, printed_numbers, prose

# A run of digits with dots: "0.401" is a decimal; "2.13.0" (two dots) is a version.
NUMBER_RUN = re.compile(r"(?<![\w.])\d+(?:\.\d+)+(?![\w])")

# Decimal numbers in prose that are not results of a computation, per page.
ALLOWED: dict[str, dict[str, str]] = {
    # (none needed yet: every decimal in the prose is printed by a snippet on its page)
}


def prose_decimals(page: Path) -> list[str]:
    return [m for m in NUMBER_RUN.findall(prose(page)) if m.count(".") == 1]


def unverified_numbers(layout: Layout, page: Path) -> list[str]:
    allowed = ALLOWED.get(page.relative_to(layout.docs).as_posix(), {})
    printed = printed_numbers(layout, page)
    return sorted(
        {n for n in prose_decimals(page) if n not in allowed and normalised(n) not in printed}
    )


PAGES = LAYOUT.pages()


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(LAYOUT.docs).as_posix() for p in PAGES])
def test_every_decimal_in_the_prose_is_printed_by_a_snippet_on_the_page(page, layout):
    missing = unverified_numbers(layout, page)
    assert not missing, (
        f"{layout.rel(page)} writes {', '.join(missing)} in its text, but no snippet included on "
        "that page prints it. Quote the number exactly as a snippet prints it, make a snippet "
        "print it, or (if it is not a result: a dimension, a seed, a year) add it to ALLOWED in "
        "tests/test_prose_numbers.py with the reason."
    )


def test_the_prose_check_catches_a_number_no_snippet_printed(tmp_path):
    layout = Layout(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets" / "lesson").mkdir(parents=True)
    (tmp_path / "snippets" / "lesson" / "x.out").write_text("[[0.401 0.198]\n [1.   0.5  ]]\n")
    page = tmp_path / "docs" / "lesson.md"
    page.write_text(
        "Weights 0.401 and 0.198, then 1.0 and 0.50; torch 2.13.0 is a version.\n\n"
        '```text\n--8<-- "lesson/x.out"\n```\n\n'
        "| a | b |\n| --- | --- |\n| $0.402$ | 0.2 |\n"
        "<!-- 0.777 is in a comment -->\n```python\nprint(0.999)\n```\n"
    )
    assert unverified_numbers(layout, page) == ["0.2", "0.402"]


def test_no_page_shows_the_wrong_row_as_a_result(layout):
    """The source's [2.2, 3.2] for row 0 of weights @ V is wrong; it may only appear as refuted."""
    wrong = re.compile(r"2\.20*\D{1,3}3\.20*")
    refuted = ("False", "widely copied", "claimed")  # a printed refutation, the warning, the code
    for page in layout.pages():
        for line in expand(page, layout).splitlines():
            if wrong.search(line):
                assert any(word in line for word in refuted), (
                    f"{layout.rel(page)} shows [2.2, 3.2] without saying it is wrong: {line!r}"
                )
