"""What the site is made of: pages, snippets, and which page includes which snippet.

Everything the tests know about the layout lives here, so a test reads as a claim
("every snippet is included by a page") and not as path plumbing.

Layout contract:
    docs/<lesson>.md                 a page
    snippets/<lesson>/<name>.py      a program a learner can paste and run
    snippets/<lesson>/<name>.out     its standard output, byte for byte
A page shows a snippet with pymdownx.snippets includes (paths relative to snippets/):

    ```python
    --8<-- "<lesson>/<name>.py"
    ```
    <!--pytest-codeblocks:expected-output-->
    ```text
    --8<-- "<lesson>/<name>.out"
    ```
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

# Include lines and fence openings are read exactly as the notebook build hook reads them
# (hooks/ is on pytest's pythonpath).
from notebooks import FENCE, INCLUDE

ROOT = Path(__file__).resolve().parent.parent

EXPECTED_OUTPUT_MARK = "<!--pytest-codeblocks:expected-output-->"


class Layout:
    """Paths of one checkout (the real one, or a temp copy in the engine's own tests)."""

    def __init__(self, root: Path = ROOT):
        self.root = Path(root)
        self.docs = self.root / "docs"
        self.snippets = self.root / "snippets"
        self.mkdocs_yml = self.root / "mkdocs.yml"

    def snippet_files(self) -> list[Path]:
        return sorted(self.snippets.rglob("*.py"))

    def output_files(self) -> list[Path]:
        return sorted(self.snippets.rglob("*.out"))

    def pages(self) -> list[Path]:
        return sorted(self.docs.rglob("*.md"))

    def rel(self, path: Path) -> str:
        """A path as a reader finds it in the repo: 'snippets/masks/causal_mask.py'."""
        return Path(path).resolve().relative_to(self.root).as_posix()

    def includes(self, page: Path) -> list[Path]:
        """Files a page includes, resolved against snippets/ (missing ones too)."""
        found = []
        for line in Path(page).read_text(encoding="utf-8").splitlines():
            m = INCLUDE.match(line)
            if m:
                found.append((self.snippets / m["path"]).resolve())
        return found

    def pages_including(self, path: Path) -> list[str]:
        target = Path(path).resolve()
        return [self.rel(p) for p in self.pages() if target in self.includes(p)]

    def describe(self, snippet: Path) -> str:
        """One line naming a snippet and where a reader meets it."""
        pages = self.pages_including(snippet)
        where = ", ".join(pages) if pages else "no page (orphan snippet)"
        return f"{self.rel(snippet)} (shown on: {where})"


LAYOUT = Layout()

# What a temp copy of the repository needs to build the site and run the tests.
COPIED = ("docs", "snippets", "hooks", "tests", "mkdocs.yml", "pytest.ini")


def copy_repo(target: Path) -> Layout:
    """A copy of the repository in `target`, for tests that plant a defect in it."""
    import shutil

    for item in COPIED:
        src = LAYOUT.root / item
        if src.is_dir():
            shutil.copytree(src, target / item, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, target / item)
    return Layout(target)


@dataclass(frozen=True)
class Fence:
    """A fenced block of a markdown page."""

    page: Path
    lineno: int  # 1-based line of the opening fence
    info: str  # what follows the backticks, e.g. 'python' or 'text title="x"'
    body: list[str]  # lines between the fences, indentation of the fence removed
    after_expected_output_mark: bool  # preceded by <!--pytest-codeblocks:expected-output-->

    def where(self) -> str:
        """'docs/masks.md:12', whichever checkout the page is in."""
        parts = self.page.parts
        start = len(parts) - 1 - parts[::-1].index("docs") if "docs" in parts else len(parts) - 1
        return f"{'/'.join(parts[start:])}:{self.lineno}"


def fences(page: Path) -> list[Fence]:
    """Every fenced block of a page, in order, with what precedes it."""
    lines = Path(page).read_text(encoding="utf-8").splitlines()
    out: list[Fence] = []
    previous_nonblank = ""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            if lines[i].strip():
                previous_nonblank = lines[i].strip()
            i += 1
            continue
        indent, ticks = m["indent"], m["ticks"]
        body = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(ticks):
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        out.append(
            Fence(
                page=Path(page),
                lineno=i + 1,
                info=m["info"].strip(),
                body=body,
                after_expected_output_mark=previous_nonblank == EXPECTED_OUTPUT_MARK,
            )
        )
        previous_nonblank = ""
        i = j + 1
    return out


OUTPUT_NUMBER = re.compile(r"\d+\.\d*|\d+")


def normalised(number: str) -> str:
    """'1.0' -> '1', '0.50' -> '0.5', '2.4000' -> '2.4', '1.' -> '1'."""
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return number or "0"


def printed_numbers(layout: Layout, page: Path) -> set[str]:
    outputs = [p for p in layout.includes(page) if p.suffix == ".out" and p.exists()]
    text = "\n".join(p.read_text(encoding="utf-8") for p in outputs)
    return {normalised(n) for n in OUTPUT_NUMBER.findall(text)}


def prose(page: Path) -> str:
    """A page's text as a reader reads it, without code blocks and HTML comments."""
    lines = Path(page).read_text(encoding="utf-8").splitlines()
    kept, inside = [], None
    for line in lines:
        m = FENCE.match(line)
        if inside is None and m:
            inside = m["ticks"]
            continue
        if inside is not None:
            if line.strip().startswith(inside):
                inside = None
            continue
        kept.append(line)
    text = "\n".join(kept)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    # front matter, if any, is metadata, not prose
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return text


@functools.lru_cache(maxsize=None)
def snippets_config(mkdocs_yml: Path) -> dict:
    """pymdownx.snippets options exactly as mkdocs.yml sets them."""
    from mkdocs.config import load_config

    config = load_config(str(mkdocs_yml))
    return dict(config["mdx_configs"].get("pymdownx.snippets", {}))


def expand(page: Path, layout: Layout = LAYOUT) -> str:
    """A page with its includes expanded by pymdownx.snippets, as mkdocs would."""
    import markdown
    from pymdownx.snippets import SnippetExtension

    options = snippets_config(layout.mkdocs_yml)
    base = [str((layout.root / p).resolve()) for p in _as_list(options.get("base_path", "."))]
    options = {**options, "base_path": base, "check_paths": True}
    md = markdown.Markdown(extensions=[SnippetExtension(**options)])
    preprocessor = md.preprocessors["snippet"]
    read_lines = preprocessor.read_lines

    def read_lines_as_rendered(path):
        # pymdownx.snippets turns a file's final newline into an extra empty line inside the
        # fence; the rendered page drops it (Pygments strips trailing blank lines). Drop it here
        # too, so an included .out compares byte for byte with what the snippet prints.
        lines = read_lines(path)
        return lines[:-1] if lines and lines[-1] == "" else lines

    preprocessor.read_lines = read_lines_as_rendered
    lines = Path(page).read_text(encoding="utf-8").splitlines()
    return "\n".join(preprocessor.run(lines)) + "\n"


def _as_list(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value]
