"""Train the decoder on the tokenised training split for a fixed wall-clock budget (and/or step budget).

Batches are random 257-token windows of the training stream (documents joined with <|endoftext|>, one before
each document). AdamW, linear warm-up, then cosine decay to 10 % on the elapsed share of --minutes (or of
--max-steps when given, whichever is further along). --val-frac of the training stream (every k-th block of 4,096
tokens by default, so every source is represented) is held back as a validation slice (never trained on): its loss
every --eval-every-steps steps picks the best weights,
<out>_best.pt (weights + cfg + step info, no optimizer). The held-out split is only scored at the very end (for the
log); the reported metric comes from evaluate.py. Checkpoints: <out>_last.pt every --eval-every minutes,
<out>_final.pt at the end, and <out>_summary.json.

    cd models/training
    nohup nice -n 19 /usr/bin/python3 -m text.train --minutes 30 --out text/runs/verse > text/runs/verse.log 2>&1 &
    python3 -m text.train --device cuda --bf16 --config verse-m --minutes 7.5 --out text/runs/m    # on a GPU

LR: common.linear_warmup(step, --warmup) * common.cosine_decay(share, --lr, 0.1 * --lr). Checkpoints are written
atomically in the common layout (common/checkpoint.py) plus the keys cfg, tokens_seen, history, ...; --resume takes a
checkpoint file or a run directory.
"""
import argparse
import json
import os
import time

import numpy as np
import torch

from common import atomic_save, cosine_decay, linear_warmup, load_resume, make_checkpoint, set_lr

from . import bpe
from . import data
from . import model as M

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


