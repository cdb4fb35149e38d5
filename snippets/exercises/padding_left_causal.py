# Exercise: pad the short sentence on the LEFT and add a causal mask. Which rows have
# nothing left to attend to, what does each API put there, and are the real tokens
# still right?
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
d = 4
short = torch.randn(3, d, dtype=torch.float64)
pad = torch.full((2, d), 7.0, dtype=torch.float64)
x = torch.cat([pad, short])[None]                  # (1, 5, 4): pad pad t1 t2 t3
real = torch.tensor([False, False, True, True, True])
causal = torch.ones(5, 5, dtype=torch.bool).tril()
may_attend = real[None, :] & causal                # padding and causal, True = may attend

out = F.scaled_dot_product_attention(x, x, x, attn_mask=may_attend)
alone = F.scaled_dot_product_attention(short[None], short[None], short[None],
                                       is_causal=True)

empty_rows = (~may_attend.any(dim=-1)).nonzero().flatten().tolist()
assert empty_rows == [0, 1], "rows 0 and 1 are fully masked"
zeros = bool(torch.all(out[0, :2] == 0))
assert zeros, "SDPA puts zeros there"
difference = (out[0, 2:] - alone[0]).abs().max().item()
assert difference < 1e-12, "real tokens equal the sentence alone"
print("rows with nothing to attend to:", empty_rows)
print("F.scaled_dot_product_attention, their output is all zeros:", zeros)
print("real tokens vs the sentence alone (causal),")
print(f"max abs difference: {difference:.1e}")

# nn.MultiheadAttention with the same mask (True = may NOT attend), need_weights=True
mha = nn.MultiheadAttention(d, num_heads=1, batch_first=True, dtype=torch.float64)
with torch.no_grad():
    mha_out, _ = mha(x, x, x, attn_mask=~may_attend)
nan_rows = bool(torch.isnan(mha_out[0, :2]).all())
assert nan_rows, "MultiheadAttention puts nan there"
assert torch.isfinite(mha_out[0, 2:]).all(), "the real rows are finite"
print("nn.MultiheadAttention, the same rows are nan:", nan_rows)
