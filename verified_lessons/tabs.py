"""NumPy and PyTorch tabs: which snippets pair up, where a page shows them, whether they agree.

A tab pair is snippets/<lesson>/<name>_numpy.py and <name>_torch.py. Both must print exactly the
same text, and the page must show them as the "NumPy" and "PyTorch" tabs of one tab set.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from verified_lessons.layout import Layout

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
