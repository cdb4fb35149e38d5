# Five tokens with 3 features each. Self-attention with Q = K = V = X:
# first the 5x5 matrix of weights, softmax(X X^T / sqrt(3)).
import numpy as np

X = np.array([[1.0, 0.5, 0.2],    # token 0
              [0.8, 1.2, 0.3],    # token 1
              [0.6, 0.9, 1.1],    # token 2
              [1.1, 0.4, 0.7],    # token 3
              [0.9, 0.7, 0.8]])   # token 4

scores = X @ X.T / np.sqrt(X.shape[1])
e = np.exp(scores - scores.max(axis=1, keepdims=True))
weights = e / e.sum(axis=1, keepdims=True)

assert np.allclose(weights.sum(axis=1), 1.0), "rows sum to 1"
assert np.all(weights > 0), "every weight positive"
print("X")                      # one row per token
print(X)
print("d_k:", X.shape[1])
print("weights")                # row = query token, column = key token
print(np.round(weights, 3))
print("shape:", weights.shape)
print(f"smallest: {weights.min():.3f}")
print(f"largest: {weights.max():.3f}")
print("row sums:", np.round(weights.sum(axis=1), 6))

# Which token does each token attend to most? (numbered from 0, as rows)
favourite = weights.argmax(axis=1)
print("each token's most-weighted token:", favourite)
assert favourite.tolist() == [1, 1, 2, 3, 2], (
    "tokens 1, 2 and 3 favour themselves, 0 and 4 do not")

# The two largest weights of the whole matrix are diagonal cells: token 2's and
# token 1's.
top_two = np.argsort(weights, axis=None)[::-1][:2]
assert [np.unravel_index(k, weights.shape) for k in top_two] == [
    (2, 2),
    (1, 1),
]
ranks = ["largest weight of the matrix", "second largest"]
for rank, k in zip(ranks, top_two):
    query, key = np.unravel_index(k, weights.shape)
    cell = "itself" if query == key else f"t{key}"
    print(f"{rank} at: t{query} with {cell}")

# Why the weights are close to 1/5: within a row, the weight ratio is
# e^(score gap).
gaps = scores.max(axis=1) - scores.min(axis=1)
ratios = weights.max(axis=1) / weights.min(axis=1)
assert np.allclose(ratios, np.exp(gaps)), (
    "largest / smallest weight is e^(largest score gap) in every row")
print(f"scaled scores within a row differ by at most: {gaps.max():.3f}")
print(f"most uneven row, largest / smallest weight: {ratios.max():.3f}")
