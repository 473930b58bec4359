"""Held-out metrics of the palette flow against baselines, likelihood quantiles, gamut check, contact sheet.

  cd models/training
  /usr/bin/python3 -m palettes.evaluate --ckpt palettes/runs/small/best.pt
  -> palettes/runs/metrics.json (read by export.py), ../palettes/examples/samples.png

Every density is over the raw OKLab 15-vector (L, a, b of colours 1..5), in nats per palette:
* flow:  log p(x) = log N(z; 0, I) + logdet - sum(log std),  (z, logdet) = flow((x - mean) / std)
* full-covariance Gaussian on the 15-vector (maximum likelihood mean / covariance of the training split)
* diagonal Gaussian per position (15 independent 1-D Gaussians)
* per-position 3-D histogram: for each of the 5 positions an OKLab histogram with B^3 equal boxes over the sRGB
  gamut's bounding box, Laplace smoothing alpha over the boxes that hold any 8-bit sRGB colour and their
  neighbours (so the dequantised cells are covered), density = box probability / box volume; the 5 positions
  independent. (B, alpha) chosen on the validation slice (fit on the
  rest), then refit on the whole training split.
The baselines are fit on the whole training split (893 palettes); the flow trained on 804 of them (the other 89
were its early-stopping slice). Evaluated at the exact 8-bit colours of the 99 held-out palettes.

Bits per dimension: (a) continuous: -log p / (15 ln 2) in raw OKLab units (negative: OKLab spans ~1 unit);
(b) 8-bit: an upper bound on -log2 P(the 8-bit palette) / 15 through the dequantisation bound
log P(v) >= E_c[log p(oklab(c)) + sum_colours log |det d oklab / d srgb|(c)] + log vol(cell(v)), c uniform over
the 8-bit cell of v (each channel [v - 1/2, v + 1/2) / 255 clipped to [0, 1]; K Monte-Carlo draws); a uniform
8-bit model has exactly 8 bits per dimension.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch

from common import load_file

from .color import log_abs_det_jacobian, oklab_to_srgb, oklab_to_srgb8, srgb8_to_oklab
from .dataset import COLORS, DIM, arrays, cells, dequantise_srgb, load_split, oklab15
from .model import build, count_params

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "palettes"))
LN2 = math.log(2.0)


def load_model(path):
    ck = load_file(path)
    model = build(ck["config"])
    model.load_state_dict(ck["model"])
    return model.eval(), ck


class FlowDensity:
    def __init__(self, model, mean, std):
        self.model, self.mean, self.std = model, np.asarray(mean), np.asarray(std)
        self.log_std_sum = float(np.log(self.std).sum())

    def log_prob(self, x_raw, batch=4096):
        out = []
        with torch.no_grad():
            for i in range(0, len(x_raw), batch):
                xs = torch.from_numpy(((x_raw[i:i + batch] - self.mean) / self.std).astype(np.float32))
                out.append(self.model.log_prob(xs).double().numpy())
        return np.concatenate(out) - self.log_std_sum

    def sample(self, n, temperature, rng):
        z = torch.from_numpy((rng.standard_normal((n, DIM)) * temperature).astype(np.float32))
        with torch.no_grad():
            x = self.model.inverse(z).double().numpy()
        return x * self.std + self.mean


class Gaussian:
    def __init__(self, x, diagonal=False):
        self.mean = x.mean(0)
        cov = np.cov(x.T, bias=True)
        self.cov = np.diag(np.diag(cov)) if diagonal else cov
        self.chol = np.linalg.cholesky(self.cov)

    def log_prob(self, x):
        s = np.linalg.solve(self.chol, (x - self.mean).T)
        return -0.5 * (s ** 2).sum(0) - np.log(np.diag(self.chol)).sum() - 0.5 * x.shape[1] * math.log(2 * math.pi)

    def sample(self, n, temperature, rng):
        return self.mean + temperature * rng.standard_normal((n, len(self.mean))) @ self.chol.T


HIST_BINS = (4, 5, 6, 8, 10, 12, 16)
HIST_ALPHAS = (0.01, 0.03, 0.1, 0.3, 1.0)


def _gamut_support(bins_list=HIST_BINS):
    """The OKLab bounding box of the sRGB gamut and, per bin count B, which of the B^3 boxes hold at least one of
    the 16.7 M 8-bit sRGB colours (all of them, in chunks)."""
    lo, hi = np.full(3, np.inf), np.full(3, -np.inf)
    r = np.arange(256)
    chunks = []
    for r0 in range(0, 256, 16):
        g = np.stack(np.meshgrid(r[r0:r0 + 16], r, r, indexing="ij"), -1).reshape(-1, 3)
        lab = srgb8_to_oklab(g).astype(np.float32)
        lo, hi = np.minimum(lo, lab.min(0)), np.maximum(hi, lab.max(0))
        chunks.append(lab)
    lo, hi = lo - 1e-6, hi + 1e-6
    support = {}
    for b in bins_list:
        sup = np.zeros((b, b, b), bool)
        w = (hi - lo) / b
        for lab in chunks:
            i = np.clip(np.floor((lab - lo) / w).astype(int), 0, b - 1)
            sup[i[:, 0], i[:, 1], i[:, 2]] = True
        # plus their neighbours: a continuous colour inside an 8-bit cell (dequantisation) may cross a box edge
        p = np.pad(sup, 1)
        dil = np.zeros_like(sup)
        for d0 in range(3):
            for d1 in range(3):
                for d2 in range(3):
                    dil |= p[d0:d0 + b, d1:d1 + b, d2:d2 + b]
        support[b] = dil.reshape(-1)
    return lo, hi, support


class Histogram:
    """Independent per-position 3-D OKLab histograms (see module docstring)."""
    _gamut = None

    def __init__(self, x, bins, alpha):
        if Histogram._gamut is None:
            Histogram._gamut = _gamut_support()
        self.lo, self.hi, supports = Histogram._gamut
        self.bins, self.alpha = bins, alpha
        self.width = (self.hi - self.lo) / bins
        self.log_vol = float(np.log(self.width).sum())
        support = supports[bins]
        self.log_p = []
        x = x.reshape(len(x), COLORS, 3)
        for k in range(COLORS):
            counts = np.bincount(self._index(x[:, k]), minlength=bins ** 3).astype(np.float64)
            assert np.all(support[counts > 0])
            p = np.where(support, counts + alpha, 0.0)
            with np.errstate(divide="ignore"):
                self.log_p.append(np.log(p / p.sum()))

    def _index(self, lab):
        i = np.clip(np.floor((lab - self.lo) / self.width).astype(int), 0, self.bins - 1)
        return (i[:, 0] * self.bins + i[:, 1]) * self.bins + i[:, 2]

    def log_prob(self, x):
        x = x.reshape(len(x), COLORS, 3)
        return sum(self.log_p[k][self._index(x[:, k])] for k in range(COLORS)) - COLORS * self.log_vol


def choose_histogram(fit, val):
    best = None
    for bins in HIST_BINS:
        for alpha in HIST_ALPHAS:
            v = float(Histogram(fit, bins, alpha).log_prob(val).mean())
            if best is None or v > best[0]:
                best = (v, bins, alpha)
    return best


def dequant_bound(density, rgb, k_draws, rng):
    """Per palette: MC estimate of E_c[log p(oklab(c)) + sum log|det J|(c)] + log vol(cell), c uniform over the
    8-bit cell of every channel (cells(): [v - 1/2, v + 1/2) / 255 clipped to [0, 1]); a lower bound on the log
    probability of the 8-bit palette -> float64 [N]."""
    _, width = cells(rgb)
    log_vol = np.log(width / 255.0).reshape(len(rgb), -1).sum(1)
    acc = np.zeros(len(rgb))
    for _ in range(k_draws):
        c = dequantise_srgb(rgb, rng)
        acc += density.log_prob(oklab15(c)) + log_abs_det_jacobian(c / 255.0).sum(1)
    return acc / k_draws + log_vol


def gamut_stats(x_raw):
    """Share of sampled colours outside sRGB before clipping: strictly (any gamma-encoded channel outside [0, 1])
    and by more than half an 8-bit step; also the share of palettes with any such colour."""
    c = oklab_to_srgb(x_raw.reshape(-1, 3))
    out = ~np.all((c >= 0) & (c <= 1), 1)
    out_half = ~np.all((c >= -0.5 / 255) & (c <= 1 + 0.5 / 255), 1)
    worst = np.maximum(-c, c - 1).max(1)
    return {"colorsOutside": float(out.mean()), "colorsOutsideHalfStep": float(out_half.mean()),
            "palettesWithAnyOutside": float(out.reshape(-1, COLORS).any(1).mean()),
            "meanExcessWhenOutside": float(worst[out].mean()) if out.any() else 0.0}


def nearest(a, b):
    """Euclidean distance in raw OKLab 15-space from each row of a to its nearest row of b."""
    d = ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
    return np.sqrt(d.min(1))


def contact_sheet(path, panels, swatch=18, gap=5, cols=2, rows=24):
    from PIL import Image, ImageDraw
    strip_w, strip_h = COLORS * swatch, swatch
    panel_w = cols * strip_w + (cols - 1) * 3 * gap
    title_h = 22
    W = len(panels) * panel_w + (len(panels) + 1) * 4 * gap
    H = title_h + rows * (strip_h + gap) + 3 * gap
    img = Image.new("RGB", (W, H), (250, 250, 247))
    draw = ImageDraw.Draw(img)
    for p, (title, rgb) in enumerate(panels):
        x0 = 4 * gap + p * (panel_w + 4 * gap)
        draw.text((x0, 6), title, fill=(30, 30, 30))
        for i, pal in enumerate(rgb[:cols * rows]):
            cx = x0 + (i // rows) * (strip_w + 3 * gap)
            cy = title_h + (i % rows) * (strip_h + gap)
            for k in range(COLORS):
                draw.rectangle([cx + k * swatch, cy, cx + (k + 1) * swatch - 1, cy + strip_h - 1],
                               fill=tuple(int(v) for v in pal[k]))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    img.save(path, optimize=True)
    return path


def r(v, n=4):
    return round(float(v), n)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "small", "best.pt"))
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "metrics.json"))
    ap.add_argument("--sheet", default=os.path.join(MODEL_DIR, "examples", "samples.png"))
    ap.add_argument("--draws", type=int, default=64, help="dequantisation draws per palette for the 8-bit bound")
    ap.add_argument("--samples", type=int, default=10000, help="sampled palettes per temperature (gamut check)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    t0 = time.time()
    model, ck = load_model(args.ckpt)
    split = load_split()
    a = arrays(split)
    mean, std = np.array(ck["mean"]), np.array(ck["std"])
    flow = FlowDensity(model, mean, std)
    x = {k: oklab15(v) for k, v in a.items()}

    v_hist, bins, alpha = choose_histogram(x["fit"], x["val"])
    models = {
        "flow": flow,
        "fullGaussian": Gaussian(x["train"]),
        "diagGaussian": Gaussian(x["train"], diagonal=True),
        "histogram": Histogram(x["train"], bins, alpha),
    }
    table = {}
    for name, m in models.items():
        lp = m.log_prob(x["heldOut"])
        b8 = dequant_bound(m, a["heldOut"], args.draws, np.random.default_rng(5))
        table[name] = {
            "heldOutMeanLogLikelihood": r(lp.mean()),
            "heldOutStdErr": r(lp.std(ddof=1) / math.sqrt(len(lp))),
            "trainMeanLogLikelihood": r(m.log_prob(x["train"]).mean()),
            "bitsPerDimContinuous": r(-lp.mean() / (DIM * LN2)),
            "bitsPerDim8bit": r(-b8.mean() / (DIM * LN2)),
        }
        print(f"{name:13s} held-out log p {lp.mean():8.3f} ± {table[name]['heldOutStdErr']:.3f} nats/palette; "
              f"train {table[name]['trainMeanLogLikelihood']:8.3f}; bits/dim continuous "
              f"{table[name]['bitsPerDimContinuous']:.4f}, 8-bit {table[name]['bitsPerDim8bit']:.4f}")
    # per-palette comparison against the strongest baseline
    d = flow.log_prob(x["heldOut"]) - models["fullGaussian"].log_prob(x["heldOut"])
    flow_vs_gauss = {"meanDiff": r(d.mean()), "stdErr": r(d.std(ddof=1) / math.sqrt(len(d))),
                     "heldOutWins": int((d > 0).sum()), "heldOut": int(len(d))}
    print(f"flow - full Gaussian per held-out palette: {d.mean():.3f} ± {flow_vs_gauss['stdErr']:.3f}, "
          f"flow better on {flow_vs_gauss['heldOutWins']}/{len(d)}")

    lp_train = flow.log_prob(x["train"])
    quantiles = np.percentile(lp_train, np.arange(101))
    lp_held = flow.log_prob(x["heldOut"])
    held_pct = [float((lp_train < v).mean() * 100) for v in lp_held]

    gamut = {}
    samples = {}
    for t in (0.8, 1.0):
        s = flow.sample(args.samples, t, np.random.default_rng(int(t * 1000)))
        samples[t] = s
        gamut[f"flowT{t}"] = {k: r(v) for k, v in gamut_stats(s).items()}
        gs = models["fullGaussian"].sample(args.samples, t, np.random.default_rng(int(t * 1000) + 1))
        gamut[f"fullGaussianT{t}"] = {k: r(v) for k, v in gamut_stats(gs).items()}
        print(f"T={t}: flow samples outside sRGB {gamut[f'flowT{t}']}; full Gaussian {gamut[f'fullGaussianT{t}']}")
    nn = {"heldOutToTrainMedian": r(np.median(nearest(x["heldOut"], x["train"]))),
          "sampleT1ToTrainMedian": r(np.median(nearest(samples[1.0][:2000], x["train"]))),
          "sampleT08ToTrainMedian": r(np.median(nearest(samples[0.8][:2000], x["train"]))),
          "trainToTrainMedian": r(np.median([np.sort(np.sqrt(((x["train"] - v) ** 2).sum(1)))[1]
                                             for v in x["train"]]))}
    nn["sampleT1NearCopyShare"] = r((nearest(samples[1.0][:2000], x["train"]) < 0.05).mean())
    nn["heldOutNearCopyShare"] = r((nearest(x["heldOut"], x["train"]) < 0.05).mean())
    print("nearest training palette (raw OKLab 15-space):", nn)

    sheet_rng = np.random.default_rng(2024)
    held_show = a["heldOut"][sheet_rng.permutation(len(a["heldOut"]))[:48]]
    to8 = lambda s: oklab_to_srgb8(s.reshape(-1, 3)).reshape(-1, COLORS, 3)  # noqa: E731
    contact_sheet(args.sheet, [("flow samples, T = 0.8", to8(flow.sample(48, 0.8, np.random.default_rng(8)))),
                               ("flow samples, T = 1.0", to8(flow.sample(48, 1.0, np.random.default_rng(10)))),
                               ("held-out real palettes", held_show)])
    print("wrote", args.sheet)

    out = {
        "ckpt": os.path.relpath(args.ckpt, HERE),
        "step": int(ck["step"]),
        "bestStep": int(ck.get("best_step", ck["step"])),
        "bestValLogLikelihood": r(ck.get("best_val", float("nan"))),
        "trainSeconds": r(ck["train_seconds"], 1),
        "config": ck["config"],
        "parameters": count_params(model),
        "mean": mean.tolist(),
        "std": std.tolist(),
        "counts": split["counts"],
        "histogram": {"bins": bins, "alpha": alpha, "valMeanLogLikelihood": r(v_hist)},
        "models": table,
        "flowVsFullGaussian": flow_vs_gauss,
        "logLikelihoodQuantiles": [float(v) for v in quantiles],
        "heldOutPercentileMedian": r(np.median(held_pct), 1),
        "gamut": gamut,
        "nearest": nn,
        "dequantisationDraws": args.draws,
        "sampledPalettes": args.samples,
        "seconds": r(time.time() - t0, 1),
    }
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)
    print(f"held-out palettes' median percentile among training log p: {out['heldOutPercentileMedian']}")
    print("wrote", args.out, f"({out['seconds']} s)")


if __name__ == "__main__":
    main()
