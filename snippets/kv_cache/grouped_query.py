# Multi-head, grouped-query and multi-query attention: 8 query heads share 8, 2
# or 1 K/V heads. Each is checked three ways: by hand, as multi-head attention
# on repeated K/V heads, and with PyTorch's enable_gqa=True.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
n, d_head, n_q_heads = 5, 4, 8


def attention(q, k, v):
    weights = torch.softmax(q @ k.transpose(-2, -1) / d_head**0.5, dim=-1)
    return weights @ v


# (batch, heads, tokens, d_head)
q = torch.randn(1, n_q_heads, n, d_head, dtype=torch.float64)
print("query heads:", n_q_heads)
for name, n_kv_heads in (("MHA", 8), ("GQA", 2), ("MQA", 1)):
    k = torch.randn(1, n_kv_heads, n, d_head, dtype=torch.float64)
    v = torch.randn(1, n_kv_heads, n, d_head, dtype=torch.float64)
    group = n_q_heads // n_kv_heads                  # query heads per K/V head
    # query head h reads K/V head h // group
    kv_of = [h // group for h in range(n_q_heads)]

    by_hand = torch.stack([attention(q[:, h], k[:, kv_of[h]], v[:, kv_of[h]])
                           for h in range(n_q_heads)], dim=1)
    # multi-head attention on K/V heads repeated in place: 0,0,0,0,1,1,1,1 for
    # GQA
    repeated = attention(
        q, k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)
    )
    fused = F.scaled_dot_product_attention(q, k, v, enable_gqa=True)
    error = max(
        (repeated - by_hand).abs().max().item(),
        (fused - by_hand).abs().max().item(),
    )
    assert error <= 1e-12, "the three ways agree"
    print(f"{name}: {n_kv_heads} K/V head(s), query head -> K/V head {kv_of}")
    print(f"     by hand = repeated K/V = enable_gqa, max abs difference "
          f"{error:.12f}")
    if name == "GQA":
        # the order matters: .repeat tiles the heads (0,1,0,1,...) and pairs
        # the wrong ones
        tiled = attention(
            q, k.repeat(1, group, 1, 1), v.repeat(1, group, 1, 1)
        )
        tiled_error = (tiled - by_hand).abs().max().item()
        assert tiled_error > 0.1, ".repeat pairs the wrong heads"
        print(f"     with .repeat instead of .repeat_interleave: max abs "
              f"error {tiled_error:.3f}")
