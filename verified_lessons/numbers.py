"""Every number a page shows is bound to the output that printed it, or declared not a result.

On a page, a number that is a result is written as a binding:

    Token 2 keeps {{ 0.248 = attention_weights: weights[1][1] }} of its weight.

The reader sees `0.248`. This module checks that `0.248` is exactly the value printed after the
label "weights" in snippets/<lesson>/attention_weights.out, at row 1, column 1. A swap, a wrong
row or a value left stale after the output changed fails, naming the page, the line, what the
text says and what the output says. A literal may be a number, a vector, a shape or a whole
TeX matrix: its numbers, read in order, must be the printed ones.

Every other number in the prose, tables, alt text and formulas must be covered by an entry of
docs/not_results.toml (a year, a list number, a chosen setting such as "d_k = 512"), each with
its reason; an entry that covers nothing (or, for a page's phrase, only numbers an [everywhere]
pattern covers already) fails too, so the file cannot go stale.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from verified_lessons.layout import Layout
from verified_lessons.outputs import (NUMBER, Address, AddressError, flatten, items,
                                      label_end, line_of, resolve, same, show)
from verified_lessons.syntax import BIND, HTML_TAG, INCLUDE, LINK_TARGET, Bind, binds, prose

SYNTAX_HELP = ("write {{ <number as printed> = <snippet>: <label>[i][j] }} (<snippet>: may be "
               "left out for the output included last above)")
# What of the prose is not text a reader reads as numbers: link targets, HTML tags, and runs
# with two or more dots (versions such as 2.13.0).
_VERSION = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.])")
# A number in running text: like an output's, but a full stop after it ends the sentence
# ("sums to 1.") and nan/inf are words there.
PROSE_NUMBER = re.compile(r"(?<![\w.])[-+\u2212]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w]|\.\d)")


@dataclass(frozen=True)
class Entry:
    """Why a declared stretch of prose is not a result, and, for a setting chosen in code, the
    snippet whose source holds its value."""

    reason: str
    snippet: str | None = None   # '<lesson>/<name>.py'


class DeclarationError(ValueError):
    """docs/not_results.toml cannot be read; the message names the entry."""


def _entries(table, where: str) -> dict[str, Entry]:
    if not isinstance(table, dict):
        raise DeclarationError(f"{where} must be a table of \"phrase\" = \"reason\" entries")
    entries = {}
    for key, value in table.items():
        if isinstance(value, str):
            entries[key] = Entry(value)
        elif isinstance(value, dict) and isinstance(value.get("reason"), str) \
                and set(value) <= {"reason", "snippet"} \
                and isinstance(value.get("snippet", ""), str):
            entries[key] = Entry(value["reason"], value.get("snippet"))
        else:
            raise DeclarationError(f"{where} \"{key}\": write a reason, \"...\", or "
                                   "{ reason = \"...\", snippet = \"<lesson>/<name>.py\" }")
    return entries


def _regexes(entries: dict[str, Entry], where: str) -> dict[str, Entry]:
    for pattern in entries:
        try:
            re.compile(pattern, re.M)
        except re.error as error:
            raise DeclarationError(f"{where} '{pattern}' is not a regular expression: "
                                   f"{error}") from None
    return entries


def _spans(everywhere: dict, pages: dict, page_id: str, text: str) -> list[tuple[int, int, str]]:
    found = []
    for pattern in everywhere:
        found += [(m.start(), m.end(), pattern) for m in re.finditer(pattern, text, re.M)]
    for phrase in pages.get(page_id, {}):
        start = text.find(phrase)
        while start != -1:
            found.append((start, start + len(phrase), phrase))
            start = text.find(phrase, start + 1)
    return found


@dataclass
class Declarations:
    """docs/not_results.toml: numbers (and, under [words], result words) that are not results,
    each with its reason."""

    everywhere: dict[str, Entry] = field(default_factory=dict)    # regex -> entry
    pages: dict[str, dict[str, Entry]] = field(default_factory=dict)  # page -> phrase -> entry
    words_everywhere: dict[str, Entry] = field(default_factory=dict)
    words_pages: dict[str, dict[str, Entry]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Declarations":
        if not path.exists():
            return cls()
        where = "/".join(Path(path).parts[-2:])   # docs/not_results.toml, in any checkout
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise DeclarationError(f"{where}: not valid TOML: {error}") from None
        everywhere = _regexes(_entries(data.pop("everywhere", {}), f"{where} [everywhere]"),
                              f"{where} [everywhere]")
        words = data.pop("words", {})
        if not isinstance(words, dict):
            raise DeclarationError(f"{where}: [words] must hold tables, [words.\"<page>.md\"] "
                                   "and [words.everywhere]")
        words_everywhere = _regexes(_entries(words.pop("everywhere", {}),
                                             f"{where} [words.everywhere]"),
                                    f"{where} [words.everywhere]")
        return cls(everywhere=everywhere,
                   pages={k: _entries(v, f"{where} [\"{k}\"]") for k, v in data.items()},
                   words_everywhere=words_everywhere,
                   words_pages={k: _entries(v, f"{where} [words.\"{k}\"]")
                                for k, v in words.items()})

    def spans(self, page_id: str, text: str) -> list[tuple[int, int, str]]:
        """(start, end, declaration) of every declared stretch of a page's prose (numbers)."""
        return _spans(self.everywhere, self.pages, page_id, text)

    def word_spans(self, page_id: str, text: str) -> list[tuple[int, int, str]]:
        """The same for the result words declared under [words]."""
        return _spans(self.words_everywhere, self.words_pages, page_id, text)


