# Why divide by sqrt(d_k)? Dot products of random d_k-dimensional vectors grow
# like sqrt(d_k), so without scaling the softmax turns almost one-hot as d_k
# grows, and the weights stop responding to the scores.
import numpy as np

rng = np.random.default_rng(0)
n_keys, n_queries = 8, 500


def softmax(scores):
    shifted = scores - scores.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def response(weights):
    """Sum of |d weight_i / d score_j| over all i, j, averaged over the
    queries."""
    w = weights[..., :, None]
    # w_i (delta_ij - w_j)
    jacobian = w * (np.eye(n_keys) - weights[..., None, :])
    return np.abs(jacobian).sum(axis=(-2, -1)).mean()


print(" d_k  raw std  raw/sqrt(d_k)  max weight: raw  scaled  "
      "sum |dw/dz|: raw  scaled")
rows = []
for d_k in [4, 16, 64, 256, 1024]:
    # entries with mean 0, variance 1
    q = rng.standard_normal((n_queries, 1, d_k))
    K = rng.standard_normal((n_queries, n_keys, d_k))
    # (n_queries, n_keys) dot products
    raw = (q * K).sum(axis=-1)
    scaled = raw / np.sqrt(d_k)
    w_raw, w_scaled = softmax(raw), softmax(scaled)
    row = (d_k, raw.std(), raw.std() / np.sqrt(d_k),
           # average over queries
           w_raw.max(axis=-1).mean(), w_scaled.max(axis=-1).mean(),
           response(w_raw), response(w_scaled))
    rows.append(row)
    print("{:4d}  {:7.2f}  {:13.2f}  {:15.3f}  {:6.3f}  {:16.3f}  "
          "{:6.3f}".format(*row))

d_ks, std, ratio, top_raw, top_scaled, resp_raw, resp_scaled = map(
    np.array, zip(*rows)
)
assert np.all(np.abs(ratio - 1) < 0.05), "raw std close to sqrt(d_k)"
assert np.all(np.diff(top_raw) > 0) and np.all(np.diff(resp_raw) < 0)
assert np.all(top_raw[d_ks >= 64] > 0.8) and np.all(top_scaled < 0.5)
assert resp_raw[-1] < resp_scaled[-1] / 10
print(f"raw std / sqrt(d_k): between {ratio.min():.2f} and {ratio.max():.2f}")
print(f"largest weight, raw: from {top_raw[0]:.3f} up to {top_raw[-1]:.3f}")
print(f"largest weight, scaled: between {top_scaled.min():.3f} and "
      f"{top_scaled.max():.3f}")
print(f"sum |dw/dz|, raw: from {resp_raw[0]:.3f} down to {resp_raw[-1]:.3f}")
print(f"sum |dw/dz|, scaled: between {resp_scaled.min():.3f} and "
      f"{resp_scaled.max():.3f}")
