"""Held-out metrics, baselines, latent PCA, contact sheet and interpolation strip for a checkpoint.

  cd models/training && /usr/bin/python3 -m texture-vae.evaluate --ckpt texture-vae/runs/final.pt [--out ../texture-vae]

Writes runs/metrics.json (read by export.py: pca, recon, metrics) and <out>/contact-sheet.png,
<out>/interpolation.png.

Held-out data: the 16 patterns held out by data.split (never seen in training), each as its
"center-crop" (what the app does to a dropped image) + 16 random augmented 64 px crops = 272 images.
Metrics (images in [0, 1], 3x64x64 = 12288 values per image):
  mse        mean per-pixel squared error of decode(encoder mean)
  elbo       E_q[log N(x; decode(z), sigma^2 I)] - KL(q(z|x) || N(0, I)), sigma = the FIXED sigma of training,
             nats per image (higher is better), E_q by --elbo-samples Monte-Carlo samples; nll / kl: its two terms
  baselines  "mean": the mean training image; "pca": the top-D principal components of the training crops
             (the same D as the VAE latent). For them, nll = -log N(x; reconstruction, sigma^2 I) with the same
             sigma (no latent cost, so their "ELBO" -nll is an optimistic bound in their favour).
  gradient-energy ratio  mean |finite differences| of reconstructions (or prior samples) / that of real
             images (1 = as much local detail as real textures, < 1 = blurrier)
Latent PCA: encoder means of the training crops (center crop + 8 random crops per training pattern);
  pca.mean, all D eigenvectors of their covariance as orthonormal rows (variance descending), variances.
recon.threshold: 95th percentile of the per-image held-out MSE.
"""
import argparse
import json
import math
import os

import numpy as np
import torch
from PIL import Image, ImageDraw

from common import normal_kl, normal_kl_per_dim

from .data import center_crop, heldout_set, load_patterns, random_sample, split, to_chw
from .export import load_vae, weights_hash
from .train import NPIX, gauss_nll_per_image

HERE = os.path.dirname(os.path.abspath(__file__))


def training_set(train, per_pattern=8, seed=3):
    rng = np.random.default_rng(seed)
    imgs = []
    for p in train:
        imgs.append(center_crop(p["image"]))
        imgs += [random_sample(p["image"], rng) for _ in range(per_pattern)]
    return to_chw(imgs)


def batched(f, x, bs=128):
    outs = [f(torch.from_numpy(x[i:i + bs])) for i in range(0, len(x), bs)]
    if isinstance(outs[0], tuple):
        return tuple(np.concatenate([o[j].numpy() for o in outs]) for j in range(len(outs[0])))
    return np.concatenate([o.numpy() for o in outs])


def grad_energy(x):
    return float(np.abs(np.diff(x, axis=3)).mean() + np.abs(np.diff(x, axis=2)).mean())


def gauss_nll_np(x, r, sigma):
    return ((x - r) ** 2).reshape(len(x), -1).sum(1) / (2 * sigma ** 2) + NPIX * math.log(sigma * math.sqrt(2 * math.pi))


def slerp(a, b, t):
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    omega = math.acos(float(np.clip(np.dot(a / na, b / nb), -1, 1)))
    if omega < 1e-6:
        return (1 - t) * a + t * b
    return (math.sin((1 - t) * omega) * a + math.sin(t * omega) * b) / math.sin(omega)


def to_pil(img, scale=2):
    im = Image.fromarray((np.clip(img, 0, 1).transpose(1, 2, 0) * 255 + 0.5).astype(np.uint8))
    return im.resize((im.width * scale, im.height * scale), Image.Resampling.NEAREST)


