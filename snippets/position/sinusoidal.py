# Sinusoidal position encodings (Vaswani et al. 2017, section 3.5). Position
# pos gets
#   PE[pos, 2i] = sin(pos * w_i),  PE[pos, 2i+1] = cos(pos * w_i),
# with one frequency w_i = 1 / 10000^(2i / d_model) per (sin, cos) pair.
import numpy as np


def sinusoidal(n_positions, d_model):
    # (n_positions, 1)
    pos = np.arange(n_positions)[:, None]
    # w_i, one per pair
    freq = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)
    pe = np.zeros((n_positions, d_model))
    pe[:, 0::2] = np.sin(pos * freq)
    pe[:, 1::2] = np.cos(pos * freq)
    return pe, freq


PE, freq = sinusoidal(40, 16)
print("PE shape:", PE.shape)
print("PE[0]")
print(np.round(PE[0], 3))
print("PE[1]")
print(np.round(PE[1], 3))
print("wavelengths in positions per turn")
print([round(float(w), 1) for w in 2 * np.pi / freq])

# every (sin, cos) pair is a point on the unit circle, so every entry is in
# [-1, 1]
assert np.allclose(PE[:, 0::2] ** 2 + PE[:, 1::2] ** 2, 1.0), \
    "every pair on the unit circle"
# no two positions share an encoding
gaps = np.linalg.norm(PE[:, None, :] - PE[None, :, :], axis=-1)
closest = gaps[~np.eye(len(PE), dtype=bool)].min()
assert closest > 0.5, "every position its own vector"
print(f"smallest distance between two positions' encodings: {closest:.3f}")

# over these 40 positions the first columns swing through [-1, 1], the last
# ones barely move away from their values at position 0
drift = np.abs(PE - PE[0]).max(axis=0)
print("largest change from position 0, per column")
with np.printoptions(suppress=True):
    print(np.round(drift, 3))
print(f"last four dimensions change by at most: {drift[-4:].max():.3f}")
