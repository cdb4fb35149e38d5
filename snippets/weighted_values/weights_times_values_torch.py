# The last step of attention, with given weights: Output = weights @ V.
import torch

# row i: how position i spreads its attention
weights = torch.tensor([[0.5, 0.3, 0.2],    # position 0
                        [0.1, 0.7, 0.2],    # position 1
                        [0.4, 0.3, 0.3]],   # position 2
                       dtype=torch.float64)
V = torch.tensor([[1.0, 2.0],               # value of position 0
                  [3.0, 4.0],               # value of position 1
                  [5.0, 6.0]],              # value of position 2
                 dtype=torch.float64)

# weights: non-negative, each row sums to 1
row_sums = weights.sum(dim=1)
assert torch.all(weights >= 0), "weights are non-negative"
assert torch.allclose(row_sums, torch.ones_like(row_sums)), "rows sum to 1"

# row i: sum over j of weights[i, j] * V[j]
output = weights @ V
print("output")
print(output.numpy().round(3))
