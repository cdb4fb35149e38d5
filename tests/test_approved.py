"""Re-recording cannot silently change what a page means (verified_lessons.approved).

Every assert of every snippet, and the sign and in-row rank of every bound single number, are
recorded in docs/approved.toml by an explicit step, `bash scripts/approve`, whose diff a
reviewer reads. `--update-outputs` never writes that file, so a removed assert, a loosened
tolerance, a retargeted comparison or a "largest" weight that is no longer the largest fails
here until someone approves it.
"""

from __future__ import annotations

import re

import pytest

from verified_lessons import approved
from verified_lessons.layout import LAYOUT, copy_repo, replace_once
from verified_lessons.numbers import rewrite_binds
from verified_lessons.runner import ForkRunner

SNIPPETS = [p.relative_to(LAYOUT.snippets).as_posix() for p in LAYOUT.snippet_files()]


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_every_assert_of_the_snippet_is_approved(snippet, layout):
    problems = approved.assert_problems(layout, snippet)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", LAYOUT.pages(), ids=LAYOUT.page_id)
def test_what_each_bound_number_means_is_approved(page, layout):
    problems = approved.meaning_problems(layout, page)
    assert not problems, "\n".join(problems)


def test_no_approved_snippet_or_page_is_gone(layout):
    assert not approved.stale_entries(layout)



# Asserts weakened by a hurried author: (snippet, text there today, the edit, the message).
WEAKENED = {
    "an assert removed": (
        "causal_masks/causal_mask_4x4.py",
        'assert weights[0, 0] == 1.0, "the first position sees only itself"\n',
        "",
        "snippets/causal_masks/causal_mask_4x4.py: an approved assert was removed: "
        "`assert weights[0, 0] == 1.0, 'the first position sees only itself'`",
    ),
    "a tolerance loosened": (
        "causal_masks/torch_causal_mask.py",
        "agree = {name: gap < 1e-12 for name, gap in gaps.items()}",
        "agree = {name: gap < 1e-3 for name, gap in gaps.items()}",
        "snippets/causal_masks/torch_causal_mask.py: an approved assert changed: ",
    ),
    "a comparison retargeted": (
        "causal_masks/causal_mask_4x4.py",
        "assert np.all(weights[~visible] == 0)",
        "assert np.all(weights[visible] >= 0)",
        "snippets/causal_masks/causal_mask_4x4.py: an approved assert changed: "
        "`assert np.all(weights[~visible] == 0), 'no weight on the future'` is now "
        "`assert np.all(weights[visible] >= 0), 'no weight on the future'`",
    ),
    "an assert added without review": (
        "causal_masks/causal_mask_4x4.py",
        "print(\"scores\")\n",
        "assert scores.shape == (4, 4)\nprint(\"scores\")\n",
        "snippets/causal_masks/causal_mask_4x4.py: the assert `assert scores.shape == (4, 4)` "
        "is not approved yet: run bash scripts/approve",
    ),
}


@pytest.mark.parametrize("case", WEAKENED)
def test_a_weakened_assert_fails_until_approved(case, tmp_path):
    snippet, old, new, message = WEAKENED[case]
    copy = copy_repo(tmp_path)
    replace_once(copy.snippets / snippet, old, new)
    found = "\n".join(approved.assert_problems(copy, snippet))
    assert message in found, f"expected\n  {message}\nin\n{found}"
    # the explicit step approves it, and says what it approved
    changes = approved.approve(copy)
    assert any(snippet in c for c in changes), changes
    assert approved.assert_problems(copy, snippet) == []


def test_re_recording_cannot_turn_a_largest_weight_into_a_smaller_one_silently(tmp_path):
    """The whole careless sequence: an input changed, the asserts it broke "fixed" by deleting
    them, the output re-recorded, the bound literals rewritten by update mode. Every number on
    the page then matches its output, yet "the largest weight of the matrix" is no longer
    true. The approved asserts, the approved rank and the relation binding all say so, and
    update mode left docs/approved.toml alone."""
    from verified_lessons.claims import claim_problems

    copy = copy_repo(tmp_path)
    lock = approved.approved_path(copy).read_bytes()
    snippet = copy.snippets / "scaled_dot_product" / "self_attention_by_hand_torch.py"
    replace_once(snippet, "[1.0, 1.0]],  # token 2", "[0.5, 0.2]],  # token 2")
    runner = ForkRunner()
    for _ in range(10):   # delete each assert that fails, as a hurried author would
        run = runner.run(snippet)
        if run.ok:
            break
        failed = int(re.findall(r'snippets/scaled_dot_product/self_attention_by_hand_torch\.py", '
                                r"line (\d+)", run.stderr)[-1])
        lines = snippet.read_text(encoding="utf-8").splitlines(keepends=True)
        assert lines[failed - 1].startswith("assert"), run.stderr
        snippet.write_text("".join(lines[:failed - 1] + lines[failed:]), encoding="utf-8")
    assert run.ok, run.stderr
    snippet.with_suffix(".out").write_text(run.stdout, encoding="utf-8")
    page = copy.docs / "scaled_dot_product.md"
    assert rewrite_binds(copy, page) >= 1
    assert approved.approved_path(copy).read_bytes() == lock, "update mode wrote the lock"
    name = "scaled_dot_product/self_attention_by_hand_torch.py"
    found = "\n".join(approved.assert_problems(copy, name) + approved.meaning_problems(copy, page)
                      + [str(p) for p in claim_problems(copy, page)])
    for message in (
            f"snippets/{name}: an approved assert was removed: "
            "`assert weights[2, 2] == weights.max(), 'its own weight is the largest'`",
            'self_attention_by_hand_torch: "weights"[2][2] was positive, rank 1/3 in its row when '
            "approved, now positive, rank 2/3 in its row",
            'the text says "the largest weight of the matrix" but the printed values give',
            f"snippets/{name} has no assert with the message \"token 2 scores highest against itself\""):
        assert message in found, f"expected\n  {message}\nin\n{found}"


