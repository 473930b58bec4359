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
import copy
import math
import os
import time

import numpy as np
import torch

from common import (JsonlLog, atomic_save, cosine_with_warmup, load_resume, make_checkpoint, restore,
                    save_checkpoint, set_lr)

from .codes import TRAIN, VAL, load as load_codes
from .model import CONFIGS, DIM, build, count_params

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
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--wd", type=float, default=1e-4, help="AdamW weight decay")
    ap.add_argument("--dropout", type=float, default=0.3, help="dropout in the coupling MLPs (training only)")
    ap.add_argument("--ema", type=float, default=0.995, help="EMA decay of the weights (0: off); val / best use it")
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--patience", type=int, default=1000, help="stop after this many steps without a better val")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "small"))
    ap.add_argument("--resume", default=None, help="a checkpoint file or run directory")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)

    codes = load_codes()
    fit_mu, fit_sd = flat(codes, TRAIN)
    val_mu, val_sd = flat(codes, VAL)
    vrng = np.random.default_rng(1000 + args.seed)
    val_z = np.concatenate([draw(val_mu, val_sd, vrng, args.codes) for _ in range(1 if args.codes == "mean" else 4)])

    cfg = dict(CONFIGS[args.config], dropout=args.dropout)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    model = build(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.wd)
    best = {"val": -math.inf, "step": -1, "model": None}
    t_before = 0.0
    ema = None
    if args.resume:
        ck = load_resume(args.resume)
        if ck.get("ema") is not None:
            ema = copy.deepcopy(model)
        start = restore(ck, model, opt, ema=ema, rng=True, generators={"batches": rng})
        best, t_before = ck["best"], ck["train_seconds"]
        print(f"resumed at step {start} (best val {best['val']:.3f} at step {best['step']})")
    else:
        start = 0
        model.data_init(torch.from_numpy(draw(fit_mu, fit_sd, rng, args.codes)))
        if args.ema > 0:
            ema = copy.deepcopy(model)
    n_fonts = {k: int((codes["split"] == v).sum()) for k, v in (("fit", TRAIN), ("val", VAL))}
    print(f"config {args.config} {cfg}: {count_params(model)} parameters; fit {n_fonts['fit']} fonts "
          f"({len(fit_mu)} glyph posteriors), val {n_fonts['val']} fonts; codes: {args.codes}")

    log = JsonlLog(os.path.join(args.out, "log.jsonl"), echo=False)
    t0 = time.time()

    def checkpoint(step, final=False):
        ck = make_checkpoint(model, step, optimizer=opt, ema=ema, config=cfg, train_seconds=t_before + time.time() - t0,
                             args=vars(args), generators={"batches": rng}, best=best)
        save_checkpoint(args.out, ck)
        if final:
            out = dict(ck, model=best["model"], best_step=best["step"], best_val=best["val"], opt=None, ema=None)
            atomic_save(out, os.path.join(args.out, "best.pt"))

    step, losses = start, []
    model.train()
    while step < args.steps:
        set_lr(opt, cosine_with_warmup(step, args.steps, args.warmup, args.lr, 0.05 * args.lr))
        idx = rng.choice(len(fit_mu), size=args.batch, replace=False)
        zb = torch.from_numpy(draw(fit_mu[idx], fit_sd[idx], rng, args.codes))
        loss = -model.log_prob(zb).mean() / DIM
        opt.zero_grad(set_to_none=True)
        loss.backward()
        gn = torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        if ema is not None:
            with torch.no_grad():
                for pe, pm in zip(ema.parameters(), model.parameters()):
                    pe.lerp_(pm, 1.0 - args.ema)
        losses.append(loss.item())
        step += 1
        if step % args.eval_every == 0 or step == args.steps:
            judged = ema if ema is not None else model
            judged.eval()
            v = mean_log_prob(judged, val_z)
            model.train()
            if v > best["val"]:
                best = {"val": v, "step": step, "model": copy.deepcopy(judged.state_dict())}
            rec = log.log(step, loss=float(np.mean(losses)), valLogQ=v, bestVal=best["val"], bestStep=best["step"],
                          gradNorm=float(gn), lr=opt.param_groups[0]["lr"], seconds=round(time.time() - t0, 1))
            losses = []
            print(f"step {step}: train nll/dim {rec['loss']:.4f}  val log q {v:.3f} (best {best['val']:.3f} @ "
                  f"{best['step']})  {rec['seconds']:.0f}s", flush=True)
            if step % (5 * args.eval_every) == 0:
                checkpoint(step)
            if step - best["step"] >= args.patience:
                print(f"early stop at step {step}: no better val for {args.patience} steps")
                break
    checkpoint(step, final=True)
    print(f"done: {step} steps in {t_before + time.time() - t0:.0f}s; best val log q {best['val']:.3f} "
          f"(nats per code) at step {best['step']} -> {os.path.join(args.out, 'best.pt')}")


if __name__ == "__main__":
    main()
