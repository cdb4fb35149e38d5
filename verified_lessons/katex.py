"""Render the pages' math with KaTeX at build time, not in the reader's browser.

pymdownx.arithmatex (generic mode) leaves TeX in the page as \\(...\\) and \\[...\\]; this
hands every formula of a page to the vendored KaTeX running in Node (katex_render.js)
and puts the rendered HTML (with MathML for screen readers) in its place. Lesson pages then
load KaTeX's CSS and fonts only, not its 270 KB of JavaScript. Notebook pages, whose markdown
nbconvert renders, still load KaTeX in the browser (docs/javascripts/katex.js).
"""

from __future__ import annotations

import atexit
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


_node: subprocess.Popen | None = None


def forget_renderer() -> None:
    """In a forked child: start a Node process of its own rather than share the parent's."""
    global _node
    _node = None


def render(formulas: list[dict], where: str) -> list[str]:
    """KaTeX's HTML for each formula. One Node process serves the whole build (a start-up per
    page cost 80 ms each); it is started on first use and ends with the build."""
    global _node
    if _node is None or _node.poll() is not None:
        node = shutil.which("node")
        if node is None:
            raise MathError("verified_lessons/katex.py renders math with Node.js, which is not installed")
        _node = subprocess.Popen([node, str(RENDERER)], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, encoding="utf-8")
        atexit.register(_node.kill)
    _node.stdin.write(json.dumps(formulas) + "\n")
    _node.stdin.flush()
    answer = _node.stdout.readline()
    if not answer:
        raise MathError(f"{where}: the KaTeX renderer (Node.js) stopped without an answer")
    answer = json.loads(answer)
    if "error" in answer:
        raise MathError(f"{where}: KaTeX cannot render a formula: {answer['error']}")
    return answer["html"]


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
    texts = iter(html.escape(tex_to_text(f["tex"]), quote=False) for f in formulas)

    def replace(m: re.Match) -> str:
        # KaTeX's HTML and MathML for the eye and the screen reader; the search index gets the
        # plain-text form instead of TeX source and glyphs. Material's search skips an element
        # marked data-search-exclude, but it matches elements by tag name only, so the marked
        # wrapper needs a tag that KaTeX's output never uses inside it: a custom element.
        tag = m["tag"]
        return (f'<{tag} class="arithmatex"><katex-math data-search-exclude>{next(rendered)}'
                f'</katex-math><span class="math-search-text" hidden>{next(texts)}</span></{tag}>')

    return _MATH.sub(replace, html_text)


# --- plain text for places where rendered math cannot go ---------------------------------
# The table of contents, the search index, notebook headings and accessible names show text,
# not KaTeX's HTML. tex_to_text turns the TeX the lessons use into readable Unicode:
# "Why divide by \sqrt{d_k}?" -> "Why divide by √d_k?".
_SYMBOLS = {
    r"\infty": "∞", r"\times": "×", r"\cdot": "·", r"\top": "ᵀ", r"\le": "≤", r"\leq": "≤",
    r"\ge": "≥", r"\geq": "≥", r"\neq": "≠", r"\approx": "≈", r"\to": "→", r"\rightarrow": "→",
    r"\sum": "Σ", r"\prod": "Π", r"\alpha": "α", r"\beta": "β", r"\theta": "θ", r"\lambda": "λ",
    r"\mu": "μ", r"\sigma": "σ", r"\pi": "π", r"\omega": "ω", r"\epsilon": "ε", r"\in": "∈",
    r"\lVert": "‖", r"\rVert": "‖", r"\|": "‖", r"\dots": "…", r"\ldots": "…", r"\cdots": "⋯",
    r"\pm": "±", r"\mid": "|", r"\sim": "~", r"\odot": "⊙", r"\otimes": "⊗",
}
_SPACES = re.compile(r"\\(?:[,;: ]|q?quad)")
_WRAPPERS = re.compile(r"\\(?:text|mathrm|mathbf|mathit|operatorname|boldsymbol|mathcal)\s*\{([^{}]*)\}")
_SQRT = re.compile(r"\\sqrt\s*\{([^{}]*)\}")
_FRAC = re.compile(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SCRIPT = re.compile(r"([_^])\{([^{}]*)\}")
_SUPERSCRIPT = str.maketrans("0123456789-+()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾")


def tex_to_text(tex: str) -> str:
    """Readable Unicode for a TeX formula (no markup): what a table of contents can show."""
    text = _SPACES.sub(" ", tex.replace("\\!", ""))
    text = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)\s*([()\[\]|.]|\\[{}|])",
                  lambda m: "" if m[1] == "." else m[1].lstrip("\\"), text)
    for _ in range(4):   # nested constructs, innermost first
        text = _WRAPPERS.sub(r"\1", text)
        text = _SQRT.sub(lambda m: "√" + (m[1] if len(m[1]) <= 1 or re.fullmatch(r"\w+(_\w+)?", m[1])
                                          else f"({m[1]})"), text)
        text = _FRAC.sub(lambda m: f"{_grouped(m[1])}/{_grouped(m[2])}", text)
    text = re.sub(r"\^\s*\\top", "ᵀ", text)
    text = _SCRIPT.sub(lambda m: _script(m[1], m[2]), text)
    text = re.sub(r"\^(\w)", lambda m: _script("^", m[1]), text)
    for command in sorted(_SYMBOLS, key=len, reverse=True):
        text = re.sub(re.escape(command) + r"(?![A-Za-z])", _SYMBOLS[command], text)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)   # any other command: its name
    text = text.replace("{", "").replace("}", "").replace("\\", "")
    return re.sub(r"\s+", " ", text).strip()


def _grouped(part: str) -> str:
    return part if re.fullmatch(r"[\w√]+", part) else f"({part})"


def _script(kind: str, body: str) -> str:
    """x^{-6} -> x⁻⁶; d_{k} -> d_k; e^{-\\infty} -> e^-∞."""
    if kind == "^" and all(c in "0123456789-+()" for c in body):
        return body.translate(_SUPERSCRIPT)
    return kind + body


_INLINE_TEX = re.compile(r"\\\((.*?)\\\)|\$(?!\s)([^$\n]+?)(?<!\s)\$", re.S)


def plain_text(text: str) -> str:
    """Text with every inline formula (\\(...\\) or $...$) replaced by tex_to_text of it."""
    return _INLINE_TEX.sub(lambda m: tex_to_text(html.unescape(m[1] or m[2])), text)
