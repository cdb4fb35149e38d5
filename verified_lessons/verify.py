"""Judge one snippet run against its recorded output, in words a newcomer understands."""

from __future__ import annotations

import difflib
from pathlib import Path

from verified_lessons.layout import Layout
from verified_lessons.runner import Result


def update_hint(layout: Layout, snippet: Path) -> str:
    return (
        f"If the new output is right, record it with\n"
        f"    python -m pytest tests/test_snippets.py --update-outputs -k {Path(snippet).stem}\n"
        f"and review the change with `git diff {layout.rel(Path(snippet).with_suffix('.out'))}`."
    )


def verdict(layout: Layout, result: Result, timeout: float, update: bool = False) -> str | None:
    """None when the snippet ran and printed exactly its .out; otherwise what is wrong.

    With update=True a snippet that ran cleanly has its .out (re)written instead.
    """
    snippet = result.path
    name = layout.describe(snippet)
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
    recorded_path = snippet.with_suffix(".out")
    if update:
        if not recorded_path.exists() or recorded_path.read_text(encoding="utf-8") != result.stdout:
            recorded_path.write_text(result.stdout, encoding="utf-8")
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
