"""Train the melody VAE (time-budgeted: the LR schedule and KL annealing follow the elapsed share of --minutes).

  cd models/training
  nice -n 19 /usr/bin/python3 -m melody.train_vae --config vae-s --minutes 70 --out melody/runs/vae

Loss per segment: reconstruction cross-entropy (sum over T steps) + beta * max(KL - free_bits, 0), beta ramped
0 → --beta over the first --anneal share of the budget; the decoder's previous-token embedding is dropped with
probability --word-dropout so that it has to use z. KL: common.normal_kl. LR: linear warm-up over 200 steps times a
cosine from --lr to 0.1 * --lr over the elapsed share of the budget (common.linear_warmup, common.cosine_decay).
Writes <out>_last.pt every few minutes and <out>_final.pt (common checkpoint layout without optimiser state,
atomic).
"""
import argparse
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import atomic_save, cosine_decay, linear_warmup, make_checkpoint, normal_kl, set_lr

from .data import Batcher, load_tunes, split, windows
from .model import VAE, count_params

HERE = os.path.dirname(os.path.abspath(__file__))


def save(path, vae, args, step, t0, extra):
    atomic_save(make_checkpoint(vae, step, config=vae.config_name, train_seconds=time.time() - t0, args=vars(args),
                                **extra), path)


@torch.no_grad()
def quick_eval(vae, xh):
    vae.eval()
    x = torch.from_numpy(xh)
    logits, mean, logvar = vae(x, sample=False)
    tgt = x[:, 1:]
    nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1)).item()
    tf_acc = (logits.argmax(-1) == tgt).float().mean().item()
    kl = normal_kl(mean, logvar).mean().item()
    g = vae.greedy(mean, x[:, 0])
    acc = (g == tgt).float().mean().item()
    vae.train()
    return dict(nll=nll, tfAcc=tf_acc, kl=kl, greedyAcc=acc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="vae-s")
    ap.add_argument("--minutes", type=float, default=70)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--beta", type=float, default=0.5)
    ap.add_argument("--free-bits", type=float, default=64.0, help="nats per segment")
    ap.add_argument("--anneal", type=float, default=0.4)
    ap.add_argument("--word-dropout", type=float, default=0.25)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "vae"), help="prefix: <out>_last.pt, <out>_final.pt")
    ap.add_argument("--save-every", type=float, default=3.0, help="minutes")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    vae = VAE(args.config)
    T = vae.T
    train, held = split(load_tunes())
    xt, _, _ = windows(train, T)
    xh, _, _ = windows(held, T)
    xh = xh[np.random.default_rng(0).permutation(len(xh))[:256]]
    print(f"config {args.config}: {count_params(vae)} params; T={T}; {len(xt)} train windows, "
          f"{len(train)} train tunes, {len(held)} held-out tunes", flush=True)
    batcher = Batcher(xt, seed=args.seed)
    opt = torch.optim.Adam(vae.parameters(), lr=args.lr)
    budget = args.minutes * 60
    t0 = time.time()
    last_save = t0
    step = 0
    hist = []
    while True:
        frac = (time.time() - t0) / budget
        if frac >= 1:
            break
        lr = set_lr(opt, linear_warmup(step, 200) * cosine_decay(frac, args.lr, 0.1 * args.lr))
        beta = args.beta * min(1.0, frac / args.anneal)
        x = torch.from_numpy(batcher(args.batch))
        logits, mean, logvar = vae(x, word_dropout=args.word_dropout)
        tgt = x[:, 1:]
        rec = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1), reduction="sum") / x.shape[0]
        kl = normal_kl(mean, logvar).mean()
        loss = rec + beta * torch.clamp(kl - args.free_bits, min=0)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(vae.parameters(), 1.0)
        opt.step()
        step += 1
        acc = (logits.argmax(-1) == tgt).float().mean().item()
        hist.append((rec.item() / T, kl.item(), acc))
        if step % 50 == 0:
            r, k, a = np.mean(hist, axis=0)
            hist = []
            print(f"step {step} {time.time() - t0:.0f}s frac {frac:.3f} lr {lr:.2e} beta {beta:.3f} "
                  f"rec/tok {r:.3f} kl {k:.1f} acc {a:.3f}", flush=True)
        if step % 500 == 0:
            print(f"  held-out: {quick_eval(vae, xh[:128])}", flush=True)
        if time.time() - last_save > args.save_every * 60:
            save(args.out + "_last.pt", vae, args, step, t0, {})
            last_save = time.time()
    ev = quick_eval(vae, xh)
    print(f"final step {step}: held-out {ev}", flush=True)
    save(args.out + "_last.pt", vae, args, step, t0, {"heldOutQuick": ev})
    save(args.out + "_final.pt", vae, args, step, t0, {"heldOutQuick": ev})


if __name__ == "__main__":
    main()