def unused(layout: Layout, everywhere: dict, pages: dict, table: str, covers, what: str,
           readings: dict[str, str] | None = None, page_covers=None) -> list[str]:
    """Declarations that cover nothing (no number, no result word) on any page: stale
    entries. covers(reading, start, end) says whether a declared stretch covers one;
    page_covers, when given, judges a page's phrases instead (page_id, reading, start, end)."""
    readings = readings or {layout.page_id(p): prose(p.read_text(encoding="utf-8"))
                            for p in layout.pages()}
    where = layout.rel(layout.not_results)
    problems = []
    for pattern in everywhere:
        if not any(covers(t, m.start(), m.end())
                   for t in readings.values() for m in re.finditer(pattern, t, re.M)):
            problems.append(f"{where}: [{table}everywhere] '{pattern}' covers no {what} on any "
                            "page: remove it")
    for page_id, phrases in pages.items():
        if page_id not in readings:
            problems.append(f"{where}: [{table}\"{page_id}\"] names a page that does not exist")
            continue
        text = readings[page_id]
        for phrase in phrases:
            starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
            judge = (lambda t, a, b: page_covers(page_id, t, a, b)) if page_covers else covers
            if not any(judge(text, i, i + len(phrase)) for i in starts):
                problems.append(f"{where}: [{table}\"{page_id}\"] \"{phrase}\" covers no {what} on "
                                f"docs/{page_id} that needs it: remove it or fix the phrase")
    return problems


@dataclass(frozen=True)
class Problem:
    page: str      # docs/<page>.md
    lineno: int
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.lineno}: {self.message}"


class Outputs:
    """The recorded outputs a page includes, found by snippet name or by position (or, with
    suffix=".py", the snippets it shows)."""

    def __init__(self, layout: Layout, page: Path, text: str, suffix: str = ".out"):
        self.layout = layout
        self.kind = "output" if suffix == ".out" else "snippet"
        self.placed: list[tuple[int, Path]] = []   # (line of the include, file)
        for lineno, line in enumerate(text.splitlines(), 1):
            m = INCLUDE.match(line)
            if m and m["path"].endswith(suffix):
                self.placed.append((lineno, (layout.snippets / m["path"]).resolve()))
        self.files = [path for _, path in self.placed]

    def find(self, name: str) -> Path:
        name = name.removesuffix(".out").removesuffix(".py")
        matches = {p for p in self.files
                   if p.stem == name or p.relative_to(self.layout.snippets.resolve())
                   .with_suffix("").as_posix() == name}
        shown = ", ".join(sorted({p.stem for p in self.files})) or "none"
        if not matches:
            raise AddressError(f"no {self.kind} named {name} is included on this page "
                               f"(its {self.kind}s: {shown})")
        if len(matches) > 1:
            raise AddressError(f"{name} names several {self.kind}s on this page: write "
                               f"<lesson>/{name}")
        return self._existing(matches.pop())

    def above(self, lineno: int) -> Path:
        before = [path for line, path in self.placed if line < lineno]
        if not before:
            raise AddressError(f"no {self.kind} is included above this line: name the snippet, "
                               "`snippet: label[i]`")
        return self._existing(before[-1])

    def _existing(self, path: Path) -> Path:
        if not path.exists():
            raise AddressError(f"{self.layout.rel(path)} does not exist")
        return path

    def locate(self, text: str, lineno: int) -> tuple[Path, Address]:
        """The output and the address a binding's address text means, at this line."""
        address = Address.parse(text)
        if address.snippet is None:
            return self.above(lineno), address
        try:
            return self.find(address.snippet), address
        except AddressError as error:
            # 'raw: from #1': "raw" is no output, so the whole text is a label in the output above
            try:
                path, label_only = self.above(lineno), address.without_snippet(text)
                resolve(path.read_text(encoding="utf-8"), label_only)
                return path, label_only
            except AddressError:
                raise error from None


