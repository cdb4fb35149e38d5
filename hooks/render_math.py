"""mkdocs hook: render the pages' math with KaTeX at build time, not in the reader's browser.

pymdownx.arithmatex (generic mode) leaves TeX in the page as \\(...\\) and \\[...\\]; this hook
hands every formula of a page to the vendored KaTeX running in Node (hooks/katex_render.js)
and puts the rendered HTML (with MathML for screen readers) in its place. Lesson pages then
load KaTeX's CSS and fonts only, not its 270 KB of JavaScript. Notebook pages, whose markdown
nbconvert renders, still load KaTeX in the browser (docs/javascripts/katex.js).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

RENDERER = Path(__file__).with_name("katex_render.js")
_MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])</(?P=tag)>',
    re.S,
)


def render(formulas: list[dict], where: str) -> list[str]:
    node = shutil.which("node")
    if node is None:
        raise PluginError("hooks/render_math.py renders math with Node.js, which is not installed")
    done = subprocess.run([node, str(RENDERER)], input=json.dumps(formulas), capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise PluginError(f"{where}: KaTeX cannot render a formula: {done.stderr.strip()}")
    return json.loads(done.stdout)


def on_page_content(html_text, page, config, files):
    matches = list(_MATH.finditer(html_text))
    if not matches:
        return html_text
    formulas = [
        {"tex": html.unescape(m["block"] if m["block"] is not None else m["inline"]).strip(),
         "display": m["block"] is not None}
        for m in matches
    ]
    rendered = iter(render(formulas, page.file.src_uri))
    return _MATH.sub(lambda m: f'<{m["tag"]} class="arithmatex">{next(rendered)}</{m["tag"]}>',
                     html_text)
