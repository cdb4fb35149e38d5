# "dog bites man" and "man bites dog": without positions, attention gives every
# word the same output in both sentences; adding a position encoding to each
# word tells them apart.
import numpy as np


def self_attention(X):
    scores = X @ X.T / np.sqrt(X.shape[1])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)) @ X


def sinusoidal(n_positions, d_model):
    """The Transformer's position encodings (explained in the next section)."""
    pos = np.arange(n_positions)[:, None]
    freq = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)
    pe = np.zeros((n_positions, d_model))
    pe[:, 0::2], pe[:, 1::2] = np.sin(pos * freq), np.cos(pos * freq)
    return pe


# toy word vectors, chosen by hand
embedding = {"dog":   np.array([1.0, 0.0, 0.5, 0.2]),
             "bites": np.array([0.0, 1.0, 0.3, 0.8]),
             "man":   np.array([0.9, 0.1, 0.0, 0.6])}
s1, s2 = ["dog", "bites", "man"], ["man", "bites", "dog"]
X1 = np.array([embedding[w] for w in s1])
X2 = np.array([embedding[w] for w in s2])
PE = sinusoidal(3, 4)

runs = [("without positions", self_attention(X1), self_attention(X2)),
        ("with positions", self_attention(X1 + PE), self_attention(X2 + PE))]
print("each word's output in the two sentences (differences: max abs)")
for title, out1, out2 in runs:
    gaps = {}
    for word in ["dog", "bites", "man"]:
        gaps[word] = np.abs(out1[s1.index(word)] - out2[s2.index(word)]).max()
        print(f"  {title}, {word} differs by: {gaps[word]:.3f}")
    print(f"  {title}, largest difference: {max(gaps.values()):.3f}")
    same_outputs = max(gaps.values()) < 1e-12
    print(f"  {title}, same output for each word: {same_outputs}")
    # the outputs as unordered collections of rows (multisets): sort the rows,
    # compare
    same_multiset = np.allclose(
        out1[np.lexsort(out1.T)], out2[np.lexsort(out2.T)]
    )
    print(f"  {title}, same set of output vectors: {same_multiset}")
    if title == "without positions":
        assert same_multiset, "without positions: the same set of outputs"
        assert max(gaps.values()) < 1e-12, \
            "without positions: the same output for each word"
    else:
        assert not same_multiset, "with positions: the sets of outputs differ"
        assert min(gaps.values()) > 0.01, "with positions: every word differs"
