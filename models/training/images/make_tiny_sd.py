"""A tiny random-weight Stable Diffusion 1.x pipeline in the Hugging Face Optimum ONNX layout (a test fixture).

    cd models/training
    /usr/bin/python3 -m images.make_tiny_sd                 # writes images/tiny-sd/
    /usr/bin/python3 -m images.make_tiny_sd --out DIR       # somewhere else (test_tiny_sd.py checks it is the same)

Made by our own code with fixed seeds, no download: the app's Stable Diffusion import, prompt encoding and sampling
tests need a folder that looks exactly like an Optimum export (`optimum-cli export onnx` of an SD 1.x pipeline):

    model_index.json
    scheduler/scheduler_config.json      PNDM, scaled_linear betas 0.00085..0.012, 1000 steps, epsilon
    text_encoder/model.onnx, config.json  CLIP text transformer: input_ids int32 [batch_size, sequence_length] ->
                                         last_hidden_state float32 [batch_size, sequence_length, 32],
                                         pooler_output float32 [batch_size, 32] (the state at argmax(input_ids), the
                                         first <|endoftext|>: the highest id)
    tokenizer/vocab.json, merges.txt, tokenizer.json, tokenizer_config.json, special_tokens_map.json
                                         CLIP byte-level BPE ("</w>" ends a word), 640 ids, 77 tokens
    unet/model.onnx, config.json         sample float32 [batch_size, num_channels, height, width] (4 channels),
                                         timestep int64 [steps], encoder_hidden_states float32
                                         [batch_size, sequence_length, 32] -> out_sample float32 (like sample)
    vae_decoder/model.onnx, config.json  latent_sample float32 [batch_size, num_channels_latent, height_latent,
                                         width_latent] -> sample float32 [batch_size, num_channels, height, width]
                                         (8x the latent's size, 3 channels)
    vae_encoder/model.onnx, config.json  sample -> latent_sample (the posterior's mean: deterministic), 1/8 the size
    reference.json                       ids of "a red apple" and the first values of each graph's output

Dynamic axes carry Optimum's names. The UNet takes any latent size (its one downsampling rounds up and the upsampling
goes back to the skip connection's size); the VAE graphs any size (the encoder: multiples of 8). Opset 14.
After writing, each graph is run on onnxruntime-node and checked against PyTorch.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import ORT_NODE_MODULES, have_ort_node, run_onnx  # ../common/README.md

HERE = os.path.dirname(os.path.abspath(__file__))

OUT = os.path.join(HERE, "tiny-sd")
OPSET = 14
TOLERANCE = 1e-3
PROMPT = "a red apple"
MAX_LEN = 77
HIDDEN = 32
LATENT_CHANNELS = 4
SCALING_FACTOR = 0.18215
N_MERGES = 126  # 256 bytes + 256 bytes</w> + 126 merges + 2 special tokens = 640 ids
BOS, EOS = "<|startoftext|>", "<|endoftext|>"
SEED_TEXT, SEED_UNET, SEED_VAE = 2001, 2002, 2003
DIFFUSERS_VERSION = "0.21.4"

# ---------------------------------------------------------------------------------------------------- tokenizer
# the BPE merges are learnt from these prompts (any text would do: the weights are random)
CORPUS = """
a red apple on a wooden table. a photo of a cat sitting on a red chair. a painting of a mountain lake at sunset.
an oil painting of a green forest in the morning. a watercolor of a small house by the sea. a portrait of an old man
with a white beard. a close-up photo of a yellow flower. a bowl of red apples and green pears on the table.
a cat and a dog playing in the garden. a city street at night with rain and neon lights. a castle on a hill under
the stars. a drawing of a horse running in a field. a photograph of the ocean with waves and rocks. a red car
parked in front of a house. a cup of coffee on a table in the morning light. a tree with orange leaves in autumn.
a bird sitting on a branch in the snow. an astronaut riding a horse on the moon. a painting of a boat on the river.
a photo of a beautiful garden with roses. the sun rising over the mountains. a bowl of fruit: apples, oranges and
pears. a black and white photo of a street. a house in the forest, highly detailed, trending painting. a red rose
in a glass vase. a small dog with a red ball. a cat's face, a dog's nose, it's 3 o'clock.
"""


def bytes_to_unicode():
    """CLIP / GPT-2's byte -> printable character table (id order of the first 256 vocabulary entries)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1)) + \
        list(range(ord("\u00ae"), ord("\u00ff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_ENCODER = bytes_to_unicode()
# CLIP's pre-tokenizer pattern, as in Hugging Face's tokenizer.json for openai/clip-*
CLIP_PATTERN = r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"
CONTRACTIONS = ("'s", "'t", "'re", "'ve", "'m", "'ll", "'d")


def normalize(text):
    """tokenizer.json's normalizer: NFC, runs of whitespace -> one space, lower case."""
    t = unicodedata.normalize("NFC", text)
    out, space = [], False
    for ch in t:
        if ch.isspace():
            if not space:
                out.append(" ")
            space = True
        else:
            out.append(ch)
            space = False
    return "".join(out).lower()


def _is_letter(ch):
    return unicodedata.category(ch).startswith("L")


