# Attention computed block by block with a running maximum and a running sum
# (the online softmax), checked against the full n x n computation for several
# block sizes.
import torch

gen = torch.Generator().manual_seed(0)
n, d = 10, 4
Q, K, V = (
    torch.randn(n, d, generator=gen, dtype=torch.float64) for _ in range(3)
)


def full_attention(Q, K, V):
    # all n x n scores at once
    scores = Q @ K.T / d**0.5
    return torch.softmax(scores, dim=1) @ V


def tiled_attention(Q, K, V, block):
    out, held = torch.zeros_like(Q), 0
    for i in range(0, n, block):                         # a block of queries
        # acc: these rows of out, in place
        q, acc = Q[i:i + block], out[i:i + block]
        # running max per row
        m = torch.full((len(q),), float("-inf"), dtype=torch.float64)
        # running sum of exp(score - m)
        total = torch.zeros(len(q), dtype=torch.float64)
        for j in range(0, n, block):                     # a block of keys
            s = q @ K[j:j + block].T / d**0.5
            m_new = torch.maximum(m, s.max(dim=1).values)
            # re-express old sums under the new max
            rescale = torch.exp(m - m_new)
            p = torch.exp(s - m_new[:, None])
            total = total * rescale + p.sum(dim=1)
            # running sum of exp(score - m) * value
            acc *= rescale[:, None]
            acc += p @ V[j:j + block]
            m = m_new
            held = max(held, p.numel() + m.numel() + total.numel())
        acc /= total[:, None]
    return out, held


full = full_attention(Q, K, V)
print(f"tokens: {n}, width: {d}")
print("block  floats held at once  max abs difference")
for block in (1, 3, 4, n):
    tiled, held = tiled_attention(Q, K, V, block)
    # one block of scores, the running max and the running sum of each query
    assert held == block * block + 2 * block, "floats held at once"
    diff = (tiled - full).abs().max().item()
    assert diff <= 1e-12, "tiled output equals the full one"
    print(f"{block:>5}  {held:>19}  {diff:.12f}")

# counts only: nothing this big is allocated
n_long, block = 32768, 128
print(f"at n = {n_long}: one block holds {n_long * n_long + 2 * n_long} "
      "floats, "
      f"blocks of {block} hold {block * block + 2 * block}")
