"""Held-out evaluation against n-gram baselines, and samples.

    cd models/training && /usr/bin/python3 -m text.evaluate --ckpt text/runs/verse_final.pt   # writes text/runs/metrics.json, samples.json

The checkpoint may be train.py's <out>_final.pt or its best-by-validation <out>_best.pt (weights + cfg + step info).

* model: NLL of every token of the held-out stream (documents joined with <|endoftext|>, see train.py), in
  256-token windows moved by 128 (each token scored once, with >= 128 tokens of context after the first window);
  bits per byte = total NLL / ln 2 / UTF-8 bytes of the held-out text (the <|endoftext|> predictions are
  counted in the NLL, they carry no bytes).
* baselines on the same split: an interpolated Witten-Bell token trigram over the same BPE tokens, and an
  interpolated Witten-Bell byte 5-gram (document separator as an extra symbol), both trained on the training split.
* samples: a few prompts at temperature 0.7 and 1.0 (fixed seed, plain temperature sampling, at most 60 new tokens,
  stops at <|endoftext|>), generated with the KV cache.
"""
import argparse
import collections
import json
import math
import os

import numpy as np
import torch

from . import bpe
from . import data
from .export import load, torch_step
from .train import TOKENIZER, token_streams

HERE = os.path.dirname(os.path.abspath(__file__))
PROMPTS = ["The moon", "A friend is", "Shall I compare", "Never trust a", "I heard a"]


class WittenBell:
    """Interpolated Witten-Bell n-gram over integer symbols 0..V-1 (uniform base distribution)."""

    def __init__(self, order, V):
        self.n, self.V = order, V
        self.c = [collections.defaultdict(collections.Counter) for _ in range(order)]

    def fit(self, seq):
        seq = list(seq)
        for k in range(self.n):
            ck = self.c[k]
            for i in range(k, len(seq)):
                ck[tuple(seq[i - k:i])][seq[i]] += 1
        self.tot = [{ctx: sum(c.values()) for ctx, c in ck.items()} for ck in self.c]
        return self

    def prob(self, ctx, w):
        p = 1.0 / self.V
        for k in range(self.n):
            if k > len(ctx):
                break
            h = tuple(ctx[len(ctx) - k:]) if k else ()
            c = self.c[k].get(h)
            if c is None:
                break
            t, T = self.tot[k][h], len(c)
            p = (c.get(w, 0) + T * p) / (t + T)
        return p

    def nll(self, seq, sep=None):
        """Total nats of seq[1:] given the preceding symbols; context is cut at `sep` (document start)."""
        tot, start = 0.0, 0
        for i in range(1, len(seq)):
            if seq[i - 1] == sep:
                start = i - 1
            ctx = seq[max(start, i - self.n + 1):i]
            tot -= math.log(self.prob(ctx, seq[i]))
        return tot


@torch.no_grad()
def model_nll(m, ids, seq=256, stride=128):
    """Total NLL (nats) and count over all predicted tokens of ids (ids[1:]), sliding windows of `seq` inputs moved
    by `stride`: each token is scored once, with at least seq - stride tokens of context after the first window."""
    tot, n, done = 0.0, 0, 0  # done: targets ids[1..done] already scored
    for s in range(0, len(ids) - 1, stride):
        w = torch.from_numpy(ids[s:s + seq + 1]).unsqueeze(0)
        if w.shape[1] < 2:
            break
        logits, _ = m(w[:, :-1])
        k = done - s  # the first k targets of this window were scored by the previous one
        nll = torch.nn.functional.cross_entropy(logits[0, k:], w[0, 1 + k:], reduction="sum").item()
        tot += nll
        n += w.shape[1] - 1 - k
        done = s + w.shape[1] - 1
        if done >= len(ids) - 1:
            break
    assert n == len(ids) - 1
    return tot, n