def split_validation(ids, frac, mode="blocks", block=4096):
    """(train ids, validation ids or None). The stream is in source order (Dickinson, fortunes, proverbs, sonnets),
    so 'end' would hold back whole sources; 'blocks' takes every k-th block of `block` tokens (k = round(1/frac))
    and trains on the rest, joined."""
    if frac <= 0:
        return ids, None
    if mode == "end":
        n = int(len(ids) * frac)
        return ids[:len(ids) - n], ids[len(ids) - n:]
    k = max(2, round(1 / frac))
    nb = len(ids) // block
    is_val = np.zeros(len(ids), bool)
    for b in range(k // 2, nb, k):
        is_val[b * block:(b + 1) * block] = True
    return ids[~is_val], ids[is_val]


@torch.no_grad()
def eval_loss(model, win, bs=16, amp=None):
    """Mean NLL (nats/token) over windows win [N, seq+1] (on the model's device); amp: autocast dtype or None."""
    model.eval()
    tot, n = 0.0, 0
    dev = next(model.parameters()).device
    win = win.to(dev)
    for i in range(0, len(win), bs):
        w = win[i:i + bs]
        with torch.autocast(dev.type, dtype=amp, enabled=amp is not None):
            logits, _ = model(w[:, :-1])
        loss = torch.nn.functional.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), w[:, 1:].reshape(-1),
                                                 reduction="sum")
        tot += loss.item()
        n += w[:, 1:].numel()
    model.train()
    return tot / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="verse-s")
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "verse"),
                    help="prefix: <out>_last.pt, <out>_final.pt, <out>_best.pt, <out>_summary.json")
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
    ap.add_argument("--device", default="cpu", help="cpu or cuda")
    ap.add_argument("--bf16", action="store_true", help="bf16 autocast (cuda only; weights stay float32)")
    ap.add_argument("--val-frac", type=float, default=0.05, help="share of the training stream held back for "
                    "validation (best-checkpoint selection); 0: none (train on all of it)")
    ap.add_argument("--val-mode", default="blocks", choices=["blocks", "end"],
                    help="blocks: every (1/val-frac)-th block of --val-block tokens (all sources represented); "
                    "end: the last val-frac of the stream (in document order that is the last sources only)")
    ap.add_argument("--val-block", type=int, default=4096)
    ap.add_argument("--eval-every-steps", type=int, default=200, help="validation loss every N steps")
    ap.add_argument("--resume", default="", help="continue from this checkpoint (weights, step count, time; the "
                    "optimizer state too when saved; the LR schedule restarts with --lr, --warmup, --minutes)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    dev = torch.device(a.device)
    amp = torch.bfloat16 if (a.bf16 and dev.type == "cuda") else None
    if dev.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    tr_all, he = token_streams()
    tr, va = split_validation(tr_all, a.val_frac, a.val_mode, a.val_block)
    n_val = 0 if va is None else len(va)
    vocab = len(bpe.Tokenizer(TOKENIZER).inv)
    print(f"train tokens {len(tr)} (+ {n_val} validation, {a.val_mode}), held-out tokens "
          f"{len(he)}, vocab {vocab}, device {dev}{' bf16' if amp else ''}", flush=True)
    hwin = windows(he, a.seq, 48)
    vwin = windows(va, a.seq) if va is not None and len(va) > a.seq + 1 else None
    tr_dev = torch.from_numpy(tr).to(dev)  # the whole stream lives on the device; windows are gathered there
    offs = torch.arange(a.seq + 1, device=dev)
    gen = torch.Generator(device=dev).manual_seed(a.seed)
    model = M.build(vocab, a.config, dropout=a.dropout)
    print(f"{a.config}: {M.n_params(model)} parameters", flush=True)
    prior_seconds, step0, tokens0, hist0, opt_state = 0.0, 0, 0, [], None
    if a.resume:
        ck = load_resume(a.resume)
        model.load_state_dict(ck["model"])
        prior_seconds, step0, tokens0 = ck["train_seconds"], ck["step"], ck.get("tokens_seen", 0)
        hist0, opt_state = ck.get("history", []), ck.get("opt")
        print(f"resumed from {a.resume}: step {step0}, {prior_seconds / 60:.1f} min", flush=True)
    model.to(dev)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=a.lr, betas=(0.9, 0.95))
    if opt_state is not None:
        opt.load_state_dict(opt_state)
    best = {"val": float("inf"), "step": None}
    budget = a.minutes * 60.0
    t0 = time.time()
    last_eval = t0
    step, ema, tokens = step0, None, tokens0
    hist = list(hist0)

    def save(path, final=False):
        atomic_save(make_checkpoint(model, step, optimizer=opt, config=a.config,
                                    train_seconds=prior_seconds + time.time() - t0, args=vars(a), device=dev,
                                    generators={"batches": rng, "device_batches": gen}, cfg=model.cfg,
                                    tokens_seen=tokens, history=hist, final=final, resumed_from=a.resume or None,
                                    best=dict(best)), path)

    def save_best(vl):  # weights only (float32, CPU), no optimiser
        sd = {k: v.detach().float().cpu().clone() for k, v in model.state_dict().items()}
        atomic_save(make_checkpoint(sd, step, config=a.config, train_seconds=prior_seconds + time.time() - t0,
                                    args=vars(a), device=dev, rng=False, cfg=model.cfg, val_loss=vl,
                                    tokens_seen=tokens, history=hist,
                                    best_by=f"validation slice ({a.val_mode}, {a.val_frac})",
                                    resumed_from=a.resume or None), a.out + "_best.pt")

    model.train()
    while True:
        el = time.time() - t0
        if el >= budget or (a.max_steps and step - step0 >= a.max_steps):
            break
        frac = el / budget
        if a.max_steps:
            frac = max(frac, (step - step0) / a.max_steps)
        lr = set_lr(opt, linear_warmup(step - step0, a.warmup) * cosine_decay(frac, a.lr, 0.1 * a.lr))
        if dev.type == "cpu":  # numpy generator: same batches as before on the CPU
            starts = torch.from_numpy(rng.integers(0, len(tr) - a.seq - 1, a.batch))
        else:
            starts = torch.randint(0, len(tr) - a.seq - 1, (a.batch,), device=dev, generator=gen)
        w = tr_dev[starts[:, None] + offs]
        with torch.autocast(dev.type, dtype=amp, enabled=amp is not None):
            logits, _ = model(w[:, :-1])
        loss = torch.nn.functional.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), w[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tokens += w[:, 1:].numel()
        if step % 20 == 0 or ema is None:  # .item() syncs: only every 20 steps
            ema = loss.item() if ema is None else 0.7 * ema + 0.3 * loss.item()
        if step % 100 == 0:
            print(f"step {step} {el / 60:.1f} min lr {lr:.2e} loss {ema:.3f} tok/s {(tokens - tokens0) / max(el, 1e-6):.0f}",
                  flush=True)
        if vwin is not None and step % a.eval_every_steps == 0:
            vl = eval_loss(model, vwin, bs=64 if dev.type == "cuda" else 16, amp=amp)
            hist.append({"step": step, "minutes": round(el / 60, 2), "tokens": tokens, "train": round(ema, 4),
                         "val": round(vl, 4)})
            mark = ""
            if vl < best["val"]:
                best.update(val=vl, step=step, tokens=tokens, minutes=round(el / 60, 2))
                save_best(vl)
                mark = " *"
            print(f"VAL step {step} {el / 60:.2f} min loss {vl:.4f}{mark}", flush=True)
        if vwin is None and time.time() - last_eval > a.eval_every * 60:  # old behaviour without a validation slice
            hl = eval_loss(model, hwin, amp=amp)
            hist.append({"step": step, "minutes": round(el / 60, 2), "train": round(ema, 4), "heldout": round(hl, 4)})
            print(f"EVAL step {step} held-out loss {hl:.4f}", flush=True)
            save(a.out + "_last.pt")
            last_eval = time.time()
        elif vwin is not None and time.time() - last_eval > a.eval_every * 60:
            save(a.out + "_last.pt")
            last_eval = time.time()
    final_val = None
    if vwin is not None:
        final_val = eval_loss(model, vwin, amp=amp)
        if final_val < best["val"]:
            best.update(val=final_val, step=step, tokens=tokens, minutes=round((time.time() - t0) / 60, 2))
            save_best(final_val)
    hl = eval_loss(model, hwin, amp=amp)
    hist.append({"step": step, "minutes": round((time.time() - t0) / 60, 2), "train": round(ema, 4),
                 "val": None if final_val is None else round(final_val, 4), "heldout": round(hl, 4)})
    print(f"FINAL step {step} val loss {final_val} held-out loss {hl:.4f} ({(time.time() - t0) / 60:.1f} min)",
          flush=True)
    save(a.out + "_final.pt", final=True)
    summ = {"config": a.config, "params": M.n_params(model), "steps": step, "tokens_seen": tokens,
            "minutes": round((time.time() - t0) / 60, 2), "best_val": best["val"] if best["step"] else None,
            "best_step": best["step"], "best_tokens": best.get("tokens"), "final_val": final_val,
            "final_heldout_48win": hl, "args": vars(a)}
    with open(a.out + "_summary.json", "w") as f:
        json.dump(summ, f, indent=1)


if __name__ == "__main__":
    main()
