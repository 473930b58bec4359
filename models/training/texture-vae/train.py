"""Train the texture VAE (CPU friendly, resumable).

  nice -n 10 /usr/bin/python3 train.py --config small --steps 6000 --out runs/small

Objective per image (all terms per pixel-value, i.e. divided by 3*64*64 = 12288):
  Gaussian NLL of x under N(decoder(z), sigma^2) with a FIXED sigma (--sigma, default 0.1)
  + beta * KL(q(z|x) || N(0, I)), beta warmed up linearly from --beta0*beta to --beta over --kl-warmup steps
  + w_grad * L1 between the finite-difference gradients of reconstruction and input (edges)
  + w_hf * L1 between 8x8-pooled gradient magnitudes of reconstruction and input
    (a cheap "texture energy" term: rewards keeping the amount of local detail, fights blur).
With beta = 1 the first two terms are exactly the negative ELBO (nats/image after x12288).
Checkpoints: <out>/last.pt every --save-every steps (atomic), log in <out>/log.jsonl.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from data import Sampler, heldout_set, load_patterns, split
from model import CONFIGS, VAE, count_params

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


def kl_per_image(mean, logvar):
    return 0.5 * (mean.pow(2) + logvar.exp() - 1 - logvar).sum(1)


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
    ap.add_argument("--out", default="runs/small")
    ap.add_argument("--resume", default="", help="checkpoint to continue from (model, optimiser, step, sampler RNG)")
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
        ck = torch.load(args.resume, map_location="cpu")
        vae.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        start, elapsed = ck["step"], ck.get("train_seconds", 0.0)
        if "sampler_rng" in ck:
            sampler.rng.bit_generator.state = ck["sampler_rng"]
        if "torch_rng" in ck:
            torch.set_rng_state(ck["torch_rng"])
    print(f"config={args.config} params={count_params(vae)} train patterns={len(train_pats)} "
          f"held-out={len(held)} start={start}", flush=True)

    log = open(os.path.join(args.out, "log.jsonl"), "a")
    t_last = time.time()
    vae.train()
    for step in range(start, args.steps):
        lr = args.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / max(1, args.steps))))
        for g in opt.param_groups:
            g["lr"] = lr
        beta = args.beta * min(1.0, args.beta0 + (1 - args.beta0) * step / max(1, args.kl_warmup))
        x = torch.from_numpy(sampler.batch(args.batch))
        mean, logvar = vae.encoder(x)
        logvar_c = logvar.clamp(-12, 8)
        z = mean + torch.randn_like(mean) * torch.exp(0.5 * logvar_c)
        r = vae.decoder(z)
        nll = gauss_nll_per_image(x, r, args.sigma).mean()
        kl = kl_per_image(mean, logvar_c).mean()
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
            rec = dict(step=step, loss=round(loss.item(), 5), nll=round(nll.item(), 1), kl=round(kl.item(), 2),
                       mse=round(((x - r) ** 2).mean().item(), 5), grad=round(l_grad.item(), 5),
                       hf=round(l_hf.item(), 5), beta=round(beta, 3), lr=round(lr, 6), sec=round(elapsed, 1))
            if step % args.eval_every == 0 or step == args.steps - 1:
                vae.eval()
                with torch.no_grad():
                    mh, lh = vae.encoder(xh)
                    rh = vae.decoder(mh)
                    rec["heldMse"] = round(((xh - rh) ** 2).mean().item(), 5)
                    rec["heldKl"] = round(kl_per_image(mh, lh).mean().item(), 2)
                vae.train()
                t_last = time.time()
            print(json.dumps(rec), flush=True)
            log.write(json.dumps(rec) + "\n")
            log.flush()
        if (step + 1) % args.save_every == 0 or step == args.steps - 1:
            ck = dict(model=vae.state_dict(), opt=opt.state_dict(), step=step + 1, config=args.config,
                      train_seconds=elapsed, device="cpu", args=vars(args),
                      sampler_rng=sampler.rng.bit_generator.state, torch_rng=torch.get_rng_state())
            torch.save(ck, os.path.join(args.out, "last.pt.tmp"))
            os.replace(os.path.join(args.out, "last.pt.tmp"), os.path.join(args.out, "last.pt"))


if __name__ == "__main__":
    main()
