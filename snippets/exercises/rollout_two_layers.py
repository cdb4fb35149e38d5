# Exercise 6: a word can reach [CLS] through another position. Two attention layers with
# residual connections, weights chosen by hand, no projections: each layer does h = h + A @ h.
import numpy as np

tokens = ["[CLS]", "the", "terrible"]
A1 = np.array([[0.8, 0.1, 0.1],     # layer 1: [CLS] looks at itself
               [0.1, 0.1, 0.8],     #          "the" takes most of "terrible"
               [0.2, 0.1, 0.7]])
A2 = np.array([[0.1, 0.8, 0.1],     # layer 2: [CLS] looks at "the"
               [0.2, 0.6, 0.2],
               [0.1, 0.2, 0.7]])

# Start from one-hot vectors: entry j of a position's vector = how much of input token j it holds.
h = np.eye(3)
for A in (A1, A2):
    h = h + A @ h                   # residual connection + attention (values = the vectors)
share = h[0] / h[0].sum()           # what [CLS]'s final vector holds, as fractions

# Attention rollout (Abnar and Zuidema, 2020): average each layer's weights with the identity
# (the residual connection), then multiply the layers.
I = np.eye(3)
rollout = (0.5 * (I + A2)) @ (0.5 * (I + A1))
# exact here: no projections, no nonlinearity
assert np.allclose(share, rollout[0]), "rollout is exact here"

via_the = (0.5 * (I + A2))[0, 1] * (0.5 * (I + A1))[1, 2]   # [CLS] <- "the" <- "terrible"
print("what [CLS] takes from:", "  ".join(tokens))
print("last-layer weights:  ", A2[0])
print("rollout shares:      ", np.round(rollout[0], 3))
print(f"share of 'terrible' that came through 'the': {via_the:.3f}")
# 'terrible' matters far more than its last-layer weight
assert rollout[0, 2] > 2 * A2[0, 2], "over twice its last-layer weight"
# and most of it arrived through 'the'
assert via_the > rollout[0, 2] / 2, "over half came through 'the'"
