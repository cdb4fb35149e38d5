# A batch of two sentences, 5 and 3 tokens long: the short one is padded to 5, and
# nn.MultiheadAttention is told which keys are padding (True = ignore this key).
import torch
from torch import nn

torch.manual_seed(0)
d = 4
long = torch.randn(5, d, dtype=torch.float64)
short = torch.randn(3, d, dtype=torch.float64)
pad = torch.full((2, d), 7.0, dtype=torch.float64)    # any filler: it must not matter
batch = torch.stack([long, torch.cat([short, pad])])  # (2, 5, 4)
key_padding_mask = torch.tensor([[False, False, False, False, False],
                                 [False, False, False, True, True]])   # True = padding

mha = nn.MultiheadAttention(d, num_heads=2, batch_first=True, dtype=torch.float64)
with torch.no_grad():
    out, weights = mha(batch, batch, batch, key_padding_mask=key_padding_mask)
    # the short sentence alone, without any padding
    alone, alone_weights = mha(short[None], short[None], short[None])

print("batch:", tuple(batch.shape))
print("sentence 2 weights (rows: queries, columns: keys)")
print(weights[1].numpy().round(3))

padded_keys = weights[1, :, 3:]
assert torch.all(padded_keys == 0)                    # exactly zero, not just small
assert torch.allclose(weights.sum(dim=-1), torch.ones(2, 5, dtype=torch.float64))
print("weight on the padded keys is exactly 0:", bool(torch.all(padded_keys == 0)))

difference = (out[1, :3] - alone[0]).abs().max().item()
assert difference < 1e-12
assert torch.allclose(weights[1, :3, :3], alone_weights[0], atol=1e-12, rtol=0)
print("real tokens, padded batch vs the sentence alone,")
print(f"max abs difference: {difference:.1e}")
