"""Adversarial training of the periodic spatial texture GAN (model.py) on every pattern (data.py).

  cd models/training
  nohup nice -n 15 /usr/bin/python3 -m texture_gan.train --init-shipped --threads 2 --minutes 60 \
      --out texture_gan/.cache/run > texture_gan/.cache/train.log 2>&1 &

Per step: the style code of each target crop is sampled from E(another crop of the same pattern)
(reparameterised, small KL to N(0, I) so the space is smooth); D step: hinge loss on two-scale patch critics
conditioned on the code, lazy R1 on reals (spectral norm optional); G+E step: hinge adversarial loss + the
shipped generator's multi-scale patch sliced-Wasserstein and colour terms against the target crop (auxiliary) + code
reconstruction |E(G(z, c)) - c| + KL. EMA copies of G and E are what gets evaluated and exported.

--config pattern (the second design; not shipped, see results/pattern): no encoder; a learned table of one 64-D code per pattern, started from the shipped
generator (--init-shipped: its 24 styles' codes are its source patterns' rows, every other pattern starts at the
shipped style whose source pattern has the closest colour statistics, so step 0 is the shipped model). The critics
also learn an unconditional head (the code zeroed for --uncond of the rows), and --blend of each G batch are
random blends of two patterns' codes judged by that head alone, so blends are trained to look like real textures.

Checkpoints (../common checkpoint layout, model = {G, E, D}, ema = {G, E}) every --ckpt-minutes; stops at
--minutes of training or at --until (unix time), whichever comes first; --out is resumed if it has one.
"""
import argparse
import copy
import os
import time

import torch
import torch.nn.functional as F

from common import JsonlLog, Optimizers, load_latest, make_checkpoint, normal_kl, restore, save_checkpoint
from texture.losses import color_stats, multiscale_swd

from .data import Sampler, load_data
from .model import CONFIGS, Nets, count_params, init_from_shipped, shipped_codes

HERE = os.path.dirname(os.path.abspath(__file__))


def r1_penalty(D, x, c):
    x = x.detach().requires_grad_(True)
    out = sum(o.mean((1, 2, 3)).sum() for o in D(x, c))  # per image: the mean patch logit of each critic
    (g,) = torch.autograd.grad(out, x, create_graph=True)
    return g.pow(2).flatten(1).sum(1).mean()


def critic_step(D, opt_d, x, c_real, fake, c_fake, args, step):
    """One hinge-loss step of the critics on reals x (code c_real) vs fakes (code c_fake), with the lazy R1
    penalty every --r1-every steps -> (loss, r1; r1 is 0 on the other steps)."""
    loss = sum(F.relu(1 - r).mean() + F.relu(1 + f).mean() for r, f in zip(D(x, c_real), D(fake, c_fake)))
    r1 = torch.zeros(())
    if args.r1 and step % args.r1_every == 0:
        r1 = r1_penalty(D, x, c_real)
        loss = loss + 0.5 * args.r1 * args.r1_every * r1
    opt_d.zero_grad(set_to_none=True)
    loss.backward()
    opt_d.step()
    return loss.detach(), r1.detach()


@torch.no_grad()
def ema_update(ema, net, decay):
    for pe, p in zip(ema.parameters(), net.parameters()):
        pe.lerp_(p, 1 - decay)
    for be, b in zip(ema.buffers(), net.buffers()):
        be.copy_(b)


def table_start(shipped, patterns, spread=1.0, seed=0):
    """Starting rows of the code table -> (rows, is_source): a bundled style's source pattern gets that style's
    shipped code; any other pattern the code of the bundled style whose source pattern's colour mean and std are
    closest to its own, moved by Gaussian noise of `spread` x the shipped codes' per-dimension std, so no two
    patterns start at one point (a shared starting code made the generator average their targets)."""
    import json
    import numpy as np
    with open(os.path.join(HERE, "..", "texture", "styles.json")) as f:
        source = {s["file"]: k for k, s in enumerate(json.load(f))}
    stats = np.array([np.concatenate([p["image"].mean((0, 1)), p["image"].std((0, 1))]) for p in patterns])
    src = [i for i, p in enumerate(patterns) if p["file"] in source]
    g = torch.Generator().manual_seed(seed)
    std = shipped.std(0)
    rows, is_source = [], []
    for i, p in enumerate(patterns):
        if p["file"] in source:
            rows.append(shipped[source[p["file"]]])
        else:
            j = min(src, key=lambda s: float(((stats[s] - stats[i]) ** 2).sum()))
            rows.append(shipped[source[patterns[j]["file"]]] + spread * std * torch.randn(std.shape, generator=g))
        is_source.append(p["file"] in source)
    return torch.stack(rows), torch.tensor(is_source)


