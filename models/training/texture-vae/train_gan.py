"""VAE-GAN: a sharper decoder for the bundled Texture VAE (Larsen et al. 2016, "Autoencoding beyond pixels").

  cd models/training
  nohup nice -n 10 /usr/bin/python3 -m texture-vae.train_gan --minutes 35 --threads 2 \
      --out texture-vae/runs/gan > texture-vae/runs/gan.out 2>&1 &
  /usr/bin/python3 -m texture-vae.evaluate --ckpt texture-vae/runs/gan/last.pt      # then export.py, as for train.py

The encoder is the bundled one, frozen (its posterior, the latent PCA and every point users saved in the Latent
Explorer keep their meaning); only the decoder trains, starting from the bundled decoder (--init: the ONNX files,
or a checkpoint). Per step, on a batch of training crops x:
  D: hinge loss of a patch critic (PatchGAN at 64 px; R1 alone, as StyleGAN2: with spectral norm as well the
     critic stayed at chance and the decoder did not change in 200 steps) on x vs decode(z) for the
     posterior sample z of x and for z ~ N(0, I) (prior samples must look real too), lazy R1 on x.
  decoder: the VAE's own reconstruction term (Gaussian NLL with sigma, as train.py, per pixel) + --w-fm x feature
     matching |D_l(x) - D_l(decode(z))| over the critic's layers (the VAE-GAN's learned similarity) + --w-adv x
     the hinge generator loss on both kinds of decodes + --w-grid x a penalty on statistics locked to the
     transposed convs' 2/4/8 px grid (../texture/losses.py; at --lr 2e-4, --w-adv 1, --w-fm 2 and no such term the
     decodes turned into a coloured checkerboard within 200 steps).
Checkpoints are train.py's (the whole VAE, config and args incl. sigma), so evaluate.py and export.py take them;
step-N.pt snapshots every --snapshot-every steps, because a longer run is not a better one here:

The weights were found on CPU runs (compare.py figures on the held-out images): with --w-adv 0.2 the decodes were
cleanly sharper after 225 steps (reconstruction gradient energy 0.18 -> 0.24 of the real images', prior samples
0.40 -> 0.48, patch SWD lower for both), but by step 680 the decoder painted one zig-zag texture into every dark
reconstruction and speckled the prior samples green and magenta. The defaults (--w-adv 0.05) keep the critic's
pull gentle.
"""
import argparse
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from common import JsonlLog, Optimizers, load_latest, make_checkpoint, restore, save_checkpoint

from texture.losses import grid_artifact

from .data import Sampler, load_patterns, split
from .export import load_vae
from .train import NPIX, gauss_nll_per_image

HERE = os.path.dirname(os.path.abspath(__file__))


class PatchCritic(nn.Module):
    """64 px image -> [N, 1, 7, 7] patch logits and the list of hidden feature maps (for feature matching)."""

    def __init__(self, ch=(48, 96, 192), spectral=False):
        super().__init__()
        sn = nn.utils.spectral_norm if spectral else (lambda m: m)
        layers, cin = [], 3
        for c in ch:
            layers.append(sn(nn.Conv2d(cin, c, 4, 2, 1)))
            cin = c
        self.body = nn.ModuleList(layers)
        self.out = sn(nn.Conv2d(cin, 1, 2, 1, 0))

    def forward(self, x):
        h, feats = x * 2 - 1, []
        for conv in self.body:
            h = F.leaky_relu(conv(h), 0.2)
            feats.append(h)
        return self.out(h), feats


