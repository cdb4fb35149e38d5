# Exercise: two workers each see part of the keys. Each returns, per query,
# (m, total, acc): its largest score, its sum of exp(score - m) and its sum of
# exp(score - m) * value, nothing divided. Write merge(a, b): the triple of
# both parts together, so that acc / total of all parts is the exact output.
import numpy as np


def merge(a, b):
    """a, b: (m, total, acc) with shapes (n,), (n,), (n, d)."""
    (m1, total1, acc1), (m2, total2, acc2) = a, b
    m = np.maximum(m1, m2)                   # the merged maximum
    s1, s2 = np.exp(m1 - m), np.exp(m2 - m)  # bring both to that maximum
    total = total1 * s1 + total2 * s2
    return m, total, acc1 * s1[:, None] + acc2 * s2[:, None]


# --- check ---
rng = np.random.default_rng(0)
n, d = 8, 4
Q, K, V = (rng.normal(size=(n, d)) for _ in range(3))


def part(keys):
    s = Q @ K[keys].T / np.sqrt(d)
    m = s.max(axis=1)
    p = np.exp(s - m[:, None])
    return m, p.sum(axis=1), p @ V[keys]


scores = Q @ K.T / np.sqrt(d)
e = np.exp(scores - scores.max(axis=1, keepdims=True))
full = (e / e.sum(axis=1, keepdims=True)) @ V

halves = part(slice(0, 4)), part(slice(4, 8))
m, total, acc = merge(*halves)
assert np.allclose(m, scores.max(axis=1)), (
    "the merged m must be the largest score over both parts")
diff = np.abs(acc / total[:, None] - full).max()
assert diff <= 1e-12, "the merge equals full attention"
print("merged halves equal full attention to 1e-12:", diff <= 1e-12)
# four blocks of two keys, merged one by one in three orders
blocks = [part(slice(i, i + 2)) for i in (0, 2, 4, 6)]
for order in ([0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]):
    state = blocks[order[0]]
    for i in order[1:]:
        state = merge(state, blocks[i])
    gap = np.abs(state[2] / state[1][:, None] - full).max()
    assert gap <= 1e-12, "every block order gives full attention"
print("four blocks merged in three orders equal it too: True")
# scores in the hundreds: exp(score) overflows unless the merge keeps the max
big = [(m * 300, t, a) for m, t, a in halves]   # a stress test: maxima x 300
m, total, acc = merge(*big)
finite = bool(np.isfinite(acc / total[:, None]).all())
assert finite and np.allclose(m, np.maximum(big[0][0], big[1][0])), (
    "with large scores your merge must subtract the merged maximum")
print("scores in the hundreds, still finite:", finite)
# the wrong merge: averaging the two halves' normalised outputs
(_, total1, acc1), (_, total2, acc2) = halves
averaged = (acc1 / total1[:, None] + acc2 / total2[:, None]) / 2
wrong = np.abs(averaged - full).max()
assert wrong > 0.01, "averaging the halves is wrong"
print(f"max abs error of averaging the halves' outputs: {wrong:.3f}")
