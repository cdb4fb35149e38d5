"""Every number a page shows is bound to the output that printed it, or declared not a result.

The check is verified_lessons.numbers; the syntax, `{{ 0.248 = attention_weights: weights[1][1] }}`,
is explained in the README ("Add a snippet"). With --update-outputs, literals whose output
changed are rewritten to what the output prints now.
"""

from __future__ import annotations

import re

import warnings

import pytest

from verified_lessons.layout import LAYOUT, copy_repo, expand, replace_once
from verified_lessons.numbers import page_problems, rewrite_binds, unused_declarations
from verified_lessons.verify import UpdateWritten

PAGES = LAYOUT.pages()


@pytest.mark.parametrize("page", PAGES, ids=LAYOUT.page_id)
def test_every_number_on_the_page_is_bound_to_its_output_or_declared(page, layout, update_outputs):
    if update_outputs:
        changed = rewrite_binds(layout, page)
        if changed:   # listed in pytest's warnings summary: what update mode wrote
            warnings.warn(UpdateWritten(f"--update-outputs rewrote {changed} bound number(s) "
                                        f"in {layout.rel(page)}"))
    problems = page_problems(layout, page)
    assert not problems, (f"{len(problems)} number(s) on {layout.rel(page)} do not hold:\n"
                          + "\n".join(f"- {p}" for p in problems))


def test_every_declared_non_result_covers_a_number(layout):
    problems = unused_declarations(layout)
    assert not problems, "\n".join(problems)



# Careless edits an author makes, planted one at a time in a copy of the repository, with the
# page, the edit, and what the check must say. A test below keeps the planted text current.
PLANTED = {
    "two printed numbers swapped": (
        "five_token_walkthrough.md",
        "({{ 0.262 = weights[2][2] }} and {{ 0.219 = weights[3][3] }})",
        "({{ 0.219 = weights[2][2] }} and {{ 0.262 = weights[3][3] }})",
        ["docs/five_token_walkthrough.md:{line}: the text says 0.219 but "
         "snippets/five_token_walkthrough/attention_weights.out at \"weights\"[2][2] prints 0.262.",
         "docs/five_token_walkthrough.md:{line}: the text says 0.262 but "
         "snippets/five_token_walkthrough/attention_weights.out at \"weights\"[3][3] prints 0.219."],
    ),
    "a sign dropped": (
        "causal_masks.md",
        "{{ -65504 = float16 finfo.min: }}",
        "{{ 65504 = float16 finfo.min: }}",
        ["docs/causal_masks.md:{line}: the text says 65504 but "
         "snippets/causal_masks/inf_vs_large_negative.out at \"float16 finfo.min:\" prints -65504."],
    ),
    "a sign added with the minus sign a reader sees": (
        "five_token_walkthrough.md",
        "({{ 0.248 = weights[1][1] }}), and",
        "({{ \u22120.248 = weights[1][1] }}), and",
        ["docs/five_token_walkthrough.md:{line}: the text says \u22120.248 but "
         "snippets/five_token_walkthrough/attention_weights.out at \"weights\"[1][1] prints 0.248."],
    ),
    "a wrong integer shape": (
        "multi_head.md",
        "{{ (24, 8) = mha_by_hand: in_proj_weight }}",
        "{{ (8, 24) = mha_by_hand: in_proj_weight }}",
        ["docs/multi_head.md:{line}: the text says (8, 24) but snippets/multi_head/mha_by_hand.out at "
         "\"in_proj_weight\" prints (24, 8): at [0] the text says 8, the output 24."],
    ),
    "an entry of a generated matrix changed": (
        "five_token_walkthrough.md",
        "1.1 & 0.4 & 0.7",
        "1.2 & 0.4 & 0.7",
        ["docs/five_token_walkthrough.md:{line}: the text says 1.2 at [3][0] but "
         "snippets/five_token_walkthrough/attention_weights.out at \"X\" prints 1.1 there "
         "(all of it: [[1.0, 0.5, 0.2], [0.8, 1.2, 0.3], [0.6, 0.9, 1.1], [1.1, 0.4, 0.7], "
         "[0.9, 0.7, 0.8]])."],
    ),
    "a number typed without a binding": (
        "reading_weights.md",
        "{{ 0.506 = |weight x value| #1 }}",
        "0.506",
        ["docs/reading_weights.md:{line}: 0.506 is not bound to the output that printed it (printed by "
         "weight_vs_contribution line 2): write {{ 0.506 = <snippet>: <label>[i] }}, or, if it is "
         "not a result, declare it in docs/not_results.toml with the reason"],
    ),
    "a reference to a value no output prints": (
        "why_attention.md",
        "{{ 19.358 = answer }}",
        "{{ 19.358 = answer to everything }}",
        ["docs/why_attention.md:{line}: {{ 19.358 = answer to everything }} refers to a value no "
         "output prints: snippets/why_attention/soft_lookup.out never prints the label "
         "\"answer to everything\""],
    ),
    "a reference to an output the page does not include": (
        "why_attention.md",
        "{{ 19.358 = answer }}",
        "{{ 19.358 = attention_weights: weights[0][0] }}",
        ["docs/why_attention.md:{line}: {{ 19.358 = attention_weights: weights[0][0] }} refers to a "
         "value no output prints: no output named attention_weights is included on this page "
         "(its outputs: soft_lookup)"],
    ),
    "a malformed reference": (
        "why_attention.md",
        "{{ 19.358 = answer }}",
        "{{ 19.358 }}",
        ["docs/why_attention.md:{line}: malformed binding {{ 19.358 }}: write {{ <number as printed> "
         "= <snippet>: <label>[i][j] }}"],
    ),
    "an ambiguous label": (
        "exercises.md",
        "{{ 0.248 = query 1 -> token 2: #1 }}",
        "{{ 0.248 = token 2: #1 }}",
        ["docs/exercises.md:{line}: {{ 0.248 = token 2: #1 }} refers to a value no output "
         "prints: the label \"token 2:\" occurs 2 times in "
         "snippets/exercises/changed_third_token.out (lines ",
         "): use a longer label that occurs once"],
    ),
}


