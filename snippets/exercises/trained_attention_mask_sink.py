# Exercise: at position 2, early in the first copy, layer 1 puts most of its
# weight on BOS. Remove the sink two ways: "drop" BOS's term (weight x value)
# from the head's output, or "mask" BOS out of the softmax, so that its
# weight goes to the letters. Predict which raises the loss more.
import torch
import torch.nn.functional as F

hurts_more = "mask"

# --- check ---
assert hurts_more in ("drop", "mask"), 'hurts_more: answer "drop" or "mask"'
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
x = make_batch(torch.Generator().manual_seed(1), 1000, MAX_LEN)
q = 2                             # query: position 2, the second letter


def run(how):
    def edit(layer, A):
        if layer == 1 and how != "none":
            A = A.clone()
            A[:, q, 0] = 0.0                       # (a) drop BOS's term
            if how == "mask":      # (b) and give its weight to the letters
                A[:, q] = A[:, q] / A[:, q].sum(dim=-1, keepdim=True)
        return A
    with torch.no_grad():
        logits = forward(trained, x, edit=edit)[0][:, q]
    loss = F.cross_entropy(logits, x[:, q + 1]).item()
    seen = logits.softmax(dim=-1).gather(1, x[:, 1:q + 1]).sum(dim=1)
    return loss, seen.mean().item()


with torch.no_grad():
    bos = forward(trained, x)[1][1]["A"][:, q, 0].mean().item()
result = {how: run(how) for how in ("none", "drop", "mask")}
worse = max(("drop", "mask"), key=lambda how: result[how][0])
assert hurts_more == worse, "hurts_more: not quite; compare the two losses"
print(f"layer-1 weight on BOS at position {q}: {bos:.3f}")
loss, seen = result["none"]
print(f"trained model: loss {loss:.3f}, "
      f"probability on letters already seen {seen:.3f}")
for how in ("drop", "mask"):
    loss_h, seen_h = result[how]
    print(f"{how} BOS: loss {loss_h:.3f} (+{loss_h - loss:.3f}),"
          f" probability on letters already seen {seen_h:.3f}")
print("raises the loss more:", worse)
# the term is small ...
assert result["drop"][0] - loss < 0.1, "dropping the term costs little"
assert 1.0 < result["mask"][0] - loss, "masking BOS costs much more"
# ... but the weight must go somewhere
assert result["mask"][1] > 0.5, "masked: most probability on seen letters"
assert 0.5 > seen, "trained: less than half on seen letters"
