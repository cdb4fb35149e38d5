# Exercise 1: change the third token of Lab 1 from [1, 1] to [2, 0]. How do the weights move?
import numpy as np


def weights_for(X):
    scores = X @ X.T / np.sqrt(X.shape[1])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
X_new = X.copy()
X_new[2] = [2.0, 0.0]
before, after = weights_for(X), weights_for(X_new)
scores_before, scores_after = X @ X.T, X_new @ X_new.T   # raw scores; the weights divide by sqrt(2)

print("tokens before")
print(X)
print("tokens after")
print(X_new)
print("scores before")
print(scores_before)
print("scores after")
print(scores_after)
print("weights before")
print(np.round(before, 3))
print("weights after")
print(np.round(after, 3))

# token 0 = [1, 0] points along the first feature, like the new [2, 0]: it scores and attends more
assert scores_after[0, 2] > scores_before[0, 2], "query 0's score rises"
assert after[0, 2] > before[0, 2], "query 0's weight on token 2 rises"
# token 1 = [0, 1] has nothing in common with [2, 0]: score 0, and less weight
assert scores_after[1, 2] == 0, "query 1's score for token 2 is 0"
assert after[1, 2] < before[1, 2], "query 1's weight on token 2 falls"
# the new token's score with itself is its squared length, 4: the largest score of the table
assert scores_after[2, 2] == 4 == scores_after.max(), "4 is the largest score"
assert after[2, 2] > before[2, 2], "query 2's weight on itself rises"
# query 0's score with token 0 did not change, yet its weight fell: each row is normalised as a whole
assert scores_after[0, 0] == scores_before[0, 0], "token 0's score unchanged"
assert after[0, 0] < before[0, 0], "query 0's weight on token 0 falls"
print(f"query 0 -> token 2: {before[0, 2]:.3f} -> {after[0, 2]:.3f}")
print(f"query 1 -> token 2: {before[1, 2]:.3f} -> {after[1, 2]:.3f}")
print(f"query 2 -> itself: {before[2, 2]:.3f} -> {after[2, 2]:.3f}")
print(f"query 0 -> token 0: {before[0, 0]:.3f} -> {after[0, 0]:.3f}")
