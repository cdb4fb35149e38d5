"""Judge a snippet's runs against its recorded output and the snippet rules, in words a
newcomer understands.

A snippet is checked by two runs (verified_lessons.runner): the second starts the global random
generators from another state and prints with a higher NumPy/PyTorch precision. It passes when
both runs finish, break no rule and print the same text, when no float in that text looks
unrounded, and when the text is its .out byte for byte.
"""

from __future__ import annotations

import difflib
import re
import warnings
from pathlib import Path

from verified_lessons.layout import Layout
from verified_lessons.outputs import NUMBER
from verified_lessons.runner import Result

# A float with this many significant digits was almost certainly printed without rounding
# (the repr of a float64 has up to 17; explicit rounding in the lessons keeps 3 to 6).
UNROUNDED_DIGITS = 10


class UpdateWritten(UserWarning):
    """A file --update-outputs wrote, reported in pytest's warnings summary."""


def update_hint(layout: Layout, snippet: Path) -> str:
    return (
        f"If the new output is right, record it with\n"
        f"    python -m pytest tests/test_snippets.py --update-outputs -k {Path(snippet).stem}\n"
        f"and review the change with `git diff {layout.rel(Path(snippet).with_suffix('.out'))}`."
    )


def unrounded(text: str) -> list[str]:
    """Floats in printed text that look printed without explicit rounding."""
    found = []
    for token in NUMBER.findall(text):
        mantissa = re.split(r"[eE]", token)[0].lstrip("+-\u2212")
        digits = mantissa.replace(".", "").lstrip("0")
        if "." in mantissa and len(digits) >= UNROUNDED_DIGITS:
            found.append(token)
    return found


def run_problem(name: str, layout: Layout, result: Result, timeout: float) -> str | None:
    """What went wrong in one run, if anything: the runner, a hang, an error, a broken rule."""
    snippet = result.path
    if result.runner_failed:
        return (
            f"{name}\n  was not run: the test runner failed to start it, twice "
            f"({result.stderr.strip() or 'the child process died before the snippet started'}).\n"
            "  This is a failure of the runner (its fork server), not of the snippet: run the\n"
            "  tests again; if it persists, look at the machine's memory and process limits."
        )
    if result.timed_out:
        return (
            f"{name}\n  did not finish within {timeout:g} s and was stopped.\n"
            "  A snippet must be a short program that ends by itself: look for an endless loop,\n"
            "  a long sleep or a call waiting for input. (Limit: --snippet-timeout SECONDS.)"
        )
    if result.exitcode != 0:
        return (
            f"{name}\n  raised an error instead of finishing (exit code {result.exitcode}).\n"
            f"  Run it yourself with `python {layout.rel(snippet)}`. What it printed on stderr:\n\n"
            + _indent(result.stderr.rstrip() or "(nothing)")
        )
    if result.violations:
        return (
            f"{name}\n  breaks the snippet rules (self-contained: no files, no environment;\n"
            "  deterministic: every generator seeded):\n"
            + "".join(f"  - it {v}\n" for v in result.violations)
        )
    return None


def verdict(layout: Layout, result: Result, timeout: float, update: bool = False,
            again: Result | None = None) -> str | None:
    """None when the snippet ran and printed exactly its .out; otherwise what is wrong.

    `again` is the second, stricter run of the same snippet. With update=True a snippet that
    ran cleanly (rules kept, both runs alike) has its .out (re)written instead.
    """
    snippet = result.path
    name = layout.describe(snippet)
    for run in (result, again):
        problem = run is not None and run_problem(name, layout, run, timeout)
        if problem:
            return problem
    if again is not None and again.stdout != result.stdout:
        diff = "".join(difflib.unified_diff(
            result.stdout.splitlines(True), again.stdout.splitlines(True),
            "first run", "second run (other global seeds, higher print precision)"))
        return (
            f"{name}\n  printed something else when run again. The second run starts the global\n"
            "  random generators elsewhere and raises NumPy's and PyTorch's print precision: the\n"
            "  snippet depends on an unseeded generator or prints a value without explicit\n"
            "  rounding (rules: seed every generator; round every printed float, np.round(x, 3)\n"
            '  or f"{x:.3f}"):\n\n' + _indent(diff)
        )
    loose = unrounded(result.stdout)
    if loose:
        return (
            f"{name}\n  prints {', '.join(sorted(set(loose))[:3])}: a float with "
            f"{UNROUNDED_DIGITS} or more significant digits, printed without explicit rounding.\n"
            '  Round it where it is printed: np.round(x, 3), f"{x:.3f}", f"{d:.1e}".'
        )
    recorded_path = snippet.with_suffix(".out")
    if update:
        if not recorded_path.exists() or recorded_path.read_text(encoding="utf-8") != result.stdout:
            recorded_path.write_text(result.stdout, encoding="utf-8")
            # pytest lists it in its warnings summary, from every worker: what update mode wrote
            warnings.warn(UpdateWritten(f"--update-outputs wrote {layout.rel(recorded_path)}"))
        return None
    if not recorded_path.exists():
        return (
            f"{name}\n  has no recorded output: {layout.rel(recorded_path)} is missing.\n"
            + _indent(update_hint(layout, snippet))
        )
    recorded = recorded_path.read_text(encoding="utf-8")
    if recorded == result.stdout:
        return None
    diff = "".join(
        difflib.unified_diff(
            recorded.splitlines(keepends=True),
            result.stdout.splitlines(keepends=True),
            fromfile=f"{layout.rel(recorded_path)} (recorded, what the page shows)",
            tofile=f"{layout.rel(snippet)} (printed now)",
        )
    )
    if not diff.endswith("\n"):
        diff += "\n"
    if recorded.rstrip("\n") == result.stdout.rstrip("\n"):
        diff += "(the difference is only in trailing newlines)\n"
    return (
        f"{name}\n  printed something else than {layout.rel(recorded_path)} records.\n\n"
        + _indent(diff)
        + "\n"
        + _indent(update_hint(layout, snippet))
    )


def _indent(text: str, prefix: str = "    ") -> str:
    return "".join(prefix + line if line.strip() else line for line in text.splitlines(True))
