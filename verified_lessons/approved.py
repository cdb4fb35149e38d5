"""What a re-recording must not change without a reviewer saying so: docs/approved.toml.

`--update-outputs` rewrites outputs and the numbers bound to them; it must never weaken a check
or turn a sentence's meaning around unseen. So two things are recorded when a person approves
them, and any difference fails the tests until that person approves again:

- [asserts]: every assert of every snippet, as normalised source (verified_lessons.asserts),
  with the module-level comparisons it reads (`ok = np.allclose(a, b, atol=1e-12)` before
  `assert ok`). An assert removed, a tolerance loosened, a comparison retargeted: the test names
  the snippet and shows the approved assert beside the new one.
- [meanings]: for every bound single number of every page, its sign and, when it sits in a
  row of a printed matrix or list, its rank in that row ("rank 1/5": the largest of five).
  A re-recorded "largest weight" that is now the second largest, or a difference that changed
  sign, fails though every digit on the page matches its output.

Approving is one explicit step that shows up in the diff of docs/approved.toml:

    bash scripts/approve         # .venv/bin/python -m verified_lessons.approved

It prints what it approved; review that as you would review the change itself.
"""

from __future__ import annotations

import difflib
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
# [asserts]  every assert of every snippet, normalised (a removed or loosened assert shows here)
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
    path = approved_path(layout)
    if not path.exists():
        return {}, {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{layout.rel(path)} is not valid TOML ({error}): run {APPROVE}") from None
    return data.get("asserts", {}), data.get("meanings", {})


def _key(entry: str) -> str:
    return entry.rsplit(": ", 1)[0]


def meaning_problems(layout: Layout, page: Path) -> list[str]:
    page_id = layout.page_id(page)
    approved = dict((_key(e), e) for e in load(layout)[1].get(page_id, []))
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


def snippet_approved_form(layout: Layout, snippet: str) -> list[str] | None:
    path = layout.snippets / snippet
    if not path.is_file():
        return None
    try:
        return [a.approved_form for a in snippet_asserts(path)]
    except SnippetError as error:
        return [f"(unreadable: {error})"]


def assert_problems(layout: Layout, snippet: str) -> list[str]:
    approved = load(layout)[0].get(snippet)
    now = snippet_approved_form(layout, snippet)
    where = f"snippets/{snippet}"
    if approved == now:
        return []
    if now is None:
        return [f"{where} is approved in {layout.rel(approved_path(layout))} but does not "
                f"exist: run {APPROVE}"]
    approved = approved or []
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


def stale_snippets(layout: Layout) -> list[str]:
    now = current_asserts(layout)
    return [f"snippets/{name} is approved in {layout.rel(approved_path(layout))} but does not "
            f"exist: run {APPROVE}" for name in load(layout)[0] if name not in now]


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
    """Write docs/approved.toml from what the snippets and pages say now; return what changed."""
    old_asserts, old_meanings = load(layout)
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
    changes = approve(layout)
    where = layout.rel(approved_path(layout))
    if not changes:
        print(f"{where}: nothing new to approve")
    else:
        print(f"{where}: approved {len(changes)} change(s) (- before, + now):")
        print("\n".join(f"  {c}" for c in changes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
