"""Structure no single page check sees (verified_lessons.crosschecks), each check proven able
to fail on a planted case: the home page's learning path is the nav, a lesson has one title,
declared settings are in their snippet's code, each exercise binds an assert of its solution,
and every $$ block is rendered as a display formula (on the real build: tests/test_build.py)."""

from __future__ import annotations

import pytest

from verified_lessons import crosschecks
from verified_lessons.layout import LAYOUT, copy_repo, replace_once


def test_the_learning_path_is_the_nav_with_each_lessons_own_title(layout):
    problems = crosschecks.path_problems(layout)
    assert not problems, "\n".join(problems)


def test_every_lesson_opens_with_what_it_assumes_and_what_it_teaches(layout):
    problems = crosschecks.opening_problems(layout)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", LAYOUT.pages(), ids=LAYOUT.page_id)
def test_each_exercise_binds_an_assert_of_its_own_solution(page, layout):
    problems = crosschecks.exercise_problems(layout, page)
    assert not problems, "\n".join(problems)



def _drop_path_item(copy):
    home = copy.docs / "index.md"
    lines = home.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, l in enumerate(lines) if "](trained_attention.md)" in l)
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    home.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


def _swap_path_items(copy):
    home = copy.docs / "index.md"
    text = home.read_text(encoding="utf-8")
    text = text.replace("](common_mistakes.md)", "](PLACEHOLDER)")
    text = text.replace("](reading_weights.md)", "](common_mistakes.md)")
    text = text.replace("](PLACEHOLDER)", "](reading_weights.md)")
    home.write_text(text, encoding="utf-8")


PLANTED_PATH = {
    "a lesson left out of the home page's path": (
        _drop_path_item, "docs/index.md: the learning path is not the nav: it leaves out "
                         "trained_attention.md"),
    "two lessons swapped on the path": (
        _swap_path_items, "docs/index.md: the learning path is not the nav: its order differs "
                          "from the nav's"),
    "a lesson listed under another part on the path": (
        lambda copy: replace_once(copy.docs / "index.md", "### Attention in real models\n\n8. [Word",
                                  "8. [Word"),
        "docs/index.md: the learning path's parts (### headings) are not the nav's"),
    "a nav title that is not the page's title": (
        lambda copy: replace_once(copy.mkdocs_yml, "  - Causal masks: causal_masks.md",
                                  "  - Causal masking: causal_masks.md"),
        'mkdocs.yml: the nav calls docs/causal_masks.md "Causal masking" but its title is '
        '"Causal masks"'),
}


@pytest.mark.parametrize("case", PLANTED_PATH)
def test_a_planted_path_or_title_defect_fails(case, tmp_path):
    plant, message = PLANTED_PATH[case]
    copy = copy_repo(tmp_path)
    plant(copy)
    found = "\n".join(crosschecks.path_problems(copy))
    assert message in found, f"expected\n  {message}\nin\n{found}"


def test_a_declared_setting_the_code_does_not_use_fails(tmp_path):
    copy = copy_repo(tmp_path)
    snippet = copy.snippets / "causal_masks" / "causal_mask_3x3_numpy.py"
    replace_once(snippet, "scores = np.array([[2.0, 1.0, 0.5],\n                   [1.2, 2.1, 0.7],\n"
                          "                   [0.8, 1.3, 2.2]])",
                 "scores = np.array([[2.0, 1.0],\n                   [1.2, 2.1]])")
    replace_once(copy.not_results, '"3 positions" = { reason', '"4 positions" = { reason')
    found = "\n".join(crosschecks.setting_problems(copy))
    assert ('docs/not_results.toml: ["causal_masks.md"] "4 positions" is declared as set in '
            "snippets/causal_masks/causal_mask_3x3_numpy.py, but its code never writes 4") in found


def test_a_setting_said_to_be_chosen_in_code_must_name_its_snippet(tmp_path):
    copy = copy_repo(tmp_path)
    replace_once(copy.not_results,
                 '"3 positions" = { reason = "the size of the lab\'s input, chosen in its code", '
                 'snippet = "causal_masks/causal_mask_3x3_numpy.py" }',
                 '"3 positions" = "the size of the lab\'s input, chosen in its code"')
    found = "\n".join(crosschecks.setting_problems(copy))
    assert ('["causal_masks.md"] "3 positions" says the code sets it ("the size of the lab\'s '
            "input, chosen in its code\") but names no snippet") in found


