# Padded positions get outputs but have no target word: leave them out of the
# loss.
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
vocab, d = 6, 4
hidden = torch.randn(2, 5, d, dtype=torch.float64)   # what the layers produced
targets = torch.tensor([[1, 4, 0, 2, 5],
                        # -100: no target (padding)
                        [3, 3, 1, -100, -100]])
real = targets != -100
output_layer = nn.Linear(d, vocab, dtype=torch.float64)  # one score per word


def loss_of(h):
    logits = output_layer(h).reshape(-1, vocab)
    # ignore_index=-100 is the default: those positions add nothing, are not
    # counted
    return F.cross_entropy(logits, targets.reshape(-1), ignore_index=-100)


loss = loss_of(hidden)
per_token = F.cross_entropy(output_layer(hidden)[real], targets[real],
                            reduction="none")
assert torch.allclose(loss, per_token.mean()), "the mean over the real tokens"
print(f"loss with ignore_index:          {loss.item():.4f}")
print(f"mean over the real tokens only:  {per_token.mean().item():.4f}")
print("real tokens counted:", int(real.sum()))

changed = hidden.clone()
# whatever the padded rows hold ...
changed[~real] = 123.0
# ... the loss does not move
assert loss_of(changed).item() == loss.item(), "the loss does not move"
print(f"loss with other values in the padded rows: "
      f"{loss_of(changed).item():.4f}")

# ... unless they hold nan: the loss stays finite, but the gradient does not
poisoned = hidden.clone()
poisoned[~real] = float("nan")
bad_loss = loss_of(poisoned)
bad_loss.backward()
grad_nan = bool(torch.isnan(output_layer.weight.grad).any())
assert torch.isfinite(bad_loss), "the loss stays finite"
assert grad_nan, "nan in the gradient"
print(f"loss with nan in the padded rows: {bad_loss.item():.4f}")
print("gradient of the output layer's weight contains nan:", grad_nan)
with torch.no_grad():
    # one plain gradient-descent step
    output_layer.weight -= 0.1 * output_layer.weight.grad
weight_nan = bool(torch.isnan(output_layer.weight).any())
assert weight_nan, "one step puts nan into the weight"
print("after one step, the output layer's weight contains nan:", weight_nan)
