"""What a re-recording must not change without a reviewer saying so: docs/approved.toml.

`--update-outputs` rewrites outputs and the numbers bound to them; it must never weaken a check
or turn a sentence's meaning around unseen. So two things are recorded when a person approves
them, and any difference fails the tests until that person approves again:

- [asserts]: every assert of every snippet, as normalised source (verified_lessons.asserts),
  with the module-level comparisons it reads (`ok = np.allclose(a, b, atol=1e-12)` before
  `assert ok`), then a fingerprint of the snippet's code. An assert removed, a tolerance
  loosened, a comparison retargeted: the test names the snippet and shows the approved assert
  beside the new one. Any other change to the code (a helper the assert calls, a value typed
  in place of a computed one) changes the fingerprint: the test asks for a reading of the
  snippet's diff and a new approval.
- [meanings]: for every bound single number of every page, its sign and, when it sits in a
  row of a printed matrix or list, its rank in that row ("rank 1/5": the largest of five).
  A re-recorded "largest weight" that is now the second largest, or a difference that changed
  sign, fails though every digit on the page matches its output.

Approving is one explicit step that shows up in the diff of docs/approved.toml:

    bash scripts/approve         # .venv/bin/python -m verified_lessons.approved

It prints what it approved; review that as you would review the change itself.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import json
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

from verified_lessons.asserts import SnippetError, snippet_asserts
from verified_lessons.layout import LAYOUT, Layout
from verified_lessons.numbers import Outputs
from verified_lessons.outputs import Address, AddressError, number, resolve
from verified_lessons.syntax import binds, prose

APPROVE = "bash scripts/approve"
HEADER = """\
# Approved checks and meanings: written by `bash scripts/approve` (verified_lessons/approved.py),
# never by hand and never by --update-outputs. Review its diff like the change that caused it.
#
# [asserts]  every assert of every snippet, normalised (a removed or loosened assert shows here),
#            then "code <hash>": a fingerprint of its code, comments and layout aside
# [meanings] every bound single number: "output: address: sign, rank r/n in its row" where
#            rank 1 is the row's largest ("1=" a tie); a changed rank or sign shows here
"""


def approved_path(layout: Layout) -> Path:
    return layout.docs / "approved.toml"


def current_asserts(layout: Layout) -> dict[str, list[str]]:
    names = [path.relative_to(layout.snippets).as_posix() for path in layout.snippet_files()]
    return {name: snippet_approved_form(layout, name) for name in names}


def _rank(row: list[str], token: str) -> str | None:
    values = [number(t) for t in row]
    if len(values) < 2 or not all(isinstance(v, Decimal) and v.is_finite() for v in values):
        return None
    value = number(token)
    above = sum(v > value for v in values)
    tie = "=" if sum(v == value for v in values) > 1 else ""
    return f"rank {above + 1}{tie}/{len(values)} in its row"


def _sign(token: str) -> str:
    value = number(token)
    if not isinstance(value, Decimal):
        return value
    if value.is_zero():
        return "negative zero" if value.is_signed() else "zero"
    return "negative" if value < 0 else "positive"


def page_meanings(layout: Layout, page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    outputs = Outputs(layout, page, text)
    found = set()
    for bind in binds(prose(text), page):
        if bind.malformed or bind.kind != "number":
            continue
        try:
            path, address = outputs.locate(bind.address, bind.lineno)
            output = path.read_text(encoding="utf-8")
            value = resolve(output, address)
        except AddressError:
            continue   # the number check names it
        if not isinstance(value, str):
            continue
        facts = [_sign(value)]
        if address.path and not address.path[-1][1]:
            parent = Address(address.snippet, address.label, address.pick, address.pick_end,
                             address.path[:-1])
            row = resolve(output, parent)
            if isinstance(row, list) and all(isinstance(t, str) for t in row):
                rank = _rank(row, value)
                if rank:
                    facts.append(rank)
        found.add(f"{path.stem}: {address.describe()}: {', '.join(facts)}")
    return sorted(found)


def current_meanings(layout: Layout) -> dict[str, list[str]]:
    return {layout.page_id(p): page_meanings(layout, p) for p in layout.pages()}


def load(layout: Layout) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """([asserts], [meanings]) of docs/approved.toml; Unreadable when it is not that file."""
    path = approved_path(layout)
    if not path.exists():
        return {}, {}
    where = layout.rel(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise Unreadable(f"{where} is not valid TOML ({error}): it is written by {APPROVE}, "
                         "which rebuilds it") from None
    tables = []
    for name in ("asserts", "meanings"):
        table = data.get(name, {})
        if not isinstance(table, dict) or not all(
                isinstance(v, list) and all(isinstance(e, str) for e in v) for v in table.values()):
            raise Unreadable(f"{where}: [{name}] must map each name to a list of strings: it is "
                             f"written by {APPROVE}, which rebuilds it")
        tables.append(table)
    return tables[0], tables[1]


def _key(entry: str) -> str:
    return entry.rsplit(": ", 1)[0]


def meaning_problems(layout: Layout, page: Path) -> list[str]:
    page_id = layout.page_id(page)
    try:
        approved = dict((_key(e), e) for e in load(layout)[1].get(page_id, []))
    except Unreadable as error:
        return [str(error)]
    now = dict((_key(e), e) for e in page_meanings(layout, page))
    where = f"docs/{page_id}"
    problems = []
    for key in sorted(set(approved) | set(now)):
        old, new = approved.get(key), now.get(key)
        if old == new:
            continue
        if old and new:
            problems.append(f"{where}: {key} was {old.rsplit(': ', 1)[1]} when approved, now "
                            f"{new.rsplit(': ', 1)[1]}: the words around it may now say the "
                            f"opposite. Read them, fix them if they no longer hold, then run "
                            f"{APPROVE}")
        elif new:
            problems.append(f"{where}: {key} ({new.rsplit(': ', 1)[1]}) is not approved yet: "
                            f"read the sentence it is in, then run {APPROVE}")
        else:
            problems.append(f"{where}: the approved {key} is no longer bound on the page: "
                            f"run {APPROVE}")
    return problems


class Unreadable(ValueError):
    """A snippet, or docs/approved.toml, that cannot be read; the message names it."""


def code_hash(path: Path) -> str:
    """A fingerprint of what a snippet computes: its syntax tree, so comments and layout do
    not count but any change to the code does (a gutted helper, a typed True, a loosened
    tolerance in a function the assert calls)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return "code " + hashlib.sha256(ast.dump(tree).encode()).hexdigest()[:16]