def r1_penalty(D, x):
    x = x.detach().requires_grad_(True)
    # per image the mean patch logit: summed over the 49 patches, the penalty kept the critic at chance
    (g,) = torch.autograd.grad(D(x)[0].mean((1, 2, 3)).sum(), x, create_graph=True)
    return g.pow(2).flatten(1).sum(1).mean()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--init", default="", help="checkpoint to start from (default: the bundled ONNX files)")
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "gan"))
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5, help="decoder learning rate")
    ap.add_argument("--lr-d", type=float, default=4e-4)
    ap.add_argument("--sigma", type=float, default=0.1, help="the Gaussian likelihood's std (as the bundled run)")
    ap.add_argument("--w-fm", type=float, default=1.0)
    ap.add_argument("--w-adv", type=float, default=0.05)
    ap.add_argument("--w-grid", type=float, default=5.0, help="penalty on statistics locked to the 2/4/8 px "
                    "upsampling grid (the transposed convs' checkerboard)")
    ap.add_argument("--r1", type=float, default=1.0)
    ap.add_argument("--spectral", action="store_true", help="spectral norm in the critic (besides R1)")
    ap.add_argument("--r1-every", type=int, default=8)
    ap.add_argument("--p-zoom", type=float, default=0.5)
    ap.add_argument("--minutes", type=float, default=35.0)
    ap.add_argument("--save-every", type=int, default=50)
    ap.add_argument("--snapshot-every", type=int, default=100, help="also keep step-N.pt every N steps")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    if args.init:
        vae, ck0 = load_vae(args.init)
        config = ck0["config"]
    else:
        from .test_export import vae_from_onnx
        vae = vae_from_onnx()
        config = vae.config  # the config whose shapes the ONNX weights fit
    for p in vae.encoder.parameters():
        p.requires_grad_(False)
    D = PatchCritic(spectral=args.spectral)
    opt_g = torch.optim.Adam(vae.decoder.parameters(), lr=args.lr, betas=(0.5, 0.99))
    opt_d = torch.optim.Adam(D.parameters(), lr=args.lr_d, betas=(0.5, 0.99))
    train_pats, _ = split(load_patterns())
    sampler = Sampler(train_pats, seed=args.seed, p_zoom=args.p_zoom)
    gen = torch.Generator().manual_seed(args.seed + 1)

    nets = nn.ModuleDict({"vae": vae, "D": D})
    opts = Optimizers(g=opt_g, d=opt_d)  # one state_dict for both

    os.makedirs(args.out, exist_ok=True)
    ck = load_latest(args.out)
    step = 0
    if ck is not None:
        vae.load_state_dict(ck["model"])
        D.load_state_dict(ck["critic"])
        step = restore(ck, None, opts, rng=True, generators={"sampler": sampler.rng, "noise": gen})
    elapsed = ck["train_seconds"] if ck else 0.0
    log = JsonlLog(os.path.join(args.out, "log.jsonl"), echo=True)
    print(f"VAE-GAN from {args.init or 'the bundled ONNX'} (config {config}); start step {step}", flush=True)

    def save(snapshot=False):
        save_checkpoint(args.out, snapshot=snapshot, ck=make_checkpoint(
            vae, step, optimizer=opts, config=config, train_seconds=elapsed, args=vars(args), device="cpu",
            generators={"sampler": sampler.rng, "noise": gen}) | {"critic": D.state_dict()})

    vae.encoder.eval()
    t_last = time.time()
    while elapsed < args.minutes * 60:
        x = torch.from_numpy(sampler.batch(args.batch))
        with torch.no_grad():
            mean, logvar = vae.encoder(x)
            z_post = mean + torch.randn(mean.shape, generator=gen) * torch.exp(0.5 * logvar.clamp(-12, 8))
            z_prior = torch.randn(mean.shape, generator=gen)
        # ---- critic
        with torch.no_grad():
            fake = torch.cat([vae.decoder(z_post), vae.decoder(z_prior)])
        loss_d = F.relu(1 - D(x)[0]).mean() + F.relu(1 + D(fake)[0]).mean()
        r1 = torch.zeros(())
        if args.r1 and step % args.r1_every == 0:
            r1 = r1_penalty(D, x)
            loss_d = loss_d + 0.5 * args.r1 * args.r1_every * r1
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        # ---- decoder
        rec, smp = vae.decoder(z_post), vae.decoder(z_prior)
        nll = gauss_nll_per_image(x, rec, args.sigma).mean() / NPIX
        logit_f, feat_f = D(torch.cat([rec, smp]))
        with torch.no_grad():
            _, feat_r = D(x)
        fm = sum((a[: len(x)] - b).abs().mean() for a, b in zip(feat_f, feat_r))
        adv = -logit_f.mean()
        grid = grid_artifact(torch.cat([rec, smp]))
        loss = nll + args.w_fm * fm + args.w_adv * adv + args.w_grid * grid
        opt_g.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(vae.decoder.parameters(), 5.0)
        opt_g.step()
        step += 1
        now = time.time()
        elapsed += now - t_last
        t_last = now
        if step % 25 == 0:
            log.log(step, d=round(float(loss_d), 4), r1=round(float(r1), 4), nll=round(float(nll), 4),
                    fm=round(float(fm), 4), adv=round(float(adv), 4), grid=round(float(grid), 4),
                    mse=round(float(((x - rec) ** 2).mean()), 5), sec=round(elapsed, 1))
        if step % args.save_every == 0:
            save(snapshot=step % args.snapshot_every == 0)
    save()
    print(f"done: step {step}, {elapsed / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
