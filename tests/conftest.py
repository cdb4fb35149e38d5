"""Shared fixtures and the command-line switches of the doc-tests."""

from __future__ import annotations

import pytest

from verified_lessons.build import mkdocs_build
from verified_lessons.layout import LAYOUT
from verified_lessons.runner import DEFAULT_TIMEOUT, ForkRunner, Run


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
        "--snippet-timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds a snippet may run before it is stopped (default {DEFAULT_TIMEOUT:g})",
    )


def pytest_collection_modifyitems(config, items):
    """With --update-outputs, outputs are rewritten first, then the quotes bound to them."""
    if config.getoption("--update-outputs"):
        items.sort(key=lambda item: item.path.name != "test_snippets.py")


@pytest.fixture(scope="session")
def layout():
    return LAYOUT


@pytest.fixture(scope="session")
def snippet_timeout(request) -> float:
    return request.config.getoption("--snippet-timeout")


@pytest.fixture(scope="session")
def update_outputs(request) -> bool:
    return request.config.getoption("--update-outputs")


@pytest.fixture(scope="session")
def run_snippet(request, snippet_timeout):
    """Check a snippet once per session: two runs in isolated forked children, the second with
    other global seeds and a higher print precision; later calls reuse them. Returns
    (first, second).

    The snippets of the selected tests start at once, as many at a time as there are cores,
    all forked from the one server that imported numpy and torch: the tests then only wait
    for results. (`pytest -k NAME` starts only NAME's snippet.)
    """
    import os
    from concurrent.futures import ThreadPoolExecutor

    runner = ForkRunner()
    pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
    futures = {}

    def start(path):
        if path not in futures:
            futures[path] = (pool.submit(runner.run, path, snippet_timeout, Run(0)),
                             pool.submit(runner.run, path, snippet_timeout, Run(1, strict=True)))
        return futures[path]

    for item in request.session.items:
        snippet = getattr(item, "callspec", None) and item.callspec.params.get("snippet")
        if snippet is not None:
            start(snippet)
    yield lambda path: tuple(f.result() for f in start(path))
    pool.shutdown(wait=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The online build, made once per test session."""
    site = tmp_path_factory.mktemp("site")
    done = mkdocs_build(site)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}"
    return site


# --- browser tests (tests/test_browser.py, tests/test_playground.py) ----------------------


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site-offline")
    done = mkdocs_build(site, env={"OFFLINE": "true"})
    assert done.returncode == 0, f"the offline build failed:\n{done.stdout}"
    return site


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
def page_url(offline_site, online_url):
    """The address of a page (name without .md) in a build."""

    def url(build: str, name: str) -> str:
        if build == "offline":
            return (offline_site / f"{name}.html").as_uri()
        return online_url + ("" if name == "index" else f"{name.removesuffix('/index')}/")

    return url
