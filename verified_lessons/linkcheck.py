"""Check every internal link and #anchor of a built site, from the HTML files alone."""

from __future__ import annotations

import html.parser
from pathlib import Path
from urllib.parse import unquote, urlparse

# (tag, attribute) pairs whose value is a URL the page links to or loads
URL_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
                  ("source", "src"), ("iframe", "src")}


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if (tag, name) in URL_ATTRIBUTES and value:
                self.urls.append(value)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """'page.html: href -> what is wrong' for every internal URL that does not resolve."""
    site = site.resolve()
    parsed: dict[Path, _Page] = {p: _parse(p) for p in site.rglob("*.html")}
    problems = []
    for page_path, page in parsed.items():
        for url in page.urls:
            target = urlparse(url)
            if target.scheme or url.startswith("//"):
                continue  # external or data: URL (the browser tests catch outside requests)
            if target.path:
                # '/x' is relative to the site root (as a static host serves it)
                base = site if target.path.startswith("/") else page_path.parent
                resolved = (base / unquote(target.path).lstrip("/")).resolve()
                if url.endswith("/") or resolved.is_dir():
                    resolved = resolved / "index.html"
            else:
                resolved = page_path
            where = f"{page_path.relative_to(site)}: {url}"
            if not resolved.is_relative_to(site):
                problems.append(f"{where} -> points outside the site")
            elif not resolved.is_file():
                problems.append(f"{where} -> {resolved.relative_to(site)} does not exist")
            elif target.fragment and resolved.suffix == ".html":
                ids = parsed[resolved].ids if resolved in parsed else _parse(resolved).ids
                if unquote(target.fragment) not in ids:
                    problems.append(f"{where} -> no #{target.fragment} in {resolved.relative_to(site)}")
    return problems
