# The complete mechanism as one function, checked on a batch of 5 tokens of size 64.
import torch
import torch.nn.functional as F


def attention(Q, K, V):
    """Scaled dot-product attention. Q, K: (..., n, d_k); V: (..., n, d_v)."""
    d_k = Q.size(-1)
    scores = Q @ K.transpose(-2, -1) / d_k**0.5   # (..., n, n)
    weights = F.softmax(scores, dim=-1)           # each row sums to 1
    return weights @ V, weights                   # (..., n, d_v), (..., n, n)


torch.manual_seed(0)
Q = torch.randn(1, 5, 64)   # (batch, tokens, features)
K = torch.randn(1, 5, 64)
V = torch.randn(1, 5, 64)

output, weights = attention(Q, K, V)
print("Q:      ", tuple(Q.shape))
print("K:      ", tuple(K.shape))
print("V:      ", tuple(V.shape))
print("output: ", tuple(output.shape))
print("weights:", tuple(weights.shape))
print("rows sum to 1:", torch.allclose(weights.sum(dim=-1), torch.ones(1, 5)))

# PyTorch ships the same computation; both must agree.
reference = F.scaled_dot_product_attention(Q, K, V)
assert torch.allclose(output, reference, atol=1e-6)
print("matches F.scaled_dot_product_attention:", torch.allclose(output, reference, atol=1e-6))
