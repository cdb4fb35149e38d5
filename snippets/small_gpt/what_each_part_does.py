# Without the residual connections, or without the scale: the same model,
# trained the same way (one run each), tested on the same held-out problems.
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

results = {}
for name, options in [("no residual connections", {"residual": False}),
                      ("no 1/sqrt(d_head) scale", {"scale": False})]:
    results[name] = accuracy(train(**options), held_out)
    print(f"{name + ':':25} held-out problems summed right "
          f"{results[name]:.3f}")
assert results["no residual connections"] < 0.5, \
    "without residuals, most held-out sums are wrong"
assert 0.5 < results["no 1/sqrt(d_head) scale"] < 0.95, \
    "without the scale, fewer are right after the same steps"
