# The padded positions are queries too. What do their rows of output hold?
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
d, heads = 4, 2
long = torch.randn(5, d, dtype=torch.float64)
short = torch.randn(3, d, dtype=torch.float64)
pad = torch.full((2, d), 7.0, dtype=torch.float64)
batch = torch.stack([long, torch.cat([short, pad])])     # (2, 5, 4)
real = torch.tensor([[True, True, True, True, True],
                     [True, True, True, False, False]])  # True = a real token
mha = nn.MultiheadAttention(d, heads, batch_first=True, dtype=torch.float64)
with torch.no_grad():
    mha.out_proj.bias.normal_()       # a trained layer has a non-zero output bias

    # 1. Mask only the padded keys (the usual case): padded queries still see the real keys.
    out, _ = mha(batch, batch, batch, key_padding_mask=~real)
    assert torch.isfinite(out).all()
    print("key mask only, padded query rows are finite:", bool(torch.isfinite(out[1, 3:]).all()))

    # 2. Mask padded queries as well: a padded query may attend to nothing, its row is all masked.
    may_attend = real[:, :, None] & real[:, None, :]                   # (2, 5, 5), True = may attend
    sdpa = F.scaled_dot_product_attention(batch, batch, batch, attn_mask=may_attend)
    not_allowed = (~may_attend).repeat_interleave(heads, dim=0)        # (2 * heads, 5, 5), True = masked
    mha_out, mha_weights = mha(batch, batch, batch, attn_mask=not_allowed)        # need_weights=True
    fast_out, _ = mha(batch, batch, batch, attn_mask=not_allowed, need_weights=False)

assert torch.all(sdpa[1, 3:] == 0)
assert torch.isnan(mha_out[1, 3:]).all() and torch.isnan(mha_weights[1, 3:]).all()
assert torch.equal(fast_out[1, 3:], mha.out_proj.bias.detach().expand(2, d))
print("fully masked rows, F.scaled_dot_product_attention: all zeros:", bool(torch.all(sdpa[1, 3:] == 0)))
print("fully masked rows, nn.MultiheadAttention (need_weights=True): all nan:",
      bool(torch.isnan(mha_out[1, 3:]).all()))
print("fully masked rows, nn.MultiheadAttention (need_weights=False): zeros, then out_proj,",
      "so out_proj.bias:", torch.equal(fast_out[1, 3:], mha.out_proj.bias.expand(2, d)))

# The real tokens' rows are the same in every variant (to 1e-12).
same = all(torch.allclose(v[:, :3], out[:, :3], atol=1e-12, rtol=0) for v in (mha_out, fast_out))
assert same
print("real tokens' outputs the same in all three module calls:", same)
