# The three sizes of self-attention: d_model for the tokens, d_k for queries
# and keys, d_v for values. They need not be equal; here they all differ.
import numpy as np

rng = np.random.default_rng(0)
n, d_model, d_k, d_v = 4, 6, 3, 5
X = rng.standard_normal((n, d_model))       # n tokens, one per row
# learned in a real model; random here
W_q = rng.standard_normal((d_model, d_k))
W_k = rng.standard_normal((d_model, d_k))
W_v = rng.standard_normal((d_model, d_v))

Q, K, V = X @ W_q, X @ W_k, X @ W_v
# a query and a key must both have d_k entries
scores = Q @ K.T / np.sqrt(d_k)
e = np.exp(scores - scores.max(axis=1, keepdims=True))
weights = e / e.sum(axis=1, keepdims=True)
output = weights @ V

for name, a in [
    ("X", X),
    ("W_q", W_q),
    ("W_k", W_k),
    ("W_v", W_v),
    ("Q", Q),
    ("K", K),
    ("V", V),
    ("weights", weights),
    ("output", output),
]:
    print(f"{name + ':':9s}{a.shape}")
assert Q.shape == K.shape == (n, d_k) and V.shape == (n, d_v)
assert weights.shape == (n, n) and output.shape == (n, d_v)
