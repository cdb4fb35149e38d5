# Exercise: in a plain RNN, h_t = tanh(W h_{t-1} + U x_t). Write
# gradient_by_product(W, hs): the gradient of h_n with respect to h_0, given
# the hidden states hs = [h_1, ..., h_n], as the product of the n step
# Jacobians dh_t/dh_{t-1} = diag(1 - h_t^2) W.
import torch


def gradient_by_product(W, hs):
    """Return dh_n/dh_0, a (d, d) tensor."""
    product = torch.eye(W.shape[0], dtype=W.dtype)
    for h in hs:
        product = torch.diag(1 - h ** 2) @ W @ product
    return product


# --- check ---
torch.manual_seed(0)
d, W_norm = 4, 0.9
W = torch.randn(d, d, dtype=torch.float64)
W = W_norm * W / torch.linalg.matrix_norm(W, ord=2)  # spectral norm |W| = 0.9
U = torch.randn(d, d, dtype=torch.float64)
xs = torch.randn(50, d, dtype=torch.float64)         # 50 input tokens
h0 = torch.zeros(d, dtype=torch.float64)
print(f"norm of W: {torch.linalg.matrix_norm(W, ord=2).item():.1f}")


def run(h, n):
    states = []
    for t in range(n):
        h = torch.tanh(W @ h + U @ xs[t])
        states.append(h)
    return states


for n in (1, 10, 50):
    mine = gradient_by_product(W, run(h0, n))
    grad = torch.autograd.functional.jacobian(lambda h: run(h, n)[-1], h0)
    assert mine.shape == (d, d), f"n = {n}: shape {tuple(mine.shape)}"
    close = torch.allclose(mine, grad, rtol=1e-9, atol=0)
    assert close, f"n = {n}: your product differs from autograd's gradient"
    size = torch.linalg.matrix_norm(grad, ord=2).item()
    assert size <= W_norm ** n, "the gradient is at most |W|^n"
    # without the tanh factors: the product W^n alone, already below |W|^n
    W_n = torch.linalg.matrix_norm(torch.linalg.matrix_power(W, n), ord=2)
    W_n = W_n.item()
    if n > 1:
        assert size < W_n < W_norm ** n, (
            "the gradient is below |W^n|, which is below |W|^n")
    print(f"n = {n:2d}:  |dh_n/dh_0| = {size:.1e}  |W^n| = {W_n:.1e}"
          f"  0.9^n = {W_norm ** n:.1e}")
print("your product equals autograd's gradient: True")
