"""Render the pages' math with KaTeX at build time, not in the reader's browser.

pymdownx.arithmatex (generic mode) leaves TeX in the page as \\(...\\) and \\[...\\]; this
hands every formula of a page to the vendored KaTeX running in Node (katex_render.js)
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

RENDERER = Path(__file__).with_name("katex_render.js")
_MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])</(?P=tag)>',
    re.S,
)


class MathError(ValueError):
    """A formula KaTeX cannot render, or no Node.js to render it with."""


def render(formulas: list[dict], where: str) -> list[str]:
    node = shutil.which("node")
    if node is None:
        raise MathError("verified_lessons/katex.py renders math with Node.js, which is not installed")
    done = subprocess.run([node, str(RENDERER)], input=json.dumps(formulas), capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise MathError(f"{where}: KaTeX cannot render a formula: {done.stderr.strip()}")
    return json.loads(done.stdout)


def render_page_math(html_text: str, where: str) -> str:
    """A page's HTML with every arithmatex formula replaced by KaTeX's rendering."""
    matches = list(_MATH.finditer(html_text))
    if not matches:
        return html_text
    formulas = [
        {"tex": html.unescape(m["block"] if m["block"] is not None else m["inline"]).strip(),
         "display": m["block"] is not None}
        for m in matches
    ]
    rendered = iter(render(formulas, where))
    return _MATH.sub(lambda m: f'<{m["tag"]} class="arithmatex">{next(rendered)}</{m["tag"]}>',
                     html_text)
