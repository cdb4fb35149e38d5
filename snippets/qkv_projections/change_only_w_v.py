# Change only W_v: scores and weights come from Q and K, so they stay exactly
# the same; the outputs mix the new value vectors, so they change.
import numpy as np

X = np.array([[1.0, 0.0],
              [0.0, 1.0],
              [1.0, 1.0]])
W_q = np.array([[1.0, 0.5], [0.0, 1.0]])
W_k = np.array([[0.5, 1.0], [1.0, 0.0]])
W_v_before = np.array([[1.0, -0.5], [0.5, 1.0]])
W_v_after = np.array([[0.0, 2.0], [1.0, 0.0]])     # the only change


def attend(W_v):
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    scores = Q @ K.T / np.sqrt(Q.shape[1])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = e / e.sum(axis=1, keepdims=True)
    return scores, weights, weights @ V


scores_1, weights_1, output_1 = attend(W_v_before)
scores_2, weights_2, output_2 = attend(W_v_after)

assert (np.array_equal(scores_1, scores_2)
        and np.array_equal(weights_1, weights_2)), (
    "scores and weights unchanged")
assert not np.allclose(output_1, output_2), "the outputs change"
print("scores unchanged: ", np.array_equal(scores_1, scores_2))
print("weights unchanged:", np.array_equal(weights_1, weights_2))
print("outputs changed:  ", not np.allclose(output_1, output_2))
print("weights")
print(np.round(weights_2, 3))
print("output before")
print(np.round(output_1, 3))
print("output after")
print(np.round(output_2, 3))
