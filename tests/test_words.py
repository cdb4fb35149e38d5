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
from verified_lessons.layout import LAYOUT, copy_repo, replace_once
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



# Ways around the word checks that a cold review found, each planted alone in a copy:
# (file, text in it today, the edit, what the checks must say). `{line}` is the line of the
# edit. The careless edits of tests/test_careless_edits.py cover the plain kinds (a word turned
# into its opposite, an API fact swapped, "asserted" written bare).
PLANTED = {
    "a relation's address operands swapped and its word flipped": (
        "docs/scaled_dot_product.md",
        "{{ climbs = largest weight, raw: from < largest weight, raw: from #1 }}",
        "{{ falls = largest weight, raw: from #1 > largest weight, raw: from }}",
        ['docs/scaled_dot_product.md:{line}: the text says "falls" (>) but the binding states < '
         "in text order"]),
    "a negation written before a word binding, outside it": (
        "docs/padding.md", "the `nan` of the pad row\n{{ reaches the gradients",
        "the `nan` of the pad row never\n{{ reaches the gradients",
        ['"never" before {{ reaches the gradients = MultiheadAttention, NaN in the gradients: }} '
         "turns its words around, unchecked: put it inside the literal"]),
    "an antonym beside a printed True": (
        "docs/padding.md",
        "{{ reaches the gradients = MultiheadAttention, NaN in the gradients: }}",
        "{{ keeps the gradients finite = MultiheadAttention, NaN in the gradients: }}",
        ['docs/padding.md:{line}: the text says "keeps the gradients finite" (negative) but '
         "snippets/padding/fully_masked_row_gradients.out prints True"]),
    "a digit in words beside a printed True": (
        "docs/padding.md",
        "{{ reaches the gradients = MultiheadAttention, NaN in the gradients: }}",
        "{{ reaches layer 1 = MultiheadAttention, NaN in the gradients: }}",
        ["docs/padding.md:{line}: {{ reaches layer 1 = MultiheadAttention, NaN in the "
         "gradients: }}: snippets/padding/fully_masked_row_gradients.out prints words after "
         '"MultiheadAttention, NaN in the gradients:" ("True"), not the number the literal '
         "quotes"]),
    "a result word inside a number binding's literal": (
        "docs/causal_masks.md", "{{ -65504 = float16 finfo.min: }}",
        "{{ -65504, the largest = float16 finfo.min: }}",
        ['docs/causal_masks.md:{line}: "largest" states a result beside bound values but is not '
         "bound"]),
    "a free comparison in a sentence whose only binding is an assert": (
        "docs/causal_masks.md", "the future gets no weight at all, not even a",
        "the future gets weights smaller than the past's, not even a",
        ['docs/causal_masks.md:{line}: "smaller" states a result beside bound values but is not '
         "bound"]),
    "an assert literal's bound turned around": (
        "docs/cross_attention.md", "({{ both asserted below $10^{-15}$ =",
        "({{ both asserted above $10^{-15}$ =",
        ['docs/cross_attention.md:{line}: "above" states a result beside bound values but is not '
         "bound"]),
    "a relation that compares a value with itself": (
        "docs/scaled_dot_product.md", "{{ the same = scores[0][0] == scores[0][2] }}",
        "{{ the same = scores[0][0] == scores[0][0] }}",
        ["docs/scaled_dot_product.md:{line}: {{ the same = scores[0][0] == scores[0][0] }} "
         "compares scores[0][0] with itself"]),
    "a superlative over an empty slice": (
        "docs/scaled_dot_product.md", "{{ the largest of the matrix = weights[2][2] == max(weights) }}",
        "{{ the largest of the matrix = weights[2][2] == max(weights[2][3:]) }}",
        ["takes the max of no values"]),
    "a malformed relation": (
        "docs/scaled_dot_product.md", "{{ climbs = largest weight, raw: from < largest weight, raw: from #1 }}",
        "{{ climbs = largest weight, raw: from < }}",
        ["docs/scaled_dot_product.md:{line}: {{ climbs = largest weight, raw: from < }} is neither "
         "a relation nor a label: write {{ words = OPERAND OP OPERAND }}"]),
    "a sign word left free": (
        "docs/causal_masks.md", "its weight on itself is {{ 1 = weights[0][0] }};",
        "its weight on itself is {{ 1 = weights[0][0] }}, a positive number;",
        ['docs/causal_masks.md:{line}: "positive" states a result beside bound values but is not '
         "bound"]),
    "a citation in the (year, section) form with both changed": (
        "docs/multi_head.md", "Vaswani et al. (2017, §3.2.2) give this as the reason",
        "Vaswani et al. (2016, §9) give this as the reason",
        ["docs/multi_head.md:{line}: cites Vaswani et al. (2016) but the page's References have "
         "no entry by Vaswani from 2016"]),
    "a section cited in (year, section) form that the entry does not name": (
        "docs/multi_head.md", "Vaswani et al. (2017, §3.2.2) give this as the reason",
        "Vaswani et al. (2017, §9) give this as the reason",
        ["docs/multi_head.md:{line}: cites §9 of Vaswani et al. (2017), but its entry in the "
         "References does not name §9"]),
}


def all_page_problems(layout) -> str:
    """Everything the page checks say, numbers included (a digit makes a number binding)."""
    return "\n".join(str(p) for page in layout.pages()
                     for p in word_problems(layout, page) + citation_problems(layout, page)
                     + page_problems(layout, page))


@pytest.mark.parametrize("case", PLANTED)
def test_a_planted_wrong_word_fails_naming_the_page_the_line_and_what_holds(case, tmp_path):
    name, old, new, messages = PLANTED[case]
    copy = copy_repo(tmp_path)
    replace_once(copy.root / name, old, new)
    text = (copy.root / name).read_text(encoding="utf-8")
    line = text[:text.index(new)].count("\n") + 1 if new else 0
    found = all_page_problems(copy)
    for message in (m.replace("{line}", str(line)) for m in messages):
        assert message in found, f"expected\n  {message}\nin\n{found}"


def test_the_planted_edits_still_match_the_files():
    """Each planted case edits text that is there today, so none of them passes vacuously."""
    for case, (name, old, _, _) in PLANTED.items():
        text = (LAYOUT.root / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"planted case {case!r}: {old!r} is no longer in {name}"


def test_the_nearest_binding_says_a_word_in_its_label_not_its_snippets_name():
    from verified_lessons.claims import said_by_nearest
    from verified_lessons.syntax import binds

    named = binds("{{ 0.5 = padding_left_causal: rows }}")[0]
    labelled = binds("{{ 0.5 = left rows: }}")[0]
    assert not said_by_nearest("left", 0, [(10, named)])
    assert said_by_nearest("left", 0, [(10, labelled)])
    assert said_by_nearest("largest", 0, [(10, binds("{{ 0.1 = max abs difference: }}")[0])])
