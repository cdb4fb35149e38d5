# A task for two heads: each token t must bring back, at full strength, the
# content of the previous token (t - 1) and the content of the first token.
import numpy as np

n, big = 5, 50.0                       # big scores: near one-hot weights
P = slice(2, 2 + n)                    # rows of a W that read the position


def tokens(content):                   # two content numbers, then a
    return np.hstack([content, np.eye(n)])   # one-hot code of the position


def attend(X, W_q, W_k, W_v):
    Q, K, V = X @ W_q, X @ W_k, X @ W_v
    s = Q @ K.T / np.sqrt(K.shape[1])
    e = np.exp(s - s.max(axis=1, keepdims=True))
    weights = e / e.sum(axis=1, keepdims=True)
    return weights, weights @ V


W_q_prev, W_k_prev, W_q_first, W_k_first = (np.zeros((2 + n, n))
                                            for _ in range(4))
W_q_prev[P] = big * np.eye(n)          # query of token t: position t
W_k_prev[P] = np.eye(n, k=1)           # key of token j: position j + 1
W_q_first[P, 0] = big                  # the same query for every token
W_k_first[P.start, 0] = 1.0            # only position 0 has a key
W_v = np.vstack([np.eye(2), np.zeros((n, 2))])   # both: copy the content


def two_heads(X):
    w_prev, head_prev = attend(X, W_q_prev, W_k_prev, W_v)
    w_first, head_first = attend(X, W_q_first, W_k_first, W_v)
    return w_prev, w_first, np.hstack([head_prev, head_first])   # concat


def target(content):                   # for tokens 2 to n - 1
    return np.hstack([content[1:-1], np.repeat(content[:1], n - 2, 0)])


content = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0],
                    [-1.0, 2.0], [2.0, -1.0]])
w_prev, w_first, out = two_heads(tokens(content))
err_two = np.linalg.norm(out[2:] - target(content), axis=1).max()
other = np.random.default_rng(0).standard_normal((n, 2))
out_other = two_heads(tokens(other))[2]
err_other = np.linalg.norm(out_other[2:] - target(other), axis=1).max()

# One head with both value maps side by side (4 value numbers, as many as
# the two heads give) has one weight row a per token, whatever its W_q and
# W_k, and writes a @ V_one = [m, m]: one mixture m of the contents in both
# halves. Against the two vectors p and f the target asks for, the best m is
# (p + f) / 2, off by |p - f| / sqrt(2): weight 1/2 on each of the two.
V_one = tokens(content) @ np.hstack([W_v, W_v])
prev, first = content[1:-1], content[0]
bound = np.linalg.norm(prev - first, axis=1) / np.sqrt(2)
half = np.zeros((n, n))
for t in range(2, n):
    half[t, [0, t - 1]] = 0.5          # 1/2 on the first, 1/2 on t - 1
err_half = np.linalg.norm((half @ V_one)[2:] - target(content), axis=1)
rows = np.random.default_rng(1).dirichlet(np.ones(n), size=10000)
err_random = [np.linalg.norm(rows @ V_one - t, axis=1).min()
              for t in target(content)]     # 10000 random weight rows

assert err_two < 1e-6, "two heads reach the target to 1e-6"
assert err_other < 1e-6, "two heads reach it for other contents too"
assert np.allclose(err_half, bound), "half and half reaches the bound"
assert (np.array(err_random) >= bound - 1e-12).all(), (
    "no random weight row beats the bound")
assert bound.min() > 0.5, "one head misses every token by more than 0.5"
print("previous-token head, weights of token 3:", np.round(w_prev[3], 3))
print("first-token head, weights of token 3:", np.round(w_first[3], 3))
print("target for tokens 2 to 4")
print(target(content))
print(f"two heads, largest error: {err_two:.1e}")
print(f"two heads, other contents, largest error: {err_other:.1e}")
print("one head, best weights of token 3:", half[3])
print("one head, smallest possible error for tokens 2 to 4:",
      np.round(bound, 3))
print("one head, best of 10000 random weight rows:",
      np.round(err_random, 3))
