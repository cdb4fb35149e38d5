# A batch of two sentences, 5 and 3 tokens long: the short one is padded to 5,
# and nn.MultiheadAttention is told which keys are padding (True = ignore this
# key).
import torch
from torch import nn

torch.manual_seed(0)
d = 4
long = torch.randn(5, d, dtype=torch.float64)
short = torch.randn(3, d, dtype=torch.float64)
# any filler: it must not matter
pad = torch.full((2, d), 7.0, dtype=torch.float64)
batch = torch.stack([long, torch.cat([short, pad])])  # (2, 5, 4)
# True = padding
key_padding_mask = torch.tensor([[False, False, False, False, False],
                                 [False, False, False, True, True]])

mha = nn.MultiheadAttention(
    d, num_heads=2, batch_first=True, dtype=torch.float64
)
with torch.no_grad():
    out, weights = mha(batch, batch, batch, key_padding_mask=key_padding_mask)
    # the short sentence alone, without any padding
    alone, alone_weights = mha(short[None], short[None], short[None])

print("batch:", tuple(batch.shape))
print("sentence 2 weights (rows: queries, columns: keys)")
print(weights[1].numpy().round(3))

padded_keys = weights[1, :, 3:]
# exactly zero, not just small
assert torch.all(padded_keys == 0), "no weight on the padded keys"
ones = torch.ones(2, 5, dtype=torch.float64)
assert torch.allclose(weights.sum(dim=-1), ones), "rows sum to 1"
print("weight on the padded keys is exactly "
      "0:", bool(torch.all(padded_keys == 0)))

# Equal up to rounding: how far below 1e-15 depends on the CPU's arithmetic
difference = (out[1, :3] - alone[0]).abs().max().item()
assert difference < 1e-15, "real tokens equal the sentence alone"
real_weights = weights[1, :3, :3]
assert torch.allclose(real_weights, alone_weights[0], atol=1e-12, rtol=0), \
    "real tokens' weights equal the sentence alone's"
print("real tokens, padded batch vs the sentence alone,")
print("max abs difference below 1e-15:", difference < 1e-15)


# What True means, read off the weights: the keys that get no weight at all
def true_means(weights, mask, ignore, attend):   # mask: (batch, keys)
    for meaning, no_weight in ((ignore, mask), (attend, ~mask)):
        if torch.all(weights.masked_select(no_weight[:, None, :]) == 0):
            return meaning
    raise AssertionError("neither reading of True matches the weights")


kpm_means = true_means(weights, key_padding_mask,
                       "ignore this key", "attend to this key")
assert kpm_means == "ignore this key", "key_padding_mask: True = ignore"
print("key_padding_mask, True means:", kpm_means)
