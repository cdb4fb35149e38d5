"""Check every internal link and #anchor of a built site, from the HTML files alone."""

from __future__ import annotations

import html.parser
import re
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


class _Blocks(html.parser.HTMLParser):
    """Code blocks of an article, with the title the build gives snippet blocks; and every
    URL that a tag makes the browser load."""

    LOADS = {("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"),
             ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src")}

    def __init__(self):
        super().__init__()
        self.depth_article = 0
        self.title: str | None = None
        self.in_title = False
        self.blocks: list[str | None] = []   # the title each <pre> of the article came with
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if (tag, name) in self.LOADS and value and value.startswith(("http://", "https://", "//")):
                self.loads.append(f"<{tag} {name}=\"{value}\">")
        if tag == "article":
            self.depth_article += 1
        if not self.depth_article:
            return
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "highlight" in classes:
            self.title = None
        if tag == "span" and "filename" in classes:
            self.in_title, self.title = True, ""
        if tag == "pre":
            self.blocks.append(self.title)
            self.title = None

    def handle_endtag(self, tag):
        if tag == "article" and self.depth_article:
            self.depth_article -= 1
        if tag == "span":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def typed_by_hand(site: Path, snippets: Path) -> list[str]:
    """Code blocks in the built articles that no snippet include produced (a block typed into a
    page, fenced or indented), and tags that load anything from another host."""
    problems = []
    for page in sorted(Path(site).rglob("*.html")):
        where = page.relative_to(site).as_posix()
        parser = _Blocks()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{where}: {tag} loads from another host" for tag in parser.loads]
        if where.startswith("notebooks/"):
            continue   # generated from the snippets themselves
        for title in parser.blocks:
            m = title and re.search(r"snippets/(\S+?\.(?:py|out))\)?$", title.strip())
            if not m or not (snippets / m[1]).is_file():
                problems.append(f"{where}: a code block that no snippet include produced "
                                f"(title: {title!r}); show code and output only by including "
                                "snippets/<lesson>/<name>.py and .out")
    return problems
