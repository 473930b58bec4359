"""Glyph data set: Debian font packages -> 64x64 "glyph-box" renders of A-Z a-z 0-9, split by family.

  cd models/training && /usr/bin/python3 -m glyphs.dataset   # builds glyphs/.cache/glyphs.npz (after
                                                              # `sh glyphs/fetch_data.sh`) and prints stats

Glyph-box normalisation (what the app reproduces for dropped images, see models/glyphs/CARD.md):
  * pixel coordinates are continuous, pixel (col, row) covers [col, col+1) x [row, row+1) of the 64x64 frame;
  * per font, scale s = CAP_HEIGHT / (ink height of "H") so that the cap height is CAP_HEIGHT = 30 px;
  * if any of the font's 62 glyphs would leave the frame (1 px margin: ink must stay inside y in [1, 63],
    ink width <= 62 px) s is shrunk for the whole font until all fit;
  * the baseline lies at y = BASELINE = 45 (ink of "H" ends at the bottom edge of row 44);
  * each glyph is shifted horizontally so its own ink bounding box is centred at x = 32;
  * rendered by FreeType (Pillow) at ~4.7x the target scale, affine-resampled to a 4x super-sampled
    256x256 frame (bilinear) and box-filtered 4x4 -> 64x64; 1.0 = ink, 0.0 = paper.
"""
import glob
import hashlib
import json
import os
import re
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .model import CHARSET, SIZE

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")
NPZ = os.path.join(CACHE, "glyphs.npz")
CAP_HEIGHT = 30.0
BASELINE = 45.0
CENTER_X = 32.0
RENDER_PT = 200          # FreeType size used for rendering (cap height ~140 px)
SS = 4                   # super-sampling of the output frame
MAX_PER_GROUP = 12       # at most this many styles of one family group (Noto has 70+ per family)
HELD_OUT_FRACTION = 0.10
SPLIT_SEED = 1234
DEDUPE_RMS = 0.03        # two fonts whose 62 renders differ by less than this RMS are the same design

# file names that are not plain Latin text faces (symbols, small caps, caps-only, decorative variants)
REJECT_NAME = re.compile(
    r"(symbol|dingbat|math|icon|emoji|ornament|braille|smallcap|[-_ ]sc[-_. ]|sc\.|caps|unicase|"
    r"initials|outline|shadow|inline|hairline|backslant|dunhill|demi-?sc|lmmonoprop|lmmonoltcond|"
    r"liberationsansnarrow-?bold|sketch)", re.I)
NOTO_LATIN = re.compile(r"^Noto(Sans|Serif)(Mono|Display)?-", re.I)
STYLE_WORDS = re.compile(
    r"\b(thin|hairline|extralight|ultralight|light|book|regular|normal|medium|semibold|demibold|demi|bold|"
    r"extrabold|ultrabold|heavy|black|extrablack|italic|oblique|slanted|condensed|semicondensed|"
    r"extracondensed|ultracondensed|expanded|extended|narrow|wide|display|text|caption|subhead|"
    r"\d+pt|\d+)\b", re.I)


def load_packages():
    rows = []
    with open(os.path.join(HERE, "packages.tsv")) as f:
        for line in f:
            if line.startswith("#") or line.startswith("package\t") or not line.strip():
                continue
            p, lic, use = line.rstrip("\n").split("\t")
            rows.append({"package": p, "licence": lic, "use": use == "yes"})
    return rows


def font_files(pkg):
    root = os.path.join(CACHE, "pkgs", pkg)
    files = sorted(glob.glob(os.path.join(root, "**", "*.[ot]tf"), recursive=True) +
                   glob.glob(os.path.join(root, "**", "*.[OT]TF"), recursive=True))
    out = []
    for f in files:
        if os.path.islink(f) and not os.path.exists(f):
            continue
        base = os.path.basename(f)
        if pkg == "fonts-noto-core" and not NOTO_LATIN.match(base):
            continue
        if REJECT_NAME.search(base):
            continue
        out.append(f)
    # the same file is often present as .otf and .ttf or via symlinks: keep one per real path
    seen, uniq = set(), []
    for f in out:
        r = os.path.realpath(f)
        if r not in seen:
            seen.add(r)
            uniq.append(f)
    return uniq


