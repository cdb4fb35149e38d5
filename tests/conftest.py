"""Shared fixtures and the command-line switches of the doc-tests."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from verified_lessons.build import mkdocs_build
from verified_lessons.layout import LAYOUT
from verified_lessons.runner import DEFAULT_TIMEOUT, ForkRunner, Run
from verified_lessons.syntax import IMAGE, render_binds


def pytest_addoption(parser):
    group = parser.getgroup("attention-lessons")
    group.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite snippets/**/*.out with what each selected snippet prints now, and the "
        "numbers bound to them on the pages (review the change with git diff); without it the "
        "tests never write",
    )
    group.addoption(
        "--screenshots",
        action="store_true",
        help="save a full-page screenshot of every page visit of the browser tests to "
        "test-artifacts/screenshots/ (to look at after a change to the theme)",
    )
    group.addoption(
        "--lesson",
        metavar="NAME",
        help="run only the checks that concern docs/NAME.md: its snippets and outputs, the page "
        "through pytest-codeblocks, its bound numbers, tabs, figures, notebook, and its browser "
        "visits (both widths, both schemes)",
    )
    group.addoption(
        "--snippet-timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds a snippet may run before it is stopped (default {DEFAULT_TIMEOUT:g})",
    )


def pytest_collection_modifyitems(config, items):
    """--lesson NAME keeps the checks that concern that lesson. With --update-outputs, outputs
    are rewritten first, then the quotes bound to them."""
    lesson = config.getoption("--lesson")
    if lesson:
        names = lesson_names(lesson)
        kept = [item for item in items if concerns(item, lesson, names)]
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
    if config.getoption("--update-outputs"):
        if getattr(config.option, "numprocesses", None):
            raise pytest.UsageError("--update-outputs rewrites the outputs first, then the numbers "
                                    "bound to them: run it in one process (-n 0)")
        items.sort(key=lambda item: item.path.name != "test_snippets.py")


def lesson_names(lesson: str) -> set[str]:
    """What the tests of lesson NAME are parametrised with: its page, its notebook, the
    snippets and outputs it shows (with and without suffix, and a tab pair's common name),
    and its figures."""
    page = LAYOUT.docs / f"{lesson}.md"
    if not page.is_file():
        lessons = ", ".join(p.stem for p in LAYOUT.pages())
        raise pytest.UsageError(f"--lesson {lesson}: there is no docs/{lesson}.md (lessons: {lessons})")
    names = {lesson, f"{lesson}.md", f"notebooks/{lesson}"}
    for path in LAYOUT.includes(page):
        rel = path.relative_to(LAYOUT.snippets).as_posix()
        stem = rel.rsplit(".", 1)[0]
        names |= {rel, stem + ".py", stem + ".out", stem, re.sub(r"_(numpy|torch)$", "", stem)}
    text = page.read_text(encoding="utf-8")
    names |= {m["src"].removeprefix("figures/") for m in IMAGE.finditer(render_binds(text))
              if m["src"].startswith("figures/")}
    return names


def concerns(item, lesson: str, names: set[str]) -> bool:
    marker = item.get_closest_marker("lesson")
    if marker is not None:
        return lesson in marker.args
    callspec = getattr(item, "callspec", None)
    return callspec is not None and any(part in names for part in callspec.id.split("-"))


@pytest.fixture(scope="session")
def layout():
    return LAYOUT


@pytest.fixture(scope="session")
def snippet_timeout(request) -> float:
    return request.config.getoption("--snippet-timeout")


@pytest.fixture(scope="session")
def update_outputs(request) -> bool:
    return request.config.getoption("--update-outputs")


def is_xdist_worker(config) -> bool:
    return hasattr(config, "workerinput")


@pytest.fixture(scope="session")
def selected(request):
    """selected(test, param): the values of parameter `param` of test function `test` among the
    tests this run selected (all of them, or one lesson's with --lesson)."""
    return lambda test, param: [item.callspec.params[param] for item in request.session.items
                                if getattr(item, "originalname", None) == test]


@pytest.fixture(scope="session")
def shared(request, tmp_path_factory):
    """made = shared(name, make, *key): a folder made once per test run, by whichever xdist
    worker asks first, while the others wait for it (a file lock); make(folder) fills it. The
    key (a snippet's path, the pages selected) names what it was made from."""
    from filelock import FileLock

    root = tmp_path_factory.getbasetemp()
    if is_xdist_worker(request.config):
        root = root.parent   # the run's folder, above each worker's own
    root = root / "shared"
    root.mkdir(exist_ok=True)

    def once(name: str, make, *key) -> Path:
        if key:
            name += "-" + hashlib.sha256(" ".join(map(str, key)).encode()).hexdigest()[:16]
        folder = root / name
        with FileLock(str(folder) + ".lock"):
            if not (folder / ".made").exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                make(folder)
                (folder / ".made").touch()
        return folder

    return once


@pytest.fixture(scope="session")
def run_snippet(request, snippet_timeout, shared):
    """Check a snippet once per test run: two runs in isolated forked children, the second with
    other global seeds and a higher print precision. Returns (first, second); later calls, in
    this process or another xdist worker, reuse them.

    Alone (no xdist), the snippets of the selected tests start at once, as many at a time as
    there are cores, all forked from the one server that imported numpy and torch: the tests
    then only wait for results. (`pytest -k NAME` starts only NAME's snippet.) Under xdist each
    worker runs its tests' snippets, both runs at once.
    """
    from concurrent.futures import ThreadPoolExecutor

    runner = ForkRunner()
    pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
    futures = {}

    def start(path):
        if path not in futures:
            futures[path] = (pool.submit(runner.run, path, snippet_timeout, Run(0)),
                             pool.submit(runner.run, path, snippet_timeout, Run(1, strict=True)))
        return futures[path]

    def results(path: Path):
        def make(folder):
            runs = tuple(f.result() for f in start(path))
            (folder / "runs.pickle").write_bytes(pickle.dumps(runs))
        return pickle.loads((shared("runs", make, path) / "runs.pickle").read_bytes())

    if not is_xdist_worker(request.config):
        for item in request.session.items:
            snippet = getattr(item, "callspec", None) and item.callspec.params.get("snippet")
            if snippet is not None:
                start(snippet)
    yield results
    pool.shutdown(wait=True)


@pytest.fixture(scope="session")
def built_site(shared):
    """The online build, made once per test run."""
    return shared("site", _build)


def _build(folder: Path, env=None) -> None:
    done = mkdocs_build(folder, env=env)
    assert done.returncode == 0, f"mkdocs build --strict failed ({env or 'online'}):\n{done.stdout}"


# --- browser tests (tests/test_browser.py, tests/test_playground.py) ----------------------


@pytest.fixture(scope="session")
def offline_site(shared):
    return shared("site-offline", lambda folder: _build(folder, env={"OFFLINE": "true"}))


@pytest.fixture(scope="session")
def online_url(built_site):
    from verified_lessons.browser import StaticServer

    with StaticServer(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from verified_lessons.browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def dropped_rules(offline_site, built_site):
    """The selectors the build dropped from the theme's stylesheets, with the names each needs,
    per build (verified_lessons.stylesheets)."""
    from verified_lessons.stylesheets import dropped_rules

    return {"offline": dropped_rules(offline_site, LAYOUT.docs),
            "online": dropped_rules(built_site, LAYOUT.docs)}


@pytest.fixture(scope="session")
def page_url(offline_site, online_url):
    """The address of a page (name without .md) in a build."""

    def url(build: str, name: str) -> str:
        if build == "offline":
            return (offline_site / f"{name}.html").as_uri()
        return online_url + ("" if name == "index" else f"{name.removesuffix('/index')}/")

    return url
