"""Train the word-conditioned emoji UNet (epsilon prediction, cosine schedule, T = 1000, classifier-free guidance
dropout, EMA). The whole data set lives on the device; conditions are sampled per step:
  p_uncond: all-zero words (the CFG null condition);  else half the time the emoji's name words (<= 8), else a
  random subset of 1..8 of its caption words (name, short names, keywords, category/subcategory words).
Writes <out>_ema.npz (final EMA weights, float32), <out>_best_ema.npz (EMA weights at the lowest held-out loss seen
at an evaluation), <out>_summary.json (args, steps, held-out denoising loss history); re-written every --eval-every
seconds, so a run cut short still leaves weights (each file written atomically: a copy taken meanwhile is never torn).
(The shipped run predates _best_ema.npz: it used the final EMA.) LR: common.linear_warmup(step, --warmup) *
common.cosine_decay(share of the budget, --lr, 0.1 * --lr).
  cd models/training && python3 -m images.train --device cuda --bf16 --minutes 7 --batch 128 --lr 3e-4 --out images/runs/a
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import atomic_write, cosine_decay, linear_warmup, set_lr

from . import data as data_mod
from . import model as model_mod

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_WORDS = 8


def sample_words(words, name_len, p_uncond, gen=None):
    """words [B, W] (0 = padding, known words first), name_len [B] -> [B, 8] ids (see module doc)."""
    b, w = words.shape
    dev = words.device
    valid = words > 0
    nw = valid.sum(1)
    # random subset: random keys, padding last, take the first k
    keys = torch.rand(b, w, device=dev, generator=gen) + (~valid).float() * 2
    order = keys.argsort(dim=1)[:, :MAX_WORDS]
    sub = words.gather(1, order)
    k = (torch.rand(b, device=dev, generator=gen) * nw.clamp(max=MAX_WORDS).float()).floor().long() + 1
    pos = torch.arange(MAX_WORDS, device=dev)[None]
    sub = torch.where(pos < k[:, None], sub, torch.zeros_like(sub))
    nl = torch.minimum(name_len, nw).clamp(max=MAX_WORDS)
    name = torch.where(pos < nl[:, None], words[:, :MAX_WORDS], torch.zeros_like(sub))
    use_name = (torch.rand(b, device=dev, generator=gen) < 0.5) & (nl > 0)
    out = torch.where(use_name[:, None], name, sub)
    drop = torch.rand(b, device=dev, generator=gen) < p_uncond
    return torch.where(drop[:, None], torch.zeros_like(out), out)


def to_tensor(images):
    return torch.from_numpy(images).permute(0, 3, 1, 2).float() / 127.5 - 1.0


def heldout_set(d, n_t=10, seed=1234, rows=0):
    """Fixed held-out evaluation: every held-out emoji (or `rows` of them, evenly spaced) x n_t timesteps (50, 150, ...,
    950), fixed noise, its first 8 caption words (name first)."""
    te = d["test"]
    if rows and te.sum() > rows:
        keep = np.where(te)[0][np.linspace(0, te.sum() - 1, rows).astype(int)]
        te = np.isin(np.arange(len(te)), keep)
    x0 = to_tensor(d["images"][te])
    w = torch.from_numpy(d["words"][te][:, :MAX_WORDS])
    n = x0.shape[0]
    ts = torch.arange(n_t).float() * (1000 // n_t) + 1000 // n_t // 2
    g = torch.Generator().manual_seed(seed)
    x0 = x0.repeat_interleave(n_t, 0)
    w = w.repeat_interleave(n_t, 0)
    t = ts.repeat(n)
    noise = torch.randn(x0.shape, generator=g)
    return x0, t, w, noise


@torch.no_grad()
def denoise_loss(model, ac, batch, device, bf16, bs=256, uncond=False, prediction="epsilon"):
    x0, t, w, noise = batch
    tot = 0.0
    for i in range(0, x0.shape[0], bs):
        a = ac[t[i:i + bs].long()].to(device)[:, None, None, None]
        x = a.sqrt() * x0[i:i + bs].to(device) + (1 - a).sqrt() * noise[i:i + bs].to(device)
        ww = w[i:i + bs].to(device)
        if uncond:
            ww = torch.zeros_like(ww)
        with model_mod.autocast(bf16):
            out = model(x, t[i:i + bs].to(device), ww).float()
        if prediction == "v_prediction":  # scored as epsilon, so runs of either kind compare
            out = a.sqrt() * out + (1 - a).sqrt() * x
        tot += F.mse_loss(out, noise[i:i + bs].to(device), reduction="sum").item()
    return tot / noise.numel()


def state_np(model):
    return {k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(HERE, ".cache", "carry", "emoji48.npz"))
    ap.add_argument("--config", default="emoji-s")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--bf16", action="store_true")
    ap.add_argument("--minutes", type=float, default=7.0)
    ap.add_argument("--max-steps", type=int, default=10 ** 9)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--p-uncond", type=float, default=0.12)
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--schedule", default="cosine")
    ap.add_argument("--eval-every", type=float, default=60.0, help="seconds between held-out evaluations + saves")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "emoji"))
    ap.add_argument("--init-onnx", default=None, help="start from a shipped unet.onnx (fine-tune; see init_onnx.py)")
    ap.add_argument("--icon-share", type=float, default=0.25,
                    help="share of each batch drawn from the line icons (sets.py data; the rest are emoji)")
    ap.add_argument("--eval-rows", type=int, default=0, help="held-out rows in the denoising loss (0 = all)")
    ap.add_argument("--init-npz", default=None, help="start from a run's <out>_ema.npz (same config and vocabulary)")
    ap.add_argument("--prediction", choices=["epsilon", "v_prediction"], default="epsilon",
                    help="what the UNet predicts; v = sqrt(a) eps - sqrt(1 - a) x0 (Salimans & Ho 2022) puts the "
                         "loss on x0 at high noise, where an epsilon loss cannot see the picture's colour")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    if a.device == "cpu":
        torch.set_num_threads(a.threads)
    else:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
        torch.backends.cudnn.benchmark = True
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    d = data_mod.load(a.data)
    tr = ~d["test"]
    X = to_tensor(d["images"][tr]).to(a.device)
    W = torch.from_numpy(d["words"][tr]).to(a.device)
    NL = torch.from_numpy(d["name_len"][tr]).to(a.device)
    n = X.shape[0]
    size = X.shape[-1]
    vocab = len(d["vocab"])
    model = model_mod.build(vocab, a.config)
    if a.init_onnx:
        from . import init_onnx, sets
        old = sets.old_vocab_from_manifest(os.path.join(os.path.dirname(a.init_onnx), "model.json"))
        fresh = init_onnx.load_onnx_weights(model, a.init_onnx, old, [str(w) for w in d["vocab"]], a.seed)
        print(f"started from {a.init_onnx}: {fresh} new words", flush=True)
    if a.init_npz:
        w0 = np.load(a.init_npz)
        model.load_state_dict({k: torch.from_numpy(w0[k]) for k in w0.files})
        print(f"started from {a.init_npz}", flush=True)
    model = model.to(a.device)
    row_weights = torch.ones(n)  # sampling weight of each training row
    if "source" in d:
        icon = torch.from_numpy(np.isin(d["sources"][d["source"][tr]], ["tabler", "lucide"]))
        row_weights = torch.where(icon, a.icon_share / max(1, int(icon.sum())),
                                  (1 - a.icon_share) / max(1, int((~icon).sum())))
    ema = model_mod.build(vocab, a.config).to(a.device)
    ema.load_state_dict(model.state_dict())
    ema.eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    params = sum(p.numel() for p in model.parameters())
    decay, no_decay = [], []
    for nme, p in model.named_parameters():
        (decay if p.ndim >= 2 and "word" not in nme else no_decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=a.lr, betas=(0.9, 0.99))
    ac = model_mod.alphas_cumprod(1000, a.schedule).to(a.device)
    held = heldout_set(d, rows=a.eval_rows)
    tr_idx = np.where(tr)[0][np.linspace(0, int(tr.sum()) - 1, 85 if not a.eval_rows else min(85, a.eval_rows)).astype(int)]
    dtr = dict(d, test=np.isin(np.arange(len(tr)), tr_idx))
    train_probe = heldout_set(dtr)
    print(f"train {n} images {size}x{size}, vocab {vocab}, params {params}, device {a.device}", flush=True)
    t0 = time.time()
    budget = a.minutes * 60
    step, last_eval, hist = 0, t0, []
    ema_p = list(ema.parameters())
    mod_p = list(model.parameters())

    def evaluate():
        model.eval()
        hl = denoise_loss(ema, ac, held, a.device, a.bf16, prediction=a.prediction)
        hu = denoise_loss(ema, ac, held, a.device, a.bf16, uncond=True, prediction=a.prediction)
        tl = denoise_loss(ema, ac, train_probe, a.device, a.bf16, prediction=a.prediction)
        model.train()
        rec = {"step": step, "seconds": round(time.time() - t0, 1), "heldout": hl, "heldout_uncond": hu, "train_probe": tl}
        hist.append(rec)
        print(json.dumps(rec), flush=True)
        weights = state_np(ema)
        atomic_write(a.out + "_ema.npz", lambda f: np.savez(f, **weights))
        if hl <= min(r["heldout"] for r in hist):  # best so far by held-out loss (early stopping for later runs)
            atomic_write(a.out + "_best_ema.npz", lambda f: np.savez(f, **weights))
        summ = {"args": vars(a), "config": a.config, "params": params, "steps": step, "train_seconds": time.time() - t0,
                "size": size, "vocab": vocab, "heldout_loss": hl, "heldout_loss_uncond": hu, "train_probe_loss": tl,
                "history": hist}
        atomic_write(a.out + "_summary.json", lambda f: json.dump(summ, f, indent=1), mode="w")

    model.train()
    losses = []
    while True:
        el = time.time() - t0
        if el >= budget or step >= a.max_steps:
            break
        frac = max(el / budget, step / a.max_steps)
        lr = set_lr(opt, linear_warmup(step, a.warmup) * cosine_decay(frac, a.lr, 0.1 * a.lr))
        idx = torch.multinomial(row_weights, a.batch, replacement=True).to(a.device)
        x0 = X[idx]
        w = sample_words(W[idx], NL[idx], a.p_uncond)
        t = torch.randint(0, 1000, (a.batch,), device=a.device)
        noise = torch.randn_like(x0)
        at = ac[t][:, None, None, None]
        x = at.sqrt() * x0 + (1 - at).sqrt() * noise
        target = noise if a.prediction == "epsilon" else at.sqrt() * noise - (1 - at).sqrt() * x0
        with model_mod.autocast(a.bf16):
            out = model(x, t.float(), w)
        loss = F.mse_loss(out.float(), target)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        dec = min(a.ema, (1 + step) / (10 + step))
        with torch.no_grad():
            torch._foreach_mul_(ema_p, dec)
            torch._foreach_add_(ema_p, mod_p, alpha=1 - dec)
        step += 1
        if step % 100 == 0:
            losses.append(loss.item())
            if step % 500 == 0:
                print(f"step {step} loss {np.mean(losses[-5:]):.4f} lr {lr:.2e} {time.time() - t0:.0f}s", flush=True)
        if time.time() - last_eval >= a.eval_every:
            evaluate()
            last_eval = time.time()
    evaluate()
    print(f"done: {step} steps in {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
