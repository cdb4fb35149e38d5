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
             "cross_attention_weights.svg", "trained_attention_layer0.svg",
             "trained_attention_layer1.svg"]
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


# What each heatmap claims to show: the matrix printed after a label in a snippet's recorded
# output (several stack vertically, as the panels do). The check reads the .out, not the code
# that drew the figure.
HEATMAPS = {
    "lab1_weights.svg": [("scaled_dot_product/self_attention_by_hand_numpy.out", "weights")],
    "causal_mask_weights.svg": [("causal_masks/causal_mask_3x3_numpy.out", "weights")],
    "five_token_weights.svg": [("five_token_walkthrough/attention_weights.out", "weights")],
    "multi_head_weights.svg": [("multi_head/mha_by_hand.out", "head 0 weights"),
                               ("multi_head/mha_by_hand.out", "head 1 weights")],
    "cross_attention_weights.svg": [("cross_attention/cross_weights.out",
                                     "weights, one row per query")],
}
CELL = re.compile(r'<text\b[^>]*\bx="([\d.]+)" y="([\d.]+)"[^>]*>\s*(\d\.\d{3}|masked)\s*</text>')


def displayed_matrix(svg: str) -> list[list[str]]:
    """The cell labels of a heatmap SVG, arranged by where they are drawn: rows top to bottom,
    columns left to right."""
    cells = [(float(x), float(y), text) for x, y, text in CELL.findall(svg)]

    def clusters(values):
        centres = []
        for v in sorted(values):
            if not centres or v - centres[-1] > 2.0:
                centres.append(v)
        return centres

    xs, ys = clusters(x for x, _, _ in cells), clusters(y for _, y, _ in cells)
    grid = [["" for _ in xs] for _ in ys]
    for x, y, text in cells:
        row = min(range(len(ys)), key=lambda i: abs(ys[i] - y))
        col = min(range(len(xs)), key=lambda j: abs(xs[j] - x))
        grid[row][col] = text
    return grid


def test_every_generated_heatmap_says_what_it_shows():
    heatmaps = {n for n in GENERATED if re.search(r">\d\.\d{3}<", (FIGURES / n).read_text())}
    assert heatmaps == set(HEATMAPS), "list each heatmap's printed matrix in HEATMAPS"


@pytest.mark.parametrize("name", HEATMAPS)
def test_heatmap_cell_i_j_shows_the_printed_weight_i_j(name):
    """Cell (i, j), found by its position in the drawing, shows row i, column j of the matrix
    the snippet printed; a masked cell is one whose weight is exactly 0. A transposed or
    shuffled drawing fails."""
    printed = []
    for out, label in HEATMAPS[name]:
        path = LAYOUT.snippets / out
        printed += resolve(path.read_text(), Address.parse(label), LAYOUT.rel(path))
    shown = displayed_matrix((FIGURES / name).read_text())
    assert len(shown) == len(printed) and all(len(r) == len(p) for r, p in zip(shown, printed)), (
        f"{name} draws a {len(shown)}x{len(shown[0])} grid; the output prints "
        f"{len(printed)}x{len(printed[0])}")
    wrong = [f"({i}, {j}): drawn {d!r}, printed {p}"
             for i, (drawn, row) in enumerate(zip(shown, printed))
             for j, (d, p) in enumerate(zip(drawn, row))
             if not (d == "masked" and number(p) == 0 or d != "masked" and number(d) == number(p))]
    assert not wrong, f"docs/figures/{name} does not show what it claims:\n" + "\n".join(wrong)


def test_the_cell_check_fails_on_a_transposed_drawing():
    svg = (FIGURES / "five_token_weights.svg").read_text()
    swapped = CELL.sub(lambda m: m.group().replace(f'x="{m[1]}" y="{m[2]}"', f'x="{m[2]}" y="{m[1]}"'), svg)
    assert displayed_matrix(swapped) != displayed_matrix(svg)
    assert [list(r) for r in zip(*displayed_matrix(svg))] == displayed_matrix(swapped)