@pytest.mark.parametrize("case", PLANTED)
def test_a_planted_misquote_fails_naming_page_line_text_and_output(case, tmp_path):
    page_name, old, new, messages = PLANTED[case]
    copy = copy_repo(tmp_path)
    page = copy.docs / page_name
    replace_once(page, old, new)
    text = page.read_text(encoding="utf-8")
    line = text[:text.index(new)].count("\n") + 1
    found = "\n".join(str(p) for p in page_problems(copy, page))
    for message in (m.replace("{line}", str(line)) for m in messages):
        assert message in found, f"expected\n  {message}\nin\n{found}"


def test_a_stale_quote_after_an_output_changed_fails_and_update_mode_rewrites_it(tmp_path):
    copy = copy_repo(tmp_path)
    page = copy.docs / "why_attention.md"
    replace_once(copy.snippets / "why_attention" / "soft_lookup.out", "19.358", "19.359")
    text = page.read_text(encoding="utf-8")
    line = text[:text.index("{{ 19.358")].count("\n") + 1
    found = "\n".join(str(p) for p in page_problems(copy, page))
    assert (f"docs/why_attention.md:{line}: the text says 19.358 but "
            "snippets/why_attention/soft_lookup.out at \"answer\" prints 19.359.") in found
    assert rewrite_binds(copy, page) == 1
    assert "{{ 19.359 = answer }}" in page.read_text(encoding="utf-8")
    assert page_problems(copy, page) == []


def test_an_unused_declaration_fails_naming_the_entry(tmp_path):
    copy = copy_repo(tmp_path)
    with copy.not_results.open("a", encoding="utf-8") as toml:
        toml.write('\n["index.md"]\n"42 reasons" = "a phrase no longer on the page"\n')
    assert unused_declarations(copy) == [
        'docs/not_results.toml: ["index.md"] "42 reasons" covers no number on docs/index.md that '
        "needs it: remove it or fix the phrase"]


def test_the_planted_edits_still_match_the_pages():
    """Each planted case edits text that is on its page today, so none of them passes vacuously."""
    for case, (page_name, old, _, _) in PLANTED.items():
        text = (LAYOUT.docs / page_name).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"planted case {case!r}: {old!r} is no longer on {page_name}"


def test_no_page_shows_the_wrong_row_as_a_result(layout):
    """The source's [2.2, 3.2] for row 0 of weights @ V is wrong; it may only appear as refuted."""
    from verified_lessons.syntax import render_binds

    wrong = re.compile(r"2\.20*\D{1,3}3\.20*")
    refuted = ("False", "widely copied", "claimed")  # a printed refutation, the warning, the code
    for page in layout.pages():
        for line in render_binds(expand(page, layout)).splitlines():
            if wrong.search(line):
                assert any(word in line for word in refuted), (
                    f"{layout.rel(page)} shows [2.2, 3.2] without saying it is wrong: {line!r}"
                )


def test_a_negative_zero_is_not_a_zero():
    from verified_lessons.outputs import same

    assert same("0.50", ".5") and same("\u22120.25", "-0.25") and same("1.", "1")
    assert not same("-0.", "0") and not same("0.25", "-0.25") and not same("-inf", "inf")


def test_a_page_declaration_that_a_general_pattern_already_covers_is_stale(tmp_path):
    """A year already covered by the [everywhere] citation pattern needs no entry of its own."""
    copy = copy_repo(tmp_path)
    text = copy.not_results.read_text(encoding="utf-8")
    header = '["multi_head.md"]\n'
    assert header in text
    copy.not_results.write_text(text.replace(
        header, header + '"Michel et al. (2019)" = "the year of a cited publication"\n', 1),
        encoding="utf-8")
    assert unused_declarations(copy) == [
        'docs/not_results.toml: ["multi_head.md"] "Michel et al. (2019)" covers no number on '
        "docs/multi_head.md that needs it: remove it or fix the phrase"]
