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
    print(f"{weights[0, j].item():.1f} x {V[j].tolist()} = {[round(x, 2) for x in term.tolist()]}")
row0 = sum(terms)
print("sum =", [round(x, 2) for x in row0.tolist()])

# It is a weighted average: the weights are positive and sum to 1, so every output
# coordinate lies between the smallest and largest value in that column.
assert torch.isclose(weights[0].sum(), torch.tensor(1.0))
assert torch.all(V.min(dim=0).values <= row0) and torch.all(row0 <= V.max(dim=0).values)
assert torch.allclose(row0, (weights @ V)[0])

claimed = torch.tensor([2.2, 3.2])   # the row 0 that a widely copied version of this example shows
print("claimed elsewhere [2.2, 3.2] matches the computation:", torch.allclose(row0, claimed))
