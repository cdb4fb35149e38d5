"""Where a line of a page's text may break: never inside a number, and inside a name written in
inline code only after a dot or a slash, as a dotted name or a path reads.

A browser may break "2.2e-16" or "FlashAttention-2" after its hyphen, and a long name such as
`torch.nn.functional.scaled_dot_product_attention` anywhere its characters allow ("f(X)" and
"[order]" part at the bracket). `keep_whole` marks up a page's HTML so that neither happens: a
number with an exponent, or a name numbered after a hyphen, goes into a span that does not wrap, and a name in inline code into
parts that do not wrap, with a break opportunity (<wbr>) after each dot and slash between them.
Code blocks, math, links, scripts and styles are left as they are. The browser check
(verified_lessons.browser.READER_PROBLEMS_JS) measures the result on every page.
"""

from __future__ import annotations

import html as html_lib
import re

TAG = re.compile(r"(<[^>]+>)")
OPENING = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][\w-]*)(?P<rest>[^>]*)>")
# elements whose text is left alone: code blocks, links (URLs break where they must), math
# (before and after KaTeX renders it), scripts, styles, form fields
LEFT_ALONE = {"pre", "a", "script", "style", "textarea", "svg", "math"}
MATH_CLASS = re.compile(r'\bclass="[^"]*\b(?:arithmatex|katex)\b')
VOID = {"br", "wbr", "img", "hr", "input", "meta", "link", "source", "col", "area", "base"}
# a number with an exponent (2.2e-16), and a name numbered after a hyphen (FlashAttention-2)
WHOLE = re.compile(r"(?<![\w.])[-\u2212]?\d+(?:\.\d+)?e[-+\u2212]?\d+(?![\w.])"
                   r"|\b[A-Za-z]\w*-\d+\b")
# after a dot or a slash, but never before a file's extension ("a_b.py" stays whole)
# an abbreviation the glossary marks up, numbered after a hyphen: <abbr ...>GPT</abbr>-2
ABBREVIATED = re.compile(r"(<abbr\b[^>]*>[^<]*</abbr>-\d+\b)")
NAME_BREAK = re.compile(r"(?<=[./])(?=[^\s./])(?!(?:py|md|out|ipynb|toml|txt|yml|js|css)\b)")


def _whole_number(m: re.Match) -> str:
    return f'<span class="nowrap">{m[0]}</span>'


def _name_parts(text: str) -> str:
    """Inline code's text, each run between spaces cut after its dots and slashes into parts
    that do not wrap, with a break opportunity between them."""
    pieces = re.split(r"(\s+)", text)
    out = []
    for piece in pieces:
        if not piece or piece.isspace():
            out.append(piece)
            continue
        parts = NAME_BREAK.split(piece)
        out.append("<wbr>".join(f'<span class="nowrap">{p}</span>' for p in parts))
    return "".join(out)


def keep_whole(html: str) -> str:
    """The HTML with numbers kept whole and names in inline code broken only after a dot or a
    slash (see the module's docstring)."""
    html = ABBREVIATED.sub(r'<span class="nowrap">\1</span>', html)
    out = []
    alone: list[str] = []        # the element being left alone, once per nesting level
    code = 0                     # inside inline <code> (not in a <pre>)
    for part in TAG.split(html):
        if not part:
            continue
        if part.startswith("<"):
            m = OPENING.match(part)
            if m and not part.startswith("<!"):
                name = m["name"].lower()
                closing = bool(m["close"])
                self_closing = name in VOID or part.endswith("/>")
                if alone:
                    if name == alone[0] and not self_closing:
                        if closing:
                            alone.pop()
                        else:
                            alone.append(name)
                elif not closing and not self_closing and (
                        name in LEFT_ALONE or (name == "span" and MATH_CLASS.search(part))):
                    alone.append(name)
                elif name == "code":
                    code += -1 if closing else 1
            out.append(part)
            continue
        if alone:
            out.append(part)
        elif code > 0:
            out.append(_name_parts(part))
        else:
            out.append(WHOLE.sub(_whole_number, part))
    return "".join(out)


def text_of(html: str) -> str:
    """The text a reader reads in HTML (for tests: keep_whole changes no character of it)."""
    return html_lib.unescape(TAG.sub("", html))
