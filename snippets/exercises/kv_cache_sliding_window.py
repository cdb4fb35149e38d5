# Exercise: during generation, keep only the last W keys and values in the
# cache, dropping the oldest when a new one arrives. Which attention does
# generation then compute? Write band_mask(n, W), the (n, n) boolean mask
# (True = may attend) of that attention over all n tokens at once.
import numpy as np


def band_mask(n, W):
    """Return an (n, n) bool array."""
    i, j = np.indices((n, n))
    return (j <= i) & (j > i - W)


# --- check ---
rng = np.random.default_rng(0)
n, d, W = 8, 4, 3
X = rng.normal(size=(n, d))
W_q, W_k, W_v = (rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(3))


def softmax(s):
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# generation with a cache that drops its oldest entry once it holds W
K_cache, V_cache, outputs, largest = np.zeros((0, d)), np.zeros((0, d)), [], 0
for x in X:
    K_cache = np.vstack([K_cache, x @ W_k])[-W:]
    V_cache = np.vstack([V_cache, x @ W_v])[-W:]
    largest = max(largest, len(K_cache))
    outputs.append(softmax(K_cache @ (x @ W_q) / np.sqrt(d)) @ V_cache)
outputs = np.array(outputs)

band = band_mask(n, W)
assert band.shape == (n, n), f"mask shape {band.shape}, expected ({n}, {n})"
scores = np.where(band, (X @ W_q) @ (X @ W_k).T / np.sqrt(d), -np.inf)
banded = softmax(scores) @ (X @ W_v)
print(f"tokens: {n}, window: {W}")
print("band mask (1 = may attend):")
print(band.astype(int))
assert largest <= W, "the cache never holds more than W"
print("largest cache:", largest, "entries")
diff = np.abs(outputs - banded).max()
assert diff <= 1e-12, "the cache equals the band mask"
print("the cache equals attention with your mask to 1e-12:", diff <= 1e-12)
