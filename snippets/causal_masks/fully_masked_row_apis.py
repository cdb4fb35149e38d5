# A fully masked row in PyTorch. With left padding and a causal mask, position 0 holds a pad
# token and, as a query, may only look at key 0: the pad itself. Its row allows nothing.
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

real = np.array([False, True, True])                  # position 0 is padding
causal = np.tril(np.ones((3, 3), dtype=bool))
allowed = causal & real                               # allowed[i, j]: query i may attend to key j
print("allowed (1 = query may attend to key)")
print(allowed.astype(int))

torch.manual_seed(0)
q, k, v = (torch.randn(1, 3, 4, dtype=torch.float64) for _ in range(3))

# NumPy reference for the rows that keep a visible key (rows 1 and 2)
qn, kn, vn = (t[0].numpy() for t in (q, k, v))
s = np.where(allowed, qn @ kn.T / np.sqrt(4), -np.inf)[1:]
e = np.exp(s - s.max(axis=1, keepdims=True))
reference = (e / e.sum(axis=1, keepdims=True)) @ vn


def additive(blocked, fill, dtype=torch.float64):   # float mask: 0 where allowed, fill where not
    return torch.zeros(blocked.shape, dtype=dtype).masked_fill(blocked, fill)


ok = torch.from_numpy(allowed)
lowest = torch.finfo(torch.float64).min
sdpa_bool = F.scaled_dot_product_attention(q, k, v, attn_mask=ok)[0]
sdpa_inf = F.scaled_dot_product_attention(q, k, v, attn_mask=additive(~ok, -torch.inf))[0]
sdpa_min = F.scaled_dot_product_attention(q, k, v, attn_mask=additive(~ok, lowest))[0]
rows_agree = all(np.allclose(o[1:].numpy(), reference) for o in (sdpa_bool, sdpa_inf, sdpa_min))
min_is_mean = torch.allclose(sdpa_min[0], v[0].mean(dim=0))   # uniform weights over all 3 keys
assert rows_agree and min_is_mean
assert torch.all(sdpa_bool[0] == 0) and torch.all(sdpa_inf[0] == 0)
print("scaled_dot_product_attention, rows 1 and 2 equal NumPy:", rows_agree)
print("scaled_dot_product_attention, row 0, boolean mask:   ", sdpa_bool[0].numpy().round(3))
print("scaled_dot_product_attention, row 0, -inf float mask:", sdpa_inf[0].numpy().round(3))
print("scaled_dot_product_attention, row 0, finfo.min float mask, is the mean of all values:",
      min_is_mean)

# nn.MultiheadAttention: in its attn_mask, True means "blocked" (the opposite of SDPA)
x = torch.randn(1, 3, 4)
mha = nn.MultiheadAttention(embed_dim=4, num_heads=2, batch_first=True)
blocked = ~ok                                         # causal and padding masks in one attn_mask
bool_out = mha(x, x, x, attn_mask=blocked)[0][0].detach()
float_out = mha(x, x, x, attn_mask=additive(blocked, -torch.inf, torch.float32))[0][0].detach()
sdpa_path = mha(x, x, x, attn_mask=blocked, need_weights=False)[0][0].detach()
mha.eval()
with torch.no_grad():   # eval mode without gradients: the module's inference fast path
    fast_path = mha(x, x, x, attn_mask=blocked, need_weights=False)[0][0]
assert torch.isnan(bool_out[0]).all() and torch.isnan(float_out[0]).all()
assert not torch.isnan(bool_out[1:]).any() and not torch.isnan(float_out[1:]).any()
assert torch.equal(sdpa_path[0], mha.out_proj.bias)   # attention gives 0, then the bias (0)
assert torch.isnan(fast_path[0]).all()
print("MultiheadAttention, row 0, boolean mask:      ", bool_out[0].numpy().round(3))
print("MultiheadAttention, row 0, -inf float mask:   ", float_out[0].numpy().round(3))
print("MultiheadAttention, row 0, need_weights=False:", sdpa_path[0].numpy().round(3))
print("same, after .eval() under torch.no_grad():    ", fast_path[0].numpy().round(3))
