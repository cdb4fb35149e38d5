# Causal self-attention on a batch, one step at a time, with every shape:
# one fused projection, the heads split, scores, the mask, softmax, the heads
# joined again and the output projection.
import torch

torch.manual_seed(0)
B, T, C, n_head = 2, 5, 8, 2             # batch, tokens, model size, heads
d_head = C // n_head
x = torch.randn(B, T, C, dtype=torch.float64)
# W_q, W_k and W_v stacked: one (3C, C) matrix
W_qkv = torch.randn(3 * C, C, dtype=torch.float64) / C**0.5
W_o = torch.randn(C, C, dtype=torch.float64) / C**0.5

qkv = x @ W_qkv.T                 # the three projections in one product
q, k, v = qkv.split(C, dim=-1)            # each (B, T, C)
# split the C features into n_head heads of d_head, then put heads before T
q_heads = q.view(B, T, n_head, d_head).transpose(1, 2)
k_heads = k.view(B, T, n_head, d_head).transpose(1, 2)
v_heads = v.view(B, T, n_head, d_head).transpose(1, 2)
scores = q_heads @ k_heads.transpose(-2, -1) / d_head**0.5
future = torch.ones(T, T, dtype=torch.bool).triu(diagonal=1)
weights = scores.masked_fill(future, float("-inf")).softmax(dim=-1)
heads = weights @ v_heads                 # one output per head
joined = heads.transpose(1, 2).reshape(B, T, C)   # heads side by side again
out = joined @ W_o.T

for name, t in [("x", x), ("qkv", qkv), ("q", q), ("q_heads", q_heads),
                ("scores", scores), ("weights", weights), ("per head", heads),
                ("joined", joined), ("out", out)]:
    print(f"{name + ':':9} {tuple(t.shape)}")
# head h of the split holds features h * d_head .. (h + 1) * d_head - 1
assert torch.equal(q_heads[:, 1], q[:, :, d_head:2 * d_head]), \
    "head 1 holds the second block of d_head features"
assert torch.equal(joined[:, :, d_head:2 * d_head], heads[:, 1]), \
    "joining puts head 1 back in the same features"
assert (weights[..., future] == 0).all(), "no weight on a later token"
print("head 1 holds features:", d_head, "to", 2 * d_head - 1)
print("weight on later tokens:", weights[..., future].abs().max().item())
