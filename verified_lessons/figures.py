"""Draw the site's figures from the same computation as the printed numbers.

Each heatmap runs the snippet whose output the page shows (runpy, stdout discarded) and draws
a variable of that very run (`weights`), so a figure cannot disagree with the numbers beside
it. Output: deterministic SVG files in docs/figures/ (committed; tests/test_figures.py
regenerates them and fails when a committed file is not current).

Usage: .venv/bin/python -m verified_lessons.figures [--out DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import runpy
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.patches  # noqa: E402
import matplotlib.path  # noqa: E402
import matplotlib.transforms  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from verified_lessons.positions import labels as position_labels  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
OUT = ROOT / "docs" / "figures"

plt.rcParams.update({
    "svg.hashsalt": "attention-lessons",   # stable ids: same input, same bytes
    "svg.fonttype": "none",                # text stays text: small, selectable, readable
    "font.family": "sans-serif",
    # the font matplotlib measures text with, then common look-alikes: each <text> names this
    # list, and matplotlib's default list of twelve was a fifth of a figure's bytes
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial"],
    "font.size": 11,
    # a white card in both colour schemes: dark text stays legible in dark mode
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
})
# Phone width: a figure is shown at most ~358 CSS px wide. Text of size s pt in a figure W
# inches wide then appears at s * 358 / (72 W) px; the tests require >= 9 px, so a figure with
# 10 pt text is at most 5.5 inches wide.
MASKED = "#ffffff"        # masked cells: white with hatching, outside the cividis colours
CMAP = "cividis"  # perceptually uniform and readable with the common colour-vision deficiencies


def run_snippet(relative: str) -> dict:
    """Run snippets/<relative> as __main__ and return its global variables."""
    with contextlib.redirect_stdout(io.StringIO()):
        return runpy.run_path(str(SNIPPETS / relative), run_name="__main__")


def text_colour(background) -> str:
    """Near-black or white, whichever contrasts more with the cell's colour (WCAG formula)."""
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = sum(w * channel(c) for w, c in zip((0.2126, 0.7152, 0.0722), background[:3]))
    dark = 0.0116   # luminance of #1a1a1a
    return "#1a1a1a" if (luminance + 0.05) / (dark + 0.05) >= 1.05 / (luminance + 0.05) else "white"


def heatmap(ax, weights: np.ndarray, labels: list[str], title: str, mask=None, top=None,
            colorbar=True, values=True, label_masked=True):
    """Weights as a heatmap, each cell labelled with its value; masked cells are white,
    hatched and labelled "masked", so they cannot be mistaken for a colour of the scale.
    values=False draws colours only (a matrix too large for legible numbers on a phone): the
    colour bar reads it, and masked cells are hatched without a label. label_masked=False
    hatches masked cells without the word, for cells too narrow to hold it."""
    shown = np.ma.masked_where(mask, weights) if mask is not None else weights
    cmap = plt.get_cmap(CMAP).copy()
    cmap.set_bad(MASKED)
    top = float(weights.max()) if top is None else top   # colours span 0 .. top (colour bar)
    # interpolation "none": the SVG carries one pixel per cell, which the tests read back
    image = ax.imshow(shown, cmap=cmap, vmin=0.0, vmax=top, interpolation="none")
    if colorbar:
        ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="attention weight")
    n_rows, n_cols = weights.shape
    if mask is not None and mask.any():
        # all masked cells hatched as one path, a rectangle per run of masked cells in a row:
        # one SVG element, not one per cell
        runs = []
        for i, row in enumerate(np.asarray(mask, dtype=bool)):
            edges = np.flatnonzero(np.diff(np.concatenate([[0], row.astype(int), [0]])))
            runs += [(i, start, stop) for start, stop in zip(edges[::2], edges[1::2])]
        rectangles = [matplotlib.path.Path.unit_rectangle().transformed(
            matplotlib.transforms.Affine2D().scale(stop - start, 1).translate(start - 0.5, i - 0.5))
            for i, start, stop in runs]
        ax.add_patch(matplotlib.patches.PathPatch(
            matplotlib.path.Path.make_compound_path(*rectangles), fill=False, hatch="//",
            edgecolor="#b0b0b0", lw=0))
    for i in range(n_rows):
        for j in range(n_cols):
            if mask is not None and mask[i, j]:
                if values and label_masked:
                    ax.text(j, i, "masked", ha="center", va="center", fontsize=10,
                            color="#1a1a1a", bbox={"facecolor": "white", "edgecolor": "none",
                                                   "pad": 1})
                continue
            if not values:
                continue
            value = weights[i, j]
            # 11 pt: at least 9 CSS px where a phone shows the figure narrowest (a notebook
            # page's cell, 328 px; tests/test_browser.py measures it)
            ax.text(j, i, f"{value:.3f}", ha="center", va="center", fontsize=11,
                    color=text_colour(cmap(image.norm(value))))
    ax.set_xticks(range(n_cols), labels[:n_cols] if len(labels) >= n_cols else labels)
    ax.set_yticks(range(n_rows), labels[:n_rows])
    ax.set_xlabel("key token (attended to)")
    ax.set_ylabel("query token (attending)")
    ax.set_title(title, fontsize=11)
    return image


