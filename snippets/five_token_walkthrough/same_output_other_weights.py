# Different weights can give exactly the same output. With 5 value vectors of 3
# features, some changes d to a row of weights satisfy d @ V = 0 and
# sum(d) = 0: the output and the row sum stay the same.
import numpy as np

X = np.array([[1.0, 0.5, 0.2],
              [0.8, 1.2, 0.3],
              [0.6, 0.9, 1.1],
              [1.1, 0.4, 0.7],
              [0.9, 0.7, 0.8]])
V = X

scores = X @ X.T / np.sqrt(X.shape[1])
e = np.exp(scores - scores.max(axis=1, keepdims=True))
weights = e / e.sum(axis=1, keepdims=True)

# d solves [V^T; 1 1 1 1 1] d = 0: 4 equations, 5 unknowns, so a nonzero d
# exists.
constraints = np.vstack([V.T, np.ones(5)])
# the right singular vector with singular value 0
d = np.linalg.svd(constraints)[2][-1]
# fix its sign: largest entry positive
d = d * np.sign(d[np.abs(d).argmax()])
assert np.allclose(constraints @ d, 0)

w = weights[0]                                   # token 0's weights
# half the way to the first weight reaching 0
step = 0.5 * np.min(w[d < 0] / -d[d < 0])
other = w + step * d

# still valid softmax weights
assert np.all(other > 0), "the other weights are positive"
assert np.isclose(other.sum(), 1.0), "the other weights sum to 1"
assert np.allclose(other @ V, w @ V), "same output"
print("token 0's weights:      ", np.round(w, 3))
print("other weights:          ", np.round(other, 3))
print("output with its weights:", np.round(w @ V, 3))
print("output with the others: ", np.round(other @ V, 3))
print(f"largest weight change: {np.abs(other - w).max():.3f}")
print("same output:", np.allclose(other @ V, w @ V))