@torch.no_grad()
def sample(m, tok, prompt, temperature, seed, max_new=60):
    g = torch.Generator().manual_seed(seed)
    ids = [tok.eot_id] + tok.encode(prompt)
    logits, past = torch_step(m, [ids])
    out = []
    for _ in range(max_new):
        if len(ids) + len(out) >= m.cfg["n_positions"]:
            break
        p = torch.softmax(torch.from_numpy(logits[0, -1]) / temperature, -1)
        nxt = int(torch.multinomial(p, 1, generator=g))
        if nxt == tok.eot_id:
            break
        out.append(nxt)
        logits, past = torch_step(m, [[nxt]], past)
    return tok.decode(out)


def baselines(tok):
    train_ids, held_ids = token_streams()
    eot = tok.eot_id
    tri = WittenBell(3, len(tok.inv)).fit(train_ids.tolist())
    tri_nll = tri.nll(held_ids.tolist(), sep=eot)
    train, held = data.split(data.load_documents())
    SEP = 256

    def bstream(docs):
        s = [SEP]
        for d in docs:
            s.extend(d.encode("utf-8"))
            s.append(SEP)
        return s

    b5 = WittenBell(5, 257).fit(bstream(train))
    b5_nll = b5.nll(bstream(held), sep=SEP)
    return tri_nll, b5_nll


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "verse_final.pt"))
    ap.add_argument("--out", default=os.path.join(HERE, "runs"))
    ap.add_argument("--baselines-only", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(1)
    tok = bpe.Tokenizer(TOKENIZER)
    _, held_ids = token_streams()
    _, held_docs = data.split(data.load_documents())
    held_bytes = sum(len(d.encode("utf-8")) for d in held_docs)
    n_tok = len(held_ids) - 1
    cache = os.path.join(HERE, ".cache", "baselines.json")
    if os.path.exists(cache):
        with open(cache) as f:
            bl = json.load(f)
    else:
        tri_nll, b5_nll = baselines(tok)
        bl = {"trigram_nll": tri_nll, "byte5_nll": b5_nll}
        with open(cache, "w") as f:
            json.dump(bl, f)
    met = {
        "heldOutDocuments": len(held_docs), "heldOutTokens": n_tok, "heldOutBytes": held_bytes,
        "bytesPerToken": round(held_bytes / n_tok, 3),
        "tokenTrigramLossPerToken": round(bl["trigram_nll"] / n_tok, 4),
        "tokenTrigramBitsPerByte": round(bl["trigram_nll"] / math.log(2) / held_bytes, 4),
        "byte5gramBitsPerByte": round(bl["byte5_nll"] / math.log(2) / held_bytes, 4),
    }
    print(json.dumps(met, indent=1))
    if a.baselines_only:
        return
    m, ck = load(a.ckpt)
    nll, n = model_nll(m, held_ids)
    met.update({"heldOutLossPerToken": round(nll / n, 4), "heldOutPerplexity": round(math.exp(nll / n), 2),
                "heldOutBitsPerByte": round(nll / math.log(2) / held_bytes, 4), "steps": int(ck["step"]),
                "tokensSeen": int(ck.get("tokens_seen", 0)), "trainMinutes": round(ck.get("train_seconds", 0) / 60, 1)})
    if ck.get("val_loss") is not None:  # a best-by-validation checkpoint (train.py's <out>_best.pt)
        met["validationLossPerToken"] = round(float(ck["val_loss"]), 4)
    print(json.dumps(met, indent=1))
    with open(os.path.join(a.out, "metrics.json"), "w") as f:
        json.dump(met, f, indent=1)
    samples = []
    for i, p in enumerate(PROMPTS):
        for t in (0.7, 1.0):
            s = sample(m, tok, p, t, seed=100 + i)
            samples.append({"prompt": p, "temperature": t, "seed": 100 + i, "text": s})
            print(f"--- [{t}] {p!r}\n{p}{s}")
    with open(os.path.join(a.out, "samples.json"), "w") as f:
        json.dump(samples, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
