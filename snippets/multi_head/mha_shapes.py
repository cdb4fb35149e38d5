# nn.MultiheadAttention: what goes in, what comes out, and in which shapes.
import torch
from torch import nn

torch.manual_seed(42)
attention = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
tokens = torch.randn(1, 4, 8)                       # (batch, tokens, embed_dim)

output, weights = attention(tokens, tokens, tokens)  # self-attention: query = key = value
row_sums = weights.sum(dim=-1)

assert torch.allclose(row_sums, torch.ones(1, 4))
print("tokens: ", tuple(tokens.shape))
print("output: ", tuple(output.shape))
print("weights:", tuple(weights.shape), "(averaged over the heads)")
print("row sums:", [round(x, 4) for x in row_sums[0].tolist()])
