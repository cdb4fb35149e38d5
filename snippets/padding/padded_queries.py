# The padded positions are queries too. What do their rows of output hold?
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
d, heads = 4, 2
long = torch.randn(5, d, dtype=torch.float64)
short = torch.randn(3, d, dtype=torch.float64)
pad = torch.full((2, d), 7.0, dtype=torch.float64)
batch = torch.stack([long, torch.cat([short, pad])])  # (2, 5, 4)
real = torch.tensor([[True, True, True, True, True],
                     [True, True, True, False, False]])  # True = a real token
mha = nn.MultiheadAttention(d, heads, batch_first=True, dtype=torch.float64)
with torch.no_grad():
    mha.out_proj.bias.normal_()   # a trained layer has a non-zero output bias

    # 1. Mask only the padded keys (the usual case): padded queries see the
    # real keys.
    out, _ = mha(batch, batch, batch, key_padding_mask=~real)
    assert torch.isfinite(out).all()

    # 2. Mask padded queries as well: a padded query may attend to nothing.
    # (2, 5, 5), True = may attend
    may_attend = real[:, :, None] & real[:, None, :]
    sdpa = F.scaled_dot_product_attention(
        batch, batch, batch, attn_mask=may_attend
    )
    # nn.MultiheadAttention wants True = masked, one (5, 5) mask per sentence
    # and head: (2 * heads, 5, 5)
    masked = (~may_attend).repeat_interleave(heads, dim=0)
    # a new module is in training mode (dropout is 0 here, so nothing is
    # random)
    mha_out, mha_weights = mha(batch, batch, batch, attn_mask=masked)
    fast_out, _ = mha(
        batch, batch, batch, attn_mask=masked, need_weights=False
    )
    # in evaluation mode, without gradients, a self-attention call takes the
    # fast path
    mha.eval()
    eval_out, _ = mha(
        batch, batch, batch, attn_mask=masked, need_weights=False
    )

print("key mask only, padded query rows are finite:",
      bool(torch.isfinite(out[1, 3:]).all()))
sdpa_zeros = bool(torch.all(sdpa[1, 3:] == 0))
mha_nan = bool(torch.isnan(mha_out[1, 3:]).all()
               and torch.isnan(mha_weights[1, 3:]).all())
fast_bias = torch.equal(
    fast_out[1, 3:], mha.out_proj.bias.detach().expand(2, d)
)
eval_nan = bool(torch.isnan(eval_out[1, 3:]).all())
assert sdpa_zeros, "SDPA: zeros"
assert mha_nan, "need_weights=True: nan"
assert fast_bias, "need_weights=False: out_proj.bias"
assert eval_nan, "after mha.eval(): nan"
print("fully masked rows in sentence "
      "2:", int((~may_attend[1].any(dim=-1)).sum()))
print("  F.scaled_dot_product_attention, all zeros:", sdpa_zeros)
print("  nn.MultiheadAttention, need_weights=True, all nan:", mha_nan)
print("  nn.MultiheadAttention, need_weights=False, out_proj.bias:", fast_bias)
print("  nn.MultiheadAttention, need_weights=False, after mha.eval(), all "
      "nan:", eval_nan)

# The real tokens' rows are the same in every variant (to 1e-12).
same = all(torch.allclose(v[:, :3], out[:, :3], atol=1e-12, rtol=0)
           for v in (mha_out, fast_out, eval_out))
assert same, "real tokens the same in all four calls"
print("real tokens' outputs the same in all four module calls:", same)
