"""Train the melody LSTM (time-budgeted; cosine LR over --minutes).

  cd models/training
  nice -n 19 /usr/bin/python3 -m melody.train_rnn --config rnn-s --minutes 70 --out melody/runs/rnn

Windows of --window steps start on bar lines (the token before the window is the first input; REST at the tune
start), zero initial state, transposition augmentation. Writes <out>_last.pt every few minutes and <out>_final.pt
(the last step; the held-out NLL printed during training is for monitoring only, not for checkpoint selection), in
the common checkpoint layout without optimiser state, atomically. LR: linear warm-up over 200 steps times a cosine
from --lr to 0.05 * --lr over the elapsed share of the budget (common.linear_warmup, common.cosine_decay).
"""
import argparse
import os
import shutil
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import atomic_save, cosine_decay, linear_warmup, make_checkpoint, set_lr

from .data import SPB, Batcher, load_tunes, pad_windows, split
from .model import MelodyRNN, count_params

HERE = os.path.dirname(os.path.abspath(__file__))


def save(path, m, args, step, t0, extra):
    atomic_save(make_checkpoint(m, step, config=m.config_name, train_seconds=time.time() - t0, args=vars(args),
                                **extra), path)


def loss_acc(m, x, start):
    """x [B, W+1] with -1 padding, start [B] step of x[:, 1] in the tune -> (sum NLL, correct, count)."""
    prev, tgt = x[:, :-1].clamp(min=0), x[:, 1:]
    pos = (start[:, None] + torch.arange(tgt.shape[1])[None, :]) % SPB
    logits, _, _ = m(prev, pos)
    mask = tgt >= 0
    nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.clamp(min=0).reshape(-1), reduction="none")
    nll = (nll * mask.reshape(-1)).sum()
    correct = ((logits.argmax(-1) == tgt) & mask).sum()
    return nll, correct, mask.sum()


@torch.no_grad()
def held_eval(m, xh):
    m.eval()
    tot = cor = n = 0
    for i in range(0, len(xh), 64):
        x = torch.from_numpy(xh[i:i + 64])
        a, b, c = loss_acc(m, x, torch.zeros(len(x), dtype=torch.long))
        tot, cor, n = tot + a.item(), cor + b.item(), n + c.item()
    m.train()
    return dict(nll=tot / n, acc=cor / n)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="rnn-s")
    ap.add_argument("--minutes", type=float, default=70)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--window", type=int, default=192)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "rnn"), help="prefix: <out>_last.pt, <out>_final.pt")
    ap.add_argument("--save-every", type=float, default=3.0, help="minutes")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    m = MelodyRNN(args.config)
    train, held = split(load_tunes())
    xt, _ = pad_windows(train, args.window, stride_bars=1)
    xh, _ = pad_windows(held, args.window, stride_bars=args.window // SPB)  # non-overlapping, all held-out tokens
    print(f"config {args.config}: {count_params(m)} params; {len(xt)} train windows of {args.window}, "
          f"{len(xh)} held-out windows", flush=True)
    batcher = Batcher(xt, seed=args.seed)
    opt = torch.optim.Adam(m.parameters(), lr=args.lr)
    budget = args.minutes * 60
    t0 = time.time()
    last_save = t0
    step, hist = 0, []
    while True:
        frac = (time.time() - t0) / budget
        if frac >= 1:
            break
        lr = set_lr(opt, linear_warmup(step, 200) * cosine_decay(frac, args.lr, 0.05 * args.lr))
        x = torch.from_numpy(batcher(args.batch))
        nll, cor, n = loss_acc(m, x, torch.zeros(len(x), dtype=torch.long))
        loss = nll / n
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
        opt.step()
        step += 1
        hist.append((loss.item(), (cor / n).item()))
        if step % 50 == 0:
            l, a = np.mean(hist, axis=0)
            hist = []
            print(f"step {step} {time.time() - t0:.0f}s frac {frac:.3f} lr {lr:.2e} nll {l:.3f} acc {a:.3f}", flush=True)
        if step % 250 == 0:
            ev = held_eval(m, xh)
            print(f"  held-out: {ev}", flush=True)
        if time.time() - last_save > args.save_every * 60:
            save(args.out + "_last.pt", m, args, step, t0, {})
            last_save = time.time()
    ev = held_eval(m, xh)
    print(f"final step {step}: held-out {ev}", flush=True)
    save(args.out + "_last.pt", m, args, step, t0, {"heldOutQuick": ev})
    shutil.copyfile(args.out + "_last.pt", args.out + "_final.pt")


if __name__ == "__main__":
    main()
