# Three boolean masks for sentence 2 of the batch (3 real tokens, then 2
# padding), True = may attend: the padding mask, the causal mask, and both
# together.
import torch

real = torch.tensor([True, True, True, False, False])
n = len(real)
# every query sees the real keys
padding = real[None, :].expand(n, n)
causal = torch.ones(n, n, dtype=torch.bool).tril()  # itself and the past
combined = padding & causal                         # both conditions at once

for name, mask in [
    ("padding", padding),
    ("causal", causal),
    ("combined", combined),
]:
    print(f"{name} (1 = may attend)")
    print(mask.int().numpy())
# with the padding at the end, every query still sees key 0: no row is empty
assert combined.any(dim=-1).all(), "no row is empty"
print("rows with nothing to attend to:", int((~combined.any(dim=-1)).sum()))
# and the real queries' rows are already those of the causal mask: the future,
# padding included, is hidden from them anyway
same_for_real = torch.equal(combined[real], causal[real])
assert same_for_real, "real tokens' rows: combined equals causal"
print("rows of the real tokens, combined equals causal:", same_for_real)
# the two masks differ only in the padded queries' rows
same_for_padding = torch.equal(combined[~real], causal[~real])
assert not same_for_padding, "padded rows: combined differs from causal"
print("rows of the padding, combined differs from causal:",
      not same_for_padding)
