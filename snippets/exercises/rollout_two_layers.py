# Exercise: write rollout(layers), attention rollout (Abnar and Zuidema,
# 2020): average each layer's weights with the identity matrix (for the
# residual connection), then multiply the layers, the last one on the left.
import numpy as np


def rollout(layers):
    """layers: (n, n) weight matrices, first layer first. Return (n, n)."""
    n = len(layers[0])
    result = np.eye(n)
    for A in layers:
        result = 0.5 * (np.eye(n) + A) @ result
    return result


# --- check ---
# A word can reach [CLS] through another position. Two attention layers with
# residual connections, weights chosen by hand, no projections: h = h + A @ h.
tokens = ["[CLS]", "the", "terrible"]
A1 = np.array([[0.8, 0.1, 0.1],     # layer 1: [CLS] looks at itself
               [0.1, 0.1, 0.8],     #          "the" takes most of "terrible"
               [0.2, 0.1, 0.7]])
A2 = np.array([[0.1, 0.8, 0.1],     # layer 2: [CLS] looks at "the"
               [0.2, 0.6, 0.2],
               [0.1, 0.2, 0.7]])

# Entry j of a position's vector = how much of input token j it holds.
h = np.eye(3)
for A in (A1, A2):
    h = h + A @ h                   # residual + attention (values = vectors)
share = h[0] / h[0].sum()           # what [CLS]'s final vector holds
mine = np.asarray(rollout([A1, A2]))
assert mine.shape == (3, 3), f"rollout shape {mine.shape}, expected (3, 3)"
assert np.allclose(mine[0], share), (
    f"your rollout gives [CLS] the shares {np.round(mine[0], 3)}; what [CLS] "
    f"holds is {np.round(share, 3)}")
I = np.eye(3)
reference = 0.5 * (I + A2) @ (0.5 * (I + A1))
# exact here: no projections, no nonlinearity
assert np.allclose(reference[0], share), "rollout is exact here"
backwards = 0.5 * (I + A1) @ (0.5 * (I + A2))
assert not np.allclose(backwards[0], share), "the order matters"

via_the = 0.5 * A2[0, 1] * 0.5 * A1[1, 2]   # [CLS] <- "the" <- "terrible"
print("what [CLS] takes from:", "  ".join(tokens))
print("last-layer weights:  ", A2[0])
print("rollout shares:      ", np.round(mine[0], 3))
print(f"share of 'terrible' that came through 'the': {via_the:.3f}")
# 'terrible' matters far more than its last-layer weight
assert mine[0, 2] > 2 * A2[0, 2], "over twice its last-layer weight"
# and most of it arrived through 'the'
assert via_the > mine[0, 2] / 2, "over half came through 'the'"
