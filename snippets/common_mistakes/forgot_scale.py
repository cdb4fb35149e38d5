# Forgetting 1/sqrt(d_k): with d_k = 512 the raw scores are so spread out that softmax
# saturates, and the gradient that should train Q and K almost vanishes.
import torch

torch.manual_seed(0)
d_k, n_keys, n_queries = 512, 8, 1000
q = torch.randn(n_queries, 1, d_k, dtype=torch.float64)
K = torch.randn(n_queries, n_keys, d_k, dtype=torch.float64)

gradient = {}
for label, scale in [("no scale   ", 1.0), ("1/sqrt(d_k)", d_k**-0.5)]:
    scores = ((q * K).sum(-1) * scale).requires_grad_()
    weights = torch.softmax(scores, dim=-1)
    weights[:, 0].sum().backward()   # how much can the scores move key 0's weight?
    gradient[label] = scores.grad.abs().mean().item()
    print(f"{label}  largest weight {weights.max(-1).values.mean().item():.3f}"
          f"   mean |gradient| {gradient[label]:.4f}")

ratio = gradient["1/sqrt(d_k)"] / gradient["no scale   "]
assert ratio > 10
print(f"the scaled scores get {ratio:.1f} times more gradient")
