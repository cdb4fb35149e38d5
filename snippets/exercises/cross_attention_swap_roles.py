# Exercise: swap the roles. The 5 tokens ask, the 2 vectors answer. What shape are
# the weights, and are they the transpose of the 2 x 5 weights?
import numpy as np


def attention(Q, K, V):
    scores = Q @ K.T / np.sqrt(K.shape[1])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = e / e.sum(axis=1, keepdims=True)
    return weights @ V, weights


X = np.array([[1.0, 0.5, 0.2], [0.8, 1.2, 0.3], [0.6, 0.9, 1.1],
              [1.1, 0.4, 0.7], [0.9, 0.7, 0.8]])
Y = np.array([[1.0, 0.1, 0.0], [0.0, 0.4, 1.2]])

_, y_reads_x = attention(Y, X, X)     # (2, 5)
_, x_reads_y = attention(X, Y, Y)     # (5, 2)
assert x_reads_y.shape == (5, 2), "the weights are 5 x 2"
assert np.allclose(x_reads_y.sum(axis=1), 1.0), "each row sums to 1"
assert not np.allclose(x_reads_y, y_reads_x.T), "not the transpose"
print("weights when X asks Y:", x_reads_y.shape)
print(np.round(x_reads_y, 3))
print("transpose of the weights when Y asks X")
print(np.round(y_reads_x.T, 3))
