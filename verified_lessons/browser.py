"""Drive Debian's chromium through Playwright, and look at a page as a reader's browser does.

Never `playwright install`: the tests use the system chromium (scripts/install puts it there).
Every request the page makes is recorded; a request to any host other than this machine is
aborted and reported, so the tests prove that the site works offline.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from verified_lessons import positions

# Debian's chromium; CHROMIUM may name another Chromium-based browser (the deploy workflow's).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    # No other host can be reached from these tests: every name resolves to nothing, except
    # this machine. A page that asks another host fails to load it, and the request is
    # reported (watch below) without routing every request through Python.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
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
    """Record every request of a browser context, and which went to another host (the browser
    cannot reach one: see CHROMIUM_FLAGS)."""

    def request(r):
        visit.requests.append(r.url)
        if not is_local(r.url):
            visit.outside_requests.append(r.url)

    context.on("request", request)
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
    page.evaluate("document.fonts.ready.then(() => true)")   # laid out with its fonts
    return visit, context, page


class StaticServer:
    """A built site served on 127.0.0.1 (a random free port) from a thread, as a static host
    serves it: under `prefix` (a sub-path such as "/attention-lessons/"), with the site's
    404.html for a missing page, and, with compress=True, gzip for text (as GitHub Pages)."""

    def __init__(self, root: Path, prefix: str = "/", compress: bool = False):
        handler = functools.partial(_Handler, directory=str(root), prefix=prefix,
                                    compress=compress)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".ipynb", ".txt")

    def __init__(self, *args, prefix="/", compress=False, **kwargs):
        self.prefix, self.compress = prefix, compress
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")   # outside the site: not found
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        missing = Path(self.directory) / "404.html"
        if code != 404 or not missing.exists():
            return super().send_error(code, message, explain)
        self._send(404, missing.read_bytes(), "text/html")

    def do_GET(self):
        path = Path(self.translate_path(self.path.split("?")[0].split("#")[0]))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()   # the redirect to the folder's URL
            path = path / "index.html"
        if not path.is_file():
            return self.send_error(404)
        self._send(200, path.read_bytes(), self.guess_type(str(path)))

    def _send(self, code, body: bytes, content_type: str):
        gzipped = self.compress and content_type.split(";")[0].endswith(
            ("html", "css", "javascript", "json", "svg+xml", "xml", "plain")) \
            and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)


# Two ways a reader meets every page.
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
TEX = r"\\[a-zA-Z]{2,}|\\[()\[\]]|\$\$|\$[^$\s][^$\n]*\$|[_^]\{"

# What a reader would see wrong on a page: unrendered math, TeX source in any text or name
# (table of contents, drawer, alt text, labels), content cut off or scrolling the whole page
# sideways, a sideways-scrolling box the keyboard cannot reach or a screen reader cannot name,
# names in code drawn in another colour than the code, and images without their intrinsic size
# (the page shifts as they load).
READER_PROBLEMS_JS = r"""(tex) => {
  const problems = [];
  const describe = (el) => {
    const title = el.closest('.highlight')?.querySelector('.filename')?.textContent;
    const text = (el.getAttribute('aria-label') || title || el.textContent || '').trim();
    return `<${el.tagName.toLowerCase()} class="${el.className}"> "${text.slice(0, 50)}"`;
  };
  // math rendered, no KaTeX error
  for (const s of document.querySelectorAll('.arithmatex'))
    if (!s.querySelector('.katex')) problems.push(`math not rendered: ${s.textContent.slice(0, 60)}`);
  for (const e of document.querySelectorAll('.katex-error, merror'))
    problems.push(`KaTeX error: ${e.textContent.slice(0, 60)}`);
  // TeX source in text a reader reads (code excluded) or in names and alt texts
  const pattern = new RegExp(tex, 'g');
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, .katex-mathml, textarea, .clipboard-copy-txt').forEach(e => e.remove());
  for (const m of (clone.textContent.match(pattern) || []))
    problems.push(`TeX source in the page's text: "${m}"`);
  for (const el of document.querySelectorAll('[alt], [title], [aria-label]'))
    for (const name of ['alt', 'title', 'aria-label']) {
      const value = el.getAttribute(name);
      if (value && new RegExp(tex).test(value) && !el.closest('pre, code'))
        problems.push(`TeX source in the ${name} of ${describe(el)}: "${value.slice(0, 80)}"`);
    }
  // the page itself never scrolls sideways
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    const wide = [...document.querySelectorAll('article *')]
      .filter(e => e.getBoundingClientRect().right > width + 1).slice(0, 3).map(describe);
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px in a ${width}px window): ${wide.join('; ')}`);
  }
  // anything wider than its box scrolls inside it, and that box is focusable and named
  const scrolledByAncestor = (el) => {
    for (let p = el.parentElement; p && p.tagName !== 'ARTICLE'; p = p.parentElement)
      if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
    return false;
  };
  for (const el of document.querySelectorAll('article *')) {
    if (el.scrollWidth <= el.clientWidth + 1 || !el.getClientRects().length) continue;
    const overflow = getComputedStyle(el).overflowX;
    if (['auto', 'scroll'].includes(overflow)) {
      if (el.tabIndex < 0 || !el.getAttribute('aria-label'))
        problems.push(`scrolls sideways but the keyboard cannot reach it or it has no name: ${describe(el)}`);
    } else if (el.matches('div.arithmatex, pre, code, p, li, td, th, img, table, h1, h2, h3, h4, .jp-RenderedMarkdown, .jp-OutputArea-output')
               && el.getBoundingClientRect().left + el.scrollWidth > width + 1
               && !scrolledByAncestor(el)) {
      problems.push(`cut off at the screen's edge: ${describe(el)} (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
  }
  // on a desktop, every code block, output, formula and table fits its column: a reader sees
  // it whole without scrolling (snippet and output lines are at most 79 characters, long
  // formulas are broken over lines)
  if (width >= 1200)
    for (const el of document.querySelectorAll('article pre, article pre > code, article .katex-display, article table, article .jp-OutputArea-output'))
      if (el.getClientRects().length && el.scrollWidth > el.clientWidth + 1)
        problems.push(`wider than its column at ${width}px: ${describe(el)} (${el.scrollWidth}px in ${el.clientWidth}px)`);
  // a notebook cell's copy button covers none of its code
  for (const button of document.querySelectorAll('article .zeroclipboard-container')) {
    const pre = button.parentElement?.querySelector('pre');
    if (!pre || !button.getClientRects().length) continue;
    const codeTop = pre.getBoundingClientRect().top + parseFloat(getComputedStyle(pre).paddingTop);
    if (button.getBoundingClientRect().bottom > codeTop + 1)
      problems.push(`the copy button covers the first line of code: ${describe(pre)}`);
  }
  // code, outputs and names in tables never break a row, a number or a name over two lines:
  // what does not fit scrolls as a whole
  for (const el of document.querySelectorAll('article pre > code, article .jp-OutputArea-output pre, article .highlight-ipynb pre, article td code, article th code')) {
    if (!el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    const keeps = el.matches('td code, th code') ? ['nowrap', 'pre'] : ['pre'];
    if (!keeps.includes(style.whiteSpace) || style.wordBreak === 'break-all' || style.overflowWrap === 'anywhere')
      problems.push(`may break a line inside a row, number or name (white-space ${style.whiteSpace}, word-break ${style.wordBreak}, overflow-wrap ${style.overflowWrap}): ${describe(el)}`);
  }
  // no number of the prose breaks over two lines (a URL shown as a link's text may), and a
  // name in inline code breaks only after a dot or a slash (verified_lessons/wrapping.py)
  const lineCount = (range) => new Set([...range.getClientRects()]
    .filter(r => r.width > 0).map(r => Math.round(r.bottom))).size;
  const article = document.querySelector('article');
  if (article) {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    const NUMBER = /[-\u2212]?\d+(?:[.,]\d+)*(?:e[-+\u2212]?\d+)?/g;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const link = node.parentElement.closest('a');
      if (node.parentElement.closest('pre, code, .katex, script, style, textarea')
          || (link && /^https?:|\//.test(link.textContent.trim()))) continue;
      for (const m of node.data.matchAll(NUMBER)) {
        if (m[0].length < 2) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (lineCount(range) > 1) problems.push(`a number breaks over two lines: "${m[0]}" in ${describe(node.parentElement)}`);
      }
    }
    for (const code of article.querySelectorAll(':not(pre) > code')) {
      if (!code.getClientRects().length) continue;
      const whole = document.createRange();
      whole.selectNodeContents(code);
      if (lineCount(whole) < 2) continue;
      // each drawn character's line: a new line may start only after a dot, a slash or a space
      let text = '';
      const drawn = [];   // [index in text, bottom of its line]
      const inner = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      for (let t = inner.nextNode(); t; t = inner.nextNode()) {
        for (let i = 0; i < t.data.length; i++) {
          const range = document.createRange();
          range.setStart(t, i);
          range.setEnd(t, i + 1);
          const rect = [...range.getClientRects()].find(r => r.width > 0);
          if (rect) drawn.push([text.length + i, Math.round(rect.bottom)]);
        }
        text += t.data;
      }
      for (let k = 1; k < drawn.length; k++) {
        const [before, at] = [drawn[k - 1][0], drawn[k][0]];
        if (drawn[k][1] > drawn[k - 1][1] && !/[./]/.test(text[before]) && !/\s/.test(text.slice(before + 1, at + 1))) {
          problems.push(`a name breaks over two lines inside a word: "${text.slice(0, at)}|${text.slice(at)}"`);
          break;
        }
      }
    }
  }
  // a heading's permalink mark is never alone on a line under the heading's text
  for (const mark of document.querySelectorAll('article .headerlink, article .anchor-link')) {
    const heading = mark.parentElement;
    const range = document.createRange();
    range.selectNodeContents(heading);
    range.setEndBefore(mark);
    const text = [...range.getClientRects()].filter(r => r.width > 0);
    if (text.length && mark.getBoundingClientRect().top >= text[text.length - 1].bottom - 2)
      problems.push(`the permalink mark stands alone on a line under the heading "${heading.textContent.trim().slice(0, 60)}"`);
  }
  // tokens in code are plain text (verified_lessons/site.py plain_code): the theme must draw
  // each unwrapped kind in the code's own colour and weight, or unwrapping them would have
  // changed the page (the first block of each kind: a lesson's code, a notebook's cell)
  for (const [selector, kinds] of [['.highlight pre > code', ['n', 'o', 'p', 'w']], ['.highlight-ipynb pre', ['n', 'w']]]) {
    const code = document.querySelector(selector);
    if (!code) continue;
    for (const kind of kinds) {
      const token = document.createElement('span');
      token.className = kind;
      token.textContent = 'x';
      code.append(token);
      const [own, drawn] = [getComputedStyle(code), getComputedStyle(token)];
      const [ownLook, drawnLook] = [`${own.color} ${own.fontWeight}`, `${drawn.color} ${drawn.fontWeight}`];
      token.remove();
      if (ownLook !== drawnLook) problems.push(`a token of kind "${kind}" in ${selector} would be drawn ${drawnLook}, the code ${ownLook}: these tokens are shown unwrapped`);
    }
  }
  // images: loaded, and sized in the HTML (no layout shift)
  for (const img of document.querySelectorAll('article img')) {
    if (!img.complete || img.naturalWidth === 0) problems.push(`image did not load: ${img.getAttribute('src').slice(0, 60)}`);
    else if (!img.getAttribute('src').startsWith('data:') && !(img.getAttribute('width') && img.getAttribute('height')))
      problems.push(`image without width and height: ${img.getAttribute('src')}`);
  }
  return problems;
}"""

# Every word of every class, id, attribute value and dir of the live page, after its scripts
# ran: the build dropped the theme's style rules whose selectors need a name that neither the
# site's markup nor its scripts have (verified_lessons.stylesheets), so no page may have all the
# names of a dropped selector.
LIVE_NAMES_JS = r"""() => {
  const names = new Set();
  const add = (text) => { for (const w of text.match(/[\w-]+/g) || []) names.add(w); };
  for (const el of document.querySelectorAll('*')) {
    for (const c of el.classList) add(c);
    for (const a of el.attributes) if (a.name !== 'style' && !a.value.startsWith('data:')) add(a.value);
  }
  return [...names];
}"""


def rules_dropped_wrongly(page, dropped) -> list[str]:
    """Problems for each selector the build dropped whose names the live page all has."""
    live = set(page.evaluate(LIVE_NAMES_JS))
    return [f"the build dropped the theme's rule for {selector!r}, but this page has all the "
            f"names it needs ({', '.join(sorted(needs))})"
            for selector, needs in dropped if needs and needs <= live]


# The text boxes of an SVG figure opened as a document, in CSS px at the figure's own size;
# font sizes in the SVG's own units (viewBox), so size * column / units is the size on screen
# when the figure is shown `column` px wide.
SVG_TEXT_BOXES_JS = r"""() => {
  const svg = document.documentElement;
  const own = svg.getBoundingClientRect();
  const units = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal.width : own.width;
  return {width: own.width, units, boxes: [...document.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent.trim(), x: r.x, y: r.y, w: r.width, h: r.height,
            size: parseFloat(getComputedStyle(t).fontSize)};
  })};
}"""


def copy_site(site: Path, target: Path) -> Path:
    shutil.copytree(site, target)
    return target


# The SVG figures a page shows, each with the text a reader reads around it: its section (from
# the h2 before it to the next), without code, math and permalink marks, and the descriptions
# of the section's images.
FIGURE_SECTIONS_JS = r"""() => {
  const article = document.querySelector('article');
  const skip = 'pre, code, .katex, .arithmatex, .headerlink, script, style';
  const sections = [[]];
  for (const el of article.children) {
    if (el.tagName === 'H2') sections.push([]);
    sections[sections.length - 1].push(el);
  }
  const found = [];
  for (const section of sections) {
    const copy = document.createElement('div');
    section.forEach(el => copy.appendChild(el.cloneNode(true)));
    const images = [...copy.querySelectorAll('img')];
    copy.querySelectorAll(skip).forEach(el => el.remove());
    const text = copy.textContent + '\n' + images.map(i => i.alt).join('\n');
    for (const img of images) {
      const src = img.getAttribute('src');
      if (src && src.endsWith('.svg')) found.push({src, text});
    }
  }
  return found;
}"""


def position_problems(page, page_file: Path) -> list[str]:
    """Positions numbered other than from 0 on an opened page (verified_lessons.positions),
    its figures read from the built site beside `page_file`."""
    return positions.problems(page_file.name, [
        (f["src"], (page_file.parent / f["src"]).resolve(), f["text"])
        for f in page.evaluate(FIGURE_SECTIONS_JS)])


# Every name a page gives the course's pages: its own title (h1), and each link to a page (no
# #part) with its text, in the sidebar, the footer ("Next: ..."), and the article, where a link
# names a page when its text is capitalised or it stands alone in parentheses (the rule of
# verified_lessons.crosschecks.link_name_problems, here on the page as built).
PAGE_NAMES_JS = r"""() => {
  const own = document.querySelector('article h1');
  const names = [];
  const page = (a) => a.href.split('#')[0];
  for (const a of document.querySelectorAll('.md-sidebar--primary a.md-nav__link:not([href*="#"])'))
    names.push(['the sidebar', page(a), a.textContent.trim()]);
  for (const a of document.querySelectorAll('a.md-footer__link'))
    names.push(['the footer', page(a), (a.getAttribute('aria-label') || '').replace(/^(Previous|Next): /, '')]);
  for (const a of document.querySelectorAll('article a[href]:not(.headerlink)')) {
    if (a.getAttribute('href').includes('#') || a.closest('nav')) continue;
    const text = a.textContent.trim();
    const before = a.previousSibling?.textContent ?? '', after = a.nextSibling?.textContent ?? '';
    if (/^\p{Lu}/u.test(text) || (before.endsWith('(') && after.startsWith(')')))
      names.push(['the article', page(a), text]);
  }
  return {url: location.href.split('#')[0],
          title: own ? own.textContent.replace(/\u00b6$/, '').trim() : null, names};
}"""


def name_problems(seen: list[dict]) -> list[str]:
    """Each name given to a page (PAGE_NAMES_JS, over the pages of one build) that is not that
    page's own title; a title's first letter may be lower case, as in running text."""
    titles = {page["url"]: page["title"] for page in seen if page["title"]}
    problems = []
    for page in seen:
        for where, target, text in page["names"]:
            title = titles.get(target)
            if title and text not in (title, title[:1].lower() + title[1:]):
                problems.append(f"{page['url'].rsplit('/', 1)[-1]}: {where} calls "
                                f"{target.rsplit('/', 1)[-1]} \"{text}\", but its title is "
                                f"\"{title}\"")
    return problems
