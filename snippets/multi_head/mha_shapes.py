# nn.MultiheadAttention: what goes in, what comes out, and in which shapes;
# and which value of a boolean mask blocks a key.
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(42)
attention = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
tokens = torch.randn(1, 4, 8)                       # (batch, tokens, embed_dim)

output, weights = attention(tokens, tokens, tokens)  # self-attention: query = key = value
_, per_head = attention(tokens, tokens, tokens, average_attn_weights=False)
_, no_weights = attention(tokens, tokens, tokens, need_weights=False)
row_sums = weights.sum(dim=-1)
is_mean = torch.equal(weights, per_head.mean(dim=1))     # exactly, not only close

assert torch.allclose(row_sums, torch.ones(1, 4)), "rows sum to 1"
assert is_mean, "their mean is exactly the averaged matrix"
assert no_weights is None, "need_weights=False returns no weights"
print("tokens: ", tuple(tokens.shape))
print("output: ", tuple(output.shape))
print("weights:", tuple(weights.shape), "(averaged over the heads)")
print("row sums:", [round(x, 4) for x in row_sums[0].tolist()])
print("one matrix per head, average_attn_weights=False:", tuple(per_head.shape))
print("their mean over the heads equals the averaged ones:", is_mean)
print("need_weights=False returns:", no_weights)

# True in a boolean mask blocks a key if the weights are zero exactly there
block = torch.tensor([[False, True, True, False],   # each row blocks some keys
                      [False, False, True, True],   # and keeps some
                      [True, False, False, True],
                      [False, True, False, False]])
padding = torch.tensor([[False, False, True, False]])   # key 2 is padding


def true_means(w, mask):   # w: the (query, key) weights of one sequence
    if torch.all(w[mask] == 0) and torch.all(w[~mask] > 0):
        return "blocked"
    if torch.all(w[~mask] == 0) and torch.all(w[mask] > 0):
        return "may attend"
    raise AssertionError("the weights are zero on neither side of the mask")


identity = torch.eye(4)[None]   # as values: SDPA then outputs its weights
means = {
    "nn.MultiheadAttention, attn_mask": true_means(
        attention(tokens, tokens, tokens, attn_mask=block)[1][0], block),
    "nn.MultiheadAttention, key_padding_mask": true_means(
        attention(tokens, tokens, tokens, key_padding_mask=padding)[1][0],
        padding.expand(4, 4)),
    "F.scaled_dot_product_attention, attn_mask": true_means(
        F.scaled_dot_product_attention(tokens, tokens, identity,
                                       attn_mask=block)[0], block),
}
assert list(means.values()) == ["blocked", "blocked", "may attend"], \
    "True blocks in both masks, the opposite of SDPA"
print("True in a boolean mask means:")
for api, meaning in means.items():
    print(f"  {api + ':':43} {meaning}")
