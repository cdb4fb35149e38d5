"""Words bound like numbers: a page's result words are checked against what its snippets print
and assert, as its numbers are (verified_lessons.numbers).

Three kinds of binding state a result in words; the reader sees only the literal:

- a *word binding* quotes a phrase a snippet prints. The snippet prints
  `is_causal=True aligns: top-left` and the page writes
  `{{ top-left = is_causal=True aligns: }}`: the literal must be the phrase printed after the
  label, to the end of its line (`**` and backticks aside, the first letter in either case).
  When the printed phrase is `True` or `False` (or `yes`, `no`), the literal may be any words,
  but it must be negative (not, no, never, without, ...) exactly when the output says False:
  `{{ keeps the gradients finite = sdpa, NaN in the gradients: }}` fails when that prints True.
- a *relation binding* states a comparison and the check computes it from printed values:
  `{{ rises = after < after 2 }}`, `{{ the most = after == max(weights[1]) }}`,
  `{{ stay the same = num_heads=1: parameters == num_heads=2: parameters }}`.
  An operand is `before`/`after` (the nearest bound number before or after the binding in its
  own sentence, table cell or alt text; `before 2` the one before that), `max(ADDRESS)` or
  `min(ADDRESS)` of a printed structure, a printed value's ADDRESS, or a number; either may be
  scaled, `after * 0.5`. The operator is <, >, <=, >=, == or != between spaces. The literal
  must say the same relation in words (RELATION_WORDS): `less`, `rises` mean <; `more`,
  `falls` mean >; `equal`, `same` mean ==; `differs`, `changes` mean !=; `largest`, `most`
  mean == max(...); a negation turns each into its opposite. Its numbers and the words
  `half`, `twice` must be the constants of the relation.
- an *assert binding* names the asserts that prove the claim, by their messages:
  `{{ asserted = assert rows sum to 1 }}`, `{{ both asserted = assert no future weight; rows
  sum to 1 }}`, `{{ asserted to $10^{-12}$ = causal_mask_4x4: assert outputs agree }}`. The
  snippet is the one included last above the binding unless named; each message must be the
  message of one of its asserts, and a number in the literal must be one those asserts use.

And two checks find words left free:

- `unbound_words`: a statement (sentence, table cell, alt text) that carries a binding and a
  result word (RESULT_WORDS: comparisons, equal/differs, left/right, True/False, layer and
  token names) outside any binding fails, unless the word is declared in
  docs/not_results.toml under [words] with its reason. A word also passes when the binding
  nearest to it in its statement says it too, in the label the snippet prints before the value
  ("layer 1 weight on BOS:", "largest weight:", or "max" for largest) or in the message of
  the assert it names ("other rows unchanged"): the snippet then states what the sentence does.
- `free_asserted`: the word "asserted" (or "asserts") anywhere in the prose, outside an
  assert binding: a page never says a claim is asserted without naming the assert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from verified_lessons.asserts import SnippetError, snippet_asserts
from verified_lessons.layout import Layout
from verified_lessons.numbers import Declarations, Outputs, Problem
from verified_lessons.outputs import NUMBER, AddressError, flatten, line_of, number, resolve
from verified_lessons.sentences import Unit, masked, units
from verified_lessons.syntax import ASSERT_ADDRESS, BIND, INCLUDE, RELATION, Bind, binds, prose

# What each relation word means, read in text order: "A is less than B", "rises from A to B"
# (A < B); "A is more than B", "falls from A to B" (A > B). Two-word forms are read first.
RELATION_WORDS = {
    "<=": r"at most|no more than|not more than|no larger than|no greater than",
    ">=": r"at least|no less than|not less than|no smaller than",
    "max": r"largest|highest|biggest|greatest|brightest|most|maximum|top",
    "min": r"smallest|lowest|least|fewest|darkest|minimum",
    "<": (r"less|lower|smaller|fewer|below|shorter|under|rises|rise|rose|risen|grows|grow|grew"
          r"|grown|climbs|climb|climbed|increases|increase|increased|increasing"),
    ">": (r"more|greater|larger|bigger|higher|above|exceeds|exceed|exceeded|longer|falls|fall"
          r"|fell|fallen|drops|drop|dropped|shrinks|shrink|shrank|decreases|decrease"
          r"|decreased|decreasing"),
    "==": (r"equal|equals|equalled|same|identical|identically|matches|match|matched"
           r"|unchanged|agree|agrees|agreed"),
    "!=": r"differ|differs|differed|different|differently|changes|change|changed|moves|moved",
}
# what a printed label may say for the same relation (max abs difference: the largest one)
SYNONYMS = {"max": RELATION_WORDS["max"] + "|max", "min": RELATION_WORDS["min"] + "|min"}
OPPOSITE = {"<": ">=", ">": "<=", "<=": ">", ">=": "<", "==": "!=", "!=": "==",
            "max": "not max", "min": "not min"}
MIRROR = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}
NEGATION = re.compile(r"n't\b|\b(?:not|no|never|none|nothing|neither|nor|cannot|without)\b",
                      re.I)
MULTIPLIERS = {"half": Decimal("0.5"), "twice": Decimal(2), "double": Decimal(2),
               "a third": Decimal(1) / Decimal(3), "three times": Decimal(3)}
BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}
# Words that state a result beside bound numbers: every relation word, and these.
OTHER_RESULT_WORDS = (r"left|right|top-left|bottom-right|top-right|bottom-left|upper|True|False"
                      r"|twice|half|double|faster|slower|better|worse|overflows|overflow"
                      r"|underflows|underflow")
NAME = r"layer[ -]\d+|t\d+"
RESULT_WORDS = re.compile(
    r"(?<![\w-])(?:" + "|".join(RELATION_WORDS.values()) + "|" + OTHER_RESULT_WORDS + "|"
    + NAME + r")(?![\w-])", re.I)
ASSERTED = re.compile(r"\basserts?\b|\basserted\b|\basserting\b", re.I)

OPERAND = re.compile(r"^(?:(?P<k1>[-+]?\d+(?:\.\d+)?)\s*\*\s*)?(?P<core>.+?)"
                     r"(?:\s*\*\s*(?P<k2>[-+]?\d+(?:\.\d+)?))?$", re.S)
POSITIONAL = re.compile(r"^(?P<side>before|after)(?:\s+(?P<n>\d+))?$")
AGGREGATE = re.compile(r"^(?P<fn>max|min)\((?P<address>.+)\)$", re.S)
TEX_POWER = re.compile(r"10\^\{?(?P<exp>[-\u2212]?\d+)\}?")
RELATION_HELP = ("write {{ words = OPERAND OP OPERAND }}, an operand being before, after, "
                 "before 2, max(label[i]), min(label[i]), a printed value's address or a "
                 "number, OP one of < > <= >= == != between spaces")


class ClaimError(ValueError):
    """A word, relation or assert binding that does not hold; the message says why."""


@dataclass
class Context:
    """What a binding's check needs besides the binding: the page's outputs and, for
    `before` and `after`, the number bindings of its statement around it."""

    layout: Layout
    page: Path
    text: str                 # the page's full text
    outputs: Outputs
    before: list[Bind]        # number bindings before it in its statement, nearest first
    after: list[Bind]         # number bindings after it in its statement, nearest first


# --- word bindings -------------------------------------------------------------------------


def printed_phrase(output: str, label: str, name: str) -> str:
    """The words printed after a label, to the end of its line: 'top-left'."""
    hits = [m.end() for m in re.finditer(re.escape(label), output)]
    if not hits:
        raise AddressError(f"{name} never prints the label \"{label}\"")
    if len(hits) > 1:
        lines = ", ".join(str(line_of(output, h)) for h in hits)
        raise AddressError(f"the label \"{label}\" occurs {len(hits)} times in {name} (lines "
                           f"{lines}): use a longer label that occurs once")
    rest = output[hits[0]:].split("\n", 1)[0]
    return rest.lstrip(" \t:=").rstrip(" \t.")


def _plain(words: str) -> str:
    return " ".join(words.replace("**", "").replace("`", "").replace("*", "").split())


def check_word(bind: Bind, context: Context) -> None:
    path, address = context.outputs.locate(bind.address, bind.lineno)
    if address.path or address.pick or address.pick_end is not None:
        raise ClaimError(f"{bind.text.strip()}: a word binding names a label only (the words "
                         "printed after it, to the end of the line), not an index or #k")
    name = context.layout.rel(path)
    if not address.label:
        raise ClaimError(f"{bind.text.strip()}: a word binding needs the label printed before "
                         "the words")
    phrase = printed_phrase(path.read_text(encoding="utf-8"), address.label, name)
    literal = _plain(bind.literal)
    if phrase.lower() in BOOLEANS:
        negative = bool(NEGATION.search(literal))
        if negative == BOOLEANS[phrase.lower()]:
            says = "negative" if negative else "positive"
            raise ClaimError(f"the text says \"{literal}\" ({says}) but {name} prints {phrase} "
                             f"after \"{address.label}\": say it the other way, or bind it to "
                             "what it means")
        return
    if literal != phrase and literal[:1].lower() + literal[1:] != phrase[:1].lower() + phrase[1:]:
        raise ClaimError(f"the text says \"{literal}\" but {name} prints \"{phrase}\" after "
                         f"\"{address.label}\". Quote the words as printed, or bind them to the "
                         "line that says them")


# --- relation bindings ---------------------------------------------------------------------


def _decimal(token: str, where: str) -> Decimal:
    value = number(token)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ClaimError(f"{where} is {token}, which cannot be compared")
    return value


def _bound_value(bind: Bind, context: Context) -> Decimal:
    path, address = context.outputs.locate(bind.address, bind.lineno)
    printed = flatten(resolve(path.read_text(encoding="utf-8"), address, context.layout.rel(path)))
    if len(printed) != 1:
        raise ClaimError(f"{bind.text.strip()} quotes {len(printed)} numbers: a relation "
                         "compares single numbers")
    return _decimal(printed[0], bind.text.strip())


def _operand(text: str, bind: Bind, context: Context) -> tuple[Decimal, int | None, str, list]:
    """(value, position in the text or None, kind, constants) of one side of a relation."""
    m = OPERAND.match(text.strip())
    factors = [Decimal(m[k]) for k in ("k1", "k2") if m[k]]
    core = m["core"].strip()
    scale = Decimal(1)
    for factor in factors:
        scale *= factor
    positional = POSITIONAL.match(core)
    aggregate = AGGREGATE.match(core)
    if positional:
        n = int(positional["n"] or 1)
        side = context.before if positional["side"] == "before" else context.after
        if n > len(side):
            raise ClaimError(f"{bind.text.strip()}: there is no bound number {core} it in its "
                             f"sentence ({len(side)} there)")
        value = _bound_value(side[n - 1], context)
        position, kind = (-n if positional["side"] == "before" else n), "number"
    elif aggregate:
        path, address = context.outputs.locate(aggregate["address"], bind.lineno)
        where = context.layout.rel(path)
        printed = flatten(resolve(path.read_text(encoding="utf-8"), address, where))
        values = [_decimal(p, f"a value at {address.describe()} in {where}") for p in printed]
        value = max(values) if aggregate["fn"] == "max" else min(values)
        position, kind = None, aggregate["fn"]
    elif NUMBER.fullmatch(core):
        value, position, kind = _decimal(core, core), None, "number"
        factors.append(value)
    else:
        path, address = context.outputs.locate(core, bind.lineno)
        printed = flatten(resolve(path.read_text(encoding="utf-8"), address,
                                  context.layout.rel(path)))
        if len(printed) != 1:
            raise ClaimError(f"{bind.text.strip()}: {core} names {len(printed)} numbers; "
                             "compare single numbers, or max(...) / min(...) of a structure")
        value, position, kind = _decimal(printed[0], core), None, "number"
    return value * scale, position, kind, factors


def said_relation(literal: str) -> str:
    """The relation a literal states in words ('<', 'max', 'not max', ...)."""
    words = _plain(literal).lower()
    found = []
    for op, pattern in RELATION_WORDS.items():
        for m in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", words):
            found.append(op)
            words = words[:m.start()] + " " * (m.end() - m.start()) + words[m.end():]
    if not found:
        raise ClaimError(f"\"{literal}\" says no relation in words: use one such as less, "
                         "more, rises, falls, equal, differs, largest, smallest, at most")
    if len(set(found)) > 1:
        raise ClaimError(f"\"{literal}\" says several relations ({', '.join(found)}): bind one "
                         "relation at a time")
    return OPPOSITE[found[0]] if NEGATION.search(words) else found[0]


# "token 2", "layer 1", "head 0": a number that names something is no constant of a relation
NAMED = re.compile(r"\b(?:tokens?|layers?|heads?|positions?|rows?|columns?|queries|query|keys?"
                   r"|letters?|steps?|sentences?|distance)\s+[-\u2212]?\d+(?:\s*(?:,|and|to)\s*\d+)*",
                   re.I)


def _constants(literal: str) -> list[Decimal]:
    literal = NAMED.sub(" ", literal)
    words = _plain(literal).lower()
    found = [v for w, v in MULTIPLIERS.items() if re.search(rf"\b{w}\b", words)]
    for m in TEX_POWER.finditer(literal):
        found.append(Decimal(10) ** int(m["exp"].replace("\u2212", "-")))
    stripped = TEX_POWER.sub(" ", literal)
    found += [number(t.group()) for t in NUMBER.finditer(stripped)]
    return found


def check_relation(bind: Bind, context: Context) -> None:
    m = RELATION.match(bind.address)
    op = m["op"]
    left = _operand(m["left"], bind, context)
    right = _operand(m["right"], bind, context)
    # read in text order: "A is less than B" is before < after whichever side is written first
    if left[1] is not None and right[1] is not None and left[1] > right[1]:
        left, right, op = right, left, MIRROR[op]
    said = said_relation(bind.literal)
    if said in ("max", "min", "not max", "not min"):
        fn = said.removeprefix("not ")
        wanted = "==" if not said.startswith("not") else "!="
        if op != wanted or fn not in (left[2], right[2]):
            raise ClaimError(f"the text says \"{_plain(bind.literal)}\" but the binding states "
                             f"{bind.address}: write {wanted} {fn}(ADDRESS)")
    elif said != op:
        raise ClaimError(f"the text says \"{_plain(bind.literal)}\" ({said}) but the binding "
                         f"states {op} in text order ({bind.address})")
    quoted = _constants(bind.literal)
    used = left[3] + right[3]
    if sorted(quoted) != sorted(used):
        raise ClaimError(f"the text says \"{_plain(bind.literal)}\", with the constant(s) "
                         f"{_show(quoted)}, but the relation {bind.address} uses {_show(used)}")
    a, b = left[0], right[0]
    holds = {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b, "==": a == b, "!=": a != b}[op]
    if not holds:
        raise ClaimError(f"the text says \"{_plain(bind.literal)}\" but the printed values "
                         f"give {_show([a])} {op} {_show([b])}, which is false "
                         f"({bind.address})")


def _show(values: list[Decimal]) -> str:
    return ", ".join(format(v.normalize(), "f") if abs(v) >= Decimal("1e-4") or v == 0
                     else format(v.normalize(), "e") for v in values) or "none"


# --- assert bindings -------------------------------------------------------------------------


def snippet_above(layout: Layout, text: str, lineno: int) -> Path:
    found = None
    for i, line in enumerate(text.splitlines(), 1):
        m = INCLUDE.match(line)
        if i < lineno and m and m["path"].endswith(".py"):
            found = m["path"]
    if found is None:
        raise ClaimError("no snippet is included above this line: name it, "
                         "`{{ asserted = <snippet>: assert MESSAGE }}`")
    return (layout.snippets / found).resolve()


def named_snippet(layout: Layout, text: str, name: str) -> Path:
    shown = [(layout.snippets / m["path"]).resolve() for m in map(INCLUDE.match, text.splitlines())
             if m and m["path"].endswith(".py")]
    name = name.removesuffix(".py")
    matches = {p for p in shown if p.stem == name
               or p.relative_to(layout.snippets.resolve()).with_suffix("").as_posix() == name}
    if not matches:
        names = ", ".join(sorted({p.stem for p in shown})) or "none"
        raise ClaimError(f"no snippet named {name} is shown on this page (its snippets: {names})")
    if len(matches) > 1:
        raise ClaimError(f"{name} names several snippets on this page: write <lesson>/{name}")
    return matches.pop()


def asserts_named(bind: Bind, context: Context) -> tuple[Path, list]:
    m = ASSERT_ADDRESS.match(bind.address)
    path = (named_snippet(context.layout, context.text, m["snippet"]) if m["snippet"]
            else snippet_above(context.layout, context.text, bind.lineno))
    if not path.exists():
        raise ClaimError(f"{context.layout.rel(path)} does not exist")
    try:
        asserts = snippet_asserts(path)
    except SnippetError as error:
        raise ClaimError(str(error)) from None
    where = context.layout.rel(path)
    named = []
    for message in (" ".join(part.split()) for part in m["messages"].split(";")):
        hits = [a for a in asserts if a.message is not None
                and " ".join(a.message.split()) == message]
        if not hits:
            known = "; ".join(f'"{a.message}"' for a in asserts if a.message) or "none"
            raise ClaimError(f"{where} has no assert with the message \"{message}\" (its "
                             f"asserts' messages: {known}): the page says it is asserted")
        named += hits
    return path, named


def check_assert(bind: Bind, context: Context) -> None:
    path, named = asserts_named(bind, context)
    used = {n for a in named for n in a.numbers}
    for value in _constants(bind.literal):
        if not any(value == n for n in used):
            raise ClaimError(f"the text says \"{_plain(bind.literal)}\" but the asserts it names "
                             f"in {context.layout.rel(path)} use {_show(sorted(used))}, not "
                             f"{_show([value])}")


CHECKS = {"word": check_word, "relation": check_relation, "assert": check_assert}


# --- the page --------------------------------------------------------------------------------


def _statement_binds(reading: str, page: Path) -> list[tuple[Unit, list[tuple[int, Bind]]]]:
    """Each statement with its bindings and their offsets."""
    placed = list(zip([m.start() for m in BIND.finditer(reading)], binds(reading, page)))
    return [(unit, [(o, b) for o, b in placed if unit.start <= o < unit.end])
            for unit in units(reading)]


def claim_problems(layout: Layout, page: Path, text: str | None = None) -> list[Problem]:
    """Every word, relation and assert binding of the page that does not hold."""
    text = Path(page).read_text(encoding="utf-8") if text is None else text
    reading = prose(text)
    outputs = Outputs(layout, page, text)
    problems = []
    seen = set()
    for unit, placed in _statement_binds(reading, page):
        numbers = [(o, b) for o, b in placed if b.kind == "number"]
        for offset, bind in placed:
            seen.add(offset)
            if bind.malformed or bind.kind == "number":
                continue
            context = Context(layout, page, text, outputs,
                              before=[b for o, b in reversed(numbers) if o < offset],
                              after=[b for o, b in numbers if o > offset])
            problem = _run(bind, context)
            if problem:
                problems.append(Problem(layout.rel(page), bind.lineno, problem))
    # bindings outside any statement (there should be none): checked without before/after
    for offset, bind in zip([m.start() for m in BIND.finditer(reading)], binds(reading, page)):
        if offset not in seen and not bind.malformed and bind.kind != "number":
            problem = _run(bind, Context(layout, page, text, outputs, [], []))
            if problem:
                problems.append(Problem(layout.rel(page), bind.lineno, problem))
    return problems


def _run(bind: Bind, context: Context) -> str | None:
    try:
        CHECKS[bind.kind](bind, context)
    except (ClaimError, AddressError) as error:
        return str(error) if bind.kind != "word" or str(error).startswith("the text") else \
            f"{bind.text.strip()} refers to words no output prints: {error}"
    except InvalidOperation:
        return f"{bind.text.strip()}: a value it compares is not a number"
    return None


def said_by_nearest(word: str, at: int, placed: list[tuple[int, Bind]], reading: str) -> bool:
    """Whether the binding nearest to a result word says the word too, in the label the
    snippet prints before the value ("largest weight:") or in the message of the assert it
    names ("other rows unchanged"): the snippet then states what the sentence states."""
    def distance(item):
        offset, bind = item
        end = offset + len(bind.text)
        return offset - at if offset >= at else at - end
    if not placed:
        return False
    _, nearest = min(placed, key=distance)
    said = nearest.address.lower().replace("-", " ").replace("_", " ")
    if re.search(rf"(?<!\w){re.escape(word.lower().replace('-', ' '))}(?!\w)", said):
        return True
    # or says the same relation in other words: "largest" beside "max abs difference:"
    for op, pattern in RELATION_WORDS.items():
        if re.fullmatch(pattern, word.lower()):
            return bool(re.search(rf"(?<![\w-])(?:{SYNONYMS.get(op, pattern)})(?![\w-])", said))
    return False


def example(word: str) -> str:
    """How a free result word could be bound, for the error message."""
    try:
        said = said_relation(word)
    except ClaimError:
        return (f"to words a snippet prints, {{{{ {word} = <snippet>: <label> }}}}, or to an "
                f"output's True/False")
    if said in ("max", "min", "not max", "not min"):
        op = "!=" if said.startswith("not") else "=="
        return f"{{{{ {word} = after {op} {said.removeprefix('not ')}(<label>[i]) }}}}"
    return (f"{{{{ {word} = before {said} after }}}}, the bound numbers before and after it in "
            f"its sentence")


def word_spans(declarations: Declarations, page_id: str, reading: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in declarations.words_everywhere:
        spans += [(m.start(), m.end()) for m in re.finditer(pattern, reading, re.M)]
    for phrase in declarations.words_pages.get(page_id, {}):
        start = reading.find(phrase)
        while start != -1:
            spans.append((start, start + len(phrase)))
            start = reading.find(phrase, start + 1)
    return spans


def unbound_words(layout: Layout, page: Path, declarations: Declarations | None = None,
                  text: str | None = None) -> list[Problem]:
    """Every result word of a statement that carries a binding, left free and not declared;
    and every "asserted" that names no assert."""
    declarations = declarations or Declarations.load(layout.not_results)
    text = Path(page).read_text(encoding="utf-8") if text is None else text
    reading = prose(text)
    words = masked(reading)
    declared = word_spans(declarations, layout.page_id(page), reading)
    where = layout.rel(layout.not_results)
    problems = []
    for unit, placed in _statement_binds(reading, page):
        if not any(b.kind != "assert" for _, b in placed):
            continue
        for m in RESULT_WORDS.finditer(words, unit.start, unit.end):
            if any(s <= m.start() and m.end() <= e for s, e in declared):
                continue
            word = m.group()
            if said_by_nearest(word, m.start(), placed, reading):
                continue
            problems.append(Problem(layout.rel(page), line_of(reading, m.start()), (
                f"\"{word}\" states a result beside bound values but is not bound: bind it "
                f"({example(word)}), or, if it states no result, declare it under [words] in "
                f"{where} with the reason")))
    for m in ASSERTED.finditer(words):
        problems.append(Problem(layout.rel(page), line_of(reading, m.start()), (
            f"\"{m.group()}\" names no assert: write {{{{ {m.group()} = assert MESSAGE }}}} "
            "with the message of the snippet's assert that proves the claim")))
    return sorted(problems, key=lambda p: p.lineno)


def unused_word_declarations(layout: Layout, declarations: Declarations | None = None) -> list[str]:
    """[words] declarations that cover no result word: stale entries."""
    declarations = declarations or Declarations.load(layout.not_results)
    readings = {layout.page_id(p): prose(p.read_text(encoding="utf-8")) for p in layout.pages()}
    where = layout.rel(layout.not_results)
    problems = []

    def covers(reading: str, start: int, end: int) -> bool:
        return bool(RESULT_WORDS.search(masked(reading)[start:end]))

    for pattern in declarations.words_everywhere:
        if not any(covers(t, m.start(), m.end())
                   for t in readings.values() for m in re.finditer(pattern, t, re.M)):
            problems.append(f"{where}: [words.everywhere] '{pattern}' covers no result word on "
                            "any page: remove it")
    for page_id, phrases in declarations.words_pages.items():
        if page_id not in readings:
            problems.append(f"{where}: [words.\"{page_id}\"] names a page that does not exist")
            continue
        for phrase in phrases:
            text = readings[page_id]
            starts = [i for i in range(len(text)) if text.startswith(phrase, i)]
            if not any(covers(text, i, i + len(phrase)) for i in starts):
                problems.append(f"{where}: [words.\"{page_id}\"] \"{phrase}\" covers no result "
                                f"word on docs/{page_id}: remove it or fix the phrase")
    return problems
