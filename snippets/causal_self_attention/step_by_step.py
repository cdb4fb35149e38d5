# The shapes of causal self-attention on a batch: one fused projection, the
# heads split by view and transpose, and why reshape alone is not a split.
import torch

torch.manual_seed(0)
B, T, C, n_head = 2, 5, 8, 2             # batch, tokens, model size, heads
d_head = C // n_head
x = torch.randn(B, T, C, dtype=torch.float64)
# W_q, W_k and W_v stacked: one (3C, C) matrix
W_qkv = torch.randn(3 * C, C, dtype=torch.float64) / C**0.5

qkv = x @ W_qkv.T                 # the three projections in one product
q, k, v = qkv.split(C, dim=-1)            # each (B, T, C)
# each token's C features cut into n_head blocks, then heads before tokens
q_heads = q.view(B, T, n_head, d_head).transpose(1, 2)
scores = q_heads @ q_heads.transpose(-2, -1)    # one T x T matrix per head
joined = q_heads.transpose(1, 2).reshape(B, T, C)   # the split undone

for name, t in [("x", x), ("qkv", qkv), ("q", q), ("q_heads", q_heads),
                ("scores", scores), ("joined", joined)]:
    print(f"{name + ':':9} {tuple(t.shape)}")
assert torch.equal(q_heads[:, 1], q[:, :, d_head:2 * d_head]), \
    "head 1 holds the second block of d_head features"
assert torch.equal(joined, q), "joining undoes the split"
print("head 1 holds features:", d_head, "to", 2 * d_head - 1)

# The same shape without the transpose, but not the same numbers: row 0 of
# "head 0" is token 0's first 4 features and row 1 token 0's last 4, so each
# "head" holds parts of several tokens and of both heads.
naive = q.reshape(B, n_head, T, d_head)
mixed = torch.equal(naive[:, 0, 1], q[:, 0, d_head:])
assert mixed and not torch.equal(naive, q_heads), "reshape alone mixes tokens"
print(f"reshape alone, same shape: {naive.shape == q_heads.shape}")
print(f"reshape alone, same heads: {torch.equal(naive, q_heads)}")
print(f"its head 0, row 1 is token 0's features: {d_head} to {C - 1}, {mixed}")
