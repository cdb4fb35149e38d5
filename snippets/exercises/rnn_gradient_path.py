# Exercise 5: in a plain RNN, h_t = tanh(W h_{t-1} + U x_t), the gradient of h_n with respect
# to h_0 is a product of n Jacobians, one per step: diag(1 - h_t^2) W. Each has norm at most
# |W|, so with |W| = 0.9 the gradient across n steps is at most 0.9^n. |W| is the spectral
# norm, the largest singular value.
import torch

torch.manual_seed(0)
d, W_norm = 4, 0.9
W = torch.randn(d, d, dtype=torch.float64)
W = W_norm * W / torch.linalg.matrix_norm(W, ord=2)     # spectral norm |W| = 0.9
U = torch.randn(d, d, dtype=torch.float64)
xs = torch.randn(50, d, dtype=torch.float64)            # 50 input tokens
h0 = torch.zeros(d, dtype=torch.float64)
print(f"norm of W: {torch.linalg.matrix_norm(W, ord=2).item():.1f}")


def run(h, n):
    for t in range(n):
        h = torch.tanh(W @ h + U @ xs[t])
    return h


for n in (1, 10, 50):
    grad = torch.autograd.functional.jacobian(lambda h: run(h, n), h0)   # dh_n / dh_0
    h, product = h0, torch.eye(d, dtype=torch.float64)
    for t in range(n):                                   # the same, one Jacobian per step
        h = torch.tanh(W @ h + U @ xs[t])
        product = torch.diag(1 - h ** 2) @ W @ product
    assert torch.allclose(grad, product), "autograd equals the product"
    size = torch.linalg.matrix_norm(grad, ord=2).item()
    assert size <= W_norm ** n, "the gradient is at most |W|^n"
    # without the tanh factors: the product W^n alone, already below |W|^n
    W_n = torch.linalg.matrix_norm(torch.linalg.matrix_power(W, n), ord=2).item()
    if n > 1:
        assert size < W_n < W_norm ** n, (
            "the gradient is below |W^n|, which is below |W|^n")
    print(f"n = {n:2d}:  |dh_n/dh_0| = {size:.1e}  |W^n| = {W_n:.1e}  0.9^n = {W_norm ** n:.1e}")
print("gradient = product of the n step Jacobians: True")
