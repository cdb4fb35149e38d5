# A fully masked row's output is meaningless, so its loss is left out. Is that
# enough? Same example: left padding plus a causal mask, position 0 is a pad
# that may see nothing.
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

real = np.array([False, True, True])                  # position 0 is padding
causal = np.tril(np.ones((3, 3), dtype=bool))
allowed = causal & real                               # row 0 allows nothing

torch.manual_seed(0)
x = torch.randn(1, 3, 4)
mha = nn.MultiheadAttention(embed_dim=4, num_heads=2, batch_first=True)
# causal and padding masks in one attn_mask, True = blocked
blocked = torch.from_numpy(~allowed)


def gradient_has_nan(out):   # a loss on the real positions only (rows 1 and 2)
    mha.zero_grad()
    out[0, 1:].sum().backward()
    return torch.isnan(mha.in_proj_weight.grad).any().item()


out = mha(x, x, x, attn_mask=blocked)[0]
mha_nan = gradient_has_nan(out)
# one SGD step
stepped = (mha.in_proj_weight - 0.1 * mha.in_proj_weight.grad).detach()
weights_nan = torch.isnan(stepped).any().item()

q, k, v = (x.clone().requires_grad_() for _ in range(3))
out_sdpa = F.scaled_dot_product_attention(
    q, k, v, attn_mask=torch.from_numpy(allowed))
out_sdpa[0, 1:].sum().backward()
sdpa_nan = any(torch.isnan(t.grad).any().item() for t in (q, k, v))

# The fix: give every query a key it may see (here the pad query sees itself:
# row 0 now allows key 0), then ignore it
fixed = torch.from_numpy(~(allowed | np.diag(~real)))
fixed_out = mha(x, x, x, attn_mask=fixed)[0]
same_rows = torch.allclose(fixed_out[0, 1:], out[0, 1:])
fixed_nan = gradient_has_nan(fixed_out)

assert mha_nan and weights_nan, (
    "MultiheadAttention: NaN in the gradients and in the stepped weights")
assert not sdpa_nan, "scaled_dot_product_attention: no NaN in the gradients"
assert same_rows and not fixed_nan, "the fix: other rows unchanged, no NaN"
print("MultiheadAttention, NaN in the gradients:", mha_nan)
print("MultiheadAttention, NaN in the weights after one SGD "
      "step:", weights_nan)
print("scaled_dot_product_attention, NaN in the gradients:", sdpa_nan)
print("pad query may see itself: rows 1 and 2 unchanged:", same_rows)
print("pad query may see itself: NaN in the gradients:", fixed_nan)