def _glyph(font, ch):
    """Render one char; returns (ink array float32 in [0,1], x0, y0) with (x0, y0) the array's top-left
    corner relative to the pen origin on the baseline (y down)."""
    x0, y0, x1, y1 = font.getbbox(ch, anchor="ls")
    w, h = x1 - x0 + 4, y1 - y0 + 4
    im = Image.new("L", (max(w, 1), max(h, 1)), 0)
    ImageDraw.Draw(im).text((2 - x0, 2 - y0), ch, font=font, fill=255, anchor="ls")
    return np.asarray(im, dtype=np.float32) / 255.0, x0 - 2, y0 - 2


def _ink_bbox(a, thr=0.25):
    ys, xs = np.nonzero(a > thr)
    if len(xs) == 0:
        return None
    return xs.min(), ys.min(), xs.max() + 1, ys.max() + 1


def render_font(path):
    """Returns (uint8 [62,64,64], info dict) or (None, reason)."""
    try:
        font = ImageFont.truetype(path, RENDER_PT)
    except Exception as e:  # noqa: BLE001
        return None, f"unreadable: {e}"
    try:
        notdef = [_glyph(font, c)[0] for c in ("\uffff", "\U0010fffd", "\ue7ff")]
    except Exception:  # noqa: BLE001
        notdef = []
    glyphs, boxes = [], []
    for ch in CHARSET:
        try:
            a, gx, gy = _glyph(font, ch)
        except Exception as e:  # noqa: BLE001
            return None, f"render error {ch!r}: {e}"
        bb = _ink_bbox(a)
        if bb is None:
            return None, f"no ink for {ch!r}"
        if any(n.shape == a.shape and np.abs(n - a).max() < 1e-3 for n in notdef):
            return None, f"missing {ch!r} (.notdef)"
        glyphs.append((a, gx, gy))
        boxes.append((bb[0] + gx, bb[1] + gy, bb[2] + gx, bb[3] + gy))  # relative to pen origin / baseline
    boxes = np.array(boxes, np.float64)
    # distinct glyphs? (a font that maps everything to one box/shape is broken)
    sig = {hashlib.md5(np.round(g[0], 2).tobytes()).hexdigest() for g in glyphs}
    if len(sig) < 55:
        return None, "too many identical glyphs"
    h_box = boxes[CHARSET.index("H")]
    cap = -h_box[1]  # top of H above the baseline (H sits on the baseline)
    if cap <= 10:
        return None, "no cap height"
    s = CAP_HEIGHT / cap
    up = max(-boxes[:, 1].min(), 1e-6) * s          # highest ink above the baseline (px in frame)
    down = max(boxes[:, 3].max(), 1e-6) * s         # lowest ink below the baseline
    width = (boxes[:, 2] - boxes[:, 0]).max() * s
    shrink = min(1.0, (BASELINE - 1) / up, (SIZE - 1 - BASELINE) / down, (SIZE - 2) / width)
    S = s * shrink                                   # frame px per source px
    out = np.zeros((len(CHARSET), SIZE, SIZE), np.uint8)
    for i, ((a, gx, gy), bb) in enumerate(zip(glyphs, boxes)):
        cx = 0.5 * (bb[0] + bb[2])                   # ink centre, source px rel. to pen origin
        im = Image.fromarray(np.clip(a * 255 + 0.5, 0, 255).astype(np.uint8))
        inv = 1.0 / (SS * S)
        # output (X, Y) in the 4x frame -> source array coords
        data = (inv, 0.0, cx - CENTER_X / S - gx, 0.0, inv, -BASELINE / S - gy)
        big = im.transform((SIZE * SS, SIZE * SS), Image.AFFINE, data, resample=Image.BILINEAR, fillcolor=0)
        out[i] = np.asarray(big.reduce(SS))
    try:
        family, style = font.getname()
    except Exception:  # noqa: BLE001
        family, style = os.path.basename(path), ""
    return out, {"family": family or "", "style": style or "", "scale": S, "shrink": shrink, "cap_src": cap}


def group_key(family, path):
    fam = family or os.path.splitext(os.path.basename(path))[0]
    fam = re.sub(r"([a-z])([A-Z])", r"\1 \2", fam)
    fam = STYLE_WORDS.sub(" ", fam.replace("-", " ").replace("_", " "))
    return " ".join(fam.lower().split()) or fam.lower()