def check_bind(layout: Layout, outputs: Outputs, bind: Bind) -> tuple[int, str] | None:
    """None when the literal is what the output prints at the address; else (line, what is
    wrong), the line being that of the first number that differs."""
    if bind.malformed:
        return bind.lineno, f"malformed binding {bind.text.strip()}: {SYNTAX_HELP}"
    try:
        path, address = outputs.locate(bind.address, bind.lineno)
        name = layout.rel(path)
        printed = resolve(path.read_text(encoding="utf-8"), address, name)
    except AddressError as error:
        return bind.lineno, f"{bind.text.strip()} refers to a value no output prints: {error}"
    if address.label and not address.path and address.pick == 0 and address.pick_end is None:
        output = path.read_text(encoding="utf-8")
        rest = output[label_end(output, address.label, name):].split("\n", 1)[0].strip(" \t:=")
        if rest and not NUMBER.search(rest) and not any(c in rest for c in "[("):
            # the number would be taken from a later line: "{{ never reaches layer 1 =
            # NaN in the gradients: }}" beside "NaN in the gradients: True" is no number
            return bind.lineno, (f"{bind.text.strip()}: {name} prints words after "
                                 f"\"{address.label}\" (\"{rest}\"), not the number the literal "
                                 "quotes: a literal with digits quotes a number; bind words "
                                 "without digits")
    quoted = list(NUMBER.finditer(bind.literal))
    expected = flatten(printed)
    where = f"{name} at {address.describe()}"
    if not quoted:
        return bind.lineno, f"{bind.text.strip()}: the literal has no number in it"
    if len(quoted) == len(expected) and all(same(q.group(), e) for q, e in zip(quoted, expected)):
        return None
    literal = " ".join(bind.literal.split())
    advice = "Quote it as printed, or bind it to the value it means."
    if len(quoted) != len(expected):
        return bind.lineno, (f"the text says {literal} but {where} prints {show(printed)} "
                             f"({len(quoted)} number(s) written, {len(expected)} printed). {advice}")
    differ = next(i for i, (q, e) in enumerate(zip(quoted, expected)) if not same(q.group(), e))
    lineno = bind.lineno + bind.text[:bind.text.index(bind.literal)].count("\n") \
        + bind.literal[:quoted[differ].start()].count("\n")
    if len(expected) == 1:
        return lineno, f"the text says {literal} but {where} prints {show(printed)}. {advice}"
    at, text_says, output_says = position(printed, differ), quoted[differ].group(), expected[differ]
    if len(literal) <= 60:
        return lineno, (f"the text says {literal} but {where} prints {show(printed)}: at {at} the "
                        f"text says {text_says}, the output {output_says}. {advice}")
    return lineno, (f"the text says {text_says} at {at} but {where} prints {output_says} there "
                    f"(all of it: {show(printed)}). {advice}")


def position(value, flat_index: int) -> str:
    """Where the flat_index-th number sits in a nested value: '[3][0]'."""
    path = []
    while not isinstance(value, str):
        for i, part in enumerate(value):
            size = len(flatten(part))
            if flat_index < size:
                path.append(i)
                value = part
                break
            flat_index -= size
    return "".join(f"[{i}]" for i in path)


