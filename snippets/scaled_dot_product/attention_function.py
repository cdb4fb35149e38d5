# The complete mechanism as one function, checked against PyTorch's own.
import torch
import torch.nn.functional as F


def attention(Q, K, V):
    """Scaled dot-product attention.

    Q: (..., n_q, d_k), K: (..., n_k, d_k), V: (..., n_k, d_v)
    returns the output (..., n_q, d_v) and the weights (..., n_q, n_k).
    """
    d_k = Q.size(-1)
    scores = Q @ K.transpose(-2, -1) / d_k**0.5   # (..., n_q, n_k)
    # over the keys: each row sums to 1
    weights = F.softmax(scores, dim=-1)
    # (..., n_q, d_v), (..., n_q, n_k)
    return weights @ V, weights


torch.manual_seed(0)
# all different, so each shape shows where it comes from
batch, n_q, n_k, d_k, d_v = 2, 3, 5, 8, 4
Q = torch.randn(batch, n_q, d_k, dtype=torch.float64)
K = torch.randn(batch, n_k, d_k, dtype=torch.float64)
V = torch.randn(batch, n_k, d_v, dtype=torch.float64)

output, weights = attention(Q, K, V)
for name, t in [
    ("Q", Q),
    ("K", K),
    ("V", V),
    ("weights", weights),
    ("output", output),
]:
    print(f"{name + ':':8s} {tuple(t.shape)}")
assert output.shape == (batch, n_q, d_v) and weights.shape == (batch, n_q, n_k)
rows_sum_to_1 = torch.allclose(
    weights.sum(dim=-1), torch.ones(batch, n_q, dtype=torch.float64)
)
assert rows_sum_to_1
print("rows sum to 1:", rows_sum_to_1)

# PyTorch ships the same computation; both must agree.
reference = F.scaled_dot_product_attention(Q, K, V)
difference = (output - reference).abs().max().item()
assert difference < 1e-12, "agrees with F.scaled_dot_product_attention"
print(f"max abs difference from F.scaled_dot_product_attention: "
      f"{difference:.1e}")
