# Masking with -inf, with the most negative finite number (finfo.min), or with
# -1e9: the same weights while a row keeps a visible position; different when
# it has none, or in float16.
import numpy as np
import torch


def softmax(row):
    e = np.exp(row - row.max())
    return e / e.sum()


scores = np.array([0.3, 1.5, -0.4])
lowest = np.finfo(np.float64).min
fills = {"-inf": -np.inf, "finfo.min": lowest, "-1e9": -1e9}

visible = np.array([True, True, False])
one = {
    name: softmax(np.where(visible, scores, fill))
    for name, fill in fills.items()
}
assert all(np.array_equal(w, one["-inf"]) for w in one.values()), \
    "one position masked: all three fills agree"
for name, w in one.items():
    print(f"one position masked, {name + ':':10}", np.round(w, 3))

nothing = np.zeros(3, dtype=bool)   # a row where every key is masked
with np.errstate(invalid="ignore"):
    every = {
        name: softmax(np.where(nothing, scores, fill))
        for name, fill in fills.items()
    }
# -inf - (-inf) = nan
assert np.all(np.isnan(every["-inf"]))
assert np.allclose(every["finfo.min"], 1 / 3) and np.allclose(
    every["-1e9"], 1 / 3
)
for name, w in every.items():
    print(f"every position masked, {name + ':':10}", np.round(w, 3))

with np.errstate(over="ignore", invalid="ignore"):
    # float16 ends at -65504
    half = np.float16(-1e9)
    # every position masked, -1e9
    half_row = softmax(np.full(3, half))
    low32 = np.float32(np.finfo(np.float32).min)
    # two finfo.min masks added
    twice = low32 + low32
assert np.isneginf(half) and np.all(np.isnan(half_row)) and np.isneginf(twice)
print(f"float16 finfo.min: {float(np.finfo(np.float16).min):.0f}")
print("-1e9 in float16:", half)
print("every position masked, -1e9 in float16:", half_row)

# PyTorch's masked_fill does not round -1e9 to -inf in a float16 tensor: it
# raises an error.
try:
    torch.zeros(3, dtype=torch.float16).masked_fill(
        torch.ones(3, dtype=torch.bool), -1e9
    )
    refused = False
except RuntimeError:
    refused = True
assert refused
print("PyTorch, float16 scores .masked_fill(mask, -1e9) raises an "
      "error:", refused)
print("finfo.min + finfo.min in float32:", twice)