def snippet_approved_form(layout: Layout, snippet: str) -> list[str] | None:
    """What docs/approved.toml records of a snippet: each assert with the comparisons it reads,
    then the fingerprint of its code. None when there is no such snippet."""
    path = layout.snippets / snippet
    if not path.is_file():
        return None
    try:
        return [a.approved_form for a in snippet_asserts(path)] + [code_hash(path)]
    except (SnippetError, SyntaxError):
        raise Unreadable(f"snippets/{snippet} cannot be read as Python: run it to see why, and "
                         "fix it before approving") from None


def assert_problems(layout: Layout, snippet: str) -> list[str]:
    try:
        approved = load(layout)[0].get(snippet)
        now = snippet_approved_form(layout, snippet)
    except Unreadable as error:
        return [str(error)]
    where = f"snippets/{snippet}"
    if approved == now:
        return []
    if now is None:
        return [f"{where} is approved in {layout.rel(approved_path(layout))} but does not "
                f"exist: run {APPROVE}"]
    approved = approved or []
    if approved[:-1] == now[:-1] and approved:
        return [f"{where}: its code changed since it was approved (comments and layout aside), "
                "so what its asserts check may have changed with it. Read `git diff "
                f"{where}`; if every claim it backs still holds, run {APPROVE}"]
    approved, now = [a for a in approved if not a.startswith("code ")], now[:-1]
    problems = []
    matcher = difflib.SequenceMatcher(a=approved, b=now, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        gone, added = approved[a0:a1], now[b0:b1]
        for i in range(max(len(gone), len(added))):
            old = gone[i] if i < len(gone) else None
            new = added[i] if i < len(added) else None
            if old and new:
                problems.append(f"{where}: an approved assert changed: `{old}` is now `{new}`. "
                                f"A loosened or retargeted check must be approved: run {APPROVE}")
            elif old:
                problems.append(f"{where}: an approved assert was removed: `{old}`. A weakened "
                                f"check must be approved: run {APPROVE}")
            else:
                problems.append(f"{where}: the assert `{new}` is not approved yet: run {APPROVE}")
    return problems


def stale_entries(layout: Layout) -> list[str]:
    """Approved snippets and pages that no longer exist."""
    try:
        asserts, meanings = load(layout)
    except Unreadable as error:
        return [str(error)]
    where = layout.rel(approved_path(layout))
    snippets = {p.relative_to(layout.snippets).as_posix() for p in layout.snippet_files()}
    pages = {layout.page_id(p) for p in layout.pages()}
    return ([f"snippets/{name} is approved in {where} but does not exist: run {APPROVE}"
             for name in asserts if name not in snippets]
            + [f"docs/{name} has approved meanings in {where} but does not exist: run {APPROVE}"
               for name in meanings if name not in pages])


def _toml_table(name: str, table: dict[str, list[str]]) -> str:
    lines = [f"[{name}]"]
    for key in sorted(table):
        values = table[key]
        if not values:
            lines.append(f"{json.dumps(key)} = []")
            continue
        lines.append(f"{json.dumps(key)} = [")
        lines += [f"  {json.dumps(v, ensure_ascii=False)}," for v in values]
        lines.append("]")
    return "\n".join(lines) + "\n"


def approve(layout: Layout = LAYOUT) -> list[str]:
    """Write docs/approved.toml from what the snippets and pages say now; return what changed.
    An unreadable old file is rebuilt whole; an unreadable snippet stops it (Unreadable)."""
    try:
        old_asserts, old_meanings = load(layout)
    except Unreadable:
        old_asserts, old_meanings = {}, {}
    asserts, meanings = current_asserts(layout), current_meanings(layout)
    changes = []
    for kind, old, new in (("assert", old_asserts, asserts), ("meaning", old_meanings, meanings)):
        for key in sorted(set(old) | set(new)):
            for line in difflib.unified_diff(old.get(key, []), new.get(key, []), lineterm="", n=0):
                if line[:1] in "+-" and not line.startswith(("+++", "---")):
                    changes.append(f"{kind} {key}: {line}")
    text = HEADER + "\n" + _toml_table("asserts", asserts) + "\n" + _toml_table("meanings", meanings)
    approved_path(layout).write_text(text, encoding="utf-8")
    return changes


def main(argv: list[str]) -> int:
    layout = Layout(Path(argv[0])) if argv else LAYOUT
    try:
        changes = approve(layout)
    except Unreadable as error:
        print(f"nothing approved: {error}", file=sys.stderr)
        return 1
    where = layout.rel(approved_path(layout))
    if not changes:
        print(f"{where}: nothing new to approve")
    else:
        print(f"{where}: approved {len(changes)} change(s) (- before, + now):")
        print("\n".join(f"  {c}" for c in changes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
