# Exercise: one vector per sentence, by averaging the token outputs. Average over
# the real tokens only; a plain mean over the padded length is wrong.
import torch

torch.manual_seed(0)
outputs = torch.randn(2, 5, 4, dtype=torch.float64)  # attention outputs, padded batch
outputs[1, 3:] = 7.0                                 # sentence 2: 3 real tokens, padding
real = torch.tensor([[True] * 5, [True, True, True, False, False]])

naive = outputs.mean(dim=1)
mask = real[..., None].to(outputs.dtype)             # 1 for a real token, 0 for padding
masked = (outputs * mask).sum(dim=1) / mask.sum(dim=1)
truth = outputs[1, :3].mean(dim=0)                   # sentence 2 without any padding

masked_gap = (masked[1] - truth).abs().max().item()
naive_gap = (naive[1] - truth).abs().max().item()
assert masked_gap < 1e-12, "the masked mean equals the unpadded mean"
assert naive_gap > 1, "the plain mean is off by more than 1"
# no padding in sentence 1: equal
assert torch.allclose(masked[0], naive[0]), "without padding, both agree"
print(f"masked mean vs sentence 2 alone, max abs difference: {masked_gap:.1e}")
print(f"plain mean vs sentence 2 alone, max abs difference:  {naive_gap:.3f}")
