# Exercise: a prefix language model (as in T5's prefix-LM variant) reads a
# prompt of `prefix` tokens in both directions and generates the rest
# causally. Write prefix_lm_mask(n, prefix): the (n, n) boolean mask
# (True = may attend) under which every prompt token sees the whole prompt
# and every later token sees the prompt and the tokens up to itself.
import numpy as np


def prefix_lm_mask(n, prefix):
    """Return an (n, n) bool array."""
    causal = np.tril(np.ones((n, n), dtype=bool))
    causal[:, :prefix] = True
    return causal


# --- check ---
def attend(x, mask):
    scores = np.where(mask, x @ x.T / np.sqrt(x.shape[1]), -np.inf)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)) @ x


rng = np.random.default_rng(0)
n = 6
x = rng.normal(size=(n, 4))
for prefix in range(n + 1):
    mask = np.asarray(prefix_lm_mask(n, prefix))
    assert mask.shape == (n, n) and mask.dtype == bool, (
        f"prefix {prefix}: expected an ({n}, {n}) bool array")
    out = attend(x, mask)
    for i in range(n):
        # token i may see key j exactly when changing x[j] can move its output
        for j in range(n):
            bumped = x.copy()
            bumped[j] += 1.0
            moves = not np.allclose(attend(bumped, mask)[i], out[i])
            sees = j < prefix or j <= i
            assert moves == sees, (
                f"prefix {prefix}: token {i} should {'' if sees else 'not '}"
                f"see token {j}")
print("every prefix from 0 to 6: each token sees exactly what it should")
causal = np.tril(np.ones((n, n), dtype=bool))
is_causal = np.array_equal(prefix_lm_mask(n, 0), causal)
no_mask = bool(prefix_lm_mask(n, n).all())
assert is_causal and no_mask, "prefix 0 is causal, a whole prefix is no mask"
print("prefix 0 is the causal mask:", is_causal)
print("prefix 6 is no mask at all:", no_mask)
print("mask for n = 6, prefix = 3 (1 = may attend):")
print(prefix_lm_mask(n, 3).astype(int))