def save(fig, name: str, out: Path) -> Path:
    path = out / name
    fig.savefig(path, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return path


# One heatmap per entry: (file, snippet it is drawn from, axis labels from the run's globals,
# title, figure size, name of a boolean "visible" mask in the run, if any).
SINGLE_HEATMAPS = [
    ("lab1_weights.svg", "scaled_dot_product/self_attention_by_hand_numpy.py",
     lambda ns: [f"{i}: {ns['X'][i].astype(int).tolist()}" for i in range(3)],
     "Lab 1 weights, softmax(QKᵀ/√d_k)", (4.6, 3.8), None),
    ("causal_mask_weights.svg", "causal_masks/causal_mask_3x3_numpy.py",
     lambda ns: position_labels(3, "pos "),
     "Causal mask weights", (4.4, 3.8), "visible"),
    ("five_token_weights.svg", "five_token_walkthrough/attention_weights.py",
     lambda ns: position_labels(5),
     "Five-token weights, softmax(XXᵀ/√3)", (5.6, 4.6), None),
]


def single_heatmap(out: Path, name, snippet, labels, title, size, visible) -> Path:
    ns = run_snippet(snippet)
    fig, ax = plt.subplots(figsize=size)
    heatmap(ax, ns["weights"], labels(ns), title, mask=None if visible is None else ~ns[visible])
    return save(fig, name, out)


def multi_head_weights(out: Path) -> Path:
    """The two heads one above the other, on one shared colour scale (one colour bar), so that
    their colours compare and the figure stays narrow enough for a phone."""
    ns = run_snippet("multi_head/mha_by_hand.py")
    weights = ns["my_weights"][0].numpy()
    labels = position_labels(weights.shape[-1])
    top = float(weights.max())
    fig, axes = plt.subplots(2, 1, figsize=(4.4, 7.4), layout="constrained")
    for h, ax in enumerate(axes):
        image = heatmap(ax, weights[h], labels, f"head {h}", top=top, colorbar=False)
    fig.colorbar(image, ax=axes, shrink=0.6, label="attention weight (both heads)")
    return save(fig, "multi_head_weights.svg", out)


def causal_mask_pattern(out: Path) -> Path:
    n = 5
    visible = np.tril(np.ones((n, n), dtype=bool))
    fig, ax = plt.subplots(figsize=(4.2, 3.9))
    ax.imshow(visible, cmap=matplotlib.colors.ListedColormap(["#d9d9d9", "#2a4d8f"]), vmin=0, vmax=1)
    for i in range(n):
        for j in range(n):
            ax.text(j, i, "sees" if visible[i, j] else "×", ha="center", va="center",
                    color="white" if visible[i, j] else "#1a1a1a", fontsize=10)
    labels = position_labels(n, "pos ")
    ax.set_xticks(range(n), labels)
    ax.set_yticks(range(n), labels)
    ax.set_xlabel("key position")
    ax.set_ylabel("query position")
    ax.set_title("Causal mask: the lower triangle is visible", fontsize=11)
    return save(fig, "causal_mask_pattern.svg", out)


def attention_flow(out: Path) -> Path:
    """The five steps of scaled dot-product attention, top to bottom (narrow: phone first)."""
    fig, ax = plt.subplots(figsize=(3.8, 5.4))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 14.2)
    ax.axis("off")
    blue, grey, amber, green = "#dbe4f5", "#f0f0f0", "#fbe9c6", "#d8efd8"
    boxes = {   # name: (centre x, centre y, width, fill, title, subtitle)
        "Q": (2.6, 12.9, 4.2, blue, "Q", "what I look for"),
        "K": (7.4, 12.9, 4.2, blue, "K", "what I match"),
        "scores": (5.0, 9.9, 6.0, grey, "scores", "Q·Kᵀ / √d_k"),
        "softmax": (5.0, 7.1, 6.0, grey, "softmax", "over each row"),
        "weights": (3.3, 4.3, 5.0, amber, "weights", "each row sums to 1"),
        "V": (8.1, 4.3, 3.2, blue, "V", "content"),
        "output": (5.0, 1.3, 6.0, green, "output", "weights · V"),
    }
    height = 1.9
    for x, y, width, fill, title, subtitle in boxes.values():
        ax.add_patch(matplotlib.patches.FancyBboxPatch(
            (x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0,rounding_size=0.3",
            facecolor=fill, edgecolor="#333333", linewidth=1.2))
        ax.text(x, y + 0.32, title, ha="center", va="center", fontsize=12, weight="bold",
                color="#111111")
        ax.text(x, y - 0.42, subtitle, ha="center", va="center", fontsize=10, color="#111111")

    def arrow(start, end):
        (x0, y0), (x1, y1) = start, end
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.4})

    top, bottom = height / 2, -height / 2
    arrow((2.6, 12.9 + bottom), (4.2, 9.9 + top))
    arrow((7.4, 12.9 + bottom), (5.8, 9.9 + top))
    arrow((5.0, 9.9 + bottom), (5.0, 7.1 + top))
    arrow((4.2, 7.1 + bottom), (3.3, 4.3 + top))
    arrow((3.3, 4.3 + bottom), (4.2, 1.3 + top))
    arrow((8.1, 4.3 + bottom), (5.8, 1.3 + top))
    return save(fig, "attention_flow.svg", out)


