"""Exercises the learner solves in code: a starter cell to fill and a check cell that judges it.

An exercise's solution is a snippet whose code is cut in two by one line, CHECK_MARK:

    import numpy as np

    def causal_mask(n):                 # above the mark: what the learner writes
        "True where query i may look at key j."
        return np.tril(np.ones((n, n), dtype=bool))

    # --- check ---
    assert (causal_mask(3) == ...).all(), "causal_mask(3) ..."     # below: the check

Above the mark stand only imports, comments, functions, classes and answers
(`prediction = ...`): the learner's part. Below it, the check, which calls the learner's functions and reads the
learner's answers, compares them with values it computes another way, and fails with a message
that names what is wrong. Run whole, the snippet is the solution and its output is what the page
shows.

The notebook gives each exercise two cells before its folded solution: the *starter*, made
from the learner's part with every function body and answer emptied (a function raises
NotImplementedError, an answer is None, a dict of answers keeps its keys, a class keeps its
__init__, which names the layers the check reads, and every other method raises), and the
check. A lesson's own snippet may be such an exercise too (causal_self_attention's module and
block): its notebook gets the same two cells before its folded solution. tests/test_exercises.py proves that the
check fails on the starter and passes on the solution.
"""

from __future__ import annotations

import ast
import difflib
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

CHECK_MARK = "# --- check ---"
STARTER_TAG = "starter"   # notebook cell tags
CHECK_TAG = "check"
CHECK_INTRO = ("# Check: run this cell after yours. It stops with a message that says\n"
               "# what is wrong, or runs to the end and prints the solution's results\n"
               "# when yours is right.\n")
TODO = "your code here"
# Two snippets whose code, comments and layout aside, agrees on more than this share of its
# lines are one snippet shown twice.
SAME_CODE = 0.5
# The block of model code that every trained-attention example repeats so that it runs alone
# (tests/test_shared_blocks.py keeps the copies identical); it is not counted as shared code.
SHARED_START = "# --- the model and its training"
SHARED_END = "# --- end of the shared block"


class ExerciseError(ValueError):
    """An exercise snippet the starter cannot be made from."""


@dataclass(frozen=True)
class Exercise:
    snippet: Path
    learner: str    # the code above the mark: the solution's part the learner writes
    check: str      # the code below it

    @property
    def defined(self) -> list[str]:
        """The functions and answers the learner's part defines, in order."""
        names = []
        for node in ast.parse(self.learner).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.append(node.name)
            elif isinstance(node, ast.Assign):
                names.extend(t.id for t in node.targets if isinstance(t, ast.Name))
        return names

    def starter(self) -> str:
        return starter(self.learner, self.snippet)


def read(snippet: Path) -> Exercise | None:
    """The exercise a snippet holds, or None when it has no CHECK_MARK line."""
    lines = snippet.read_text(encoding="utf-8").splitlines(keepends=True)
    marks = [i for i, line in enumerate(lines) if line.strip() == CHECK_MARK]
    if not marks:
        return None
    if len(marks) > 1:
        raise ExerciseError(f"{snippet}: {len(marks)} lines '{CHECK_MARK}', one expected "
                            f"(lines {', '.join(str(i + 1) for i in marks)})")
    learner, check = "".join(lines[:marks[0]]), "".join(lines[marks[0] + 1:])
    exercise = Exercise(snippet, learner.rstrip("\n") + "\n", check.strip("\n") + "\n")
    exercise.starter()   # raises on a learner's part it cannot empty
    if not exercise.defined:
        raise ExerciseError(f"{snippet}: nothing above '{CHECK_MARK}' for the learner to write "
                            "(a function or an answer such as `prediction = ...`)")
    used = {n.id for n in ast.walk(ast.parse(exercise.check)) if isinstance(n, ast.Name)}
    unused = [name for name in exercise.defined if name not in used]
    if unused:
        raise ExerciseError(f"{snippet}: the check below '{CHECK_MARK}' never uses "
                            f"{', '.join(unused)}, so it cannot judge the learner's "
                            f"{'answer' if len(unused) == 1 else 'answers'}")
    return exercise


def _documented(node) -> bool:
    first = node.body[0]
    return (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str))


