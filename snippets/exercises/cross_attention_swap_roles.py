# Exercise: in the cross-attention lab, swap the roles: the 5 tokens X ask,
# the 2 vectors Y answer (Q = X, K = V = Y). Predict before running: the
# shape of the weights, and whether they are the transpose of the 2 x 5
# weights of Y asking X.
import numpy as np

weights_shape = (5, 2)
the_transpose = False

# --- check ---
def attention_weights(Q, K):
    scores = Q @ K.T / np.sqrt(K.shape[1])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


X = np.array([[1.0, 0.5, 0.2], [0.8, 1.2, 0.3], [0.6, 0.9, 1.1],
              [1.1, 0.4, 0.7], [0.9, 0.7, 0.8]])
Y = np.array([[1.0, 0.1, 0.0], [0.0, 0.4, 1.2]])
y_reads_x = attention_weights(Y, X)     # (2, 5)
x_reads_y = attention_weights(X, Y)     # (5, 2)
is_transpose = bool(np.allclose(x_reads_y, y_reads_x.T))
assert tuple(weights_shape or ()) == x_reads_y.shape, (
    "weights_shape: not quite; one row per query, one column per key")
assert the_transpose == is_transpose, (
    "the_transpose: not quite; each row is normalised over its own keys")
print("weights when X asks Y:", x_reads_y.shape)
print(np.round(x_reads_y, 3))
print("transpose of the weights when Y asks X")
print(np.round(y_reads_x.T, 3))
print("the transpose:", is_transpose)
assert np.allclose(x_reads_y.sum(axis=1), 1.0), "each row sums to 1"
assert x_reads_y.shape == (5, 2), "the weights are 5 x 2"
assert not is_transpose, "not the transpose"