def attention_cost(out: Path) -> Path:
    """Log-log plot of the multiply-add counts that tiled_attention/cost_counts.py prints."""
    ns = run_snippet("tiled_attention/cost_counts.py")
    n, d = ns["ns"], ns["d"]
    fig, ax = plt.subplots(figsize=(3.7, 3.0))
    ax.plot(n, ns["attention"], "o-", color="#2a4d8f", label="attention, 2·n²·d")
    ax.plot(n, ns["recurrent"], "s--", color="#b35c00", label="recurrent, 2·n·d²")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.axvline(d, color="#6b6b6b", linewidth=0.8, linestyle=":")
    ax.annotate(f"equal at\nn = d = {d}", xy=(d, ns["attention_macs"](d, d)),
                xytext=(d * 4, ns["attention_macs"](d, d) / 16), fontsize=10,
                arrowprops={"arrowstyle": "->", "color": "#1a1a1a", "linewidth": 0.8})
    ticks = [128, 512, 2048, 8192, 32768]
    ax.set_xticks(ticks, [str(t) for t in ticks], fontsize=10)
    powers = range(7, 13)  # tick labels as 1e7 ... 1e12: full-size text, no small superscripts
    ax.set_yticks([10.0**p for p in powers], [f"1e{p}" for p in powers], fontsize=10)
    ax.minorticks_off()
    ax.set_xlabel("sequence length n", fontsize=10)
    ax.set_ylabel("multiply-adds: all-pairs products\nor recurrence", fontsize=10)
    ax.set_title(f"Counted work, d = {d}", fontsize=11)
    ax.legend(fontsize=10, frameon=False, loc="upper left")
    return save(fig, "tiled_attention_cost.svg", out)


