# KV-cache size of one sequence for a Llama-2-70B-like shape with 64, 8 or 1
# K/V heads. The shape (Touvron et al. 2023 and the model's released
# configuration): 80 layers, 64 query heads of size 128, a context of 4096
# tokens, 2 bytes per number (float16).
layers, q_heads, head_dim, context, bytes_per_number = 80, 64, 128, 4096, 2

sizes = {}
for name, kv_heads in (("MHA", 64), ("GQA", 8), ("MQA", 1)):
    # 2: one K and one V
    per_token = 2 * layers * kv_heads * head_dim * bytes_per_number
    sizes[name] = per_token * context
    print(f"{name}: K/V heads {kv_heads:>2}, bytes per token {per_token:>7},")
    print(f"     per sequence {sizes[name]:>11} bytes = "
          f"{sizes[name] / 2**30:.3f} GiB")

assert sizes["MHA"] == 8 * sizes["GQA"] == 64 * sizes["MQA"], \
    "MHA holds 8 times GQA, 64 times MQA"
print("MHA/GQA:", sizes["MHA"] // sizes["GQA"],
      " MHA/MQA:", sizes["MHA"] // sizes["MQA"])

# the arithmetic: each of the 64 query heads scores every cached key and
# mixes every cached value, so this count has no K/V heads in it
macs = layers * q_heads * 2 * context * head_dim   # 2: scores, then mixing
print("attention multiply-adds for the token at position 4096, any variant:",
      macs)
