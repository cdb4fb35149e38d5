# Each token's new embedding is a weighted average of all value vectors
# (here V = X), in PyTorch.
import torch

X = torch.tensor([[1.0, 0.5, 0.2],
                  [0.8, 1.2, 0.3],
                  [0.6, 0.9, 1.1],
                  [1.1, 0.4, 0.7],
                  [0.9, 0.7, 0.8]], dtype=torch.float64)
V = X

weights = torch.softmax(X @ X.T / X.shape[1] ** 0.5, dim=1)
output = weights @ V                      # (5, 5) @ (5, 3) -> (5, 3)

print("context-aware embeddings, shape", tuple(output.shape))
print(output.numpy().round(3))

print("token 0 = sum of weight x value:")
row = torch.zeros(3, dtype=torch.float64)
for j in range(5):
    row += weights[0, j] * V[j]
    print(f"  {weights[0, j]:.3f} x {V[j].numpy()}")
assert torch.allclose(row, output[0])
print("  =", row.numpy().round(3))
print("token 0 before:", X[0].numpy(), " after:", output[0].numpy().round(3))

# Token 0's third feature: each token j moves it by weight_j x (v_j - x_0),
# third entries.
moves = weights[0] * (V[:, 2] - X[0, 2])
assert torch.isclose(X[0, 2] + moves.sum(), output[0, 2]), (
    "the moves add up to the output's third feature")
assert sorted(torch.argsort(moves)[-3:].tolist()) == [2, 3, 4], (
    "tokens 2, 3 and 4 give the three largest moves")
print("third features of the values:", V[:, 2].numpy())
print("moves of token 0's third feature:", moves.numpy().round(3))
print(f"total rise: {moves.sum().item():.3f}")
