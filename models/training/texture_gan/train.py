"""Adversarial training of the periodic spatial texture GAN (model.py) on every pattern (data.py).

  cd models/training
  nohup nice -n 15 /usr/bin/python3 -m texture_gan.train --init-shipped --threads 2 --minutes 60 \
      --out texture_gan/.cache/run > texture_gan/.cache/train.log 2>&1 &

Per step: the style code of each target crop is sampled from E(another crop of the same pattern)
(reparameterised, small KL to N(0, I) so the space is smooth); D step: hinge loss on two-scale patch critics
conditioned on the code, lazy R1 on reals (spectral norm optional); G+E step: hinge adversarial loss + the
shipped generator's multi-scale patch sliced-Wasserstein and colour terms against the target crop (auxiliary) + code
reconstruction |E(G(z, c)) - c| + KL. EMA copies of G and E are what gets evaluated and exported.
Checkpoints (../common checkpoint layout, model = {G, E, D}, ema = {G, E}) every --ckpt-minutes; stops at
--minutes of training or at --until (unix time), whichever comes first; --out is resumed if it has one.
"""
import argparse
import copy
import os
import time

import torch
import torch.nn.functional as F

from common import JsonlLog, load_latest, make_checkpoint, normal_kl, restore, save_checkpoint
from texture.losses import color_stats, multiscale_swd

from .data import Sampler, load_data
from .model import CONFIGS, Nets, count_params, init_from_shipped

HERE = os.path.dirname(os.path.abspath(__file__))


def r1_penalty(D, x, c):
    x = x.detach().requires_grad_(True)
    out = sum(o.mean((1, 2, 3)).sum() for o in D(x, c))  # per image: the mean patch logit of each critic
    (g,) = torch.autograd.grad(out, x, create_graph=True)
    return g.pow(2).flatten(1).sum(1).mean()


