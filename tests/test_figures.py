"""Figures are current, drawn from the printed numbers, shown on pages, and described.

verified_lessons.figures draws the heatmaps from the snippets' own variables; here it is run into
a temporary folder and every committed SVG must be identical to what it draws now.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from verified_lessons.layout import LAYOUT
from verified_lessons.outputs import Address, number, resolve
from verified_lessons.syntax import IMAGE, render_binds

FIGURES = LAYOUT.docs / "figures"
GENERATED = ["lab1_weights.svg", "causal_mask_weights.svg", "five_token_weights.svg",
             "multi_head_weights.svg", "causal_mask_pattern.svg", "attention_flow.svg",
             "tiled_attention_cost.svg", "position_sinusoidal.svg", "padding_masks.svg",
             "cross_attention_weights.svg"]
HAND_WRITTEN: list[str] = []


@pytest.fixture(scope="module")
def fresh_figures(tmp_path_factory):
    out = tmp_path_factory.mktemp("figures")
    done = subprocess.run([sys.executable, "-m", "verified_lessons.figures", "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("name", GENERATED)
def test_committed_figure_is_what_the_script_draws_now(name, fresh_figures):
    committed = FIGURES / name
    assert committed.exists(), f"docs/figures/{name} is missing: run python -m verified_lessons.figures"
    assert committed.read_bytes() == (fresh_figures / name).read_bytes(), (
        f"docs/figures/{name} is out of date with the snippets it is drawn from: "
        "run `.venv/bin/python -m verified_lessons.figures` and commit the result")


def test_every_figure_file_is_generated_or_listed_as_hand_written():
    assert sorted(p.name for p in FIGURES.glob("*.svg")) == sorted(GENERATED + HAND_WRITTEN)


def reader_text(page) -> str:
    """The page as the reader sees it: bound numbers shown as their literals."""
    return render_binds(page.read_text(encoding="utf-8"))


def pages_showing(name: str):
    return [p for p in LAYOUT.pages()
            if any(m["src"] == f"figures/{name}" for m in IMAGE.finditer(reader_text(p)))]


@pytest.mark.parametrize("name", GENERATED + HAND_WRITTEN)
def test_figure_is_shown_with_meaningful_alt_text(name):
    pages = pages_showing(name)
    assert pages, f"docs/figures/{name} is on no page"
    for page in pages:
        for m in IMAGE.finditer(reader_text(page)):
            if m["src"] == f"figures/{name}":
                assert len(m["alt"].split()) >= 8, f"{LAYOUT.rel(page)}: alt text of {name} too short"


             "multi_head_weights.svg", "causal_mask_pattern.svg", "attention_flow.svg",
             "tiled_attention_cost.svg", "position_sinusoidal.svg", "padding_masks.svg",
             "cross_attention_weights.svg"]
HAND_WRITTEN: list[str] = []
