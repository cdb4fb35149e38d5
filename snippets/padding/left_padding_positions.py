# Left padding moves a short prompt's tokens to later positions. With absolute
# position embeddings, added to the input, that changes their attention;
# position ids counted from the padding mask put every token back in place.
# Rotary embeddings (RoPE) need no such fix: a common shift keeps the scores.
import torch

torch.manual_seed(0)
d = 8
pos_emb = torch.randn(5, d, dtype=torch.float64)  # stands for a learned table
long = torch.randn(5, d, dtype=torch.float64)      # a prompt of five tokens
short = torch.randn(3, d, dtype=torch.float64)     # one of three: t0 t1 t2
pads = torch.full((2, d), 7.0, dtype=torch.float64)
batch = torch.stack([long, torch.cat([pads, short])])   # the pads come first
mask = torch.tensor([[1, 1, 1, 1, 1],
                     [0, 0, 1, 1, 1]])             # 1: a real token


def attention(x, real):   # causal self-attention, Q = K = V = x
    n = x.shape[-2]
    causal = torch.tril(torch.ones(n, n, dtype=torch.bool))
    allowed = causal & real[..., None, :]
    allowed |= torch.eye(n, dtype=torch.bool)      # a pad query sees itself
    scores = x @ x.transpose(-2, -1) / d**0.5
    scores = scores.masked_fill(~allowed, -torch.inf)
    weights = torch.softmax(scores, dim=-1)
    return weights, weights @ x


everyone = torch.ones(3, dtype=torch.bool)
alone_w, alone = attention(short + pos_emb[:3], everyone)
ids = {"positions 0..4": torch.arange(5).expand(2, 5),
       "position ids from the mask": (mask.cumsum(-1) - 1).clamp(min=0)}
change = {}
for name, position_ids in ids.items():
    w, out = attention(batch + pos_emb[position_ids], mask.bool())
    # the short prompt's real tokens: rows 2..4, over the real keys 2..4
    change[name] = ((w[1, 2:, 2:] - alone_w).abs().max().item(),
                    (out[1, 2:] - alone).abs().max().item())
print("position ids counted from the mask:",
      ids["position ids from the mask"].tolist())
print("largest change of a real token's weights, outputs:")
for name, (weights, outputs) in change.items():
    print(f"  {name + ':':28} {weights:.3f}, {outputs:.3f}")
assert change["positions 0..4"][0] > 0.05, "positions 0..4: the weights change"
# the prompt's first token sees only itself: its output moves by exactly the
# change of its position vector (position 2's instead of position 0's)
_, moved = attention(batch + pos_emb[ids["positions 0..4"]], mask.bool())
assert torch.allclose(moved[1, 2] - alone[0], pos_emb[2] - pos_emb[0]), \
    "t0's output moves by its position vector's change"
assert max(change["position ids from the mask"]) < 1e-15, \
    "position ids from the mask: weights and outputs as alone"


def rope(x, positions):   # pair (2i, 2i+1) turns by position * 10000^(-2i/d)
    angle = positions[:, None] * 10000.0 ** (-torch.arange(0, d, 2) / d)
    x1, x2 = x[:, 0::2], x[:, 1::2]
    turned = [x1 * angle.cos() - x2 * angle.sin(),
              x1 * angle.sin() + x2 * angle.cos()]
    return torch.stack(turned, dim=-1).flatten(1)


def rope_scores(positions):   # queries from one sequence, keys from another
    positions = positions.double()
    return rope(short, positions) @ rope(long[:3], positions).T


shift = (rope_scores(torch.arange(2, 5)) - rope_scores(torch.arange(3))).abs()
assert shift.max() < 1e-12, "RoPE: shifted positions, the same scores"
print("RoPE, positions 2..4 instead of 0..2, scores change below 1e-12:",
      bool(shift.max() < 1e-12))
