"""The maximum-likelihood training loop of a coupling flow (common/flow.py), written once for every flow model
(the palette flow, the glyph VAE's prior): AdamW, LR warm-up x cosine to 5 %, gradients clipped at 5, an EMA of the
weights (what is validated and kept), validation every --eval-every steps, the best state kept, early stopping
after --patience steps without a better validation, resumable checkpoints in the common layout.

    add_flow_args(ap, HERE, steps=3000, batch=128, wd=0.01, ema=0.99, eval_every=50, patience=500)
    model, best = fit_flow(args, cfg, build, next_batch, validate, init_batch, dim, ...)

The caller brings its data: next_batch(rng) -> a float32 tensor [batch, dim] (a fresh draw per step),
validate(model) -> the validation figure (higher is better), init_batch(rng) -> the data-dependent ActNorm start.
`args` needs steps, lr, warmup, wd, ema, eval_every, patience, seed, out, resume. Writes <out>/last.pt (every
5 validations), <out>/best.pt (the best weights as `model`, at the end) and <out>/log.jsonl.
"""
import copy
import math
import os
import time

import numpy as np
import torch

from .checkpoint import atomic_save, load_resume, make_checkpoint, restore, save_checkpoint
from .flow import count_params
from .jsonl import JsonlLog
from .schedule import cosine_with_warmup, set_lr


def add_flow_args(ap, here, steps, batch, wd, ema, eval_every, patience):
    """The options every flow trainer takes (the defaults are each model's shipped run); the caller adds its own."""
    ap.add_argument("--steps", type=int, default=steps)
    ap.add_argument("--batch", type=int, default=batch)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--wd", type=float, default=wd, help="AdamW weight decay")
    ap.add_argument("--dropout", type=float, default=0.3, help="dropout in the coupling MLPs (training only)")
    ap.add_argument("--ema", type=float, default=ema, help="EMA decay of the weights (0: off); val / best use it")
    ap.add_argument("--eval-every", type=int, default=eval_every)
    ap.add_argument("--patience", type=int, default=patience, help="stop after this many steps without a better val")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(here, "runs", "small"))
    ap.add_argument("--resume", default=None, help="a checkpoint file or run directory")
    ap.add_argument("--threads", type=int, default=1)


def fit_flow(args, cfg, build, next_batch, validate, init_batch, dim, *, val_key, val_text, unit, describe,
             extra=None):
    """Trains build(cfg) as the module doc says -> (model, best). val_key: the log's name of the validation figure
    (e.g. "valLogP"); val_text: how the console names it ("log p"); unit: its unit, for the last line; describe: the
    data, for the first line; extra: more entries of every checkpoint (e.g. a standardisation)."""
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
        model.data_init(init_batch(rng))
        if args.ema > 0:
            ema = copy.deepcopy(model)
    print(f"config {args.config} {cfg}: {count_params(model)} parameters; {describe}")

    log = JsonlLog(os.path.join(args.out, "log.jsonl"), echo=False)
    t0 = time.time()

    def checkpoint(step, final=False):
        ck = make_checkpoint(model, step, optimizer=opt, ema=ema, config=cfg, train_seconds=t_before + time.time() - t0,
                             args=vars(args), generators={"batches": rng}, best=best, **(extra or {}))
        save_checkpoint(args.out, ck)
        if final:
            out = dict(ck, model=best["model"], best_step=best["step"], best_val=best["val"], opt=None, ema=None)
            atomic_save(out, os.path.join(args.out, "best.pt"))

    step, losses = start, []
    model.train()
    while step < args.steps:
        set_lr(opt, cosine_with_warmup(step, args.steps, args.warmup, args.lr, 0.05 * args.lr))
        loss = -model.log_prob(next_batch(rng)).mean() / dim
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
            v = float(validate(judged))
            model.train()
            if v > best["val"]:
                best = {"val": v, "step": step, "model": copy.deepcopy(judged.state_dict())}
            rec = log.log(step, loss=float(np.mean(losses)), **{val_key: v}, bestVal=best["val"],
                          bestStep=best["step"], gradNorm=float(gn), lr=opt.param_groups[0]["lr"],
                          seconds=round(time.time() - t0, 1))
            losses = []
            print(f"step {step}: train nll/dim {rec['loss']:.4f}  val {val_text} {v:.3f} (best {best['val']:.3f} @ "
                  f"{best['step']})  {rec['seconds']:.0f}s", flush=True)
            if step % (5 * args.eval_every) == 0:
                checkpoint(step)
            if step - best["step"] >= args.patience:
                print(f"early stop at step {step}: no better val for {args.patience} steps")
                break
    checkpoint(step, final=True)
    print(f"done: {step} steps in {t_before + time.time() - t0:.0f}s; best val {val_text} {best['val']:.3f} "
          f"({unit}) at step {best['step']} -> {os.path.join(args.out, 'best.pt')}")
    return model, best