def label(d, x, y, text):
    d.rectangle([x, y, x + 6 * len(text) + 4, y + 11], fill=(0, 0, 0))
    d.text((x + 2, y), text, fill=(255, 255, 255))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "final.pt"))
    ap.add_argument("--out", default=os.path.normpath(os.path.join(HERE, "..", "..", "texture-vae")))
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics.json"))
    ap.add_argument("--elbo-samples", type=int, default=4)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--interp", default="Wood/parque1.pat,Sky/starfield.pat",
                    help="two held-out patterns (relative paths) for interpolation.png")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    vae, ck = load_vae(args.ckpt)
    sigma = ck["args"]["sigma"]
    D = vae.dim
    train, held = split(load_patterns())
    xh, hidx = heldout_set(held)
    xt = training_set(train)
    print(f"step {ck['step']}: {len(xt)} training crops, {len(xh)} held-out images from {len(held)} patterns", flush=True)

    with torch.no_grad():
        mt, _ = batched(vae.encoder, xt)
        mh, lh = batched(vae.encoder, xh)
        rh = batched(vae.decoder, mh)
        rt = batched(vae.decoder, mt[::3])
        nll = np.zeros(len(xh))
        for _ in range(args.elbo_samples):
            z = mh + np.random.default_rng(_).standard_normal(mh.shape).astype(np.float32) * np.exp(0.5 * lh)
            nll += gauss_nll_np(xh, batched(vae.decoder, z), sigma) / args.elbo_samples
        kl = normal_kl(torch.from_numpy(mh), torch.from_numpy(lh)).numpy()
        prior = batched(vae.decoder, np.random.default_rng(11).standard_normal((256, D)).astype(np.float32))

    per_img = ((xh - rh) ** 2).reshape(len(xh), -1).mean(1)
    real_ge = grad_energy(xh)
    vae_m = dict(mse=float(per_img.mean()), elbo=float((-nll - kl).mean()), nll=float(nll.mean()), kl=float(kl.mean()),
                 trainMse=float(((xt[::3] - rt) ** 2).mean()),
                 reconGradEnergyRatio=grad_energy(rh) / real_ge, priorGradEnergyRatio=grad_energy(prior) / real_ge)

    # baselines on raw pixels
    flat_t = xt.reshape(len(xt), -1)
    flat_h = xh.reshape(len(xh), -1).astype(np.float64)
    mu = flat_t.astype(np.float64).mean(0)
    xc = (flat_t - mu.astype(np.float32))
    lam, u = np.linalg.eigh((xc @ xc.T).astype(np.float64))  # Gram-matrix PCA (N << 12288)
    topk = np.argsort(lam)[::-1][:D]
    comps = (u[:, topk].T @ xc.astype(np.float64)) / np.sqrt(lam[topk])[:, None]  # D orthonormal pixel-space rows
    rec_pca = np.clip(mu + (flat_h - mu) @ comps.T @ comps, 0, 1)  # clipped to the valid range (helps PCA)
    rec_mean = np.broadcast_to(mu, flat_h.shape)
    base = {}
    for name, r in (("pca", rec_pca), ("mean", rec_mean)):
        base[name] = dict(mse=float(((flat_h - r) ** 2).mean()),
                          nll=float(gauss_nll_np(flat_h, r, sigma).mean()))
        base[name]["elboEquivalent"] = -base[name]["nll"]

    # PCA of the encoded training set (posterior means)
    lat_mu = mt.astype(np.float64).mean(0)
    cov = np.cov(mt.astype(np.float64), rowvar=False)
    w, v = np.linalg.eigh(cov)
    order = np.argsort(w)[::-1]
    w, v = np.clip(w[order], 0, None), v[:, order].T  # rows = directions
    v = v * np.sign(v[np.arange(D), np.abs(v).argmax(1)])[:, None]  # deterministic sign: largest entry positive
    pca = dict(mean=[round(float(a), 6) for a in lat_mu], directions=[[round(float(a), 7) for a in row] for row in v],
               variance=[round(float(a), 6) for a in w])
    recon = dict(heldOutMse=round(vae_m["mse"], 6), threshold=round(float(np.percentile(per_img, 95)), 6))
    metrics = dict(sigma=sigma, heldOutImages=int(len(xh)), heldOutPatterns=len(held), trainPatterns=len(train),
                   heldOutPatternFiles=[p["path"] for p in held],
                   vae={k: round(v_, 6) for k, v_ in vae_m.items()},
                   pca={k: round(v_, 6) for k, v_ in base["pca"].items()},
                   mean={k: round(v_, 6) for k, v_ in base["mean"].items()},
                   perPatternMse={p["path"]: round(float(per_img[hidx == i].mean()), 6) for i, p in enumerate(held)},
                   klPerDim=[round(float(a), 3) for a in normal_kl_per_dim(mh, lh).mean(0)])
    out = dict(step=int(ck["step"]), weights=weights_hash(vae), trainSeconds=ck.get("train_seconds", 0.0),
               pca=pca, recon=recon, metrics=metrics)
    with open(args.metrics, "w") as f:
        json.dump(out, f, indent=1)
    print(json.dumps(dict(recon=recon, vae=metrics["vae"], pca=metrics["pca"], mean=metrics["mean"],
                          latentVarianceTop8=pca["variance"][:8]), indent=1))

    os.makedirs(args.out, exist_ok=True)
    c = 128  # 64 px shown at 2x
    # contact sheet: 2 rows of prior samples, then input | reconstruction pairs (held-out center crops + crops)
    cols = 8
    first = [int(np.where(hidx == i)[0][0]) for i in range(len(held))]  # the center crop of each held-out pattern
    extra = [int(np.where(hidx == i)[0][1]) for i in range(len(held))]  # + one random crop of each
    pairs = first + extra
    prow = 2
    hrows = math.ceil(len(pairs) * 2 / cols)
    top = 16
    sheet = Image.new("RGB", (cols * c, top + prow * c + top + hrows * c), (255, 255, 255))
    d = ImageDraw.Draw(sheet)
    d.text((4, 2), "prior samples z ~ N(0, I)", fill=(0, 0, 0))
    for j in range(prow * cols):
        sheet.paste(to_pil(prior[j]), ((j % cols) * c, top + (j // cols) * c))
    y0 = top + prow * c + top
    d.text((4, y0 - 14), "held-out patterns: input | reconstruction decode(mean)  (first 16: center crops, then random crops)",
           fill=(0, 0, 0))
    for n, i in enumerate(pairs):
        x, y = (2 * n % cols) * c, y0 + (2 * n // cols) * c
        sheet.paste(to_pil(xh[i]), (x, y))
        sheet.paste(to_pil(rh[i]), (x + c, y))
        label(d, x, y, held[hidx[i]]["name"][:18])
        label(d, x + c, y, f"mse {per_img[i]:.4f}")
    sheet.save(os.path.join(args.out, "contact-sheet.png"), optimize=True)

    # interpolation strip: slerp between the posterior means of two held-out center crops
    paths = args.interp.split(",")
    ia, ib = (first[[p["path"] for p in held].index(q)] for q in paths)
    steps = 8
    zs = np.stack([slerp(mh[ia], mh[ib], t) for t in np.linspace(0, 1, steps)]).astype(np.float32)
    with torch.no_grad():
        strip = vae.decoder(torch.from_numpy(zs)).numpy()
    gap = 8
    im = Image.new("RGB", ((steps + 2) * c + 2 * gap, c), (255, 255, 255))
    im.paste(to_pil(xh[ia]), (0, 0))
    for j in range(steps):
        im.paste(to_pil(strip[j]), (c + gap + j * c, 0))
    im.paste(to_pil(xh[ib]), (c + 2 * gap + steps * c, 0))
    dd = ImageDraw.Draw(im)
    label(dd, 0, 0, "input A")
    label(dd, c + 2 * gap + steps * c, 0, "input B")
    im.save(os.path.join(args.out, "interpolation.png"), optimize=True)
    print("wrote contact-sheet.png, interpolation.png to", args.out)


if __name__ == "__main__":
    main()
