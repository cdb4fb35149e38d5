"""Words bound like numbers: a page's result words are checked against what its snippets print
and assert, as its numbers are (verified_lessons.numbers).

Three kinds of binding state a result in words; the reader sees only the literal:

- a *word binding* quotes a phrase a snippet prints. The snippet prints
  `is_causal=True aligns: top-left` and the page writes
  `{{ top-left = is_causal=True aligns: }}`: the literal must be the phrase printed after the
  label, to the end of its line (`**` and backticks aside, the first letter in either case).
  When the printed phrase is `True` or `False` (or `yes`, `no`), the literal may be any words,
  but it must be negative exactly when the output says False: a negation (not, no, never,
  without, ...) or an antonym of "there is" (prevents, avoids, keeps ... finite, free of)
  makes it negative. So beside `sdpa, NaN in the gradients: False` the page may write
  `{{ no NaN reaches the gradients = ... }}` or `{{ keeps the gradients finite = ... }}`, and
  either fails when the output says True. The label states what True means: phrase it as the
  fact ("NaN in the gradients"), not its opposite.
- a *relation binding* states a comparison and the check computes it from printed values:
  `{{ rises = after < after 2 }}`, `{{ the most = after == max(weights[1]) }}`,
  `{{ stay the same = num_heads=1: parameters == num_heads=2: parameters }}`.
  An operand is `before`/`after` (the nearest bound number before or after the binding in its
  own sentence, table cell or alt text; `before 2` the one before that), `max(ADDRESS)` or
  `min(ADDRESS)` of a printed structure, a printed value's ADDRESS, or a number; either may be
  scaled, `after * 0.5`. The operator is <, >, <=, >=, == or != between spaces. The relation is
  read in the order the reader meets its operands: an ADDRESS operand that a number binding of
  the same statement shows takes that binding's place. The literal must say the same relation
  in words (RELATION_WORDS): `less`, `rises` mean <; `more`, `falls` mean >; `equal`, `same`
  mean ==; `differs`, `changes` mean !=; `largest`, `most` mean == max(...); a negation turns
  each into its opposite. Its numbers and the words `half`, `twice` must be the constants of
  the relation, and its two sides must differ.
- an *assert binding* names the asserts that prove the claim, by their messages:
  `{{ asserted = assert rows sum to 1 }}`, `{{ both asserted = assert no future weight; rows
  sum to 1 }}`, `{{ asserted to $10^{-12}$ = causal_mask_4x4: assert outputs agree }}`. The
  snippet is the one included last above the binding unless named; each message must be the
  message of one of its asserts, and a number in the literal must be one those asserts use.

A negation written just before a word or relation binding, outside it ("never {{ reaches
... }}"), would turn its words around unchecked: it fails, and belongs inside the literal.

`unbound_words` then finds words left free. A statement (sentence, table cell, alt text) that
carries a binding and a result word (RESULT_WORDS: comparisons, equal/differs, left/right,
True/False, positive/negative/zero, layer and token names) outside any binding fails, unless
the word is declared in docs/not_results.toml under [words] with its reason. The words of a
number or assert binding's own literal count too ({{ 0.248, the least = ... }}). A word also
passes when the binding nearest to it in its statement says it too, in the label the snippet
prints before the value ("layer 1 weight on BOS:", "largest weight:", or "max" for largest)
or in the message of the assert it names ("other rows unchanged"): the snippet then states
what the sentence does. And "asserted" (or "asserts") written anywhere in the prose outside an
assert binding fails: a page never says a claim is asserted without naming the assert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from verified_lessons.asserts import SnippetError, snippet_asserts
from verified_lessons.layout import Layout
from verified_lessons.numbers import Declarations, Outputs, Problem, unused
from verified_lessons.outputs import (NUMBER, Address, AddressError, decimals, flatten,
                                      label_end, line_of, number, resolve)
from verified_lessons.sentences import Unit, masked, units
from verified_lessons.syntax import ASSERT_ADDRESS, BIND, RELATION, Bind, binds, prose

# What each relation word means, read in text order: "A is less than B", "rises from A to B"
# (A < B); "A is more than B", "falls from A to B" (A > B). Two-word forms are read first.
RELATION_WORDS = {
    "<=": r"at most|no more than|not more than|no larger than|no greater than",
    ">=": r"at least|no less than|not less than|no smaller than",
    "max": r"largest|highest|biggest|greatest|brightest|most|maximum|top|peaks?|peaked",
    "min": r"smallest|lowest|least|fewest|darkest|minimum",
    "<": (r"less|lower|smaller|fewer|below|shorter|under|rises|rise|rose|risen|rising|grows"
          r"|grow|grew|grown|growing|climbs|climb|climbed|climbing|increases|increase"
          r"|increased|increasing|doubles|doubled|goes up|went up"),
    ">": (r"more|greater|larger|bigger|higher|above|exceeds|exceed|exceeded|exceeding|longer"
          r"|falls|fall|fell|fallen|falling|drops|drop|dropped|dropping|shrinks|shrink|shrank"
          r"|shrinking|decreases|decrease|decreased|decreasing|halves|halved|goes down"
          r"|went down"),
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
# Beside a printed True/False, these say "there is none" as a negation does.
ANTONYMS = re.compile(r"\b(?:prevents?|prevented|avoids?|avoided|stops?|stopped|free of"
                      r"|keeps?\b.*\bfinite|stays? finite|finite)\b", re.I)
MULTIPLIERS = {"half": Decimal("0.5"), "twice": Decimal(2), "double": Decimal(2),
               "a third": Decimal(1) / Decimal(3), "three times": Decimal(3)}
BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}
# Words that state a result beside bound values: every relation word, and these.
OTHER_RESULT_WORDS = (r"left|right|top-left|bottom-right|top-right|bottom-left|upper|True|False"
                      r"|twice|half|double|faster|slower|better|worse|overflows|overflow"
                      r"|underflows|underflow|positive|negative|zero|nonzero|non-zero|vanishes"
                      r"|vanish")
NAME = r"layer[ -]\d+|t\d+"
RESULT_WORDS = re.compile(
    r"(?<![\w-])(?:" + "|".join(RELATION_WORDS.values()) + "|" + OTHER_RESULT_WORDS + "|"
    + NAME + r")(?![\w-])", re.I)
ASSERTED = re.compile(r"\basserts?\b|\basserted\b|\basserting\b", re.I)
# "token 2", "layer 1", "head 0": a number that names something is no constant of a relation
NAMED = re.compile(r"\b(?:tokens?|layers?|heads?|positions?|rows?|columns?|queries|query|keys?"
                   r"|letters?|steps?|sentences?|distance)\s+[-\u2212]?\d+(?:\s*(?:,|and|to)\s*\d+)*",
                   re.I)
OPERATOR = re.compile(r"(?:^|\s)(?:<=|>=|==|!=|<|>)(?:\s|$)")
OPERAND = re.compile(r"^(?:(?P<k1>[-+]?\d+(?:\.\d+)?)\s*\*\s*)?(?P<core>.+?)"
                     r"(?:\s*\*\s*(?P<k2>[-+]?\d+(?:\.\d+)?))?$", re.S)
POSITIONAL = re.compile(r"^(?P<side>before|after)(?:\s+(?P<n>\d+))?$")
AGGREGATE = re.compile(r"^(?P<fn>max|min)\((?P<address>.+)\)$", re.S)
# Where a clause starts, looking back from a binding for a negation that belongs to it.
CLAUSE_START = re.compile(r"[,;:()\[\]—–]|\.\s")
RELATION_HELP = ("write {{ words = OPERAND OP OPERAND }}, an operand being before, after, "
                 "before 2, max(label[i]), min(label[i]), a printed value's address or a "
                 "number, OP one of < > <= >= == != between spaces")


class ClaimError(ValueError):
    """A word, relation or assert binding that does not hold; the message says why."""


@dataclass
class Context:
    """What a binding's check needs besides the binding: the page and its outputs, and the
    number bindings of its statement (offset, binding), for `before`, `after` and text order."""

    layout: Layout
    text: str                       # the page's full text
    outputs: Outputs
    offset: int                     # where the binding stands in the page's prose
    numbers: list[tuple[int, Bind]]  # the statement's number bindings, in page order

    @property
    def before(self) -> list[tuple[int, Bind]]:
        return [(o, b) for o, b in reversed(self.numbers) if o < self.offset]

    @property
    def after(self) -> list[tuple[int, Bind]]:
        return [(o, b) for o, b in self.numbers if o > self.offset]


def _plain(words: str) -> str:
    return " ".join(words.replace("**", "").replace("`", "").replace("*", "").split())


# --- word bindings -------------------------------------------------------------------------


def printed_phrase(output: str, label: str, name: str) -> str:
    """The words printed after a label, to the end of its line: 'top-left'."""
    rest = output[label_end(output, label, name):].split("\n", 1)[0]
    return rest.lstrip(" \t:=").rstrip(" \t.")


def check_word(bind: Bind, context: Context) -> None:
    if OPERATOR.search(bind.address):
        raise ClaimError(f"{bind.text.strip()} is neither a relation nor a label: {RELATION_HELP}")
    if bind.address.strip() == "assert" or bind.address.strip().endswith(": assert"):
        raise ClaimError(f"{bind.text.strip()} names no assert: write "
                         "{{ asserted = assert MESSAGE }}")
    path, address = context.outputs.locate(bind.address, bind.lineno)
    if address.path or address.pick or address.pick_end is not None:
        raise ClaimError(f"{bind.text.strip()}: a word binding names a label only (the words "
                         "printed after it, to the end of the line), not an index or #k")
    name = context.layout.rel(path)
    if not address.label:
        raise ClaimError(f"{bind.text.strip()}: a word binding needs the label printed before "
                         "the words")
    try:
        phrase = printed_phrase(path.read_text(encoding="utf-8"), address.label, name)
    except AddressError as error:
        raise ClaimError(f"{bind.text.strip()} refers to words no output prints: {error}") from None
    literal = _plain(bind.literal)
    if phrase.lower() in BOOLEANS:
        # both say a relation ("change" beside "same ...: True"): they must say the same one
        # (the label's last clause states it: "without positions, same output:" says same)
        said = relation_or_none(literal)
        labelled = (relation_or_none(address.label.rstrip(" :").split(",")[-1])
                    or relation_or_none(NEGATION.sub(" ", address.label)))
        if said and labelled:
            means = labelled if BOOLEANS[phrase.lower()] else OPPOSITE[labelled]
            if said != means:
                raise ClaimError(f"the text says \"{literal}\" ({said}) but {name} prints "
                                 f"{phrase} after \"{address.label}\" ({means}): say it the "
                                 "other way, or bind it to what it means")
            return
        negative = bool(NEGATION.search(literal) or ANTONYMS.search(literal))
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


def _printed(text: str, context: Context, bind: Bind) -> tuple[list[str], str]:
    """The printed tokens an address names, and where (output and address) they are."""
    path, address = context.outputs.locate(text, bind.lineno)
    where = context.layout.rel(path)
    return flatten(resolve(path.read_text(encoding="utf-8"), address, where)), \
        f"{where} {address.describe()}"


def _operand(text: str, bind: Bind, context: Context) -> tuple[Decimal, int | None, str, list]:
    """(value, place in the text or None, kind, constants) of one side of a relation."""
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
            raise ClaimError(f"{bind.text.strip()}: its sentence has no bound number {core} "
                             f"it (it has {len(side)})")
        offset, number_bind = side[n - 1]
        printed, _ = _printed(number_bind.address, context, number_bind)
        if len(printed) != 1:
            raise ClaimError(f"{number_bind.text.strip()} quotes {len(printed)} numbers: a "
                             "relation compares single numbers")
        value, place, kind = _decimal(printed[0], number_bind.text.strip()), offset, "number"
    elif aggregate:
        printed, where = _printed(aggregate["address"], context, bind)
        if not printed:
            raise ClaimError(f"{bind.text.strip()}: {core} takes the {aggregate['fn']} of no "
                             f"values ({where} is empty)")
        values = [_decimal(p, f"a value at {where}") for p in printed]
        value = max(values) if aggregate["fn"] == "max" else min(values)
        place, kind = None, aggregate["fn"]
    elif NUMBER.fullmatch(core):
        value, place, kind = _decimal(core, core), None, "number"
        factors.append(value)
    else:
        printed, where = _printed(core, context, bind)
        if len(printed) != 1:
            raise ClaimError(f"{bind.text.strip()}: {core} names {len(printed)} numbers; "
                             "compare single numbers, or max(...) / min(...) of a structure")
        value, place, kind = _decimal(printed[0], core), shown_at(where, context), "number"
    return value * scale, place, kind, factors


def shown_at(where: str, context: Context) -> int | None:
    """Where the statement shows the printed value an address operand names: the offset of
    the number binding of the same value, so the relation is read in text order."""
    for offset, bind in context.numbers:
        try:
            _, there = _printed(bind.address, context, bind)
        except (AddressError, ClaimError):
            continue
        if there == where:
            return offset
    return None


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


def relation_or_none(words: str) -> str | None:
    """The one relation some words say, or None (none, or several)."""
    try:
        return said_relation(words)
    except ClaimError:
        return None


def _constants(literal: str) -> list[Decimal]:
    literal = NAMED.sub(" ", literal)
    words = _plain(literal).lower()
    return [v for w, v in MULTIPLIERS.items() if re.search(rf"\b{w}\b", words)] + decimals(literal)


def check_relation(bind: Bind, context: Context) -> None:
    m = RELATION.match(bind.address)
    op = m["op"]
    if " ".join(m["left"].split()) == " ".join(m["right"].split()):
        raise ClaimError(f"{bind.text.strip()} compares {m['left'].strip()} with itself")
    left = _operand(m["left"], bind, context)
    right = _operand(m["right"], bind, context)
    # read in text order: "A is less than B" is A < B whichever side is written first
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


def asserts_named(bind: Bind, context: Context) -> tuple[Path, list]:
    m = ASSERT_ADDRESS.match(bind.address)
    snippets = Outputs(context.layout, Path(), context.text, suffix=".py")
    path = snippets.find(m["snippet"]) if m["snippet"] else snippets.above(bind.lineno)
    where = context.layout.rel(path)
    try:
        asserts = snippet_asserts(path)
    except SnippetError:
        raise ClaimError(f"{where} cannot be read as Python: run it to see why") from None
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


def statement_binds(reading: str, page: Path) -> list[tuple[Unit, list[tuple[int, Bind]]]]:
    """Each statement with its bindings and their offsets; a binding belongs to the smallest
    statement that holds it (an image's alt text, not the sentence around the image)."""
    placed = list(zip([m.start() for m in BIND.finditer(reading)], binds(reading, page)))
    statements = units(reading)
    owner: dict[int, Unit] = {}
    for offset, _ in placed:
        holding = [u for u in statements if u.start <= offset < u.end]
        if holding:
            owner[offset] = min(holding, key=lambda u: u.end - u.start)
    return [(unit, [(o, b) for o, b in placed if owner.get(o) == unit]) for unit in statements]


def negation_before(words: str, unit: Unit, offset: int,
                    placed: list[tuple[int, Bind]]) -> str | None:
    """A negation among the three words that lead into a binding at offset, in its clause
    (after the last punctuation or binding before it): "did not {{ rise = ... }}"."""
    start = max([unit.start] + [o + len(b.text) for o, b in placed if o < offset])
    for m in CLAUSE_START.finditer(words, start, offset):
        start = m.end()
    lead = " ".join(words[start:offset].split()[-3:])
    found = NEGATION.search(lead)
    return found.group() if found else None


def claim_problems(layout: Layout, page: Path, text: str | None = None) -> list[Problem]:
    """Every word, relation and assert binding of the page that does not hold."""
    text = Path(page).read_text(encoding="utf-8") if text is None else text
    reading = prose(text)
    words = masked(reading)
    outputs = Outputs(layout, page, text)
    problems = []
    for unit, placed in statement_binds(reading, page):
        numbers = [(o, b) for o, b in placed if b.kind == "number" and not b.malformed]
        for offset, bind in placed:
            if bind.malformed:
                continue
            if bind.kind == "number":   # checked by verified_lessons.numbers; a negation
                continue                # before a number ("does not divide 10") is no flip
            problem = _run(bind, Context(layout, text, outputs, offset, numbers))
            if problem is None and bind.kind != "assert":
                negation = negation_before(words, unit, offset, placed)
                if negation:
                    problem = (f"\"{negation}\" before {bind.text.strip()} turns its words "
                               "around, unchecked: put it inside the literal")
            if problem:
                problems.append(Problem(layout.rel(page), bind.lineno, problem))
    return problems


def _run(bind: Bind, context: Context) -> str | None:
    try:
        CHECKS[bind.kind](bind, context)
    except ClaimError as error:
        return str(error)
    except AddressError as error:
        return f"{bind.text.strip()} refers to a value no output prints: {error}"
    except InvalidOperation:
        return f"{bind.text.strip()}: a value it compares is not a number"
    return None


def bounded_as_said(word: str, rest: str, bind: Bind, layout: Layout, text: str,
                    outputs: Outputs) -> bool:
    """"asserted below $10^{-15}$": the word is bound when the constant right after it is a
    bound the named asserts put on a value, in the word's direction (diff < 1e-15, or a
    tolerance atol=1e-15, for below / at most / within; > for above / more than)."""
    try:
        said = said_relation(word)
    except ClaimError:
        return False
    ahead = decimals(rest.split(";")[0])
    if said not in ("<", "<=", ">", ">=") or not ahead:
        return False
    try:
        _, named = asserts_named(bind, Context(layout, text, outputs, 0, []))
    except (ClaimError, AddressError):
        return False   # the assert check names the problem
    wanted = {"<", "<="} if said in ("<", "<=") else {">", ">="}
    return any(op in wanted and value == ahead[0] for a in named for op, value in a.bounds)


def _said_by(bind: Bind) -> str:
    """What a binding's snippet says in words: the label it prints before the value, or the
    messages of the asserts it names (never the snippet's name)."""
    if bind.kind == "assert":
        said = ASSERT_ADDRESS.match(bind.address)["messages"]
    elif bind.kind == "relation":
        said = re.sub(r"(?:^|(?<=\s)|(?<=\())[\w./-]+\s*:\s", " ", bind.address)
    else:
        try:
            said = Address.parse(bind.address).label
        except AddressError:
            said = bind.address
    return said.lower().replace("-", " ").replace("_", " ")


def said_by_nearest(word: str, at: int, placed: list[tuple[int, Bind]]) -> bool:
    """Whether the binding nearest to a result word says the word too, in the label the
    snippet prints before the value ("largest weight:") or in the message of the assert it
    names ("other rows unchanged"): the snippet then states what the sentence states."""
    def distance(item):
        offset, bind = item
        end = offset + len(bind.text)
        return offset - at if offset >= at else max(0, at - end)
    if not placed:
        return False
    _, nearest = min(placed, key=distance)
    said = _said_by(nearest)
    if re.search(rf"(?<!\w){re.escape(word.lower().replace('-', ' '))}(?!\w)", said):
        return True
    # or says the same relation in other words: "largest" beside "max abs difference:", and
    # "changes" beside "rises" (a rise is a change)
    for op, pattern in RELATION_WORDS.items():
        if re.fullmatch(pattern, word.lower()):
            said_as = SYNONYMS.get(op, pattern)
            if op == "!=":
                said_as = "|".join((pattern, RELATION_WORDS["<"], RELATION_WORDS[">"]))
            return bool(re.search(rf"(?<![\w-])(?:{said_as})(?![\w-])", said))
    return False


def example(word: str) -> str:
    """How a free result word could be bound, for the error message."""
    if word.lower() in MULTIPLIERS:
        return (f"a relation that scales its operand, {{{{ less than {word} = before < after * "
                f"{MULTIPLIERS[word.lower()].normalize():f} }}}}")
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


def unbound_words(layout: Layout, page: Path, declarations: Declarations | None = None,
                  text: str | None = None) -> list[Problem]:
    """Every result word of a statement that carries a binding, left free and not declared;
    and every "asserted" that names no assert."""
    declarations = declarations or Declarations.load(layout.not_results)
    text = Path(page).read_text(encoding="utf-8") if text is None else text
    reading = prose(text)
    words = masked(reading)
    outputs = Outputs(layout, page, text)
    declared = declarations.word_spans(layout.page_id(page), reading)
    where = layout.rel(layout.not_results)
    problems = []

    def free(word: str, start: int, end: int, placed) -> bool:
        return not (any(s <= start and end <= e for s, e, _ in declared)
                    or said_by_nearest(word, start, placed))

    def report(word: str, start: int) -> None:
        problems.append(Problem(layout.rel(page), line_of(reading, start), (
            f"\"{word}\" states a result beside bound values but is not bound: bind it "
            f"({example(word)}), or, if it states no result, declare it under "
            f"[words.\"{layout.page_id(page)}\"] in {where} with the reason")))

    for unit, placed in statement_binds(reading, page):
        if not placed:
            continue
        for m in RESULT_WORDS.finditer(words, unit.start, unit.end):
            if free(m.group(), m.start(), m.end(), placed):
                report(m.group(), m.start())
        # the words of a number or assert binding's own literal ("0.248, the least")
        for offset, bind in placed:
            if bind.malformed or bind.kind not in ("number", "assert"):
                continue
            start = offset + bind.text.index(bind.literal)
            literal = NUMBER.sub(lambda n: " " * len(n.group()), masked(bind.literal))
            for m in RESULT_WORDS.finditer(literal):
                at = start + m.start()
                if bind.kind == "assert" and bounded_as_said(m.group(), bind.literal[m.end():],
                                                             bind, layout, text, outputs):
                    continue
                if free(m.group(), at, at + len(m.group()), [(offset, bind)]):
                    report(m.group(), at)
    for m in ASSERTED.finditer(words):
        problems.append(Problem(layout.rel(page), line_of(reading, m.start()), (
            f"\"{m.group()}\" names no assert: write {{{{ {m.group()} = assert MESSAGE }}}} "
            "with the message of the snippet's assert that proves the claim")))
    return sorted(problems, key=lambda p: p.lineno)


def unused_word_declarations(layout: Layout, declarations: Declarations | None = None) -> list[str]:
    """[words] declarations that cover no result word: stale entries."""
    declarations = declarations or Declarations.load(layout.not_results)

    def covers(reading: str, start: int, end: int) -> bool:
        return bool(RESULT_WORDS.search(masked(reading)[start:end]))

    return unused(layout, declarations.words_everywhere, declarations.words_pages, "words.",
                  covers, "result word")
