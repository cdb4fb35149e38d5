# Why the running maximum: exp of a large score overflows. Block-by-block
# attention for one query in float32, with and without subtracting the running
# maximum.
import numpy as np

for dtype in (np.float16, np.float32, np.float64):
    # exp(x) is inf above this x
    largest = np.log(float(np.finfo(dtype).max))
    print(f"{np.dtype(dtype).name}: exp(x) exceeds the largest "
          f"{np.dtype(dtype).name} for x above {largest:.2f}")

# one query's scores
scores = np.array([95.0, 20.0, 100.0, 97.0, -3.0, 60.0], dtype=np.float32)
# six value vectors
V = np.arange(1, 13, dtype=np.float32).reshape(6, 2)
block = 2
print("scores of one query:", scores)


def blockwise(scores, V, use_max):
    # without: m stays 0
    m = np.float32(-np.inf) if use_max else np.float32(0.0)
    total, acc = np.float32(0.0), np.zeros(2, dtype=np.float32)
    for j in range(0, len(scores), block):
        s = scores[j:j + block]
        m_new = max(m, s.max()) if use_max else m
        rescale = np.exp(m - m_new)
        p = np.exp(s - m_new)
        total = total * rescale + p.sum()
        acc = acc * rescale + p @ V[j:j + block]
        m = m_new
    return total, acc                                      # not yet divided


# let overflow happen, silently
with np.errstate(over="ignore", invalid="ignore"):
    naive_total, naive_acc = blockwise(scores, V, use_max=False)
    naive = naive_acc / naive_total
stable_total, stable_acc = blockwise(scores, V, use_max=True)
stable = stable_acc / stable_total

# reference: full softmax in float64
s64 = scores.astype(np.float64)
w = np.exp(s64 - s64.max()) / np.exp(s64 - s64.max()).sum()
reference = w @ V.astype(np.float64)

overflows = not (np.isfinite(stable_total) and np.isfinite(stable_acc).all())

assert np.isinf(naive_total), "the running sum overflows to inf"
assert np.isinf(naive_acc).all(), "the weighted sum overflows to inf"
assert np.isnan(naive).all(), "inf / inf is nan"
assert not overflows, "with the max, nothing overflows"
assert np.abs(stable - reference).max() <= 1e-5, "float32 blocks match float64"
print("without the running max, the running sum: ", np.round(naive_total, 4))
print("without the running max, the weighted sum:", np.round(naive_acc, 4))
print("without the running max:", np.round(naive, 4))
print("with the running max:   ", np.round(stable, 4))
print("with the running max, a sum overflows:", overflows)
print("float64 full softmax:   ", np.round(reference, 4))
print(f"max abs difference, float32 blocks vs float64: "
      f"{np.abs(stable - reference).max():.1e}")
