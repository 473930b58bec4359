"""Emoji data: images composited on white, captions, word vocabulary, deterministic held-out split.

python3 -m images.data [--size 48] (from models/training) -> images/.cache/carry/emoji48.npz (uint8 images, word ids,
category ids, split, vocab).
Skin-tone variants are dropped (one image per emoji: the default yellow / neutral one); the `Component` category
(the five skin-tone swatches) too. Held out: the emoji whose sha1(unified) % 20 == 0 (~5 %).
"""
import argparse
import hashlib
import json
import os
import re

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")
STOP_WORDS = ["a", "an", "the", "of", "with", "and", "or", "in", "on", "at", "to", "for", "by", "from", "is", "it",
              "as", "be", "this", "that", "s"]
CATEGORIES = ["Smileys & Emotion", "People & Body", "Animals & Nature", "Food & Drink", "Travel & Places",
              "Activities", "Objects", "Symbols", "Flags"]
MAX_WORDS_STORED = 32  # caption words kept per emoji (training samples a subset of at most 8)
MIN_COUNT = 2  # over all caption tokens: a word said twice about one emoji (name + keyword) counts
MAX_VOCAB = 2000


def words_of(text):
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w and w not in STOP_WORDS]


def caption_parts(e, keywords):
    """Name, short names, emojilib keywords, subcategory, category."""
    return [e.get("name") or ""] + list(e.get("short_names") or []) + list(keywords) + \
        [e.get("subcategory") or "", e.get("category") or ""]


def caption_words(e, keywords):
    """Unique words in order: name, short names, emojilib keywords, subcategory, category."""
    out = []
    for p in caption_parts(e, keywords):
        for w in words_of(p):
            if w not in out:
                out.append(w)
    return out


def tokenize(prompt, vocab_index, max_words=8):
    """Prompt -> ids exactly as the app does (INTERFACE.md): unknown words ignored, first max_words, padded with 0."""
    ids = [vocab_index[w] for w in words_of(prompt) if w in vocab_index][:max_words]
    return ids + [0] * (max_words - len(ids))


def load_emojilib():
    with open(os.path.join(CACHE, "emojilib", "package", "dist", "emoji-en-US.json")) as f:
        lib = json.load(f)
    return {k.replace("\ufe0f", ""): v for k, v in lib.items()}


def held_out(unified):
    return int(hashlib.sha1(unified.encode()).hexdigest(), 16) % 20 == 0


def build(size=48):
    from PIL import Image
    with open(os.path.join(CACHE, "google", "package", "emoji.json")) as f:
        meta = json.load(f)
    lib = load_emojilib()
    img_dir = os.path.join(CACHE, "google", "package", "img", "google", "64")
    items = []
    for e in sorted(meta, key=lambda e: e["sort_order"]):
        if e["category"] not in CATEGORIES or not e.get("has_img_google"):
            continue
        path = os.path.join(img_dir, e["image"])
        if not os.path.exists(path):
            continue
        ch = "".join(chr(int(c, 16)) for c in e["unified"].split("-")).replace("\ufe0f", "")
        kw = lib.get(ch, [])
        items.append((e, caption_words(e, kw), path, [w for p in caption_parts(e, kw) for w in words_of(p)]))
    test = np.array([held_out(e["unified"]) for e, _, _, _ in items])
    counts = {}
    for (e, ws, _, toks), t in zip(items, test):  # word counts over all caption tokens (before de-duplication)
        if not t:
            for w in toks:
                counts[w] = counts.get(w, 0) + 1
    words = sorted([w for w, c in counts.items() if c >= MIN_COUNT], key=lambda w: (-counts[w], w))[:MAX_VOCAB - 1]
    vocab = ["<pad>"] + words
    index = {w: i for i, w in enumerate(vocab)}
    n = len(items)
    images = np.zeros((n, size, size, 3), np.uint8)
    ids = np.zeros((n, MAX_WORDS_STORED), np.int64)
    name_len = np.zeros(n, np.int64)
    cats = np.zeros(n, np.int64)
    for i, (e, ws, path, _) in enumerate(items):
        im = Image.open(path).convert("RGBA")
        bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, im).convert("RGB")
        if im.size != (size, size):
            im = im.resize((size, size), Image.LANCZOS)
        images[i] = np.asarray(im)
        known = [index[w] for w in ws if w in index][:MAX_WORDS_STORED]
        ids[i, :len(known)] = known
        name_len[i] = len([w for w in words_of(e["name"] or "") if w in index])
        cats[i] = CATEGORIES.index(e["category"])
    return dict(images=images, words=ids, name_len=name_len, category=cats, test=test, vocab=np.array(vocab),
                categories=np.array(CATEGORIES), names=np.array([e["name"] or "" for e, _, _, _ in items]),
                unified=np.array([e["unified"] for e, _, _, _ in items]))


def load(path):
    d = np.load(path)
    return {k: d[k] for k in d.files}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=48)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    d = build(a.size)
    out = a.out or os.path.join(CACHE, "carry", f"emoji{a.size}.npz")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    np.savez_compressed(out, **d)
    t = d["test"]
    print(f"emoji {len(t)} (train {int((~t).sum())}, held out {int(t.sum())}), vocab {len(d['vocab'])}, "
          f"words/caption {np.mean((d['words'] > 0).sum(1)):.1f}, file {os.path.getsize(out) / 1e6:.2f} MB")
    print("per category (train):", dict(zip(d["categories"].tolist(), np.bincount(d["category"][~t]).tolist())))
    print("vocab head:", d["vocab"][:30].tolist())
