"""The doc-test engine fails loudly and clearly on bad input, proven on a temporary copy.

Each case plants one defect in a copy of the repository and runs the real test command there:
a snippet that raises, one that hangs, an orphan snippet, one changed digit in a recorded
output, and an output block a page shows that differs from what its code prints.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from verified_lessons.codeblocks import separate_test_run_env
from verified_lessons.layout import LAYOUT, Layout, copy_repo
from verified_lessons.runner import ForkRunner, run_plain
from verified_lessons.verify import verdict



def run_tests(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA", "-p", "no:randomly",
         *args],
        cwd=root, capture_output=True, text=True,
        env=separate_test_run_env(),
    )


def add_snippet(layout: Layout, name: str, code: str, output: str, on_page: str | None):
    path = layout.snippets / "scaled_dot_product" / f"{name}.py"
    path.write_text(code)
    path.with_suffix(".out").write_text(output)
    if on_page:
        page = layout.docs / on_page
        page.write_text(
            page.read_text()
            + f'\n```python\n--8<-- "scaled_dot_product/{name}.py"\n```\n'
            + "<!--pytest-codeblocks:expected-output-->\n"
            + f'```text\n--8<-- "scaled_dot_product/{name}.out"\n```\n'
        )


def first_digit_changed(text: str) -> str:
    m = re.search(r"\d", text)
    assert m, "a recorded output with no digit cannot show a number"
    return text[: m.start()] + str((int(m.group()) + 1) % 10) + text[m.end():]


@pytest.fixture(scope="module")
def broken_copy(tmp_path_factory):
    """A copy of the repo with four planted defects, and what the test command says of it."""
    root = tmp_path_factory.mktemp("broken-repo")
    layout = copy_repo(root)
    add_snippet(layout, "raises", "import numpy as np\nprint(np.ones(2) @ np.ones(3))\n",
                "never printed\n", on_page="scaled_dot_product.md")
    add_snippet(layout, "sleeps", "import time\ntime.sleep(600)\n", "", on_page="scaled_dot_product.md")
    add_snippet(layout, "orphan", "print('nobody shows me')\n", "nobody shows me\n", on_page=None)
    recorded = layout.snippets / "qkv_projections" / "projection_lab_numpy.out"
    recorded.write_text(first_digit_changed(recorded.read_text()))
    # the snippets with a short limit (they fork from a server that imported torch already);
    # the page that shows the changed output with a long one (pytest-codeblocks imports torch
    # afresh, which takes seconds on a loaded machine)
    # The planted snippets, the changed one and one healthy neighbour, through the real test
    # command (the copy's other snippets are the ones this session checks already)
    planted = "raises or sleeps or orphan or projection_lab_numpy or self_attention_by_hand_numpy"
    snippets = run_tests(root, "tests/test_snippets.py", "tests/test_contract.py",
                         "-k", f"test_contract or {planted}", "--snippet-timeout", "3")
    pages = run_tests(root, "tests/test_pages.py", "-k", "qkv_projections or why_attention",
                      "--snippet-timeout", "60")
    return (max(snippets.returncode, pages.returncode),
            "\n".join(d.stdout + d.stderr for d in (snippets, pages)))


def test_a_snippet_that_raises_names_its_file_the_error_and_its_page(broken_copy):
    code, out = broken_copy
    assert code == 1
    assert "snippets/scaled_dot_product/raises.py (shown on: docs/scaled_dot_product.md)" in out
    assert "raised an error instead of finishing" in out
    assert "ValueError: matmul: Input operand 1 has a mismatch" in out


def test_a_snippet_that_hangs_is_stopped_at_the_time_limit(broken_copy):
    code, out = broken_copy
    assert "snippets/scaled_dot_product/sleeps.py (shown on: docs/scaled_dot_product.md)" in out
    assert "did not finish within 3 s and was stopped" in out


def test_an_orphan_snippet_is_reported(broken_copy):
    _, out = broken_copy
    assert "snippets/scaled_dot_product/orphan.py is not shown on any page" in out


def test_one_changed_digit_in_a_recorded_output_fails_with_a_diff(broken_copy):
    _, out = broken_copy
    assert "snippets/qkv_projections/projection_lab_numpy.py (shown on: docs/qkv_projections.md)" in out
    assert "printed something else than snippets/qkv_projections/projection_lab_numpy.out records" in out
    assert re.search(r"^\s+-\[\[2\.  0\.5\]", out, re.M), "the diff shows the changed line"
    assert re.search(r"^\s+\+\[\[1\.  0\.5\]", out, re.M), "the diff shows what is printed now"


def test_the_page_showing_a_changed_output_fails_too(broken_copy):
    _, out = broken_copy
    assert "docs/qkv_projections.md: 1 example(s), run as the page shows them, did not print" in out
    assert re.search(r"snippets/qkv_projections/projection_lab_numpy\.py \(docs/qkv_projections\.md:\d+\):", out)
    assert re.search(r"^-\[\[2\.  0\.5\]\n\+\[\[1\.  0\.5\]", out, re.M)
    assert "FAILED tests/test_pages.py::test_page_code_and_output_pairs_run_as_shown[qkv_projections.md]" in out


def test_the_healthy_parts_of_the_broken_copy_still_pass(broken_copy):
    _, out = broken_copy
    # the untouched lab still verifies: defects are reported one by one, not as one crash
    healthy = "tests/test_snippets.py::test_snippet_prints_its_recorded_output[scaled_dot_product/self_attention_by_hand_numpy.py]"
    assert f"FAILED {healthy}" not in out and f"PASSED {healthy}" in out
    assert re.search(r"\b[1-9]\d* passed\b", out)


def test_update_mode_rewrites_outputs_and_plain_mode_never_writes(tmp_path):
    layout = copy_repo(tmp_path)
    recorded = layout.snippets / "qkv_projections" / "projection_lab_numpy.out"
    good = recorded.read_text()
    recorded.write_text(first_digit_changed(good))
    args = ("tests/test_snippets.py", "-k", "projection_lab_numpy")
    assert run_tests(tmp_path, *args).returncode == 1
    assert recorded.read_text() == first_digit_changed(good), "a plain run must not write"
    assert run_tests(tmp_path, *args, "--update-outputs").returncode == 0
    assert recorded.read_text() == good
    assert run_tests(tmp_path, *args).returncode == 0


@pytest.mark.parametrize("out", LAYOUT.output_files(), ids=lambda p: p.relative_to(LAYOUT.snippets).as_posix())
def test_every_recorded_output_is_compared_digit_for_digit(out, layout, run_snippet, snippet_timeout,
                                                           tmp_path):
    """For each .out: the same run, judged against a copy with one digit changed, fails."""
    snippet = out.with_suffix(".py")
    result, again = run_snippet(snippet)
    assert verdict(layout, result, snippet_timeout, again=again) is None
    copy = copy_repo(tmp_path)
    changed = copy.snippets / out.relative_to(layout.snippets)
    changed.write_text(first_digit_changed(out.read_text()))
    moved = type(result)(**{**result.__dict__, "path": changed.with_suffix(".py")})
    problem = verdict(copy, moved, snippet_timeout)
    assert problem and f"printed something else than {copy.rel(changed)} records" in problem


def test_forked_runner_prints_what_plain_python_prints(layout):
    snippet = layout.snippets / "qkv_projections" / "projection_lab_numpy.py"
    forked, plain = ForkRunner().run(snippet), run_plain(snippet)
    assert forked.ok and plain.ok
    assert forked.stdout == plain.stdout == snippet.with_suffix(".out").read_text()


def test_snippets_are_isolated_from_each_other(tmp_path):
    """A snippet that changes global state (seed, module attribute) cannot change the next one."""
    meddler = tmp_path / "meddler.py"
    meddler.write_text(
        "import numpy as np, torch\n"
        "np.random.seed(123); torch.manual_seed(123)\n"
        "np.set_printoptions(precision=1)\n"
        "torch.pi = 3\n"
        "print('meddled')\n"
    )
    observer = tmp_path / "observer.py"
    observer.write_text(
        "import numpy as np, torch\n"
        "print(np.random.get_state()[1][0], int(torch.initial_seed()) == 123)\n"
        "print(np.array([1 / 3]), torch.pi)\n"
    )
    runner = ForkRunner()
    alone = runner.run(observer)
    runner.run(meddler)
    after = runner.run(observer)
    assert alone.ok and after.ok
    assert after.stdout == alone.stdout
    assert "False" in after.stdout and "0.33333333" in after.stdout and "3.14159" in after.stdout


def test_a_planted_copy_holds_every_tracked_file(tmp_path):
    """The self-tests plant defects in a copy made from `git ls-files`, not a fixed list of
    folders, so a new folder (a theme's overrides/, say) is never missing from it."""
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=LAYOUT.root, capture_output=True,
                             text=True, check=True).stdout.split()
    copy = copy_repo(tmp_path)
    missing = [name for name in tracked
               if (LAYOUT.root / name).is_file() and not (copy.root / name).is_file()]
    assert not missing, f"the copy lacks tracked files: {missing[:5]}"
    assert (copy.root / "overrides" / "404.html").is_file()
    assert not (copy.root / ".venv").exists(), "the copy must not hold ignored files"
