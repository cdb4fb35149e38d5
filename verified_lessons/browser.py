"""Drive Debian's chromium through Playwright, and look at a page as a reader's browser does.

Never `playwright install`: the tests use the system chromium (scripts/install puts it there).
Every request the page makes is recorded; a request to any host other than this machine is
aborted and reported, so the tests prove that the site works offline.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

# Debian's chromium; CHROMIUM may name another Chromium-based browser (the deploy workflow's).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in {"file", "data", "blob", "about"}:
        return True
    return parsed.scheme in {"http", "https", "ws", "wss"} and parsed.hostname in LOCAL_HOSTS


@dataclass
class Visit:
    """What one page did in the browser."""

    url: str
    requests: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def launch(playwright):
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"{CHROMIUM} not found: the browser tests use Debian's chromium. "
            "Run `bash scripts/install` (as root it installs it with apt-get)."
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)


def watch(context, visit: Visit) -> None:
    """Record every request of a browser context; abort and report non-local ones."""

    def route(r):
        url = r.request.url
        if is_local(url):
            r.continue_()
        else:
            visit.outside_requests.append(url)
            r.abort("blockedbyclient")

    context.route("**/*", route)
    context.on("request", lambda request: visit.requests.append(request.url))
    context.on(
        "requestfailed",
        lambda request: is_local(request.url)
        and visit.failed_requests.append(f"{request.url} ({request.failure})"),
    )
    context.on(
        "console",
        lambda message: message.type == "error"
        and visit.console_errors.append(f"{message.text} at {message.location.get('url')}"),
    )
    context.on("weberror", lambda error: visit.console_errors.append(str(error.error)))


def open_page(browser, url: str, **context_args):
    """A fresh context (no cache, no state) with every request watched; the loaded page."""
    visit = Visit(url)
    context = browser.new_context(**context_args)
    watch(context, visit)
    page = context.new_page()
    page.goto(url, wait_until="load")
    return visit, context, page


class StaticServer:
    """The online build served on 127.0.0.1 (a random free port) from a thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Math: lesson pages carry KaTeX output rendered at build time (verified_lessons/katex.py) in every
# arithmatex span; notebook pages run KaTeX in the browser. No KaTeX error and no TeX delimiter may be left in the text a reader sees.
UNRENDERED_MATH_JS = r"""() => {
  const spans = [...document.querySelectorAll('.arithmatex')];
  const raw = spans.filter(s => !s.querySelector('math, .katex')).map(s => s.textContent.slice(0, 60));
  const errors = [...document.querySelectorAll('.katex-error, merror')].map(e => e.textContent.slice(0, 60));
  const article = document.querySelector('article') || document.querySelector('.jupyter-wrapper');
  const text = article ? article.innerText : '';
  const leftovers = (text.match(/\\\(|\\\)|\\\[|\\\]|\$\$|\$[^$\s][^$\n]*\$/g) || []);
  return {count: spans.length, raw, errors, leftovers};
}"""

BROKEN_IMAGES_JS = """() => [...document.images]
  .filter(img => !img.complete || img.naturalWidth === 0)
  .map(img => img.getAttribute('src'))"""


def copy_site(site: Path, target: Path) -> Path:
    shutil.copytree(site, target)
    return target
