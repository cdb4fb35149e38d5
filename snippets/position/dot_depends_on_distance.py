# PE(p) . PE(q) = sum_i cos(w_i (p - q)): it depends only on the distance
# |p - q|. Once learned projections W_q, W_k act on the encodings, that is no
# longer true.
import numpy as np


def sinusoidal(n_positions, d_model):
    pos = np.arange(n_positions)[:, None]
    freq = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)
    pe = np.zeros((n_positions, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.sin(pos * freq), np.cos(pos * freq)
    return pe, freq


PE, freq = sinusoidal(40, 16)
dots = PE @ PE.T                              # dots[p, q] = PE(p) . PE(q)
distance = np.abs(np.arange(40)[:, None] - np.arange(40)[None, :])
by_distance = np.cos(distance[..., None] * freq).sum(axis=-1)
error = np.abs(dots - by_distance).max()
# every one of the 40 x 40 pairs
assert error < 1e-12, "every pair follows the formula"
print("pairs checked:", dots.size)
print(f"|PE(p).PE(q) - sum_i cos(w_i |p - q|)|, largest over all pairs: "
      f"{error:.1e}")
print("PE(p).PE(q) by distance |p - q| = 0, 1, 2, 3, 4")
print(np.round(dots[0, :5], 3))
print(f"PE(3).PE(7):   {dots[3, 7]:.3f}")
print(f"PE(20).PE(24): {dots[20, 24]:.3f}")
print(f"PE(7).PE(3):   {dots[7, 3]:.3f}")
# the same distance gives the same dot product, whatever the order or the place
assert abs(dots[3, 7] - dots[20, 24]) < 1e-12, \
    "PE(3).PE(7) equals PE(20).PE(24)"
assert abs(dots[3, 7] - dots[7, 3]) < 1e-12, "PE(3).PE(7) equals PE(7).PE(3)"
# but it does not fall steadily: distance 4 scores a little more than 3
assert dots[0, 4] > dots[0, 3], "distance 4 scores more than distance 3"

# With projections, as in an attention layer, two pairs 4 apart score
# differently
rng = np.random.default_rng(0)
W_q, W_k = rng.normal(size=(16, 16)), rng.normal(size=(16, 16))
scores = (PE @ W_q) @ (PE @ W_k).T
assert abs(scores[3, 7] - scores[20, 24]) > 1.0, "two pairs 4 apart differ"
print(f"with W_q, W_k, score(3, 7):   {scores[3, 7]:.3f}")
print(f"with W_q, W_k, score(20, 24): {scores[20, 24]:.3f}")
