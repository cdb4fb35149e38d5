"""Words bound like numbers: every result word a page states is bound to what a snippet prints
or asserts, or declared not a result; every citation matches the page's References.

The checks are verified_lessons.claims (word, relation and assert bindings; result words left
free; "asserted" without an assert) and verified_lessons.citations. The syntax is explained in
the README ("Add a snippet") and in the docstring of verified_lessons/claims.py. Each check is
proven able to fail by careless edits planted in a copy of the repository (PLANTED below).
"""

from __future__ import annotations

import pytest

from verified_lessons.citations import citation_problems
from verified_lessons.claims import claim_problems, unbound_words, unused_word_declarations
from verified_lessons.crosschecks import setting_problems
from verified_lessons.layout import LAYOUT, copy_repo
from verified_lessons.numbers import page_problems

PAGES = LAYOUT.pages()


def word_problems(layout, page) -> list:
    return sorted(claim_problems(layout, page) + unbound_words(layout, page),
                  key=lambda p: p.lineno)


@pytest.mark.parametrize("page", PAGES, ids=LAYOUT.page_id)
def test_every_result_word_on_the_page_is_bound_or_declared(page, layout):
    problems = word_problems(layout, page)
    assert not problems, (f"{len(problems)} word(s) on {layout.rel(page)} do not hold:\n"
                          + "\n".join(f"- {p}" for p in problems))


@pytest.mark.parametrize("page", PAGES, ids=LAYOUT.page_id)
def test_every_citation_matches_the_pages_references(page, layout):
    problems = citation_problems(layout, page)
    assert not problems, "\n".join(f"- {p}" for p in problems)


def test_every_declared_result_word_covers_one(layout):
    problems = unused_word_declarations(layout)
    assert not problems, "\n".join(problems)


def test_every_number_declared_as_set_in_code_is_in_that_code(layout):
    problems = setting_problems(layout)
    assert not problems, "\n".join(problems)


def replace_once(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# Careless edits an author makes, each planted alone in a copy of the repository:
# (file, text in it today, the edit, what the checks must say). `{line}` is the line of the
# edit when the file is a page. Every page of the copy is checked, so a case also proves that
# the edit is caught where the reader meets it.
PLANTED = {
    "a table's True meaning swapped": (
        "docs/causal_masks.md",
        "**{{ blocked = nn.MultiheadAttention, key_padding_mask: }}**",
        "**{{ may attend = nn.MultiheadAttention, key_padding_mask: }}**",
        ['docs/causal_masks.md:{line}: the text says "may attend" but '
         "snippets/causal_masks/mask_conventions.out prints \"blocked\" after "
         '"nn.MultiheadAttention, key_padding_mask:"'],
    ),
    "a True/False fact said the other way": (
        "docs/causal_masks.md",
        "{{ reaches the gradients = MultiheadAttention, NaN in the gradients: }}",
        "{{ never reaches the gradients = MultiheadAttention, NaN in the gradients: }}",
        ['docs/causal_masks.md:{line}: the text says "never reaches the gradients" (negative) '
         "but snippets/causal_masks/fully_masked_row_gradients.out prints True after "
         '"MultiheadAttention, NaN in the gradients:"'],
    ),
    "an asserted claim whose assert was deleted": (
        "snippets/causal_masks/causal_mask_4x4.py",
        'assert visible.diagonal().all(), "each position sees itself"\n',
        "",
        ["snippets/causal_masks/causal_mask_4x4.py has no assert with the message "
         '"each position sees itself"'],
    ),
    "'asserted' written without naming the assert": (
        "docs/causal_masks.md",
        "({{ asserted = assert no weight on the future }})",
        "(asserted)",
        ['docs/causal_masks.md:{line}: "asserted" names no assert: write '
         "{{ asserted = assert MESSAGE }}"],
    ),
    "a free comparison beside a bound number": (
        "docs/causal_masks.md",
        "splits {{ 0.289 / 0.711 = weights[1][0:2] }};",
        "splits {{ 0.289 / 0.711 = weights[1][0:2] }}, the smaller share first;",
        ['docs/causal_masks.md:{line}: "smaller" states a result beside bound values but is not '
         "bound: bind it ({{ smaller = before < after }}"],
    ),
    "an in-text citation's year changed": (
        "docs/causal_masks.md",
        "the Annotated Transformer uses `-1e9`",
        "the Annotated Transformer (Rush, 2019) uses `-1e9`",
        ["docs/causal_masks.md:{line}: cites Rush, 2019 but the page's References have no entry "
         "by Rush from 2019"],
    ),
}


def all_word_problems(layout) -> str:
    return "\n".join(str(p) for page in layout.pages()
                     for p in word_problems(layout, page) + citation_problems(layout, page))


@pytest.mark.parametrize("case", PLANTED)
def test_a_planted_wrong_word_fails_naming_the_page_the_line_and_what_holds(case, tmp_path):
    name, old, new, messages = PLANTED[case]
    copy = copy_repo(tmp_path)
    replace_once(copy.root / name, old, new)
    text = (copy.root / name).read_text(encoding="utf-8")
    line = text[:text.index(new)].count("\n") + 1 if new else 0
    found = all_word_problems(copy)
    for message in (m.replace("{line}", str(line)) for m in messages):
        assert message in found, f"expected\n  {message}\nin\n{found}"


def test_the_planted_edits_still_match_the_files():
    """Each planted case edits text that is there today, so none of them passes vacuously."""
    for case, (name, old, _, _) in PLANTED.items():
        text = (LAYOUT.root / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"planted case {case!r}: {old!r} is no longer in {name}"
