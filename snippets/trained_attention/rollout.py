# Two layers: attention rollout (Abnar & Zuidema 2020) follows the weights
# through both layers and the residual connections. Compared at one second-copy
# query with layer 1's raw weights and with an ablation: replace the token at
# one position and measure the loss.
import torch
import torch.nn.functional as F

# --- the model and its training: the same block in every example of this page
# raise an error rather than run a nondeterministic op
torch.use_deterministic_algorithms(True)
# one thread: results can depend on the thread count
torch.set_num_threads(1)
# token 0 is BOS, tokens 1..24 are the letters a..x
VOCAB, D, MAX_LEN = 25, 32, 8
FLOAT = torch.float64                     # every float tensor is float64


def make_batch(gen, n, length):
    """n sequences: BOS, `length` distinct letters, the same letters again."""
    draws = torch.rand(n, VOCAB - 1, generator=gen, dtype=FLOAT)
    letters = draws.argsort(dim=1)[:, :length] + 1   # distinct, 1..24
    return torch.cat(
        [torch.zeros(n, 1, dtype=torch.long), letters, letters], dim=1
    )


def forward(m, x, edit=None):
    """Two attention-only layers, one head each. Returns the logits and, for
    each layer, the scores, the weights A and every position's value after the
    output projection (V W_o)."""
    n = x.shape[1]
    # token + position embeddings
    h = m["E"][x] + m["P"][:n]
    causal = torch.ones(n, n, dtype=torch.bool).tril()
    layers = []
    for l in (0, 1):
        Q, K, V = h @ m[f"W_q{l}"], h @ m[f"W_k{l}"], h @ m[f"W_v{l}"]
        scores = (Q @ K.transpose(-2, -1) / D**0.5).masked_fill(
            ~causal, float("-inf")
        )
        A, VO = torch.softmax(scores, dim=-1), V @ m[f"W_o{l}"]
        layers.append({"scores": scores, "A": A, "VO": VO})
        # an ablation changes A here
        if edit is not None:
            A = edit(l, A)
        # residual stream + head output
        h = h + A @ VO
    return h @ m["W_u"], layers


def train(seed=0, steps=400):
    """AdamW on next-token prediction; returns the trained and the initial
    weights and the set of training sequences."""
    gen = torch.Generator().manual_seed(seed)
    shapes = {
        "E": (VOCAB, D, 1.0),
        "P": (2 * MAX_LEN + 1, D, 0.3),
        "W_u": (D, VOCAB, D**-0.5),
    }
    for l in (0, 1):
        shapes.update(
            {f"{w}{l}": (D, D, D**-0.5) for w in ("W_q", "W_k", "W_v", "W_o")}
        )
    m = {
        k: (torch.randn(r, c, generator=gen, dtype=FLOAT) * s).requires_grad_()
        for k, (r, c, s) in shapes.items()
    }
    initial = {k: v.detach().clone() for k, v in m.items()}
    opt = torch.optim.AdamW(m.values(), lr=0.01, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda i: 1 - i / steps)
    seen = set()
    for _ in range(steps):
        x = make_batch(
            gen, 64, int(torch.randint(4, MAX_LEN + 1, (1,), generator=gen))
        )
        seen.update(map(tuple, x.tolist()))
        logits, _ = forward(m, x)
        loss = F.cross_entropy(
            logits[:, :-1].reshape(-1, VOCAB), x[:, 1:].reshape(-1)
        )
        opt.zero_grad()
        loss.backward()
        opt.step()
        schedule.step()
    return {k: v.detach() for k, v in m.items()}, initial, seen
# --- end of the shared block -------------------------------------------------

trained, _, seen = train()
gen = torch.Generator().manual_seed(1)
# query: position 9, the third letter of the second copy
L, q = 6, 9
x = make_batch(gen, 1000, L)
# new sequences, none seen in training
assert not seen.intersection(map(tuple, x.tolist()))
target = x[:, q + 1]
n = x.shape[1]

with torch.no_grad():
    logits, layers = forward(trained, x)
    A0, A1 = layers[0]["A"], layers[1]["A"]
    I = torch.eye(n, dtype=FLOAT)
    # residual: half the weight on self
    rollout = (0.5 * A1 + 0.5 * I) @ (0.5 * A0 + 0.5 * I)
    base = F.cross_entropy(logits[:, q], target, reduction="none")
    # a letter that occurs nowhere in each sequence, to put in place of one
    # token
    absent = torch.ones(len(x), VOCAB, dtype=FLOAT).scatter_(1, x, 0.0)
    fresh = absent.multinomial(1, generator=gen)[:, 0]
    increase = torch.zeros(q + 1, dtype=FLOAT)
    for j in range(1, q + 1):
        replaced = x.clone()
        replaced[:, j] = fresh
        loss = F.cross_entropy(
            forward(trained, replaced)[0][:, q], target, reduction="none"
        )
        increase[j] = (loss - base).mean()

roles = {q - L: "t-L (earlier copy)", q - L + 1: "t-L+1 (answer)",
         q: "t (current)"}
raw, rolled = A1[:, q, :q + 1].mean(0), rollout[:, q, :q + 1].mean(0)
print(f"query: position t = {q} of 1000 new sequences of length {L}")
print("position       layer-1 weight  rollout  loss increase if replaced")
for j in range(1, q + 1):
    print(f"{j}  {roles.get(j, ''):18s}  {raw[j]:6.3f}  {rolled[j]:7.3f}  "
          f"{increase[j]:25.3f}")
matter = sorted(torch.nonzero(increase > 1.0)[:, 0].tolist())
others = [j for j in range(1, q + 1) if j not in matter]
top_rollout = sorted(rolled[1:].topk(3).indices.add(1).tolist())
print("positions whose replacement costs more than 1 nat:", matter)
print(f"largest change in loss at the other positions: "
      f"{increase[others].abs().max():.3f}")
print("three largest rollout values at positions:", top_rollout)
print(f"largest rollout value at the other positions: "
      f"{rolled[others].max():.3f}")

assert matter == sorted(roles), "only t-L, t-L+1 and t cost more than 1 nat"
assert sorted(roles) == top_rollout, "rollout's top three are those three"
assert increase[others].abs().max() < 0.01, (
    "the other positions change the loss by less than 0.01")
assert raw[q - L] < 0.01 and raw[q] < 0.01, \
    "layer 1's weights on t-L and t under 0.01"
# t-L and t cost about the same (within 5%), yet rollout gives t over 1.5 times
# as much
assert abs(increase[q - L] - increase[q]) < 0.05 * increase[q], (
    "t-L and t cost about the same")
assert rolled[q] > 1.5 * rolled[q - L], "rollout gives t over 1.5 times t-L"
