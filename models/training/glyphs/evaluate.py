"""Held-out evaluation, baselines, latent PCA, contact sheet and interpolation strip.

  cd models/training && /usr/bin/python3 -m glyphs.evaluate --ckpt glyphs/runs/small/last.pt
  -> glyphs/runs/metrics.json (metrics + pca + recon threshold + boxes; read by export.py)
  -> ../../glyphs/contact-sheet.png, ../../glyphs/interpolation.png

Metrics on the held-out fonts (whole family groups never seen in training), all 62 chars of each font:
  * heldOutMse: per-pixel MSE of decode(encoder mean) vs the input, values in [0, 1];
  * negElbo: -ELBO in nats per 64x64 image, Bernoulli likelihood (binary cross-entropy summed over pixels,
    with the anti-aliased grey levels as targets) + KL, 8 posterior samples per image;
  * crossCharMse: encode ONE glyph of a font, decode the font's other chars from that z (style transfer);
  * baselines: (a) per-char mean image of the training fonts (MSE, and its exact negative log-likelihood as an
    independent-Bernoulli model without latent, comparable to -ELBO); (b) per-char PCA with D components fitted
    on the training fonts (MSE of the projection, clipped to [0, 1]).
"""
import argparse
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw, ImageFont

from common import load_checkpoint, normal_kl  # ../common/README.md

from .dataset import BASELINE, CAP_HEIGHT, load
from .model import CHARSET, GlyphVAE

HERE = os.path.dirname(os.path.abspath(__file__))

MODEL_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "glyphs"))
LETTERS = CHARSET[:52]


def load_model(path):
    return load_checkpoint(path, lambda ck: GlyphVAE(ck["config"]))


def to_float(a):
    return torch.from_numpy(a.astype(np.float32) / 255.0)


@torch.no_grad()
def encode_all(model, images, fonts, bs=62 * 8):
    """Posterior means/logvars for every (font, char): arrays [len(fonts), 62, D]."""
    chars = np.tile(np.arange(len(CHARSET)), len(fonts))
    flat = images[fonts].reshape(-1, 64, 64)
    means, logvars = [], []
    for i in range(0, len(flat), bs):
        x = to_float(flat[i:i + bs]).unsqueeze(1)
        c = torch.from_numpy(chars[i:i + bs].astype(np.int64))
        m, lv = model.encoder(x, c)
        means.append(m.numpy())
        logvars.append(lv.numpy())
    D = means[0].shape[1]
    return np.concatenate(means).reshape(len(fonts), -1, D), np.concatenate(logvars).reshape(len(fonts), -1, D)


@torch.no_grad()
def decode(model, z, chars, bs=512):
    out = []
    for i in range(0, len(z), bs):
        out.append(model.decoder(torch.from_numpy(np.asarray(z[i:i + bs], np.float32)),
                                 torch.from_numpy(np.asarray(chars[i:i + bs], np.int64))).numpy()[:, 0])
    return np.concatenate(out)


def bce_sum(p, x):
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return -(x * np.log(p) + (1 - x) * np.log(1 - p)).sum(axis=(-1, -2))


