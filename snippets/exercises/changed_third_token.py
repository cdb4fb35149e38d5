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

print("tokens before")
print(X)
print("tokens after")
print(X_new)
print("scores after")
print(X_new @ X_new.T)
print("weights before")
print(np.round(before, 3))
print("weights after")
print(np.round(after, 3))
# token 0 = [1, 0] points along the first feature, like the new [2, 0]: it attends more to it
assert after[0, 2] > before[0, 2]
# token 1 = [0, 1] has nothing in common with [2, 0] any more: it attends less to it
assert after[1, 2] < before[1, 2]
print(f"query 0 -> token 2: {before[0, 2]:.3f} -> {after[0, 2]:.3f}")
print(f"query 1 -> token 2: {before[1, 2]:.3f} -> {after[1, 2]:.3f}")
