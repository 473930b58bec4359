"""Atelier Emoji 2 data: four drawings of the emoji plus named line icons, every caption with its picture's colour
word and style word, and recoloured copies that ground the colour words.

python3 -m images.sets (from models/training) -> images/.cache/carry/emoji2_48.npz

Sources (fetch_data.sh):
  noto     Noto Color Emoji 64 px PNGs (emoji-datasource-google)    Apache-2.0   style word "glossy"
  twemoji  Twemoji 64 px PNGs (emoji-datasource-twitter)            CC-BY 4.0    style word "flat"
  fluent   Microsoft Fluent Emoji, flat SVGs (fluentui-emoji)       MIT          style word "flat"
  tabler   Tabler outline icons (@tabler/icons; no "-off" or numbered variants)  MIT   style words "line icon"
  lucide   Lucide icons (lucide-static)                             ISC          style words "line icon"
Captions: [colour word, style word(s), name words, the rest (short names, emojilib keywords or icon tags,
subcategory, category)]; the colour word is the measured dominant colour (colour.py), every colour word in the
emoji's own name is dropped first ("red heart" is "heart" + the measured colour). Each emoji picture also gets one
recoloured copy (colour.recolour) in a colour it is not, captioned with that colour; pictures without one main colour
(flags, rainbows) get none. Icons are drawn once, in black (30 %) or another colour (not white), from their coverage.
Held out: the emoji whose sha1(unified) % 20 == 0 (the first model's held-out set, in every drawing), and the icons
whose sha1(source/name) % 20 == 0. Vocabulary: the first model's 2,000 words in their order, then new words seen at
least twice in the training captions, up to 4,000.
"""
import hashlib
import json
import os
import re
import subprocess
import tempfile

import numpy as np

from . import colour as col
from . import data as d1

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")
SOURCES = ["noto", "twemoji", "fluent", "tabler", "lucide"]
STYLE = {"noto": ["glossy"], "twemoji": ["flat"], "fluent": ["flat"], "tabler": ["line", "icon"],
         "lucide": ["line", "icon"]}
STYLE_WORDS = ["glossy", "flat", "line icon"]
CATEGORIES = d1.CATEGORIES + ["Icons"]
MAX_VOCAB = 4000
SIZE = 48


