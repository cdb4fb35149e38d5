# Another tutorial shows this example with an output that weights @ V does not
# give.
import torch

weights = torch.tensor([[0.5, 0.3, 0.2],
                        [0.1, 0.7, 0.2],
                        [0.4, 0.3, 0.3]], dtype=torch.float64)
V = torch.tensor([[1.0, 2.0],
                  [3.0, 4.0],
                  [5.0, 6.0]], dtype=torch.float64)
# the output that tutorial shows: its claim, not a result
claimed = torch.tensor([[2.2, 3.2],
                        [2.8, 3.8],
                        [2.6, 3.6]], dtype=torch.float64)

computed = weights @ V
for i in range(3):
    print(f"row {i}: claimed {claimed[i].numpy().round(3)}, computed "
          f"{computed[i].numpy().round(3)}")

difference = computed - claimed
# the same in both entries of a row
assert torch.allclose(difference[:, 0], difference[:, 1]), \
    "the same gap in both entries of a row"
assert torch.all(difference > 0), "every claimed entry is too low"
print("computed - claimed, by row:", difference[:, 0].numpy().round(3))
rows_right = sum(torch.allclose(computed[i], claimed[i]) for i in range(3))
assert rows_right == 0, "no claimed row is right"
print("claimed rows that are right:", rows_right, "of", len(claimed))
# a range check does not catch them: every claimed entry is a plausible average
inside = bool(((claimed >= V.min(dim=0).values)
               & (claimed <= V.max(dim=0).values)).all())
assert inside, "the claimed rows lie within the range of V's columns"
