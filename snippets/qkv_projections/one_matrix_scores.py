# Queries and keys meet through one matrix: Q @ K.T = X @ (W_q @ W_k.T) @ X.T.
import numpy as np

rng = np.random.default_rng(0)
n, d_model, d_k = 4, 6, 3
X = rng.standard_normal((n, d_model))       # n tokens, one per row
W_q = rng.standard_normal((d_model, d_k))
W_k = rng.standard_normal((d_model, d_k))

A = W_q @ W_k.T                             # (d_model, d_model)
scores = (X @ W_q) @ (X @ W_k).T / np.sqrt(d_k)
scores_A = X @ A @ X.T / np.sqrt(d_k)       # the same scores, from A alone
s_02 = X[0] @ A @ X[2] / np.sqrt(d_k)       # token 0's query, token 2's key
s_20 = X[2] @ A @ X[0] / np.sqrt(d_k)       # token 2's query, token 0's key
rank = np.linalg.matrix_rank(A)
_, singular, Vt = np.linalg.svd(A)
z = Vt[-1]                                  # a direction A ignores: A @ z = 0
key_moved = X @ A @ (X[2] + 3 * z) / np.sqrt(d_k)   # token 2's key, moved

# Any invertible M gives another pair, W_q @ M and W_k @ inv(M).T, with the
# same product A: the scores cannot tell the two pairs apart.
M = rng.standard_normal((d_k, d_k))
W_q2, W_k2 = W_q @ M, W_k @ np.linalg.inv(M).T
scores_2 = (X @ W_q2) @ (X @ W_k2).T / np.sqrt(d_k)

same = np.abs(scores - scores_A).max() < 1e-12
same_2 = np.abs(scores - scores_2).max() < 1e-12
assert same, "scores from Q K^T equal X A X^T to 1e-12"
assert abs(s_02 - scores[0, 2]) < 1e-12, "one score is x_0 A x_2"
assert rank <= d_k < d_model, "A has rank at most d_k, below d_model"
assert np.allclose(key_moved, scores[:, 2]), (
    "a key moved along z scores the same")
assert not np.allclose(A, A.T), "A is not symmetric"
assert abs(s_02 - s_20) > 0.1, "the two directions score differently"
assert same_2, "another pair with the same product gives the same scores"
assert not np.allclose(W_q2, W_q), "the other pair has another W_q"
print("d_model:", d_model)
print("d_k:", d_k)
print("A = W_q @ W_k.T:", A.shape)
print("scores equal X @ A @ X.T / sqrt(d_k) to 1e-12:", same)
print("singular values of A:", np.round(singular, 3))
print("rank of A:", rank)
print("token 2's key moved along z, same scores:",
      np.allclose(key_moved, scores[:, 2]))
print("A is symmetric:", np.allclose(A, A.T))
print(f"score of token 0's query for token 2's key: {s_02:.3f}")
print(f"score of token 2's query for token 0's key: {s_20:.3f}")
print("W_q @ M, W_k @ inv(M).T: same scores to 1e-12:", same_2)
# Lab 1B's W_q and W_k differ, yet their product happens to be symmetric
A_lab = (
    np.array([[1.0, 0.5], [0.0, 1.0]]) @ np.array([[0.5, 1.0], [1.0, 0.0]]).T
)
lab_symmetric = bool(np.allclose(A_lab, A_lab.T))
assert lab_symmetric, "Lab 1B's A is symmetric"
print("Lab 1B's A is symmetric:", lab_symmetric)
