"""A page's prose cut into what a reader takes in as one statement.

The word checks (verified_lessons.claims) ask, of each statement, which bound numbers it
carries and which words state a result beside them; a relation binding's `before` and `after`
mean the bound numbers of its own statement. A statement is

- a sentence of a paragraph or a list item,
- a cell of a table,
- the alt text of an image (not part of the sentence around it),
- a heading, or the title of an admonition, a folded block or a tab.

`units(reading)` takes a page's prose as verified_lessons.syntax.prose returns it (code blocks
and comments blanked, lines kept) and returns each statement as a span of it, so a check can
name the line. `masked(reading)` is the same text with bindings, inline code, math and link
targets blanked: the words left are the ones a reader reads as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verified_lessons.syntax import AUTOLINK, BIND, BLOCK_TITLE, HTML_TAG, IMAGE, LINK_TARGET

_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
_DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$(?!\d)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]")
_TABLE_ROW = re.compile(r"^[ \t]*\|")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t:|-]+\|[ \t:|-]*$")
# A sentence ends at . ! or ? (and any closing marks) before a space and a word that does not
# start in lower case, unless the full stop ends an abbreviation.
_SENTENCE_END = re.compile(r"[.!?][)\]\"'*_]*(?=\s+[^\sa-z])")
_BOLD_LEAD = re.compile(r"\*\*[^*]+\*\*")
_ABBREVIATIONS = re.compile(r"(?:\bal|\be\.g|\bi\.e|\bvs|\bcf|\bFig|\bEq|\betc|\bNo|\bapprox)\.$")


@dataclass(frozen=True)
class Unit:
    start: int   # offsets into the page's prose
    end: int
    kind: str    # 'sentence', 'cell', 'alt', 'heading' or 'title'


def _blank(text: str, pattern: re.Pattern, fill: str = " ") -> str:
    return pattern.sub(lambda m: re.sub(r"[^\n]", fill, m.group()), text)


def _words_only(reading: str) -> str:
    text = _blank(reading, BIND, "B")
    text = _blank(text, _CODE_SPAN, "C")
    text = _blank(text, _DISPLAY_MATH, "M")
    return _blank(text, _INLINE_MATH, "M")


def _no_targets(text: str) -> str:
    for pattern in (LINK_TARGET, AUTOLINK, HTML_TAG):
        text = _blank(text, pattern)
    return text


def masked(reading: str) -> str:
    """The prose with bindings (B), inline code (C), math (M), link targets, autolinks and
    HTML tags blanked, offsets and lines kept."""
    return _no_targets(_words_only(reading))


def units(reading: str) -> list[Unit]:
    """Every statement of a page's prose, in page order."""
    text = _words_only(reading)
    found: list[Unit] = []
    # alt texts are statements of their own, and no part of the sentence around them
    for m in IMAGE.finditer(text):
        if m["alt"].strip():
            found.append(Unit(m.start("alt"), m.end("alt"), "alt"))
    text = _no_targets(_blank(text, IMAGE))
    block: list[tuple[int, int]] = []   # (start, end) of the lines of the paragraph being read

    def close_block():
        if block:
            found.extend(_sentences(text, block[0][0], block[-1][1]))
            block.clear()

    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            close_block()
        elif _HEADING.match(line):
            close_block()
            found.append(Unit(start + len(line) - len(line.lstrip(" \t#")), end, "heading"))
        elif BLOCK_TITLE.match(line):
            close_block()
            title = BLOCK_TITLE.match(line)
            if title["title"]:
                found.append(Unit(start + title.start("title"), start + title.end("title"),
                                  "title"))
        elif _TABLE_ROW.match(line):
            close_block()
            if not _TABLE_RULE.match(line):
                found.extend(_cells(line, start))
        else:
            item = _LIST_ITEM.match(line)
            if item:
                close_block()
                start += item.end()
            elif not block:
                start += len(line) - len(line.lstrip())
            block.append((start, end))
    close_block()
    return sorted(found, key=lambda u: (u.start, u.end))


def _cells(line: str, start: int) -> list[Unit]:
    cells, begin = [], None
    for i, c in enumerate(line):
        if c == "|" and (i == 0 or line[i - 1] != "\\"):
            if begin is not None and line[begin:i].strip():
                left = begin + len(line[begin:i]) - len(line[begin:i].lstrip())
                right = i - (len(line[begin:i]) - len(line[begin:i].rstrip()))
                cells.append(Unit(start + left, start + right, "cell"))
            begin = i + 1
    return cells


def _sentences(text: str, start: int, end: int) -> list[Unit]:
    found, begin = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        if _ABBREVIATIONS.search(text[max(begin, m.start() - 8):m.start() + 1]):
            continue
        if _BOLD_LEAD.fullmatch(text[begin:m.end()]):
            continue   # "**Layer 1 looks at BOS.** In the first copy it ...": one statement
        found.append(Unit(begin, m.end(), "sentence"))
        rest = text[m.end():end]
        begin = m.end() + len(rest) - len(rest.lstrip())
    if text[begin:end].strip():
        found.append(Unit(begin, end, "sentence"))
    return found
