# Scaled dot-product attention on three 2-d tokens, with Q = K = V = X, in
# PyTorch.
import torch

X = torch.tensor([[1.0, 0.0],   # token 0
                  [0.0, 1.0],   # token 1
                  [1.0, 1.0]],  # token 2
                 dtype=torch.float64)
Q, K, V = X, X, X
d_k = K.shape[1]

scores = Q @ K.T                        # (3, 3): query i against key j
scaled = scores / d_k**0.5              # scale by 1/sqrt(d_k)
weights = torch.softmax(scaled, dim=1)  # over the keys: each row sums to 1
# each row: a weighted average of the value rows
output = weights @ V

# torch.softmax is computed safely: scores 1000 higher give the same weights,
# no overflow
assert torch.allclose(torch.softmax(scaled + 1000, dim=1), weights)

assert torch.allclose(weights.sum(dim=1), torch.ones(3, dtype=torch.float64))
assert scores[2].argmax() == 2, "token 2 scores highest against itself"
assert weights[2, 2] == weights.max(), "its own weight is the largest"
# token 0 matches itself and token 2 equally well, token 1 not at all
assert scores[0, 0] == scores[0, 2], "matches itself and token 2 equally"
assert scores[0, 1] == 0, "matches token 1 not at all"

print("X")
print(X.numpy().round(3))
print("scores")
print(scores.numpy().round(3))
print("weights")
print(weights.numpy().round(3))
print("output")
print(output.numpy().round(3))
