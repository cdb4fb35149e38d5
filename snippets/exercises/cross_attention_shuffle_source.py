# Exercise: in the cross-attention lab, shuffle the 5 source tokens (keys and
# values together). Predict before running: does the output change, and are
# the new weights the old ones with their columns reordered?
import numpy as np

prediction = {"the output changes": False,
              "the weights are the old columns reordered": True}

# --- check ---
def attention(Q, K, V):
    scores = Q @ K.T / np.sqrt(K.shape[1])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = e / e.sum(axis=1, keepdims=True)
    return weights @ V, weights


X = np.array([[1.0, 0.5, 0.2], [0.8, 1.2, 0.3], [0.6, 0.9, 1.1],
              [1.1, 0.4, 0.7], [0.9, 0.7, 0.8]])
Y = np.array([[1.0, 0.1, 0.0], [0.0, 0.4, 1.2]])
order = [4, 2, 0, 3, 1]
output, weights = attention(Y, X, X)
shuffled_output, shuffled_weights = attention(Y, X[order], X[order])
out_gap = np.abs(shuffled_output - output).max()
w_gap = np.abs(shuffled_weights - weights[:, order]).max()
truth = {"the output changes": bool(out_gap > 1e-12),
         "the weights are the old columns reordered": bool(w_gap < 1e-12)}
assert all(prediction[q] in (True, False) for q in prediction), (
    "prediction: answer each question True or False")
wrong = [q for q in truth if prediction[q] != truth[q]]
assert not wrong, f"not quite: look again at {wrong}"
print("the source tokens, reordered:", order)
for question, answer in truth.items():
    print(f"{question}: {answer}")
assert out_gap < 1e-12, "the output is unchanged"
assert w_gap < 1e-12, "the weights are the old columns reordered"
