# A causal mask in PyTorch: position i may only attend to positions 0..i.
import torch

scores = torch.tensor([[2.0, 1.0, 0.5],
                       [1.2, 2.1, 0.7],
                       [0.8, 1.3, 2.2]], dtype=torch.float64)
# lower triangle, diagonal included
visible = torch.tril(torch.ones(3, 3, dtype=torch.bool))
# future positions: a huge negative score
masked = scores.masked_fill(~visible, -1e9)
weights = torch.softmax(masked, dim=1)

assert torch.all(weights[~visible] == 0), "no weight on the future"
ones = torch.ones(3, dtype=torch.float64)
assert torch.allclose(weights.sum(dim=1), ones), "rows sum to 1"
print("visible")
print(visible.int().numpy())
print("weights")
print(weights.numpy().round(3))
