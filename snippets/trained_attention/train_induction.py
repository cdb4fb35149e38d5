# Train a two-layer attention-only transformer to continue repeated sequences,
# then check on fresh sequences that it predicts the second copy and attends
# where the answer is.
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

LETTERS = "abcdefghijklmnopqrstuvwx"
trained, initial, seen = train()
# a different generator: new sequences
gen = torch.Generator().manual_seed(1)
correct = copied = answer_weight = previous_weight = 0.0
bos_weight = bos_before = 0.0
n_seqs = n_pred = n_prev = n_first = 0
looks_back = True
with torch.no_grad():
    for length in range(4, MAX_LEN + 1):
        x = make_batch(gen, 400, length)
        # keep only unseen sequences
        x = x[[tuple(s) not in seen for s in x.tolist()]]
        logits, layers = forward(trained, x)
        A0, A1 = layers[0]["A"], layers[1]["A"]
        # second copy: the next token is known
        t = torch.arange(length + 1, 2 * length)
        correct += (logits[:, t].argmax(-1) == x[:, t + 1]).sum().item()
        # where the answer sits
        answer_weight += A1[:, t, t - length + 1].sum().item()
        # copying: layer 1's output alone, turned into logits by W_u, favours
        # the next letter
        head_logits = (A1 @ layers[1]["VO"])[:, t] @ trained["W_u"]
        copied += (head_logits.argmax(-1) == x[:, t + 1]).sum().item()
        # first copy, from the second letter on
        first = torch.arange(2, length + 1)
        previous_weight += A0[:, first, first - 1].sum().item()
        # at every such position the previous one gets the largest mean weight
        # of layer 0
        looks_back &= bool(
            (A0[:, first].mean(0).argmax(-1) == first - 1).all()
        )
        bos_weight += A1[:, 1:length + 1, 0].sum().item()
        A1_before = forward(initial, x)[1][1]["A"]
        bos_before += A1_before[:, 1:length + 1, 0].sum().item()
        n_seqs += len(x)
        n_pred += len(x) * len(t)
        n_prev += len(x) * len(first)
        n_first += len(x) * length

    example = make_batch(gen, 1, 5)
    _, layers = forward(trained, example)
    example_weights = [layers[0]["A"][0].numpy(), layers[1]["A"][0].numpy()]

accuracy, copied = correct / n_pred, copied / n_pred
answer_weight /= n_pred
bos_weight, bos_before = bos_weight / n_first, bos_before / n_first
print(
    "example:",
    " ".join("BOS" if i == 0 else LETTERS[i - 1] for i in example[0].tolist()),
)
print("new sequences:", n_seqs, "of lengths 4 to 8")
print(f"accuracy on the second copy: {accuracy:.4f}")
print(f"layer 1 weight on the answer's position t-L+1: {answer_weight:.3f}")
print(f"layer 1 output alone, through W_u, ranks the next letter first: "
      f"{copied:.4f}")
print(f"layer 0 weight on the previous position, first copy: "
      f"{previous_weight / n_prev:.3f}")
print(f"layer 1 weight on BOS, first copy: {bos_weight:.3f} (before training "
      f"{bos_before:.3f})")
# an induction head: it attends to the answer and copies it
assert accuracy >= 0.99, "accuracy on the second copy at least 0.99"
assert answer_weight >= 0.9, "layer 1 weight on the answer at least 0.9"
assert copied >= 0.99, ("layer 1 output alone ranks the next letter first"
                        " at least 0.99 of the time")
assert looks_back, ("first copy, from its second letter: at each position, "
                    "layer 0's mean weight is more on t-1 than on any other")
# an attention sink, which training created
assert bos_weight > 0.5, "after training: layer 1 weight on BOS above 0.5"
assert 0.5 > bos_before, "before training: layer 1 weight on BOS below 0.5"
for layer in (0, 1):
    print(f"layer {layer} weights, example")
    print(example_weights[layer].round(3))

# what the two heatmaps show: in the example (L = 5), layer 0 looks one step
# back in the first copy and less sharply in the second; layer 1 looks at t-L+1
# in the second copy and at BOS at the start of the first
W0, W1 = example_weights
rows = range(1, 6)
assert all(W0[r].argmax() == r - 1 for r in rows)
assert max(W0[r].max() for r in range(6, 11)) < min(W0[r].max() for r in rows)
assert all(W1[r].argmax() == r - 4 for r in range(6, 11))
assert all(W1[r].argmax() == 0 and W1[r, 0] > 0.5 for r in (1, 2, 3))