def unbound_numbers(text: str, declared: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """(offset, number) of every number in a page's prose that is neither bound nor declared."""
    blanked = BIND.sub(lambda m: " " * len(m.group()), text)   # bound numbers are checked apart
    for pattern in (LINK_TARGET, HTML_TAG, _VERSION):
        blanked = pattern.sub(lambda m: " " * len(m.group()), blanked)
    found = []
    for m in PROSE_NUMBER.finditer(blanked):
        if not any(start <= m.start() and m.end() <= end for start, end, _ in declared):
            found.append((m.start(), m.group()))
    return found


def bind_problems(layout: Layout, page: Path, text: str | None = None) -> list[Problem]:
    """Every number binding of the page that is malformed, names nothing, or quotes another
    value."""
    text = Path(page).read_text(encoding="utf-8") if text is None else text
    outputs = Outputs(layout, page, text)
    problems = []
    for bind in binds(prose(text), page):
        if not bind.malformed and bind.kind != "number":
            continue   # a bound word, relation or assert: verified_lessons.claims checks it
        problem = check_bind(layout, outputs, bind)
        if problem:
            problems.append(Problem(layout.rel(page), *problem))
    return problems


def unbound_problems(layout: Layout, page: Path, declarations: Declarations | None = None,
                     text: str | None = None) -> list[Problem]:
    """Every number of the page's prose that is neither bound nor declared not a result."""
    declarations = declarations or Declarations.load(layout.not_results)
    text = Path(page).read_text(encoding="utf-8") if text is None else text
    reading = prose(text)
    outputs = Outputs(layout, page, text)
    return [
        Problem(layout.rel(page), line_of(reading, offset),
                f"{token} is not bound to the output that printed it"
                + suggestion(layout, outputs, token)
                + f": write {{{{ {token} = <snippet>: <label>[i] }}}}, or, if it is not a "
                f"result, declare it in {layout.rel(layout.not_results)} with the reason")
        for offset, token in unbound_numbers(reading,
                                             declarations.spans(layout.page_id(page), reading))
    ]


def page_problems(layout: Layout, page: Path, declarations: Declarations | None = None,
                  text: str | None = None) -> list[Problem]:
    """Everything wrong with the numbers of one page, in page order."""
    return sorted(bind_problems(layout, page, text)
                  + unbound_problems(layout, page, declarations, text), key=lambda p: p.lineno)


def suggestion(layout: Layout, outputs: Outputs, token: str) -> str:
    """Where the page's outputs print this number, to help write the binding."""
    hits = []
    for path in outputs.files:
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        for item in items(text):
            if any(same(token, t) for t in item.flat()):
                hits.append(f"{path.stem} line {line_of(text, item.start)}")
    return f" (printed by {', '.join(hits[:4])})" if hits else ""


def unused_declarations(layout: Layout, declarations: Declarations | None = None) -> list[str]:
    """Declarations that cover no number: stale entries of docs/not_results.toml."""
    declarations = declarations or Declarations.load(layout.not_results)

    def covers_a_number(text: str, start: int, end: int) -> bool:
        blanked = BIND.sub(lambda m: " " * len(m.group()), text)
        return bool(PROSE_NUMBER.search(blanked[start:end]))

    def covers_an_undeclared_number(page_id: str, text: str, start: int, end: int) -> bool:
        """A page's phrase must cover a number no [everywhere] pattern covers already."""
        blanked = BIND.sub(lambda m: " " * len(m.group()), text)
        general = [(m.start(), m.end()) for pattern in declarations.everywhere
                   for m in re.finditer(pattern, text, re.M)]
        return any(not any(a <= n.start() and n.end() <= b for a, b in general)
                   for n in PROSE_NUMBER.finditer(blanked, start, end))

    return unused(layout, declarations.everywhere, declarations.pages, "", covers_a_number,
                  "number", page_covers=covers_an_undeclared_number)


def rewrite_binds(layout: Layout, page: Path) -> int:
    """Update mode: rewrite each literal whose numbers differ from its output's, keeping its
    words and layout. Returns how many literals changed. Bindings that do not resolve, or
    whose count of numbers differs, are left for the author (the check names them)."""
    text = page.read_text(encoding="utf-8")
    outputs = Outputs(layout, page, text)
    changed = 0

    def update(m):
        nonlocal changed
        found = binds(m.group(), page)
        if not found or found[0].malformed:
            return m.group()
        bind = found[0]
        if bind.kind != "number":
            return m.group()   # words are never rewritten: a changed word fails its check
        try:
            path, address = outputs.locate(bind.address, text.count("\n", 0, m.start()) + 1)
            printed = flatten(resolve(path.read_text(encoding="utf-8"), address))
        except AddressError:
            return m.group()
        quoted = list(NUMBER.finditer(bind.literal))
        if len(quoted) != len(printed) or all(same(q.group(), p) for q, p in zip(quoted, printed)):
            return m.group()
        tokens = iter(show(p) for p in printed)
        literal = NUMBER.sub(lambda _: next(tokens), bind.literal)
        changed += 1
        return m.group().replace(bind.literal, literal, 1)

    new = BIND.sub(update, text)
    if new != text:
        page.write_text(new, encoding="utf-8")
    return changed

