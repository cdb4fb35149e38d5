"""Read the values a recorded output prints, and find one by its address.

An output is free text: labels, numbers, NumPy arrays, Python lists and tuples. It is read as a
stream of *items*: a number, or a bracketed structure of numbers ("[[0.19 0.21]\\n [0.165 0.248]]",
"[1.0, 1.0]", "(24, 8)"), each kept as the very text it was printed as.

An address names one item, and optionally a part of it:

    attention_weights: weights[1][1]
    ^ snippet (output)  ^ label  ^ index into the item that follows the label

- the snippet may be left out: `weights[1][1]` means the output included last above the
  binding on the page (the output the sentence talks about);
- the label is text that occurs exactly once in the output; the address means the first item
  printed after it (no label: the first item of the output);
- `#k` after the label skips to the k-th item after it (#0 is the first), for tables and
  lines with several numbers: `why_scale: 1024 #2`; `#a:b` takes items a to b-1 as one list;
- `[i]`, `[i][j]`, `[a:b]` index into a structure as Python would (negative indices too).
A label that contains `[` or `#` is written in double quotes: `x: "claimed [2.2"`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# A number as printed: 0.248, -1., 1e-06, 3, nan, inf, -inf. Not part of a word (t2, float16).
NUMBER = re.compile(r"(?<![\w.])[-+\u2212]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|nan|inf)(?![\w])")
ADDRESS = re.compile(
    r"^(?:(?P<snippet>[\w./-]+)\s*:\s*)?"
    r'(?:"(?P<quoted>[^"]*)"|(?P<label>[^#\[]*?))\s*'
    r"(?:#(?P<pick>\d+)(?::(?P<pick_end>\d+))?)?\s*"
    r"(?P<path>(?:\[\s*-?\d*\s*(?::\s*-?\d*\s*)?\])*)\s*$"
)
INDEX = re.compile(r"\[\s*(?P<start>-?\d*)\s*(?P<colon>:)?\s*(?P<stop>-?\d*)\s*\]")


class AddressError(ValueError):
    """An address that is malformed or names nothing the output prints."""


@dataclass(frozen=True)
class Item:
    """A number or a structure of numbers, as printed: tokens are the printed texts."""

    value: object    # a str (one number) or a list of such values
    start: int       # character offsets in the output
    end: int

    def flat(self) -> list[str]:
        return flatten(self.value)


def flatten(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [token for part in value for token in flatten(part)]


class Tuple(list):
    """A structure printed in parentheses, such as a shape: (24, 8)."""


def _structure(text: str, i: int) -> tuple[list, int] | None:
    """Parse a bracketed structure of numbers starting at text[i] ('[' or '('), or None."""
    close = {"[": "]", "(": ")"}[text[i]]
    items: list = Tuple() if close == ")" else []
    j = i + 1
    while j < len(text):
        c = text[j]
        if c in " \t\n,":
            j += 1
        elif c == close:
            return items, j + 1
        elif c in "[(":
            inner = _structure(text, j)
            if inner is None:
                return None
            items.append(inner[0])
            j = inner[1]
        else:
            m = NUMBER.match(text, j)
            if not m or (j > 0 and (text[j - 1].isalnum() or text[j - 1] in "._")):
                return None
            items.append(m.group())
            j = m.end()
    return None


def items(text: str, start: int = 0) -> list[Item]:
    """Every item printed in text[start:], in order."""
    found: list[Item] = []
    i = start
    while i < len(text):
        c = text[i]
        if c in "[(":
            parsed = _structure(text, i)
            if parsed is not None and parsed[0]:
                found.append(Item(parsed[0], i, parsed[1]))
                i = parsed[1]
                continue
            i += 1
            continue
        m = NUMBER.match(text, i)
        if m and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "._")):
            found.append(Item(m.group(), i, m.end()))
            i = m.end()
            continue
        i += 1
    return found


@dataclass(frozen=True)
class Address:
    snippet: str | None   # None: the output included last above the binding
    label: str
    pick: int
    pick_end: int | None   # #a:b takes the items a..b-1 after the label, as one list
    path: tuple[tuple[int | None, bool, int | None], ...]  # (start, is_slice, stop) per [..]

    @classmethod
    def parse(cls, text: str) -> "Address":
        m = ADDRESS.match(text.strip())
        if not m:
            raise AddressError(
                f"cannot read the address {text.strip()!r}: write `snippet: label[i][j]` "
                "(snippet optional: the output above; label optional; #k picks the k-th value "
                "after the label)")
        label = m["quoted"] if m["quoted"] is not None else (m["label"] or "").strip()
        path = tuple(
            (int(p["start"]) if p["start"] else None, bool(p["colon"]),
             int(p["stop"]) if p["stop"] else None)
            for p in INDEX.finditer(m["path"])
        )
        if any(start is None and not is_slice for start, is_slice, _ in path):
            raise AddressError(f"empty index [] in {text.strip()!r}")
        pick_end = int(m["pick_end"]) if m["pick_end"] else None
        return cls(m["snippet"], label, int(m["pick"] or 0), pick_end, path)

    def without_snippet(self, text: str) -> "Address":
        """The same address read as a label only: 'raw: from #1' when 'raw' names no output."""
        label = text.strip()
        label = re.sub(r"\s*(?:#\d+)?\s*(?:\[[^\]]*\])*\s*$", "", label)
        return Address(None, label.strip('"'), self.pick, self.pick_end, self.path)

    def describe(self) -> str:
        label = f'"{self.label}"' if self.label else "(start)"
        pick = f" #{self.pick}" if self.pick else ""
        if self.pick_end is not None:
            pick = f" #{self.pick}:{self.pick_end}"
        path = "".join(
            f"[{'' if a is None else a}{':' if s else ''}{'' if (b is None or not s) else b}]"
            for a, s, b in self.path)
        return f"{label}{pick}{path}"


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def label_end(text: str, label: str, name: str = "the output") -> int:
    """Where the text printed after a label starts; the label must occur exactly once. A run
    of spaces in the label matches any run of spaces (a page may wrap a long label)."""
    label = " ".join(label.split())
    pattern = r"\s+".join(re.escape(word) for word in label.split(" "))
    hits = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    if not hits:
        raise AddressError(f"{name} never prints the label \"{label}\"")
    if len(hits) > 1:
        lines = ", ".join(str(line_of(text, h)) for h, _ in hits)
        raise AddressError(f"the label \"{label}\" occurs {len(hits)} times in {name} "
                           f"(lines {lines}): use a longer label that occurs once")
    return hits[0][1]


def resolve(text: str, address: Address, name: str = "the output") -> object:
    """The value (a printed token, or a nested list of them) the address names in `text`."""
    start = label_end(text, address.label, name) if address.label else 0
    after = items(text, start)
    last = address.pick if address.pick_end is None else address.pick_end - 1
    if last >= len(after) or last < address.pick:
        raise AddressError(f"{name} prints {len(after)} value(s) after \"{address.label}\", "
                           f"so there is no #{last}")
    if address.pick_end is None:
        value = after[address.pick].value
    else:
        value = [item.value for item in after[address.pick:address.pick_end]]
    for a, is_slice, b in address.path:
        if isinstance(value, str):
            raise AddressError(f"{address.describe()} in {name}: {value} is a single number, "
                               "it cannot be indexed")
        if is_slice:
            value = value[a:b]
        else:
            try:
                value = value[a]
            except IndexError:
                raise AddressError(f"{address.describe()} in {name}: index {a} is out of range "
                                   f"(the value there has {len(value)} entries)") from None
    return value


TEX_POWER = re.compile(r"10\^\{?(?P<exp>[-\u2212]?\d+)\}?")


def decimals(text: str) -> list[Decimal]:
    """The numbers a reader reads in a stretch of prose or a literal, TeX powers and percents
    included: "$10^{-12}$" is 1e-12, "0.5" is 0.5, "5 %" is 0.05."""
    found = [Decimal(10) ** int(m["exp"].replace("\u2212", "-")) for m in TEX_POWER.finditer(text)]
    text = TEX_POWER.sub(" ", text)
    for m in NUMBER.finditer(text):
        value = number(m.group())
        if isinstance(value, Decimal):
            percent = re.match(r"[ \u202f]?%", text[m.end():])
            found.append(value / 100 if percent else value)
    return found


def number(token: str) -> Decimal | str:
    """A printed number as an exact decimal ('0.50' == '0.5' == '.5'; '1.' == '1')."""
    token = token.replace("\u2212", "-").lstrip("+")
    if token.lower().lstrip("-") in ("nan", "inf"):
        return token.lower()
    try:
        return Decimal(token)
    except InvalidOperation:
        return token


def same(a: str, b: str) -> bool:
    """Equal as numbers, signs included: '-0.' is not '0' (Decimal calls them equal)."""
    x, y = number(a), number(b)
    if isinstance(x, Decimal) and isinstance(y, Decimal):
        return x == y and x.is_signed() == y.is_signed()
    return x == y


def show(value) -> str:
    """A value as a reader would write it: 0.248, [0.883, 0.742], [[1.0, 0.5], [0.8, 1.2]]."""
    if isinstance(value, str):
        return value + "0" if value.endswith(".") else value
    inside = ", ".join(show(v) for v in value)
    return f"({inside})" if isinstance(value, Tuple) else f"[{inside}]"
