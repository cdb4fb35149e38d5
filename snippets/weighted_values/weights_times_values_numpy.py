# The last step of attention, with given weights: Output = weights @ V.
import numpy as np

# row i: how position i spreads its attention
weights = np.array([[0.5, 0.3, 0.2],    # position 0
                    [0.1, 0.7, 0.2],    # position 1
                    [0.4, 0.3, 0.3]])   # position 2
V = np.array([[1.0, 2.0],               # value of position 0
              [3.0, 4.0],               # value of position 1
              [5.0, 6.0]])              # value of position 2

# weights: non-negative, each row sums to 1
assert np.all(weights >= 0), "weights are non-negative"
assert np.allclose(weights.sum(axis=1), 1.0), "rows sum to 1"

# row i: sum over j of weights[i, j] * V[j]
output = weights @ V
print("output")
print(output.round(3))
