"""Train the palette flow by exact maximum likelihood on dequantised palettes, with early stopping.

  cd models/training
  nice -n 10 /usr/bin/python3 -m palettes.train --out palettes/runs/small     # < 1 min on 1 thread

Defaults = the shipped run: config "small" (8 coupling steps, MLP width 64), AdamW lr 1e-3 (cosine, 200 warm-up
steps, to 5 %), weight decay 0.01, dropout 0.3 in the coupling MLPs, batch 128, an EMA of the weights (0.99) is
what is validated and kept, validation every 50 steps, patience 500, at most 3000 steps.

Data: data/split.json (dataset.py). The flow trains on the training split minus its validation slice ("fit",
804 palettes); every batch is a fresh dequantised draw (each sRGB channel uniform over its 8-bit cell,
[v - 1/2, v + 1/2) / 255 clipped to [0, 1], before the conversion to OKLab), standardised with the mean / std of the exact OKLab vectors of the whole training
split (893 palettes). Loss: negative log-likelihood of the standardised vector in nats per dimension. Every
--eval-every steps the mean log p(x) (raw OKLab units, exact 8-bit colours) of the validation slice is computed;
the best state is kept and training stops after --patience steps without improvement (or at --steps).

Writes <out>/last.pt (resumable: --resume <out>, common checkpoint layout, plus the best state so far),
<out>/best.pt (the best weights as `model`, at the end) and <out>/log.jsonl.
"""
import argparse
import copy
import math
import os
import time

import numpy as np
import torch

from common import (JsonlLog, cosine_with_warmup, load_resume, make_checkpoint, restore, save_checkpoint,
                    set_lr, atomic_save)

from .dataset import DIM, arrays, dequantise, load_split, oklab15, standardisation
from .model import CONFIGS, build, count_params

HERE = os.path.dirname(os.path.abspath(__file__))


def raw_log_prob(model, x_std, log_std_sum):
    """log p(x) in raw OKLab units for standardised x (torch float32 [N, 15]) -> float64 numpy [N]."""
    with torch.no_grad():
        return model.log_prob(x_std).double().numpy() - log_std_sum


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="small", choices=sorted(CONFIGS))
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--wd", type=float, default=0.01, help="AdamW weight decay")
    ap.add_argument("--dropout", type=float, default=0.3, help="dropout in the coupling MLPs (training only)")
    ap.add_argument("--layers", type=int, default=None, help="override the config's coupling steps")
    ap.add_argument("--hidden", type=int, default=None, help="override the config's MLP width")
    ap.add_argument("--ema", type=float, default=0.99, help="EMA decay of the weights (0: off); val / best use it")
    ap.add_argument("--eval-every", type=int, default=50)
    ap.add_argument("--patience", type=int, default=500, help="stop after this many steps without a better val")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "small"))
    ap.add_argument("--resume", default=None, help="a checkpoint file or run directory")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)

    a = arrays(load_split())
    mean, std = standardisation(a["train"])
    log_std_sum = float(np.log(std).sum())
    fit, val = a["fit"], a["val"]
    val_x = torch.from_numpy(((oklab15(val) - mean) / std).astype(np.float32))

    cfg = dict(CONFIGS[args.config], dropout=args.dropout)
    cfg.update({k: v for k, v in (("layers", args.layers), ("hidden", args.hidden)) if v is not None})
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
        x0 = torch.from_numpy(((dequantise(fit, rng) - mean) / std).astype(np.float32))
        model.data_init(x0)
        if args.ema > 0:
            ema = copy.deepcopy(model)
    print(f"config {args.config} {cfg}: {count_params(model)} parameters; fit {len(fit)}, val {len(val)} palettes")

    log = JsonlLog(os.path.join(args.out, "log.jsonl"), echo=False)
    t0 = time.time()

    def checkpoint(step, final=False):
        ck = make_checkpoint(model, step, optimizer=opt, ema=ema, config=cfg, train_seconds=t_before + time.time() - t0,
                             args=vars(args), generators={"batches": rng}, best=best,
                             mean=mean.tolist(), std=std.tolist())
        save_checkpoint(args.out, ck)
        if final:
            out = dict(ck, model=best["model"], best_step=best["step"], best_val=best["val"], opt=None, ema=None)
            atomic_save(out, os.path.join(args.out, "best.pt"))

    step, losses = start, []
    model.train()
    while step < args.steps:
        set_lr(opt, cosine_with_warmup(step, args.steps, args.warmup, args.lr, 0.05 * args.lr))
        idx = rng.choice(len(fit), size=args.batch, replace=False)
        xb = torch.from_numpy(((dequantise(fit[idx], rng) - mean) / std).astype(np.float32))
        loss = -model.log_prob(xb).mean() / DIM
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
            v = float(raw_log_prob(judged, val_x, log_std_sum).mean())
            model.train()
            if v > best["val"]:
                best = {"val": v, "step": step, "model": copy.deepcopy(judged.state_dict())}
            rec = log.log(step, loss=float(np.mean(losses)), valLogP=v, bestVal=best["val"], bestStep=best["step"],
                          gradNorm=float(gn), lr=opt.param_groups[0]["lr"], seconds=round(time.time() - t0, 1))
            losses = []
            print(f"step {step}: train nll/dim {rec['loss']:.4f}  val log p {v:.3f} (best {best['val']:.3f} @ "
                  f"{best['step']})  {rec['seconds']:.0f}s", flush=True)
            if step % (5 * args.eval_every) == 0:
                checkpoint(step)
            if step - best["step"] >= args.patience:
                print(f"early stop at step {step}: no better val for {args.patience} steps")
                break
    checkpoint(step, final=True)
    print(f"done: {step} steps in {t_before + time.time() - t0:.0f}s; best val log p {best['val']:.3f} "
          f"(raw OKLab nats per palette) at step {best['step']} -> {os.path.join(args.out, 'best.pt')}")


if __name__ == "__main__":
    main()
