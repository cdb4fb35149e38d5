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
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    constants.setdefault(target.id, []).extend(_numbers(node.value))
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
        found.append(Assert(ast.unparse(node), message, tuple(numbers), node.lineno))
    return sorted(found, key=lambda a: a.lineno)


def _called_name(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""
