# Count, don't time: multiply-adds of one attention layer and of one recurrent
# layer, and the size of the score matrix, as the sequence length n grows at a
# fixed width d.
# the width of each token vector (the base Transformer's d_model)
d = 512
bytes_per_float = 4     # float32


def attention_macs(n, d):
    # scores Q Kᵀ: n x n dot products of length d   -> n·n·d multiply-adds
    # mixing weights @ V: n x d sums over n keys     -> n·n·d multiply-adds
    return 2 * n * n * d


def recurrent_macs(n, d):
    # h_t = tanh(W h_(t-1) + U x_t): two d x d matrix-vector products per step,
    # n steps
    return 2 * n * d * d


ns = [2**p for p in range(7, 16)]   # n = 128, 256, ..., 32768
attention = [attention_macs(n, d) for n in ns]
recurrent = [recurrent_macs(n, d) for n in ns]
# one n x n matrix: one head, one sequence
score_bytes = [n * n * bytes_per_float for n in ns]

print(f"width d: {d}")
print("      n  attention MACs  recurrent MACs  attention/recurrent  score "
      "matrix MiB")
for n, a, r, b in zip(ns, attention, recurrent, score_bytes):
    print(f"{n:>7}  {a:>14}  {r:>14}  {a / r:>19.2f}  {b / 2**20:>16.2f}")

for i in range(1, len(ns)):   # each doubling of n: attention x4, recurrent x2
    assert attention[i] == 4 * attention[i - 1], "attention x4 per doubling"
    assert recurrent[i] == 2 * recurrent[i - 1], "recurrent x2 per doubling"
assert attention_macs(d, d) == recurrent_macs(d, d), "equal counts at n = d"
pairs = list(zip(ns, attention, recurrent))
fewer = all(a < r for n, a, r in pairs if n < d)  # each shorter n of the table
more = all(a > r for n, a, r in pairs if n > d)   # each longer n of the table
assert fewer and more, "fewer MACs below n = d, more above"
print("doubling n multiplies them "
      "by:", attention[1] // attention[0], recurrent[1] // recurrent[0])
print("equal counts at n =", d)
print("score matrix at n = 32768, in bytes:", score_bytes[-1])
print("attention needs fewer MACs for every n in the table below d:", fewer)
print("attention needs more MACs for every n in the table above d:", more)
