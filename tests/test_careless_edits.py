"""Careless and hurried edits, each planted alone in a copy of the repository, are caught.

Each case is an edit an author might make to a page, a snippet or a declaration, of the kinds
that passed the whole suite before words were bound (a word turned into its opposite beside
right numbers, an API fact swapped, a citation changed, an assert weakened and re-recorded,
a comment or alt text that contradicts the code, structure nobody cross-checked). After the
edit, a case that changes a snippet re-records it as `--update-outputs` would (the snippet's
new output written, the numbers bound to it rewritten); then every check that reads pages,
snippets and declarations runs over the whole copy, and one of them must name the edit.

The checks run here are the suite's own (the words, numbers, citations, approved asserts and
meanings, cross-checks and the layout contract); the runs of snippets, the build and the
browser visits are left to the tests of their own, which these edits do not need.
"""

from __future__ import annotations

import ast
import re

import pytest

from verified_lessons import approved, crosschecks
from verified_lessons.citations import citation_problems
from verified_lessons.claims import claim_problems, unbound_words, unused_word_declarations
from verified_lessons.contract import RULES
from verified_lessons.layout import LAYOUT, copy_repo
from verified_lessons.numbers import page_problems, rewrite_binds, unused_declarations
from verified_lessons.runner import ForkRunner
from verified_lessons.syntax import render_binds

