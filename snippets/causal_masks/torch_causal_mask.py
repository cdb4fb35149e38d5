# The causal mask in PyTorch, two ways, checked against a NumPy computation.
import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(0)
q = torch.randn(1, 4, 8)
k = torch.randn(1, 4, 8)
v = torch.randn(1, 4, 8)

# 1. by hand: fill the future (strictly above the diagonal) with -inf, then softmax
future = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)
scores = q @ k.transpose(-2, -1) / 8**0.5
weights = F.softmax(scores.masked_fill(future, float("-inf")), dim=-1)
by_hand = weights @ v

# 2. PyTorch's fused kernel with is_causal=True
fused = F.scaled_dot_product_attention(q, k, v, is_causal=True)
# ... or with a boolean attn_mask, where True means "may attend": the opposite of masked_fill
with_mask = F.scaled_dot_product_attention(q, k, v, attn_mask=~future)

# 3. NumPy, in float64
qn, kn, vn = (t[0].numpy().astype(np.float64) for t in (q, k, v))
s = qn @ kn.T / np.sqrt(8)
s = np.where(np.tril(np.ones((4, 4), dtype=bool)), s, -np.inf)
e = np.exp(s - s.max(axis=1, keepdims=True))
numpy_out = (e / e.sum(axis=1, keepdims=True)) @ vn

assert torch.allclose(by_hand, fused, atol=1e-6) and torch.allclose(with_mask, fused, atol=1e-6)
assert np.allclose(by_hand[0].numpy(), numpy_out, atol=1e-6)
print("weights")
print(np.round(weights[0].numpy(), 3))
print("masked_fill == is_causal:", torch.allclose(by_hand, fused, atol=1e-6))
print("attn_mask == is_causal:  ", torch.allclose(with_mask, fused, atol=1e-6))
print("PyTorch == NumPy:        ", np.allclose(by_hand[0].numpy(), numpy_out, atol=1e-6))
