# ALiBi (Press et al. 2022): no position vectors at all. Head h adds
# -m_h * (i - j) to the causal score of query i and key j, with a fixed slope
# m_h = 2^(-8h/H) for H heads. The bias depends on the distance i - j only.
import numpy as np

H = 8
slopes = 2.0 ** (-8 * np.arange(1, H + 1) / H)    # m_1, ..., m_H
print("slopes:", np.round(slopes, 4))
# the paper's rule: a geometric sequence that starts at 2^(-8/H), same ratio
assert np.allclose(slopes[0], 2 ** (-8 / H)), "starts at 2^(-8/H)"
assert np.allclose(slopes[1:] / slopes[:-1], 2 ** (-8 / H)), \
    "ratio 2^(-8/H)"


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def alibi_weights(scores, positions, m):
    """Causal weights of scores - m * (i - j) for tokens at these positions."""
    distance = positions[:, None] - positions[None, :]          # i - j
    return softmax(np.where(distance >= 0, scores - m * distance, -np.inf))


rng = np.random.default_rng(0)
n, d = 6, 4
q, k = rng.normal(size=(n, d)), rng.normal(size=(n, d))
scores = q @ k.T / np.sqrt(d)            # content scores, no positions in them

bias = slopes[0] * (np.arange(n) - 5)          # -m * (i - j) for i = 5
print("bias of head 1, query 5:", np.round(bias, 3))

# 1. The same six tokens at positions 0..5 and at 1000..1005, in every head
gap = max(np.abs(alibi_weights(scores, np.arange(n), m)
                 - alibi_weights(scores, np.arange(n) + 1000, m)).max()
          for m in slopes)
assert gap < 1e-15, "a shift of the whole sequence keeps the weights"
print(f"positions 0-5 and 1000-1005, largest difference: {gap:.1e}")

# 2. Equal content scores: only the bias is left, so nearer keys win
flat = np.zeros((n, n))
for h in [0, H - 1]:
    row = alibi_weights(flat, np.arange(n), slopes[h])[-1]     # query 5
    assert np.all(np.diff(row) > 0), "nearer keys get more weight"
    assert np.allclose(row[1:] / row[:-1], np.exp(slopes[h])), \
        "each step nearer multiplies the weight by e^m"
    print(f"head {h + 1}, query 5 over keys 0 to 5")
    print(np.round(row, 3))

# 3. The reference code adds m * j instead: per row it differs by -m * i,
#    one constant for all keys, which the softmax ignores
causal = np.tril(np.ones((n, n), dtype=bool))
plus_mj = softmax(np.where(causal, scores + slopes[0] * np.arange(n), -np.inf))
gap = np.abs(plus_mj - alibi_weights(scores, np.arange(n), slopes[0])).max()
assert gap < 1e-12, "adding m * j gives the same weights"
print(f"adding m * j instead, largest difference: {gap:.1e}")
