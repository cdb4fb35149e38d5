# Exercise: write just_reordered(f, X, order): True when shuffling the tokens
# only shuffles the outputs, f(X[order]) == f(X)[order] (to 1e-12). Predict
# too what it says of self-attention without and with a causal mask.
import numpy as np


def just_reordered(f, X, order):
    """f maps (n, d) tokens to (n, d) outputs; order is a permutation."""
    return bool(np.allclose(f(X[order]), f(X)[order], rtol=0, atol=1e-12))


prediction = {"without a mask": True, "with a causal mask": False}


# --- check ---
assert all(prediction[q] in (True, False) for q in prediction), (
    "prediction: answer each question True or False")


def self_attention(X, causal=False):
    n = len(X)
    scores = X @ X.T / np.sqrt(X.shape[1])
    if causal:
        seen = np.tril(np.ones((n, n), dtype=bool))
        scores = np.where(seen, scores, -np.inf)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)) @ X


X = np.array([[1.0, 0.5, 0.2], [0.8, 1.2, 0.3], [0.6, 0.9, 1.1],
              [1.1, 0.4, 0.7], [0.9, 0.7, 0.8]])
order = [2, 0, 4, 1, 3]            # t2 t0 t4 t1 t3
assert just_reordered(np.square, X, order), (
    "just_reordered: a function of each token alone should give True")
assert not just_reordered(lambda X: X.cumsum(axis=0), X, order), (
    "just_reordered: a running sum over the tokens should give False")
plain = just_reordered(self_attention, X, order)
causal = just_reordered(lambda X: self_attention(X, causal=True), X, order)
truth = {"without a mask": plain, "with a causal mask": causal}
wrong = [q for q in truth if prediction[q] != truth[q]]
assert not wrong, f"not quite: look again at {wrong}"
assert plain, "without a mask, the outputs are just reordered"
assert not causal, "the outputs are no longer just reordered"
print("without a mask, just reordered:", plain)
print("with a causal mask, just reordered:", causal)

output = self_attention(X, causal=True)
shuffled_output = self_attention(X[order], causal=True)
gap = np.abs(shuffled_output - output[order]).max()
print(f"causal, max abs difference after reordering: {gap:.3f}")
# the first token sees only itself: its output is its own vector
first_is_itself = (np.allclose(output[0], X[0])
                   and np.allclose(shuffled_output[0], X[2]))
assert first_is_itself, (
    "the first output is the first token in both orders, t0 and t2")
print("first output equals the first token, in both orders:", first_is_itself)
