# nn.MultiheadAttention as cross-attention: 2 decoder positions with 4 features
# ask 5 encoder tokens with 3 features. kdim and vdim give the size of the keys
# and values; because they differ from embed_dim, the module keeps three
# separate projection matrices. Rebuilt by hand below.
import torch
from torch import nn

torch.manual_seed(0)
# (batch, n_q, embed_dim)
decoder = torch.randn(1, 2, 4, dtype=torch.float64)
encoder = torch.tensor([[[1.0, 0.5, 0.2], [0.8, 1.2, 0.3], [0.6, 0.9, 1.1],
                         [1.1, 0.4, 0.7], [0.9, 0.7, 0.8]]],
                       dtype=torch.float64)               # (batch, n_k, kdim)
mha = nn.MultiheadAttention(embed_dim=4, num_heads=2, kdim=3, vdim=3,
                            batch_first=True, dtype=torch.float64)
for name, p in mha.named_parameters():
    print(f"{name:15} {tuple(p.shape)}")
print("in_proj_weight:", mha.in_proj_weight)
# the usual case, kdim = vdim = embed_dim: one stacked in_proj_weight
usual = nn.MultiheadAttention(embed_dim=4, num_heads=2, batch_first=True)
separate = any(W is not None for W in (usual.q_proj_weight,
                                       usual.k_proj_weight,
                                       usual.v_proj_weight))
print("without kdim and vdim: in_proj_weight",
      tuple(usual.in_proj_weight.shape))
print("  and separate projection matrices:", separate)
assert mha.in_proj_weight is None, "kdim, vdim: no in_proj_weight"
assert not separate, "usual case: no separate matrices"

with torch.no_grad():
    output, weights = mha(
        decoder, encoder, encoder, average_attn_weights=False
    )

    b_q, b_k, b_v = mha.in_proj_bias.chunk(3)
    Q = decoder @ mha.q_proj_weight.T + b_q          # (1, 2, 4)
    # (1, 5, 4): 3 features in, 4 out
    K = encoder @ mha.k_proj_weight.T + b_k
    V = encoder @ mha.v_proj_weight.T + b_v          # (1, 5, 4)

    def split(t):  # (1, n, 4) -> (1, heads, n, head_dim)
        heads = t.view(1, t.shape[1], mha.num_heads, mha.head_dim)
        return heads.transpose(1, 2)

    Qh, Kh, Vh = split(Q), split(K), split(V)
    my_weights = torch.softmax(
        Qh @ Kh.transpose(-2, -1) / mha.head_dim**0.5, dim=-1
    )
    concat = (my_weights @ Vh).transpose(1, 2).reshape(1, 2, 4)
    my_output = concat @ mha.out_proj.weight.T + mha.out_proj.bias

# Equal up to rounding: how far below 1e-15 depends on the CPU's arithmetic
w_diff = (my_weights - weights).abs().max().item()
o_diff = (my_output - output).abs().max().item()
assert w_diff < 1e-15, "weights match the module"
assert o_diff < 1e-15, "output matches the module"
print("per-head weights:", tuple(weights.shape), "(batch, heads, n_q, n_k)")
print("output:", tuple(output.shape))
print("by hand vs module, weights differ by less than 1e-15:", w_diff < 1e-15)
print("by hand vs module, output differs by less than 1e-15:", o_diff < 1e-15)

# Which is which? With kdim=3 and vdim=6, see which sizes of key and value
# the module takes
kv = nn.MultiheadAttention(embed_dim=4, num_heads=2, kdim=3, vdim=6,
                           batch_first=True, dtype=torch.float64)


def takes(key_size, value_size):   # accepts keys, values of these sizes?
    key = torch.randn(1, 5, key_size, dtype=torch.float64)
    value = torch.randn(1, 5, value_size, dtype=torch.float64)
    try:
        kv(decoder, key, value)
    except (AssertionError, RuntimeError):   # a size that fits no projection
        return False
    return True


keys_take_kdim = takes(kv.kdim, kv.vdim) and not takes(kv.vdim, kv.kdim)
assert keys_take_kdim, "keys have kdim features, values vdim"
print("kdim is the size of:", "the keys" if keys_take_kdim else "the values")
print("vdim is the size of:", "the values" if keys_take_kdim else "the keys")
