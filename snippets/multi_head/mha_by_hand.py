# Rebuild nn.MultiheadAttention's output by hand from its own parameters:
# project, split into heads, attend per head, concatenate, project out.
import torch
from torch import nn

torch.manual_seed(42)
mha = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
x = torch.randn(1, 4, 8)
batch, n, embed = x.shape
heads, head_dim = mha.num_heads, mha.head_dim

with torch.no_grad():
    output, weights = mha(x, x, x, average_attn_weights=False)

    # Stored like nn.Linear: shape (out, in), applied as x @ W.T + b
    # each (8, 8), stacked in one matrix
    W_q, W_k, W_v = mha.in_proj_weight.chunk(3)
    b_q, b_k, b_v = mha.in_proj_bias.chunk(3)
    Q, K, V = x @ W_q.T + b_q, x @ W_k.T + b_k, x @ W_v.T + b_v

    def split(t):   # (batch, n, embed) -> (batch, heads, n, head_dim)
        return t.view(batch, n, heads, head_dim).transpose(1, 2)

    Qh, Kh, Vh = split(Q), split(K), split(V)
    my_weights = torch.softmax(
        Qh @ Kh.transpose(-2, -1) / head_dim**0.5, dim=-1
    )
    per_head = my_weights @ Vh                                   # (1, 2, 4, 4)
    # heads side by side
    concat = per_head.transpose(1, 2).reshape(batch, n, embed)
    my_output = concat @ mha.out_proj.weight.T + mha.out_proj.bias

    # Head h projects with its own block of rows of W_q, W_k, W_v (and of their
    # biases)
    rows = [slice(h * head_dim, (h + 1) * head_dim) for h in range(heads)]
    own_rows = all(
        torch.allclose(split_t[:, h], x @ W[r].T + b[r])
        for split_t, W, b in [(Qh, W_q, b_q), (Kh, W_k, b_k), (Vh, W_v, b_v)]
        for h, r in enumerate(rows)
    )

head_gap = (my_weights[0, 0] - my_weights[0, 1]).abs().max().item()
# largest difference
weights_match = (my_weights - weights).abs().max().item() < 1e-6
output_match = (my_output - output).abs().max().item() < 1e-6
assert weights_match, "weights match the module"
assert output_match, "output matches the module"
assert own_rows, "a head's split is the same as projecting with its own rows"
assert head_gap > 0.1, "the heads' weights differ by more than 0.1"
print("in_proj_weight:", tuple(mha.in_proj_weight.shape),
      "(W_q, W_k, W_v stacked)")
print("Q, K, V:       ", tuple(Q.shape))
print("split in heads:", tuple(Qh.shape))
print("per-head out:  ", tuple(per_head.shape))
print("concatenated:  ", tuple(concat.shape))
print("output:        ", tuple(my_output.shape))
print("weights match the module to 1e-6:", weights_match)
print("output matches the module to 1e-6:", output_match)
print("each head uses only its own rows of W_q, W_k, W_v:", own_rows)
for h in range(heads):
    print(f"head {h} weights")
    print(my_weights[0, h].numpy().round(3))
print(f"largest difference between the heads' weights: {head_gap:.3f}")
