# The causal mask in PyTorch, two ways, checked against a NumPy computation.
import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(0)
# float64, to compare the implementations closely
q = torch.randn(1, 4, 8, dtype=torch.float64)
k = torch.randn(1, 4, 8, dtype=torch.float64)
v = torch.randn(1, 4, 8, dtype=torch.float64)

# 1. by hand: fill the future (strictly above the diagonal) with -inf, then
# softmax
future = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)
scores = q @ k.transpose(-2, -1) / 8**0.5
weights = F.softmax(scores.masked_fill(future, float("-inf")), dim=-1)
by_hand = weights @ v

# 2. PyTorch's fused kernel with is_causal=True
fused = F.scaled_dot_product_attention(q, k, v, is_causal=True)
# ... or with a boolean attn_mask, where True means "may attend": the opposite
# of masked_fill
with_mask = F.scaled_dot_product_attention(q, k, v, attn_mask=~future)

# 3. NumPy, in float64
qn, kn, vn = (t[0].numpy() for t in (q, k, v))
s = qn @ kn.T / np.sqrt(8)
s = np.where(np.tril(np.ones((4, 4), dtype=bool)), s, -np.inf)
e = np.exp(s - s.max(axis=1, keepdims=True))
numpy_out = (e / e.sum(axis=1, keepdims=True)) @ vn

gaps = {"masked_fill == is_causal:": (by_hand - fused).abs().max().item(),
        "attn_mask == is_causal:  ": (with_mask - fused).abs().max().item(),
        "PyTorch == NumPy:        ":
            np.abs(by_hand[0].numpy() - numpy_out).max()}
agree = {name: gap < 1e-12 for name, gap in gaps.items()}
assert all(agree.values()), "all four agree"
assert torch.all(weights[0][future] == 0), "no weight on the future"
print("weights")
print(np.round(weights[0].numpy(), 3))
print("outputs equal to 1e-12:")
for name, ok in agree.items():
    print(f"  {name} {ok}")