# (file, text there today, the edit, snippets to re-record after it, what a check must say)
EDITS = {
    "a superlative turned into its opposite": (
        "docs/five_token_walkthrough.md", "{{ the most weight = after == max(weights[1]) }}",
        "{{ the least weight = after == max(weights[1]) }}", [],
        'the text says "the least weight" but the binding states after == max(weights[1])'),
    "a relation and its words both turned around": (
        "docs/position.md", "{{ rises a little = after < after 2 }}",
        "{{ falls a little = after > after 2 }}", [],
        'the text says "falls a little" but the printed values give 5.543 > 5.56'),
    "'stay the same' beside an unchanged count said to change": (
        "docs/multi_head.md",
        "{{ stay the same = same output shape, averaged-weights shape and parameter count: }}",
        "{{ change = same output shape, averaged-weights shape and parameter count: }}", [],
        'the text says "change" (!=) but snippets/multi_head/heads_1_vs_2.out prints True'),
    "layer 0 and layer 1 swapped": (
        "docs/trained_attention.md", "- **Layer 0 looks back one step.**",
        "- **Layer 1 looks back one step.**", [],
        '"Layer 1" states a result beside bound values but is not bound'),
    "is_causal said to align bottom-right": (
        "docs/kv_cache.md", "**{{ top-left = sdpa_single_query: is_causal=True aligns: }}**",
        "**{{ bottom-right = sdpa_single_query: is_causal=True aligns: }}**", [],
        'the text says "bottom-right" but snippets/kv_cache/sdpa_single_query.out prints '
        '"top-left"'),
    "key_padding_mask's True said to mean attend": (
        "docs/causal_masks.md",
        "the key is padding: **{{ blocked = nn.MultiheadAttention, key_padding_mask: }}**",
        "the key is padding: **{{ attended = nn.MultiheadAttention, key_padding_mask: }}**", [],
        'the text says "attended" but snippets/causal_masks/mask_conventions.out prints '
        '"blocked"'),
    "kdim and vdim swapped": (
        "docs/cross_attention.md",
        "`kdim` the size of {{ the keys = mha_kdim_vdim: kdim is the size of: }} and\n"
        "`vdim` that of {{ the values = mha_kdim_vdim: vdim is the size of: }}",
        "`kdim` the size of {{ the values = mha_kdim_vdim: kdim is the size of: }} and\n"
        "`vdim` that of {{ the keys = mha_kdim_vdim: vdim is the size of: }}", [],
        'the text says "the values" but snippets/cross_attention/mha_kdim_vdim.out prints '
        '"the keys"'),
    "a mask table's True meanings swapped": (
        "docs/causal_masks.md",
        "the query **{{ may attend = F.scaled_dot_product_attention, attn_mask: }}** to the key",
        "the query **{{ may not attend = F.scaled_dot_product_attention, attn_mask: }}** to the key",
        [], 'the text says "may not attend" but snippets/causal_masks/mask_conventions.out '
            'prints "may attend"'),
    "a True fact said the other way": (
        "docs/padding.md",
        "{{ reaches the gradients = MultiheadAttention, NaN in the gradients: }}",
        "{{ does not reach the gradients = MultiheadAttention, NaN in the gradients: }}", [],
        'the text says "does not reach the gradients" (negative) but '
        "snippets/padding/fully_masked_row_gradients.out prints True"),
    "the constant of a relation changed in words only": (
        "docs/trained_attention.md",
        "{{ less than half the weight of BOS = letter 1 < BOS * 0.5 }}",
        "{{ less than a third of the weight of BOS = letter 1 < BOS * 0.5 }}", [],
        "with the constant(s)"),
    "an alt text's superlative turned around": (
        "docs/scaled_dot_product.md",
        "{{ the largest of the matrix = weights[2][2] == max(weights) }}",
        "{{ the smallest of the matrix = weights[2][2] == max(weights) }}", [],
        'the text says "the smallest of the matrix" but the binding states'),
    "a free comparison added beside bound numbers": (
        "docs/why_attention.md", "{{ 0.435 = weights[0] }}, but the",
        "{{ 0.435 = weights[0] }}, far higher than the others, but the", [],
        '"higher" states a result beside bound values but is not bound'),
    "'asserted' written bare": (
        "docs/weighted_values.md", "\n\n## ", " (asserted).\n\n## ", [],
        '"asserted" names no assert'),
    "an in-text citation's section changed": (
        "docs/scaled_dot_product.md", "(Vaswani et al. 2017, §3.2.1):",
        "(Vaswani et al. 2017, §3.2.4):", [],
        "cites §3.2.4 of Vaswani et al. 2017, but its entry in the References does not name "
        "§3.2.4"),
    "an in-text citation's year changed": (
        "docs/multi_head.md", "Michel et al. (2019) removed", "Michel et al. (2020) removed", [],
        "cites Michel et al. (2020) but the page's References have no entry by Michel from 2020"),
    "a reference's year changed under its citations": (
        "docs/reading_weights.md", "- Jain and Wallace (2019), *Attention is not Explanation*",
        "- Jain and Wallace (2018), *Attention is not Explanation*", [],
        "cites Jain and Wallace (2019) but the page's References have no entry by Jain from "
        "2019"),
    "an assert deleted while the page says it is asserted": (
        "snippets/common_mistakes/missing_mask_leak.py", None, None, [],
        "snippets/common_mistakes/missing_mask_leak.py has no assert with the message"),
    "a tolerance loosened so a bug passes": (
        "snippets/tiled_attention/online_softmax_numpy.py",
        'assert diff <= 1e-12, "tiled output equals the full one"',
        'assert diff <= 1e-3, "tiled output equals the full one"',
        ["tiled_attention/online_softmax_numpy.py"],
        "snippets/tiled_attention/online_softmax_numpy.py: an approved assert changed"),
    "an input changed, its failing asserts deleted, the output re-recorded": (
        "snippets/why_attention/soft_lookup.py",
        "query = np.array([1.0, 0.2])    # matches \"cat\" best",
        "query = np.array([0.2, 1.0])    # matches \"cat\" best",
        ["why_attention/soft_lookup.py"],
        "snippets/why_attention/soft_lookup.py: an approved assert was removed"),
    "a comment that contradicts the code": (
        "snippets/exercises/rnn_gradient_path.py", "# spectral norm |W| = 0.9",
        "# spectral norm |W| = 0.8", [],
        "snippets/exercises/rnn_gradient_path.py:20: the comment says 0.8, which the code never "
        "writes"),
    "a lesson dropped from the home page's path": (
        "docs/index.md", "9. [Padding: batches of different lengths](padding.md)",
        "9. Padding: batches of different lengths", [],
        "docs/index.md: the learning path is not the nav: it leaves out padding.md"),
    "a declared setting the code no longer uses": (
        "snippets/common_mistakes/forgot_scale.py", None, None, ["common_mistakes/forgot_scale.py"],
        "is declared as set in snippets/common_mistakes/forgot_scale.py, but its code never "
        "writes 512"),
    "an exercise's question no longer bound to its solution": (
        "docs/exercises.md", None, None, [],
        'the exercise "Change token 2" does not bind what it asks '
        "to an assert of its solution"),
    "a sign dropped": (
        "docs/trained_attention.md", "{{ -0.30 = after training, same letter: #1 }}",
        "{{ 0.30 = after training, same letter: #1 }}", [],
        "the text says 0.30 but snippets/trained_attention/learned_views.out at "
        "\"after training, same letter:\" #1 prints -0.30"),
}


