"""How the flow prior compares with N(0, I): held-out log-density, sample quality, quantiles, contact sheet.

  cd models/training
  /usr/bin/python3 -m glyph-prior.evaluate --ckpt glyph-prior/runs/small/best.pt
  -> glyph-prior/runs/metrics.json (read by export.py), ../glyphs-prior/examples/priors.png       (~5 min, 1 thread)

Codes (codes.py): the glyph VAE's posterior N(mean, exp(logvar)) of every glyph (62 chars) of every font. "Training"
= the VAE's 486 training fonts (the flow's fit + early-stopping fonts), "held out" = the VAE's 70 held-out fonts
(15 family groups neither the VAE nor the flow saw).

1. Density (nats per 24-d code) of held-out codes: posterior means (what the shipped flow models: `train.py
   --codes mean`), posterior samples (4 per glyph, seeded) and font styles (the mean of a font's 62 posterior means),
   under
   * the flow:   log q(z) = log N(u; 0, I) + logdet,  (u, logdet) = forward(z)
   * N(0, I), the VAE's prior;  N(0, T^2 I) at the matched temperature T (below);
   * a full-covariance Gaussian fitted (maximum likelihood) to the training fonts' codes (of the fitted kind).
2. Sample quality: K styles from each prior (seeded), each decoded as the whole 62-char alphabet:
   * round trip: decode -> encode (posterior mean) -> decode of each glyph; the share of glyphs whose round-trip MSE
     is under the glyph model card's recon threshold (0.0203: 95 % of real held-out glyphs reconstruct under it),
     and the mean round-trip MSE. A style the VAE "knows" reproduces itself; an off-manifold one drifts.
   * style round trip: the 62 posterior means averaged into one style, its alphabet decoded, MSE against the
     sampled alphabet (the glyph card's "z = mean posterior over the font's 62 glyphs" measure, on samples);
   * improved precision / recall (Kynkaenniemi et al. 2019, k = 3) in the pixel feature space below: precision = the
     share of sampled alphabets inside the k-NN balls of the training fonts' styles decoded (so the decoder's blur is
     on both sides); recall = the share of the held-out fonts' decoded styles inside the samples' k-NN balls;
   * ink sharpness: the share of grey pixels (0.25 < v < 0.75) among the inked ones (v > 0.25); the renders of real
     fonts have few (anti-aliased edges only), blurred or ghosted glyphs many.
   * Frechet distance between the sampled alphabets and the held-out fonts' real alphabets in two feature spaces:
     (a) pixels: the 62 glyphs box-filtered to 16x16, projected on the 32 principal components of the training
     fonts' real alphabets; (b) the VAE's own encoder: a style's 24-d feature is the mean over its 62 glyphs of the
     encoder's posterior mean. Also against the 486 training fonts, and the real-vs-real floor (training fonts vs
     held-out fonts) for scale. Smaller = closer to real fonts.
   Priors: the flow (u ~ N(0, I) -> inverse), N(0, I), and N(0, T^2 I) with T matched to the fitted codes'
   spread (T^2 = mean over the training codes of |z|^2 / 24), plus N(0, T^2 I) at the T of a small grid
   with the lowest pixel FD against the TRAINING fonts (the best a temperature alone can do; chosen without the
   held-out fonts). The same base draws for every prior. A temperature sweep of both priors (the flow's temperature
   scales u) gives pixel FD against the training fonts, precision and recall at each T: the quality / diversity
   trade-off of each.
3. logDensityQuantiles: the 0th..100th percentiles of log q over the training fonts' codes of the kind the flow was
   fitted to (posterior means: one per glyph; samples: 4 per glyph): the typicality meter's scale (a flow sample
   scores uniformly on it). Standard errors are over the 70 held-out fonts (a font's codes are not independent).
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFont

from common import load_file

from .codes import HELD, TRAIN, VAL, decode, encode_fonts, glyph_images, load as load_codes, load_vae
from .model import DIM, build, normal_log_prob

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "glyphs-prior"))
GLYPHS_MANIFEST = os.path.normpath(os.path.join(HERE, "..", "..", "glyphs", "model.json"))
CHARS = 62
T_GRID = (0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.5)


def load_model(path):
    ck = load_file(path)
    cfg = {k: v for k, v in ck["config"].items() if k != "dropout"}
    model = build(cfg)
    model.load_state_dict(ck["model"])
    return model.eval(), ck


def flow_log_prob(model, z, batch=8192):
    with torch.no_grad():
        return np.concatenate([model.log_prob(torch.from_numpy(np.ascontiguousarray(z[s:s + batch],
                                                                                  dtype=np.float32))).double().numpy()
                               for s in range(0, len(z), batch)])


def flow_inverse(model, u):
    with torch.no_grad():
        return model.inverse(torch.from_numpy(np.ascontiguousarray(u, dtype=np.float32))).numpy()


def gaussian_fit(z):
    mu = z.mean(0)
    cov = np.cov(z, rowvar=False)
    return mu, cov


def gaussian_log_prob(z, mu, cov):
    L = np.linalg.cholesky(cov)
    y = np.linalg.solve(L, (z - mu).T)
    return -0.5 * (y ** 2).sum(0) - 0.5 * len(mu) * math.log(2 * math.pi) - np.log(np.diag(L)).sum()


def frechet(a, b):
    """Frechet distance between Gaussians fitted to feature rows a [N, k] and b [M, k]."""
    m1, m2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    # Tr sqrt(S1 S2) = Tr sqrt(R S2 R) with R = S1^(1/2) (symmetric PSD, so numpy's eigh suffices)
    w, v = np.linalg.eigh(s1)
    r = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    tr_covmean = np.sqrt(np.clip(np.linalg.eigvalsh(r @ s2 @ r), 0, None)).sum()
    return float(((m1 - m2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * tr_covmean)


def pixel_features(alphabets):
    """[N, 62, 64, 64] in [0, 1] -> [N, 62 * 256] (each glyph box-filtered to 16x16)."""
    n = len(alphabets)
    return alphabets.reshape(n, CHARS, 16, 4, 16, 4).mean(axis=(3, 5)).reshape(n, -1)


def grey_share(alphabets):
    inked = alphabets > 0.25
    grey = inked & (alphabets < 0.75)
    return float(grey.sum() / max(1, inked.sum()))


def decode_alphabets(vae, z):
    """z [N, D] -> [N, 62, 64, 64]."""
    zz = np.repeat(z, CHARS, axis=0)
    chars = np.tile(np.arange(CHARS), len(z))
    return decode(vae, zz, chars).reshape(len(z), CHARS, 64, 64)


def round_trip(vae, alphabets):
    """Per-glyph MSE of decode(encode_mean(x), c) vs x; the style feature (mean of the 62 posterior means); and the
    style round trip: the alphabet decoded from that style vs x, MSE per alphabet."""
    img = np.clip(alphabets * 255 + 0.5, 0, 255).astype(np.uint8)   # what an image of the glyph holds
    mu, _ = encode_fonts(vae, img)
    n = len(alphabets)
    chars = np.tile(np.arange(CHARS), n)
    back = decode(vae, mu.reshape(-1, DIM), chars).reshape(n, CHARS, 64, 64)
    mse = ((back - alphabets) ** 2).mean(axis=(2, 3))
    style = mu.mean(1)
    style_mse = ((decode_alphabets(vae, style.astype(np.float32)) - alphabets) ** 2).mean(axis=(1, 2, 3))
    return mse, style, style_mse


def knn_radii(feats, k=3):
    """Distance of each row to its k-th nearest other row."""
    d = np.sqrt(np.maximum(((feats[:, None, :] - feats[None, :, :]) ** 2).sum(-1), 0))
    return np.sort(d, axis=1)[:, k]


def coverage(query, ref, radii):
    """Share of query rows inside at least one ref row's k-NN ball (improved precision / recall, k = 3)."""
    d = np.sqrt(np.maximum(((query[:, None, :] - ref[None, :, :]) ** 2).sum(-1), 0))
    return float((d <= radii[None, :]).any(1).mean())


