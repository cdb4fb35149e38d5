# A transformer block around causal self-attention: pre-LayerNorm, a residual
# connection around attention and one around the MLP. Write forward(); the
# attention layer is nn.MultiheadAttention, which the module above equals.
import torch
import torch.nn as nn


class Block(nn.Module):
    """x + attention(LN(x)), then x + MLP(LN(x)): (B, T, C) -> (B, T, C)."""

    def __init__(self, d_model, n_head):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = nn.MultiheadAttention(d_model, n_head, batch_first=True)
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(),
                                 nn.Linear(4 * d_model, d_model))

    def forward(self, x):
        T = x.shape[1]
        future = torch.ones(T, T, dtype=torch.bool).triu(diagonal=1)
        h = self.ln1(x)
        x = x + self.attn(h, h, h, attn_mask=future, need_weights=False)[0]
        return x + self.mlp(self.ln2(x))


# --- check ---
torch.manual_seed(0)
B, T, C, H = 2, 5, 8, 2
x = torch.randn(B, T, C, dtype=torch.float64)
mine = Block(C, H).double()
with torch.no_grad():
    for p in mine.parameters():            # not LayerNorm's 1 and 0: every
        p.copy_(torch.randn_like(p) / C**0.5)   # weight must be copied right
# PyTorch's own pre-LN block, no dropout, the same weights and a causal mask
theirs = nn.TransformerEncoderLayer(C, H, dim_feedforward=4 * C, dropout=0.0,
                                    activation="gelu", batch_first=True,
                                    norm_first=True, dtype=torch.float64)
for name, source in [("norm1", "ln1"), ("self_attn", "attn"), ("norm2", "ln2"),
                     ("linear1", "mlp.0"), ("linear2", "mlp.2")]:
    theirs.get_submodule(name).load_state_dict(
        mine.get_submodule(source).state_dict())
theirs.eval()
future = torch.ones(T, T, dtype=torch.bool).triu(diagonal=1)
with torch.no_grad():
    out = mine(x)
    assert tuple(out.shape) == (B, T, C), (
        f"output shape {tuple(out.shape)}, expected {(B, T, C)}")
    ref = theirs(x, src_mask=future)
    gap = (out - ref).abs().max().item()
    if gap > 1e-12:
        bumped = x.clone()
        # another last token: not x + 1, which LayerNorm would not see
        bumped[:, -1] = torch.randn(B, C, dtype=torch.float64)
        post = mine.ln1(x + mine.attn(x, x, x, attn_mask=future,
                                      need_weights=False)[0])
        post = mine.ln2(post + mine.mlp(post))
        def like(mask):                    # a right block, with this mask
            h = mine.ln1(x)
            y = x + mine.attn(h, h, h, attn_mask=mask, need_weights=False)[0]
            return torch.allclose(out, y + mine.mlp(mine.ln2(y)), atol=1e-12,
                                  equal_nan=True)

        if like(~future):
            hint = ("the mask is the wrong way round: a boolean attn_mask is "
                    "True where a query may NOT look, triu(diagonal=1)")
        elif like(future.to(x.dtype)):
            hint = ("a float attn_mask is added to the scores: pass the "
                    "boolean mask, True where a query may not look")
        elif not torch.allclose(mine(bumped)[:, :-1], out[:, :-1]):
            hint = "earlier outputs see the last token: pass the causal mask"
        elif torch.allclose(out, post, atol=1e-12):
            hint = ("LayerNorm after the residual sum (post-LN): normalise "
                    "the input of each sublayer instead, x + f(LN(x))")
        else:
            hint = (f"differs from nn.TransformerEncoderLayer(norm_first="
                    f"True) by up to {gap:.3g}: is each residual x + ... "
                    "there, around attention and around the MLP?")
        raise AssertionError(f"Block: {hint}")
# nn.GELU() is exact (approximate="none"): h * Phi(h), not the tanh form
h = torch.linspace(-4, 4, 81, dtype=torch.float64)
assert torch.allclose(nn.GELU()(h), h * 0.5 * (1 + torch.erf(h / 2**0.5)),
                      rtol=0, atol=1e-15), "nn.GELU is h Phi(h) exactly"
print(f"largest difference from nn.TransformerEncoderLayer: {gap:.1e}")
assert gap < 1e-12, "equal to nn.TransformerEncoderLayer(norm_first=True)"
