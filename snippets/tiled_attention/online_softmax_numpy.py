# Attention computed block by block with a running maximum and a running sum
# (the online softmax), checked against the full n x n computation for several
# block sizes.
import numpy as np

rng = np.random.default_rng(0)
n, d = 10, 4
Q, K, V = (rng.normal(size=(n, d)) for _ in range(3))   # float64


def full_attention(Q, K, V):
    # all n x n scores at once
    scores = Q @ K.T / np.sqrt(d)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)) @ V


def tiled_attention(Q, K, V, block):
    out, held = np.zeros_like(Q), 0
    for i in range(0, n, block):                         # a block of queries
        # acc: these rows of out, in place
        q, acc = Q[i:i + block], out[i:i + block]
        # running maximum of each row's scores
        m = np.full(len(q), -np.inf)
        # running sum of exp(score - m)
        total = np.zeros(len(q))
        for j in range(0, n, block):                     # a block of keys
            s = q @ K[j:j + block].T / np.sqrt(d)
            m_new = np.maximum(m, s.max(axis=1))
            # re-express old sums under the new max
            rescale = np.exp(m - m_new)
            p = np.exp(s - m_new[:, None])
            total = total * rescale + p.sum(axis=1)
            # running sum of exp(score - m) * value
            acc *= rescale[:, None]
            acc += p @ V[j:j + block]
            m = m_new
            held = max(held, p.size + m.size + total.size)
        acc /= total[:, None]
    return out, held


full = full_attention(Q, K, V)
print(f"tokens: {n}, width: {d}")
print("block  floats held at once  max abs difference")
for block in (1, 3, 4, n):
    tiled, held = tiled_attention(Q, K, V, block)
    # one block of scores, the running max and the running sum of each query
    assert held == block * block + 2 * block, "floats held at once"
    diff = np.abs(tiled - full).max()
    assert diff <= 1e-12, "tiled output equals the full one"
    print(f"{block:>5}  {held:>19}  {diff:.12f}")

# counts only: nothing this big is allocated
n_long, block = 32768, 128
print(f"at n = {n_long}: one block holds {n_long * n_long + 2 * n_long} "
      "floats, "
      f"blocks of {block} hold {block * block + 2 * block}")
