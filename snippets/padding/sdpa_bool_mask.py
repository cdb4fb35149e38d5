# The same batch with F.scaled_dot_product_attention. Its boolean attn_mask
# means the opposite of key_padding_mask: True = this key MAY be attended to.
import warnings

import torch
import torch.nn.functional as F

torch.manual_seed(0)
d = 4
long = torch.randn(5, d, dtype=torch.float64)
short = torch.randn(3, d, dtype=torch.float64)
pad = torch.full((2, d), 7.0, dtype=torch.float64)
# (2, 5, 4); Q = K = V = batch
batch = torch.stack([long, torch.cat([short, pad])])
# True = padding
key_padding_mask = torch.tensor([[False, False, False, False, False],
                                 [False, False, False, True, True]])

# (2, 1, 5): True = may attend; the size-1 query dimension applies it to every
# query
attn_mask = ~key_padding_mask[:, None, :]
out = F.scaled_dot_product_attention(batch, batch, batch, attn_mask=attn_mask)
alone = F.scaled_dot_product_attention(short[None], short[None], short[None])

# SDPA returns no weights: rebuild them and check they reproduce its output
scores = batch @ batch.transpose(1, 2) / d**0.5
weights = torch.softmax(scores.masked_fill(~attn_mask, float("-inf")), dim=-1)
assert torch.allclose(weights @ batch, out, atol=1e-12, rtol=0), \
    "rebuilt weights reproduce the output"
padded_keys_zero = bool(torch.all(weights[1, :, 3:] == 0))
assert padded_keys_zero, "no weight on the padded keys"
print("attn_mask for sentence 2 (True = may "
      "attend):", attn_mask[1, 0].tolist())
print("weight on the padded keys is exactly 0:", padded_keys_zero)
difference = (out[1, :3] - alone[0]).abs().max().item()
assert difference < 1e-15, "real tokens match the sentence alone"
print("real tokens, padded batch vs the sentence alone,")
print(f"max abs difference: {difference:.1e}")

# The trap: hand SDPA the key_padding_mask itself, and True now means "attend
# here"
wrong_mask = key_padding_mask[:, None, :]
with warnings.catch_warnings():
    # a warning would stop the program here: none comes
    warnings.simplefilter("error")
    wrong = F.scaled_dot_product_attention(
        batch, batch, batch, attn_mask=wrong_mask
    )
assert torch.all(wrong[0] == 0), "sentence 1: no key allowed, zeros"
assert torch.allclose(wrong[1, :3], pad[0]), \
    "sentence 2: real tokens copy the padding"
print("with the mask the wrong way round")
print("sentence 1 output, largest "
      "|value|:", f"{wrong[0].abs().max().item():.1f}")
print("sentence 2 output for its 3 real tokens")
print(wrong[1, :3].numpy().round(3))
