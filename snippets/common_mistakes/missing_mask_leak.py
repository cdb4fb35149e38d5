# No causal mask while training a decoder: position 0's output changes when a
# *later* token changes, so in training it could read the token it is asked to
# predict. With the mask it cannot.
import numpy as np


def attend(X, causal):
    scores = X @ X.T / np.sqrt(X.shape[1])
    if causal:
        scores = np.where(
            np.tril(np.ones(scores.shape, dtype=bool)), scores, -1e9
        )
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)) @ X


rng = np.random.default_rng(1)
X = rng.normal(size=(4, 3))
X_future_changed = X.copy()
X_future_changed[3] = [3.0, -3.0, 3.0]   # only the last token differs

for causal in (False, True):
    before = attend(X, causal)[0]
    after = attend(X_future_changed, causal)[0]
    print(f"causal={causal!s:5}  position 0 before {np.round(before, 3)}")
    print(f"                          after {np.round(after, 3)}  changed: "
          f"{not np.allclose(before, after)}")

assert not np.allclose(attend(X, False)[0],
                       attend(X_future_changed, False)[0]), \
    "unmasked: position 0 changes"
assert np.allclose(attend(X, True)[:3], attend(X_future_changed, True)[:3]), \
    "masked: positions 0 to 2 unchanged"
