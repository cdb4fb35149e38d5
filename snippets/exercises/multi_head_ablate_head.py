# Exercise: ablate one head. Write without_head(mha, x, h): the output of
# self-attention on x through the nn.MultiheadAttention `mha`, computed from
# its own weights, with head h's attention output set to zero before the
# output projection. The rest of the module runs as usual.
import torch
import torch.nn.functional as F


def without_head(mha, x, h):
    """x: (batch, n, embed), batch_first. Return (batch, n, embed)."""
    H = mha.num_heads
    q, k, v = F.linear(x, mha.in_proj_weight, mha.in_proj_bias).chunk(3, -1)

    def split(t):                       # (batch, n, embed) -> (batch, H, n, d)
        return t.unflatten(-1, (H, -1)).transpose(1, 2)

    heads = F.scaled_dot_product_attention(split(q), split(k), split(v))
    heads[:, h] = 0.0
    return mha.out_proj(heads.transpose(1, 2).flatten(-2))


# --- check ---
import copy

from torch import nn

torch.manual_seed(0)
x = torch.randn(2, 5, 8, dtype=torch.float64)
matches = []
for heads in (2, 4):
    mha = nn.MultiheadAttention(8, heads, batch_first=True,
                                dtype=torch.float64)
    with torch.no_grad():
        mha.in_proj_bias.normal_()       # the biases start at zero:
        mha.out_proj.bias.normal_()      # make them count in the check
        full = mha(x, x, x)[0]
        change = []
        for h in range(heads):
            mine = without_head(mha, x, h)
            # the same ablation another way: W_o ignores head h's slice
            ablated = copy.deepcopy(mha)
            d = 8 // heads
            ablated.out_proj.weight[:, h * d:(h + 1) * d] = 0.0
            expected = ablated(x, x, x)[0]
            assert mine.shape == expected.shape, (
                f"shape {tuple(mine.shape)}, expected {tuple(expected.shape)}")
            gap = (mine - expected).abs().max().item()
            assert gap < 1e-12, (
                f"num_heads={heads}, head {h}: your output is off by "
                f"{gap:.3f}")
            change.append(round((full - mine).norm().item(), 2))
            matches.append(gap < 1e-12)
    print(f"num_heads={heads}: removing each head changes the output by "
          f"{change}")
assert all(matches), "the ablation equals zeroing the head's columns of W_o"
print("your ablation equals zeroing the head's columns of W_o:", all(matches))