def judge(name, z, vae, ref, threshold):
    t0 = time.time()
    alph = decode_alphabets(vae, z)
    mse, style, style_mse = round_trip(vae, alph)
    pix = ref["pca"](pixel_features(alph))
    out = {
        "roundTripUnderThreshold": float((mse < threshold).mean()),
        "roundTripMse": float(mse.mean()),
        "stylesAllUnderThresholdShare": float((mse < threshold).all(1).mean()),
        "styleRoundTripMse": float(style_mse.mean()),
        "precision": coverage(pix, ref["reconTrain"], ref["reconTrainRadii"]),
        "recall": coverage(ref["reconHeld"], pix, knn_radii(pix)),
        "greyShare": grey_share(alph),
        "fdPixelsHeldOut": frechet(pix, ref["pixHeld"]),
        "fdPixelsTrain": frechet(pix, ref["pixTrain"]),
        "fdEncoderHeldOut": frechet(style, ref["encHeld"]),
        "fdEncoderTrain": frechet(style, ref["encTrain"]),
    }
    print(f"{name:>16}: " + ", ".join(f"{k} {v:.4f}" for k, v in out.items()) + f"  ({time.time() - t0:.0f}s)",
          flush=True)
    return out, alph


def _label_font(size=14):
    p = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    return ImageFont.truetype(p, size) if os.path.exists(p) else ImageFont.load_default()


