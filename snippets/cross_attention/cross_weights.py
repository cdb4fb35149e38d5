# Cross-attention: the queries come from one sequence (2 decoder positions),
# the keys and values from another (the 5 tokens of the walk-through).
# Q = Y, K = V = X, no projections yet.
import numpy as np

# the sequence that is read (keys and values)
X = np.array([[1.0, 0.5, 0.2],    # t0
              [0.8, 1.2, 0.3],    # t1
              [0.6, 0.9, 1.1],    # t2
              [1.1, 0.4, 0.7],    # t3
              [0.9, 0.7, 0.8]])   # t4
Y = np.array([[1.0, 0.1, 0.0],    # y0   the sequence that asks (queries)
              [0.0, 0.4, 1.2]])   # y1

# (2, 5): one row per query
scores = Y @ X.T / np.sqrt(X.shape[1])
e = np.exp(scores - scores.max(axis=1, keepdims=True))
weights = e / e.sum(axis=1, keepdims=True)
# (2, 3): one row per query
output = weights @ X

assert weights.shape == (2, 5), "one row per query, one column per key"
assert output.shape == (2, 3), "one output row per query"
assert np.allclose(weights.sum(axis=1), 1.0), "rows sum to 1"
print("queries:", Y.shape, " keys and values:", X.shape)
print("weights, one row per query")
print(np.round(weights, 3))
print("weights shape:", weights.shape)
print("outputs, one row per query")
print(np.round(output, 3))
print("outputs shape:", output.shape)
# y0 points along the first feature, y1 mostly along the third: each puts its
# largest weight on the token that is largest in that feature
assert weights[0].argmax() == X[:, 0].argmax(), \
    "y0: largest weight on the token largest in the first feature"
assert weights[1].argmax() == X[:, 2].argmax(), \
    "y1: largest weight on the token largest in the third feature"
print("largest weight of y0 on:", f"t{weights[0].argmax()}")
print("largest weight of y1 on:", f"t{weights[1].argmax()}")
