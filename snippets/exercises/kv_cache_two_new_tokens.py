# Exercise: 3 tokens are cached and 2 new tokens arrive at once. Which mask gives the rows that
# full causal attention over all 5 tokens would give?
import torch
import torch.nn.functional as F
from torch.nn.attention.bias import causal_lower_right

torch.manual_seed(0)
cached, new, d = 3, 2, 8
S = cached + new
q_all = torch.randn(1, 1, S, d, dtype=torch.float64)
k = torch.randn(1, 1, S, d, dtype=torch.float64)    # cache + the 2 new keys, newest last
v = torch.randn(1, 1, S, d, dtype=torch.float64)
q = q_all[:, :, cached:]                            # only the 2 new queries

# the right answer, by hand: full causal attention over all 5 tokens, keep the last 2 rows
scores = q_all @ k.transpose(-2, -1) / d**0.5
future = torch.triu(torch.ones(S, S, dtype=torch.bool), diagonal=1)
right = (torch.softmax(scores.masked_fill(future, float("-inf")), dim=-1) @ v)[:, :, cached:]
print(f"cached tokens: {cached}, new tokens: {new}")
bottom_right = torch.ones(new, S, dtype=torch.bool).tril(diagonal=S - new)
print("bottom-right mask:", bottom_right.int().tolist())
candidates = {
    "is_causal=True": F.scaled_dot_product_attention(q, k, v, is_causal=True),
    "is_causal=False": F.scaled_dot_product_attention(q, k, v),
    "bottom-right mask": F.scaled_dot_product_attention(q, k, v, attn_mask=bottom_right),
    "causal_lower_right": F.scaled_dot_product_attention(q, k, v,
                                                         attn_mask=causal_lower_right(new, S)),
}
for name, out in candidates.items():
    error = (out - right).abs().max().item()
    print(f"{name:<18}  max abs error {error:.3f}")
    assert (error <= 1e-12) == (name in ("bottom-right mask",
                                         "causal_lower_right")), \
        "only the bottom-right masks match"
