"""Fit the flow prior to the glyph VAE's posterior codes by exact maximum likelihood, with early stopping.

  cd models/training
  nice -n 10 /usr/bin/python3 -m glyph-prior.train --out glyph-prior/runs/small     # ~6 min on 1 shared thread

Defaults = the shipped run: config "small" (8 coupling steps, MLP width 96), AdamW lr 1e-3 (cosine, 200 warm-up
steps, to 5 %), weight decay 1e-4, dropout 0.3 in the coupling MLPs, batch 512, an EMA of the weights (0.995) is what
is validated and kept, validation every 100 steps, patience 1000, at most 4000 steps.

Data: codes.py's posteriors. Every batch draws `--batch` (font, char) pairs of the fit fonts (training fonts minus
the early-stopping slice) and takes the posterior mean of each (`--codes mean`, the default and the shipped run:
where the encoder puts real glyphs, the points the explorer shows for an encoded glyph), or one fresh sample
z ~ N(mean, exp(logvar)) of each (`--codes sample`: samples of the aggregate posterior q(z) = mean over (font, char)
of q(z | x[font, char], char), which fill the ~12 latent dimensions the decoder ignores with N(0, 1) noise).
Loss: -log q(z) per dimension. Every --eval-every steps the mean log q of the validation fonts' codes (the means; or
4 posterior samples per glyph, seeded) is computed on the EMA weights; the best state is kept, training stops after
--patience steps without improvement (or at --steps).

Writes <out>/last.pt (resumable: --resume <out>, the common checkpoint layout, plus the best state so far),
<out>/best.pt (the best weights as `model`, at the end) and <out>/log.jsonl.
"""
import argparse
import os

import numpy as np
import torch

from common.flow_train import add_flow_args, fit_flow

from .codes import TRAIN, VAL, load as load_codes
from .model import CONFIGS, DIM, build

HERE = os.path.dirname(os.path.abspath(__file__))


def flat(codes, split_code):
    """Posterior means and SDs of every glyph of the fonts with this split code: float32 [N, D] each."""
    s = codes["split"] == split_code
    mu = codes["mean"][s].reshape(-1, DIM).astype(np.float32)
    sd = np.exp(0.5 * codes["logvar"][s].reshape(-1, DIM)).astype(np.float32)
    return mu, sd


def draw(mu, sd, rng, kind):
    return mu if kind == "mean" else mu + sd * rng.standard_normal(mu.shape).astype(np.float32)


def mean_log_prob(model, z, batch=8192):
    with torch.no_grad():
        return float(np.mean(np.concatenate([model.log_prob(torch.from_numpy(z[s:s + batch])).double().numpy()
                                             for s in range(0, len(z), batch)])))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="small", choices=sorted(CONFIGS))
    ap.add_argument("--codes", default="mean", choices=("mean", "sample"),
                    help="fit the posterior means (where the encoder puts real glyphs) or posterior samples")
    add_flow_args(ap, HERE, steps=4000, batch=512, wd=1e-4, ema=0.995, eval_every=100, patience=1000)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)

    codes = load_codes()
    fit_mu, fit_sd = flat(codes, TRAIN)
    val_mu, val_sd = flat(codes, VAL)
    vrng = np.random.default_rng(1000 + args.seed)
    val_z = np.concatenate([draw(val_mu, val_sd, vrng, args.codes) for _ in range(1 if args.codes == "mean" else 4)])

    cfg = dict(CONFIGS[args.config], dropout=args.dropout)
    n_fonts = {k: int((codes["split"] == v).sum()) for k, v in (("fit", TRAIN), ("val", VAL))}

    def next_batch(rng):
        idx = rng.choice(len(fit_mu), size=args.batch, replace=False)
        return torch.from_numpy(draw(fit_mu[idx], fit_sd[idx], rng, args.codes))

    fit_flow(args, cfg, build, next_batch, lambda m: mean_log_prob(m, val_z),
             lambda rng: torch.from_numpy(draw(fit_mu, fit_sd, rng, args.codes)), DIM, val_key="valLogQ",
             val_text="log q", unit="nats per code",
             describe=f"fit {n_fonts['fit']} fonts ({len(fit_mu)} glyph posteriors), val {n_fonts['val']} fonts; "
                      f"codes: {args.codes}")


if __name__ == "__main__":
    main()
