# Scaled dot-product attention on three 2-d tokens, with Q = K = V = X.
import numpy as np

X = np.array([[1.0, 0.0],   # token 0
              [0.0, 1.0],   # token 1
              [1.0, 1.0]])  # token 2
Q, K, V = X, X, X
d_k = K.shape[1]

scores = Q @ K.T                      # (3, 3): query i against key j
scaled = scores / np.sqrt(d_k)        # scale by 1/sqrt(d_k)



def softmax(z):
    """Softmax of each row, computed safely."""
    # subtract each row's max: no overflow
    shifted = z - z.max(axis=1, keepdims=True)
    return np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)


weights = softmax(scaled)
# each row: a weighted average of the value rows
output = weights @ V

# safe: scores 1000 higher overflow nothing, same weights
with np.errstate(over="raise"):
    assert np.allclose(softmax(scaled + 1000), weights)

# every query spreads exactly 1 unit of weight
assert np.allclose(weights.sum(axis=1), 1.0)
assert scores[2].argmax() == 2, "token 2 scores highest against itself"
assert weights[2, 2] == weights.max(), "its own weight is the largest"
# token 0 matches itself and token 2 equally well, token 1 not at all
assert scores[0, 0] == scores[0, 2], "matches itself and token 2 equally"
assert scores[0, 1] == 0, "matches token 1 not at all"

print("X")
print(np.round(X, 3))
print("scores")
print(np.round(scores, 3))
print("weights")
print(np.round(weights, 3))
print("output")
print(np.round(output, 3))
