"""The trained-attention examples each train the same model: their shared block is identical.

Every example of docs/trained_attention.md (and its exercises) trains the model from scratch so
that it runs alone; the page tells the reader that they all carry the same block. This test
keeps that sentence true when one copy is edited.
"""

from __future__ import annotations

import pytest

from verified_lessons.exercises import SHARED_END as END
from verified_lessons.exercises import SHARED_START as START
from verified_lessons.layout import LAYOUT

pytestmark = pytest.mark.lesson("trained_attention", "exercises")


def shared_block(path) -> str:
    text = path.read_text(encoding="utf-8")
    assert START in text and END in text, f"{LAYOUT.rel(path)} has no shared block"
    return text[text.index(START):text.index(END)]


def test_every_trained_attention_example_opens_with_the_same_block():
    examples = sorted(LAYOUT.snippets.glob("trained_attention/*.py"))
    examples += sorted(LAYOUT.snippets.glob("exercises/trained_attention_*.py"))
    assert len(examples) >= 4
    first = shared_block(examples[0])
    differ = [LAYOUT.rel(p) for p in examples[1:] if shared_block(p) != first]
    assert not differ, (f"the shared block of {', '.join(differ)} differs from that of "
                        f"{LAYOUT.rel(examples[0])}")