def position_sinusoidal(out: Path) -> Path:
    """The position-encoding matrix PE of snippets/position/sinusoidal.py, one row per position."""
    ns = run_snippet("position/sinusoidal.py")
    pe = ns["PE"]
    fig, ax = plt.subplots(figsize=(4.6, 5.2))
    image = ax.imshow(pe, cmap=CMAP, vmin=-1.0, vmax=1.0, aspect="auto", interpolation="nearest")
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="value of PE[pos, j]")
    ax.set_xticks(range(0, pe.shape[1], 2), [str(j) for j in range(0, pe.shape[1], 2)])
    ax.set_yticks(range(0, pe.shape[0], 5), [str(p) for p in range(0, pe.shape[0], 5)])
    ax.set_xlabel("dimension j\n(sin at even j, cos at odd j)")
    ax.set_ylabel("position pos")
    ax.set_title(f"Sinusoidal encodings:\n{pe.shape[0]} positions × {pe.shape[1]} dimensions",
                 fontsize=11)
    return save(fig, "position_sinusoidal.svg", out)


def padding_masks(out: Path) -> Path:
    """The three boolean masks of snippets/padding/mask_patterns.py, True = may attend."""
    ns = run_snippet("padding/mask_patterns.py")
    colours = ["#f4c26b", "#1f4e99"]   # masked: light amber; may attend: dark blue
    labels = [label if real else "pad"
              for label, real in zip(position_labels(len(ns["real"])), ns["real"].tolist())]
    # one above the other: side by side, three 5 x 5 grids are unreadable on a phone
    fig, axes = plt.subplots(3, 1, figsize=(3.9, 10.4))
    for ax, (name, title) in zip(axes, [("padding", "Padding mask"), ("causal", "Causal mask"),
                                        ("combined", "Both: padding and causal")]):
        mask = ns[name].numpy()
        n = mask.shape[0]
        ax.imshow(mask, cmap=matplotlib.colors.ListedColormap(colours), vmin=0, vmax=1)
        for i in range(n):
            for j in range(n):
                if not mask[i, j]:
                    ax.text(j, i, "×", ha="center", va="center", color="#1a1a1a", fontsize=12)
        ax.set_xticks(range(n), labels)
        ax.set_yticks(range(n), labels)
        ax.set_xlabel("key (attended to)")
        ax.set_ylabel("query (attending)")
        ax.set_title(title, fontsize=11)
    handles = [matplotlib.patches.Patch(facecolor=colours[1], edgecolor="#1a1a1a", label="may attend"),
               matplotlib.patches.Patch(facecolor=colours[0], edgecolor="#1a1a1a",
                                        label="masked (×): weight 0")]
    fig.legend(handles=handles, loc="lower center", ncol=1, frameon=False, fontsize=11,
               bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return save(fig, "padding_masks.svg", out)


def cross_attention_weights(out: Path) -> Path:
    """The 2 x 5 weights of snippets/cross_attention/cross_weights.py: 2 queries, 5 keys."""
    ns = run_snippet("cross_attention/cross_weights.py")
    weights = ns["weights"]
    n_q, n_k = weights.shape
    fig, ax = plt.subplots(figsize=(5.0, 2.6))
    heatmap(ax, weights, position_labels(n_k), "Cross-attention: 2 queries × 5 keys")
    ax.set_yticks(range(n_q), position_labels(n_q, "y"))
    ax.set_xlabel("key: encoder token")
    ax.set_ylabel("query:\ndecoder")
    return save(fig, "cross_attention_weights.svg", out)


@functools.cache
def trained_induction_run() -> dict:
    """One run of the training snippet (it trains for a few seconds), shared by its figures."""
    return run_snippet("trained_attention/train_induction.py")


def trained_attention_layer(out: Path, layer: int, title: str) -> Path:
    ns = trained_induction_run()
    weights = ns["example_weights"][layer]
    tokens = ["BOS" if i == 0 else ns["LETTERS"][i - 1] for i in ns["example"][0].tolist()]
    n = len(tokens)
    # colours only: numbers in a 17 x 17 grid cannot be read on a phone (the page quotes the
    # weights that matter from the snippet's output)
    fig, ax = plt.subplots(figsize=(4.9, 5.0))
    heatmap(ax, weights, [f"{i} {tok}" for i, tok in enumerate(tokens)], title,
            mask=~np.tril(np.ones((n, n), dtype=bool)), values=False)
    ax.tick_params(axis="x", labelrotation=90)
    return save(fig, f"trained_attention_layer{layer}.svg", out)


def trained_attention_layer0(out: Path) -> Path:
    return trained_attention_layer(out, 0, "Trained layer 0 (hatched: masked future)")


def trained_attention_layer1(out: Path) -> Path:
    return trained_attention_layer(out, 1, "Trained layer 1 (hatched: masked future)")


def small_gpt_layer0(out: Path) -> Path:
    """Layer 0 of the small GPT on one held-out problem: each head's weights from the three
    queries that write the sum's digits, one head above the other on one colour scale."""
    ns = run_snippet("small_gpt/train_adder.py")
    weights = ns["example"].numpy()                       # (head, 3 queries, 6 keys)
    names = ["a1", "a0", "b1", "b0", "c0", "c1"]          # position i holds names[i]
    keys = [f"{i} {name}" for i, name in enumerate(names)]
    queries = keys[ns["P"] - 1:]
    fig, axes = plt.subplots(len(weights), 1, figsize=(4.6, 8.6), layout="constrained")
    for h, ax in enumerate(axes):
        # query i (at position P - 1 + i) sees the keys up to itself: the rest is masked
        future = np.arange(len(keys))[None, :] > ns["P"] - 1 + np.arange(len(queries))[:, None]
        image = heatmap(ax, weights[h], keys, f"head {h} (hatched: masked future)",
                        mask=future, top=1.0, colorbar=False, label_masked=False)
        ax.set_yticks(range(len(queries)), queries)
        ax.set_xlabel("key (attended to)" if h == len(weights) - 1 else "")
        ax.set_ylabel("query")
    fig.colorbar(image, ax=axes, shrink=0.5, label="attention weight")
    return save(fig, "small_gpt_layer0.svg", out)


# file name -> the function that draws it into a folder
FIGURES = {spec[0]: (lambda out, spec=spec: single_heatmap(out, *spec)) for spec in SINGLE_HEATMAPS}
FIGURES |= {
    "multi_head_weights.svg": multi_head_weights,
    "causal_mask_pattern.svg": causal_mask_pattern,
    "attention_flow.svg": attention_flow,
    "tiled_attention_cost.svg": attention_cost,
    "position_sinusoidal.svg": position_sinusoidal,
    "padding_masks.svg": padding_masks,
    "cross_attention_weights.svg": cross_attention_weights,
    "trained_attention_layer0.svg": trained_attention_layer0,
    "trained_attention_layer1.svg": trained_attention_layer1,
    "small_gpt_layer0.svg": small_gpt_layer0,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=sorted(FIGURES),
                        help="draw only these figures (file names), e.g. for one lesson's tests")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.only or FIGURES:
        drawn = FIGURES[name](args.out)
        assert drawn.name == name, f"{name} was drawn as {drawn.name}"
        print(drawn.relative_to(args.out.parent) if args.out == OUT else drawn)


if __name__ == "__main__":
    main()
