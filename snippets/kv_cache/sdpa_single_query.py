# One new query against a cache of 5 keys: is_causal=True aligns its mask to
# the top-left, so the query sees only the first key. Three fixes, checked
# against attention by hand.
import torch
import torch.nn.functional as F
from torch.nn.attention.bias import causal_lower_right

torch.manual_seed(0)
t, d = 5, 8
# (batch, heads, 1 new query, d)
q = torch.randn(1, 1, 1, d, dtype=torch.float64)
# the cache: 5 keys, the newest last
k = torch.randn(1, 1, t, d, dtype=torch.float64)
v = torch.randn(1, 1, t, d, dtype=torch.float64)

# the right answer: the newest token may attend to every cached position,
# itself included
weights = torch.softmax(q @ k.transpose(-2, -1) / d**0.5, dim=-1)
right = weights @ v

# the mask is_causal=True builds, as documented: ones(L, S).tril(diagonal=0),
# top-left aligned
top_left = torch.ones(1, t, dtype=torch.bool).tril(diagonal=0)
print("is_causal=True mask, 1 query x 5 keys:", top_left.int().tolist())
wrong = F.scaled_dot_product_attention(q, k, v, is_causal=True)
top_left_out = F.scaled_dot_product_attention(q, k, v, attn_mask=top_left)
assert torch.equal(wrong, top_left_out), "is_causal=True: the top-left mask"
# the output is exactly the first value
assert torch.equal(wrong, v[:, :, :1, :]), "the output is the first value"
print("is_causal=True returns the first "
      "value:", torch.equal(wrong, v[:, :, :1, :]))
print(f"its max abs error: {(wrong - right).abs().max().item():.3f}")

# fix 1: a single new query needs no mask at all
no_mask = F.scaled_dot_product_attention(q, k, v, is_causal=False)
# fix 2: an explicit mask aligned to the bottom-right corner (True = may
# attend)
bottom_right = torch.ones(1, t, dtype=torch.bool).tril(diagonal=t - 1)
print("bottom-right mask, 1 query x 5 keys:", bottom_right.int().tolist())
explicit = F.scaled_dot_product_attention(q, k, v, attn_mask=bottom_right)
# fix 3: PyTorch's own bottom-right causal bias
lower_right = F.scaled_dot_product_attention(
    q, k, v, attn_mask=causal_lower_right(1, t)
)
fixes = {"is_causal=False": no_mask, "bottom-right mask": explicit,
         "causal_lower_right": lower_right}
for name, out in fixes.items():
    error = (out - right).abs().max().item()
    assert error <= 1e-12, "each fix equals attention by hand"
    print(f"{name}: max abs error {error:.12f}")

# Which corner does each causal option align to? With one query the
# bottom-right mask hides nothing: tell the corners apart with 3 new queries
# against the 5 cached keys, and "no mask" apart from both
L = 3
q3 = torch.randn(1, 1, L, d, dtype=torch.float64)
candidates = {
    "top-left": torch.ones(L, t, dtype=torch.bool).tril(diagonal=0),
    "bottom-right": torch.ones(L, t, dtype=torch.bool).tril(diagonal=t - L),
    "no mask": None,
}


def aligns(out):
    """The candidate mask whose output this is."""
    found = [name for name, mask in candidates.items() if torch.allclose(
        out, F.scaled_dot_product_attention(q3, k, v, attn_mask=mask))]
    assert len(found) == 1, "exactly one candidate gives this output"
    return found[0]


causal_out = F.scaled_dot_product_attention(q3, k, v, is_causal=True)
lower_right_out = F.scaled_dot_product_attention(
    q3, k, v, attn_mask=causal_lower_right(L, t))
assert aligns(causal_out) == "top-left", "is_causal=True aligns top-left"
assert aligns(lower_right_out) == "bottom-right", (
    "causal_lower_right aligns bottom-right")
print(f"alignment checked with {L} queries x {t} keys")
print("is_causal=True aligns:", aligns(causal_out))
print("causal_lower_right aligns:", aligns(lower_right_out))