def _emptied(node: ast.FunctionDef, lines: list[str], start: int) -> list[str]:
    """A function's signature and docstring, its body one raise NotImplementedError."""
    first = node.body[0]
    head_end = first.end_lineno if _documented(node) else first.lineno - 1
    indent = " " * first.col_offset
    return lines[start:head_end] + [f'{indent}raise NotImplementedError("{TODO}")\n']


def starter(learner: str, where: Path) -> str:
    """The learner's part with every function body and every answer emptied; imports and
    comments outside the functions are kept. A class keeps its docstring and __init__, which
    names the layers the check reads, and every other method is emptied."""
    tree = ast.parse(learner)
    lines = learner.splitlines(keepends=True)
    out: list[str] = []
    done = 0   # lines of `learner` already handled

    def keep_comments(upto: int) -> None:
        for line in lines[done:upto]:
            if not line.strip() or line.lstrip().startswith("#"):
                out.append(line)

    for node in tree.body:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
        keep_comments(start)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.extend(lines[start:node.end_lineno])
        elif isinstance(node, ast.FunctionDef):
            out.extend(_emptied(node, lines, start))
        elif isinstance(node, ast.ClassDef):
            # a class keeps its header, docstring and __init__ (the layers the check reads);
            # every other method is emptied
            first = node.body[0]
            head_end = (first.end_lineno if _documented(node) else first.lineno - 1)
            out.extend(lines[start:head_end])
            kept = head_end
            for member in node.body[1 if _documented(node) else 0:]:
                begin = min([member.lineno] + [d.lineno for d in member.decorator_list]) - 1 \
                    if isinstance(member, ast.FunctionDef) else member.lineno - 1
                out.extend(line for line in lines[kept:begin] if not line.strip()
                           or line.lstrip().startswith("#"))
                if isinstance(member, ast.FunctionDef) and member.name != "__init__":
                    out.extend(_emptied(member, lines, begin))
                elif isinstance(member, ast.FunctionDef):
                    out.extend(lines[begin:member.end_lineno])
                else:
                    raise ExerciseError(
                        f"{where} line {member.lineno}: a class above '{CHECK_MARK}' may hold "
                        f"only its docstring and methods; this is a {type(member).__name__}")
                kept = member.end_lineno
        elif isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
            names = " = ".join(t.id for t in node.targets)
            keys = node.value.keys if isinstance(node.value, ast.Dict) else []
            if keys and all(isinstance(k, ast.Constant) for k in keys):
                # a dict of answers keeps its questions: {"query 0 -> token 2": None, ...}
                out.append(f"{names} = {{  # {TODO}\n")
                out.extend(f"    {k.value!r}: None,\n" for k in keys)
                out.append("}\n")
            else:
                out.append(f"{names} = None  # {TODO}\n")
        else:
            raise ExerciseError(
                f"{where} line {node.lineno}: only imports, comments, functions, classes and "
                f"answers (NAME = ...) may stand above '{CHECK_MARK}'; this is a "
                f"{type(node).__name__}. Move it below the mark, into the check")
        done = node.end_lineno
    keep_comments(len(lines))
    return "".join(out).rstrip("\n") + "\n"


def code_lines(source: str) -> list[str]:
    """A snippet's code lines, comments and blank lines dropped and spacing normalised."""
    kept = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    by_line: dict[int, list[str]] = {}
    for token in tokens:
        if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                          tokenize.DEDENT, tokenize.ENDMARKER):
            continue
        by_line.setdefault(token.start[0], []).append(token.string)
    for number in sorted(by_line):
        kept.append(" ".join(by_line[number]))
    return kept


def own_code(source: str) -> str:
    """A snippet's code without the shared model block, if it has one."""
    if SHARED_START in source and SHARED_END in source:
        end = source.index("\n", source.index(SHARED_END))
        return source[:source.index(SHARED_START)] + source[end:]
    return source


def shared_code(a: str, b: str) -> float:
    """The share of lines two snippets' own code has in common (1.0: the same code)."""
    left, right = code_lines(own_code(a)), code_lines(own_code(b))
    if not left or not right:
        return 0.0
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()
