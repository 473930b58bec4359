"""Train the style-conditioned seamless texture generator.

  /usr/bin/python3 train.py --config small --steps 4000 --device cpu --out runs/small
  python train.py --config large --steps 20000 --batch 32 --crop 128 --device cuda --out runs/large

Objective (feed-forward "texture network", Ulyanov et al. 2016, but with a
multi-scale patch sliced-Wasserstein loss instead of VGG Gram matrices, so no
pretrained weights are needed): for a batch of (style k, noise) pairs the
generator output must match the kxk patch distribution at scales 1, 1/2, 1/4
(and 1/8 for crops >= 96) of a random crop of pattern k, plus colour mean/std;
a mode-seeking diversity term keeps different noise -> visibly different output, and a
grid-artefact term removes statistics locked to the 2/4/8 px upsampling grid.
"""
import argparse
import json
import os
import time

import numpy as np
import torch

from dataset import DEFAULT_PATTERN_DIR, load_styles, random_crop_wrapped
from losses import color_stats, diversity, grid_artifact, multiscale_swd
from model import CONFIGS, STRIDE, build, count_params


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", choices=list(CONFIGS), default="small")
    ap.add_argument("--steps", type=int, default=4000, help="total optimisation steps (incl. resumed ones)")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--batch", type=int, default=16, help="even; organised as batch/2 styles x 2 noises")
    ap.add_argument("--crop", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--nproj", type=int, default=64)
    ap.add_argument("--patch", type=int, default=7)
    ap.add_argument("--w-color", type=float, default=1.0)
    ap.add_argument("--w-div", type=float, default=0.02)
    ap.add_argument("--w-grid", type=float, default=0.01, help="upsampling-grid artefact penalty")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--data", default=DEFAULT_PATTERN_DIR, help="directory with GIMP .pat files")
    ap.add_argument("--out", default="runs/small")
    ap.add_argument("--resume", default="", help="checkpoint to continue from")
    ap.add_argument("--init-from", default="", help="warm start from a checkpoint of an older architecture "
                    "(same-shape tensors copied, grown conv inputs zero-padded, fresh optimiser, step counter kept)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save-every", type=int, default=250)
    args = ap.parse_args()
    assert args.batch % 2 == 0 and args.crop % STRIDE == 0

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out, exist_ok=True)
    styles = load_styles(args.data)
    K = len(styles)
    imgs = [s["image"] for s in styles]
    dev = torch.device(args.device)

    G = build(args.config, K).to(dev)
    opt = torch.optim.Adam(G.parameters(), lr=args.lr, betas=(0.9, 0.99))
    start, elapsed = 0, 0.0
    if args.resume:
        ck = torch.load(args.resume, map_location="cpu")
        G.load_state_dict(ck["model"])
        if ck.get("config") == args.config and "opt" in ck:
            opt.load_state_dict(ck["opt"])
        start, elapsed = ck.get("step", 0), ck.get("train_seconds", 0.0)
    if args.init_from:
        ck = torch.load(args.init_from, map_location="cpu")
        sd = G.state_dict()
        for k, v in ck["model"].items():
            if k in sd and sd[k].shape == v.shape:
                sd[k] = v
            elif k in sd and v.dim() == 4 and sd[k].shape[0] == v.shape[0] and sd[k].shape[1] > v.shape[1]:
                sd[k] = torch.zeros_like(sd[k])
                sd[k][:, : v.shape[1]] = v
                print("grew", k, tuple(v.shape), "->", tuple(sd[k].shape))
        G.load_state_dict(sd)
        start, elapsed = ck.get("step", 0), ck.get("train_seconds", 0.0)
    print(f"config={args.config} params={count_params(G)} K={K} start={start}", flush=True)

    scales = (1, 2, 4, 8) if args.crop >= 96 else (1, 2, 4)
    z = G.z
    lat = args.crop // STRIDE
    log = open(os.path.join(args.out, "log.jsonl"), "a")
    eye = torch.eye(K)
    t_last = time.time()
    for step in range(start, args.steps):
        # cosine LR decay over the full run
        lr = args.lr * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * step / max(1, args.steps))))
        for g in opt.param_groups:
            g["lr"] = lr
        ks = rng.integers(0, K, args.batch // 2).repeat(2)          # pairs share a style
        real = torch.from_numpy(np.stack([random_crop_wrapped(imgs[k], args.crop, rng) for k in ks])).to(dev)
        style = eye[ks].to(dev)
        noise = torch.randn(args.batch, z, lat, lat, device=dev)
        fake = G(noise, style)
        l_swd = multiscale_swd(fake, real, scales=scales, k=args.patch, nproj=args.nproj)
        l_col = color_stats(fake, real)
        l_div = diversity(fake[0::2], fake[1::2], noise[0::2], noise[1::2])
        l_grid = grid_artifact(fake)
        loss = l_swd + args.w_color * l_col - args.w_div * l_div + args.w_grid * l_grid
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(G.parameters(), 5.0)
        opt.step()
        now = time.time()
        elapsed += now - t_last
        t_last = now
        if step % 25 == 0 or step == args.steps - 1:
            rec = dict(step=step, loss=loss.item(), swd=l_swd.item(), color=l_col.item(), div=l_div.item(), grid=l_grid.item(),
                       lr=lr, sec=round(elapsed, 1))
            print(json.dumps(rec), flush=True)
            log.write(json.dumps(rec) + "\n")
            log.flush()
        if (step + 1) % args.save_every == 0 or step == args.steps - 1:
            ck = dict(model=G.state_dict(), opt=opt.state_dict(), step=step + 1, config=args.config,
                      num_styles=K, styles=[dict(id=s["id"], name=s["name"], file=s["file"]) for s in styles],
                      train_seconds=elapsed, device=str(dev), args=vars(args))
            torch.save(ck, os.path.join(args.out, "last.pt.tmp"))
            os.replace(os.path.join(args.out, "last.pt.tmp"), os.path.join(args.out, "last.pt"))


if __name__ == "__main__":
    main()
