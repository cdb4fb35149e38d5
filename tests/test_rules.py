"""The snippet rules are enforced: a careless snippet fails with a message that names the rule.

Each case is a small program a careless author could write; it is checked the way every
snippet is (two runs, verified_lessons.runner and verified_lessons.verify), in-process, and the
verdict must name what is wrong. The runner itself must survive a failed fork.
"""

from __future__ import annotations

import pytest

from verified_lessons.layout import Layout
from verified_lessons.runner import ForkRunner, Result, Run
from verified_lessons.verify import verdict

CARELESS = {
    "writes a file": (
        "import numpy as np\nnp.save('weights.npy', np.ones(3))\nprint('saved')\n",
        "it writes the file 'weights.npy' (line 2)"),
    "reads a file another snippet saved": (
        "import numpy as np\nprint(np.load({shared!r}).shape)\n",
        "it reads the file {shared!r} (line 2)"),
    "takes its seed from the environment": (
        "import os\nimport numpy as np\n"
        "rng = np.random.default_rng(int(os.environ.get('SEED', '0')))\n"
        "print(np.round(rng.normal(size=2), 3))\n",
        "it reads the environment variable 'SEED' (line 3)"),
    "draws from torch without a seed, printing only shapes": (
        "import torch\nx = torch.randn(3, 4)\nprint(tuple(x.shape))\n",
        "it draws from torch's global generator without seeding it"),
    "makes an unseeded NumPy generator, printing only shapes": (
        "import numpy as np\nrng = np.random.default_rng()\nprint(rng.normal(size=(2, 2)).shape)\n",
        "it makes an unseeded np.random.default_rng() (line 2)"),
    "prints a NumPy array without rounding": (
        "import numpy as np\nprint(np.array([1.0, 2.0]) / 3)\n",
        "printed something else when run again"),
    "prints a tensor without rounding": (
        "import torch\nprint(torch.tensor([1.0, 2.0], dtype=torch.float64) / 3)\n",
        "printed something else when run again"),
    "prints a Python float without rounding": (
        "print(1 / 3)\n",
        "prints 0.3333333333333333: a float with 10 or more significant digits"),
}


@pytest.mark.parametrize("case", CARELESS)
def test_a_careless_snippet_fails_naming_the_rule(case, tmp_path):
    shared = tmp_path / "shared.npy"
    import numpy as np
    np.save(shared, np.zeros(2))            # the file exists: only the rule can fail it
    code, message = CARELESS[case]
    layout = Layout(tmp_path)
    (tmp_path / "snippets" / "lesson").mkdir(parents=True)
    snippet = tmp_path / "snippets" / "lesson" / "careless.py"
    snippet.write_text(code.format(shared=str(shared)))
    snippet.with_suffix(".out").write_text("")
    runner = ForkRunner()
    first, second = runner.run(snippet, 30, Run(0)), runner.run(snippet, 30, Run(1, strict=True))
    problem = verdict(layout, first, 30, again=second) or ""
    assert message.format(shared=str(shared)) in problem, (
        f"{case}: expected {message!r} in the verdict, got:\n{problem}")
    assert not (tmp_path / "snippets" / "lesson" / "weights.npy").exists()


def test_a_clean_snippet_keeps_every_rule(tmp_path):
    snippet = tmp_path / "clean.py"
    snippet.write_text(
        "import os\nimport numpy as np\nimport torch\n"
        "torch.manual_seed(0)\nrng = np.random.default_rng(1)\n"
        "x = torch.randn(2, 3, dtype=torch.float64)\n"
        "print(np.round(rng.normal(size=2), 3), x.numpy().round(3), f'{1 / 3:.3f}')\n")
    runner = ForkRunner()
    first, second = runner.run(snippet, 30, Run(0)), runner.run(snippet, 30, Run(1, strict=True))
    assert first.ok and not first.violations, first
    assert first.stdout == second.stdout, (first.stdout, second.stdout)


class FlakyForkRunner(ForkRunner):
    """A runner whose first `failures` forks fail, as the fork server does under load."""

    def __init__(self, failures: int, how: str):
        super().__init__()
        self.failures, self.how = failures, how

    def _start(self, target, args):
        if self.failures > 0:
            self.failures -= 1
            if self.how == "fork refused":
                raise OSError(11, "Resource temporarily unavailable")
            return super()._start(_die_at_once, ())
        return super()._start(target, args)


def _die_at_once():
    import os
    os._exit(255)   # as a child the fork server failed to set up: no snippet ran


@pytest.mark.parametrize("how", ["fork refused", "child died before starting"])
def test_a_runner_failure_is_retried_once(how, tmp_path):
    snippet = tmp_path / "ok.py"
    snippet.write_text("print('ran')\n")
    result = FlakyForkRunner(1, how).run(snippet, 30)
    assert result.ok and result.stdout == "ran\n" and result.attempts == 2, result


@pytest.mark.parametrize("how", ["fork refused", "child died before starting"])
def test_a_runner_that_fails_twice_is_reported_as_the_runners_fault(how, tmp_path):
    layout = Layout(tmp_path)
    (tmp_path / "snippets" / "lesson").mkdir(parents=True)
    snippet = tmp_path / "snippets" / "lesson" / "ok.py"
    snippet.write_text("print('ran')\n")
    result = FlakyForkRunner(2, how).run(snippet, 30)
    assert isinstance(result, Result) and result.runner_failed and result.attempts == 2
    problem = verdict(layout, result, 30)
    assert "was not run: the test runner failed to start it, twice" in problem, problem
    assert "not of the snippet" in problem and "raised an error" not in problem, problem


def test_a_lab_that_drops_the_max_subtraction_the_page_promises_fails(tmp_path):
    """The Lab 1 page says its softmax subtracts each row's maximum; the lab asserts the
    consequence (scores 1000 higher overflow nothing), so a copy without it fails."""
    from verified_lessons.layout import LAYOUT

    lab = (LAYOUT.snippets / "scaled_dot_product/self_attention_by_hand_numpy.py").read_text()
    dropped = "shifted = z  # the max subtraction dropped"
    careless = lab.replace("shifted = z - z.max(axis=1, keepdims=True)", dropped)
    assert careless != lab, "the lab no longer subtracts the maximum where this test expects"
    layout = Layout(tmp_path)
    (tmp_path / "snippets" / "lesson").mkdir(parents=True)
    snippet = tmp_path / "snippets" / "lesson" / "lab.py"
    snippet.write_text(careless)
    problem = verdict(layout, ForkRunner().run(snippet, 30), 30) or ""
    assert "raised an error" in problem and "FloatingPointError: overflow" in problem, problem
