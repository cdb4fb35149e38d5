"""The examples of a page that trains a model each train the same model: their shared block is
identical.

Every example of docs/trained_attention.md (and its exercises) and of docs/small_gpt.md trains
its model from scratch so that it runs alone; the page tells the reader that they all carry the
same block. This test keeps that sentence true when one copy is edited.
"""

from __future__ import annotations

import pytest

from verified_lessons.exercises import SHARED_END as END
from verified_lessons.exercises import SHARED_START as START
from verified_lessons.layout import LAYOUT

# lesson -> the snippets that carry its block (its own, and its exercises')
SHARING = {
    "trained_attention": ["trained_attention/*.py", "exercises/trained_attention_*.py"],
    "small_gpt": ["small_gpt/*.py"],
}


def shared_block(path) -> str:
    text = path.read_text(encoding="utf-8")
    assert START in text and END in text, f"{LAYOUT.rel(path)} has no shared block"
    return text[text.index(START):text.index(END)]


@pytest.mark.parametrize("lesson", [
    pytest.param(lesson, marks=pytest.mark.lesson(lesson, "exercises")) for lesson in SHARING])
def test_every_example_of_a_training_page_opens_with_the_same_block(lesson):
    examples = sorted(p for pattern in SHARING[lesson] for p in LAYOUT.snippets.glob(pattern))
    assert len(examples) >= 2
    first = shared_block(examples[0])
    differ = [LAYOUT.rel(p) for p in examples[1:] if shared_block(p) != first]
    assert not differ, (f"the shared block of {', '.join(differ)} differs from that of "
                        f"{LAYOUT.rel(examples[0])}")
