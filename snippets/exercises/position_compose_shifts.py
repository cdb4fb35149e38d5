# Exercise: shifting by a, then by b, is shifting by a + b. Check it on the rotation
# matrices: M_(a+b) = M_b M_a, M_k = (M_1)^k, and M_(-k) = transpose(M_k).
import numpy as np

d_model = 16
freq = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)


def shift_matrix(k):
    M = np.zeros((d_model, d_model))
    for i, w in enumerate(freq):
        c, s = np.cos(k * w), np.sin(k * w)
        M[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[c, s], [-s, c]]
    return M


compose = np.abs(shift_matrix(5) - shift_matrix(3) @ shift_matrix(2)).max()
power = np.abs(shift_matrix(7) - np.linalg.matrix_power(shift_matrix(1), 7)).max()
inverse = np.abs(shift_matrix(-4) - shift_matrix(4).T).max()
assert compose < 1e-12, "M_(a+b) = M_b M_a"
assert power < 1e-12, "M_k = (M_1)^k"
assert inverse < 1e-12, "M_(-k) = transpose(M_k)"
print(f"max |M_5 - M_3 M_2|: {compose:.1e}")
print(f"max |M_7 - (M_1)^7|: {power:.1e}")
print(f"max |M_-4 - transpose(M_4)|: {inverse:.1e}")
print(f"largest of the three: {max(compose, power, inverse):.1e}")
