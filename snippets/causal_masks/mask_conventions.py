# Which value of a boolean mask means "blocked"? Each API is run with a mask
# and with its negation; the convention printed is the one whose weights equal
# a NumPy computation.
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

# blocked[i, j]: query i must not see key j (every row blocks some keys and
# keeps some, so a mask and its negation both make sense)
blocked = np.array([[False, True, True, False],
                    [False, False, True, True],
                    [True, False, False, True],
                    [False, True, False, False]])
padding = np.array([False, False, True, False])    # key 2 is padding
# the same, as a (query, key) mask
pad_rows = np.tile(padding, (4, 1))

torch.manual_seed(0)
x = torch.randn(1, 4, 8, dtype=torch.float64)
mha = nn.MultiheadAttention(
    embed_dim=8, num_heads=1, batch_first=True, dtype=torch.float64
)
with torch.no_grad():
    W_q, W_k, _ = mha.in_proj_weight.chunk(3)
    b_q, b_k, _ = mha.in_proj_bias.chunk(3)
    Q, K = x[0] @ W_q.T + b_q, x[0] @ W_k.T + b_k
scores = Q @ K.T / np.sqrt(8)


# the reference: a softmax over the keys each query may see
def numpy_weights(block):
    s = np.where(block, -np.inf, scores.numpy())
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# weights_for(mask) -> the weights an API computes
def convention(weights_for, block):
    for meaning, mask in (("blocked", block), ("may attend", ~block)):
        if np.allclose(
            weights_for(torch.from_numpy(mask)).numpy(), numpy_weights(block)
        ):
            return meaning
    raise AssertionError("neither reading of the mask reproduces NumPy")


# SDPA returns only outputs: with V = identity, the output is the weights
def sdpa_weights(mask):
    identity = torch.eye(4, dtype=torch.float64)
    return F.scaled_dot_product_attention(
        Q[None], K[None], identity[None], attn_mask=mask
    )[0]


def mha_weights(**masks):
    return mha(x, x, x, **masks)[1][0].detach()


# a float mask: 0 where a key is kept, -inf where it is blocked
def additive(block):
    return torch.from_numpy(np.where(block, -np.inf, 0.0))


found = {
    "Tensor.masked_fill(mask, -inf)": convention(
        lambda m: torch.softmax(scores.masked_fill(m, -torch.inf), dim=-1),
        blocked,
    ),
    "F.scaled_dot_product_attention, attn_mask": convention(
        sdpa_weights, blocked
    ),
    "nn.MultiheadAttention, attn_mask": convention(
        lambda m: mha_weights(attn_mask=m), blocked
    ),
    # key_padding_mask takes one row per sequence: the first row of pad_rows
    # (or of its negation)
    "nn.MultiheadAttention, key_padding_mask": convention(
        lambda m: mha_weights(key_padding_mask=m[:1]), pad_rows
    ),
}
assert list(found.values()) == [
    "blocked", "may attend", "blocked", "blocked"
], "only scaled_dot_product_attention reads True as may attend"
print("True in a boolean mask means (each reading checked against NumPy):")
for api, meaning in found.items():
    print(f"  {api + ':':43} {meaning}")

# A float mask is added to the scores, in all three arguments that take one
float_weights = [
    (sdpa_weights(additive(blocked)), blocked),
    (mha_weights(attn_mask=additive(blocked)), blocked),
    (mha_weights(key_padding_mask=additive(padding)[None]), pad_rows),
]
float_ok = all(
    np.allclose(w.numpy(), numpy_weights(block)) for w, block in float_weights
)
assert float_ok, "float masks are added to the scores"
print("float masks (0 keeps, -inf blocks), added to the scores, equal NumPy:",
      float_ok)