def _is_number(ch):
    return unicodedata.category(ch).startswith("N")


def pre_tokenize(text):
    """The matches of CLIP_PATTERN, left to right (Python's re has no \\p{L}: a hand-written scanner)."""
    out, i, n = [], 0, len(text)
    while i < n:
        rest = text[i:]
        sp = next((s for s in (BOS, EOS) if rest.startswith(s)), None)
        if sp is None:
            sp = next((c for c in CONTRACTIONS if rest.startswith(c)), None)
        if sp is not None:
            out.append(sp)
            i += len(sp)
            continue
        ch = text[i]
        j = i + 1
        if _is_letter(ch):
            while j < n and _is_letter(text[j]):
                j += 1
        elif _is_number(ch):
            pass
        elif ch.isspace():
            i += 1
            continue
        else:
            while j < n and not (text[j].isspace() or _is_letter(text[j]) or _is_number(text[j])):
                j += 1
        out.append(text[i:j])
        i = j
    return out


def word_symbols(piece):
    """A pre-token as byte-level characters, "</w>" on the last one."""
    chars = [BYTE_ENCODER[b] for b in piece.encode("utf-8")]
    chars[-1] += "</w>"
    return chars


def train_merges(corpus=CORPUS, n_merges=N_MERGES):
    """Plain BPE on the corpus's words: the most frequent adjacent pair each time (ties: the smallest pair)."""
    counts = {}
    for piece in pre_tokenize(normalize(corpus)):
        w = tuple(word_symbols(piece))
        counts[w] = counts.get(w, 0) + 1
    words = sorted(counts.items())
    merges = []
    for _ in range(n_merges):
        pairs = {}
        for w, c in words:
            for a, b in zip(w, w[1:]):
                pairs[(a, b)] = pairs.get((a, b), 0) + c
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        new = []
        for w, c in words:
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and (w[i], w[i + 1]) == best:
                    out.append(w[i] + w[i + 1])
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            new.append((tuple(out), c))
        words = new
    assert len(merges) == n_merges, len(merges)
    return merges


def build_vocab(merges):
    """CLIP's id order: the 256 byte characters, the same with "</w>", one token per merge, then the two specials."""
    base = list(BYTE_ENCODER.values())
    tokens = base + [c + "</w>" for c in base] + ["".join(m) for m in merges] + [BOS, EOS]
    assert len(set(tokens)) == len(tokens)
    return {t: i for i, t in enumerate(tokens)}


class ClipTokenizer:
    """CLIP's BPE in Python: encode(text) -> [bos] + ids + [eos]."""

    def __init__(self, vocab, merges):
        self.vocab, self.ranks = vocab, {m: i for i, m in enumerate(merges)}
        self.inv = {i: t for t, i in vocab.items()}
        self.bos_id, self.eos_id = vocab[BOS], vocab[EOS]

    def bpe(self, piece):
        w = word_symbols(piece)
        while len(w) > 1:
            pairs = [(self.ranks.get((a, b), math.inf), i) for i, (a, b) in enumerate(zip(w, w[1:]))]
            r, i = min(pairs)
            if r == math.inf:
                break
            a, b = w[i], w[i + 1]
            out, j = [], 0
            while j < len(w):  # every occurrence of the pair, left to right
                if j + 1 < len(w) and w[j] == a and w[j + 1] == b:
                    out.append(a + b)
                    j += 2
                else:
                    out.append(w[j])
                    j += 1
            w = out
        return [self.vocab[s] for s in w]

    def encode(self, text, add_special=True):
        ids = []
        for piece in pre_tokenize(normalize(text)):
            ids += [self.vocab[piece]] if piece in (BOS, EOS) else self.bpe(piece)
        return [self.bos_id] + ids + [self.eos_id] if add_special else ids

    def encode_padded(self, text, length=MAX_LEN):
        """What the pipelines feed the text encoder: truncated to `length` (eos kept last), padded with eos."""
        ids = self.encode(text)
        if len(ids) > length:
            ids = ids[:length - 1] + [self.eos_id]
        return ids + [self.eos_id] * (length - len(ids))

    def decode(self, ids):
        text = "".join(self.inv[i] for i in ids if i not in (self.bos_id, self.eos_id))
        dec = {c: b for b, c in BYTE_ENCODER.items()}
        text = bytearray(dec[c] for c in text).decode("utf-8", errors="replace")
        return text.replace("</w>", " ").strip()


def tokenizer_json(vocab, merges):
    """Hugging Face tokenizers' format, as CLIPTokenizerFast saves it (openai/clip-vit-*)."""
    special = [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                "normalized": True, "special": True} for t in (BOS, EOS)]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": special,
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "NFC"},
            {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "},
            {"type": "Lowercase"}]},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": CLIP_PATTERN}, "behavior": "Removed", "invert": True},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
        "post_processor": {"type": "RobertaProcessing", "sep": [EOS, vocab[EOS]], "cls": [BOS, vocab[BOS]],
                           "trim_offsets": False, "add_prefix_space": False},
        # as transformers' CLIP converter writes it: ByteLevel (bytes back to text); "</w>" becomes a space after it
        # (CLIPTokenizerFast's decode and tokenizers.js do that replacement for a BPE model with end_of_word_suffix)
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": EOS, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "</w>", "fuse_unk": False, "byte_fallback": False, "vocab": vocab,
                  "merges": [f"{a} {b}" for a, b in merges]},
    }


