# Exercise: two workers each see half of the keys and return (m, total, acc): the maximum score,
# the sum of exp(score - m) and the sum of exp(score - m) * value. Merge them into the output.
import numpy as np

rng = np.random.default_rng(0)
n, d = 8, 4
Q, K, V = (rng.normal(size=(n, d)) for _ in range(3))


def partial(Q, K, V):
    s = Q @ K.T / np.sqrt(d)
    m = s.max(axis=1)
    p = np.exp(s - m[:, None])
    return m, p.sum(axis=1), p @ V          # nothing is divided yet


half = n // 2
m1, total1, acc1 = partial(Q, K[:half], V[:half])
m2, total2, acc2 = partial(Q, K[half:], V[half:])

m = np.maximum(m1, m2)                      # the merged maximum
a1, a2 = np.exp(m1 - m), np.exp(m2 - m)     # bring both halves to that maximum
merged = (acc1 * a1[:, None] + acc2 * a2[:, None]) / (total1 * a1 + total2 * a2)[:, None]

scores = Q @ K.T / np.sqrt(d)
e = np.exp(scores - scores.max(axis=1, keepdims=True))
full = (e / e.sum(axis=1, keepdims=True)) @ V

diff = np.abs(merged - full).max()
assert diff <= 1e-12, "the merge equals full attention"
print(f"max abs difference, merged halves vs full (12 decimals): {diff:.12f}")
# the wrong merge: averaging the two halves' normalised outputs
averaged = (acc1 / total1[:, None] + acc2 / total2[:, None]) / 2
wrong = np.abs(averaged - full).max()
assert wrong > 0.01, "averaging the halves is wrong"
print(f"max abs error of averaging the halves' outputs: {wrong:.3f}")
