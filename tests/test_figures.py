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
             "trained_attention_layer1.svg", "small_gpt_layer0.svg"]
HAND_WRITTEN: list[str] = []


@pytest.fixture(scope="session")
def fresh_figures(selected, shared):
    """The figures this run compares (all of them, or one lesson's with --lesson), drawn again
    once per test run."""
    names = sorted(set(selected("test_committed_figure_is_what_the_script_draws_now", "name")))

    def draw(out):
        done = subprocess.run([sys.executable, "-m", "verified_lessons.figures", "--out", str(out),
                               "--only", *names], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    return shared("figures", draw, *names)


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
    "small_gpt_layer0.svg": [("small_gpt/train_adder.out",
                              f"head {h}, queries 3 to 5 over keys 0 to 5") for h in range(4)],
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
    the snippet printed; a masked cell (labelled "masked", or hatched with no label where a
    cell is too narrow for the word) is one whose weight is exactly 0. A transposed or
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
             if not (d in ("masked", "") and number(p) == 0
                     or d not in ("masked", "") and number(d) == number(p))]
    assert not wrong, f"docs/figures/{name} does not show what it claims:\n" + "\n".join(wrong)


def test_the_cell_check_fails_on_a_transposed_drawing():
    svg = (FIGURES / "five_token_weights.svg").read_text()
    swapped = CELL.sub(lambda m: m.group().replace(f'x="{m[1]}" y="{m[2]}"', f'x="{m[2]}" y="{m[1]}"'), svg)
    assert displayed_matrix(swapped) != displayed_matrix(svg)
    assert [list(r) for r in zip(*displayed_matrix(svg))] == displayed_matrix(swapped)


# Heatmaps too large for numbers in their cells show colours only; the SVG carries one pixel
# per cell (interpolation "none"). Each pixel, read back through the colour map, must be the
# weight (i, j) of the run the figure was drawn from: a transposed drawing fails.
COLOUR_HEATMAPS = {
    "trained_attention_layer0.svg": ("trained_attention/train_induction.py", "example_weights", 0),
    "trained_attention_layer1.svg": ("trained_attention/train_induction.py", "example_weights", 1),
}


def pixels(svg: str):
    """The first embedded image of an SVG (the heatmap itself), as an RGBA array."""
    import base64
    import io

    import numpy as np
    from PIL import Image

    data = re.search(r'<image[^>]*xlink:href="data:image/png;base64,([^"]+)"', svg)[1]
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGBA"))


def read_back(image, top: float):
    """Weights read back through cividis (nan where the cell is the masked white)."""
    import matplotlib
    import numpy as np

    lut = matplotlib.colormaps["cividis"](np.linspace(0, 1, 256))[:, :3] * 255
    rgb = image[..., :3].astype(float)
    nearest = ((rgb[..., None, :] - lut[None, None]) ** 2).sum(-1).argmin(-1)
    values = nearest / 255 * top
    values[(rgb > 250).all(-1)] = np.nan
    return values


def test_every_colour_only_heatmap_is_checked():
    colour_only = {n for n in GENERATED if "<image" in (FIGURES / n).read_text()
                   and not re.search(r">\d\.\d{3}<", (FIGURES / n).read_text())
                   and n not in ("position_sinusoidal.svg", "padding_masks.svg",
                                 "causal_mask_pattern.svg")}
    assert colour_only == set(COLOUR_HEATMAPS), "list each colour-only heatmap in COLOUR_HEATMAPS"


@pytest.fixture(scope="module")
def trained_run():
    import contextlib
    import io
    import runpy

    with contextlib.redirect_stdout(io.StringIO()):
        return runpy.run_path(str(LAYOUT.snippets / "trained_attention/train_induction.py"))


@pytest.mark.parametrize("name", COLOUR_HEATMAPS)
def test_colour_heatmap_pixel_i_j_is_the_runs_weight_i_j(name, trained_run):
    import numpy as np

    _, variable, index = COLOUR_HEATMAPS[name]
    weights = np.asarray(trained_run[variable][index], dtype=float)
    shown = read_back(pixels((FIGURES / name).read_text()), float(weights.max()))
    assert shown.shape == weights.shape, f"{name}: {shown.shape} pixels for {weights.shape} weights"
    masked = ~np.tril(np.ones(weights.shape, dtype=bool))
    assert np.array_equal(np.isnan(shown), masked), f"{name}: masked cells are not the future"
    error = np.nanmax(np.abs(shown - np.where(masked, np.nan, weights)))
    # colours are quantised to the colour map's 256 steps (and rounded in the PNG): 3 steps
    assert error <= 3 * weights.max() / 255, f"{name}: a cell differs from the run by {error:.3f}"


def test_the_pixel_check_fails_on_a_transposed_drawing(trained_run):
    import numpy as np

    weights = np.asarray(trained_run["example_weights"][1], dtype=float)
    image = pixels((FIGURES / "trained_attention_layer1.svg").read_text())
    shown = read_back(image.transpose(1, 0, 2), float(weights.max()))
    assert not np.array_equal(np.isnan(shown), ~np.tril(np.ones(weights.shape, dtype=bool)))
