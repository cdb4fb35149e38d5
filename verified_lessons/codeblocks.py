"""Run each page as the reader sees it with pytest-codeblocks, and explain what failed.

pymdownx.snippets expands every page's includes (with the options mkdocs.yml gives it) into a
temporary folder; pytest-codeblocks then runs each `python` block there and compares its
stdout with the block marked <!--pytest-codeblocks:expected-output-->. So the pair a reader
sees (code, then printed output) is exactly the pair that was run.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from verified_lessons.layout import Layout, expand
from verified_lessons.syntax import fences


def separate_test_run_env() -> dict[str, str]:
    """The environment for a pytest started from inside a test: its own test run, never taken
    for a worker of the calling one (pytest-xdist's PYTEST_XDIST_* variables) or its test."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}


def run_codeblocks(layout: Layout, pages: list[Path], workdir: Path,
                   timeout: float) -> dict[str, list[dict]]:
    """Expand pages into workdir, run pytest-codeblocks there; results per page (docs-relative).

    pytest-codeblocks runs blocks in its own process, so a block that hangs is stopped by
    pytest-timeout (signal method: the block fails, the other blocks still run).
    """
    expanded = workdir / "expanded"
    for page in pages:
        target = expanded / page.relative_to(layout.docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(expand(page, layout), encoding="utf-8")
    (workdir / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    report = workdir / "codeblocks.xml"
    command = [
        sys.executable, "-m", "pytest", "--codeblocks", "-p", "no:cacheprovider", "-q",
        f"--timeout={timeout:g}", "--timeout-method=signal",
        f"--junitxml={report}", f"--rootdir={workdir}", "-c", str(workdir / "pytest.ini"),
        str(expanded),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=workdir,
                              env=separate_test_run_env(),
                              timeout=60 + timeout * (1 + sum(len(fences(p)) for p in pages)))
    except subprocess.TimeoutExpired as hung:
        raise RuntimeError(f"pytest-codeblocks did not finish; what it printed:\n{hung.stdout}")
    if not report.exists():
        raise RuntimeError(f"pytest-codeblocks did not run:\n{done.stdout}\n{done.stderr}")
    results: dict[str, list[dict]] = defaultdict(list)
    for case in ET.parse(report).getroot().iter("testcase"):
        # classname is the expanded page's path below the expanded/ folder, dotted
        name = case.get("classname", "").removeprefix("expanded.").removesuffix(".md")
        page = name.replace(".", "/") + ".md"
        failure = case.find("failure")
        if failure is None:
            failure = case.find("error")
        results[page].append({
            "lineno": int(case.get("name").removeprefix("line ")),
            "message": None if failure is None else (failure.text or failure.get("message")),
        })
    return results


def explain(layout: Layout, page: Path, expanded: Path, result: dict) -> str:
    """Which example of the page failed, and how, as a diff when the output differs."""
    shown = [f for f in fences(page) if f.info == "python"]
    ran = [f for f in fences(expanded) if f.info == "python"]
    index = next(i for i, f in enumerate(ran) if f.lineno == result["lineno"])
    example = "snippets/" + shown[index].body[0].split('"')[1]
    m = re.search(r"Expected output\n```\n(.*)```\nbut got\n```\n(.*)```", result["message"], re.S)
    if not m:
        return f"{example} ({layout.rel(page)}:{shown[index].lineno}):\n{result['message']}"
    diff = difflib.unified_diff(m[1].splitlines(True), m[2].splitlines(True),
                                "shown on the page", "printed by the code above it")
    return f"{example} ({layout.rel(page)}:{shown[index].lineno}):\n" + "".join(diff)
