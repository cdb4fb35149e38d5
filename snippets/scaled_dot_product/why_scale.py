# Why divide by sqrt(d_k)? Dot products of random d_k-dimensional vectors grow like
# sqrt(d_k), so without scaling the softmax turns almost one-hot as d_k grows.
import numpy as np

rng = np.random.default_rng(0)
n_keys, n_queries = 8, 500


def softmax(scores):
    shifted = scores - scores.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


print(" d_k  score std (raw)  largest weight (raw)  largest weight (scaled)")
top = {"raw": [], "scaled": []}
for d_k in [4, 16, 64, 256, 1024]:
    q = rng.standard_normal((n_queries, 1, d_k))     # entries with mean 0, variance 1
    K = rng.standard_normal((n_queries, n_keys, d_k))
    raw = (q * K).sum(axis=-1)                       # (n_queries, n_keys) dot products
    scaled = raw / np.sqrt(d_k)
    top_raw = softmax(raw).max(axis=-1).mean()       # average over queries
    top_scaled = softmax(scaled).max(axis=-1).mean()
    top["raw"].append(top_raw)
    top["scaled"].append(top_scaled)
    print(f"{d_k:4d}  {raw.std():15.2f}  {top_raw:20.3f}  {top_scaled:23.3f}")
    if d_k >= 64:
        assert top_raw > 0.8 and top_scaled < 0.5    # raw: nearly one-hot; scaled: soft
print(f"largest weight, raw: from {top['raw'][0]:.3f} up to {max(top['raw']):.3f}")
print(f"largest weight, scaled: between {min(top['scaled']):.3f} and {max(top['scaled']):.3f}")