def encoder_step(net, cfg, x, ref, gen, args, step, opt_d, opt_g, dev):
    """One D step and one G+E step of the encoder configs (codes sampled from E(ref), another crop of the same
    pattern) -> (loss_d, r1, loss_g, logged parts)."""
    n, lat = x.shape[0], x.shape[-1] // 8
    with torch.no_grad():
        mu, logvar = net.E(ref)
        c = mu + torch.randn(mu.shape, generator=gen).to(dev) * (0.5 * logvar).exp()
        z = torch.randn(n, cfg["z"], lat, lat, generator=gen).to(dev)
        fake = net.G(z, c)
    loss_d, r1 = critic_step(net.D, opt_d, x, c, fake, c, args, step)
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
    loss_g = args.adv * adv + args.swd * swd + args.color * col + args.rec * rec + args.kl * kl
    opt_g.zero_grad(set_to_none=True)
    loss_g.backward()
    opt_g.step()
    return loss_d, r1, loss_g.detach(), dict(adv=adv, swd=swd, col=col, rec=rec, kl=kl)


def table_step(net, cfg, x, pi, gen, args, step, opt_d, opt_g, dev):
    """One D step and one G step of the pattern config -> (loss_d, r1, loss_g, logged parts)."""
    n, lat = x.shape[0], x.shape[-1] // 8
    nb = int(round(args.blend * n))
    zero_d = (torch.rand(n, generator=gen) < args.uncond).to(dev)[:, None]

    def codes():
        c = net.C(pi)
        if nb:  # the last nb rows: a random blend of their pattern and another one
            other = net.C(torch.randint(0, net.C.num_embeddings, (nb,), generator=gen).to(dev))
            a = torch.rand(nb, 1, generator=gen).to(dev)
            c = torch.cat([c[:n - nb], a * c[n - nb:] + (1 - a) * other])
        return c

    def cond(c):  # what the critics see: no code for blends (unconditional head)
        keep = torch.ones(n, 1, device=dev)
        if nb:
            keep[n - nb:] = 0
        return c * keep

    with torch.no_grad():
        c = codes()
        fake = net.G(torch.randn(n, cfg["z"], lat, lat, generator=gen).to(dev), c)
    loss_d, r1 = critic_step(net.D, opt_d, x, net.C(pi).detach() * (~zero_d), fake, cond(c) * (~zero_d), args, step)

    c = codes()
    fake = net.G(torch.randn(n, cfg["z"], lat, lat, generator=gen).to(dev), c)
    adv = -sum(o.mean() for o in net.D(fake, cond(c)))
    m = n - nb  # the pure rows match their pattern's crop
    swd = multiscale_swd(fake[:m], x[:m], nproj=32)
    col = color_stats(fake[:m], x[:m])
    loss_g = args.adv * min(1.0, (step + 1) / max(1, args.adv_ramp)) * adv + args.swd * swd + args.color * col
    opt_g.zero_grad(set_to_none=True)
    loss_g.backward()
    opt_g.step()
    return loss_d, r1, loss_g.detach(), dict(adv=adv, swd=swd, col=col)


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
    ap.add_argument("--adv", type=float, default=1.0, help="weight of G's adversarial loss")
    ap.add_argument("--lr-codes", type=float, default=1e-3, help="pattern config: the code table's learning rate")
    ap.add_argument("--code-spread", type=float, default=1.0, help="pattern config: new patterns' start offset")
    ap.add_argument("--freeze-shipped-codes", action="store_true", help="pattern config: source rows stay put")
    ap.add_argument("--adv-ramp", type=int, default=0, help="steps over which G's adversarial weight ramps up")
    ap.add_argument("--blend", type=float, default=0.25, help="pattern config: share of G rows that are blends")
    ap.add_argument("--uncond", type=float, default=0.25, help="pattern config: share of D rows with no code")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dev = torch.device(args.device)

    styles, patterns = load_data()
    cfg = dict(CONFIGS[args.config], spectral=args.spectral)
    net = Nets(cfg).to(dev)
    table = bool(cfg.get("table"))
    if table:
        del net.E
        net.C = torch.nn.Embedding(len(patterns), cfg["code"]).to(dev)
    if args.init_shipped:
        from texture.test_export import ONNX_PATH, torch_from_onnx
        old = torch_from_onnx(ONNX_PATH)
        print("initialised", init_from_shipped(net.G, old), "tensors from", ONNX_PATH)
        if table:
            rows, is_source = table_start(shipped_codes(old), patterns, args.code_spread, args.seed)
            with torch.no_grad():
                net.C.weight.copy_(rows)
            if args.freeze_shipped_codes:  # the bundled styles keep their points of the space
                keep = (~is_source).float()[:, None].to(dev)
                net.C.weight.register_hook(lambda grad: grad * keep)
    enc = "C" if table else "E"
    ema = torch.nn.ModuleDict({"G": copy.deepcopy(net.G), enc: copy.deepcopy(getattr(net, enc))}).eval()
    opt_g = torch.optim.Adam([{"params": list(net.G.parameters())},
                              {"params": list(getattr(net, enc).parameters()),
                               "lr": args.lr_codes if table else args.lr_g}], lr=args.lr_g, betas=(0.0, 0.99))
    opt_d = torch.optim.Adam(net.D.parameters(), lr=args.lr_d, betas=(0.0, 0.99))
    sampler = Sampler(styles, patterns, seed=args.seed)
    gen = torch.Generator().manual_seed(args.seed + 1)

    opts = Optimizers(g=opt_g, d=opt_d)  # one state_dict for both
    os.makedirs(args.out, exist_ok=True)
    ck = load_latest(args.out) if os.path.exists(os.path.join(args.out, "last.pt")) else None
    step = restore(ck, net, opts, None, ema, rng=True, generators={"batches": sampler.rng, "noise": gen}) if ck else 0
    prior_seconds = ck["train_seconds"] if ck else 0.0
    log = JsonlLog(os.path.join(args.out, "log.jsonl"), echo=True)
    print(f"styles {len(styles)} patterns {len(patterns)} params G {count_params(net.G)} "
          f"{enc} {count_params(getattr(net, enc))} "
          f"D {count_params(net.D)}; start step {step}", flush=True)

    def checkpoint(t):
        save_checkpoint(args.out, make_checkpoint(
            net, step, optimizer=opts, ema=ema, config=cfg, train_seconds=t, args=vars(args),
            generators={"batches": sampler.rng, "noise": gen}) | {
            "styles": [{k: s[k] for k in ("id", "name", "aug", "patterns")} for s in styles],
            "patterns": [{k: p[k] for k in ("file", "path", "name", "style")} for p in patterns]})

    t0, last_ck = time.time(), time.time()
    while step < args.steps:
        elapsed = prior_seconds + time.time() - t0
        if elapsed > args.minutes * 60 or (args.until and time.time() > args.until):
            break
        x, ref, _, pi = sampler.batch(args.batch, args.crop)
        x, ref = x.to(dev), ref.to(dev)
        step_fn = table_step if table else encoder_step
        loss_d, r1, loss_g, parts = step_fn(net, cfg, x, pi.to(dev) if table else ref, gen, args, step, opt_d, opt_g, dev)
        ema_update(ema["G"], net.G, args.ema if step > 100 else 0.0)
        ema_update(ema[enc], getattr(net, enc), args.ema if step > 100 else 0.0)
        step += 1
        if step % args.log_every == 0:
            log.log(step, d=round(float(loss_d), 4), r1=round(float(r1), 4),
                    **{k: round(float(v), 5) for k, v in parts.items()}, sec=round(prior_seconds + time.time() - t0, 1))
        if time.time() - last_ck > args.ckpt_minutes * 60:
            checkpoint(prior_seconds + time.time() - t0)
            last_ck = time.time()
    checkpoint(prior_seconds + time.time() - t0)
    print(f"done: step {step}, {(prior_seconds + time.time() - t0) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
