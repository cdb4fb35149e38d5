# The same causal mask for 4 positions, on seeded random scores.
import numpy as np

rng = np.random.default_rng(7)
scores = np.round(rng.normal(size=(4, 4)), 2)
visible = np.tril(np.ones((4, 4), dtype=bool))
masked = np.where(visible, scores, -1e9)

e = np.exp(masked - masked.max(axis=1, keepdims=True))
weights = e / e.sum(axis=1, keepdims=True)

assert np.all(weights[~visible] == 0), "no weight on the future"
assert np.allclose(weights.sum(axis=1), 1.0), "rows sum to 1"
assert weights[0, 0] == 1.0, "the first position sees only itself"
# no row is fully masked:
assert visible.diagonal().all(), "each position sees itself"
print("scores")
print(scores)
print("weights")
print(np.round(weights, 3))
