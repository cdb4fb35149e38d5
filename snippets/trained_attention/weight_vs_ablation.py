# Three answers to "which key did the prediction use?" at one query of the
# trained model: its attention weight, the size of what it added (weight x
# |value W_o|, Kobayashi et al. 2020), and an ablation: remove that key's term
# from the head's output and measure the loss.
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
# sequences of length 6; query: position 6, the end of the first copy
L, q = 6, 6
x = make_batch(torch.Generator().manual_seed(1), 1000, L)
# new sequences, none seen in training
assert not seen.intersection(map(tuple, x.tolist()))
# the next token: the first letter, as the second copy starts
target = x[:, q + 1]


def loss_without(j):
    """Per-sequence loss at position q when key j's term is removed from layer
    1's output."""
    def remove(layer, A):
        if layer == 1:
            A = A.clone()
            # drop weight x value of key j; other terms unchanged
            A[:, q, j] = 0.0
        return A

    return F.cross_entropy(
        forward(trained, x, edit=remove)[0][:, q], target, reduction="none"
    )


with torch.no_grad():
    logits, layers = forward(trained, x)
    A, VO = layers[1]["A"][:, q, :q + 1], layers[1]["VO"][:, :q + 1]
    base = F.cross_entropy(logits[:, q], target, reduction="none")
    # (sequences, keys)
    weight = A
    size = (A[:, :, None] * VO).norm(dim=-1)  # |weight x V W_o|
    increase = torch.stack(
        [loss_without(j) - base for j in range(q + 1)], dim=1
    )

names = ["BOS"] + [f"letter {j}" for j in range(1, q + 1)]
print(f"query: position {q} of 1000 new sequences of length {L}")
print("key       weight  |weight x VO|  loss increase without it")
for j, name in enumerate(names):
    print(f"{name:8s}  {weight[:, j].mean():6.3f}  {size[:, j].mean():13.3f}"
          f"  {increase[:, j].mean():24.3f}")
print(f"|VO| at position 0: {VO[:, 0].norm(dim=-1).mean():.2f}")
print(f"|VO| at positions 1-6, mean: {VO[:, 1:].norm(dim=-1).mean():.2f}")
ranked = {"weight": weight, "|weight x VO|": size, "loss increase": increase}
for what, values in ranked.items():
    print(f"largest mean {what}: key {values.mean(0).argmax()}")
differ = (weight.argmax(1) != increase.argmax(1)).sum().item()
print("largest weight and largest loss increase on different keys:"
      f" {differ} of 1000")

assert weight.mean(0).argmax() == 0, "BOS takes the largest weight"
assert weight[:, 1].mean() < weight[:, 0].mean() / 2, \
    "letter 1: less than half the weight of BOS"
assert increase.mean(0).argmax() == 1, "the ablation ranks letter 1 first"
assert size.mean(0).argmax() == 1, "weight x length ranks letter 1 first"
# the norm still ranks BOS second, below letter 2 by the ablation
assert size.mean(0).argsort(descending=True)[1] == 0, \
    "weight x length ranks BOS second"
assert increase.mean(0)[2] > increase.mean(0)[0], \
    "removing letter 2 costs more than removing BOS"
assert VO[:, 0].norm(dim=-1).mean() < VO[:, 1:].norm(dim=-1).mean() / 4, \
    "BOS's value: less than a quarter of the letters' length"
assert differ > 500, (
    "largest weight and largest loss increase differ in over 500 sequences")
