# Exercise: shuffle the 5 source tokens (keys and values together). What happens to
# the cross-attention output, and to the weights?
import numpy as np


def attention(Q, K, V):
    scores = Q @ K.T / np.sqrt(K.shape[1])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = e / e.sum(axis=1, keepdims=True)
    return weights @ V, weights


X = np.array([[1.0, 0.5, 0.2], [0.8, 1.2, 0.3], [0.6, 0.9, 1.1],
              [1.1, 0.4, 0.7], [0.9, 0.7, 0.8]])
Y = np.array([[1.0, 0.1, 0.0], [0.0, 0.4, 1.2]])
order = [4, 2, 0, 3, 1]

output, weights = attention(Y, X, X)
shuffled_output, shuffled_weights = attention(Y, X[order], X[order])
out_gap = np.abs(shuffled_output - output).max()
w_gap = np.abs(shuffled_weights - weights[:, order]).max()
assert out_gap < 1e-12, "the output is unchanged"
assert w_gap < 1e-12, "the weights are the old columns reordered"
print(f"output, max abs difference: {out_gap:.1e}")
print(f"weights vs the original columns reordered, max abs difference: {w_gap:.1e}")
