# Exercise: does the order in which the key blocks are visited matter? Visit them forwards,
# backwards and shuffled, and compare with the full computation.
import numpy as np

rng = np.random.default_rng(0)
n, d, block = 12, 4, 3
Q, K, V = (rng.normal(size=(n, d)) for _ in range(3))


def full_attention(Q, K, V):
    scores = Q @ K.T / np.sqrt(d)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)) @ V


def online_attention(Q, K, V, starts):
    m = np.full(n, -np.inf)                  # all queries at once, key blocks in the given order
    total, acc = np.zeros(n), np.zeros((n, d))
    for j in starts:
        s = Q @ K[j:j + block].T / np.sqrt(d)
        m_new = np.maximum(m, s.max(axis=1))
        rescale, p = np.exp(m - m_new), np.exp(s - m_new[:, None])
        total = total * rescale + p.sum(axis=1)
        acc = acc * rescale[:, None] + p @ V[j:j + block]
        m = m_new
    return acc / total[:, None]


full = full_attention(Q, K, V)
forwards = list(range(0, n, block))
for name, order in (("forwards", forwards), ("backwards", forwards[::-1]),
                    ("mixed", [6, 0, 9, 3])):
    diff = np.abs(online_attention(Q, K, V, order) - full).max()
    assert diff <= 1e-12, "every order gives the full output"
    print(f"{name:<9} block starts {[int(j) for j in order]}  max abs difference {diff:.12f}")
