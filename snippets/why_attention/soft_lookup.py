# Attention as a soft dictionary lookup: the query is compared with every key,
# and the answer is a blend of all values, weighted by how well each key
# matched.
import itertools

import numpy as np


def softmax(z):
    """softmax(z)_j = exp(z_j) / sum_k exp(z_k), along the last axis (fine for
    small scores)."""
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


keys = np.array([[1.0, 0.0],    # "cat"
                 [0.0, 1.0],    # "car"
                 [0.7, 0.7]])   # "cart"
values = np.array([10.0, 20.0, 30.0])
query = np.array([1.0, 0.2])    # matches "cat" best

scores = keys @ query           # one match score per key (a dot product)
# positive, sum to 1, in the same order as the scores
weights = softmax(scores)
answer = weights @ values       # a blend of all values, not a single pick

assert np.all(weights > 0), "every weight is positive"
assert np.isclose(weights.sum(), 1.0), "the weights sum to 1"
assert np.array_equal(np.argsort(weights), np.argsort(scores)), \
    "a larger score, a larger weight"
assert scores.argmax() == 0, "the first key has the largest score"
assert values.min() < answer < values.max(), \
    "the answer lies between the smallest and the largest value"
print("scores :", np.round(scores, 3))
print("weights:", np.round(weights, 3))
print("answer :", round(float(answer), 3))
print("a hard lookup would return", values[scores.argmax()])

# Nudge the query: the blend moves a little; the hard lookup does not move at
# all.
nudged = query + np.array([0.0, 0.01])
soft_move = softmax(keys @ nudged) @ values - answer
hard_move = values[(keys @ nudged).argmax()] - values[scores.argmax()]
assert soft_move != 0 and hard_move == 0
print(f"query nudged by 0.01: blend moves by {soft_move:.4f}, hard lookup by "
      f"{hard_move:.1f}")

# Self-attention: every token of a sentence is query, key and value at once.
vectors = {"dog": [1.0, 0.2], "bites": [0.1, 1.0], "man": [0.8, 0.5]}


def self_attention(X):
    # one soft lookup per token (row of X), unscaled for now
    return softmax(X @ X.T) @ X


X = np.array([vectors[word] for word in ["dog", "bites", "man"]])
output = self_attention(X)
reordered = self_attention(X[[2, 1, 0]])   # "man bites dog"
print("dog in 'dog bites man':", np.round(output[0], 3))
print("dog in 'man bites dog':", np.round(reordered[2], 3))

# Every reordering of the input rows reorders the output rows the same way.
orders = [list(order) for order in itertools.permutations(range(len(X)))]
same = all(
    np.allclose(self_attention(X[order]), output[order]) for order in orders
)
assert same, "each token keeps the same output, reordered like the inputs"
print(f"all {len(orders)} orders: outputs reordered like the inputs, "
      f"nothing else changes: {same}")
