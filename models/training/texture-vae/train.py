"""Train the texture VAE (CPU friendly, resumable).

  cd models/training
  nice -n 10 /usr/bin/python3 -m texture-vae.train --config small --steps 6000 --out texture-vae/runs/small

Objective per image (all terms per pixel-value, i.e. divided by 3*64*64 = 12288):
  Gaussian NLL of x under N(decoder(z), sigma^2) with a FIXED sigma (--sigma, default 0.1)
  + beta * KL(q(z|x) || N(0, I)) (common.normal_kl), beta warmed up linearly from --beta0*beta to --beta over
    --kl-warmup steps
  + w_grad * L1 between the finite-difference gradients of reconstruction and input (edges)
  + w_hf * L1 between 8x8-pooled gradient magnitudes of reconstruction and input
    (a cheap "texture energy" term: rewards keeping the amount of local detail, fights blur).
With beta = 1 the first two terms are exactly the negative ELBO (nats/image after x12288).
LR: cosine from --lr to 0.1 * --lr over --steps (common.cosine_with_warmup, no warm-up).
Checkpoints: <out>/last.pt every --save-every steps (common checkpoint layout, atomic; with the sampler's and torch's
RNG states, restored by --resume, which takes a checkpoint file or a run directory), log in <out>/log.jsonl.
"""
import argparse
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import (JsonlLog, cosine_with_warmup, load_resume, make_checkpoint, normal_kl, restore, save_checkpoint,
                    set_lr)

from .data import Sampler, heldout_set, load_patterns, split
from .model import CONFIGS, VAE, count_params

HERE = os.path.dirname(os.path.abspath(__file__))
NPIX = 3 * 64 * 64


def grads(x):
    return x[:, :, :, 1:] - x[:, :, :, :-1], x[:, :, 1:, :] - x[:, :, :-1, :]


def grad_l1(a, b):
    ax, ay = grads(a)
    bx, by = grads(b)
    return (ax - bx).abs().mean() + (ay - by).abs().mean()


def hf_energy(x, cell=8):
    gx, gy = grads(x)
    e = gx[:, :, :-1, :].abs() + gy[:, :, :, :-1].abs()  # 63x63
    return F.avg_pool2d(e.mean(1, keepdim=True), cell, cell, ceil_mode=True)


def gauss_nll_per_image(x, recon, sigma):
    return ((x - recon) ** 2).flatten(1).sum(1) / (2 * sigma ** 2) + NPIX * math.log(sigma * math.sqrt(2 * math.pi))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", choices=list(CONFIGS), default="small")
    ap.add_argument("--steps", type=int, default=6000, help="total steps incl. resumed ones (cosine LR over it)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--sigma", type=float, default=0.1, help="fixed decoder std of the Gaussian likelihood")
    ap.add_argument("--beta", type=float, default=1.0)
    ap.add_argument("--kl-warmup", type=int, default=1000)
    ap.add_argument("--beta0", type=float, default=0.05, help="warm-up starts at beta0*beta (0 lets the means drift)")
    ap.add_argument("--w-grad", type=float, default=0.2)
    ap.add_argument("--w-hf", type=float, default=0.2)
    ap.add_argument("--p-zoom", type=float, default=0.5, help="probability of a larger crop box-resized to 64")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "small"))
    ap.add_argument("--resume", default="", help="checkpoint (or run directory: its latest) to continue from "
                    "(model, optimiser, step, sampler and torch RNG)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--eval-every", type=int, default=500)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    train_pats, held = split(load_patterns())
    sampler = Sampler(train_pats, seed=args.seed, p_zoom=args.p_zoom)
    xh = torch.from_numpy(heldout_set(held, per_pattern=4)[0])  # small fixed held-out set for the log

    vae = VAE(args.config)
    opt = torch.optim.Adam(vae.parameters(), lr=args.lr)
    start, elapsed = 0, 0.0
    if args.resume:
        ck = load_resume(args.resume)
        start = restore(ck, vae, opt, rng=True, generators={"sampler": sampler.rng})
        elapsed = ck.get("train_seconds", 0.0)
        if ck.get("rng") is None:  # a checkpoint written before the common layout
            if "sampler_rng" in ck:
                sampler.rng.bit_generator.state = ck["sampler_rng"]
            if "torch_rng" in ck:
                torch.set_rng_state(ck["torch_rng"])
    print(f"config={args.config} params={count_params(vae)} train patterns={len(train_pats)} "
          f"held-out={len(held)} start={start}", flush=True)

    log = JsonlLog(os.path.join(args.out, "log.jsonl"), echo=True)
    t_last = time.time()
    vae.train()
    for step in range(start, args.steps):
        lr = set_lr(opt, cosine_with_warmup(step, args.steps, 0, args.lr, 0.1 * args.lr))
        beta = args.beta * min(1.0, args.beta0 + (1 - args.beta0) * step / max(1, args.kl_warmup))
        x = torch.from_numpy(sampler.batch(args.batch))
        mean, logvar = vae.encoder(x)
        logvar_c = logvar.clamp(-12, 8)
        z = mean + torch.randn_like(mean) * torch.exp(0.5 * logvar_c)
        r = vae.decoder(z)
        nll = gauss_nll_per_image(x, r, args.sigma).mean()
        kl = normal_kl(mean, logvar_c).mean()
        l_grad = grad_l1(r, x)
        l_hf = (hf_energy(r) - hf_energy(x)).abs().mean()
        loss = (nll + beta * kl) / NPIX + args.w_grad * l_grad + args.w_hf * l_hf
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(vae.parameters(), 5.0)
        opt.step()
        now = time.time()
        elapsed += now - t_last
        t_last = now
        if step % 25 == 0 or step == args.steps - 1:
            rec = dict(loss=round(loss.item(), 5), nll=round(nll.item(), 1), kl=round(kl.item(), 2),
                       mse=round(((x - r) ** 2).mean().item(), 5), grad=round(l_grad.item(), 5),
                       hf=round(l_hf.item(), 5), beta=round(beta, 3), lr=round(lr, 6), sec=round(elapsed, 1))
            if step % args.eval_every == 0 or step == args.steps - 1:
                vae.eval()
                with torch.no_grad():
                    mh, lh = vae.encoder(xh)
                    rh = vae.decoder(mh)
                    rec["heldMse"] = round(((xh - rh) ** 2).mean().item(), 5)
                    rec["heldKl"] = round(normal_kl(mh, lh).mean().item(), 2)
                vae.train()
                t_last = time.time()
            log.log(step, **rec)
        if (step + 1) % args.save_every == 0 or step == args.steps - 1:
            save_checkpoint(args.out, make_checkpoint(vae, step + 1, optimizer=opt, config=args.config,
                                                      train_seconds=elapsed, args=vars(args), device="cpu",
                                                      generators={"sampler": sampler.rng}))


if __name__ == "__main__":
    main()
