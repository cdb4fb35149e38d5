# Forgetting 1/sqrt(d_k): with d_k = 512 the raw scores are so spread out that
# the softmax saturates. What happens to the gradient that trains the queries
# (and through them W_q)?
import torch

torch.manual_seed(0)
d_k, n_keys, n_queries = 512, 8, 1000
q = torch.randn(n_queries, 1, d_k, dtype=torch.float64)
K = torch.randn(n_queries, n_keys, d_k, dtype=torch.float64)

print("             max weight  median |dL/dq|  mean |dL/dq|  max |dL/dq|"
      "  < 1e-3")
stats = {}
for label, scale in [("no scale", 1.0), ("1/sqrt(d_k)", d_k**-0.5)]:
    query = q.clone().requires_grad_()
    scores = (query * K).sum(-1) * scale
    weights = torch.softmax(scores, dim=-1)
    # L: each query's weight on key 0
    weights[:, 0].sum().backward()
    norm = query.grad.norm(dim=-1).flatten()  # |dL/dq|, one per query
    s = {
        "largest": weights.max(-1).values.mean().item(),
        "median": norm.median().item(),
        "mean": norm.mean().item(),
        "max": norm.max().item(),
        "below": (norm < 1e-3).double().mean().item(),
    }
    print(f"{label:13}{s['largest']:.3f}       {s['median']:<14.2g}  "
          f"{s['mean']:<12.3f}  {s['max']:<11.3f}  {100 * s['below']:.1f}%")
    stats[label] = s
    # which queries still get a gradient? those closest to a tie:
    if label == "no scale":
        # key 0 against the best other key
        best_other = scores[:, 1:].max(-1).values
        gap = (scores[:, 0] - best_other).abs().detach()
        learns = norm >= 1e-3
        assert gap[learns].max() < gap[~learns].min(), \
            "the queries that learn are the closest to a tie"

raw, scaled = stats["no scale"], stats["1/sqrt(d_k)"]
assert raw["largest"] > 0.9 and scaled["largest"] < 0.5, (
    "saturated without the scale, soft with it")
assert raw["median"] < 1e-9 < scaled["median"], (
    "without the scale the typical query gets practically no gradient")
assert raw["below"] > 0.8 and scaled["below"] == 0, (
    "without the scale most queries get almost no gradient, with it none do")
assert raw["mean"] > scaled["mean"] and raw["max"] > 10 * scaled["max"], (
    "without the scale the mean is larger, the largest over 10 times larger")
