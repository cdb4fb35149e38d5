"""Every citation in a page's prose matches an entry of the page's own References.

A page cites by author and year, "Vaswani et al. (2017)", "(Shazeer 2019, §3)", "Abnar and
Zuidema (2020)", and lists its sources under `## References`, one entry a list item that opens
with the same author and year: "- Vaswani et al. (2017), *Attention Is All You Need*, §3.2.1
(...) and §3.5 (...)". The check:

- the first author and the year of each in-text citation are those of an entry (a year or a
  name changed in the text, or a source cited but never listed, fails);
- a section, table, algorithm, theorem or footnote named after a citation, in the same
  statement and before the next citation ("(Vaswani et al. 2017, §3.2.1, footnote 4)"), is
  named by that entry too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from verified_lessons.layout import Layout
from verified_lessons.numbers import Problem
from verified_lessons.outputs import line_of
from verified_lessons.sentences import masked, units
from verified_lessons.syntax import prose

SURNAME = r"[A-Z][a-zà-ÿ]+(?:[-'][A-Z]?[a-zà-ÿ]+)*"
AUTHORS = rf"(?P<first>{SURNAME})(?P<rest>\s+et\s+al\.?|\s+(?:and|&)\s+{SURNAME})?"
# "Vaswani et al. (2017)", "Vaswani et al. 2017", "(Vaswani et al., 2017", "(Shazeer 2019",
# "Abnar and Zuidema (2020)": a bare "Name 2019" only inside parentheses or after "et al."
CITATION = re.compile(
    rf"(?:(?<=\()|(?<![\w(])){AUTHORS},?\s*(?:\((?P<year1>(?:19|20)\d\d)[a-z]?(?=[),;])"
    rf"|(?P<year2>(?:19|20)\d\d)[a-z]?\b)")
LOCATOR = re.compile(r"§\s?(?P<section>[A-Z]?\d+(?:\.\d+)*)"
                     r"|\b(?P<kind>Table|Algorithm|Theorem|footnote|Figure)\s+(?P<n>\d+)\b")
REFERENCES = re.compile(r"(?ms)^## References[ \t]*\n(?P<body>.*?)(?=^## |\Z)")
ENTRY = re.compile(r"(?ms)^- (?P<text>.*?)(?=^- |\Z)")


@dataclass(frozen=True)
class Citation:
    first: str
    year: str
    start: int
    end: int
    text: str


def citations(text: str) -> list[Citation]:
    """Each author-year citation in text: "Vaswani et al. (2017)", "(Shazeer 2019, §3)",
    "Milakov and Gimelshein (2018, §3)", "(Bengio et al., 1994; Pascanu et al., 2013)". A
    citation ends at its year: a section after it is read by citation_problems."""
    found = []
    for m in CITATION.finditer(text):
        bare = m["year2"] is not None
        before = text[:m.start()].rstrip(" ")[-1:]
        if bare and not (m["rest"] and "al" in m["rest"]) and before not in ("(", ";"):
            continue
        shown = " ".join(m.group().split()) + (")" if m["year1"] else "")
        found.append(Citation(m["first"], m["year1"] or m["year2"], m.start(), m.end(), shown))
    return found


def locator_key(m: re.Match) -> str:
    return f"§{m['section']}" if m["section"] else f"{m['kind']} {m['n']}"


def named_in(entry: str, key: str) -> bool:
    if key.startswith("§"):
        return bool(re.search(rf"§\s?{re.escape(key[1:])}(?![\d]|\.\d)", entry))
    return bool(re.search(rf"\b{re.escape(key)}(?!\d)", entry))


def citation_problems(layout: Layout, page: Path, text: str | None = None) -> list[Problem]:
    text = Path(page).read_text(encoding="utf-8") if text is None else text
    reading = prose(text)
    references = REFERENCES.search(reading)
    entries = []   # (first author, year, entry text)
    if references:
        for entry in ENTRY.finditer(references["body"]):
            body = " ".join(entry["text"].split())
            for c in citations(body):
                entries.append((c.first, c.year, body))
    listed = ", ".join(sorted({f"{a} {y}" for a, y, _ in entries})) or "none"
    # the prose a reader reads as text, without the reference list itself
    words = masked(reading)
    if references:
        words = words[:references.start()] + re.sub(r"[^\n]", " ", words[references.start():])
    problems = []
    where = layout.rel(page)
    for unit in units(reading):
        if references and unit.start >= references.start():
            continue
        statement = words[unit.start:unit.end]
        found = citations(statement)
        for i, c in enumerate(found):
            lineno = line_of(reading, unit.start + c.start)
            matching = [body for a, y, body in entries if a == c.first and y == c.year]
            if not matching:
                problems.append(Problem(where, lineno, (
                    f"cites {c.text} but the page's References have no entry by {c.first} from "
                    f"{c.year} (they list: {listed}): fix the citation or add the source")))
                continue
            stop = found[i + 1].start if i + 1 < len(found) else len(statement)
            for loc in LOCATOR.finditer(statement, c.end, stop):
                key = locator_key(loc)
                if not any(named_in(body, key) for body in matching):
                    problems.append(Problem(where, line_of(reading, unit.start + loc.start()), (
                        f"cites {key} of {c.text}, but its entry in the References does not "
                        f"name {key}: fix the text or the entry")))
    return problems
