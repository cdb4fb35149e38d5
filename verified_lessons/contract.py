"""The layout contract between pages and snippets, each rule a function returning problems.

- every snippets/**/*.py has its recorded .out, and every .out belongs to a .py;
- every snippet lives in snippets/<lesson>/ for a page docs/<lesson>.md;
- every snippet is shown on at least one page;
- every file a page includes exists;
- a page's code blocks are snippet includes, each followed by its own .out: no python typed
  into a page, no output typed by hand;
- a snippet's comments quote no number (a decimal, or an integer from 10 up) that its code
  does not write or its output print;
- no line of a snippet or of its recorded output is longer than LINE_LIMIT characters (PEP 8's
  79), so that a page's code and output blocks fit their column at 1366 px without scrolling.
"""

from __future__ import annotations

import re
from pathlib import Path

from verified_lessons.crosschecks import comment_tokens, source_numbers
from verified_lessons.layout import Layout
from verified_lessons.outputs import items, number
from verified_lessons.syntax import INCLUDE, fences


def missing_outputs(layout: Layout) -> list[str]:
    return [
        f"{layout.rel(py)} has no recorded output {layout.rel(py.with_suffix('.out'))}: record it "
        f"with `python -m pytest tests/test_snippets.py --update-outputs -k {py.stem}`"
        for py in layout.snippet_files()
        if not py.with_suffix(".out").exists()
    ] + [
        f"{layout.rel(out)} records the output of {layout.rel(out.with_suffix('.py'))}, "
        "which does not exist: delete the .out or restore the snippet"
        for out in layout.output_files()
        if not out.with_suffix(".py").exists()
    ]


def misplaced_snippets(layout: Layout) -> list[str]:
    problems = []
    for py in layout.snippet_files():
        parts = py.relative_to(layout.snippets).parts
        if len(parts) != 2:
            problems.append(f"{layout.rel(py)} must sit at snippets/<lesson>/<name>.py")
        elif not (layout.docs / f"{parts[0]}.md").exists():
            problems.append(
                f"{layout.rel(py)} is in snippets/{parts[0]}/ but there is no page "
                f"docs/{parts[0]}.md: a lesson's page and its snippets share one name"
            )
    return problems


def orphan_snippets(layout: Layout) -> list[str]:
    return [
        f"{layout.rel(py)} is not shown on any page: include it in a page (docs/*.md) "
        f'with --8<-- "{py.relative_to(layout.snippets).as_posix()}", or delete it'
        for py in layout.snippet_files()
        if not layout.pages_including(py)
    ]


def missing_includes(layout: Layout) -> list[str]:
    problems = []
    for page in layout.pages():
        for lineno, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if m and not (layout.snippets / m["path"]).is_file():
                problems.append(
                    f"{layout.rel(page)}:{lineno} includes snippets/{m['path']}, "
                    "which does not exist"
                )
    return problems


def _included(fence_body: list[str], suffix: str) -> str | None:
    """The snippet path when a fence holds exactly one include of a `suffix` file."""
    lines = [line for line in fence_body if line.strip()]
    if len(lines) == 1:
        m = INCLUDE.match(lines[0])
        if m and m["path"].endswith(suffix):
            return m["path"]
    return None


def hand_written_blocks(layout: Layout, page: Path) -> list[str]:
    """Every rule a page's fences break; [] for a page that follows the contract."""
    problems = []
    blocks = fences(page)
    for i, fence in enumerate(blocks):
        if fence.after_expected_output_mark:
            continue  # judged together with the code block it belongs to
        code = _included(fence.body, ".py")
        if fence.info != "python" or code is None:
            problems.append(
                f"{fence.where()}: a ```{fence.info} block written into the page. Code on a page "
                "must be a snippet include, exactly:\n"
                '    ```python\n    --8<-- "<lesson>/<name>.py"\n    ```'
            )
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        expected = code.removesuffix(".py") + ".out"
        if nxt is None or not nxt.after_expected_output_mark:
            problems.append(
                f"{fence.where()}: the code block of snippets/{code} is not followed by its output. "
                "Put right below it:\n    <!--pytest-codeblocks:expected-output-->\n"
                f'    ```text\n    --8<-- "{expected}"\n    ```'
            )
        elif _included(nxt.body, ".out") != expected:
            problems.append(
                f"{nxt.where()}: the output block under snippets/{code} must include exactly "
                f'--8<-- "{expected}" and nothing else (no output typed by hand)'
            )
    return problems


COMMENT_NUMBER = re.compile(r"(?<![\w.^/])[-\u2212]?(?:\d+\.\d+(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+"
                            r"|[1-9]\d+)(?![\w.])")


def comment_numbers(layout: Layout) -> list[str]:
    """A snippet's comments quote no number its code does not write or its output does not
    print: `# |W| = 0.9` beside `W_norm = 0.8`, or "80 layers" beside `LAYERS = 96`, is a comment
    that contradicts the code. Decimals (0.9, 1e-12) and integers from 10 up, after years,
    sections and exponents (0.9^n)."""
    problems = []
    for py in layout.snippet_files():
        comments = comment_tokens(py)
        if not comments:
            continue
        written = source_numbers(py)
        out = py.with_suffix(".out")
        printed = ({number(t) for item in items(out.read_text(encoding="utf-8"))
                    for t in item.flat()} if out.exists() else set())
        for lineno, comment in comments:
            text = re.sub(r"\b(?:19|20)\d\d\b,?|(?:section|§)\s*\d+(?:\.\d+)*", " ", comment)
            for m in COMMENT_NUMBER.finditer(text):
                value = number(m.group())
                if value not in written and value not in printed:
                    problems.append(f"{layout.rel(py)}:{lineno}: the comment says "
                                    f"{m.group()}, which the code never writes and the output "
                                    "never prints: make the comment say what the code does")
    return problems


LINE_LIMIT = 79


def long_lines(layout: Layout) -> list[str]:
    problems = []
    for path in layout.snippet_files() + layout.output_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if len(line) > LINE_LIMIT:
                kind = "code" if path.suffix == ".py" else "output"
                problems.append(
                    f"{layout.rel(path)}:{number}: {len(line)} characters, over {LINE_LIMIT}: a "
                    f"reader sees this {kind} line cut at the edge of its block; "
                    + ("wrap it (a comment above the line, a string split in two)"
                       if kind == "code" else "print it in shorter lines"))
    return problems


RULES = {
    "every snippet has its recorded output": missing_outputs,
    "snippets sit in snippets/<lesson>/ beside docs/<lesson>.md": misplaced_snippets,
    "every snippet is shown on a page": orphan_snippets,
    "every included file exists": missing_includes,
    "comments quote only numbers the code writes or prints": comment_numbers,
    "no snippet or output line is longer than 79 characters": long_lines,
    "pages show only snippet code and recorded output": lambda layout: [
        problem for page in layout.pages() for problem in hand_written_blocks(layout, page)
    ],
}
