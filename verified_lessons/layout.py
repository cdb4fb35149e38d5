"""What the site is made of: pages, snippets, and which page includes which snippet.

Layout contract:
    docs/<lesson>.md                 a page
    snippets/<lesson>/<name>.py      a program a learner can paste and run
    snippets/<lesson>/<name>.out     its standard output, byte for byte

Everything that needs a path asks a Layout, so a check reads as a claim ("every snippet is
included by a page") and not as path plumbing, and works the same on a temporary copy of the
repository (the engine's own tests plant defects in such copies).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from verified_lessons.syntax import INCLUDE

ROOT = Path(__file__).resolve().parent.parent


class Layout:
    """Paths of one checkout (the real one, or a temp copy in the engine's own tests)."""

    def __init__(self, root: Path = ROOT):
        self.root = Path(root)
        self.docs = self.root / "docs"
        self.snippets = self.root / "snippets"
        self.mkdocs_yml = self.root / "mkdocs.yml"
        self.not_results = self.docs / "not_results.toml"

    def snippet_files(self) -> list[Path]:
        return sorted(self.snippets.rglob("*.py"))

    def output_files(self) -> list[Path]:
        return sorted(self.snippets.rglob("*.out"))

    def pages(self) -> list[Path]:
        return sorted(self.docs.rglob("*.md"))

    def page_id(self, page: Path) -> str:
        """'causal_masks.md': a page as the docs folder names it."""
        return Path(page).resolve().relative_to(self.docs.resolve()).as_posix()

    def rel(self, path: Path) -> str:
        """A path as a reader finds it in the repo: 'snippets/masks/causal_mask.py'."""
        return Path(path).resolve().relative_to(self.root.resolve()).as_posix()

    def includes(self, page: Path, text: str | None = None) -> list[Path]:
        """Files a page includes, resolved against snippets/ (missing ones too)."""
        found = []
        text = Path(page).read_text(encoding="utf-8") if text is None else text
        for line in text.splitlines():
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


def tracked_files(root: Path = ROOT) -> list[str]:
    """Every file of the checkout that git tracks or would track (not ignored ones)."""
    done = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root, capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{root} is not a git checkout; the engine's self-tests copy the "
                           f"files git lists there:\n{done.stderr}")
    return [name for name in done.stdout.split("\0") if name and (root / name).is_file()]


def copy_repo(target: Path) -> Layout:
    """A copy of the repository in `target` (every file git tracks or would track), for tests
    that plant a defect in it."""
    for name in tracked_files(LAYOUT.root):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(LAYOUT.root / name, destination)
    return Layout(target)


def replace_once(path: Path, old: str, new: str) -> None:
    """Plant an edit in a copy: `old` must occur exactly once in the file, so a planted case
    never passes vacuously after the text it edits has changed."""
    text = Path(path).read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise AssertionError(f"{old!r} occurs {text.count(old)} times in {path}")
    Path(path).write_text(text.replace(old, new), encoding="utf-8")


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
    # the glossary mkdocs appends to every page (abbreviation definitions) is not the page's
    # content: the checks read the page itself
    options.pop("auto_append", None)
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
