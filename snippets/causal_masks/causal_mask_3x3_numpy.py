# A causal mask: position i may only attend to positions 0..i.
import numpy as np

scores = np.array([[2.0, 1.0, 0.5],
                   [1.2, 2.1, 0.7],
                   [0.8, 1.3, 2.2]])
# lower triangle, diagonal included
visible = np.tril(np.ones_like(scores, dtype=bool))
# future positions: a huge negative score
masked = np.where(visible, scores, -1e9)

e = np.exp(masked - masked.max(axis=1, keepdims=True))
weights = e / e.sum(axis=1, keepdims=True)

assert np.all(weights[~visible] == 0), "no weight on the future"
assert np.allclose(weights.sum(axis=1), 1.0), "rows sum to 1"
print("visible")
print(visible.astype(int))
print("weights")
print(np.round(weights, 3))
