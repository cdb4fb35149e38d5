# Exercise: one vector per sentence, by averaging its tokens' outputs. Write
# masked_mean(outputs, real): the mean over each sentence's real tokens only,
# for a padded batch.
import torch


def masked_mean(outputs, real):
    """outputs: (batch, n, d); real: (batch, n) bool. Return (batch, d)."""
    mask = real[..., None].to(outputs.dtype)   # 1: a real token, 0: a pad
    return (outputs * mask).sum(dim=1) / mask.sum(dim=1)


# --- check ---
torch.manual_seed(0)
outputs = torch.randn(2, 5, 4, dtype=torch.float64)  # a padded batch
outputs[1, 3:] = 7.0                  # sentence 2: 3 real tokens, then padding
real = torch.tensor([[True] * 5, [True, True, True, False, False]])
mine = masked_mean(outputs, real)
assert mine.shape == (2, 4), f"shape {tuple(mine.shape)}, expected (2, 4)"
truth = outputs[1, :3].mean(dim=0)    # sentence 2 without any padding
naive = outputs.mean(dim=1)
masked_gap = (mine[1] - truth).abs().max().item()
naive_gap = (naive[1] - truth).abs().max().item()
assert torch.allclose(mine[0], naive[0]), "without padding, both agree"
assert masked_gap < 1e-12, "the masked mean equals the unpadded mean"
assert naive_gap > 1, "the plain mean is off by more than 1"
print("masked mean vs sentence 2 alone, equal to 1e-12:", masked_gap < 1e-12)
print(f"plain mean vs sentence 2 alone, max abs difference: {naive_gap:.3f}")
