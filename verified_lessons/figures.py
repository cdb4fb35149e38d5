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
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
OUT = ROOT / "docs" / "figures"

plt.rcParams.update({
    "svg.hashsalt": "attention-lessons",   # stable ids: same input, same bytes
    "svg.fonttype": "none",                # text stays text: small, selectable, readable
    "font.family": "sans-serif",
    "font.size": 11,
})
CMAP = "cividis"  # perceptually uniform and readable with the common colour-vision deficiencies


def run_snippet(relative: str) -> dict:
    """Run snippets/<relative> as __main__ and return its global variables."""
    with contextlib.redirect_stdout(io.StringIO()):
        return runpy.run_path(str(SNIPPETS / relative), run_name="__main__")


def heatmap(ax, weights: np.ndarray, labels: list[str], title: str, mask=None,
            fontsize: float = 10, text_in_masked: bool = True) -> None:
    shown = np.ma.masked_where(mask, weights) if mask is not None else weights
    cmap = plt.get_cmap(CMAP).copy()
    cmap.set_bad("#d9d9d9")
    top = float(weights.max())  # colours span 0 .. this figure's largest weight (see colour bar)
    image = ax.imshow(shown, cmap=cmap, vmin=0.0, vmax=top)
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="attention weight")
    n = weights.shape[0]
    for i in range(n):
        for j in range(n):
            value = weights[i, j]
            if mask is not None and mask[i, j] and not text_in_masked:
                continue
            light = value / top > 0.6  # cividis is light at the top: dark text there
            ax.text(j, i, f"{value:.3f}", ha="center", va="center", fontsize=fontsize,
                    color="#1a1a1a" if (light or (mask is not None and mask[i, j])) else "white")
    ax.set_xticks(range(n), labels, rotation=0)
    ax.set_yticks(range(n), labels)
    ax.set_xlabel("key token (attended to)")
    ax.set_ylabel("query token (attending)")
    ax.set_title(title, fontsize=11)


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
     lambda ns: ["pos 1", "pos 2", "pos 3"],
     "Causal mask weights (grey: masked)", (4.4, 3.8), "visible"),
    ("five_token_weights.svg", "five_token_walkthrough/attention_weights.py",
     lambda ns: [f"t{i + 1}" for i in range(5)],
     "Five-token weights, softmax(XXᵀ/√3)", (5.6, 4.6), None),
]


def single_heatmap(out: Path, name, snippet, labels, title, size, visible) -> Path:
    ns = run_snippet(snippet)
    fig, ax = plt.subplots(figsize=size)
    heatmap(ax, ns["weights"], labels(ns), title, mask=None if visible is None else ~ns[visible])
    return save(fig, name, out)


def multi_head_weights(out: Path) -> Path:
    ns = run_snippet("multi_head/mha_by_hand.py")
    weights = ns["my_weights"][0].numpy()
    labels = [f"t{i}" for i in range(weights.shape[-1])]
    fig, axes = plt.subplots(1, 2, figsize=(9.2, 4.0))
    for h, ax in enumerate(axes):
        heatmap(ax, weights[h], labels, f"head {h}")
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
    labels = [f"pos {i + 1}" for i in range(n)]
    ax.set_xticks(range(n), labels)
    ax.set_yticks(range(n), labels)
    ax.set_xlabel("key position")
    ax.set_ylabel("query position")
    ax.set_title("Causal mask: the lower triangle is visible", fontsize=11)
    return save(fig, "causal_mask_pattern.svg", out)


@functools.cache
def trained_induction_run() -> dict:
    """One run of the training snippet (it trains for a few seconds), shared by its figures."""
    return run_snippet("trained_attention/train_induction.py")


def trained_attention_layer(out: Path, layer: int, title: str) -> Path:
    ns = trained_induction_run()
    weights = ns["example_weights"][layer]
    tokens = ["BOS" if i == 0 else ns["LETTERS"][i - 1] for i in ns["example"][0].tolist()]
    n = len(tokens)
    fig, ax = plt.subplots(figsize=(7.4, 6.4))
    heatmap(ax, weights, [f"{i} {tok}" for i, tok in enumerate(tokens)], title,
            mask=~np.tril(np.ones((n, n), dtype=bool)), fontsize=7.5, text_in_masked=False)
    ax.tick_params(axis="x", labelrotation=90)
    return save(fig, f"trained_attention_layer{layer}.svg", out)


def trained_attention_layer0(out: Path) -> Path:
    return trained_attention_layer(out, 0, "Trained layer 0 (grey: masked future)")


def trained_attention_layer1(out: Path) -> Path:
    return trained_attention_layer(out, 1, "Trained layer 1 (grey: masked future)")


FIGURES = [lambda out, spec=spec: single_heatmap(out, *spec) for spec in SINGLE_HEATMAPS]
FIGURES += [multi_head_weights, causal_mask_pattern, trained_attention_layer0,
            trained_attention_layer1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for draw in FIGURES:
        print(draw(out).relative_to(out.parent) if out == OUT else draw(out))


if __name__ == "__main__":
    main()
