# Each token's new embedding is a weighted average of all value vectors
# (here V = X).
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
output = weights @ V                      # (5, 5) @ (5, 3) -> (5, 3)

print("context-aware embeddings, shape", tuple(output.shape))
print(np.round(output, 3))

print("token 0 = sum of weight x value:")
row = np.zeros(3)
for j in range(5):
    row += weights[0, j] * V[j]
    print(f"  {weights[0, j]:.3f} x {V[j]}")
assert np.allclose(row, output[0])
print("  =", np.round(row, 3))
print("token 0 before:", X[0], " after:", np.round(output[0], 3))

# Token 0's third feature: each token j moves it by weight_j x (v_j - x_0),
# third entries.
moves = weights[0] * (V[:, 2] - X[0, 2])
assert np.isclose(X[0, 2] + moves.sum(), output[0, 2]), (
    "the moves add up to the output's third feature")
assert sorted(np.argsort(moves)[-3:].tolist()) == [2, 3, 4], (
    "tokens 2, 3 and 4 give the three largest moves")
print("third features of the values:", V[:, 2])
print("moves of token 0's third feature:", np.round(moves, 3))
print(f"total rise: {moves.sum():.3f}")
