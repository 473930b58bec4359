"""Metrics + contact sheet + 3x3 tiling example for a trained checkpoint.

  cd models/training && /usr/bin/python3 -m texture.evaluate --ckpt texture/runs/small/last.pt --out ../texture

Writes runs/metrics.json (read by export.py), <out>/contact-sheet.png, <out>/tiled-3x3.png.
Metrics (per style, averaged over styles):
  seam score  = mean |last col - first col| & |last row - first row| (the wrap edge)
                / mean |neighbouring interior pixel differences|, on 512 px outputs (~1 = seamless)
  patch SWD   = sliced Wasserstein distance between 16x16 patches (128 fixed random unit
                directions, 4096 patches each side) of generated 512 px images and of fresh
                random crops of the real pattern (x100 for readability)
  seam score (phase matched) = wrap-edge difference / difference across the other latent-cell
                boundaries (pixel 8k-1 vs 8k)
Baselines: untrained generator of the same architecture (same init seed as training),
and "real": a random 512 px crop of the (periodically tiled) real pattern.
"""
import argparse
import json
import os

import numpy as np
import torch
from PIL import Image, ImageDraw

from .dataset import load_styles, random_crop_wrapped
from .export import load_generator
from .model import STRIDE, build

HERE = os.path.dirname(os.path.abspath(__file__))


def seam_score(img):
    """img: [3, H, W] array. Wrap-edge difference / interior neighbour difference."""
    wrap = np.concatenate([np.abs(img[:, :, -1] - img[:, :, 0]).ravel(), np.abs(img[:, -1, :] - img[:, 0, :]).ravel()])
    inner = np.concatenate([np.abs(np.diff(img, axis=2)).ravel(), np.abs(np.diff(img, axis=1)).ravel()])
    return float(wrap.mean() / max(inner.mean(), 1e-8))


def seam_score_phase(img, stride=STRIDE):
    """Same, but the denominator only uses interior pairs at the same phase as the wrap edge
    (pixel 8k-1 vs 8k), i.e. the other latent-cell boundaries. Removes the effect of any
    period-8 statistics of the upsampling path; ~1 means the wrap edge is like any other cell boundary."""
    wrap = np.concatenate([np.abs(img[:, :, -1] - img[:, :, 0]).ravel(), np.abs(img[:, -1, :] - img[:, 0, :]).ravel()])
    inner = np.concatenate([np.abs(img[:, :, stride::stride] - img[:, :, stride - 1:-1:stride]).ravel(),
                            np.abs(img[:, stride::stride, :] - img[:, stride - 1:-1:stride, :]).ravel()])
    return float(wrap.mean() / max(inner.mean(), 1e-8))


def sample_patches(img, n, p, rng):
    c, h, w = img.shape
    ys = rng.integers(0, h - p + 1, n)
    xs = rng.integers(0, w - p + 1, n)
    idx_y = ys[:, None] + np.arange(p)[None]
    idx_x = xs[:, None] + np.arange(p)[None]
    return img[:, idx_y[:, :, None], idx_x[:, None, :]].transpose(1, 0, 2, 3).reshape(n, -1)


def swd(a, b, dirs):
    pa = np.sort(a @ dirs, axis=0)
    pb = np.sort(b @ dirs, axis=0)
    return float(np.sqrt(((pa - pb) ** 2).mean()) * 100)


