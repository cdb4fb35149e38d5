# Rotary position embedding (RoPE): rotate each pair of coordinates of a query
# at position m by the angle m * theta_i, and of a key at position n by
# n * theta_i. The score then depends on m - n only.
import numpy as np

d = 8
# one angle per pair, as in RoFormer
theta = 10000.0 ** (-np.arange(0, d, 2) / d)


def rope(x, position):
    """Rotate the pairs (x[0], x[1]), (x[2], x[3]), ...
    by position * theta_i."""
    cos, sin = np.cos(position * theta), np.sin(position * theta)
    out = np.empty_like(x)
    out[0::2] = x[0::2] * cos - x[1::2] * sin
    out[1::2] = x[0::2] * sin + x[1::2] * cos
    return out


# a query and a key, as they come out of W_q and W_k
q = np.array([0.3, -1.2, 0.8, 0.5, -0.4, 1.0, 0.2, -0.7])
k = np.array([1.1, 0.4, -0.6, 0.9, 0.3, -0.2, 0.7, 0.5])


def score(m, n):
    return rope(q, m) @ rope(k, n)


for offset in [2, -3]:
    print(f"m - n = {offset}")
    results = []
    for n in [3, 4, 20, 100, 1000]:
        m = n + offset
        results.append(score(m, n))
        print(f"  m = {m:4d}, n = {n:4d}: score {results[-1]:.6f}")
    # the same score at every absolute position: only m - n matters ...
    assert max(results) - min(results) < 1e-12, "only m - n matters"
    # ... and it equals rotating the query alone by m - n
    assert abs(results[0] - rope(q, offset) @ k) < 1e-12, \
        "equals rotating the query alone"
assert abs(score(2, 0) - score(0, 3)) > 0.1, (
    "another offset changes the score")
length, rotated = np.linalg.norm(q), np.linalg.norm(rope(q, 7))
assert abs(rotated - length) < 1e-12, "rotations keep lengths"
print(f"length of q: {length:.6f}, after rotating to position 7: "
      f"{rotated:.6f}")
