# Attention as a soft dictionary lookup: the query is compared with every key,
# and the answer is a blend of all values, weighted by how well each key matched.
import numpy as np

keys = np.array([[1.0, 0.0],    # "cat"
                 [0.0, 1.0],    # "car"
                 [0.7, 0.7]])   # "cart"
values = np.array([10.0, 20.0, 30.0])
query = np.array([1.0, 0.2])    # looks most like "cat"

scores = keys @ query                              # one match score per key
weights = np.exp(scores) / np.exp(scores).sum()    # softmax: positive, sums to 1
answer = weights @ values                          # a blend, not a single pick

assert np.isclose(weights.sum(), 1.0)
print("scores :", np.round(scores, 3))
print("weights:", np.round(weights, 3))
print("answer :", round(float(answer), 3))
print("a hard lookup would return", values[scores.argmax()])
