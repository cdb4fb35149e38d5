# Softmax over the wrong axis: normalising each column (over queries) instead
# of each row (over keys). The rows, which should be distributions, no longer
# sum to 1.
import numpy as np

X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
scores = X @ X.T / np.sqrt(2)
e = np.exp(scores)

# over keys: each query's weights sum to 1
right = e / e.sum(axis=1, keepdims=True)
# over queries: each column sums to 1
wrong = e / e.sum(axis=0, keepdims=True)

print("row sums, softmax over keys (axis=1):   ",
      np.round(right.sum(axis=1), 3))
print("row sums, softmax over queries (axis=0):",
      np.round(wrong.sum(axis=1), 3))
assert np.allclose(right.sum(axis=1), 1) and not np.allclose(
    wrong.sum(axis=1), 1
)
