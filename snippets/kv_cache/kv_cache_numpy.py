# Feed the tokens in one at a time with a cache of past keys and values;
# check every step against recomputing causal attention over the whole
# prefix; count the multiply-adds of both ways.
import numpy as np

rng = np.random.default_rng(0)
n, d = 6, 8                        # 6 tokens of width 8, one attention head
# the token vectors entering the layer (float64)
X = rng.normal(size=(n, d))
W_q, W_k, W_v = (rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(3))


def softmax(s):
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def causal_attention(X):
    """Recompute everything: causal self-attention over all the rows of X."""
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    visible = np.tril(np.ones((len(X), len(X)), dtype=bool))
    scores = np.where(visible, Q @ K.T / np.sqrt(d), -np.inf)
    return softmax(scores) @ V


# newest token only: 3 projections, t scores, t values mixed
def work_with_cache(t, d):
    return 3 * d * d + t * d + t * d


# all t tokens: 3 projections each, t x t scores, t x t mixing
def work_recomputing(t, d):
    return 3 * t * d * d + t * t * d + t * t * d


K_cache, V_cache = np.zeros((0, d)), np.zeros((0, d))
worst = 0.0
print("step  K cache shape  max abs difference")
for t in range(1, n + 1):
    # only the newest token goes in
    x = X[t - 1]
    q, k, v = x @ W_q, x @ W_k, x @ W_v
    # append: earlier rows never change
    K_cache = np.vstack([K_cache, k])
    V_cache = np.vstack([V_cache, v])
    # one row of t weights, no mask
    weights = softmax(K_cache @ q / np.sqrt(d))
    out = weights @ V_cache

    # recompute everything, keep the last row
    full = causal_attention(X[:t])[-1]
    diff = np.abs(out - full).max()
    worst = max(worst, diff)
    print(f"{t:>4}  {str(K_cache.shape):>13}  {diff:.12f}")

assert worst <= 1e-12, "every step equals recomputing"
print(f"largest difference (12 decimals): {worst:.12f}")


# summed over the steps, checked against the sums in closed form
def total_work(n, d):
    cached = sum(work_with_cache(t, d) for t in range(1, n + 1))
    recomputed = sum(work_recomputing(t, d) for t in range(1, n + 1))
    assert cached == 3 * n * d * d + n * (n + 1) * d, "cached: closed form"
    assert 6 * recomputed == (9 * n * (n + 1) * d * d
                              + 2 * n * (n + 1) * (2 * n + 1) * d), \
        "recomputed: closed form"
    return cached, recomputed


cached, recomputed = total_work(n, d)
print(f"multiply-adds in the lab ({n} steps, d = {d}): cached {cached}, "
      f"recomputed {recomputed}")
n_long, d_long = 4096, 128
cached, recomputed = total_work(n_long, d_long)
print(f"multiply-adds at length {n_long} (d = {d_long}):")
print(f"  cached {cached}, recomputed {recomputed}")
print(f"recomputing does {recomputed / cached:.0f} times the work")
