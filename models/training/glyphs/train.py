"""Train the conditional glyph VAE on CPU.

  cd models/training
  nice -n 10 /usr/bin/python3 -m glyphs.train --steps 12000 --out glyphs/runs/small            # fresh run
  nice -n 10 /usr/bin/python3 -m glyphs.train --steps 20000 --resume glyphs/runs/small --out glyphs/runs/small

Each training example is one font f and two different chars a, b of it:
  z ~ q(z | x[f,a], a);   loss = BCE(dec(z, a), x[f,a]) + beta * KL(q || N(0, I))
                                + cross * BCE(dec(z, b), x[f,b])
The first two terms are the usual (negative) ELBO; the cross-reconstruction term asks the latent of ONE
glyph to predict the SAME font's other glyphs, i.e. z must hold the style and not the letter, so that one z
decoded with every char gives one consistent typeface. beta warms up linearly from 0 to --beta.
BCE is summed over the 64x64 pixels (targets are anti-aliased grey levels in [0, 1]); KL is common.normal_kl.
LR: cosine from --lr to 0.1 * --lr over --steps (common.cosine_with_warmup; --warmup is the KL warm-up, not the LR's).
Checkpoints: <out>/last.pt (common checkpoint layout, atomic). --resume takes a checkpoint file or a run directory;
it continues the step count and the optimiser, and re-seeds the batches from --seed + step (as the shipped run did).
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import cosine_with_warmup, load_resume, make_checkpoint, normal_kl, save_checkpoint, set_lr

from .dataset import load
from .model import CHARSET, GlyphVAE, count_params, product_of_experts

HERE = os.path.dirname(os.path.abspath(__file__))


def batch_from(images, fonts, rng, n):
    f = rng.choice(fonts, n)
    a = rng.integers(0, len(CHARSET), n)
    b = (a + rng.integers(1, len(CHARSET), n)) % len(CHARSET)
    xa = torch.from_numpy(images[f, a].astype(np.float32) / 255.0).unsqueeze(1)
    xb = torch.from_numpy(images[f, b].astype(np.float32) / 255.0).unsqueeze(1)
    return xa, torch.from_numpy(a.astype(np.int64)), xb, torch.from_numpy(b.astype(np.int64))


def style_batch(images, fonts, rng, n_batch, n_obs, k):
    """One font per row; n_obs observed chars and k other chars of it (all distinct)."""
    f = rng.choice(fonts, n_batch)
    chars = np.stack([rng.choice(len(CHARSET), n_obs + k, replace=False) for _ in range(n_batch)])
    x = torch.from_numpy(images[f[:, None], chars].astype(np.float32) / 255.0).unsqueeze(2)  # [B, n+k, 1, 64, 64]
    return x, torch.from_numpy(chars.astype(np.int64))


def style_loss(model, images, fonts, rng, args, beta):
    """Glyphs -> combined style posterior (product of experts) -> every glyph of the font it was asked for.

    n observed glyphs (1 half of the time, else 2..--poe-max), their posteriors multiplied; the sampled z must redraw
    them (reconstruction) and --cross-k other chars of the same font (cross term, weighted --cross)."""
    n = 1 if rng.random() < 0.5 else int(rng.integers(2, args.poe_max + 1))
    B, k = args.batch, args.cross_k
    x, chars = style_batch(images, fonts, rng, B, n, k)
    obs, obs_c = x[:, :n].reshape(B * n, 1, 64, 64), chars[:, :n].reshape(-1)
    mean, logvar = model.encoder(obs, obs_c)
    mu, lv = product_of_experts(mean.view(B, n, -1), logvar.view(B, n, -1))
    z = mu + torch.randn_like(mu) * (0.5 * lv).exp()
    zz = z.repeat_interleave(n + k, 0)
    logits = model.decoder.logits(zz, chars.reshape(-1))
    bce = F.binary_cross_entropy_with_logits(logits, x.reshape(-1, 1, 64, 64), reduction="none").sum((1, 2, 3))
    bce = bce.view(B, n + k)
    rec, cross = bce[:, :n].mean(), bce[:, n:].mean()
    kl = normal_kl(mu, lv).mean()
    return rec + beta * kl + args.cross * cross, rec, kl, cross


def init_from_onnx(model, folder):
    """Start from the weights of an exported model (its ONNX initializers; the encoder's carry an "enc." prefix)."""
    import onnx
    from onnx import numpy_helper
    for part in ("encoder", "decoder"):
        inits = {i.name.removeprefix("enc."): numpy_helper.to_array(i)
                 for i in onnx.load(os.path.join(folder, f"{part}.onnx")).graph.initializer}
        sd = getattr(model, part).state_dict()
        missing = [k for k in sd if k not in inits or tuple(inits[k].shape) != tuple(sd[k].shape)]
        if missing:
            raise ValueError(f"{folder}/{part}.onnx does not hold {missing[:4]}")
        getattr(model, part).load_state_dict({k: torch.from_numpy(inits[k].copy()) for k in sd})


@torch.no_grad()
def quick_eval(model, images, fonts, n_chars=8, seed=0):
    """Held-out: per-pixel MSE of decode(mean) and -ELBO (nats/image) on a fixed subset."""
    rng = np.random.default_rng(seed)
    chars = rng.choice(len(CHARSET), n_chars, replace=False)
    mse, nelbo, cnt = 0.0, 0.0, 0
    for f in fonts:
        x = torch.from_numpy(images[f, chars].astype(np.float32) / 255.0).unsqueeze(1)
        c = torch.from_numpy(chars.astype(np.int64))
        mean, logvar = model.encoder(x, c)
        mse += float(((model.decoder(mean, c) - x) ** 2).mean(dim=(1, 2, 3)).sum())
        z = mean + torch.randn_like(mean) * (0.5 * logvar).exp()
        rec = F.binary_cross_entropy_with_logits(model.decoder.logits(z, c), x, reduction="none").sum((1, 2, 3))
        nelbo += float((rec + normal_kl(mean, logvar)).sum())
        cnt += len(chars)
    return mse / cnt, nelbo / cnt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="small")
    ap.add_argument("--steps", type=int, default=12000, help="total steps (cosine LR schedule over this)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--beta", type=float, default=1.0)
    ap.add_argument("--warmup", type=int, default=2000, help="KL warm-up steps")
    ap.add_argument("--cross", type=float, default=0.5, help="weight of the cross-char reconstruction")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--style", action="store_true",
                    help="train for style from a few glyphs: product-of-experts posteriors, --cross-k targets")
    ap.add_argument("--cross-k", type=int, default=4, help="--style: other chars decoded from each style")
    ap.add_argument("--poe-max", type=int, default=5, help="--style: most glyphs combined into one style")
    ap.add_argument("--init-onnx", default=None, help="start from an exported model folder (e.g. ../glyphs)")
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "small"))
    ap.add_argument("--resume", default=None, help="checkpoint (or run directory: its latest) to continue from")
    ap.add_argument("--save-every", type=int, default=250)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)

    d = load()
    images, split = d["images"], d["split"]
    train_fonts = np.nonzero(split == 0)[0]
    held_fonts = np.nonzero(split == 1)[0]
    print(f"{len(train_fonts)} train fonts, {len(held_fonts)} held-out fonts", flush=True)

    model = GlyphVAE(args.config)
    if args.init_onnx and not args.resume:
        init_from_onnx(model, args.init_onnx)
        print(f"initialised from {args.init_onnx}", flush=True)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    step, train_seconds, history = 0, 0.0, []
    if args.resume:
        ck = load_resume(args.resume)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step, train_seconds, history = ck["step"], ck.get("train_seconds", 0.0), ck.get("history", [])
        print(f"resumed {args.resume} at step {step}", flush=True)
    print(f"params: encoder {count_params(model.encoder)}, decoder {count_params(model.decoder)}", flush=True)
    rng = np.random.default_rng(args.seed + step)

    def save():
        save_checkpoint(args.out, make_checkpoint(model, step, optimizer=opt, config=args.config,
                                                  train_seconds=train_seconds, args=vars(args), device="cpu",
                                                  generators={"batches": rng}, history=history))

    model.train()
    t_log, agg = time.time(), np.zeros(4)
    n_agg = 0
    while step < args.steps:
        t0 = time.time()
        lr = set_lr(opt, cosine_with_warmup(step, args.steps, 0, args.lr, 0.1 * args.lr))
        beta = args.beta * min(1.0, (step + 1) / max(args.warmup, 1))
        if args.style:
            loss, rec, kl, cross = style_loss(model, images, train_fonts, rng, args, beta)
        else:
            xa, a, xb, b = batch_from(images, train_fonts, rng, args.batch)
            mean, logvar = model.encoder(xa, a)
            z = mean + torch.randn_like(mean) * (0.5 * logvar).exp()
            zz = torch.cat([z, z], 0)
            logits = model.decoder.logits(zz, torch.cat([a, b], 0))
            bce = F.binary_cross_entropy_with_logits(logits, torch.cat([xa, xb], 0), reduction="none").sum((1, 2, 3))
            rec, cross = bce[: args.batch].mean(), bce[args.batch:].mean()
            kl = normal_kl(mean, logvar).mean()
            loss = rec + beta * kl + args.cross * cross
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 200.0)
        opt.step()
        step += 1
        train_seconds += time.time() - t0
        agg += [float(loss), float(rec), float(kl), float(cross)]
        n_agg += 1
        if step % 50 == 0:
            m = agg / n_agg
            print(f"step {step} loss {m[0]:.1f} rec {m[1]:.1f} kl {m[2]:.2f} cross {m[3]:.1f} beta {beta:.2f} "
                  f"lr {lr:.2e} {(time.time() - t_log) / n_agg:.2f}s/step", flush=True)
            history.append({"step": step, "loss": m[0], "rec": m[1], "kl": m[2], "cross": m[3]})
            agg[:] = 0
            n_agg = 0
            t_log = time.time()
        if step % args.eval_every == 0 or step == args.steps:
            model.eval()
            mse, nelbo = quick_eval(model, images, held_fonts)
            model.train()
            print(f"  eval step {step}: held-out mse {mse:.5f}  -elbo {nelbo:.1f} nats/img", flush=True)
            history.append({"step": step, "heldOutMse": mse, "heldOutNegElbo": nelbo})
        if step % args.save_every == 0 or step == args.steps:
            save()
    with open(os.path.join(args.out, "history.json"), "w") as f:
        json.dump(history, f)
    print("done", step, f"{train_seconds / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