def build(verbose=True):
    pkgs = [p for p in load_packages() if p["use"]]
    imgs, meta, rejected = [], [], []
    for p in pkgs:
        for f in font_files(p["package"]):
            arr, info = render_font(f)
            rel = os.path.relpath(f, os.path.join(CACHE, "pkgs"))
            if arr is None:
                rejected.append((rel, info))
                continue
            # caps-only fonts: lowercase identical (up to scale) to uppercase for many letters
            up, lo = arr[:26].astype(np.float32) / 255, arr[26:52].astype(np.float32) / 255
            if np.mean(np.sqrt(((up - lo) ** 2).mean(axis=(1, 2))) < 0.02) > 0.3:
                rejected.append((rel, "caps-only"))
                continue
            imgs.append(arr)
            meta.append({"file": rel, "package": p["package"], "licence": p["licence"], **info})
        if verbose:
            print(f"{p['package']}: {sum(m['package'] == p['package'] for m in meta)} fonts", flush=True)
    imgs = np.stack(imgs)
    # near-duplicate removal (same outlines shipped twice, metric clones, optical sizes)
    small = imgs.reshape(len(imgs), len(CHARSET), 16, 4, 16, 4).astype(np.float32).mean(axis=(3, 5)) / 255
    v = small.reshape(len(imgs), -1)
    sq = (v ** 2).sum(1)
    d2 = (sq[:, None] + sq[None, :] - 2 * v @ v.T) / v.shape[1]
    keep = []
    for i in range(len(imgs)):
        if all(d2[i, j] > DEDUPE_RMS ** 2 for j in keep):
            keep.append(i)
        else:
            rejected.append((meta[i]["file"], "near-duplicate"))
    imgs = imgs[keep]
    meta = [meta[i] for i in keep]
    for m in meta:
        m["group"] = group_key(m["family"], m["file"])
    # cap styles per family group
    rng = np.random.default_rng(SPLIT_SEED)
    groups = sorted({m["group"] for m in meta})
    keep = []
    for g in groups:
        idx = [i for i, m in enumerate(meta) if m["group"] == g]
        if len(idx) > MAX_PER_GROUP:
            idx = sorted(rng.choice(idx, MAX_PER_GROUP, replace=False).tolist())
            for i in set(range(len(meta))) - set(idx):
                if meta[i]["group"] == g:
                    rejected.append((meta[i]["file"], f"more than {MAX_PER_GROUP} styles of '{g}'"))
        keep += idx
    keep.sort()
    imgs = imgs[keep]
    meta = [meta[i] for i in keep]
    # split by family group
    perm = rng.permutation(len(groups))
    n_held = max(1, int(round(HELD_OUT_FRACTION * len(groups))))
    held = {groups[i] for i in perm[:n_held]}
    split = np.array([1 if m["group"] in held else 0 for m in meta], np.int8)  # 1 = held out
    boxes = mean_boxes(imgs[split == 0])
    os.makedirs(CACHE, exist_ok=True)
    np.savez_compressed(NPZ, images=imgs, split=split, meta=json.dumps(meta), rejected=json.dumps(rejected),
                        boxes=boxes)
    if verbose:
        print(f"{len(imgs)} fonts ({int((split == 0).sum())} train / {int(split.sum())} held out), "
              f"{len(groups)} family groups ({len(groups) - n_held} / {n_held}); rejected {len(rejected)} files")
    return load()


def mean_boxes(imgs, thr=0.5):
    """Mean ink bbox [x0, y0, x1, y1] (x1/y1 exclusive, pixels of the 64x64 frame) per char."""
    ink = imgs.astype(np.float32) / 255 > thr
    boxes = np.zeros((len(CHARSET), 4), np.float64)
    for c in range(len(CHARSET)):
        bs = []
        for a in ink[:, c]:
            ys, xs = np.nonzero(a)
            if len(xs):
                bs.append((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1))
        boxes[c] = np.mean(bs, axis=0)
    return boxes


def load():
    if not os.path.exists(NPZ):
        return build()
    d = np.load(NPZ)
    return {"images": d["images"], "split": d["split"], "meta": json.loads(str(d["meta"])),
            "rejected": json.loads(str(d["rejected"])), "boxes": d["boxes"]}


if __name__ == "__main__":
    if "--rebuild" in sys.argv or not os.path.exists(NPZ):
        d = build()
    else:
        d = load()
    meta, split = d["meta"], d["split"]
    from collections import Counter
    print("fonts per licence:", dict(Counter(m["licence"] for m in meta)))
    print("packages used:", len({m["package"] for m in meta}))
    print("held-out groups:", sorted({m["group"] for m, s in zip(meta, split) if s}))
    reasons = Counter(r.split(":")[0].split(" '")[0] for _, r in d["rejected"])
    print("rejections:", dict(reasons))
    print("shrunk fonts:", sum(m["shrink"] < 0.999 for m in meta), "min shrink", min(m["shrink"] for m in meta))
