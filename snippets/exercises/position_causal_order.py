# Exercise: add a causal mask to the five-token self-attention and shuffle the
# tokens. Is attention still blind to order?
import numpy as np


def causal_self_attention(X):
    n = len(X)
    scores = X @ X.T / np.sqrt(X.shape[1])
    scores = np.where(np.tril(np.ones((n, n), dtype=bool)), scores, -np.inf)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)) @ X


X = np.array([[1.0, 0.5, 0.2], [0.8, 1.2, 0.3], [0.6, 0.9, 1.1],
              [1.1, 0.4, 0.7], [0.9, 0.7, 0.8]])
order = [2, 0, 4, 1, 3]            # t3 t1 t5 t2 t4
output = causal_self_attention(X)
shuffled_output = causal_self_attention(X[order])

gap = np.abs(shuffled_output - output[order]).max()
assert gap > 0.01, "the outputs are no longer just reordered"
print(f"max abs difference after reordering: {gap:.3f}")
print("outputs differ from the old ones reordered:", gap > 0.01)
# the first token sees only itself: its output is its own vector, whoever comes first
first_is_itself = np.allclose(output[0], X[0]) and np.allclose(shuffled_output[0], X[2])
assert first_is_itself, (
    "the first output is the first token in both orders, t1 and t3")
print("first output equals the first token, in both orders:", first_is_itself)
