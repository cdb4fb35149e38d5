# nn.MultiheadAttention: what goes in, what comes out, and in which shapes.
import torch
from torch import nn

torch.manual_seed(42)
attention = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
# (batch, tokens, embed_dim)
tokens = torch.randn(1, 4, 8)

# self-attention: query = key = value
output, weights = attention(tokens, tokens, tokens)
_, per_head = attention(tokens, tokens, tokens, average_attn_weights=False)
_, no_weights = attention(tokens, tokens, tokens, need_weights=False)
row_sums = weights.sum(dim=-1)
# exactly, not only close
is_mean = torch.equal(weights, per_head.mean(dim=1))

assert torch.allclose(row_sums, torch.ones(1, 4)), "rows sum to 1"
assert is_mean, "their mean is exactly the averaged matrix"
assert no_weights is None, "need_weights=False returns no weights"
print("tokens: ", tuple(tokens.shape))
print("output: ", tuple(output.shape))
print("weights:", tuple(weights.shape), "(averaged over the heads)")
print("row sums:", [round(x, 4) for x in row_sums[0].tolist()])
print("one matrix per head, "
      "average_attn_weights=False:", tuple(per_head.shape))
print("their mean over the heads equals the averaged ones:", is_mean)
print("need_weights=False returns:", no_weights)
