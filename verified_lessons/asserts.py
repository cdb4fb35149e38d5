"""The asserts of a snippet: what a page may call "asserted", and what must not change silently.

A snippet proves a page's claim with an assert. `snippet_asserts(path)` lists them, each as its
normalised source (`ast.unparse`, so spacing and line breaks do not count), its message (the
name a page quotes: `assert np.allclose(w.sum(-1), 1), "rows sum to 1"`) and the numbers it
uses (a tolerance set in a module-level name counts as the assert's own).

Besides `assert` statements, a call of a function whose name starts with `assert` counts
(`np.testing.assert_allclose`, `torch.testing.assert_close`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path


class SnippetError(ValueError):
    """A snippet whose source cannot be read as Python."""


@dataclass(frozen=True)
class Assert:
    source: str              # ast.unparse of the statement: one line, normalised
    message: str | None      # the assert's message when it is a plain string
    numbers: tuple[Decimal, ...]   # every number it uses, its module-level names' included
    lineno: int
    checks: tuple[str, ...] = ()   # the module-level assignments that compute what it asserts
    bounds: tuple[tuple[str, Decimal], ...] = ()   # ('<', 1e-12): x < 1e-12, atol=1e-12, ...

    @property
    def approved_form(self) -> str:
        """What docs/approved.toml records: the assert, and the comparisons it relies on
        (`ok = np.allclose(a, b, atol=1e-12)` for `assert ok`), so a tolerance loosened one
        line above the assert shows too."""
        if not self.checks:
            return self.source
        return self.source + "  <- " + " ; ".join(self.checks)


# Calls that compare: an assignment that makes one (or a comparison) computes a check.
COMPARING = {"allclose", "isclose", "equal", "array_equal", "array_equiv", "isnan", "isinf",
             "isfinite", "isneginf", "isposinf", "all", "any"}


def _compares(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Compare)
               or (isinstance(n, ast.Call) and _called_name(n.func) in COMPARING)
               for n in ast.walk(node))


MIRRORED = {ast.Lt: ">", ast.LtE: ">=", ast.Gt: "<", ast.GtE: "<="}
DIRECT = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


def _bounds(nodes: list[ast.AST]) -> tuple[tuple[str, Decimal], ...]:
    """The bounds a check puts on a value by constants: `diff < 1e-12` is ('<', 1e-12),
    `1e-12 > diff` the same, and a tolerance keyword (atol=1e-12) is ('<=', 1e-12)."""
    found = []
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Compare):
                left = sub.left
                for op, right in zip(sub.ops, sub.comparators):
                    if type(op) in DIRECT and _number(right) is not None:
                        found.append((DIRECT[type(op)], _number(right)))
                    elif type(op) in MIRRORED and _number(left) is not None:
                        found.append((MIRRORED[type(op)], _number(left)))
                    left = right
            elif isinstance(sub, ast.keyword) and sub.arg in ("atol", "rtol", "eps"):
                if _number(sub.value) is not None:
                    found.append(("<=", _number(sub.value)))
    return tuple(found)


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _number(node: ast.AST) -> Decimal | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return -inner if inner is not None else None
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return Decimal(repr(node.value))
    return None


def _numbers(node: ast.AST) -> list[Decimal]:
    found = []
    for sub in ast.walk(node):
        value = _number(sub)
        if value is not None and not (isinstance(sub, ast.Constant)
                                      and _is_negated(node, sub)):
            found.append(value)
    return found


def _is_negated(root: ast.AST, constant: ast.AST) -> bool:
    """A constant under a minus sign is counted once, as the negative number."""
    return any(isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub) and n.operand is constant
               for n in ast.walk(root))


def snippet_asserts(path: Path) -> list[Assert]:
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as error:
        raise SnippetError(f"{path}: cannot be read as Python: {error}") from None
    constants: dict[str, list[Decimal]] = {}
    defining: dict[str, list[ast.Assign]] = {}   # module-level name -> its assignments
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    constants.setdefault(target.id, []).extend(_numbers(node.value))
                    defining.setdefault(target.id, []).append(node)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            message = (node.msg.value if isinstance(node.msg, ast.Constant)
                       and isinstance(node.msg.value, str) else None)
            checked = node
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
                and _called_name(node.value.func).startswith("assert"):
            message, checked = None, node
        else:
            continue
        numbers = _numbers(checked.test if isinstance(checked, ast.Assert) else checked)
        for sub in ast.walk(checked):
            if isinstance(sub, ast.Name) and sub.id in constants:
                numbers += constants[sub.id]
        checks = _checks(checked, defining)
        read = [checked] + [a for name in _names(checked) for a in defining.get(name, [])
                            if ast.unparse(a) in checks]
        found.append(Assert(ast.unparse(node), message, tuple(numbers), node.lineno, checks,
                            _bounds(read)))
    return sorted(found, key=lambda a: a.lineno)


def _checks(node: ast.AST, defining: dict[str, list[ast.Assign]]) -> tuple[str, ...]:
    """The module-level assignments that compute a comparison the assert reads, followed
    through the names they read in turn (only through such assignments), and the plain
    numbers it reads by name (a tolerance `atol = 1e-12`)."""
    found: list[str] = []
    todo, seen = list(_names(node)), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for assign in defining.get(name, []):
            plain = _number(assign.value) is not None
            if plain or _compares(assign.value):
                source = ast.unparse(assign)
                if source not in found:
                    found.append(source)
                if not plain:
                    todo += sorted(_names(assign.value))
    return tuple(sorted(found))


def _called_name(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""
