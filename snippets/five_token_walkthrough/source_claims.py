# A version of this example published elsewhere prints the weights and outputs
# below. They are held here as data, as that source claims them, and checked
# against the computation.
import numpy as np

X = np.array([[1.0, 0.5, 0.2],
              [0.8, 1.2, 0.3],
              [0.6, 0.9, 1.1],
              [1.1, 0.4, 0.7],
              [0.9, 0.7, 0.8]])
V = X

# the source's claim
claimed_weights = np.array([[0.182, 0.204, 0.207, 0.192, 0.198],
                            [0.170, 0.279, 0.222, 0.173, 0.186],
                            [0.162, 0.206, 0.272, 0.184, 0.208],
                            [0.188, 0.213, 0.224, 0.219, 0.215],
                            [0.178, 0.212, 0.239, 0.204, 0.244]])
# the source's claim
claimed_output = np.array([[0.87, 0.74, 0.59],
                           [0.83, 0.88, 0.58],
                           [0.83, 0.78, 0.68],
                           [0.88, 0.73, 0.63],
                           [0.84, 0.78, 0.70]])

scores = X @ X.T / np.sqrt(X.shape[1])
e = np.exp(scores - scores.max(axis=1, keepdims=True))
weights = e / e.sum(axis=1, keepdims=True)
output = weights @ V

# 1. No claimed row sums to 1. Rounding 5 entries to 3 decimals moves a sum by
# 5 x 0.0005 at most.
sums = claimed_weights.sum(axis=1)
sum_bound = 5 * 0.0005
print("claimed row sums:", np.round(sums, 3))
print(f"rounding can move a row sum by at most: {sum_bound:.4f}")
assert np.all(np.abs(sums - 1) > sum_bound)

# 2. The claimed weights do not give the claimed outputs. Rounding could
# explain at most 0.005 (outputs to 2 decimals) + 5 x 0.0005 x the largest
# |value| (weights to 3 decimals).
gap_own = np.abs(claimed_weights @ V - claimed_output).max()
output_bound = 0.005 + 5 * 0.0005 * np.abs(V).max()
print(f"claimed weights @ V and claimed output differ by up to: {gap_own:.3f}")
print(f"rounding can explain at most: {output_bound:.3f}")
assert gap_own > output_bound

# 3. Neither matches the computation, beyond the rounding of what was printed.
gap_weights = np.abs(weights - claimed_weights).max()
gap_output = np.abs(output - claimed_output).max()
print(f"computed and claimed weights differ by up to: {gap_weights:.3f}")
print(f"computed and claimed output differ by up to: {gap_output:.3f}")
assert gap_weights > 0.0005 and gap_output > 0.005
