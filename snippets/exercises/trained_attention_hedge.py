# Exercise: in the first copy, why does layer 1 look at the first letter more
# and more? The training lengths L run from 4 to 8, all equally likely. Write
# chance_copy_starts(t): the chance that the copy starts right after letter
# t, given that letters 1..t held no repeat. The check compares it with the
# training data and with the model's probability of the first letter.
import torch
import torch.nn.functional as F


def chance_copy_starts(t, shortest=4, longest=8):
    """Return a probability, a float between 0 and 1."""
    if t < shortest or t > longest:
        return 0.0
    return 1 / (longest - t + 1)


# --- check ---
# the chance, counted in 100000 training lengths
gen = torch.Generator().manual_seed(2)
lengths = torch.randint(4, 9, (100_000,), generator=gen)   # as train() draws
for t in range(2, 9):
    counted = ((lengths == t).sum() / max(1, (lengths >= t).sum())).item()
    assert abs(chance_copy_starts(t) - counted) < 0.01, (
        f"chance_copy_starts({t}) = {chance_copy_starts(t):.3f}, the data "
        f"say {counted:.3f}")
print("your chance matches the training lengths to 0.01: True")

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

trained, _, _ = train()
# the longest length: no repeat before position 9
x = make_batch(torch.Generator().manual_seed(1), 1000, MAX_LEN)
with torch.no_grad():
    logits, layers = forward(trained, x)
first_letter = x[:, 1:2, None].expand(-1, x.shape[1], 1)
p_first = logits.softmax(dim=-1).gather(2, first_letter)[..., 0]
weight_first = layers[1]["A"][:, :, 1]

print("position  P(next = first letter)  chance the copy starts  weight on it")
model, chance, weight = [], [], []
for t in range(2, MAX_LEN + 1):
    chance.append(chance_copy_starts(t))
    model.append(p_first[:, t].mean().item())
    weight.append(weight_first[:, t].mean().item())
    print(f"t = {t}:  {model[-1]:23.3f}  {chance[-1]:23.3f}"
          f"  {weight[-1]:12.3f}")

rising = lambda values: all(a < b for a, b in zip(values, values[1:]))
# from position 4 on, both rise
assert rising(model[2:]), "the model's probability rises"
assert rising(weight[2:]), "layer 1's weight on position 1 rises"
print("largest gap between the model and the chance:",
      f"{max(abs(m - c) for m, c in zip(model, chance)):.3f}")