def test_a_sign_flip_after_re_recording_fails(tmp_path):
    copy = copy_repo(tmp_path)
    page = copy.docs / "causal_masks.md"
    replace_once(page, "{{ -65504 = float16 finfo.min: }}", "{{ 65504 = float16 finfo.min: }}")
    output = copy.snippets / "causal_masks" / "inf_vs_large_negative.out"
    replace_once(output, "float16 finfo.min: -65504", "float16 finfo.min: 65504")
    found = "\n".join(approved.meaning_problems(copy, page))
    assert "inf_vs_large_negative: \"float16 finfo.min:\" was negative when approved, now " \
           "positive" in found, found


def test_a_check_weakened_outside_its_assert_fails_until_approved(tmp_path):
    """The assert reads a flag a helper computes: gut the helper, or type the flag, and the
    assert's own text is unchanged, but the snippet's code fingerprint is not."""
    copy = copy_repo(tmp_path)
    name = "padding/fully_masked_row_gradients.py"
    snippet = copy.snippets / name
    text = snippet.read_text(encoding="utf-8")
    assert "mha_nan = gradient_has_nan(out)" in text
    snippet.write_text(text.replace("mha_nan = gradient_has_nan(out)", "mha_nan = True"),
                       encoding="utf-8")
    assert approved.assert_problems(copy, name) == [
        f"snippets/{name}: its code changed since it was approved (comments and layout aside), "
        "so what its asserts check may have changed with it. Read `git diff "
        f"snippets/{name}`; if every claim it backs still holds, run bash scripts/approve"]
    # a comment or a blank line is no change to what the code does
    snippet.write_text(text.replace("mha_nan = gradient_has_nan(out)",
                                    "mha_nan = gradient_has_nan(out)   # a note\n"),
                       encoding="utf-8")
    assert approved.assert_problems(copy, name) == []


def test_an_unreadable_lock_or_snippet_gives_a_clear_error_and_approve_rebuilds_the_lock(
        tmp_path, capsys):
    copy = copy_repo(tmp_path)
    lock = approved.approved_path(copy)
    lock.write_text('[asserts]\n"causal_masks/causal_mask_4x4.py" = "not a list"\n',
                    encoding="utf-8")
    assert approved.assert_problems(copy, "causal_masks/causal_mask_4x4.py") == [
        "docs/approved.toml: [asserts] must map each name to a list of strings: it is written "
        "by bash scripts/approve, which rebuilds it"]
    assert approved.main([str(copy.root)]) == 0
    assert approved.assert_problems(copy, "causal_masks/causal_mask_4x4.py") == []
    broken = copy.snippets / "causal_masks" / "causal_mask_4x4.py"
    broken.write_text(broken.read_text(encoding="utf-8") + "assert (\n", encoding="utf-8")
    message = ("snippets/causal_masks/causal_mask_4x4.py cannot be read as Python: run it to "
               "see why, and fix it before approving")
    assert approved.assert_problems(copy, "causal_masks/causal_mask_4x4.py") == [message]
    before = lock.read_bytes()
    assert approved.main([str(copy.root)]) == 1
    assert message in capsys.readouterr().err
    assert lock.read_bytes() == before, "an unreadable snippet was approved"


def test_approved_meanings_of_a_page_that_is_gone_are_reported(tmp_path):
    copy = copy_repo(tmp_path)
    (copy.docs / "why_attention.md").rename(copy.docs / "why.md")
    assert ("docs/why_attention.md has approved meanings in docs/approved.toml but does not "
            "exist: run bash scripts/approve") in approved.stale_entries(copy)