@torch.no_grad()
def evaluate(model, data, n_samples=4, seed=0, quick=False):
    images, split = data["images"], data["split"]
    tr, ho = np.nonzero(split == 0)[0], np.nonzero(split == 1)[0]
    D = model.dim
    g = torch.Generator().manual_seed(seed)
    res = {}
    # --- model on held-out
    mean, logvar = encode_all(model, images, ho)
    chars = np.tile(np.arange(len(CHARSET)), len(ho))
    x = images[ho].reshape(-1, 64, 64).astype(np.float32) / 255.0
    rec = decode(model, mean.reshape(-1, D), chars)
    per_img = ((rec - x) ** 2).mean(axis=(1, 2))
    res["heldOutMse"] = float(per_img.mean())
    res["heldOutMseP95"] = float(np.percentile(per_img, 95))
    res["heldOutMsePerChar"] = {c: float(per_img.reshape(len(ho), -1)[:, i].mean()) for i, c in enumerate(CHARSET)}
    mu, lv = mean.reshape(-1, D), logvar.reshape(-1, D)
    kl = normal_kl(mu, lv)
    nll = np.zeros(len(mu))
    xt = torch.from_numpy(x).unsqueeze(1)
    for _ in range(n_samples):
        z = torch.from_numpy(mu) + torch.randn(mu.shape, generator=g) * torch.from_numpy(np.exp(0.5 * lv))
        for i in range(0, len(z), 512):
            lo = model.decoder.logits(z[i:i + 512].float(), torch.from_numpy(chars[i:i + 512].astype(np.int64)))
            nll[i:i + 512] += F.binary_cross_entropy_with_logits(lo, xt[i:i + 512], reduction="none").sum(
                (1, 2, 3)).numpy() / n_samples
    res["negElbo"] = float((nll + kl).mean())
    res["reconNll"] = float(nll.mean())
    res["kl"] = float(kl.mean())
    res["activeDims"] = int((mu.var(0) > 0.01).sum())
    # cross-char: z from one glyph of the font (each of 6 source chars), decode all 62 chars
    cross = []
    for src in [CHARSET.index(c) for c in ("Aa" if quick else "Aagn05")]:
        zs = np.repeat(mean[:, src], len(CHARSET), axis=0)
        out = decode(model, zs, chars)
        cross.append(((out - x) ** 2).mean())
    res["crossCharMse"] = float(np.mean(cross))
    # z = mean over the font's 62 posterior means (font style vector), decode all chars
    zf = np.repeat(mean.mean(1), len(CHARSET), axis=0)
    res["fontMeanZMse"] = float(((decode(model, zf, chars) - x) ** 2).mean())

    # --- baselines (fitted on training fonts)
    if quick:
        tr = tr[:: max(1, len(tr) // 150)]
    xtr = images[tr].astype(np.float32) / 255.0                 # [Ntr, 62, 64, 64]
    xho = x.reshape(len(ho), len(CHARSET), 64, 64)
    cm = xtr.mean(0)                                             # per-char mean image
    res["baselineMeanMse"] = float(((xho - cm[None]) ** 2).mean())
    res["baselineMeanNll"] = float(bce_sum(np.broadcast_to(cm[None], xho.shape), xho).mean())
    res["baselineMeanCrossCharMse"] = res["baselineMeanMse"]
    pca_mse = []
    for c in range(len(CHARSET)):
        A = xtr[:, c].reshape(len(tr), -1).astype(np.float64)
        mu_c = A.mean(0)
        w, U = np.linalg.eigh((A - mu_c) @ (A - mu_c).T)        # Gram trick: N x N instead of 4096 x 4096
        top = np.argsort(w)[::-1][:D]
        V = (U[:, top].T @ (A - mu_c)) / np.sqrt(np.maximum(w[top], 1e-12))[:, None]
        B = xho[:, c].reshape(len(ho), -1)
        R = np.clip((B - mu_c) @ V.T @ V + mu_c, 0, 1)
        pca_mse.append(((R - B) ** 2).mean())
    res["baselinePcaMse"] = float(np.mean(pca_mse))
    res["heldOutFonts"] = int(len(ho))
    res["trainFonts"] = int(len(tr))
    res["heldOutImages"] = int(len(x))
    return res, mean


def app_normalize(img, box, thr=0.5):
    """The app's glyph-box framing of a dropped image (spec): crop to the ink bbox, uniform scale so its height
    equals the char's mean box height (clamped so the width fits in 62 px), centre at the box's x centre,
    bottom on the box bottom. img: float [64, 64] ink in [0, 1]."""
    ys, xs = np.nonzero(img > thr)
    if len(xs) == 0:
        return img
    x0, y0, x1, y1 = xs.min(), ys.min(), xs.max() + 1, ys.max() + 1
    bx0, by0, bx1, by1 = box
    s = (by1 - by0) / (y1 - y0)
    if (x1 - x0) * s > 62:
        s = 62 / (x1 - x0)
    cx_out, bottom_out = 0.5 * (bx0 + bx1), by1
    cx_in = 0.5 * (x0 + x1)
    # output (X, Y) -> input: x = cx_in + (X - cx_out) / s ; y = y1 + (Y - bottom_out) / s (4x super-sampled)
    ss = 4
    inv = 1.0 / (s * ss)
    data = (inv, 0.0, cx_in - cx_out / s, 0.0, inv, y1 - bottom_out / s)
    im = Image.fromarray((img * 255).astype(np.float32), mode="F")
    big = im.transform((64 * ss, 64 * ss), Image.AFFINE, data, resample=Image.BILINEAR, fillcolor=0)
    a = np.asarray(big, np.float32).reshape(64, ss, 64, ss).mean(axis=(1, 3)) / 255
    return np.clip(a, 0, 1)


@torch.no_grad()
def app_pipeline_mse(model, data, fonts):
    """Per-image MSE of encode -> decode when the input is first re-framed the way the app frames a drop."""
    images, boxes = data["images"], data["boxes"]
    xs, cs = [], []
    for f in fonts:
        for c in range(len(CHARSET)):
            xs.append(app_normalize(images[f, c].astype(np.float32) / 255, boxes[c]))
            cs.append(c)
    x = np.stack(xs).astype(np.float32)
    cs = np.array(cs, np.int64)
    out = []
    for i in range(0, len(x), 512):
        m, _ = model.encoder(torch.from_numpy(x[i:i + 512]).unsqueeze(1), torch.from_numpy(cs[i:i + 512]))
        out.append(model.decoder(m, torch.from_numpy(cs[i:i + 512])).numpy()[:, 0])
    return ((np.concatenate(out) - x) ** 2).mean(axis=(1, 2))


@torch.no_grad()
def latent_pca(model, data, quick=False):
    tr = np.nonzero(data["split"] == 0)[0]
    if quick:
        tr = tr[:: max(1, len(tr) // 120)]
    mean, _ = encode_all(model, data["images"], tr)
    Z = mean.reshape(-1, mean.shape[-1]).astype(np.float64)
    mu = Z.mean(0)
    cov = np.cov(Z - mu, rowvar=False)
    w, V = np.linalg.eigh(cov)
    order = np.argsort(w)[::-1]
    w, V = w[order], V[:, order].T            # rows = directions
    for i in range(len(V)):                   # sign convention: largest |component| positive
        if V[i, np.argmax(np.abs(V[i]))] < 0:
            V[i] = -V[i]
    return {"mean": mu.tolist(), "directions": V.tolist(), "variance": np.maximum(w, 0).tolist()}


def _label_font():
    for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if os.path.exists(p):
            return ImageFont.truetype(p, 14)
    return ImageFont.load_default()


def sheet(rows, labels, cell=64, label_w=190, gap=6):
    """rows: list of [n, 64, 64] ink arrays; renders dark ink on light paper with a label column."""
    n = max(len(r) for r in rows)
    W, H = label_w + n * cell, len(rows) * (cell + gap)
    im = Image.new("L", (W, H), 255)
    dr = ImageDraw.Draw(im)
    fnt = _label_font()
    for i, (r, lab) in enumerate(zip(rows, labels)):
        y = i * (cell + gap)
        dr.text((6, y + cell // 2 - 8), lab, fill=60, font=fnt)
        for j, g in enumerate(r):
            tile = Image.fromarray(np.clip(255 - g * 255 + 0.5, 0, 255).astype(np.uint8))
            if cell != 64:
                tile = tile.resize((cell, cell), Image.BOX)
            im.paste(tile, (label_w + j * cell, y))
        if gap:
            dr.line([(0, y + cell + gap // 2), (W, y + cell + gap // 2)], fill=225)
    return im


def sheet_word(rows, labels, label_w=170, gap=6):
    """rows: list of [one [64, W] ink array]; dark ink on light paper with a label column."""
    W = label_w + max(r[0].shape[1] for r in rows)
    H = len(rows) * (64 + gap)
    im = Image.new("L", (W, H), 255)
    dr = ImageDraw.Draw(im)
    fnt = _label_font()
    for i, (r, lab) in enumerate(zip(rows, labels)):
        y = i * (64 + gap)
        dr.text((6, y + 24), lab, fill=60, font=fnt)
        im.paste(Image.fromarray(np.clip(255 - r[0] * 255 + 0.5, 0, 255).astype(np.uint8)), (label_w, y))
    return im


def slerp(a, b, t):
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    om = np.arccos(np.clip(np.dot(a / na, b / nb), -1, 1))
    if om < 1e-4:
        return (1 - t) * a + t * b
    return (np.sin((1 - t) * om) * a + np.sin(t * om) * b) / np.sin(om)


@torch.no_grad()
def pictures(model, data, held_mean, out_dir, seed=3):
    images, split, meta = data["images"], data["split"], data["meta"]
    ho = np.nonzero(split == 1)[0]
    D = model.dim
    rng = np.random.default_rng(seed)
    letters = np.arange(52)
    rows, labels = [], []
    for k in range(4):
        z = rng.standard_normal(D).astype(np.float32)
        rows.append(decode(model, np.repeat(z[None], 52, 0), letters))
        labels.append(f"prior sample {k + 1}")
    pick = rng.choice(len(ho), min(4, len(ho)), replace=False)
    for p in pick:
        f = ho[p]
        name = meta[f]["family"] + (" " + meta[f]["style"] if meta[f]["style"] else "")
        rows.append(images[f, :52].astype(np.float32) / 255)
        labels.append(f"{name[:22]}: input")
        rows.append(decode(model, held_mean[p, :52], letters))
        labels.append("  reconstruction")
        a = CHARSET.index("a")
        rows.append(decode(model, np.repeat(held_mean[p, a][None], 52, 0), letters))
        labels.append("  all from 'a' only")
    sheet(rows, labels).save(os.path.join(out_dir, "contact-sheet.png"), optimize=True)
    # interpolation between the two most different held-out fonts' style vectors (mean posterior mean over
    # the 62 chars); the word is set with each decoded glyph cropped to its ink columns (+3 px) for tight spacing
    word = "Atelier"
    wc = np.array([CHARSET.index(c) for c in word])
    styles = held_mean.mean(1)
    dist = ((styles[:, None] - styles[None]) ** 2).sum(-1)
    fa, fb = np.unravel_index(np.argmax(dist), dist.shape)
    za, zb = styles[fa], styles[fb]
    boxes = data["boxes"]

    def set_word(glyphs):
        parts = []
        for g, c in zip(glyphs, wc):
            cols = np.nonzero(g.max(0) > 0.2)[0]
            a, b = (cols.min(), cols.max() + 1) if len(cols) else (boxes[c][0], boxes[c][2])
            x0, x1 = int(max(0, np.floor(a) - 3)), int(min(64, np.ceil(b) + 3))
            parts.append(g[:, x0:x1])
        return np.concatenate(parts, 1)

    rows, labels = [], []
    steps = 8
    for i in range(steps):
        t = i / (steps - 1)
        z = slerp(za, zb, t).astype(np.float32)
        rows.append([set_word(decode(model, np.repeat(z[None], len(word), 0), wc))])
        labels.append(f"t = {t:.2f}")
    na = (meta[ho[fa]]["family"] + " " + meta[ho[fa]]["style"]).strip()
    nb = (meta[ho[fb]]["family"] + " " + meta[ho[fb]]["style"]).strip()
    labels[0] = f"{na[:20]}"
    labels[-1] = f"{nb[:20]}"
    sheet_word(rows, labels).save(os.path.join(out_dir, "interpolation.png"), optimize=True)
    return {"interpolation": [na, nb],
            "contactSheetFonts": [meta[ho[p]]["family"] + " " + meta[ho[p]]["style"] for p in pick]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "small", "last.pt"))
    ap.add_argument("--out", default=MODEL_DIR)
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics.json"))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="subsampled PCA/baselines, for a preview export")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    model, ck = load_model(args.ckpt)
    data = load()
    res, held_mean = evaluate(model, data, quick=args.quick)
    app = app_pipeline_mse(model, data, np.nonzero(data["split"] == 1)[0])
    res["appFramedMse"] = float(app.mean())
    res["appFramedMseP95"] = float(np.percentile(app, 95))
    # threshold: >= 95% of held-out images stay under it both as rendered and re-framed like the app does
    res["threshold"] = max(res["heldOutMseP95"], res["appFramedMseP95"])
    pca = latent_pca(model, data, quick=args.quick)
    pics = pictures(model, data, held_mean, args.out)
    meta = data["meta"]
    out = {
        "step": int(ck["step"]),
        "metrics": res,
        "pca": pca,
        "recon": {"heldOutMse": res["heldOutMse"], "threshold": res["threshold"]},
        "quick": bool(args.quick),
        "boxes": {c: [round(float(v), 3) for v in data["boxes"][i]] for i, c in enumerate(CHARSET)},
        "baseline": BASELINE,
        "capHeight": CAP_HEIGHT,
        "data": {"fonts": len(meta), "trainFonts": res["trainFonts"], "heldOutFonts": res["heldOutFonts"],
                 "groups": len({m["group"] for m in meta}),
                 "heldOutGroups": sorted({m["group"] for m, s in zip(meta, data["split"]) if s}),
                 "packages": sorted({m["package"] for m in meta})},
        "pictures": pics,
    }
    with open(args.metrics, "w") as f:
        json.dump(out, f, indent=1)
    show = {k: v for k, v in res.items() if not isinstance(v, dict)}
    print(json.dumps(show, indent=1))
    print("pca variance:", [round(v, 3) for v in pca["variance"]])


if __name__ == "__main__":
    main()
