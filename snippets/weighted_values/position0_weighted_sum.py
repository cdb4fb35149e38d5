# Position 0's output, term by term: a weighted average of the value vectors.
import torch

weights = torch.tensor([[0.5, 0.3, 0.2],
                        [0.1, 0.7, 0.2],
                        [0.4, 0.3, 0.3]])
V = torch.tensor([[1.0, 2.0],
                  [3.0, 4.0],
                  [5.0, 6.0]])

terms = [weights[0, j] * V[j] for j in range(3)]
for j, term in enumerate(terms):
    print(f"{weights[0, j].item():.1f} x {V[j].tolist()} = "
          f"{[round(x, 2) for x in term.tolist()]}")
row0 = sum(terms)
print("sum =", [round(x, 2) for x in row0.tolist()])
output = weights @ V
# the same as row 0 of weights @ V
assert torch.allclose(row0, output[0]), "the sum is row 0 of weights @ V"

# A weighted average: the weights are non-negative and each row sums to 1, so
# in every row of the output, every coordinate lies between the smallest and
# largest value in its column.
assert torch.all(weights >= 0), "weights are non-negative"
assert torch.allclose(weights.sum(dim=1), torch.ones(3)), "rows sum to 1"
low, high = V.min(dim=0).values, V.max(dim=0).values
inside = bool(torch.all((low <= output) & (output <= high)))
assert inside, "every output row within the column ranges of V"
print("every output row within the column ranges of V:", inside)
