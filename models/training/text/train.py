"""Train the decoder on the tokenised training split for a fixed wall-clock budget.

Batches are random 257-token windows of the training stream (documents joined with <|endoftext|>, one before
each document). AdamW, linear warm-up, then cosine decay on the elapsed share of --minutes; held-out loss on a
fixed set of windows every --eval-every minutes; checkpoints <out>_last.pt (periodic) and <out>_final.pt.

    nohup nice -n 19 /usr/bin/python3 train.py --minutes 30 --out runs/verse > runs/verse.log 2>&1 &
"""
import argparse
import math
import os
import time

import numpy as np
import torch

import bpe
import data
import model as M

HERE = os.path.dirname(os.path.abspath(__file__))
TOKENIZER = os.path.join(HERE, "..", "..", "text", "tokenizer.json")


def token_streams(tokenizer_path=TOKENIZER, cache=os.path.join(HERE, ".cache", "tokens.npz")):
    """(train ids, held-out ids) as int64 arrays: EOT + doc + EOT + doc ... (+ final EOT)."""
    if os.path.exists(cache) and os.path.getmtime(cache) > os.path.getmtime(tokenizer_path):
        z = np.load(cache)
        return z["train"].astype(np.int64), z["heldout"].astype(np.int64)
    tok = bpe.Tokenizer(tokenizer_path)
    train, held = data.split(data.load_documents())

    def stream(docs):
        ids = []
        for d in docs:
            ids.append(tok.eot_id)
            ids.extend(tok.encode(d))
        ids.append(tok.eot_id)
        return np.array(ids, dtype=np.int64)

    tr, he = stream(train), stream(held)
    np.savez(cache, train=tr.astype(np.uint16), heldout=he.astype(np.uint16))
    return tr, he


def windows(ids, seq, n=None):
    """Non-overlapping (seq+1)-token windows from the start (for evaluation)."""
    k = (len(ids) - 1) // seq
    if n is not None:
        k = min(k, n)
    return torch.stack([torch.from_numpy(ids[i * seq:i * seq + seq + 1]) for i in range(k)])


@torch.no_grad()
def eval_loss(model, win, bs=16):
    model.eval()
    tot, n = 0.0, 0
    for i in range(0, len(win), bs):
        w = win[i:i + bs]
        logits, _ = model(w[:, :-1])
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), w[:, 1:].reshape(-1),
                                                 reduction="sum")
        tot += loss.item()
        n += w[:, 1:].numel()
    model.train()
    return tot / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="verse-s")
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--out", default="runs/verse")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seq", type=int, default=256)
    ap.add_argument("--lr", type=float, default=1.5e-3)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--weight-decay", type=float, default=0.05)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--eval-every", type=float, default=3.0, help="minutes")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: time budget only)")
    ap.add_argument("--resume", default="", help="continue from this checkpoint (weights, step count, time; the "
                    "optimizer state too when saved; the LR schedule restarts with --lr, --warmup, --minutes)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    tr, he = token_streams()
    vocab = len(bpe.Tokenizer(TOKENIZER).inv)
    print(f"train tokens {len(tr)}, held-out tokens {len(he)}, vocab {vocab}", flush=True)
    hwin = windows(he, a.seq, 48)
    model = M.build(vocab, a.config, dropout=a.dropout)
    print(f"{a.config}: {M.n_params(model)} parameters", flush=True)
    prior_seconds, step0, tokens0, hist0, opt_state = 0.0, 0, 0, [], None
    if a.resume:
        ck = torch.load(a.resume, map_location="cpu")
        model.load_state_dict(ck["model"])
        prior_seconds, step0, tokens0 = ck["train_seconds"], ck["step"], ck.get("tokens_seen", 0)
        hist0, opt_state = ck.get("history", []), ck.get("opt")
        print(f"resumed from {a.resume}: step {step0}, {prior_seconds / 60:.1f} min", flush=True)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=a.lr, betas=(0.9, 0.95))
    if opt_state is not None:
        opt.load_state_dict(opt_state)
    budget = a.minutes * 60.0
    t0 = time.time()
    last_eval = t0
    step, ema, tokens = step0, None, tokens0
    hist = list(hist0)

    def save(path, final=False):
        torch.save({"model": model.state_dict(), "config": a.config, "cfg": model.cfg, "step": step,
                    "train_seconds": prior_seconds + time.time() - t0, "tokens_seen": tokens, "args": vars(a), "history": hist,
                    "final": final, "opt": opt.state_dict(), "resumed_from": a.resume or None}, path)

    model.train()
    while True:
        el = time.time() - t0
        if el >= budget or (a.max_steps and step - step0 >= a.max_steps):
            break
        frac = el / budget
        lr = a.lr * min(1.0, (step - step0 + 1) / a.warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac)))
        for g in opt.param_groups:
            g["lr"] = lr
        starts = rng.integers(0, len(tr) - a.seq - 1, a.batch)
        w = torch.from_numpy(np.stack([tr[s:s + a.seq + 1] for s in starts]))
        logits, _ = model(w[:, :-1])
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), w[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tokens += w[:, 1:].numel()
        ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
        if step % 20 == 0:
            print(f"step {step} {el / 60:.1f} min lr {lr:.2e} loss {ema:.3f} tok/s {(tokens - tokens0) / max(el, 1e-6):.0f}",
                  flush=True)
        if time.time() - last_eval > a.eval_every * 60:
            hl = eval_loss(model, hwin)
            hist.append({"step": step, "minutes": round(el / 60, 2), "train": round(ema, 4), "heldout": round(hl, 4)})
            print(f"EVAL step {step} held-out loss {hl:.4f}", flush=True)
            save(a.out + "_last.pt")
            last_eval = time.time()
    hl = eval_loss(model, hwin)
    hist.append({"step": step, "minutes": round((time.time() - t0) / 60, 2), "train": round(ema, 4),
                 "heldout": round(hl, 4)})
    print(f"FINAL step {step} held-out loss {hl:.4f} ({(time.time() - t0) / 60:.1f} min)", flush=True)
    save(a.out + "_final.pt", final=True)


if __name__ == "__main__":
    main()
