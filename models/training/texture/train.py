"""Train the style-conditioned seamless texture generator.

  cd models/training
  /usr/bin/python3 -m texture.train --config small --steps 4000 --device cpu --out texture/runs/small
  python3 -m texture.train --config large --steps 20000 --batch 32 --crop 128 --device cuda --out texture/runs/large

Objective (feed-forward "texture network", Ulyanov et al. 2016, but with a
multi-scale patch sliced-Wasserstein loss instead of VGG Gram matrices, so no
pretrained weights are needed): for a batch of (style k, noise) pairs the
generator output must match the kxk patch distribution at scales 1, 1/2, 1/4
(and 1/8 for crops >= 96) of a random crop of pattern k, plus colour mean/std;
a mode-seeking diversity term keeps different noise -> visibly different output, and a
grid-artefact term removes statistics locked to the 2/4/8 px upsampling grid.
LR: cosine from --lr to 0.1 * --lr over --steps (common.cosine_with_warmup, no warm-up). Checkpoints: <out>/last.pt
(common checkpoint layout, atomic) every --save-every steps; log: <out>/log.jsonl. --resume takes a checkpoint file
or a run directory; it continues the step count and the optimiser, and re-seeds the batches from --seed (as the
shipped model's stages did).
"""
import argparse
import os
import time

import numpy as np
import torch

from common import JsonlLog, cosine_with_warmup, load_file, load_resume, make_checkpoint, save_checkpoint, set_lr

from .dataset import DEFAULT_PATTERN_DIR, load_styles, random_crop_wrapped
from .losses import color_stats, diversity, grid_artifact, multiscale_swd
from .model import CONFIGS, STRIDE, build, count_params

HERE = os.path.dirname(os.path.abspath(__file__))


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
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "small"))
    ap.add_argument("--resume", default="", help="checkpoint (or run directory: its latest) to continue from")
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
        ck = load_resume(args.resume)
        G.load_state_dict(ck["model"])
        if ck.get("config") == args.config and ck.get("opt") is not None:
            opt.load_state_dict(ck["opt"])
        start, elapsed = ck.get("step", 0), ck.get("train_seconds", 0.0)
    if args.init_from:
        ck = load_file(args.init_from)
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
    log = JsonlLog(os.path.join(args.out, "log.jsonl"), echo=True)
    eye = torch.eye(K)
    t_last = time.time()
    for step in range(start, args.steps):
        lr = set_lr(opt, cosine_with_warmup(step, args.steps, 0, args.lr, 0.1 * args.lr))  # cosine over the full run
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
            log.log(step, loss=loss.item(), swd=l_swd.item(), color=l_col.item(), div=l_div.item(), grid=l_grid.item(),
                    lr=lr, sec=round(elapsed, 1))
        if (step + 1) % args.save_every == 0 or step == args.steps - 1:
            save_checkpoint(args.out, make_checkpoint(
                G, step + 1, optimizer=opt, config=args.config, train_seconds=elapsed, args=vars(args), device=dev,
                generators={"batches": rng}, num_styles=K,
                styles=[dict(id=s["id"], name=s["name"], file=s["file"]) for s in styles]))


if __name__ == "__main__":
    main()
