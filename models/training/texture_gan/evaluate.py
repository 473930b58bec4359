"""Evaluate a texture GAN checkpoint per named style against the real patterns and the bundled generator.

  cd models/training && /usr/bin/python3 -m texture_gan.evaluate --ckpt texture_gan/.cache/run/last.pt

1. Style codes: each pattern's code is its row of the learned code table (config `pattern`), or the mean
   EMA-encoder code of 32 augmented 64 px crops (encoder configs); a named style's code is its first pattern's
   (config `pattern`: for the bundled styles, their source pattern) or the mean of its patterns' codes (encoder
   configs). That is what export.py bakes into the graph -> results/codes.json.
2. Metrics (metrics.py) on `--seeds` generated `--size` px images per style (fixed seeds): patch SWD (x100),
   Gram distance of random-conv features, autocorrelation distance, each against real crops of the style's
   patterns (config `pattern`: the images cycle through the style's pattern codes), and the wrap-seam score. Where the bundled generator (models/texture) has a style of the same id,
   a head-to-head on that style's bundled source pattern: old (its one-hot style) vs new (the named style code).
3. results/contact-sheet.png (per style: real | old x2 | new x3), results/tiled-3x3.png (3x3 tilings of one new
   256 px tile for structured styles), results/metrics.json.
"""
import argparse
import json
import os

import numpy as np
import torch
from PIL import Image, ImageDraw

from common import load_file
from texture.dataset import random_crop_wrapped, scan_patterns
from texture.evaluate import sample_patches, save_png, to_pil
from texture.test_export import MANIFEST as OLD_MANIFEST, ONNX_PATH as OLD_ONNX, torch_from_onnx

from .data import augment, load_data
from .metrics import RandomFeatures, autocorr, autocorr_distance, gram_distance, patch_swd, seam
from .model import STRIDE, Encoder, Generator

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")
OLD_FILES = os.path.join(HERE, "..", "texture", "styles.json")  # the bundled model's style -> pattern


def load_ema(ck):
    """-> (G, E): E is the style encoder, or the code table [patterns, D] for config `pattern`."""
    G = Generator(**ck["config"])
    G.load_state_dict({k[2:]: v for k, v in ck["ema"].items() if k.startswith("G.")})
    if ck["config"].get("table"):
        return G.eval(), ck["ema"]["C.weight"].float()
    E = Encoder(**ck["config"])
    E.load_state_dict({k[2:]: v for k, v in ck["ema"].items() if k.startswith("E.")})
    return G.eval(), E.eval()


@torch.no_grad()
def style_codes(E, styles, patterns, crops=32, seed=0):
    if isinstance(E, torch.Tensor):  # a code table: a style is its first pattern
        pc = E.numpy()
        return np.stack([pc[s["patterns"][0]] for s in styles]), pc
    rng = np.random.default_rng(seed)
    pc = []
    for p in patterns:
        aug = styles[p["style"]]["aug"]
        x = np.stack([augment(random_crop_wrapped(p["image"], 64, rng), aug, rng) for _ in range(crops)])
        pc.append(E(torch.from_numpy(x))[0].mean(0).numpy())
    pc = np.stack(pc)
    sc = np.stack([pc[s["patterns"]].mean(0) for s in styles])
    return sc, pc


