"""Train the meter-aware melody LSTM (time-budgeted; cosine LR over --minutes).

  cd models/training
  LD_LIBRARY_PATH=$PWD/melody/.cache/openblas OPENBLAS_NUM_THREADS=1 \\
    nice -n 19 /usr/bin/python3 -m melody.train_meter --config meter-m --minutes 60 --out melody/runs/meter

Windows of up to 16 bars of each tune's meter start on every bar line (the token before the window is the first
input; REST at the tune start), with the step counter from the tune's first bar line (so the model knows the bar
in the 16-bar phrase), the tune's meter class and its key signature (the major tonic), all transposed together by a
random −5…+6 semitones. Meter classes are drawn in proportion to the square root of their window counts, so the
13 slip jigs in 9/8 and the 59 waltzes are not drowned by 541 reels. Writes <out>_last.pt every few minutes and
<out>_final.pt (the last step), in the common checkpoint layout, atomically. --init starts a second phase from a
checkpoint's weights (fresh optimiser, its own LR schedule and budget; steps and seconds continue the first's count).
"""
import argparse
import os
import shutil
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import atomic_save, cosine_decay, linear_warmup, load_checkpoint, make_checkpoint, set_lr

from .data import NOTE_BASE, REST, load_meter_tunes, random_shift, split_meters, transpose
from .model import METER_STEPS, METERS, PHRASE_BARS, MeterRNN, count_params

HERE = os.path.dirname(os.path.abspath(__file__))
TMAX = PHRASE_BARS * max(METER_STEPS)


def meter_windows(tunes, stride_bars=1, bars=PHRASE_BARS):
    """Bar-aligned windows of up to `bars` bars: x [N, TMAX+1] (-1 = padding), start [N], meter [N], key [N]."""
    xs, st, me, ke = [], [], [], []
    for t in tunes:
        m = METERS.index(t["meter"])
        spb = METER_STEPS[m]
        if len(t["tokens"]) % spb:
            continue
        tok = t["tokens"]
        T = bars * spb
        for s in range(0, max(len(tok) - T, 0) + 1, spb * stride_bars):
            w = tok[s:s + T]
            if (w >= NOTE_BASE).sum() == 0:
                continue
            row = np.full(TMAX + 1, -1, dtype=np.int64)
            row[0] = tok[s - 1] if s > 0 else REST
            row[1:1 + len(w)] = w
            xs.append(row)
            st.append(s)
            me.append(m)
            ke.append(t["keyTonic"])
    return np.stack(xs), np.array(st), np.array(me), np.array(ke)


def loss_acc(m, x, start, meter, key):
    prev, tgt = x[:, :-1].clamp(min=0), x[:, 1:]
    pos = start[:, None] + torch.arange(tgt.shape[1])[None, :]
    logits, _, _ = m(prev, pos, meter, key)
    mask = tgt >= 0
    nll = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.clamp(min=0).reshape(-1), reduction="none")
    nll = (nll * mask.reshape(-1)).sum()
    correct = ((logits.argmax(-1) == tgt) & mask).sum()
    return nll, correct, mask.sum()


@torch.no_grad()
def held_eval(m, data):
    """NLL and accuracy per meter class on held-out windows."""
    x, st, me, ke = data
    m.eval()
    out = {}
    for mi, name in enumerate(METERS):
        idx = np.nonzero(me == mi)[0]
        tot = cor = n = 0
        for i in range(0, len(idx), 64):
            j = idx[i:i + 64]
            a, b, c = loss_acc(m, *(torch.from_numpy(v[j]) for v in (x, st, me, ke)))
            tot, cor, n = tot + a.item(), cor + b.item(), n + c.item()
        if n:
            out[name] = dict(nll=round(tot / n, 4), acc=round(cor / n, 4), tokens=n)
    m.train()
    return out


class MeterBatcher:
    def __init__(self, data, seed=0):
        self.x, self.st, self.me, self.ke = data
        self.rng = np.random.default_rng(seed)
        self.by_meter = [np.nonzero(self.me == i)[0] for i in range(len(METERS))]
        w = np.array([np.sqrt(len(b)) for b in self.by_meter])
        self.p = w / w.sum()

    def __call__(self, batch):
        ms = self.rng.choice(len(METERS), size=batch, p=self.p)
        idx = np.array([self.rng.choice(self.by_meter[m]) for m in ms])
        x = self.x[idx]
        shift = random_shift(x, self.rng)
        x = transpose(x, shift)
        key = (self.ke[idx] + shift) % 12
        # Trim the padding every row shares.
        last = int((x >= 0).sum(axis=1).max())
        return [torch.from_numpy(v) for v in (x[:, :last], self.st[idx], self.me[idx], key)]


def save(path, m, args, step, t0, extra):
    """Steps and seconds count from the first phase when --init continues one."""
    atomic_save(make_checkpoint(m, step + args.step0, config=m.config_name,
                                train_seconds=time.time() - t0 + args.seconds0, args=vars(args), **extra), path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="meter-m")
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "meter"))
    ap.add_argument("--save-every", type=float, default=3.0, help="minutes")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: the time budget)")
    ap.add_argument("--init", default=None, help="start from this checkpoint's weights (a second, fine-tuning phase)")
    ap.add_argument("--warmup", type=int, default=200, help="LR warm-up steps")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    m = MeterRNN(args.config)
    step0, seconds0 = 0, 0.0
    if args.init:
        prev, ck = load_checkpoint(args.init, lambda c: MeterRNN(c["config"]))
        m.load_state_dict(prev.state_dict())
        step0, seconds0 = ck["step"], ck.get("train_seconds", 0.0)
        print(f"initialised from {args.init} (step {step0}, {seconds0 / 60:.0f} min)", flush=True)
    args.step0, args.seconds0 = step0, seconds0
    train, held = split_meters(load_meter_tunes())
    dt = meter_windows(train)
    dh = meter_windows(held, stride_bars=PHRASE_BARS)
    counts = {METERS[i]: int((dt[2] == i).sum()) for i in range(len(METERS))}
    print(f"config {args.config}: {count_params(m)} params; train windows {counts}; {len(dh[0])} held-out", flush=True)
    batcher = MeterBatcher(dt, seed=args.seed)
    opt = torch.optim.Adam(m.parameters(), lr=args.lr)
    budget = args.minutes * 60
    t0 = last_save = time.time()
    step, hist = 0, []
    while True:
        frac = (time.time() - t0) / budget
        if frac >= 1 or (args.max_steps and step >= args.max_steps):
            break
        lr = set_lr(opt, linear_warmup(step, args.warmup) * cosine_decay(frac, args.lr, 0.05 * args.lr))
        nll, cor, n = loss_acc(m, *batcher(args.batch))
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
        if step % 500 == 0:
            print(f"  held-out: {held_eval(m, dh)}", flush=True)
        if time.time() - last_save > args.save_every * 60:
            save(args.out + "_last.pt", m, args, step, t0, {})
            last_save = time.time()
    ev = held_eval(m, dh)
    print(f"final step {step}: held-out {ev}", flush=True)
    save(args.out + "_last.pt", m, args, step, t0, {"heldOutQuick": ev})
    shutil.copyfile(args.out + "_last.pt", args.out + "_final.pt")


if __name__ == "__main__":
    main()