def generate(G, k, size, seed):
    g = torch.Generator().manual_seed(seed)
    noise = torch.randn(1, G.z, size // STRIDE, size // STRIDE, generator=g)
    style = torch.zeros(1, G.num_styles)
    style[0, k] = 1
    with torch.no_grad():
        return G(noise, style)[0].numpy()


def to_pil(img):
    return Image.fromarray((np.clip(img, 0, 1).transpose(1, 2, 0) * 255 + 0.5).astype(np.uint8))


def save_png(im, path, limit=1_000_000):
    im.save(path, optimize=True)
    if os.path.getsize(path) > limit:  # fall back to a 256-colour palette to stay small
        im.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "small", "last.pt"))
    ap.add_argument("--out", default=os.path.normpath(os.path.join(HERE, "..", "..", "texture")))
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics.json"))
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--cell", type=int, default=96)
    ap.add_argument("--tile-style", default="cloudy-sky")
    ap.add_argument("--no-metrics", action="store_true")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    G, ck = load_generator(args.ckpt)
    torch.manual_seed(ck["args"].get("seed", 0) if "args" in ck else 0)
    G0 = build(ck["config"], ck["num_styles"]).eval()  # untrained baseline, same init as training
    styles = load_styles()
    K = len(styles)
    os.makedirs(args.out, exist_ok=True)

    if not args.no_metrics:
        dirs = np.random.default_rng(123).standard_normal((3 * 16 * 16, 128)).astype(np.float32)
        dirs /= np.linalg.norm(dirs, axis=0, keepdims=True)
        per = []
        for k, s in enumerate(styles):
            rng = np.random.default_rng(1000 + k)
            real_ref = np.concatenate([sample_patches(random_crop_wrapped(s["image"], args.size, rng), 1024, 16, rng) for _ in range(4)])
            real_crop = random_crop_wrapped(s["image"], args.size, rng)
            row = dict(id=s["id"], seam=[], seam0=[], seamPhase=[], swd=[], swd0=[])
            for seed in range(args.seeds):
                for key, net in (("", G), ("0", G0)):
                    img = generate(net, k, args.size, 1000 * k + seed)  # independent noise per style
                    row["seam" + key].append(seam_score(img))
                    if key == "":
                        row["seamPhase"].append(seam_score_phase(img))
                    row["swd" + key].append(swd(sample_patches(img, 4096, 16, rng), real_ref, dirs))
            row = {a: (float(np.mean(b)) if isinstance(b, list) else b) for a, b in row.items()}
            row["seamReal"] = seam_score(real_crop)
            row["swdReal"] = swd(sample_patches(real_crop, 4096, 16, rng), real_ref, dirs)
            per.append(row)
            print(json.dumps(row), flush=True)
        m = dict(
            seamScore=round(float(np.mean([r["seam"] for r in per])), 4),
            seamScoreBaseline=round(float(np.mean([r["seam0"] for r in per])), 4),
            seamScorePhaseMatched=round(float(np.mean([r["seamPhase"] for r in per])), 4),
            seamScoreRealCrop=round(float(np.mean([r["seamReal"] for r in per])), 4),
            patchSWD=round(float(np.mean([r["swd"] for r in per])), 4),
            patchSWDBaseline=round(float(np.mean([r["swd0"] for r in per])), 4),
            patchSWDRealCrop=round(float(np.mean([r["swdReal"] for r in per])), 4),
            step=int(ck["step"]), perStyle=per,
        )
        with open(args.metrics, "w") as f:
            json.dump(m, f, indent=1)
        print({a: b for a, b in m.items() if a != "perStyle"})

    # contact sheet: two column groups, each row = real crop | 4 seeds
    c, nseed = args.cell, 4
    groups = 2
    rows = (K + groups - 1) // groups
    W = groups * (nseed + 1) * c + (groups - 1) * 8
    sheet = Image.new("RGB", (W, rows * c), (255, 255, 255))
    d = ImageDraw.Draw(sheet)
    for k, s in enumerate(styles):
        gx = (k // rows) * ((nseed + 1) * c + 8)
        y = (k % rows) * c
        rng = np.random.default_rng(7 + k)
        sheet.paste(to_pil(random_crop_wrapped(s["image"], c, rng)), (gx, y))
        d.rectangle([gx, y, gx + 7 * len(s["name"]) + 3, y + 11], fill=(0, 0, 0))
        d.text((gx + 2, y), s["name"], fill=(255, 255, 255))
        for j in range(nseed):
            sheet.paste(to_pil(generate(G, k, c, 100 + j)), (gx + (j + 1) * c, y))
    save_png(sheet, os.path.join(args.out, "contact-sheet.png"))

    # 3x3 tiling of one 256 px generated tile
    k = [s["id"] for s in styles].index(args.tile_style)
    tile = to_pil(generate(G, k, 256, 42))
    big = Image.new("RGB", (768, 768))
    for i in range(3):
        for j in range(3):
            big.paste(tile, (i * 256, j * 256))
    save_png(big, os.path.join(args.out, "tiled-3x3.png"))
    print("wrote contact sheet and tiled-3x3 to", args.out)


if __name__ == "__main__":
    main()
