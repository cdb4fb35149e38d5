"""NumPy and PyTorch tabs cannot silently disagree (verified_lessons.tabs): both are run,
isolated like every snippet, and must print exactly the same text."""

from __future__ import annotations

import pytest

from verified_lessons.layout import LAYOUT
from verified_lessons.runner import ForkRunner
from verified_lessons.tabs import disagreement, tab_of, tab_pairs, unpaired

PAIRS = tab_pairs(LAYOUT)


def test_every_tab_snippet_has_its_twin(layout):
    problems = unpaired(layout)
    assert not problems, "\n".join(problems)


def test_the_core_labs_have_tabs():
    lessons = {n.parent.name for n, _ in PAIRS}
    core = {"scaled_dot_product", "qkv_projections", "weighted_values", "five_token_walkthrough",
            "causal_masks"}
    assert core <= lessons, f"no NumPy/PyTorch pair yet for: {sorted(core - lessons)}"


@pytest.mark.parametrize("numpy_snippet, torch_snippet", PAIRS,
                         ids=[n.relative_to(LAYOUT.snippets).as_posix().removesuffix("_numpy.py")
                              for n, _ in PAIRS])
def test_numpy_and_pytorch_tabs_print_the_same(numpy_snippet, torch_snippet, layout, run_snippet):
    numpy_tabs, torch_tabs = tab_of(layout, numpy_snippet), tab_of(layout, torch_snippet)
    assert numpy_tabs and set(numpy_tabs.values()) == {"NumPy"}, (
        f"{layout.rel(numpy_snippet)} must be shown in a 'NumPy' tab (found: {numpy_tabs})")
    assert torch_tabs and set(torch_tabs.values()) == {"PyTorch"}, (
        f"{layout.rel(torch_snippet)} must be shown in a 'PyTorch' tab (found: {torch_tabs})")
    assert numpy_tabs.keys() == torch_tabs.keys(), "the two tabs must be on the same page(s)"
    problem = disagreement(layout, run_snippet(numpy_snippet)[0], run_snippet(torch_snippet)[0])
    assert problem is None, problem


def test_a_pytorch_tab_changed_to_print_another_number_is_caught(tmp_path):
    """Proof on a temp copy that the comparison can fail."""
    numpy_snippet, torch_snippet = next(p for p in PAIRS if "causal_mask_3x3" in p[0].name)
    changed = tmp_path / torch_snippet.name
    code = torch_snippet.read_text()
    assert "[1.2, 2.1, 0.7]" in code
    changed.write_text(code.replace("[1.2, 2.1, 0.7]", "[1.2, 2.2, 0.7]"))
    runner = ForkRunner()
    problem = disagreement(LAYOUT, runner.run(numpy_snippet), runner.run(changed))
    assert problem and "print different results" in problem
    assert "- [0.289 0.711 0.   ]" in problem and "+ [0.269 0.731 0.   ]" in problem