def load_tokenizer(d):
    """ClipTokenizer from a folder's vocab.json and merges.txt."""
    with open(os.path.join(d, "vocab.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    with open(os.path.join(d, "merges.txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    assert lines[0] == "#version: 0.2", lines[0]
    return ClipTokenizer(vocab, [tuple(line.split(" ")) for line in lines[1:] if line])


# prompts for the tokenizers.js cross-check (check_tokenizer_js.mjs): case, Unicode, digits, contractions, runs of
# whitespace and punctuation, emoji, a special token written in the text, one longer than 77 tokens
JS_CASES = [PROMPT, "A Red APPLE", "a photo of a cat's face, 3 birds!", "  many   spaces\tand\nnew lines  ",
            "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve \u00c5ngstr\u00f6m", "it's, we're, they'll, I'd, you've, I'm",
            "1234567890 and 3.14", "\U0001f34e apple emoji \u2764\ufe0f", "!!! ??? ... --- ***", "",
            "a red apple<|endoftext|>a green pear", "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8",
            "oil painting of a mountain lake at sunset, highly detailed " * 4]


def js_cases(d):
    """[{text, ids (bos + tokens + eos), decoded}] from the Python encoder over tokenizer folder d."""
    tok = load_tokenizer(d)
    return [{"text": t, "ids": tok.encode(t), "decoded": tok.decode(tok.encode(t))} for t in JS_CASES]


def tokenizer_config():
    special = {"content": BOS, "lstrip": False, "normalized": True, "rstrip": False, "single_word": False}
    return {"add_prefix_space": False, "bos_token": special, "clean_up_tokenization_spaces": True,
            "do_lower_case": True, "eos_token": EOS, "errors": "replace", "model_max_length": MAX_LEN,
            "pad_token": EOS, "tokenizer_class": "CLIPTokenizer", "unk_token": EOS}


def special_tokens_map():
    return {"bos_token": BOS, "eos_token": EOS, "pad_token": EOS, "unk_token": EOS}


def write_tokenizer(d, vocab, merges):
    os.makedirs(d, exist_ok=True)
    write_json(os.path.join(d, "vocab.json"), vocab, indent=None)
    with open(os.path.join(d, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
        for a, b in merges:
            f.write(f"{a} {b}\n")
    write_json(os.path.join(d, "tokenizer.json"), tokenizer_json(vocab, merges))
    write_json(os.path.join(d, "tokenizer_config.json"), tokenizer_config())
    write_json(os.path.join(d, "special_tokens_map.json"), special_tokens_map())


# ---------------------------------------------------------------------------------------------------- text encoder
class ClipAttention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = (nn.Linear(dim, dim) for _ in range(4))

    def forward(self, x, mask):
        B, T, D = x.shape
        hd = D // self.heads

        def split(t):
            return t.reshape(B, T, self.heads, hd).transpose(1, 2)

        q, k, v = split(self.q_proj(x) * hd ** -0.5), split(self.k_proj(x)), split(self.v_proj(x))
        a = torch.softmax(q @ k.transpose(-1, -2) + mask, dim=-1)
        return self.out_proj((a @ v).transpose(1, 2).reshape(B, T, D))


class ClipLayer(nn.Module):
    def __init__(self, dim, heads, inner):
        super().__init__()
        self.layer_norm1, self.layer_norm2 = nn.LayerNorm(dim, eps=1e-5), nn.LayerNorm(dim, eps=1e-5)
        self.self_attn = ClipAttention(dim, heads)
        self.fc1, self.fc2 = nn.Linear(dim, inner), nn.Linear(inner, dim)

    def forward(self, x, mask):
        x = x + self.self_attn(self.layer_norm1(x), mask)
        h = self.fc1(self.layer_norm2(x))
        return x + self.fc2(h * torch.sigmoid(1.702 * h))  # quick GELU


class ClipTextModel(nn.Module):
    """CLIPTextModel: token + learned position embeddings, pre-LN causal layers, final LayerNorm, pooled at the
    argmax of the ids (the first end-of-text token)."""

    def __init__(self, vocab_size, dim=HIDDEN, layers=2, heads=2, inner=64, positions=MAX_LEN):
        super().__init__()
        self.cfg = dict(vocab_size=vocab_size, hidden_size=dim, num_hidden_layers=layers, num_attention_heads=heads,
                        intermediate_size=inner, max_position_embeddings=positions)
        self.token_embedding = nn.Embedding(vocab_size, dim)
        self.position_embedding = nn.Parameter(torch.randn(positions, dim) * 0.1)
        self.layers = nn.ModuleList(ClipLayer(dim, heads, inner) for _ in range(layers))
        self.final_layer_norm = nn.LayerNorm(dim, eps=1e-5)
        self.register_buffer("causal", torch.full((positions, positions), -1e9).triu(1), persistent=False)

    def forward(self, input_ids):
        T = input_ids.shape[1]
        x = self.token_embedding(input_ids) + self.position_embedding[:T]
        mask = self.causal[:T, :T]
        for layer in self.layers:
            x = layer(x, mask)
        x = self.final_layer_norm(x)
        eos = input_ids.to(torch.int32).argmax(dim=-1).to(torch.int64)  # [B]
        pooled = torch.gather(x, 1, eos[:, None, None].expand(-1, 1, x.shape[2]))[:, 0]
        return x, pooled


# ---------------------------------------------------------------------------------------------------- UNet
GROUPS = 8


def timestep_embedding(t, dim):
    """diffusers' get_timestep_embedding with flip_sin_to_cos=True, downscale_freq_shift=0 (as in SD 1.x)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    a = t.to(torch.float32)[:, None] * freqs[None]
    return torch.cat([torch.cos(a), torch.sin(a)], dim=-1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, temb=None):
        super().__init__()
        self.norm1, self.conv1 = nn.GroupNorm(GROUPS, cin), nn.Conv2d(cin, cout, 3, padding=1)
        self.time_emb_proj = nn.Linear(temb, cout) if temb else None
        self.norm2, self.conv2 = nn.GroupNorm(GROUPS, cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.conv_shortcut = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, temb=None):
        h = self.conv1(F.silu(self.norm1(x)))
        if self.time_emb_proj is not None:
            h = h + self.time_emb_proj(F.silu(temb))[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return (x if self.conv_shortcut is None else self.conv_shortcut(x)) + h


class Attention(nn.Module):
    def __init__(self, dim, heads, context_dim=None):
        super().__init__()
        self.heads = heads
        cd = context_dim or dim
        self.to_q, self.to_k, self.to_v = nn.Linear(dim, dim, bias=False), nn.Linear(cd, dim, bias=False), \
            nn.Linear(cd, dim, bias=False)
        self.to_out = nn.Linear(dim, dim)

    def forward(self, x, context=None):
        context = x if context is None else context
        B, N, D = x.shape
        hd = D // self.heads
        q = self.to_q(x).reshape(B, N, self.heads, hd).transpose(1, 2)
        k = self.to_k(context).reshape(B, -1, self.heads, hd).transpose(1, 2)
        v = self.to_v(context).reshape(B, -1, self.heads, hd).transpose(1, 2)
        a = torch.softmax((q @ k.transpose(-1, -2)) * hd ** -0.5, dim=-1)
        return self.to_out((a @ v).transpose(1, 2).reshape(B, N, D))


class TransformerBlock(nn.Module):
    """Transformer2DModel with one BasicTransformerBlock: self-attention, cross-attention to the text, GEGLU."""

    def __init__(self, dim, heads, context_dim, ff_inner=64):
        super().__init__()
        self.norm, self.proj_in = nn.GroupNorm(GROUPS, dim, eps=1e-6), nn.Conv2d(dim, dim, 1)
        self.norm1, self.attn1 = nn.LayerNorm(dim), Attention(dim, heads)
        self.norm2, self.attn2 = nn.LayerNorm(dim), Attention(dim, heads, context_dim)
        self.norm3, self.ff_in, self.ff_out = nn.LayerNorm(dim), nn.Linear(dim, 2 * ff_inner), nn.Linear(ff_inner, dim)
        self.proj_out = nn.Conv2d(dim, dim, 1)

    def forward(self, x, context):
        B, C, H, W = x.shape
        h = self.proj_in(self.norm(x)).reshape(B, C, H * W).transpose(1, 2)
        h = h + self.attn1(self.norm1(h))
        h = h + self.attn2(self.norm2(h), context)
        a, gate = self.ff_in(self.norm3(h)).chunk(2, dim=-1)
        h = h + self.ff_out(a * F.gelu(gate))
        return x + self.proj_out(h.transpose(1, 2).reshape(B, C, H, W))


class TinyUNet(nn.Module):
    """conv_in -> down (resnet + cross-attention, stride-2 conv) -> mid (resnet, cross-attention, resnet) ->
    up (nearest resize to the skip's size + conv, concat the skip, resnet + cross-attention) -> conv_out."""

    def __init__(self, ch=32, context_dim=HIDDEN, heads=2, temb=64):
        super().__init__()
        self.ch, self.temb_dim = ch, temb
        self.time_linear_1, self.time_linear_2 = nn.Linear(ch, temb), nn.Linear(temb, temb)
        self.conv_in = nn.Conv2d(LATENT_CHANNELS, ch, 3, padding=1)
        self.down_res, self.down_attn = ResBlock(ch, ch, temb), TransformerBlock(ch, heads, context_dim)
        self.downsample = nn.Conv2d(ch, ch, 3, stride=2, padding=1)
        self.mid_res1, self.mid_attn = ResBlock(ch, ch, temb), TransformerBlock(ch, heads, context_dim)
        self.mid_res2 = ResBlock(ch, ch, temb)
        self.upsample_conv = nn.Conv2d(ch, ch, 3, padding=1)
        self.up_res, self.up_attn = ResBlock(2 * ch, ch, temb), TransformerBlock(ch, heads, context_dim)
        self.norm_out, self.conv_out = nn.GroupNorm(GROUPS, ch), nn.Conv2d(ch, LATENT_CHANNELS, 3, padding=1)

    def forward(self, sample, timestep, encoder_hidden_states):
        t = timestep_embedding(timestep, self.ch)
        temb = self.time_linear_2(F.silu(self.time_linear_1(t)))
        h = self.conv_in(sample)
        skip = self.down_attn(self.down_res(h, temb), encoder_hidden_states)
        h = self.downsample(skip)
        h = self.mid_res2(self.mid_attn(self.mid_res1(h, temb), encoder_hidden_states), temb)
        h = self.upsample_conv(F.interpolate(h, size=skip.shape[-2:], mode="nearest"))
        h = self.up_attn(self.up_res(torch.cat([h, skip], dim=1), temb), encoder_hidden_states)
        return self.conv_out(F.silu(self.norm_out(h)))


# ---------------------------------------------------------------------------------------------------- VAE
class VaeDecoder(nn.Module):
    """post_quant_conv, conv_in, a resnet, three (nearest 2x + conv) upsamplings, GroupNorm, SiLU, conv_out."""

    def __init__(self, chs=(32, 32, 16, 16)):
        super().__init__()
        self.post_quant_conv = nn.Conv2d(LATENT_CHANNELS, LATENT_CHANNELS, 1)
        self.conv_in = nn.Conv2d(LATENT_CHANNELS, chs[0], 3, padding=1)
        self.mid = ResBlock(chs[0], chs[0])
        self.ups = nn.ModuleList(nn.Conv2d(a, b, 3, padding=1) for a, b in zip(chs, chs[1:]))
        self.norm_out, self.conv_out = nn.GroupNorm(GROUPS, chs[-1]), nn.Conv2d(chs[-1], 3, 3, padding=1)

    def forward(self, latent_sample):
        h = self.mid(self.conv_in(self.post_quant_conv(latent_sample)))
        for conv in self.ups:
            h = conv(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        return self.conv_out(F.silu(self.norm_out(h)))


class VaeEncoder(nn.Module):
    """conv_in, three stride-2 convs, a resnet, GroupNorm, SiLU, conv_out (mean + log-variance), quant_conv; the
    output is the mean (the first latent_channels channels)."""

    def __init__(self, chs=(16, 16, 32, 32)):
        super().__init__()
        self.conv_in = nn.Conv2d(3, chs[0], 3, padding=1)
        self.downs = nn.ModuleList(nn.Conv2d(a, b, 3, stride=2, padding=1) for a, b in zip(chs, chs[1:]))
        self.mid = ResBlock(chs[-1], chs[-1])
        self.norm_out = nn.GroupNorm(GROUPS, chs[-1])
        self.conv_out = nn.Conv2d(chs[-1], 2 * LATENT_CHANNELS, 3, padding=1)
        self.quant_conv = nn.Conv2d(2 * LATENT_CHANNELS, 2 * LATENT_CHANNELS, 1)

    def forward(self, sample):
        h = self.conv_in(sample)
        for conv in self.downs:
            h = conv(h)
        h = self.quant_conv(self.conv_out(F.silu(self.norm_out(self.mid(h)))))
        return h[:, :LATENT_CHANNELS]


# ---------------------------------------------------------------------------------------------------- building
def _seeded(build, seed):
    torch.manual_seed(seed)
    return build().eval()


def build_text_encoder(vocab_size):
    return _seeded(lambda: ClipTextModel(vocab_size), SEED_TEXT)


def build_unet():
    return _seeded(TinyUNet, SEED_UNET)


def build_vae():
    torch.manual_seed(SEED_VAE)
    return VaeDecoder().eval(), VaeEncoder().eval()


def n_params(m):
    return sum(p.numel() for p in m.parameters())


# Optimum's input / output names and dynamic axes (optimum.exporters.onnx.model_configs)
GRAPHS = {
    "text_encoder": {"inputs": {"input_ids": {0: "batch_size", 1: "sequence_length"}},
                     "outputs": {"last_hidden_state": {0: "batch_size", 1: "sequence_length"},
                                 "pooler_output": {0: "batch_size"}}},
    "unet": {"inputs": {"sample": {0: "batch_size", 1: "num_channels", 2: "height", 3: "width"},
                        "timestep": {0: "steps"},
                        "encoder_hidden_states": {0: "batch_size", 1: "sequence_length"}},
             "outputs": {"out_sample": {0: "batch_size", 1: "num_channels", 2: "height", 3: "width"}}},
    "vae_decoder": {"inputs": {"latent_sample": {0: "batch_size", 1: "num_channels_latent", 2: "height_latent",
                                                 3: "width_latent"}},
                    "outputs": {"sample": {0: "batch_size", 1: "num_channels", 2: "height", 3: "width"}}},
    "vae_encoder": {"inputs": {"sample": {0: "batch_size", 1: "num_channels", 2: "height", 3: "width"}},
                    "outputs": {"latent_sample": {0: "batch_size", 1: "num_channels_latent", 2: "height_latent",
                                                  3: "width_latent"}}},
}


def export(m, args, name, path):
    g = GRAPHS[name]
    torch.onnx.export(m, args, path, input_names=list(g["inputs"]), output_names=list(g["outputs"]),
                      dynamic_axes={**g["inputs"], **g["outputs"]}, opset_version=OPSET, do_constant_folding=True)
    # the exporter names output axes it cannot infer (e.g. the text encoder's width "Addlast_hidden_state_dim_2"):
    # every axis that is not one of Optimum's dynamic axes gets its fixed size
    with torch.no_grad():
        outs = m(*args)
    outs = outs if isinstance(outs, tuple) else (outs,)
    model = onnx.load(path)
    for v, t in zip(model.graph.output, outs):
        for i, d in enumerate(v.type.tensor_type.shape.dim):
            if i not in g["outputs"][v.name]:
                d.Clear()
                d.dim_value = t.shape[i]
    onnx.checker.check_model(model)
    onnx.save(model, path)


def latent_example(shape=(1, LATENT_CHANNELS, 8, 8)):
    """sample[i] = 0.8 sin(0.37 i) over the flattened tensor (reference.json's latent)."""
    n = int(np.prod(shape))
    return (0.8 * np.sin(0.37 * np.arange(n, dtype=np.float64))).astype(np.float32).reshape(shape)


def image_example(shape):
    n = int(np.prod(shape))
    return np.cos(0.11 * np.arange(n, dtype=np.float64)).astype(np.float32).reshape(shape)


# ---------------------------------------------------------------------------------------------------- PyTorch runs
def torch_text(m, ids):
    with torch.no_grad():
        h, p = m(torch.as_tensor(np.asarray(ids, np.int32)))
    return h.numpy(), p.numpy()


def torch_unet(m, sample, timestep, states):
    with torch.no_grad():
        return m(torch.as_tensor(sample), torch.as_tensor(np.asarray(timestep, np.int64)),
                 torch.as_tensor(states)).numpy()


def torch_run(m, x):
    with torch.no_grad():
        return m(torch.as_tensor(x)).numpy()


def reference(tok, text, unet, dec, enc):
    ids = tok.encode_padded(PROMPT)
    states, pooled = torch_text(text, [ids])
    lat = latent_example()
    out = torch_unet(unet, lat, [500], states)
    img = torch_run(dec, lat)
    enc_out = torch_run(enc, img)

    def first8(a):
        return [round(float(x), 6) for x in a.reshape(-1)[:8]]

    return {
        "prompt": PROMPT,
        "inputIds": ids,
        "promptTokens": tok.encode(PROMPT, add_special=False),
        "textEncoder": {"lastHiddenStateFirst8": first8(states), "poolerOutputFirst8": first8(pooled)},
        "latent": {"shape": list(lat.shape), "formula": "sample[i] = 0.8 * sin(0.37 * i), i over the flattened tensor"},
        "unet": {"timestep": 500, "timestepDtype": "int64", "encoderHiddenStates": "textEncoder last_hidden_state",
                 "outSampleFirst8": first8(out)},
        "vaeDecoder": {"input": "the latent above, unscaled", "outputShape": list(img.shape),
                       "sampleFirst8": first8(img)},
        "vaeEncoder": {"input": "the VAE decoder's output", "latentSampleFirst8": first8(enc_out)},
        "scalingFactor": SCALING_FACTOR,
        "tolerance": TOLERANCE,
    }


# ---------------------------------------------------------------------------------------------------- configs
def text_config(m, tok):
    c = m.cfg
    return {"architectures": ["CLIPTextModel"], "model_type": "clip_text_model", "vocab_size": c["vocab_size"],
            "hidden_size": c["hidden_size"], "intermediate_size": c["intermediate_size"], "projection_dim": HIDDEN,
            "num_hidden_layers": c["num_hidden_layers"], "num_attention_heads": c["num_attention_heads"],
            "max_position_embeddings": c["max_position_embeddings"], "hidden_act": "quick_gelu",
            "layer_norm_eps": 1e-5, "attention_dropout": 0.0, "dropout": 0.0, "initializer_range": 0.02,
            "initializer_factor": 1.0, "bos_token_id": tok.bos_id, "eos_token_id": tok.eos_id,
            "pad_token_id": tok.eos_id, "torch_dtype": "float32"}


def unet_config():
    return {"_class_name": "UNet2DConditionModel", "_diffusers_version": DIFFUSERS_VERSION, "sample_size": 8,
            "in_channels": LATENT_CHANNELS, "out_channels": LATENT_CHANNELS, "block_out_channels": [32],
            "down_block_types": ["CrossAttnDownBlock2D"], "mid_block_type": "UNetMidBlock2DCrossAttn",
            "up_block_types": ["CrossAttnUpBlock2D"], "layers_per_block": 1, "cross_attention_dim": HIDDEN,
            "attention_head_dim": 16, "num_attention_heads": 2, "norm_num_groups": GROUPS, "norm_eps": 1e-5,
            "act_fn": "silu", "flip_sin_to_cos": True, "freq_shift": 0, "center_input_sample": False}


def vae_config():
    return {"_class_name": "AutoencoderKL", "_diffusers_version": DIFFUSERS_VERSION, "in_channels": 3,
            "out_channels": 3, "latent_channels": LATENT_CHANNELS, "sample_size": 64,
            "scaling_factor": SCALING_FACTOR, "block_out_channels": [16, 16, 32, 32],
            "down_block_types": ["DownEncoderBlock2D"] * 4, "up_block_types": ["UpDecoderBlock2D"] * 4,
            "layers_per_block": 1, "norm_num_groups": GROUPS, "act_fn": "silu"}


def scheduler_config():
    return {"_class_name": "PNDMScheduler", "_diffusers_version": DIFFUSERS_VERSION, "num_train_timesteps": 1000,
            "beta_start": 0.00085, "beta_end": 0.012, "beta_schedule": "scaled_linear", "trained_betas": None,
            "prediction_type": "epsilon", "set_alpha_to_one": False, "steps_offset": 1, "skip_prk_steps": True,
            "clip_sample": False, "timestep_spacing": "leading"}


def model_index():
    return {"_class_name": "StableDiffusionPipeline", "_diffusers_version": DIFFUSERS_VERSION,
            "feature_extractor": [None, None], "requires_safety_checker": False, "safety_checker": [None, None],
            "scheduler": ["diffusers", "PNDMScheduler"], "text_encoder": ["transformers", "CLIPTextModel"],
            "tokenizer": ["transformers", "CLIPTokenizer"], "unet": ["diffusers", "UNet2DConditionModel"],
            "vae_decoder": ["diffusers", "AutoencoderKL"], "vae_encoder": ["diffusers", "AutoencoderKL"]}


# ---------------------------------------------------------------------------------------------------- writing
def write_json(path, obj, indent=2):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=indent, ensure_ascii=False)
        f.write("\n")


def build_all():
    merges = train_merges()
    vocab = build_vocab(merges)
    tok = ClipTokenizer(vocab, merges)
    text = build_text_encoder(len(vocab))
    unet = build_unet()
    dec, enc = build_vae()
    return tok, vocab, merges, text, unet, dec, enc


def write_all(out, tok, vocab, merges, text, unet, dec, enc):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    write_json(os.path.join(out, "model_index.json"), model_index())
    write_tokenizer(os.path.join(out, "tokenizer"), vocab, merges)
    os.makedirs(os.path.join(out, "scheduler"))
    write_json(os.path.join(out, "scheduler", "scheduler_config.json"), scheduler_config())
    ids = np.asarray([tok.encode_padded(PROMPT)] * 2, np.int32)
    g = torch.Generator().manual_seed(0)
    states = torch.randn(2, MAX_LEN, HIDDEN, generator=g)
    jobs = [("text_encoder", text, (torch.as_tensor(ids),), text_config(text, tok)),
            ("unet", unet, (torch.randn(2, LATENT_CHANNELS, 8, 8, generator=g), torch.tensor([500, 20]), states),
             unet_config()),
            ("vae_decoder", dec, (torch.randn(1, LATENT_CHANNELS, 8, 8, generator=g),), vae_config()),
            ("vae_encoder", enc, (torch.randn(1, 3, 64, 64, generator=g),), vae_config())]
    for name, m, args, cfg in jobs:
        d = os.path.join(out, name)
        os.makedirs(d)
        export(m, args, name, os.path.join(d, "model.onnx"))
        write_json(os.path.join(d, "config.json"), cfg)
    write_json(os.path.join(out, "reference.json"), reference(tok, text, unet, dec, enc))


# ---------------------------------------------------------------------------------------------------- ORT checks
# ../common/ort_run.cjs takes float32 and int64 inputs; the text encoder's input_ids are int32 (as in Optimum's
# Stable Diffusion exports), so that one graph goes through this small runner (same files, int32 added).
_INT32_RUNNER = r"""
const fs = require('fs'), path = require('path'), ort = require('onnxruntime-node');
(async () => {
  const [model, dir] = process.argv.slice(2);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json')));
  const sess = await ort.InferenceSession.create(model);
  const T = { float32: Float32Array, int64: BigInt64Array, int32: Int32Array };
  const feeds = {};
  for (const [name, { dtype, shape }] of Object.entries(meta.inputs)) {
    const b = fs.readFileSync(path.join(dir, name + '.bin'));
    feeds[name] = new ort.Tensor(dtype, new T[dtype](b.buffer.slice(b.byteOffset, b.byteOffset + b.length)), shape);
  }
  const out = await sess.run(feeds);
  const outputs = {}, dtypes = {};
  for (const [name, v] of Object.entries(out)) {
    fs.writeFileSync(path.join(dir, name + '.bin'), Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength));
    outputs[name] = v.dims; dtypes[name] = v.type;
  }
  fs.writeFileSync(path.join(dir, 'out.json'), JSON.stringify({ outputs, dtypes }));
})().catch((e) => { console.error(e); process.exit(1); });
"""
_NP = {"float32": "<f4", "int64": "<i8", "int32": "<i4"}


def run_ort(path, feeds):
    """{name: array} on onnxruntime-node -> {output: array}; int32 inputs through _INT32_RUNNER."""
    if not any(a.dtype == np.int32 for a in feeds.values()):
        return run_onnx(path, feeds)[0]
    with tempfile.TemporaryDirectory() as d:
        meta = {"inputs": {}}
        for name, a in feeds.items():
            dt = {np.dtype(np.int32): "int32", np.dtype(np.int64): "int64"}.get(a.dtype, "float32")
            a.astype(_NP[dt]).tofile(os.path.join(d, name + ".bin"))
            meta["inputs"][name] = {"dtype": dt, "shape": list(a.shape)}
        with open(os.path.join(d, "meta.json"), "w") as f:
            json.dump(meta, f)
        runner = os.path.join(d, "run.cjs")
        with open(runner, "w") as f:
            f.write(_INT32_RUNNER)
        subprocess.run(["node", runner, path, d], check=True, env=dict(os.environ, NODE_PATH=ORT_NODE_MODULES))
        with open(os.path.join(d, "out.json")) as f:
            res = json.load(f)
        return {k: np.fromfile(os.path.join(d, k + ".bin"), dtype=_NP.get(res["dtypes"][k], "<f4")).reshape(s)
                for k, s in res["outputs"].items()}


def verify(out, tok, text, unet, dec, enc):
    """onnxruntime-node vs PyTorch on every graph: the reference call, a batch of 2 with other sizes. Returns the
    largest |difference| seen and the list of checks."""
    with open(os.path.join(out, "reference.json")) as f:
        ref = json.load(f)
    errs, done = [], []

    def cmp(a, b, what, first8=None):
        assert a.shape == b.shape, (what, a.shape, b.shape)
        errs.append(float(np.abs(a - b).max()))
        assert errs[-1] < TOLERANCE, (what, errs[-1])
        if first8 is not None:
            assert np.abs(a.reshape(-1)[:8] - np.array(first8)).max() < TOLERANCE, what
        done.append(f"{what} {list(a.shape)}")

    p = {n: os.path.join(out, n, "model.onnx") for n in GRAPHS}
    ids = np.asarray([ref["inputIds"], tok.encode_padded("a photo of a cat's face, 3 birds!")], np.int32)
    o = run_ort(p["text_encoder"], {"input_ids": ids})
    th, tp = torch_text(text, ids)
    cmp(o["last_hidden_state"][:1], th[:1], "text_encoder", ref["textEncoder"]["lastHiddenStateFirst8"])
    cmp(o["last_hidden_state"], th, "text_encoder batch 2")
    cmp(o["pooler_output"], tp, "text_encoder pooler_output", ref["textEncoder"]["poolerOutputFirst8"])
    short = np.asarray([tok.encode("a red apple")], np.int32)  # sequence_length 5, no padding
    cmp(run_ort(p["text_encoder"], {"input_ids": short})["last_hidden_state"], torch_text(text, short)[0],
        "text_encoder unpadded")

    lat = latent_example()
    o = run_ort(p["unet"], {"sample": lat, "timestep": np.array([500], np.int64), "encoder_hidden_states": th[:1]})
    cmp(o["out_sample"], torch_unet(unet, lat, [500], th[:1]), "unet", ref["unet"]["outSampleFirst8"])
    for (h, w), t in (((6, 10), [999, 1]), ((7, 5), [250])):  # timestep [batch] and [1]
        x = latent_example((2, LATENT_CHANNELS, h, w))
        o = run_ort(p["unet"], {"sample": x, "timestep": np.array(t, np.int64), "encoder_hidden_states": th})
        cmp(o["out_sample"], torch_unet(unet, x, t, th), f"unet timestep {t}")

    o = run_ort(p["vae_decoder"], {"latent_sample": lat})
    img = torch_run(dec, lat)
    cmp(o["sample"], img, "vae_decoder", ref["vaeDecoder"]["sampleFirst8"])
    x = latent_example((2, LATENT_CHANNELS, 6, 10))
    cmp(run_ort(p["vae_decoder"], {"latent_sample": x})["sample"], torch_run(dec, x), "vae_decoder")
    cmp(run_ort(p["vae_encoder"], {"sample": img})["latent_sample"], torch_run(enc, img), "vae_encoder",
        ref["vaeEncoder"]["latentSampleFirst8"])
    x = image_example((2, 3, 48, 80))
    cmp(run_ort(p["vae_encoder"], {"sample": x})["latent_sample"], torch_run(enc, x), "vae_encoder")
    return max(errs), done


def folder_bytes(d):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--no-verify", action="store_true", help="skip the onnxruntime-node checks")
    a = ap.parse_args()
    torch.set_num_threads(1)
    parts = build_all()
    write_all(a.out, *parts)
    tok, _, _, text, unet, dec, enc = parts
    print(f"tiny-sd: {folder_bytes(a.out) / 1e3:.1f} kB; parameters: text_encoder {n_params(text)}, unet "
          f"{n_params(unet)}, vae_decoder {n_params(dec)}, vae_encoder {n_params(enc)}; vocabulary {len(tok.vocab)}",
          flush=True)
    if not a.no_verify:
        if not have_ort_node():
            sys.exit("onnxruntime-node not found (npm install at the repository root) - or pass --no-verify")
        err, done = verify(a.out, *parts[:1], *parts[3:])
        print(f"onnxruntime-node vs PyTorch: max |diff| {err:.2e} over {len(done)} checks:\n  " + "\n  ".join(done))


if __name__ == "__main__":
    main()
