# Exercise: in Lab 1B, scale the projections and predict, before running,
# what happens to the weights: "unchanged", "sharper" (each row's largest
# weight grows) or "flatter" (it shrinks).
import numpy as np

prediction = {
    "W_k doubled": "sharper",
    "W_k halved": "flatter",
    "both doubled": "sharper",
}

# --- check ---
answers = ("unchanged", "sharper", "flatter")
assert all(prediction[q] in answers for q in prediction), (
    f"prediction: answer each with one of {answers}")


def weights_of(Q, K):
    scores = Q @ K.T / np.sqrt(K.shape[1])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])       # Lab 1B's tokens
W_q = np.array([[1.0, 0.5], [0.0, 1.0]])
W_k = np.array([[0.5, 1.0], [1.0, 0.0]])
base = weights_of(X @ W_q, X @ W_k)
scaled = {"W_k doubled": (W_q, 2 * W_k), "W_k halved": (W_q, W_k / 2),
          "both doubled": (2 * W_q, 2 * W_k)}
truth, top = {}, {}
for name, (wq, wk) in scaled.items():
    new = weights_of(X @ wq, X @ wk)
    top[name] = new.max(axis=1)
    if np.allclose(new, base, rtol=0, atol=1e-12):
        truth[name] = "unchanged"
    elif (top[name] > base.max(axis=1)).all():
        truth[name] = "sharper"
    else:
        assert (top[name] < base.max(axis=1)).all(), "each row moves one way"
        truth[name] = "flatter"
wrong = [q for q in truth if prediction[q] != truth[q]]
assert not wrong, f"not quite: look again at {wrong}"
print("largest weight per row, as in Lab 1B:", np.round(base.max(axis=1), 3))
for name in scaled:
    print(f"{name}: {truth[name]}")
    print("  largest weight per row:", np.round(top[name], 3))
doubled = truth["W_k doubled"]
assert doubled == "sharper", "2 W_k: every row's largest weight grows"
assert (top["both doubled"] > top["W_k doubled"]).all(), (
    "both doubled: sharper than W_k alone")
