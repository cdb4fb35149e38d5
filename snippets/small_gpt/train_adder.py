# Train a small GPT to add two-digit numbers, test it on problems it never
# saw, look at its attention on one of them, and generate with a KV cache.
import torch
import torch.nn as nn
import torch.nn.functional as F

# --- the model and its training: the same block in every example of this page
# raise an error rather than run a nondeterministic op; one thread, as results
# can depend on the thread count
torch.use_deterministic_algorithms(True)
torch.set_num_threads(1)
D, H, LAYERS, DIGITS = 32, 4, 2, 2         # model size, heads, blocks, digits
BATCH = 128                                # problems per training step
P = 2 * DIGITS                             # the prompt: a's digits, then b's


def digits(x, k):
    """The k digits of x, least significant first."""
    return torch.stack([(x // 10**i) % 10 for i in range(k)], dim=-1)


# Every problem a + b: 'a b' written as usual, the sum written backwards,
# units first, so that each digit comes after the carry it needs.
a, b = torch.cartesian_prod(torch.arange(10**DIGITS),
                            torch.arange(10**DIGITS)).T
problems = torch.cat([digits(a, DIGITS).flip(-1), digits(b, DIGITS).flip(-1),
                      digits(a + b, DIGITS + 1)], dim=-1)
shuffle = torch.Generator().manual_seed(0)
order = torch.randperm(len(problems), generator=shuffle)
held_out, seen = order[:1000], order[1000:]   # never trained on: held_out


class Attention(nn.Module):
    def __init__(self, scale=True):
        super().__init__()
        self.qkv, self.proj = nn.Linear(D, 3 * D), nn.Linear(D, D)
        self.scale = scale                    # False: no 1/sqrt(d_head)

    def forward(self, x, cache=None):
        B, T, C = x.shape
        q, k, v = (t.view(B, T, H, C // H).transpose(1, 2)
                   for t in self.qkv(x).split(C, dim=-1))
        if cache is not None:          # the keys and values of earlier tokens
            if cache:
                k = torch.cat([cache["k"], k], dim=2)
                v = torch.cat([cache["v"], v], dim=2)
            cache["k"], cache["v"] = k, v
        scores = q @ k.transpose(-2, -1)
        if self.scale:
            scores = scores / (C // H) ** 0.5
        S = k.shape[2]                        # query i is token S - T + i
        future = torch.ones(T, S, dtype=torch.bool).triu(S - T + 1)
        scores = scores.masked_fill(future, float("-inf"))
        self.weights = scores.softmax(dim=-1)
        return self.proj((self.weights @ v).transpose(1, 2).reshape(B, T, C))


class Block(nn.Module):
    def __init__(self, residual=True, scale=True):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.attn = Attention(scale)
        self.mlp = nn.Sequential(nn.Linear(D, 4 * D), nn.GELU(),
                                 nn.Linear(4 * D, D))
        self.keep = 1.0 if residual else 0.0   # 0: no residual connection

    def forward(self, x, cache=None):
        x = self.keep * x + self.attn(self.ln1(x), cache)
        return self.keep * x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, **options):
        super().__init__()
        self.tok = nn.Embedding(10, D)                # the ten digits
        self.pos = nn.Embedding(3 * DIGITS + 1, D)
        self.blocks = nn.ModuleList(Block(**options) for _ in range(LAYERS))
        self.ln, self.head = nn.LayerNorm(D), nn.Linear(D, 10)

    def forward(self, tokens, caches=None, start=0):
        x = self.tok(tokens) + self.pos(start + torch.arange(tokens.shape[1]))
        for i, block in enumerate(self.blocks):
            x = block(x, None if caches is None else caches[i])
        return self.head(self.ln(x))


def train(steps=400, **options):
    """AdamW on the sum's digits (the prompt is given, not predicted)."""
    torch.manual_seed(0)
    model = GPT(**options)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-3)
    draws = torch.Generator().manual_seed(1)
    for _ in range(steps):
        pick = torch.randint(len(seen), (BATCH,), generator=draws)
        batch = problems[seen[pick]]
        logits = model(batch[:, :-1])[:, P - 1:]
        loss = F.cross_entropy(logits.reshape(-1, 10),
                               batch[:, P:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model


@torch.no_grad()
def generate(model, prompt, n, cache=False):
    """n tokens after the prompt, each the most likely; with cache=True each
    step feeds only the newest token and reuses the cached keys and values."""
    caches = [{} for _ in model.blocks] if cache else None
    out, fresh = prompt, prompt
    for _ in range(n):
        start = out.shape[1] - fresh.shape[1] if cache else 0
        logits = model(fresh if cache else out, caches, start)
        fresh = logits[:, -1].argmax(dim=-1, keepdim=True)
        out = torch.cat([out, fresh], dim=1)
    return out


def accuracy(model, which):
    """The share of problems whose whole sum the model writes right."""
    answer = generate(model, problems[which, :P], DIGITS + 1)[:, P:]
    return (answer == problems[which, P:]).all(dim=1).float().mean().item()
# --- end of the shared block

model = train()
right = accuracy(model, held_out)
print(f"model: {D} features, {H} heads of {D // H}, {LAYERS} blocks; AdamW, "
      f"{train.__defaults__[0]} steps of {BATCH} problems")
print(f"problems: {len(problems)}, trained on {len(seen)}, held out "
      f"{len(held_out)}")
# a held-out a + b whose twin b + a was trained on is not entirely new
trained = {tuple(problems[i, :P].tolist()) for i in seen.tolist()}
swapped = problems[held_out][:, list(range(DIGITS, P)) + list(range(DIGITS))]
twins = sum(tuple(row) in trained for row in swapped.tolist())
print(f"held-out problems whose twin b + a was trained on: {twins}")
print(f"held-out problems summed right: {right:.3f}")
assert right > 0.95, "held-out accuracy above 0.95"

# layer 0's attention from the queries that write the sum (positions 3, 4, 5)
# to the keys 0..5, on every held-out problem at once
with torch.no_grad():
    model(problems[held_out, :-1])            # fills each layer's .weights
# (problem, head, 3 queries, 6 keys)
reads = model.blocks[0].attn.weights[:, :, P - 1:, :]
units = reads[:, :, 0, [1, 3]].sum(-1).mean(0)   # query 3 on a0 and b0
tens = reads[:, :, 1, [0, 2]].sum(-1).mean(0)    # query 4 on a1 and b1
print("layer 0, mean over held-out problems, per head:")
print("  query 3 (writes the units) on a0 + b0:", units.numpy().round(2))
print("  query 4 (writes the tens) on a1 + b1: ", tens.numpy().round(2))
assert (units > 0.9).all(), "every head reads the units digits"
own = reads[:, 0, 1, 4].mean()               # head 0, query 4 on itself
print(f"  head 0, query 4 on itself (c0, the units digit it wrote): {own:.2f}")
assert (tens[1:] > 0.9).all() and tens[0] < 0.1 and own > 0.9, \
    "heads 1 to 3 read the tens digits, head 0 the units digit written"
example = reads[0]                            # one problem, for the figure
shown = problems[held_out[0]].tolist()
first, second = (10 * t[0] + t[1] for t in (shown[:2], shown[2:4]))
print(f"the problem in the figure: {first} + {second} = {first + second},",
      "tokens", shown)
for h in range(H):
    print(f"head {h}, queries 3 to 5 over keys 0 to 5")
    print(example[h].numpy().round(3))

# generation with the KV cache writes exactly the tokens it writes without,
# from logits that differ only by float32 rounding
cached = generate(model, problems[held_out, :P], DIGITS + 1, cache=True)
plain = generate(model, problems[held_out, :P], DIGITS + 1)
same = torch.equal(cached, plain)
print("KV cache: same tokens as without, on every held-out problem:", same)
assert same, "the cache writes the same tokens"
with torch.no_grad():
    caches = [{} for _ in model.blocks]
    steps = [model(plain[:, :P], caches)[:, -1]]         # the prompt, once
    for t in range(P, P + DIGITS):                      # then one token each
        steps.append(model(plain[:, t:t + 1], caches, start=t)[:, -1])
    again = model(plain[:, :-1])[:, P - 1:]             # everything recomputed
gap = (torch.stack(steps, dim=1) - again).abs().max().item()
print(f"KV cache: largest logit difference from recomputing: {gap:.1e}")
print(f"KV cache: keys cached per layer at the end: {caches[0]['k'].shape[2]}")
assert gap < 1e-4, "cached logits equal recomputed ones to float32 rounding"
assert caches[0]["k"].shape[2] == 3 * DIGITS, "one key per token but the last"
