# PE(pos + k) is a fixed linear map of PE(pos): each (sin, cos) pair is
# turned by the angle k * w_i, the same rotation whatever pos is
# (Vaswani et al. 2017, §3.5).
import numpy as np


def sinusoidal(n_positions, d_model):
    pos = np.arange(n_positions)[:, None]
    freq = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)
    pe = np.zeros((n_positions, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.sin(pos * freq), np.cos(pos * freq)
    return pe, freq


def shift_matrix(k, freq):
    """Block-diagonal M_k, one 2x2 rotation per pair:
    PE[pos + k] = M_k @ PE[pos]."""
    M = np.zeros((2 * len(freq), 2 * len(freq)))
    for i, w in enumerate(freq):
        c, s = np.cos(k * w), np.sin(k * w)
        # sin(a + b) = sin a cos b + cos a sin b
        # cos(a + b) = cos a cos b - sin a sin b
        M[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[c, s], [-s, c]]
    return M


PE, freq = sinusoidal(40, 16)
k = 3
M = shift_matrix(k, freq)
# row pos is M_k @ PE[pos], for each pos with pos + k in PE
predicted = PE[:-k] @ M.T
error = np.abs(predicted - PE[k:]).max()
assert error < 1e-12, "M_k takes every position k further"
# a rotation: orthogonal (it keeps lengths and angles), with determinant +1
assert (np.allclose(M @ M.T, np.eye(16))
        and np.linalg.det(M) > 0), "M_k is a rotation"
print("k:", k)
print("M_k, first 2x2 block (frequency w_0 = 1)")
print(np.round(M[:2, :2], 3))
print("M_k, last 2x2 block")
print(np.round(M[-2:, -2:], 3))
print("positions checked:", len(predicted))
print(f"largest |M_k PE(pos) - PE(pos + k)|: {error:.1e}")
