# Self-attention has no sense of order: shuffle the input tokens and the
# outputs come out shuffled the same way, each one unchanged.
import numpy as np


def self_attention(X):
    """softmax(X X^T / sqrt(d)) X, with Q = K = V = X."""
    scores = X @ X.T / np.sqrt(X.shape[1])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = e / e.sum(axis=1, keepdims=True)
    return weights @ X, weights


X = np.array([[1.0, 0.5, 0.2],    # t0
              [0.8, 1.2, 0.3],    # t1
              [0.6, 0.9, 1.1],    # t2
              [1.1, 0.4, 0.7],    # t3
              [0.9, 0.7, 0.8]])   # t4
order = [2, 0, 4, 1, 3]           # the shuffled sentence reads t2 t0 t4 t1 t3

output, weights = self_attention(X)
shuffled_output, shuffled_weights = self_attention(X[order])

print("output for t0 ... t4")
print(np.round(output, 3))
print("output for the shuffled input t2 t0 t4 t1 t3")
print(np.round(shuffled_output, 3))

# Which token of the first run has the row the shuffled run lists first?
names = ["t0", "t1", "t2", "t3", "t4"]
first = [name for name, row in zip(names, output)
         if np.abs(row - shuffled_output[0]).max() < 1e-15]
assert first == [names[order[0]]], "the shuffled run's first row is t2's"
print("first row of the shuffled run is the row of:", first[0])

# The same rows, in the shuffled order: f(PX) = P f(X) for a permutation P.
out_diff = np.abs(shuffled_output - output[order]).max()
# The weights move with their tokens too: rows and columns both shuffled.
w_diff = np.abs(shuffled_weights - weights[np.ix_(order, order)]).max()
assert out_diff < 1e-15, "outputs reordered with the tokens"
assert w_diff < 1e-15, "weights reordered with the tokens"
print(f"outputs, largest abs difference after reordering: {out_diff:.1e}")
print(f"weights, largest abs difference after reordering: {w_diff:.1e}")
