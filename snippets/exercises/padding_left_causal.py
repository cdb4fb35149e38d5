# Exercise: pad the short sentence on the LEFT (pad, pad, t0, t1, t2) and
# combine the padding mask with a causal mask. Write may_attend(real): the
# (n, n) boolean mask, True where query i may look at key j. Predict too
# which rows have nothing left to attend to.
import torch


def may_attend(real):
    """real: (n,) bool, True for a real token. Return (n, n) bool."""
    n = len(real)
    causal = torch.ones(n, n, dtype=torch.bool).tril()
    return real[None, :] & causal


fully_masked_rows = [0, 1]

# --- check ---
import torch.nn.functional as F

torch.manual_seed(0)
d = 4
short = torch.randn(3, d, dtype=torch.float64)
pad = torch.full((2, d), 7.0, dtype=torch.float64)
x = torch.cat([pad, short])[None]                  # (1, 5, 4)
real = torch.tensor([False, False, True, True, True])
mask = may_attend(real)
assert mask.shape == (5, 5), f"mask shape {tuple(mask.shape)}, expected (5, 5)"
out = F.scaled_dot_product_attention(x, x, x, attn_mask=mask)
alone = F.scaled_dot_product_attention(short[None], short[None], short[None],
                                       is_causal=True)
difference = (out[0, 2:] - alone[0]).abs().max().item()
assert difference < 1e-12, (
    f"your mask gives the real tokens other outputs than the sentence alone "
    f"(off by {difference:.3f}): does a real token see a pad, or its future?")
empty = (~mask.any(dim=-1)).nonzero().flatten().tolist()
assert sorted(fully_masked_rows or []) == empty, (
    "fully_masked_rows: not quite; which queries see only pads?")
assert empty == [0, 1], "rows 0 and 1 are fully masked"
assert difference < 1e-12, "real tokens equal the sentence alone"
print("rows with nothing to attend to:", empty)
print("real tokens vs the sentence alone (causal), equal to 1e-12:",
      difference < 1e-12)
