# -inf or -1e9 for masked scores? Identical while a row has a visible position;
# different when a row has none.
import numpy as np


def softmax(row):
    e = np.exp(row - row.max())
    return e / e.sum()


scores = np.array([0.3, 1.5, -0.4])
visible = np.array([True, True, False])
with_inf = softmax(np.where(visible, scores, -np.inf))
with_big = softmax(np.where(visible, scores, -1e9))
assert np.array_equal(with_inf, with_big)
print("one position masked, -inf:", np.round(with_inf, 3))
print("one position masked, -1e9:", np.round(with_big, 3))

nothing = np.zeros(3, dtype=bool)   # e.g. a padding row where every key is masked
with np.errstate(invalid="ignore"):
    all_inf = softmax(np.where(nothing, scores, -np.inf))   # -inf - (-inf) = nan
all_big = softmax(np.where(nothing, scores, -1e9))           # silently uniform
print("every position masked, -inf:", all_inf)
print("every position masked, -1e9:", np.round(all_big, 3))

with np.errstate(over="ignore"):
    print("-1e9 stored in float16:", np.float16(-1e9))   # out of range: it becomes -inf
