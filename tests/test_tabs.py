"""NumPy and PyTorch tabs cannot silently disagree.

A tab pair is snippets/<lesson>/<name>_numpy.py and <name>_torch.py. Both are run (isolated,
like every snippet) and must print exactly the same text; the page must show them as the
"NumPy" and "PyTorch" tabs of one tab set.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from lessons import LAYOUT, Layout
from snippet_runner import ForkRunner

TAB = re.compile(r'^(?P<indent>[ \t]*)===!?\+?\s+"(?P<label>[^"]+)"\s*$')


def tab_pairs(layout: Layout) -> list[tuple[Path, Path]]:
    return [(n, n.with_name(n.name.replace("_numpy.py", "_torch.py")))
            for n in layout.snippet_files() if n.name.endswith("_numpy.py")]


def unpaired(layout: Layout) -> list[str]:
    names = {p.name for p in layout.snippet_files()}
    problems = []
    for p in layout.snippet_files():
        for mine, other in (("_numpy.py", "_torch.py"), ("_torch.py", "_numpy.py")):
            if p.name.endswith(mine) and p.name.replace(mine, other) not in names:
                problems.append(f"{layout.rel(p)} has no {p.name.replace(mine, other)} twin")
    return problems


def tab_of(layout: Layout, snippet: Path) -> dict[str, str]:
    """{page: tab label} for each page that includes the snippet inside a content tab."""
    found = {}
    include = f'"{snippet.relative_to(layout.snippets).as_posix()}"'
    for page in layout.pages():
        label = None
        for line in page.read_text(encoding="utf-8").splitlines():
            m = TAB.match(line)
            if m:
                label = m["label"]
            elif line.strip() and not line.startswith((" ", "\t")):
                label = None  # an unindented line ends the tab set
            if include in line and "--8<--" in line and label:
                found[layout.rel(page)] = label
    return found


def disagreement(layout: Layout, numpy_run, torch_run) -> str | None:
    def name(path: Path) -> str:
        return layout.rel(path) if path.resolve().is_relative_to(layout.root) else str(path)

    for run in (numpy_run, torch_run):
        if not run.ok:
            return f"{name(run.path)} did not run cleanly:\n{run.stderr}"
    if numpy_run.stdout == torch_run.stdout:
        return None
    diff = "".join(difflib.unified_diff(
        numpy_run.stdout.splitlines(True), torch_run.stdout.splitlines(True),
        name(numpy_run.path), name(torch_run.path)))
    return ("the NumPy and PyTorch tabs print different results; readers would see the two "
            f"frameworks disagree:\n{diff}")


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
    problem = disagreement(layout, run_snippet(numpy_snippet), run_snippet(torch_snippet))
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