def _plant_special(case: str, copy) -> None:
    """Edits that depend on the file's text in a way a fixed string cannot say."""
    if case == "an assert deleted while the page says it is asserted":
        path = copy.snippets / "common_mistakes" / "missing_mask_leak.py"
        delete_assert(path, lambda node: "positions 0 to 2 unchanged" in ast.unparse(node))
    elif case == "an exercise's question no longer bound to its solution":
        page = copy.docs / "exercises.md"
        text = page.read_text(encoding="utf-8")
        start = text.index("### Change token 2")
        end = text.index('??? success "Solution"', start)
        page.write_text(text[:start] + render_binds(text[start:end]) + text[end:],
                        encoding="utf-8")
    elif case == "a declared setting the code no longer uses":
        path = copy.snippets / "common_mistakes" / "forgot_scale.py"
        text = path.read_text(encoding="utf-8")
        assert re.search(r"\b512\b", text), "forgot_scale.py no longer writes 512"
        path.write_text(re.sub(r"\b512\b", "256", text), encoding="utf-8")


def delete_assert(path, which) -> None:
    """Delete the (first) assert statement for which which(node) holds, all its lines."""
    text = path.read_text(encoding="utf-8")
    node = next(n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Assert) and which(n))
    lines = text.splitlines(keepends=True)
    path.write_text("".join(lines[:node.lineno - 1] + lines[node.end_lineno:]), encoding="utf-8")


def rerecord(copy, snippets: list[str]) -> None:
    """What `--update-outputs` does after a snippet changed: its new output, then the numbers
    bound to it."""
    if not snippets:
        return   # the author changed no snippet and so re-recorded nothing
    runner = ForkRunner()
    for name in snippets:
        path = copy.snippets / name
        for _ in range(10):   # a hurried author deletes each assert that now fails
            run = runner.run(path)
            if run.ok:
                break
            failed = [int(n) for n in re.findall(
                rf'{re.escape(path.name)}", line (\d+)', run.stderr)]
            assert failed, run.stderr
            line = failed[-1]
            delete_assert(path, lambda node, line=line: node.lineno <= line <= node.end_lineno)
        assert run.ok, run.stderr
        path.with_suffix(".out").write_text(run.stdout, encoding="utf-8")
    for page in copy.pages():
        rewrite_binds(copy, page)


def everything_said(copy) -> str:
    found = []
    for page in copy.pages():
        found += [str(p) for p in page_problems(copy, page) + claim_problems(copy, page)
                  + unbound_words(copy, page) + citation_problems(copy, page)]
        found += approved.meaning_problems(copy, page)
    for snippet in copy.snippet_files():
        found += approved.assert_problems(copy, snippet.relative_to(copy.snippets).as_posix())
    found += unused_declarations(copy) + unused_word_declarations(copy)
    found += crosschecks.path_problems(copy) + crosschecks.setting_problems(copy)
    found += crosschecks.exercise_problems(copy, copy.docs / "exercises.md")
    for rule in RULES.values():
        found += rule(copy)
    return "\n".join(found)


@pytest.mark.parametrize("case", EDITS)
def test_a_careless_edit_is_caught(case, tmp_path):
    name, old, new, snippets, message = EDITS[case]
    copy = copy_repo(tmp_path)
    if old is None:
        _plant_special(case, copy)
    else:
        path = copy.root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1, f"{case}: {old!r} is no longer in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    rerecord(copy, snippets)
    found = everything_said(copy)
    assert found, f"{case}: nothing caught the edit of {name}"
    if message:
        assert message in found, f"{case}: expected\n  {message}\nin\n{found}"


def test_the_unedited_copy_is_clean(tmp_path):
    """So each case above is caught by its edit, not by something already wrong."""
    assert everything_said(copy_repo(tmp_path)) == ""


def test_the_planted_edits_still_match_the_files():
    for case, (name, old, *_rest) in EDITS.items():
        if old is not None:
            assert old in (LAYOUT.root / name).read_text(encoding="utf-8"), \
                f"planted case {case!r}: {old!r} is no longer in {name}"