@torch.no_grad()
def ema_update(ema, net, decay):
    for pe, p in zip(ema.parameters(), net.parameters()):
        pe.lerp_(p, 1 - decay)
    for be, b in zip(ema.buffers(), net.buffers()):
        be.copy_(b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="small", choices=sorted(CONFIGS))
    ap.add_argument("--out", default=os.path.join(HERE, ".cache", "run"))
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=64)
    ap.add_argument("--lr-g", type=float, default=3e-4)
    ap.add_argument("--lr-d", type=float, default=4e-4)
    ap.add_argument("--swd", type=float, default=10.0, help="weight of the sliced-Wasserstein auxiliary")
    ap.add_argument("--color", type=float, default=5.0)
    ap.add_argument("--rec", type=float, default=1.0, help="code reconstruction weight")
    ap.add_argument("--kl", type=float, default=0.01)
    ap.add_argument("--r1", type=float, default=1.0)
    ap.add_argument("--r1-every", type=int, default=8)
    ap.add_argument("--ema", type=float, default=0.99)
    ap.add_argument("--steps", type=int, default=10 ** 9)
    ap.add_argument("--minutes", type=float, default=60.0)
    ap.add_argument("--until", type=float, default=0.0, help="unix time to stop at (0: none)")
    ap.add_argument("--ckpt-minutes", type=float, default=4.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--spectral", action="store_true", help="spectral norm in the critics (besides R1)")
    ap.add_argument("--init-shipped", action="store_true", help="start G from models/texture/texture.onnx's weights")
    ap.add_argument("--log-every", type=int, default=20)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dev = torch.device(args.device)

    styles, patterns = load_data()
    cfg = dict(CONFIGS[args.config], spectral=args.spectral)
    net = Nets(cfg).to(dev)
    if args.init_shipped:
        from texture.test_export import ONNX_PATH, torch_from_onnx
        print("initialised", init_from_shipped(net.G, torch_from_onnx(ONNX_PATH)), "tensors from", ONNX_PATH)
    ema = torch.nn.ModuleDict({"G": copy.deepcopy(net.G), "E": copy.deepcopy(net.E)}).eval()
    opt_g = torch.optim.Adam(list(net.G.parameters()) + list(net.E.parameters()), lr=args.lr_g, betas=(0.0, 0.99))
    opt_d = torch.optim.Adam(net.D.parameters(), lr=args.lr_d, betas=(0.0, 0.99))
    sampler = Sampler(styles, patterns, seed=args.seed)
    gen = torch.Generator().manual_seed(args.seed + 1)

    class Opts(torch.nn.Module):  # one state_dict for both optimizers
        def state_dict(self):
            return {"g": opt_g.state_dict(), "d": opt_d.state_dict()}

        def load_state_dict(self, sd):
            opt_g.load_state_dict(sd["g"])
            opt_d.load_state_dict(sd["d"])

    opts = Opts()
    os.makedirs(args.out, exist_ok=True)
    ck = load_latest(args.out) if os.path.exists(os.path.join(args.out, "last.pt")) else None
    step = restore(ck, net, opts, None, ema, rng=True, generators={"batches": sampler.rng, "noise": gen}) if ck else 0
    prior_seconds = ck["train_seconds"] if ck else 0.0
    log = JsonlLog(os.path.join(args.out, "log.jsonl"), echo=True)
    print(f"styles {len(styles)} patterns {len(patterns)} params G {count_params(net.G)} E {count_params(net.E)} "
          f"D {count_params(net.D)}; start step {step}", flush=True)

    def checkpoint(t):
        save_checkpoint(args.out, make_checkpoint(
            net, step, optimizer=opts, ema=ema, config=cfg, train_seconds=t, args=vars(args),
            generators={"batches": sampler.rng, "noise": gen}) | {
            "styles": [{k: s[k] for k in ("id", "name", "aug", "patterns")} for s in styles],
            "patterns": [{k: p[k] for k in ("file", "path", "name", "style")} for p in patterns]})

    t0, last_ck = time.time(), time.time()
    r1 = torch.zeros(())
    lat = args.crop // 8
    while step < args.steps:
        elapsed = prior_seconds + time.time() - t0
        if elapsed > args.minutes * 60 or (args.until and time.time() > args.until):
            break
        x, ref, _, _ = sampler.batch(args.batch, args.crop)
        x, ref = x.to(dev), ref.to(dev)
        n = x.shape[0]
        # ---- D step
        with torch.no_grad():
            mu, logvar = net.E(ref)
            c = mu + torch.randn(mu.shape, generator=gen).to(dev) * (0.5 * logvar).exp()
            z = torch.randn(n, cfg["z"], lat, lat, generator=gen).to(dev)
            fake = net.G(z, c)
        d_real, d_fake = net.D(x, c), net.D(fake, c)
        loss_d = sum(F.relu(1 - r).mean() + F.relu(1 + f).mean() for r, f in zip(d_real, d_fake))
        if args.r1 and step % args.r1_every == 0:
            r1 = r1_penalty(net.D, x, c)
            loss_d = loss_d + 0.5 * args.r1 * args.r1_every * r1
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        # ---- G + E step
        mu, logvar = net.E(ref)
        c = mu + torch.randn(mu.shape, generator=gen).to(dev) * (0.5 * logvar).exp()
        z = torch.randn(n, cfg["z"], lat, lat, generator=gen).to(dev)
        fake = net.G(z, c)
        adv = -sum(o.mean() for o in net.D(fake, c))
        swd = multiscale_swd(fake, x, nproj=32)
        col = color_stats(fake, x)
        mu_f, _ = net.E(fake)
        rec = (mu_f - c.detach()).abs().mean()
        kl = normal_kl(mu, logvar).mean()
        loss_g = adv + args.swd * swd + args.color * col + args.rec * rec + args.kl * kl
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        ema_update(ema["G"], net.G, args.ema if step > 100 else 0.0)
        ema_update(ema["E"], net.E, args.ema if step > 100 else 0.0)
        step += 1
        if step % args.log_every == 0:
            log.log(step, d=round(float(loss_d), 4), r1=round(float(r1), 4), adv=round(float(adv), 4),
                    swd=round(float(swd), 5), col=round(float(col), 5), rec=round(float(rec), 4),
                    kl=round(float(kl), 3), sec=round(prior_seconds + time.time() - t0, 1))
        if time.time() - last_ck > args.ckpt_minutes * 60:
            checkpoint(prior_seconds + time.time() - t0)
            last_ck = time.time()
    checkpoint(prior_seconds + time.time() - t0)
    print(f"done: step {step}, {(prior_seconds + time.time() - t0) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