def test_an_exercise_whose_question_binds_no_assert_fails(tmp_path):
    copy = copy_repo(tmp_path)
    page = copy.docs / "exercises.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("### Change token 2")
    question = text[start:text.index('??? success "Solution"', start)]
    from verified_lessons.syntax import render_binds
    replace_once(page, question, render_binds(question))
    found = "\n".join(crosschecks.exercise_problems(copy, page))
    assert 'docs/exercises.md:' in found and 'the exercise "Change token 2' in found and \
        "does not bind what it asks to an assert of its solution" in found, found


def test_display_math_rendered_inline_fails():
    markdown = "Text.\n\n$$\nx = 1\n$$\n\nMore $y$.\n"
    shown = '<span class="katex-display"><span class="katex">x=1</span></span>'
    assert crosschecks.display_math_problems("p.md", markdown, shown) == []
    inline = '<span class="katex">x=1</span>'
    assert crosschecks.display_math_problems("p.md", markdown, inline) == [
        "docs/p.md: 1 display formula(s) ($$ ... $$) on the page, but the built page shows 0 as "
        "display math: a formula meant to stand on its own line is rendered inline (or one is "
        "rendered twice)"]


def test_a_declarations_file_that_is_not_toml_fails_naming_it(tmp_path):
    from verified_lessons.numbers import DeclarationError, Declarations

    copy = copy_repo(tmp_path)
    good = copy.not_results.read_text(encoding="utf-8")
    copy.not_results.write_text(good + '\n["padding.md"]\n', encoding="utf-8")  # a table twice
    with pytest.raises(DeclarationError, match=r"not_results.toml: not valid TOML"):
        Declarations.load(copy.not_results)
    copy.not_results.write_text(good.rstrip() + '\n"x" = 3\n', encoding="utf-8")
    with pytest.raises(DeclarationError, match=r'"x": write a reason'):
        Declarations.load(copy.not_results)
    # a page's words declared straight under [words], as a reason instead of a table
    copy.not_results.write_text(good.replace('[words."index.md"]\n', '[words]\n"index.md" = "x"\n')
                                if '[words."index.md"]\n' in good else good, encoding="utf-8")
    with pytest.raises(DeclarationError, match=r'docs/not_results.toml \[words."index.md"\] must be '
                                               r'a table'):
        Declarations.load(copy.not_results)


def test_an_untitled_or_outside_nav_entry_is_no_problem_and_a_missing_page_is(tmp_path):
    copy = copy_repo(tmp_path)
    replace_once(copy.mkdocs_yml, "  - Causal masks: causal_masks.md", "  - causal_masks.md\n"
                 "      - PyTorch: https://pytorch.org/\n      - Gone: gone.md")
    found = crosschecks.path_problems(copy)
    assert found[0] == "mkdocs.yml: the nav lists docs/gone.md, which does not exist"
    assert not any("calls docs/causal_masks.md" in p or "pytorch.org" in p for p in found), found


PLANTED_OPENING = {
    "a lesson without its opening": (
        lambda copy: replace_once(copy.docs / "kv_cache.md", '!!! abstract "In this lesson"',
                                  '!!! note "In this lesson"'),
        "docs/kv_cache.md: the lesson does not open with what it assumes"),
    "an opening without its outcomes": (
        lambda copy: replace_once(copy.docs / "padding.md", "- **You will be able to:**",
                                  "- **You will learn:**"),
        "docs/padding.md: the lesson does not open with what it assumes"),
    "a prerequisite that comes later": (
        lambda copy: replace_once(copy.docs / "causal_masks.md",
                                  "- **You need:** [Scaled dot-product attention by hand]"
                                  "(scaled_dot_product.md)",
                                  "- **You need:** [Padding](padding.md#a-row-with-nothing-to-attend-to)"),
        'docs/causal_masks.md: "You need" names padding.md, which comes after it'),
}


@pytest.mark.parametrize("case", PLANTED_OPENING)
def test_a_planted_opening_defect_fails(case, tmp_path):
    plant, message = PLANTED_OPENING[case]
    copy = copy_repo(tmp_path)
    assert crosschecks.opening_problems(copy) == []
    plant(copy)
    found = "\n".join(crosschecks.opening_problems(copy))
    assert message in found, f"expected\n  {message}\nin\n{found}"


