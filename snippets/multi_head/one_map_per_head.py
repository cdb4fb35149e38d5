# W_v and W_o act as one map per head: the layer's output is a constant row
# plus, for each head h, weights_h @ x @ OV_h, where OV_h = W_v,h @ W_o,h.
import torch
from torch import nn

torch.manual_seed(0)
mha = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True,
                            dtype=torch.float64)
start = max(mha.in_proj_bias.abs().max(), mha.out_proj.bias.abs().max())
with torch.no_grad():                  # the module starts its biases at 0;
    mha.in_proj_bias.normal_()         # random ones show where they go
    mha.out_proj.bias.normal_()
x = torch.randn(1, 4, 8, dtype=torch.float64)
E, H, d = mha.embed_dim, mha.num_heads, mha.head_dim

with torch.no_grad():
    output, weights = mha(x, x, x, average_attn_weights=False)
    # Stored like nn.Linear, (out, in); transposed, they act as x @ W
    W_v = mha.in_proj_weight[2 * E:].T          # the third block, (E, E)
    b_v = mha.in_proj_bias[2 * E:]
    W_o, b_o = mha.out_proj.weight.T, mha.out_proj.bias
    r = [slice(h * d, (h + 1) * d) for h in range(H)]   # head h's slice
    OV = [W_v[:, r[h]] @ W_o[r[h], :] for h in range(H)]  # (E, E) each
    # Each weight row sums to 1, so the value bias adds the same row
    # everywhere: b_v @ W_o, next to W_o's own bias.
    constant = b_o + b_v @ W_o
    total = constant + sum(weights[0, h] @ x[0] @ OV[h] for h in range(H))
    # The mistake: the rows of out_proj.weight as stored, not transposed
    wrong = [W_v[:, r[h]] @ mha.out_proj.weight[r[h], :] for h in range(H)]
    untransposed = constant + sum(weights[0, h] @ x[0] @ wrong[h]
                                  for h in range(H))
    ranks = [torch.linalg.matrix_rank(m).item() for m in OV]

gap = (output[0] - total).abs().max().item()
miss = (output[0] - untransposed).abs().max().item()
assert start == 0, "the module starts its biases at 0"
assert gap < 1e-12, "the output is the sum of the heads' terms to 1e-12"
assert all(k <= d < E for k in ranks), "each map has rank at most head_dim"
assert miss > 0.1, "out_proj.weight's rows, untransposed, miss the output"
print("largest bias at creation:", start.item())
for h in range(H):
    print(f"head {h}: map {tuple(OV[h].shape)}, rank {ranks[h]}")
print("output = constant row + the heads' terms, to 1e-12:", gap < 1e-12)
print(f"with out_proj.weight's rows untransposed, off by: {miss:.3f}")
