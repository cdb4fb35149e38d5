# Rotary position embedding (RoPE): rotate each pair of coordinates of a query
# at position m by the angle m * theta_i, and of a key at position n by
# n * theta_i. The score then depends on m - n only.
import torch

d = 8
# one per pair
theta = 10000.0 ** (-torch.arange(0, d, 2, dtype=torch.float64) / d)


def rope(x, position):
    """Rotate the pairs (x[0], x[1]), (x[2], x[3]), ...
    by position * theta_i."""
    cos, sin = torch.cos(position * theta), torch.sin(position * theta)
    out = torch.empty_like(x)
    out[0::2] = x[0::2] * cos - x[1::2] * sin
    out[1::2] = x[0::2] * sin + x[1::2] * cos
    return out


# a query and a key, as they come out of W_q and W_k
q = torch.tensor(
    [0.3, -1.2, 0.8, 0.5, -0.4, 1.0, 0.2, -0.7], dtype=torch.float64
)
k = torch.tensor(
    [1.1, 0.4, -0.6, 0.9, 0.3, -0.2, 0.7, 0.5], dtype=torch.float64
)


def score(m, n):
    return (rope(q, m) @ rope(k, n)).item()


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
    assert abs(results[0] - (rope(q, offset) @ k).item()) < 1e-12, \
        "equals rotating the query alone"
assert abs(score(2, 0) - score(0, 3)) > 0.1, (
    "another offset changes the score")
length, rotated = q.norm().item(), rope(q, 7).norm().item()
assert abs(rotated - length) < 1e-12, "rotations keep lengths"
print(f"length of q: {length:.6f}, after rotating to position 7: "
      f"{rotated:.6f}")
