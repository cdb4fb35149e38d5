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
from verified_lessons.outputs import items, number
from verified_lessons.syntax import IMAGE, render_binds

FIGURES = LAYOUT.docs / "figures"
GENERATED = ["lab1_weights.svg", "causal_mask_weights.svg", "five_token_weights.svg",
             "multi_head_weights.svg", "causal_mask_pattern.svg",
             "trained_attention_layer0.svg", "trained_attention_layer1.svg"]
HAND_WRITTEN = ["attention_flow.svg"]


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


@pytest.mark.parametrize("name", [n for n in GENERATED if n != "causal_mask_pattern.svg"])
def test_heatmap_values_are_the_numbers_the_page_prints(name):
    """Every value written in a heatmap cell is printed by a snippet on the page showing it."""
    cells = re.findall(r">(\d\.\d{3})<", (FIGURES / name).read_text())
    assert len(cells) >= 9
    for page in pages_showing(name):
        outputs = [p for p in LAYOUT.includes(page) if p.suffix == ".out"]
        printed = {number(t) for p in outputs for item in items(p.read_text()) for t in item.flat()}
        missing = sorted({c for c in cells if number(c) not in printed})
        assert not missing, f"{name} shows {missing}, which {LAYOUT.rel(page)} never prints"
