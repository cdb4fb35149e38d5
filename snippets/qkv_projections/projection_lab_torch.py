# Q, K and V as three learned views of the same tokens X, in PyTorch.
import torch

X = torch.tensor([[1.0, 0.0],
                  [0.0, 1.0],
                  [1.0, 1.0]], dtype=torch.float64)
W_q = torch.tensor([[1.0, 0.5], [0.0, 1.0]], dtype=torch.float64)
W_k = torch.tensor([[0.5, 1.0], [1.0, 0.0]], dtype=torch.float64)
W_v = torch.tensor([[1.0, -0.5], [0.5, 1.0]], dtype=torch.float64)

Q, K, V = X @ W_q, X @ W_k, X @ W_v
scores = Q @ K.T / Q.shape[1] ** 0.5
weights = torch.softmax(scores, dim=1)
output = weights @ V                  # mixes the rows of V, not of X

assert not (torch.allclose(Q, K) or torch.allclose(Q, V)
            or torch.allclose(K, V)), "Q, K and V differ"
assert weights[0].argmax() == 2, "token 0's query prefers token 2"

for name, value in [
    ("Q", Q),
    ("K", K),
    ("V", V),
    ("weights", weights),
    ("output", output),
]:
    print(name)
    print(value.numpy().round(3))
