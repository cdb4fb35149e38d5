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
import io
import runpy
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.patches  # noqa: E402
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


def heatmap(ax, weights: np.ndarray, labels: list[str], title: str, mask=None) -> None:
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
            light = value / top > 0.6  # cividis is light at the top: dark text there
            ax.text(j, i, f"{value:.3f}", ha="center", va="center", fontsize=10,
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


def position_sinusoidal(out: Path) -> Path:
    """The position-encoding matrix PE of snippets/position/sinusoidal.py, one row per position."""
    ns = run_snippet("position/sinusoidal.py")
    pe = ns["PE"]
    fig, ax = plt.subplots(figsize=(6.4, 5.6))
    image = ax.imshow(pe, cmap=CMAP, vmin=-1.0, vmax=1.0, aspect="auto", interpolation="nearest")
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="value of PE[pos, j]")
    ax.set_xticks(range(0, pe.shape[1], 2), [str(j) for j in range(0, pe.shape[1], 2)])
    ax.set_yticks(range(0, pe.shape[0], 5), [str(p) for p in range(0, pe.shape[0], 5)])
    ax.set_xlabel("dimension j (pairs: sin at even j, cos at odd j)")
    ax.set_ylabel("position pos")
    ax.set_title(f"Sinusoidal position encodings, {pe.shape[0]} positions × {pe.shape[1]} dimensions",
                 fontsize=11)
    return save(fig, "position_sinusoidal.svg", out)


def padding_masks(out: Path) -> Path:
    """The three boolean masks of snippets/padding/mask_patterns.py, True = may attend."""
    ns = run_snippet("padding/mask_patterns.py")
    colours = ["#f4c26b", "#1f4e99"]   # masked: light amber; may attend: dark blue
    labels = [f"t{i + 1}" if real else "pad" for i, real in enumerate(ns["real"].tolist())]
    fig, axes = plt.subplots(1, 3, figsize=(11.0, 4.4))
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
    fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False, fontsize=11,
               bbox_to_anchor=(0.5, -0.04))
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return save(fig, "padding_masks.svg", out)


def cross_attention_weights(out: Path) -> Path:
    """The 2 x 5 weights of snippets/cross_attention/cross_weights.py: 2 queries, 5 keys."""
    ns = run_snippet("cross_attention/cross_weights.py")
    weights = ns["weights"]
    n_q, n_k = weights.shape
    top = float(weights.max())
    fig, ax = plt.subplots(figsize=(6.6, 2.8))
    image = ax.imshow(weights, cmap=CMAP, vmin=0.0, vmax=top)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="attention weight")
    for i in range(n_q):
        for j in range(n_k):
            value = weights[i, j]
            ax.text(j, i, f"{value:.3f}", ha="center", va="center", fontsize=10,
                    color="#1a1a1a" if value / top > 0.6 else "white")
    ax.set_xticks(range(n_k), [f"t{j + 1}" for j in range(n_k)])
    ax.set_yticks(range(n_q), [f"y{i + 1}" for i in range(n_q)])
    ax.set_xlabel("key: encoder token (attended to)")
    ax.set_ylabel("query: decoder\nposition")
    ax.set_title("Cross-attention weights: 2 queries × 5 keys", fontsize=11)
    return save(fig, "cross_attention_weights.svg", out)


FIGURES = [lambda out, spec=spec: single_heatmap(out, *spec) for spec in SINGLE_HEATMAPS]
FIGURES += [multi_head_weights, causal_mask_pattern]
FIGURES += [position_sinusoidal, padding_masks, cross_attention_weights]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for draw in FIGURES:
        print(draw(out).relative_to(out.parent) if out == OUT else draw(out))


if __name__ == "__main__":
    main()
