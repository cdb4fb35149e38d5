# Exercise: instead of padding, pack several short documents into one
# sequence, one after another. Write document_mask(lengths): the (n, n)
# boolean mask (True = may attend) under which each token sees only the
# earlier tokens of its own document, so that no document reads another.
import torch


def document_mask(lengths):
    """lengths: the documents' lengths, in order. Return (n, n) bool."""
    doc = torch.repeat_interleave(torch.arange(len(lengths)),
                                  torch.tensor(lengths))
    n = len(doc)
    causal = torch.ones(n, n, dtype=torch.bool).tril()
    return causal & (doc[:, None] == doc[None, :])


# --- check ---
import torch.nn.functional as F

torch.manual_seed(0)
for lengths in ([3, 2], [1, 4, 2], [5]):
    n = sum(lengths)
    mask = document_mask(lengths)
    assert tuple(mask.shape) == (n, n), (
        f"lengths {lengths}: your mask has shape {tuple(mask.shape)}, "
        f"expected ({n}, {n})")
    q, k, v = (torch.randn(1, n, 4, dtype=torch.float64) for _ in range(3))
    packed = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    start = 0
    for length in lengths:           # each document alone, causal
        part = slice(start, start + length)
        alone = F.scaled_dot_product_attention(
            q[:, part], k[:, part], v[:, part], is_causal=True)
        gap = (packed[:, part] - alone).abs().max().item()
        assert gap < 1e-12, (
            f"lengths {lengths}: the document at positions {start} to "
            f"{start + length - 1} gets other outputs than alone ({gap:.3f})")
        start += length
print("each document equals itself alone, to 1e-12: True")
mask = document_mask([3, 2])
assert not mask[3:, :3].any(), "no document reads another"
print("mask for documents of lengths 3 and 2 (1 = may attend):")
print(mask.int())
