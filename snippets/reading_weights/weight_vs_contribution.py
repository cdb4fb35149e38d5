# The largest attention weight is not the largest contribution: what a token
# adds to the output is its weight times its value vector, and value vectors
# differ in size.
import numpy as np

scores = np.array([2.0, 1.5, 1.0])            # one query against three keys
weights = np.exp(scores) / np.exp(scores).sum()
V = np.array([[0.05, 0.02],                   # token 0: tiny value vector
              [1.0, 0.8],
              [1.5, -1.2]])

# what each token adds to the output
contributions = weights[:, None] * V
sizes = np.linalg.norm(contributions, axis=1)
# |w v| = w |v|, as w > 0
assert np.allclose(sizes, weights * np.linalg.norm(V, axis=1))
print("token  weight  |value|  |weight x value|")
for j in range(3):
    print(f"{j:5d}  {weights[j]:6.3f}  {np.linalg.norm(V[j]):7.3f}  "
          f"{sizes[j]:16.3f}")
print("sizes:", np.round(sizes, 3))
print("output:", np.round(contributions.sum(axis=0), 3))

by_weight = np.argsort(-weights)
by_contribution = np.argsort(-sizes)
# token 0 has the largest weight ... and the smallest contribution
assert by_weight.tolist() == [0, 1, 2], "weight order 0, 1, 2"
assert by_contribution.tolist() == [1, 2, 0], "contribution order 1, 2, 0"
print("tokens ranked by weight, largest first:      ", by_weight)
print("tokens ranked by contribution, largest first:", by_contribution)
