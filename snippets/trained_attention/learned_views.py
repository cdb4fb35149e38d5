# What W_q and W_k of layer 1 learned: the query of position t and the key of
# the answer's position t-L+1 score highest, because of a letter-matching rule
# the two matrices encode. Putting back their untrained values breaks the
# pattern; putting back W_v, W_o does not.
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

trained, initial, seen = train()
L = 6
x = make_batch(torch.Generator().manual_seed(1), 1000, L)
# new sequences, none seen in training
assert not seen.intersection(map(tuple, x.tolist()))
t = torch.arange(L + 1, 2 * L)                    # second-copy positions
answer = t - L + 1
# pairs (query letter, key letter) that agree
same = torch.eye(VOCAB - 1, dtype=torch.bool)


def letter_scores(m, key_letters):
    """Layer-1 score (divided by sqrt(d)) of the query view of each letter
    against a key view."""
    return (m["E"][1:] @ m["W_q1"]) @ (key_letters @ m["W_k1"]).T / D**0.5


def check(m):
    """Accuracy on the second copy, layer 1's mean weight on the answer, its
    weights."""
    logits, layers = forward(m, x)
    accuracy = (logits[:, t].argmax(-1) == x[:, t + 1]).double().mean().item()
    return accuracy, layers[1]["A"][:, t, answer].mean().item(), layers[1]["A"]


with torch.no_grad():
    scores = forward(trained, x)[1][1]["scores"]
    top = (scores[:, t].argmax(-1) == answer).double().mean().item()
    print(f"queries whose largest layer-1 score is at t-L+1: {top:.3f}")
    print("score of a query letter against the letter before the key:")
    best = {}
    for name, m in (("after training", trained), ("before training", initial)):
        # key view of the previous letter: layer 0 copies it forward through
        # W_v0 and W_o0
        S = letter_scores(m, m["E"][1:] @ m["W_v0"] @ m["W_o0"])
        best[name] = (S.argmax(dim=1) == torch.arange(VOCAB - 1)).sum().item()
        print(f"  {name}, same letter: {S[same].mean():.2f}, other letters:"
              f" {S[~same].mean():.2f}")
        print(f"  {name}, letters whose best match is itself:"
              f" {best[name]} of {VOCAB - 1}")
    # key view of the key's own letter
    S_own = letter_scores(trained, trained["E"][1:])
    print(f"against the key's own letter, after training: same letter "
          f"{S_own[same].mean():.2f},")
    print(f"  other letters {S_own[~same].mean():.2f}")

    accuracy, weight, A_trained = check(trained)
    print(f"trained: accuracy {accuracy:.3f}, weight on the answer "
          f"{weight:.3f}")
    swaps = {}
    for names in (("W_q1", "W_k1"), ("W_v1", "W_o1")):
        swaps[names] = check({**trained, **{k: initial[k] for k in names}})
        acc_s, weight_s, A_s = swaps[names]
        print(f"untrained {', '.join(names)}: accuracy {acc_s:.3f},"
              f" weight on the answer {weight_s:.3f}")
        print(f"untrained {', '.join(names)}: weights unchanged: "
              f"{torch.equal(A_s, A_trained)}")

assert top > 0.99, "the largest score is at t-L+1"
assert best["after training"] == 24, \
    "after training: every letter's best match is itself"
assert 24 > best["before training"], \
    "before training: not every letter's best match is itself"
assert S_own[same].mean() < S_own[~same].mean(), "the earlier copy is avoided"
acc_qk, weight_qk, _ = swaps[("W_q1", "W_k1")]
acc_vo, weight_vo, A_vo = swaps[("W_v1", "W_o1")]
# untrained Q, K: pattern and task gone; untrained V, O: same weights, no task
assert weight_qk < 0.5, "untrained Q, K: weight on the answer below 0.5"
assert acc_qk < 0.5, "untrained Q, K: accuracy below 0.5"
assert torch.equal(A_vo, A_trained), "untrained V, O: the same weights"
assert acc_vo < 0.5, "untrained V, O: accuracy below 0.5"
