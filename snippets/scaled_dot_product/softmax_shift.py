# The softmax depends only on the differences between scores:
# softmax(z - c) = softmax(z) for any number c. Subtracting the largest score
# first keeps exp from overflowing.
import math

import numpy as np
import torch


def softmax_naive(z):
    e = np.exp(z)
    return e / e.sum()


def softmax_stable(z):
    # the largest exponent is now 0, so every e lies in (0, 1]
    e = np.exp(z - z.max())
    return e / e.sum()        # and the sum is at least 1


z = np.array([1.0, 2.0, 3.0])
for c in [-50.0, 2.5, z.max(), 50.0]:
    assert np.allclose(softmax_naive(z - c), softmax_naive(z)), \
        "a shift leaves the weights unchanged"
print("softmax(z):           ", np.round(softmax_naive(z), 3))
print("softmax(z - max(z)):  ", np.round(softmax_naive(z - z.max()), 3))

big = z + 1000.0              # the same differences, large scores
with np.errstate(over="ignore", invalid="ignore"):
    exps = np.exp(big)            # exp(z + 1000): inf in float64
    naive = softmax_naive(big)    # and inf / inf is nan
stable = softmax_stable(big)
built_in = torch.softmax(torch.tensor(big), dim=0).numpy()
assert np.all(np.isinf(exps)), "exp first: every exponential overflows"
assert np.all(np.isnan(naive)), "exp first: nan"
assert np.allclose(stable, softmax_naive(z)), "max subtracted: right weights"
assert np.allclose(built_in, stable), "torch.softmax: right weights"
print("softmax(z + 1000), exp first:         ", np.round(naive, 3))
print("softmax(z + 1000), max subtracted:    ", np.round(stable, 3))
print("softmax(z + 1000), torch.softmax:     ", np.round(built_in, 3))

# exp(x) overflows once x exceeds log(largest number of the type). bfloat16 has
# float32's range with fewer digits; eps is the gap between 1 and the next
# number.
types = [torch.float64, torch.float32, torch.bfloat16, torch.float16]
limits = {str(t)[6:]: math.log(torch.finfo(t).max) for t in types}
for t, x in limits.items():
    print(f"exp overflows above, {t + ':':9} {x:.2f}")
print("largest float16:", int(torch.finfo(torch.float16).max))
print("eps, bfloat16:", torch.finfo(torch.bfloat16).eps)
print("eps, float16:", round(torch.finfo(torch.float16).eps, 6))