def test_every_abbreviation_a_page_uses_is_in_the_glossary(layout):
    problems = crosschecks.abbreviation_problems(layout)
    assert not problems, "\n".join(problems)


def test_an_undefined_or_unused_abbreviation_fails(tmp_path):
    copy = copy_repo(tmp_path)
    assert crosschecks.abbreviation_problems(copy) == []
    replace_once(copy.docs / "kv_cache.md", "### What sharing saves",
                 "### What sharing saves\n\nThe XYZ of a cache, and its `ABC` in code.")
    glossary = copy.root / crosschecks.GLOSSARY
    glossary.write_text(glossary.read_text(encoding="utf-8") + "*[ZZQ]: never used\n",
                        encoding="utf-8")
    found = crosschecks.abbreviation_problems(copy)
    assert found == [
        "docs/kv_cache.md uses the abbreviation XYZ, which includes/abbreviations.md does not "
        "define: add *[XYZ]: what it stands for",
        "includes/abbreviations.md defines ZZQ, which no page uses: remove it"], found


def test_the_glossary_is_shown_as_tooltips_on_the_built_page(built_site):
    html = (built_site / "kv_cache" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="grouped-query attention: groups of query heads share one key and ' \
           'value head">GQA</abbr>' in html


def test_each_next_link_names_the_next_lesson_by_its_title(layout):
    problems = crosschecks.next_link_problems(layout)
    assert not problems, "\n".join(problems)


PLANTED_NEXT = {
    "a lesson named another way": (
        "docs/padding.md", "Next: [cross-attention: one sequence reads another](cross_attention.md)",
        "Next: [cross-attention](cross_attention.md)",
        'docs/padding.md: "Next:" calls cross_attention.md "cross-attention" but its title is '
        '"Cross-attention: one sequence reads another"'),
    "a link past the next lesson": (
        "docs/causal_masks.md", "Next: [multi-head attention](multi_head.md)",
        "Next: [word order and position encodings](position.md)",
        'docs/causal_masks.md: "Next:" leads to position.md, but the lesson after it in the nav '
        "is multi_head.md"),
    "no way on": (
        "docs/tiled_attention.md", "Next: [attention in a model we train](trained_attention.md).",
        "", 'docs/tiled_attention.md has no "Next: [...](...)" line leading to '
            "trained_attention.md"),
}


def planted_problems(tmp_path, page, old, new, check) -> str:
    """What `check` says of a copy of the repository with one edit planted in `page`."""
    copy = copy_repo(tmp_path)
    replace_once(copy.root / page, old, new)
    return "\n".join(check(copy))


@pytest.mark.parametrize("case", PLANTED_NEXT)
def test_a_planted_next_link_defect_fails(case, tmp_path):
    page, old, new, message = PLANTED_NEXT[case]
    found = planted_problems(tmp_path, page, old, new, crosschecks.next_link_problems)
    assert message in found, f"expected\n  {message}\nin\n{found}"


def test_every_link_that_names_a_lesson_uses_its_title(layout):
    problems = crosschecks.link_name_problems(layout)
    assert not problems, "\n".join(problems)


PLANTED_LINK_NAMES = {
    "a short name in a reference": (
        "docs/index.md", "([Padding: batches of different lengths](padding.md))",
        "([Padding](padding.md))",
        'a link calls padding.md "Padding" but its title is "Padding: batches of different '
        'lengths"'),
    "another capitalised name in running text": (
        "docs/why_attention.md", "[Word order and position encodings](position.md)",
        "[Positions](position.md)",
        'a link calls position.md "Positions" but its title is "Word order and position '
        'encodings"'),
}


@pytest.mark.parametrize("case", PLANTED_LINK_NAMES)
def test_a_planted_lesson_name_defect_fails(case, tmp_path):
    page, old, new, message = PLANTED_LINK_NAMES[case]
    found = planted_problems(tmp_path, page, old, new, crosschecks.link_name_problems)
    assert message in found, f"expected\n  {message}\nin\n{found}"


def test_a_lower_case_link_in_running_text_may_describe_the_lesson(tmp_path):
    copy = copy_repo(tmp_path)
    replace_once(copy.root / "docs/why_attention.md",
                 "[Word order and position encodings](position.md)",
                 "[the position lesson](position.md)")
    assert crosschecks.link_name_problems(copy) == []
