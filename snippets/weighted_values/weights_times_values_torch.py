# The last step of attention: Output = weights @ V.
import torch

weights = torch.tensor([[0.5, 0.3, 0.2],    # how position 0 spreads its attention
                        [0.1, 0.7, 0.2],    # position 1
                        [0.4, 0.3, 0.3]],   # position 2
                       dtype=torch.float64)
V = torch.tensor([[1.0, 2.0],               # value of position 0
                  [3.0, 4.0],               # value of position 1
                  [5.0, 6.0]],              # value of position 2
                 dtype=torch.float64)

output = weights @ V
print(output.numpy().round(3))
