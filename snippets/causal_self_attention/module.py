# Causal self-attention as a module: write forward(). __init__ gives the two
# layers the check reads: qkv (W_q, W_k and W_v in one nn.Linear) and proj
# (W_o).
import torch
import torch.nn as nn


class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention: (B, T, C) -> (B, T, C)."""

    def __init__(self, d_model, n_head):
        super().__init__()
        self.n_head = n_head
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)

    def forward(self, x):
        B, T, C = x.shape
        d_head = C // self.n_head
        q, k, v = self.qkv(x).split(C, dim=-1)
        q, k, v = (t.view(B, T, self.n_head, d_head).transpose(1, 2)
                   for t in (q, k, v))
        scores = q @ k.transpose(-2, -1) / d_head**0.5
        future = torch.ones(T, T, dtype=torch.bool).triu(diagonal=1)
        weights = scores.masked_fill(future, float("-inf")).softmax(dim=-1)
        return self.proj((weights @ v).transpose(1, 2).reshape(B, T, C))


# --- check ---
import numpy as np
import torch.nn.functional as F

torch.manual_seed(0)
B, T, C, H = 2, 5, 8, 2
x = torch.randn(B, T, C, dtype=torch.float64)


def made(n_head):
    module = CausalSelfAttention(C, n_head).double()
    torch.manual_seed(1)                  # the same weights for every n_head
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) / C**0.5)
    return module


def reference(module, n_head, divisor=None, causal=True, dim=-1):
    """The same layer written with F.linear, with one mistake or none; the
    scores are divided by divisor, sqrt(d_head) unless it is given."""
    q, k, v = F.linear(x, module.qkv.weight, module.qkv.bias).split(C, -1)
    q, k, v = (t.unflatten(-1, (n_head, C // n_head)).transpose(1, 2)
               for t in (q, k, v))
    s = q @ k.transpose(-2, -1) / (divisor or (C // n_head) ** 0.5)
    if causal:
        s = s.masked_fill(torch.ones(T, T).triu(1).bool(), float("-inf"))
    y = (s.softmax(dim) @ v).transpose(1, 2).flatten(2)
    return F.linear(y, module.proj.weight, module.proj.bias)


mine = made(H)
with torch.no_grad():
    out = mine(x)
    assert tuple(out.shape) == (B, T, C), (
        f"output shape {tuple(out.shape)}, expected {(B, T, C)}")
    if not torch.allclose(out, reference(mine, H), atol=1e-12):
        one_head = made(1)
        bumped = x.clone()
        # a new last token
        bumped[:, -1] = torch.randn(B, C, dtype=torch.float64)
        leaks = not torch.allclose(mine(bumped)[:, :-1], out[:, :-1])
        if not torch.isfinite(out).all():
            hint = ("nan in the output: a query with every key masked (may "
                    "a token see itself?), or a softmax over an axis that "
                    "holds only -inf (the keys are dim=-1; dim=1: the heads)")
        elif torch.allclose(out, reference(mine, H, divisor=C**0.5),
                            atol=1e-12):
            hint = ("the scores are divided by sqrt(C), all the features; "
                    "each head's scores are divided by sqrt(d_head), its own")
        elif torch.allclose(out, reference(mine, H, divisor=1), atol=1e-12):
            hint = "the scores are not divided by sqrt(d_head)"
        elif torch.allclose(one_head(x), reference(one_head, 1), atol=1e-12):
            hint = ("right with one head, wrong with two: split C into "
                    "heads with view(B, T, n_head, d_head), then "
                    "transpose(1, 2), and join them back the opposite way")
        elif torch.allclose(out, reference(mine, H, dim=-2), atol=1e-12):
            hint = ("softmax over the queries (dim=-2): each key's "
                    "column sums to 1")
        elif leaks:
            hint = ("earlier outputs change when the last token changes: the "
                    "causal mask is missing, the wrong way round, or filled "
                    "with 0 instead of -inf")
        else:
            gap = (out - reference(mine, H)).abs().max().item()
            hint = f"the outputs differ by up to {gap:.3g}"
        raise AssertionError(f"CausalSelfAttention: {hint}")

    # 1. nn.MultiheadAttention with the same weights and a causal mask
    mha = nn.MultiheadAttention(C, H, batch_first=True, dtype=torch.float64)
    mha.in_proj_weight.copy_(mine.qkv.weight)
    mha.in_proj_bias.copy_(mine.qkv.bias)
    mha.out_proj.weight.copy_(mine.proj.weight)
    mha.out_proj.bias.copy_(mine.proj.bias)
    future = torch.ones(T, T, dtype=torch.bool).triu(diagonal=1)
    by_mha = mha(x, x, x, attn_mask=future, need_weights=False)[0]
    # 2. the same projections and F.scaled_dot_product_attention
    q, k, v = (t.unflatten(-1, (H, C // H)).transpose(1, 2)
               for t in mine.qkv(x).split(C, -1))
    y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    by_sdpa = mine.proj(y.transpose(1, 2).flatten(2))
    # 3. one head, no projections: the five-token walk-through, masked by hand
    X = np.array([[1.0, 0.5, 0.2], [0.8, 1.2, 0.3], [0.6, 0.9, 1.1],
                  [1.1, 0.4, 0.7], [0.9, 0.7, 0.8]])
    plain = CausalSelfAttention(3, 1).double()
    plain.qkv.weight.copy_(torch.eye(3).repeat(3, 1))
    plain.proj.weight.copy_(torch.eye(3))
    plain.qkv.bias.zero_()
    plain.proj.bias.zero_()
    s = np.where(np.tril(np.ones((5, 5))) == 1, X @ X.T / np.sqrt(3), -np.inf)
    w = np.exp(s - s.max(axis=1, keepdims=True))
    by_hand = (w / w.sum(axis=1, keepdims=True)) @ X
    yours = plain(torch.from_numpy(X)[None])[0].numpy()

gaps = {"nn.MultiheadAttention": (out - by_mha).abs().max().item(),
        "F.scaled_dot_product_attention": (out - by_sdpa).abs().max().item(),
        "by hand, five-token walk-through": np.abs(yours - by_hand).max()}
for name, gap in gaps.items():
    print(f"largest difference from {name + ':':34} {gap:.1e}")
assert gaps["nn.MultiheadAttention"] < 1e-12, "equal to nn.MultiheadAttention"
assert gaps["F.scaled_dot_product_attention"] < 1e-12, "equal to SDPA"
assert gaps["by hand, five-token walk-through"] < 1e-12, "equal by hand"
print("token 0 of the walk-through, alone with itself:", yours[0].round(3))
