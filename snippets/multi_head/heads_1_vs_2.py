# num_heads=1 versus num_heads=2: which shapes stay, and what changes.
import torch
from torch import nn

tokens = torch.randn(1, 4, 8, generator=torch.Generator().manual_seed(0))
shapes = {}
for num_heads in (1, 2):
    torch.manual_seed(42)
    attention = nn.MultiheadAttention(
        embed_dim=8, num_heads=num_heads, batch_first=True
    )
    output, averaged = attention(tokens, tokens, tokens)
    _, per_head = attention(tokens, tokens, tokens, average_attn_weights=False)
    params = sum(p.numel() for p in attention.parameters())
    shapes[num_heads] = (tuple(output.shape), tuple(averaged.shape), params)
    print(f"num_heads={num_heads}: head_dim={attention.head_dim}  "
          f"output {tuple(output.shape)}  weights {tuple(averaged.shape)}")
    print(f"  per-head weights {tuple(per_head.shape)}  parameters {params}")

assert shapes[1] == shapes[2], \
    "same output shape, same averaged weights shape, same size"
print("same output shape, averaged-weights shape and parameter "
      "count:", shapes[1] == shapes[2])
# W_q, W_k, W_v, W_o (each embed x embed) and their four biases, whatever the
# number of heads
E = attention.embed_dim
assert params == 4 * (E * E + E)
print(f"parameters: 4 x ({E} x {E} + {E}) = {4 * (E * E + E)}")
