# Q, K and V as three learned views of the same tokens X.
import numpy as np

X = np.array([[1.0, 0.0],
              [0.0, 1.0],
              [1.0, 1.0]])
W_q = np.array([[1.0, 0.5], [0.0, 1.0]])
W_k = np.array([[0.5, 1.0], [1.0, 0.0]])
W_v = np.array([[1.0, -0.5], [0.5, 1.0]])

Q, K, V = X @ W_q, X @ W_k, X @ W_v
scores = Q @ K.T / np.sqrt(Q.shape[1])
shifted = scores - scores.max(axis=1, keepdims=True)
weights = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
output = weights @ V                  # mixes the rows of V, not of X

assert not (np.allclose(Q, K) or np.allclose(Q, V)
            or np.allclose(K, V)), "Q, K and V differ"
assert weights[0].argmax() == 2, "token 0's query prefers token 2"

for name, value in [
    ("Q", Q),
    ("K", K),
    ("V", V),
    ("weights", weights),
    ("output", output),
]:
    print(name)
    print(np.round(value, 3))