def contact_sheet(columns, titles, path, chars="AaBbGgQqRrekx3", cell=32, gap=18):
    """columns: list of [rows, 62, 64, 64] alphabets; each row one style, shown as `chars` side by side."""
    idx = [("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789").index(c) for c in chars]
    rows = len(columns[0])
    col_w = len(idx) * cell
    W = len(columns) * col_w + (len(columns) - 1) * gap
    H = 26 + rows * (cell + 4)
    im = Image.new("L", (W, H), 255)
    dr = ImageDraw.Draw(im)
    fnt = _label_font()
    for k, (col, title) in enumerate(zip(columns, titles)):
        x0 = k * (col_w + gap)
        dr.text((x0 + 4, 5), title, fill=40, font=fnt)
        for r in range(rows):
            y = 26 + r * (cell + 4)
            for j, c in enumerate(idx):
                g = col[r, c]
                tile = Image.fromarray(np.clip(255 - g * 255 + 0.5, 0, 255).astype(np.uint8)).resize((cell, cell),
                                                                                                     Image.BOX)
                im.paste(tile, (x0 + j * cell, y))
        if k:
            dr.line([(x0 - gap // 2, 0), (x0 - gap // 2, H)], fill=200)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    im.save(path, optimize=True)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "small", "best.pt"))
    ap.add_argument("--samples", type=int, default=256, help="styles drawn from each prior")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics.json"))
    ap.add_argument("--examples", default=os.path.join(MODEL_DIR, "examples"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    t_start = time.time()
    model, ck = load_model(args.ckpt)
    vae = load_vae()
    codes = load_codes()
    with open(GLYPHS_MANIFEST) as f:
        threshold = json.load(f)["latent"]["recon"]["threshold"]
    split = codes["split"]
    tr, ho = split != HELD, split == HELD
    rng = np.random.default_rng(args.seed)

    kind = ck["args"].get("codes", "sample")     # what the flow was fitted to: posterior samples or means
    draws = 4 if kind == "sample" else 1

    def posterior_samples(mask, k=4):
        mu = codes["mean"][mask].reshape(-1, DIM)
        sd = np.exp(0.5 * codes["logvar"][mask].reshape(-1, DIM))
        return np.concatenate([mu + sd * rng.standard_normal(mu.shape) for _ in range(k)]).astype(np.float32)

    def fitted_codes(mask):
        """The kind of code the flow was fitted to: [draws * fonts * 62, D], draw-major."""
        if kind == "sample":
            return posterior_samples(mask)
        return codes["mean"][mask].reshape(-1, DIM).astype(np.float32)

    z_train = fitted_codes(tr)
    z_held = fitted_codes(ho)
    held_samples = posterior_samples(ho)
    held_means = codes["mean"][ho].reshape(-1, DIM)
    held_styles = codes["mean"][ho].mean(1)
    T = float(math.sqrt((z_train.astype(np.float64) ** 2).mean()))
    g_mu, g_cov = gaussian_fit(z_train.astype(np.float64))
    print(f"codes: {kind}; training codes {len(z_train)}, held-out codes {len(z_held)}; matched temperature "
          f"T = {T:.4f}")

    density = {"primary": "samples" if kind == "sample" else "means"}
    for what, z in (("samples", held_samples), ("means", held_means), ("styles", held_styles)):
        density[what] = {
            "flow": float(flow_log_prob(model, z).mean()),
            "normal": float(normal_log_prob(z.astype(np.float64)).mean()),
            "normalT": float(normal_log_prob(z.astype(np.float64), T).mean()),
            "fullGaussian": float(gaussian_log_prob(z.astype(np.float64), g_mu, g_cov).mean()),
        }
        print(f"held-out {what}: " + ", ".join(f"{k} {v:.3f}" for k, v in density[what].items()))
    lq_held = flow_log_prob(model, z_held)
    lq_train = flow_log_prob(model, z_train)
    quantiles = np.percentile(lq_train, np.arange(101))
    density["trainFlow"] = float(lq_train.mean())
    density["heldOutFlow"] = float(lq_held.mean())
    # standard errors over the 70 held-out FONTS (a font's codes are not independent of each other)
    per_font = lq_held.reshape(draws, int(ho.sum()), -1).mean(axis=(0, 2))
    density["heldOutStdErrFonts"] = float(per_font.std(ddof=1) / math.sqrt(len(per_font)))
    nz = normal_log_prob(z_held.astype(np.float64)).reshape(draws, int(ho.sum()), -1).mean(axis=(0, 2))
    diff = per_font - nz
    density["flowMinusNormalPerFont"] = float(diff.mean())
    density["flowMinusNormalPerFontStdErr"] = float(diff.std(ddof=1) / math.sqrt(len(diff)))
    density["fontsFlowAboveNormal"] = int((diff > 0).sum())
    # the held-out codes' percentiles on the training scale (median 50 if the flow generalises)
    pct = np.interp(lq_held, quantiles, np.arange(101))
    density["heldOutMedianPercentile"] = float(np.median(pct))
    density["heldOutStylesMedianPercentile"] = float(np.median(np.interp(flow_log_prob(model, held_styles),
                                                                         quantiles, np.arange(101))))

    # reference features: real renders of the training / held-out fonts
    real_train = glyph_images(TRAIN).astype(np.float32) / 255
    real_train = np.concatenate([real_train, glyph_images(VAL).astype(np.float32) / 255])
    real_held = glyph_images(HELD).astype(np.float32) / 255
    ft, fh = pixel_features(real_train), pixel_features(real_held)
    pmean = ft.mean(0)
    _, _, vt = np.linalg.svd(ft - pmean, full_matrices=False)
    basis = vt[:32].T
    ref = {
        "pca": lambda f: (f - pmean) @ basis,
        "pixTrain": (ft - pmean) @ basis,
        "pixHeld": (fh - pmean) @ basis,
        "encTrain": codes["mean"][tr].mean(1),
        "encHeld": held_styles,
    }
    real = {
        "fdPixelsTrainVsHeldOut": frechet(ref["pixTrain"], ref["pixHeld"]),
        "fdEncoderTrainVsHeldOut": frechet(ref["encTrain"], ref["encHeld"]),
        "greyShareRealHeldOut": grey_share(real_held),
    }
    recon_alph = decode_alphabets(vae, held_styles.astype(np.float32))
    real["greyShareHeldOutReconstructions"] = grey_share(recon_alph)
    mse_r, _, style_r = round_trip(vae, recon_alph)
    real["roundTripUnderThresholdHeldOutStyles"] = float((mse_r < threshold).mean())
    real["roundTripMseHeldOutStyles"] = float(mse_r.mean())
    real["styleRoundTripMseHeldOutStyles"] = float(style_r.mean())
    # precision / recall reference: the fonts' styles through the decoder (so blur is common to both sides)
    ref["reconTrain"] = ref["pca"](pixel_features(decode_alphabets(vae, ref["encTrain"].astype(np.float32))))
    ref["reconTrainRadii"] = knn_radii(ref["reconTrain"])
    ref["reconHeld"] = ref["pca"](pixel_features(recon_alph))
    real["precisionHeldOutStyles"] = coverage(ref["reconHeld"], ref["reconTrain"], ref["reconTrainRadii"])
    print("real:", ", ".join(f"{k} {v:.4f}" for k, v in real.items()), flush=True)

    K = args.samples
    srng = np.random.default_rng(args.seed + 1)
    eps = srng.standard_normal((K, DIM)).astype(np.float32)   # the same base draws for every prior
    priors = {"flow": flow_inverse(model, eps), "normal": eps, "normalT": T * eps}
    results, alphabets = {}, {}
    for name, z in priors.items():
        results[name], alphabets[name] = judge(name, z, vae, ref, threshold)
    # temperature sweeps of both priors (the flow's in its base space): pixel FD against the TRAINING fonts,
    # precision and recall; the Gaussian's best temperature is the one with the lowest FD (held-out fonts unused)
    sweep = {"normal": {}, "flow": {}}
    for t in T_GRID:
        for name in ("normal", "flow"):
            z = t * eps if name == "normal" else flow_inverse(model, t * eps)
            pix = ref["pca"](pixel_features(decode_alphabets(vae, z)))
            sweep[name][str(t)] = {"fdPixelsTrain": frechet(pix, ref["pixTrain"]),
                                   "precision": coverage(pix, ref["reconTrain"], ref["reconTrainRadii"]),
                                   "recall": coverage(ref["reconHeld"], pix, knn_radii(pix))}
        print(f"T = {t}: " + "; ".join(f"{n} " + ", ".join(f"{k} {v:.3f}" for k, v in sweep[n][str(t)].items())
                                      for n in ("flow", "normal")), flush=True)
    t_best = float(min(sweep["normal"], key=lambda k: sweep["normal"][k]["fdPixelsTrain"]))
    print("best Gaussian temperature (pixel FD vs training fonts):", t_best)
    results["normalBestT"], alphabets["normalBestT"] = judge(f"normal T={t_best}", t_best * eps, vae, ref, threshold)

    os.makedirs(os.path.dirname(args.metrics), exist_ok=True)
    sheet = contact_sheet([alphabets["flow"][:12], alphabets["normal"][:12], alphabets["normalBestT"][:12]],
                          ["flow prior", "N(0, I)", f"N(0, {t_best:.1f}\u00b2 I)"],
                          os.path.join(args.examples, "priors.png"))
    print("wrote", sheet)
    doc = {
        "step": ck["step"], "bestStep": ck.get("best_step", ck["step"]), "trainSeconds": round(ck["train_seconds"], 1),
        "codes": kind,
        "threshold": threshold, "matchedTemperature": T, "bestTemperature": t_best, "temperatureSweep": sweep,
        "density": density, "real": real, "priors": results, "samplesPerPrior": K,
        "counts": {"trainFonts": int(tr.sum()), "heldOutFonts": int(ho.sum()), "trainCodes": int(len(z_train)),
                   "heldOutCodes": int(len(z_held))},
        "logDensityQuantiles": [float(v) for v in quantiles],
        "evalSeconds": round(time.time() - t_start, 1),
    }
    with open(args.metrics, "w") as f:
        json.dump(doc, f, indent=1)
    print("wrote", args.metrics, f"({doc['evalSeconds']:.0f}s)")


if __name__ == "__main__":
    main()
