"""Every exercise asks the learner for code and judges it: its check fails on the starter the
notebook hands out, fails on planted wrong solutions, and its solution is new code, not a
snippet a lesson already shows (verified_lessons.exercises)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from verified_lessons import exercises
from verified_lessons.layout import LAYOUT
from verified_lessons.syntax import BLOCK_TITLE, INCLUDE

PAGE = LAYOUT.docs / "exercises.md"
SNIPPETS = sorted((LAYOUT.snippets / "exercises").glob("*.py"))
IDS = [p.stem for p in SNIPPETS]
# every snippet the learner writes in a notebook: the exercises', and the lessons' own (a
# lesson whose reader writes its module, as causal_self_attention's does)
CHECKED = sorted(p for p in LAYOUT.snippet_files() if exercises.read(p) is not None)


def run(code: str, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)


def solution_blocks(text: str) -> list[tuple[str, list[str]]]:
    """(heading, included .py files) of each collapsible solution block of the page."""
    blocks, heading, lines = [], "", text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("#"):
            heading = line.strip("# ")
        if BLOCK_TITLE.match(line) and line.lstrip().startswith("???"):
            indent = len(line) - len(line.lstrip())
            body = []
            for inner in lines[i + 1:]:
                if inner.strip() and len(inner) - len(inner.lstrip()) <= indent:
                    break
                body.append(inner)
            blocks.append((heading, [m["path"] for m in map(INCLUDE.match, body)
                                     if m and m["path"].endswith(".py")]))
    return blocks


def test_every_exercise_has_one_solution_snippet_with_a_check():
    blocks = solution_blocks(PAGE.read_text(encoding="utf-8"))
    assert len(blocks) >= 10
    for heading, included in blocks:
        assert len(included) == 1, f"exercise '{heading}': {len(included)} snippets in its solution"
        exercise = exercises.read(LAYOUT.snippets / included[0])
        assert exercise is not None, (f"exercise '{heading}': {included[0]} has no "
                                      f"'{exercises.CHECK_MARK}' line, so no check cell")
    shown = sorted(p for _, inc in blocks for p in inc)
    assert shown == sorted(f"exercises/{p.name}" for p in SNIPPETS), "an exercise snippet no exercise shows"


@pytest.mark.parametrize("snippet", CHECKED, ids=[LAYOUT.rel(p) for p in CHECKED])
def test_the_check_fails_on_the_starter_with_a_message(snippet, tmp_path):
    exercise = exercises.read(snippet)
    assert exercise.starter() != exercise.learner, "the starter leaves nothing to write"
    done = run(exercise.starter() + "\n" + exercise.check, tmp_path)
    assert done.returncode != 0, f"{snippet.name}: the check passes on the empty starter"
    last = done.stderr.strip().splitlines()[-1]
    assert re.match(r"(NotImplementedError: your code here|AssertionError: \S)", last), (
        f"{snippet.name}: on the starter the check stops with '{last}', not with a message "
        "that says what to write or what is wrong")


# Plausible wrong solutions: (exercise, what the correct code says, a learner's mistake).
WRONG = {
    "a prompt that is not opened": ("causal_masks_prefix_lm", "causal[:, :prefix] = True", "pass"),
    "documents without the causal mask": ("padding_packed_documents",
                                          "return causal & (doc[:, None] == doc[None, :])",
                                          "return doc[:, None] == doc[None, :]"),
    "the wrong head ablated": ("multi_head_ablate_head", "heads[:, h] = 0.0", "heads[:, 0] = 0.0"),
    "no rescaling": ("tiled_attention_merge_halves", "total = total1 * s1 + total2 * s2",
                     "total = total1 + total2"),
    "a merge that forgets the maximum": ("tiled_attention_merge_halves",
                                         "m = np.maximum(m1, m2)", "m = np.zeros_like(m1)"),
    "the Jacobians multiplied the other way": ("rnn_gradient_path",
                                               "product = torch.diag(1 - h ** 2) @ W @ product",
                                               "product = product @ torch.diag(1 - h ** 2) @ W"),
    "no residual": ("rollout_two_layers", "0.5 * (np.eye(n) + A) @ result", "A @ result"),
    "layers multiplied the other way": ("rollout_two_layers", "0.5 * (np.eye(n) + A) @ result",
                                        "result @ (0.5 * (np.eye(n) + A))"),
    "divided by the padded length": ("padding_mean_pool", "/ mask.sum(dim=1)",
                                     "/ outputs.shape[1]"),
    "a window one too wide": ("kv_cache_sliding_window", "(j > i - W)", "(j >= i - W)"),
    "no causal mask": ("padding_left_causal", "(causal & real[:, None, :])", "real[:, None, :]"),
    "a pad row left empty": ("padding_left_causal",
                             "(causal & real[:, None, :]) | torch.eye(n, dtype=torch.bool)",
                             "causal & real[:, None, :]"),
    "a wrong prediction of a move": ("changed_third_token", '"query 1 -> token 2": "falls"',
                                     '"query 1 -> token 2": "rises"'),
    "a wrong prediction of a scale": ("qkv_projections_scale", '"W_k halved": "flatter"',
                                      '"W_k halved": "sharper"'),
    "a wrong prediction about the blocks": ("position_compose_shifts",
                                            '"M_k is the same for every dimension pair": False',
                                            '"M_k is the same for every dimension pair": True'),
    "attention's biases forgotten": ("small_gpt_parameters", "(3 * C * C + 3 * C) + (C * C + C)",
                                     "(3 * C * C) + (C * C)"),
    "a wrong shape": ("cross_attention_swap_roles", "weights_shape = (5, 2)",
                      "weights_shape = (2, 5)"),
}


@pytest.mark.parametrize("case", WRONG)
def test_the_check_fails_on_a_wrong_solution(case, tmp_path):
    name, right, wrong = WRONG[case]
    exercise = exercises.read(LAYOUT.snippets / "exercises" / f"{name}.py")
    assert exercise.learner.count(right) == 1, f"{name}: '{right}' is no longer in the solution"
    done = run(exercise.learner.replace(right, wrong) + "\n" + exercise.check, tmp_path)
    assert done.returncode != 0, f"{name}: the check accepts a solution with {case}"
    assert "AssertionError" in done.stderr, done.stderr[-500:]


# The mistakes a learner makes writing a GPT's attention layer and block, each with what the
# check must say: (snippet, the correct code, the mistake, the check's message).
MISTAKES = {
    "heads split the wrong way": (
        "causal_self_attention/module.py",
        "t.view(B, T, self.n_head, d_head).transpose(1, 2)",
        "t.reshape(B, self.n_head, T, d_head)",
        "right with one head, wrong with two: split C into heads"),
    "no causal mask": (
        "causal_self_attention/module.py",
        'scores.masked_fill(future, float("-inf")).softmax(dim=-1)',
        "scores.softmax(dim=-1)",
        "earlier outputs change when the last token changes: the causal mask is missing"),
    "no scale": (
        "causal_self_attention/module.py", " / d_head**0.5", "",
        "the scores are not divided by sqrt(d_head)"),
    "softmax over the wrong axis": (
        "causal_self_attention/module.py", '.softmax(dim=-1)', ".softmax(dim=-2)",
        "softmax over the queries (dim=-2): each key's column sums to 1"),
    "the scale of all the features": (
        "causal_self_attention/module.py", "/ d_head**0.5", "/ C**0.5",
        "the scores are divided by sqrt(C), all the features"),
    "a softmax over the heads": (
        "causal_self_attention/module.py", '.softmax(dim=-1)', ".softmax(dim=1)",
        "nan in the output"),
    "the diagonal masked too": (
        "causal_self_attention/module.py", "triu(diagonal=1)", "triu(diagonal=0)",
        "nan in the output: a query with every key masked"),
    "the scale of all the features": (
        "causal_self_attention/module.py", "/ d_head**0.5", "/ C**0.5",
        "the scores are divided by sqrt(C), all the features"),
    "a softmax over the heads": (
        "causal_self_attention/module.py", '.softmax(dim=-1)', ".softmax(dim=1)",
        "nan in the output"),
    "the diagonal masked too": (
        "causal_self_attention/module.py", "triu(diagonal=1)", "triu(diagonal=0)",
        "nan in the output: a query with every key masked"),
    "a wrong shape": (
        "causal_self_attention/module.py", ".transpose(1, 2).reshape(B, T, C))",
        ".transpose(1, 2).reshape(B, T, C))[:, -1]", "output shape (2, 8), expected (2, 5, 8)"),
    "a block without its mask": (
        "causal_self_attention/block.py", "attn_mask=future, need_weights=False)[0]\n",
        "need_weights=False)[0]\n",
        "earlier outputs see the last token: pass the causal mask"),
    "a block's mask the wrong way round": (
        "causal_self_attention/block.py", "attn_mask=future,", "attn_mask=~future,",
        "the mask is the wrong way round"),
    "a block's mask given as floats": (
        "causal_self_attention/block.py", "attn_mask=future,", "attn_mask=future.float(),",
        "a float attn_mask is added to the scores"),
    "a post-LayerNorm block": (
        "causal_self_attention/block.py",
        "        h = self.ln1(x)\n        x = x + self.attn(h, h, h, attn_mask=future, "
        "need_weights=False)[0]\n        return x + self.mlp(self.ln2(x))",
        "        x = self.ln1(x + self.attn(x, x, x, attn_mask=future,\n"
        "                                   need_weights=False)[0])\n"
        "        return self.ln2(x + self.mlp(x))",
        "LayerNorm after the residual sum (post-LN)"),
    "a block without the residual around attention": (
        "causal_self_attention/block.py", "x = x + self.attn(h, h, h", "x = self.attn(h, h, h",
        "is each residual x + ... there"),
}


@pytest.mark.parametrize("case", MISTAKES)
def test_the_check_names_each_mistake_in_a_gpt_layer(case, tmp_path):
    name, right, wrong, message = MISTAKES[case]
    exercise = exercises.read(LAYOUT.snippets / name)
    assert exercise.learner.count(right) == 1, f"{name}: {right!r} is no longer in the solution"
    done = run(exercise.learner.replace(right, wrong) + "\n" + exercise.check, tmp_path)
    assert done.returncode != 0, f"{name}: the check accepts {case}"
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("AssertionError: ") and message in last, (
        f"{name} with {case}: the check says {last!r}, expected {message!r}")


def lesson_snippets() -> list:
    return sorted({p for page in LAYOUT.pages() if page != PAGE
                   for p in LAYOUT.includes(page) if p.suffix == ".py"})


@pytest.mark.parametrize("snippet", SNIPPETS, ids=IDS)
def test_the_solution_is_new_code(snippet):
    code = snippet.read_text(encoding="utf-8")
    same = [(round(exercises.shared_code(code, other.read_text(encoding="utf-8")), 2),
             LAYOUT.rel(other)) for other in lesson_snippets()]
    worst = max(same)
    assert worst[0] <= exercises.SAME_CODE, (
        f"{snippet.name} shares {worst[0]:.0%} of its code lines with {worst[1]}, which a lesson "
        "already shows: an exercise's solution must be new code")


def test_similar_code_is_measured_as_similar():
    """The measure itself: a lesson snippet renamed and re-commented is still the same code."""
    lesson = LAYOUT.snippets / "multi_head" / "mha_by_hand.py"
    code = lesson.read_text(encoding="utf-8")
    recommented = re.sub(r"#.*", "# a new comment", code).replace("\n\n", "\n\n\n")
    assert exercises.shared_code(code, recommented) == 1.0
    assert exercises.shared_code(code, code + "\nprint('one more line')\n") > 0.9
    assert exercises.shared_code(code, "print(1)\n") < 0.1


BAD = {
    "two marks": ("def f():\n    return 1\n# --- check ---\n# --- check ---\nf()\n",
                  "2 lines '# --- check ---'"),
    "a loop above the mark": ("for i in range(3):\n    pass\n# --- check ---\nprint(i)\n",
                              "line 1: only imports, comments, functions, classes and answers"),
    "a class attribute above the mark": (
        "class Net:\n    size = 3\n\n    def f(self):\n        return 1\n"
        "# --- check ---\nassert Net().f() == 1\n",
        "line 2: a class above '# --- check ---' may hold only its docstring and methods"),
    "nothing to write": ("import numpy as np\n# --- check ---\nprint(np.pi)\n",
                         "nothing above '# --- check ---' for the learner to write"),
    "an unused answer": ("def f():\n    return 1\n\nguess = 3\n# --- check ---\nassert f() == 1\n",
                         "the check below '# --- check ---' never uses guess"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_exercise_snippet_is_rejected_naming_the_file(case, tmp_path):
    code, message = BAD[case]
    path = tmp_path / "bad.py"
    path.write_text(code)
    with pytest.raises(exercises.ExerciseError) as caught:
        exercises.read(path)
    assert str(path) in str(caught.value) and message in str(caught.value), str(caught.value)


def test_the_starter_keeps_signatures_docstrings_and_questions():
    learner = ('import numpy as np\n\n\n# a comment\ndef f(x,\n      y):\n    """Doc."""\n'
               '    return x + y\n\n\nprediction = {"a": 1, "b": 2}\nguess = 3\n')
    assert exercises.starter(learner, "x.py") == (
        'import numpy as np\n\n\n# a comment\ndef f(x,\n      y):\n    """Doc."""\n'
        '    raise NotImplementedError("your code here")\n\n\n'
        'prediction = {  # your code here\n    \'a\': None,\n    \'b\': None,\n}\n'
        'guess = None  # your code here\n')
