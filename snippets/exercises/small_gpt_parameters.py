# Exercise: count the learned numbers of the small GPT without building it.
# Write gpt_parameters(vocab, n_positions, d_model, n_layers): its token and
# position embeddings, each block (attention with its biases, an MLP of width
# 4 d_model, two LayerNorms), the final LayerNorm and the output layer. Then
# predict which holds more parameters, the attention layers or the MLPs.


def gpt_parameters(vocab, n_positions, d_model, n_layers):
    """The number of parameters of the lesson's GPT."""
    C = d_model
    attention = (3 * C * C + 3 * C) + (C * C + C)      # W_qkv, W_o, biases
    mlp = (4 * C * C + 4 * C) + (4 * C * C + C)
    norms = 2 * 2 * C                       # two LayerNorms: weight and bias
    embeddings = vocab * C + n_positions * C
    return (embeddings + n_layers * (attention + mlp + norms) + 2 * C
            + C * vocab + vocab)


prediction = {"more parameters": "the MLPs"}

# --- check ---
import torch
import torch.nn as nn

torch.manual_seed(0)   # the layers draw their initial weights: seeded


def built(vocab, n_positions, d_model, n_layers):
    """The same model from PyTorch's layers, its parameters counted (the
    lesson shows that the block is nn.TransformerEncoderLayer)."""
    parts = [nn.Embedding(vocab, d_model), nn.Embedding(n_positions, d_model),
             nn.LayerNorm(d_model), nn.Linear(d_model, vocab)]
    parts += [nn.TransformerEncoderLayer(d_model, 4, 4 * d_model)
              for _ in range(n_layers)]
    return {name: sum(p.numel() for m in parts for n, p in m.named_parameters()
                      if n.startswith(name) or name == "all")
            for name in ["all", "self_attn", "linear"]}


shapes = [(10, 7, 32, 2), (50257, 1024, 768, 12), (11, 5, 8, 1)]
for shape in shapes:
    counts = built(*shape)
    mine = gpt_parameters(*shape)
    assert mine == counts["all"], (
        f"gpt_parameters{shape} = {mine}, but the model has {counts['all']}")
assert all(gpt_parameters(*s) == built(*s)["all"] for s in shapes), \
    "equal to the built model's count for every shape"
lesson = built(10, 7, 32, 2)
larger = "the MLPs" if lesson["linear"] > lesson["self_attn"] else "attention"
assert prediction["more parameters"] == larger, (
    "prediction: not quite; count W_qkv and W_o against the MLP's two layers")
assert lesson["linear"] > lesson["self_attn"], "the MLPs hold more"
print("the lesson's GPT:", gpt_parameters(10, 7, 32, 2), "parameters")
print(f"attention layers: {lesson['self_attn']}, MLPs: {lesson['linear']}")
print("GPT-2 small's shape, output layer not tied:",
      gpt_parameters(50257, 1024, 768, 12))
