# Learned absolute positions: a second embedding table, indexed by position
# instead of token id, whose rows are trained like any other weight. Its output
# is added to the token embeddings.
import torch
from torch import nn

torch.manual_seed(0)
vocab_size, max_len, d_model = 10, 8, 4
token_embedding = nn.Embedding(vocab_size, d_model)
# one trainable row per position
position_embedding = nn.Embedding(max_len, d_model)

# a batch of one sentence: token 3 twice
ids = torch.tensor([[3, 5, 3]])
positions = torch.arange(ids.shape[1])   # 0, 1, 2
with torch.no_grad():
    # (1, 3, 4) + (3, 4): the position embeddings broadcast over the batch
    x = token_embedding(ids) + position_embedding(positions)

print("token embeddings:   ", tuple(token_embedding(ids).shape))
print("position embeddings:", tuple(position_embedding(positions).shape))
print("model input:        ", tuple(x.shape))
print("trainable position parameters:", position_embedding.weight.numel())

# the lookup is just rows 0, 1, 2 of the weight matrix
assert torch.equal(
    position_embedding(positions), position_embedding.weight[:3]
)
# the same token at positions 0 and 2 now enters attention as two different
# vectors
same = torch.allclose(x[0, 0], x[0, 2])
assert not same
print("token 3 at positions 0 and 2, same input vector:", same)
# there is no row for a position the table was not built for
try:
    position_embedding(torch.tensor([max_len]))
except IndexError:
    print(f"IndexError for position {max_len}: the table has rows 0 to "
          f"{max_len - 1}")
else:
    raise AssertionError("expected an IndexError")
