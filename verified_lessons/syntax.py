"""The page syntax: how a lesson page includes snippets and quotes the numbers they print.

Everything that reads a page (the build hooks, the notebook generator, every check) reads it
through these definitions, so there is one grammar:

    ```python
    --8<-- "<lesson>/<name>.py"               a snippet include (pymdownx.snippets)
    ```
    <!--pytest-codeblocks:expected-output-->
    ```text
    --8<-- "<lesson>/<name>.out"              its recorded output
    ```

    ... token 2 keeps {{ 0.248 = attention_weights: weights[1][1] }} of its weight ...

A *binding* `{{ LITERAL = SNIPPET: LABEL[i][j] }}` quotes a number (or a vector, a shape, a
matrix) as the reader will see it, LITERAL, and says which printed value it is: the value that
follows LABEL in SNIPPET's recorded output, indexed by [i][j]. The build shows LITERAL only;
verified_lessons.numbers checks that LITERAL is exactly what the output prints there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# A pymdownx.snippets include line, --8<-- "path", and a fence opening.
INCLUDE = re.compile(r'^(?P<indent>[ \t]*)-{1,}8<-{2,}[ \t]+"(?P<path>[^"]+)"[ \t]*$')
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})(?P<info>.*)$")
# The title line of an admonition (!!!), a collapsible block (???) or a content tab (===).
BLOCK_TITLE = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?|===)\s*(?:[\w-]+\s*)?(?:"(?P<title>[^"]*)")?\s*$')
LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)")
# What of the prose a reader does not read as text: link targets ("](page.md#x)"), autolinks
# and HTML tags.
LINK_TARGET = re.compile(r"(?<=\])\([^)\s]*\)")
AUTOLINK = re.compile(r"<https?://[^>\s]+>")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
EXPECTED_OUTPUT_MARK = "<!--pytest-codeblocks:expected-output-->"
COMMENT = re.compile(r"<!--.*?-->", re.S)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)

# {{ LITERAL = ADDRESS }}: LITERAL is what the reader sees; ADDRESS is `snippet: label[i][j]`.
BIND = re.compile(r"\{\{(?P<body>.*?)\}\}", re.S)
BIND_BODY = re.compile(r"^\s*(?P<literal>[^=]*?)\s*=\s*(?P<address>.*?)\s*$", re.S)
# The address of an assert binding: `[snippet:] assert MESSAGE[; MESSAGE...]`.
ASSERT_ADDRESS = re.compile(r"^(?:(?P<snippet>[\w./-]+)\s*:\s*)?assert\s+(?P<messages>\S.*)$",
                            re.S)
ONLY_NAN_INF = re.compile(r"[\s`*$,()\[\]]*(?:[-+\u2212]?(?:nan|inf)[\s`*$,()\[\]]*)+", re.I)
DIGITS = re.compile(r"(?<![\w.])[-+\u2212]?(?:\d+\.?\d*|\.\d+)")
# The address of a relation binding: `OPERAND OP OPERAND`, the operator between spaces.
RELATION = re.compile(r"^(?P<left>\S.*?)\s+(?P<op><=|>=|==|!=|<|>)\s+(?P<right>\S.*)$", re.S)


@dataclass(frozen=True)
class Bind:
    """One `{{ LITERAL = ADDRESS }}` of a page."""

    page: Path
    lineno: int    # 1-based line where the binding starts
    text: str      # the whole `{{ ... }}` as written
    literal: str   # what the reader sees ('' when malformed)
    address: str   # 'snippet: label[i][j]' ('' when malformed)

    @property
    def malformed(self) -> bool:
        return not self.literal or not self.address

    @property
    def kind(self) -> str:
        """What the binding says of its literal (see the module docstring):
        'assert'    the literal names asserts of a snippet:   {{ asserted = assert rows sum to 1 }}
        'relation'  the literal states a relation that holds: {{ rises = after < after 2 }}
        'number'    the literal quotes printed numbers:       {{ 0.248 = weights[1][1] }}
        'word'      the literal quotes printed words:         {{ top-left = is_causal aligns: }}
        """
        if ASSERT_ADDRESS.match(self.address):
            return "assert"
        if RELATION.match(self.address):
            return "relation"
        # a number as digits, or a literal of nan and inf only (`nan`, [inf inf]): a phrase
        # such as "writes `nan` into the weights" is words
        if DIGITS.search(self.literal) or ONLY_NAN_INF.fullmatch(self.literal):
            return "number"
        return "word"


def binds(text: str, page: Path = Path("?")) -> list[Bind]:
    """Every binding in a page's text, in order (code fences and comments included: callers
    that care pass prose only)."""
    found = []
    for m in BIND.finditer(text):
        body = BIND_BODY.match(m["body"])
        lineno = text.count("\n", 0, m.start()) + 1
        if body and body["literal"] and body["address"]:
            found.append(Bind(page, lineno, m.group(), body["literal"], body["address"]))
        else:
            found.append(Bind(page, lineno, m.group(), "", ""))
    return found


def render_binds(text: str) -> str:
    """A page's text as the reader sees it: each binding replaced by its literal."""

    def literal(m: re.Match) -> str:
        body = BIND_BODY.match(m["body"])
        return body["literal"] if body and body["literal"] else m.group()

    return BIND.sub(literal, text)


@dataclass(frozen=True)
class Fence:
    """A fenced block of a markdown page."""

    page: Path
    lineno: int  # 1-based line of the opening fence
    info: str  # what follows the backticks, e.g. 'python' or 'text title="x"'
    body: list[str]  # lines between the fences, indentation of the fence removed
    after_expected_output_mark: bool  # preceded by <!--pytest-codeblocks:expected-output-->

    def where(self) -> str:
        """'docs/masks.md:12', whichever checkout the page is in."""
        parts = self.page.parts
        start = len(parts) - 1 - parts[::-1].index("docs") if "docs" in parts else len(parts) - 1
        return f"{'/'.join(parts[start:])}:{self.lineno}"


def fences(page: Path, text: str | None = None) -> list[Fence]:
    """Every fenced block of a page, in order, with what precedes it."""
    lines = (Path(page).read_text(encoding="utf-8") if text is None else text).splitlines()
    out: list[Fence] = []
    previous_nonblank = ""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            if lines[i].strip():
                previous_nonblank = lines[i].strip()
            i += 1
            continue
        indent, ticks = m["indent"], m["ticks"]
        body = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(ticks):
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        out.append(
            Fence(
                page=Path(page),
                lineno=i + 1,
                info=m["info"].strip(),
                body=body,
                after_expected_output_mark=previous_nonblank == EXPECTED_OUTPUT_MARK,
            )
        )
        previous_nonblank = ""
        i = j + 1
    return out


def prose(text: str) -> str:
    """A page's text as a reader reads it, without code blocks, comments and front matter.

    Removed parts become blank (newlines kept), so a position in the result is on the same
    line as in the page: checks can name the line.
    """

    def blank(m: re.Match) -> str:
        return "\n" * m.group().count("\n")

    text = FRONT_MATTER.sub(blank, text)
    lines = text.split("\n")
    inside = None
    for i, line in enumerate(lines):
        m = FENCE.match(line)
        if inside is None and m:
            inside = m["ticks"]
            lines[i] = ""
        elif inside is not None:
            if line.strip().startswith(inside):
                inside = None
            lines[i] = ""
    return COMMENT.sub(blank, "\n".join(lines))
