# Left padding moves the real tokens to later positions. With absolute position
# embeddings, added to the input, that changes their outputs; position ids
# counted from the padding mask put every real token back at its own position.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
d = 8
pos_emb = torch.randn(5, d, dtype=torch.float64)   # learned absolute positions
tokens = torch.randn(3, d, dtype=torch.float64)    # the sentence t1 t2 t3
pad = torch.zeros(2, d, dtype=torch.float64)       # two pads before it
real = torch.tensor([False, False, True, True, True])


def causal_attention(x, keys):   # x: (n, d); keys: which keys may be seen
    n = x.shape[0]
    allowed = torch.tril(torch.ones(n, n, dtype=torch.bool)) & keys
    allowed |= torch.eye(n, dtype=torch.bool)   # a pad query sees itself
    return F.scaled_dot_product_attention(x[None], x[None], x[None],
                                          attn_mask=allowed)[0]


alone = causal_attention(tokens + pos_emb[:3], torch.ones(3, dtype=torch.bool))
padded = torch.cat([pad, tokens])
counted = torch.arange(5)                       # positions 0..4: t1 is at 2
shifted = causal_attention(padded + pos_emb[counted], real)[2:]
position_ids = (real.cumsum(0) - 1).clamp(min=0)
fixed = causal_attention(padded + pos_emb[position_ids], real)[2:]

moved = (shifted - alone).abs().max().item()
back = (fixed - alone).abs().max().item()
assert moved > 0.1, "positions 0..4: the real tokens' outputs change"
assert back < 1e-15, "position ids from the mask: the sentence alone's outputs"
print("position ids from the mask:", position_ids.tolist())
print(f"positions 0..4, largest change of a real token: {moved:.2f}")
print("position ids from the mask, real tokens as alone (below 1e-15):",
      back < 1e-15)
