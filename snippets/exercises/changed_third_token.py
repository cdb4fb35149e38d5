# Exercise: in Lab 1, change token 2 from [1, 1] to [2, 0]. Before
# running anything, predict for each weight below whether it rises or falls.
import numpy as np

prediction = {
    "query 0 -> token 2": "rises",
    "query 1 -> token 2": "falls",
    "query 2 -> itself": "rises",
    "query 0 -> token 0": "falls",
}

# --- check ---
assert all(prediction[q] in ("rises", "falls") for q in prediction), (
    'prediction: answer each with "rises" or "falls"')


def weights_for(X):
    scores = X @ X.T / np.sqrt(X.shape[1])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
X_new = X.copy()
X_new[2] = [2.0, 0.0]
before, after = weights_for(X), weights_for(X_new)
scores_before, scores_after = X @ X.T, X_new @ X_new.T  # raw, before / sqrt(2)
pairs = {"query 0 -> token 2": (0, 2), "query 1 -> token 2": (1, 2),
         "query 2 -> itself": (2, 2), "query 0 -> token 0": (0, 0)}
moved = {name: "rises" if after[i, j] > before[i, j] else "falls"
         for name, (i, j) in pairs.items()}
wrong = [name for name in pairs if prediction[name] != moved[name]]
assert not wrong, f"not quite: look again at {wrong}"
print("scores before")
print(scores_before)
print("scores after")
print(scores_after)
for name, (i, j) in pairs.items():
    print(f"{name}: {before[i, j]:.3f} -> {after[i, j]:.3f} ({moved[name]})")
assert after[0, 2] > before[0, 2], "query 0's weight on token 2 rises"
assert after[1, 2] < before[1, 2], "query 1's weight on token 2 falls"
assert after[2, 2] > before[2, 2], "query 2's weight on itself rises"
assert after[0, 0] < before[0, 0], "query 0's weight on token 0 falls"
# why: row 2's scores go from [1, 1, 2] to [2, 0, 4], and token 1 scores 0
# with the new token; token 0's own score did not change, yet its weight fell
assert scores_after[2, 2] == 4 == scores_after[2].max(), "4 leads row 2"
assert scores_after[1, 2] == 0, "query 1's score for token 2 is 0"
assert scores_after[0, 0] == scores_before[0, 0], "token 0's score unchanged"
print("every prediction right: True")
