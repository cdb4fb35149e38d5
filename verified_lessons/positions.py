"""One numbering of positions across the course: from 0, as Python and PyTorch index them.

Figures label their positions with `labels`, and `problems` checks a page as a reader sees it
(each figure's labels, and the prose and image descriptions of the section it stands in) for a
position numbered another way: a figure whose positions start at 1, or a section that names a
position its figure does not have (token 5 of five tokens numbered 0 to 4).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

FIRST = 0

# A figure's label for a position: a prefix and a number ("t0", "y1", "pos 2"), or a number
# and the token there ("0 BOS", "3 b").
LABEL = re.compile(r"^(?:(?P<prefix>t|y|pos )(?P<n>\d+)|(?P<lead>\d+) \S+)$")
# A position named in prose: "token 3", "positions 0 and 1", "rows 0 to 4", "t2", "y0".
WORDS = r"tokens?|positions?|quer(?:y|ies)|keys?|rows?|pos"
NAMED = re.compile(rf"\b(?P<word>(?i:{WORDS}))\s+(?P<list>\d+(?:(?:,\s*|\s+(?:and|or|to)\s+|[–-])\d+)*)\b"
                   r"|\b(?P<prefix>[ty])(?P<n>\d+)\b")
SVG = "{http://www.w3.org/2000/svg}"


def labels(n: int, prefix: str = "t") -> list[str]:
    """The labels of n positions: t0, t1, ..."""
    return [f"{prefix}{FIRST + i}" for i in range(n)]


def figure_positions(svg: Path) -> dict[str, list[int]]:
    """The position numbers a figure's labels show, by label prefix ("t", "y", "pos ", or ""
    for "0 BOS"-style labels), each in the order the figure draws them."""
    try:
        root = ET.parse(svg).getroot()
    except (OSError, ET.ParseError) as error:
        raise ValueError(f"{svg}: not a readable SVG figure ({error})") from error
    found: dict[str, list[int]] = {}
    for text in root.iter(f"{SVG}text"):
        m = LABEL.match("".join(text.itertext()).strip())
        if m:
            prefix = m["prefix"] if m["prefix"] is not None else ""
            found.setdefault(prefix, []).append(int(m["n"] if m["n"] is not None else m["lead"]))
    return found


def named_positions(prose: str) -> list[tuple[str, int]]:
    """(as written, number) of each position the prose names."""
    named = []
    for m in NAMED.finditer(prose):
        if m["word"]:
            named += [(m[0], int(n)) for n in re.findall(r"\d+", m["list"])]
        else:
            named.append((m[0], int(m["n"])))
    return named


def problems(page: str, figures: list[tuple[str, Path, str]]) -> list[str]:
    """Positions numbered other than from FIRST on one page, given each figure it shows as
    (name, SVG file, the text of its section): a figure's labels that do not start at FIRST,
    or a position the section names beyond those its figure labels."""
    found = []
    for name, svg, section in figures:
        shown = figure_positions(svg)
        for prefix, numbers in shown.items():
            if min(numbers) != FIRST:
                found.append(f"{page}: figure {name} numbers its positions from {min(numbers)} "
                             f"({prefix or 'n '}{min(numbers)}, ...), but the course numbers "
                             f"them from {FIRST}")
        if not shown:
            continue
        last = max(max(numbers) for numbers in shown.values())
        for written, n in named_positions(section):
            if n > last:
                found.append(f"{page}: the text beside figure {name} names {written!r}, a "
                             f"position beyond the {FIRST}..{last} the figure shows: positions "
                             f"are numbered from {FIRST}")
    return found