def kebab(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def seed_of(s):
    return int(hashlib.sha1(s.encode()).hexdigest(), 16)


def render(items, chunk=200):
    """[(svg path, inner px, colour)] -> uint8 [N, SIZE, SIZE, 4] via render_svgs.cjs (resvg). One Node process per
    `chunk` files: resvg's native buffers are freed only when the process ends (one process for all ran out of memory)."""
    if len(items) > chunk:
        return np.concatenate([render(items[i:i + chunk], chunk) for i in range(0, len(items), chunk)])
    with tempfile.TemporaryDirectory() as tmp:
        lst = os.path.join(tmp, "list.json")
        out = os.path.join(tmp, "out.bin")
        with open(lst, "w") as f:
            json.dump([{"path": p, "size": SIZE, "inner": inner, "color": c} for p, inner, c in items], f)
        subprocess.run(["node", os.path.join(HERE, "render_svgs.cjs"), lst, out], check=True)
        return np.fromfile(out, np.uint8).reshape(len(items), SIZE, SIZE, 4)


def png_rgba(path):
    from PIL import Image
    im = Image.open(path).convert("RGBA")
    return np.asarray(im.resize((SIZE, SIZE), Image.LANCZOS))


def emoji_entries():
    with open(os.path.join(CACHE, "google", "package", "emoji.json")) as f:
        meta = json.load(f)
    lib = d1.load_emojilib()
    out = []
    for e in sorted(meta, key=lambda e: e["sort_order"]):
        if e["category"] not in d1.CATEGORIES:
            continue
        ch = "".join(chr(int(c, 16)) for c in e["unified"].split("-")).replace("\ufe0f", "")
        kw = lib.get(ch, [])
        out.append(dict(e=e, kw=kw, key=e["unified"], cat=d1.CATEGORIES.index(e["category"]),
                        name=[w for w in d1.words_of(e["name"] or "") if w not in col.COLOURS],
                        rest=[w for w in d1.caption_words(e, kw) if w not in col.COLOURS],
                        first_kw=kw[:1]))
    return out


def fluent_files(entries):
    keys = {}
    for x in entries:
        e = x["e"]
        for k in [e["name"] or ""] + list(e["short_names"]) + x["first_kw"]:
            keys.setdefault(kebab(k), x)
    folder = os.path.join(CACHE, "fluent", "package", "icons", "flat")
    found = {}
    for f in sorted(os.listdir(folder)):
        b = f[:-4]
        if re.search(r"-(dark|light|medium|medium-dark|medium-light)$", b):
            continue
        b = b[:-len("-default")] if b.endswith("-default") else b
        if b in keys and keys[b]["key"] not in found:
            found[keys[b]["key"]] = os.path.join(folder, f)
    return found


def icon_entries():
    out = []
    with open(os.path.join(CACHE, "tabler", "package", "icons.json")) as f:
        tab = json.load(f)
    for name, v in sorted(tab.items()):
        if re.search(r"-off$|\d", name) or "outline" not in v.get("styles", {}):
            continue
        path = os.path.join(CACHE, "tabler", "package", "icons", "outline", name + ".svg")
        if os.path.exists(path):
            out.append(("tabler", name, path, [str(t) for t in v.get("tags", [])] + [v.get("category") or ""]))
    with open(os.path.join(CACHE, "lucide", "package", "tags.json")) as f:
        luc = json.load(f)
    for name, tags in sorted(luc.items()):
        path = os.path.join(CACHE, "lucide", "package", "icons", name + ".svg")
        if os.path.exists(path) and not re.search(r"\d", name):
            out.append(("lucide", name, path, [str(t) for t in tags]))
    return out


def caption(colour, style, name, rest):
    words = ([colour] if colour else []) + style
    head = list(words)
    for w in name + rest:
        if w not in words:
            words.append(w)
    n_head = len(head) + len([w for w in name if w not in head])
    return words, n_head


def build():
    rng = np.random.default_rng(7)
    entries = emoji_entries()
    fluent = fluent_files(entries)
    rows = []  # (rgb uint8, words, n_head, cat, source, key, test)

    def add_emoji(src, x, rgba):
        test = d1.held_out(x["key"])
        rgb = col.composite(rgba)
        c, _ = col.dominant(rgb, rgba[..., 3])
        words, nh = caption(c, STYLE[src], x["name"], x["rest"])
        rows.append((rgb, words, nh, x["cat"], src, x["key"], test, False))
        targets = [t for t in col.COLOURS if t != c]
        rng.shuffle(targets)
        for t in targets[:3]:
            re_ = col.recolour(rgba, t)
            if re_ is not None:
                words, nh = caption(t, STYLE[src], x["name"], x["rest"])
                rows.append((col.composite(re_), words, nh, x["cat"], src, x["key"], test, True))
                break

    for src, folder, flag in (("noto", "google", "has_img_google"), ("twemoji", "twitter", "has_img_twitter")):
        img_dir = os.path.join(CACHE, folder, "package", "img", folder, "64")
        for x in entries:
            p = os.path.join(img_dir, x["e"]["image"])
            if x["e"].get(flag) and os.path.exists(p):
                add_emoji(src, x, png_rgba(p))
        print(src, len(rows), flush=True)
    fl = [x for x in entries if x["key"] in fluent]
    for x, rgba in zip(fl, render([(fluent[x["key"]], 46, None) for x in fl])):
        add_emoji("fluent", x, rgba)
    print("fluent", len(rows), flush=True)
    icons = icon_entries()
    cover = render([(p, 40, "#000000") for _, _, p, _ in icons])[..., 3]
    for (src, name, _, tags), a in zip(icons, cover):
        c = "black" if rng.random() < 0.3 else str(rng.choice([k for k in col.COLOURS if k not in ("black", "white")]))
        name_w = [w for w in d1.words_of(name.replace("-", " ")) if w not in col.COLOURS]
        rest = [w for t in tags for w in d1.words_of(t) if w not in col.COLOURS]
        words, nh = caption(c, STYLE[src], name_w, rest)
        test = seed_of(f"{src}/{name}") % 20 == 0
        rows.append((col.tint(a, c), words, nh, len(d1.CATEGORIES), src, f"{src}/{name}", test, False))
    print("icons", len(rows), flush=True)

    old_vocab = old_vocab_from_manifest()
    counts = {}
    for r in rows:
        if not r[6]:
            for w in r[1]:
                counts[w] = counts.get(w, 0) + 1
    known = set(old_vocab)
    new = sorted([w for w, c in counts.items() if c >= 2 and w not in known], key=lambda w: (-counts[w], w))
    vocab = old_vocab + new[:MAX_VOCAB - len(old_vocab)]
    index = {w: i for i, w in enumerate(vocab)}
    n = len(rows)
    ids = np.zeros((n, d1.MAX_WORDS_STORED), np.int64)
    head = np.zeros(n, np.int64)
    for i, r in enumerate(rows):
        k = [index[w] for w in r[1] if w in index][:d1.MAX_WORDS_STORED]
        ids[i, :len(k)] = k
        head[i] = len([w for w in r[1][:r[2]] if w in index])
    return dict(images=np.stack([r[0] for r in rows]), words=ids, name_len=head,
                category=np.array([r[3] for r in rows]), source=np.array([SOURCES.index(r[4]) for r in rows]),
                key=np.array([r[5] for r in rows]), test=np.array([r[6] for r in rows]),
                recoloured=np.array([r[7] for r in rows]),
                colour=np.array([r[1][0] if r[1][0] in col.COLOURS else "" for r in rows]),
                vocab=np.array(vocab), old_vocab_size=np.array(len(old_vocab)), sources=np.array(SOURCES),
                categories=np.array(CATEGORIES), styles=np.array(STYLE_WORDS))


def old_vocab_from_manifest(path=os.path.join(HERE, "..", "..", "emoji", "model.json")):
    """The first model's vocabulary (kept in its order so its word embeddings carry over)."""
    with open(path) as f:
        m = json.load(f)
    cond = m["image"]["conditioning"]
    return list(cond["vocab"])


if __name__ == "__main__":
    dd = build()
    out = os.path.join(CACHE, "carry", f"emoji2_{SIZE}.npz")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    np.savez_compressed(out, **dd)
    t = dd["test"]
    print(f"rows {len(t)} (train {int((~t).sum())}, held out {int(t.sum())}), recoloured {int(dd['recoloured'].sum())}, "
          f"vocab {len(dd['vocab'])} (old {int(dd['old_vocab_size'])}), file {os.path.getsize(out) / 1e6:.1f} MB")
    for i, s in enumerate(SOURCES):
        print(s, int((dd["source"] == i).sum()))
    print("colours:", {c: int((dd["colour"] == c).sum()) for c in col.COLOURS})
