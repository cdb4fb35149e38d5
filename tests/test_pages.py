"""Each page, as the reader sees it, is executed by pytest-codeblocks.

pymdownx.snippets expands every page's includes (with the options mkdocs.yml gives it) into a
temporary folder; pytest-codeblocks then runs each `python` block there and compares its
stdout with the block marked <!--pytest-codeblocks:expected-output-->. So the pair a reader
sees (code, then printed output) is exactly the pair that was run.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from lessons import LAYOUT, Layout, expand, fences

PAGES = LAYOUT.pages()


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


def explain(page: Path, expanded: Path, result: dict) -> str:
    """Which example of the page failed, and how, as a diff when the output differs."""
    shown = [f for f in fences(page) if f.info == "python"]
    ran = [f for f in fences(expanded) if f.info == "python"]
    index = next(i for i, f in enumerate(ran) if f.lineno == result["lineno"])
    example = "snippets/" + shown[index].body[0].split('"')[1]
    m = re.search(r"Expected output\n```\n(.*)```\nbut got\n```\n(.*)```", result["message"], re.S)
    if not m:
        return f"{example} (docs/{page_id(page)}:{shown[index].lineno}):\n{result['message']}"
    diff = difflib.unified_diff(m[1].splitlines(True), m[2].splitlines(True),
                                "shown on the page", "printed by the code above it")
    return f"{example} (docs/{page_id(page)}:{shown[index].lineno}):\n" + "".join(diff)


@pytest.fixture(scope="session")
def codeblock_workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("codeblocks")


@pytest.fixture(scope="session")
def codeblock_results(codeblock_workdir, snippet_timeout):
    return run_codeblocks(LAYOUT, PAGES, codeblock_workdir, snippet_timeout)


def page_id(page: Path) -> str:
    return page.relative_to(LAYOUT.docs).as_posix()


@pytest.mark.parametrize("page", PAGES, ids=[page_id(p) for p in PAGES])
def test_page_code_and_output_pairs_run_as_shown(page, codeblock_results, codeblock_workdir):
    shown = [f for f in fences(page) if f.info == "python"]
    ran = codeblock_results.get(page_id(page), [])
    # pytest-codeblocks only collects fences whose info string is exactly `python`:
    # if it saw fewer blocks than the page shows, a code block went unchecked.
    assert len(ran) == len(shown), (
        f"docs/{page_id(page)} shows {len(shown)} python code block(s) but pytest-codeblocks "
        f"ran {len(ran)}. Each example must be a fence whose info string is exactly `python`."
    )
    failed = [r for r in ran if r["message"]]
    if failed:
        expanded = codeblock_workdir / "expanded" / page_id(page)
        pytest.fail(
            f"docs/{page_id(page)}: {len(failed)} example(s), run as the page shows them, did "
            "not print the output shown under them.\n\n"
            + "\n\n".join(explain(page, expanded, r) for r in failed),
            pytrace=False,
        )