@torch.no_grad()
def gen_new(G, code, size, seed):
    g = torch.Generator().manual_seed(seed)
    noise = torch.randn(1, G.z, size // STRIDE, size // STRIDE, generator=g)
    return G(noise, torch.as_tensor(code, dtype=torch.float32)[None])[0].numpy()


@torch.no_grad()
def gen_old(G, k, size, seed):
    g = torch.Generator().manual_seed(seed)
    noise = torch.randn(1, G.z, size // STRIDE, size // STRIDE, generator=g)
    s = torch.zeros(1, G.num_styles)
    s[0, k] = 1
    return G(noise, s)[0].numpy()


class RealRef:
    """Reference statistics of real crops of a set of patterns (equal share each)."""

    def __init__(self, images, size, feats, rng, crops=4):
        crops_ = [random_crop_wrapped(im, size, rng) for im in images for _ in range(max(1, crops // len(images)))]
        self.patches = np.concatenate([sample_patches(c, 4096 // len(crops_) + 1, 16, rng) for c in crops_])
        rng.shuffle(self.patches)
        self.grams = [np.mean(x, axis=0) for x in zip(*[feats.grams(c) for c in crops_])]
        self.ac = np.mean([autocorr(c) for c in crops_], axis=0)

    def score(self, imgs, feats, rng):
        return dict(swd=patch_swd(imgs, self.patches, rng), gram=gram_distance(feats, imgs, self.grams),
                    autocorr=autocorr_distance(imgs, self.ac), seam=seam(imgs))


def markdown(per):
    """Per-style table: head-to-head (old | new | real crop) where the bundled model has the style, else new only."""
    lines = ["| style | patch SWD old / new / real | Gram old / new / real | autocorr old / new / real "
             "| seam old / new |",
             "| --- | --- | --- | --- | --- |"]
    for r in per:
        if "old" in r:
            o, n, re = r["old"], r["newOnOldPattern"], r["realOnOldPattern"]
            lines.append(f"| {r['id']} ({r['oldPattern']}) | {o['swd']:.2f} / **{n['swd']:.2f}** / {re['swd']:.2f} | "
                         f"{o['gram']:.3f} / **{n['gram']:.3f}** / {re['gram']:.3f} | "
                         f"{o['autocorr']:.3f} / **{n['autocorr']:.3f}** / {re['autocorr']:.3f} | "
                         f"{o['seam']:.2f} / **{n['seam']:.2f}** |")
        else:
            n = r["new"]
            lines.append(f"| {r['id']} (all its patterns) | – / **{n['swd']:.2f}** / – | "
                         f"– / **{n['gram']:.3f}** / – | "
                         f"– / **{n['autocorr']:.3f}** / – | – / **{n['seam']:.2f}** |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, ".cache", "run", "last.pt"))
    ap.add_argument("--out", default=RESULTS)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--cell", type=int, default=96)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-metrics", action="store_true")
    ap.add_argument("--head-to-head-only", action="store_true", help="metrics for the bundled model's styles only")
    ap.add_argument("--no-sheets", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    ck = load_file(args.ckpt)
    G, E = load_ema(ck)
    styles, patterns = load_data()
    sc, pc = style_codes(E, styles, patterns)
    with open(os.path.join(args.out, "codes.json"), "w") as f:
        r5 = lambda c: [round(float(v), 5) for v in c]  # noqa: E731
        json.dump(dict(step=int(ck["step"]),
                       styles=[dict(id=s["id"], name=s["name"], code=r5(c)) for s, c in zip(styles, sc)],
                       patterns=[dict(file=p["file"], style=styles[p["style"]]["id"], code=r5(c))
                                 for p, c in zip(patterns, pc)]), f, indent=1)
    old = torch_from_onnx(OLD_ONNX)
    with open(OLD_MANIFEST) as f:
        old_ids = [s["id"] for s in json.load(f)["texture"]["styles"]]
    with open(OLD_FILES) as f:
        old_file = {s["id"]: s["file"] for s in json.load(f)}
    pats = scan_patterns()
    feats = RandomFeatures()
    seeds = [100 + i for i in range(args.seeds)]

    if not args.no_metrics:
        per = []
        for k, s in enumerate(styles):
            if args.head_to_head_only and s["id"] not in old_ids:
                continue
            rng = np.random.default_rng(1000 + k)
            new_imgs = [gen_new(G, sc[k], args.size, 1000 * k + sd) for sd in seeds]
            if isinstance(E, torch.Tensor):  # each of the style's patterns in turn
                own = [pc[s["patterns"][i % len(s["patterns"])]] for i in range(len(seeds))]
                mixed = [gen_new(G, c, args.size, 1000 * k + sd) for c, sd in zip(own, seeds)]
            else:
                mixed = new_imgs
            ref = RealRef([patterns[i]["image"] for i in s["patterns"]], args.size, feats, rng)
            row = dict(id=s["id"], new=ref.score(mixed, feats, rng))
            if s["id"] in old_ids:
                img = pats[old_file[s["id"]]][2].astype(np.float32) / 255.0
                ref1 = RealRef([img], args.size, feats, rng) if len(s["patterns"]) > 1 else ref
                old_imgs = [gen_old(old, old_ids.index(s["id"]), args.size, 1000 * k + sd) for sd in seeds]
                row["oldPattern"] = old_file[s["id"]]
                row["old"] = ref1.score(old_imgs, feats, rng)
                row["newOnOldPattern"] = ref1.score(new_imgs, feats, rng) if (ref1 is not ref or mixed is not new_imgs) \
                    else row["new"]
                real = [random_crop_wrapped(img, args.size, rng)]
                row["realOnOldPattern"] = ref1.score(real, feats, rng)
            per.append(row)
            print(json.dumps(row), flush=True)
        keys = ("swd", "gram", "autocorr", "seam")
        h2h = [r for r in per if "old" in r]
        wins = {m: sum(1 for r in h2h if (abs(r["newOnOldPattern"][m] - 1) < abs(r["old"][m] - 1) if m == "seam"
                                          else r["newOnOldPattern"][m] < r["old"][m])) for m in keys}
        summary = dict(
            step=int(ck["step"]), trainMinutes=round(ck["train_seconds"] / 60, 1), size=args.size, seeds=len(seeds),
            newAllStyles={m: round(float(np.mean([r["new"][m] for r in per])), 4) for m in keys},
            headToHead=dict(styles=len(h2h), newWins=wins,
                            old={m: round(float(np.mean([r["old"][m] for r in h2h])), 4) for m in keys},
                            new={m: round(float(np.mean([r["newOnOldPattern"][m] for r in h2h])), 4) for m in keys},
                            real={m: round(float(np.mean([r["realOnOldPattern"][m] for r in h2h])), 4) for m in keys}),
        )
        with open(os.path.join(args.out, "metrics.json"), "w") as f:
            json.dump(summary | dict(perStyle=per), f, indent=1)
        with open(os.path.join(args.out, "metrics.md"), "w") as f:
            f.write(markdown(per))
        print(json.dumps(summary, indent=1))
    if args.no_sheets:
        return

    # contact sheet: per style real | old x2 | new x3, two column groups
    c, groups = args.cell, 2
    rows = (len(styles) + groups - 1) // groups
    gw = 6 * c + 8
    sheet = Image.new("RGB", (groups * gw, rows * c + 14), (255, 255, 255))
    d = ImageDraw.Draw(sheet)
    for gx in range(groups):
        for j, t in enumerate(("real", "old", "old", "new (GAN)", "new", "new")):
            d.text((gx * gw + j * c + 2, 1), t, fill=(0, 0, 0))
    for k, s in enumerate(styles):
        gx, y = (k // rows) * gw, 14 + (k % rows) * c
        rng = np.random.default_rng(7 + k)
        sheet.paste(to_pil(random_crop_wrapped(patterns[s["patterns"][0]]["image"], c, rng)), (gx, y))
        d.rectangle([gx, y, gx + 6 * len(s["name"]) + 3, y + 11], fill=(0, 0, 0))
        d.text((gx + 2, y), s["name"], fill=(255, 255, 255))
        for j in range(2):
            if s["id"] in old_ids:
                sheet.paste(to_pil(gen_old(old, old_ids.index(s["id"]), c, 200 + j)), (gx + (1 + j) * c, y))
        for j in range(3):
            sheet.paste(to_pil(gen_new(G, sc[k], c, 200 + j)), (gx + (3 + j) * c, y))
    save_png(sheet, os.path.join(args.out, "contact-sheet.png"))

    # 3x3 tilings of one 256 px tile (shown at half scale) for structured styles
    ids = [x["id"] for x in styles]
    show = [s for s in ("brick", "stone-wall", "light-wood", "weave", "green-leaves", "flagstone") if s in ids]
    big = Image.new("RGB", (len(show) * 384 + (len(show) - 1) * 8, 384 + 14), (255, 255, 255))
    d = ImageDraw.Draw(big)
    for i, sid in enumerate(show):
        k = [x["id"] for x in styles].index(sid)
        tile = to_pil(gen_new(G, sc[k], 256, 42)).resize((128, 128), Image.BILINEAR)
        d.text((i * 392 + 2, 1), styles[k]["name"], fill=(0, 0, 0))
        for a in range(3):
            for b in range(3):
                big.paste(tile, (i * 392 + a * 128, 14 + b * 128))
    save_png(big, os.path.join(args.out, "tiled-3x3.png"))
    print("wrote", args.out)


if __name__ == "__main__":
    main()
