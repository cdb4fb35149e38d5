# Feed the tokens in one at a time with a cache of past keys and values;
# check every step against recomputing causal attention over the whole
# prefix; count the multiply-adds of both ways.
import torch

gen = torch.Generator().manual_seed(0)
n, d = 6, 8                        # 6 tokens of width 8, one attention head
# the token vectors entering the layer
X = torch.randn(n, d, generator=gen, dtype=torch.float64)
W_q, W_k, W_v = (
    torch.randn(d, d, generator=gen, dtype=torch.float64) / d**0.5
    for _ in range(3)
)


def causal_attention(X):
    """Recompute everything: causal self-attention over all the rows of X."""
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    future = torch.triu(
        torch.ones(len(X), len(X), dtype=torch.bool), diagonal=1
    )
    scores = (Q @ K.T / d**0.5).masked_fill(future, float("-inf"))
    return torch.softmax(scores, dim=-1) @ V


# newest token only: 3 projections, t scores, t values mixed
def work_with_cache(t, d):
    return 3 * d * d + t * d + t * d


# all t tokens: 3 projections each, t x t scores, t x t mixing
def work_recomputing(t, d):
    return 3 * t * d * d + t * t * d + t * t * d


K_cache = torch.zeros(0, d, dtype=torch.float64)
V_cache = torch.zeros(0, d, dtype=torch.float64)
worst = 0.0
print("step  K cache shape  max abs difference")
for t in range(1, n + 1):
    # only the newest token goes in
    x = X[t - 1]
    q, k, v = x @ W_q, x @ W_k, x @ W_v
    # append: earlier rows never change
    K_cache = torch.cat([K_cache, k[None]])
    V_cache = torch.cat([V_cache, v[None]])
    # one row of t weights, no mask
    weights = torch.softmax(K_cache @ q / d**0.5, dim=-1)
    out = weights @ V_cache

    # recompute everything, keep the last row
    full = causal_attention(X[:t])[-1]
    diff = (out - full).abs().max().item()
    worst = max(worst, diff)
    print(f"{t:>4}  {str(tuple(K_cache.shape)):>13}  {diff:.12f}")

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
