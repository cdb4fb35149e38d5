# Exercise: on the position page, M_k is the matrix that moves a sinusoidal
# encoding k positions on, M_k @ pe(p) == pe(p + k). Before running, predict
# whether each of these holds for every a, b and k (True or False).
import numpy as np

prediction = {
    "M_(a+b) == M_b @ M_a": True,
    "M_k == (M_1)^k": True,
    "M_(-k) == transpose(M_k)": True,
    "M_k is the same for every dimension pair": False,
}

# --- check ---
assert all(prediction[q] in (True, False) for q in prediction), (
    "prediction: answer each question True or False")
d = 16
w = 10000.0 ** (-np.arange(0, d, 2) / d)        # one frequency per pair


def M(k):
    out = np.zeros((d, d))
    for i, w_i in enumerate(w):
        c, s = np.cos(k * w_i), np.sin(k * w_i)
        out[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[c, s], [-s, c]]
    return out


def pe(p):
    return np.stack([np.sin(p * w), np.cos(p * w)], axis=1).reshape(d)


assert np.allclose(M(5) @ pe(3), pe(8)), "M_k moves pe(p) to pe(p + k)"
cases = [(a, b) for a in (-3, 1, 4) for b in (2, 7)]
truth = {
    "M_(a+b) == M_b @ M_a":
        all(np.allclose(M(a + b), M(b) @ M(a)) for a, b in cases),
    "M_k == (M_1)^k":
        all(np.allclose(M(k), np.linalg.matrix_power(M(1), k))
            for k in (2, 7)),
    "M_(-k) == transpose(M_k)":
        all(np.allclose(M(-k), M(k).T) for k in (1, 4, 9)),
    "M_k is the same for every dimension pair":
        np.allclose(M(5)[:2, :2], M(5)[2:4, 2:4]),
}
wrong = [q for q in truth if prediction[q] != truth[q]]
assert not wrong, f"not quite: {wrong} hold the other way round"
for question, holds in truth.items():
    print(f"{question}: {holds}")
assert truth["M_(a+b) == M_b @ M_a"], "M_(a+b) = M_b M_a"
assert truth["M_k == (M_1)^k"], "M_k = (M_1)^k"
assert truth["M_(-k) == transpose(M_k)"], "M_(-k) = transpose(M_k)"
