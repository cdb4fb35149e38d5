# Exercise: a batch of prompts padded on the LEFT, given only their lengths.
# Write may_attend(lengths, n): the (batch, n, n) boolean mask, True where
# query i may look at key j: real keys only, none in the future, and each pad
# query sees itself, so that no row is empty. Predict too which rows of the
# shortest prompt would be empty without that last rule.
import torch


def may_attend(lengths, n):
    """lengths: (batch,) int, real tokens per prompt. Return (batch, n, n)."""
    real = torch.arange(n) >= n - lengths[:, None]         # (batch, n)
    causal = torch.ones(n, n, dtype=torch.bool).tril()
    return (causal & real[:, None, :]) | torch.eye(n, dtype=torch.bool)


empty_without_the_pad_rule = [0, 1, 2]

# --- check ---
import torch.nn.functional as F

torch.manual_seed(0)
d, n = 4, 5
lengths = torch.tensor([5, 3, 2])
prompts = [torch.randn(int(k), d, dtype=torch.float64) for k in lengths]
pad = torch.full((d,), 7.0, dtype=torch.float64)
x = torch.stack([torch.cat([pad.expand(n - len(p), d), p]) for p in prompts])
mask = may_attend(lengths, n)
assert mask.shape == (3, n, n), (
    f"mask shape {tuple(mask.shape)}, expected (3, {n}, {n})")
assert mask.any(dim=-1).all(), "a row of your mask is empty: a pad sees itself"
out = F.scaled_dot_product_attention(x, x, x, attn_mask=mask)
worst = 0.0
for b, p in enumerate(prompts):
    alone = F.scaled_dot_product_attention(p, p, p, is_causal=True)
    worst = max(worst, (out[b, n - len(p):] - alone).abs().max().item())
assert worst < 1e-12, (
    f"your mask gives real tokens other outputs than their prompt alone (off "
    f"by {worst:.3f}): does a real token see a pad, or its future?")
shortest = int(lengths.argmin())
real = torch.zeros(n, dtype=torch.bool)
real[n - int(lengths[shortest]):] = True
without = torch.ones(n, n, dtype=torch.bool).tril() & real
empty = (~without.any(dim=-1)).nonzero().flatten().tolist()
assert sorted(empty_without_the_pad_rule or []) == empty, (
    "empty_without_the_pad_rule: not quite; which queries see only pads?")
assert empty == [0, 1, 2], "rows 0 to 2 of the shortest would be empty"
assert worst < 1e-12, "real tokens equal each prompt alone"
print("shortest prompt, rows empty without the pad rule:", empty)
print("real tokens vs each prompt alone (causal), equal to 1e-12:",
      worst < 1e-12)
