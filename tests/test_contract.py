"""The layout contract between pages and snippets (verified_lessons.contract), one test per
rule, and proof that each rule fires on a planted violation."""

from __future__ import annotations

import pytest

from verified_lessons.contract import RULES
from verified_lessons.layout import Layout


@pytest.mark.parametrize("rule", RULES)
def test_layout_contract(rule, layout):
    problems = RULES[rule](layout)
    assert not problems, f"{rule}: {len(problems)} problem(s)\n" + "\n".join(
        f"- {p}" for p in problems
    )


def test_the_contract_catches_what_it_claims_to(tmp_path):
    """Each rule fires on a page or snippet that breaks it (so none of them is vacuous)."""
    layout = Layout(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets" / "lesson").mkdir(parents=True)
    (tmp_path / "snippets" / "lesson" / "good.py").write_text("print(1)\n")
    (tmp_path / "snippets" / "lesson" / "good.out").write_text("1\n")
    (tmp_path / "snippets" / "lesson" / "orphan.py").write_text(
        "scale = 0.5   # halve it\nprint(2 * scale)   # scale = 0.25\n"
        f"print('{'x' * 72}')\n")
    (tmp_path / "snippets" / "lesson" / "stale.out").write_text("3\n")
    (tmp_path / "snippets" / "nopage").mkdir()
    (tmp_path / "snippets" / "nopage" / "x.py").write_text("print(4)\n")
    (tmp_path / "docs" / "lesson.md").write_text(
        "```python\n"
        '--8<-- "lesson/good.py"\n'
        "```\n"
        "<!--pytest-codeblocks:expected-output-->\n"
        "```text\n"
        "1\n"
        "```\n"
        "```python\n"
        "print('typed into the page')\n"
        "```\n"
        "```python\n"
        '--8<-- "lesson/gone.py"\n'
        "```\n"
        '--8<-- "nopage/x.py"\n'
    )
    found = {rule: "\n".join(check(layout)) for rule, check in RULES.items()}
    assert "snippets/lesson/orphan.py has no recorded output" in found[
        "every snippet has its recorded output"]
    assert "snippets/lesson/stale.out records the output of" in found[
        "every snippet has its recorded output"]
    assert "there is no page docs/nopage.md" in found[
        "snippets sit in snippets/<lesson>/ beside docs/<lesson>.md"]
    assert "snippets/lesson/orphan.py is not shown on any page" in found[
        "every snippet is shown on a page"]
    assert "docs/lesson.md:12 includes snippets/lesson/gone.py, which does not exist" in found[
        "every included file exists"]
    assert found["comments quote only numbers the code writes or prints"] == (
        "snippets/lesson/orphan.py:2: the comment says 0.25, which the code never writes and the "
        "output never prints: make the comment say what the code does")
    assert found["no snippet or output line is longer than 79 characters"].startswith(
        "snippets/lesson/orphan.py:3: 81 characters, over 79: a reader sees this code line cut")
    shown = found["pages show only snippet code and recorded output"]
    assert "docs/lesson.md:5: the output block under snippets/lesson/good.py must include" in shown
    assert "docs/lesson.md:8: a ```python block written into the page" in shown
    assert "docs/lesson.md:11: the code block of snippets/lesson/gone.py is not followed" in shown
