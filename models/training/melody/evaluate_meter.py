"""Evaluate the meter-aware melody LSTM on held-out tunes of every meter, against the first (4/4) models and a
bigram baseline.

  cd models/training && /usr/bin/python3 -m melody.evaluate_meter --ckpt melody/runs/meter_final.pt \\
      [--old-rnn melody/.cache/old-rnn-step.onnx] [--samples 64] [--out melody/runs/meter-metrics.json]

Per meter (4/4 with 2/2, 2/4, 3/4, 6/8, 9/8):
* teacher-forced NLL and accuracy over every 16-bar window of the held-out tunes (and over their first 2 bars);
* `--samples` melodies of 16 bars at temperature 1.0 from the tune start, each in a key signature drawn uniformly
  (the app's defaults: no scale lock; a HOLD only after a sounding note; the "repeat" form — the first 8 bars played
  again with a new last bar — and "through", every bar drawn), against the held-out tunes' first 16 bars
  and a per-meter token bigram (add-k 0.1, counted on the same training tunes in every transposition):
  - share of note time in the best-fitting major/minor key (the best of the 12 diatonic pitch sets): median, p10, min;
  - share of note time in the key signature the model was given;
  - phrase return: the share of 4-bar phrases 2–4 that repeat an earlier phrase of the same melody (at least 90 % of
    their 16th steps identical);
* the first models in 4/4: the first melody LSTM (no meter, no key, 4-bar position only: its step.onnx, kept before
  the export replaces it) and the melody VAE's Generate (four 4-bar latents chained as the app does, coherence 0.6),
  both run through onnxruntime-node, 16 bars at temperature 1.0.
"""
import argparse
import json
import os

import numpy as np
import torch

from common import load_checkpoint, run_onnx

from .data import HOLD, NOTE_BASE, PMIN, PMAX, REST, SHIFTS, V, load_meter_tunes, pitch_range, split_meters, transpose
from .model import METER_STEPS, METERS, MeterRNN
from .train_meter import held_eval, meter_windows

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
MAJOR = np.array([0, 2, 4, 5, 7, 9, 11])
BARS = 16


def note_time(seq):
    """(pitch class, duration in steps) of each note of a token sequence."""
    out = []
    for t in seq:
        if t >= NOTE_BASE:
            out.append([(t - NOTE_BASE + PMIN) % 12, 1])
        elif t == HOLD and out:
            out[-1][1] += 1
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def key_share(seq, tonic=None):
    """Share of note time in the diatonic set of `tonic` (None: the best-fitting of the 12)."""
    nt = note_time(seq)
    if not len(nt):
        return 0.0
    tot = nt[:, 1].sum()
    shares = [nt[np.isin(nt[:, 0], (MAJOR + r) % 12), 1].sum() / tot for r in range(12)]
    return float(max(shares) if tonic is None else shares[tonic])


def phrase_return(seq, spb, bars=4, same=0.9):
    """Share of the phrases after the first that repeat an earlier one (>= `same` of their steps identical)."""
    n = bars * spb
    ph = [np.asarray(seq[i:i + n]) for i in range(0, len(seq) - n + 1, n)]
    if len(ph) < 2:
        return None
    back = [any((p == q).mean() >= same for q in ph[:j]) for j, p in enumerate(ph) if j > 0]
    return float(np.mean(back))


def summary(seqs, spb, tonics=None):
    best = np.array([key_share(s) for s in seqs])
    out = {"n": len(seqs), "inKeyBestFitMedian": round(float(np.median(best)), 4),
           "inKeyBestFitMean": round(float(best.mean()), 4), "inKeyBestFitP10": round(float(np.percentile(best, 10)), 4),
           "inKeyBestFitMin": round(float(best.min()), 4)}
    if tonics is not None:
        out["inGivenKeyMedian"] = round(float(np.median([key_share(s, k) for s, k in zip(seqs, tonics)])), 4)
    rets = [r for r in (phrase_return(s, spb) for s in seqs) if r is not None]
    out["phraseReturn"] = round(float(np.mean(rets)), 4) if rets else None
    notes = [int((np.asarray(s) >= NOTE_BASE).sum()) for s in seqs]
    out["notesPerBar"] = round(float(np.mean(notes)) / BARS, 2)
    out["restShare"] = round(float(np.mean([(np.asarray(s) == REST).mean() for s in seqs])), 4)
    return out


def hold_ok(prev):
    """[n, V] additive mask: no HOLD after a REST."""
    mask = torch.zeros(len(prev), V)
    mask[prev == REST, HOLD] = -float("inf")
    return mask


def form_plan(bars, form):
    """The app's Generate form (main/services/melody/lstm.ts formPlan): ("draw", n) or ("repeat", n, from)."""
    part = 8 if bars >= 16 else 4
    if form == "through" or bars < 2 * part:
        return [("draw", bars)]
    plan, at = [], 0
    while bars - at >= 2 * part:
        plan += [("draw", part), ("repeat", part, at)]
        at += 2 * part
    if bars > at:
        plan.append(("draw", bars - at))
    return plan


@torch.no_grad()
def lstm_sample(m, n, meter, tonics, seed, temperature=1.0, form="through", bars=BARS):
    """n melodies of `bars` bars; "repeat": each part played again (the model reads it) with a new last bar."""
    g = torch.Generator().manual_seed(seed)
    spb = METER_STEPS[meter]
    mt = torch.full((n,), meter, dtype=torch.long)
    key = torch.as_tensor(tonics, dtype=torch.long)
    tok, h, c, out = torch.full((n,), REST, dtype=torch.long), None, None, []

    def step(forced=None):
        nonlocal tok, h, c
        logits, h, c = m(tok[:, None], torch.full((n, 1), len(out), dtype=torch.long), mt, key, h, c)
        if forced is None:
            p = torch.softmax(logits[:, 0] / temperature + hold_ok(tok), -1)
            tok = torch.multinomial(p, 1, generator=g)[:, 0]
        else:
            tok = forced
        out.append(tok)

    for part in form_plan(bars, form):
        if part[0] == "draw":
            for _ in range(part[1] * spb):
                step()
        else:
            _, length, at = part
            for t in range(at * spb, (at + length - 1) * spb):
                step(out[t])
            for _ in range(spb):
                step()
    return torch.stack(out, 1).numpy()


def draw(logits, prev, rng, temperature=1.0):
    z = logits / temperature + np.where((prev == REST)[:, None] & (np.arange(V) == HOLD)[None], -np.inf, 0)
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    return np.array([rng.choice(V, p=row) for row in p], dtype=np.int64)


def old_rnn_sample(path, n, seed, L=2, H=320):
    rng = np.random.default_rng(seed)
    tok, h, c, out = np.full(n, REST, np.int64), np.zeros((L, n, H), np.float32), np.zeros((L, n, H), np.float32), []
    for t in range(BARS * 16):
        r = run_onnx(path, {"token": tok, "pos": np.full(n, t % 16, np.int64), "h": h, "c": c})[0]
        tok, h, c = draw(r["logits"], tok, rng), r["h_out"], r["c_out"]
        out.append(tok)
    return np.stack(out, 1)


def old_vae_generate(folder, n, seed, coherence=0.6):
    """The app's VAE Generate: a random walk over four segment latents, each decoded after the one before."""
    man = json.load(open(os.path.join(folder, "model.json")))
    D = man["melody"]["dim"]
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((n, D)).astype(np.float32)
    tok, out = np.full(n, REST, np.int64), []
    for k in range(BARS // man["melody"]["bars"]):
        if k:
            z = (coherence * z + np.sqrt(1 - coherence ** 2) * rng.standard_normal((n, D))).astype(np.float32)
        st = run_onnx(os.path.join(folder, "decoder_init.onnx"), {"z": z})[0]
        h, c = st["h"], st["c"]
        for t in range(man["melody"]["bars"] * 16):
            r = run_onnx(os.path.join(folder, "decoder_step.onnx"),
                         {"token": tok, "step": np.full(n, t, np.int64), "z": z, "h": h, "c": c})[0]
            tok, h, c = draw(r["logits"], tok, rng), r["h_out"], r["c_out"]
            out.append(tok)
    return np.stack(out, 1)


def bigram(train, k=0.1):
    c = np.zeros((V, V))
    for t in train:
        tok = t["tokens"]
        lo, hi = pitch_range(tok[None])
        for s in SHIFTS:
            if lo[0] + s >= PMIN and hi[0] + s <= PMAX:
                seq = np.concatenate([[REST], transpose(tok, int(s))])
                np.add.at(c, (seq[:-1], seq[1:]), 1)
    p = (c + k) / (c + k).sum(1, keepdims=True)
    return np.log(p)


def bigram_sample(logp, n, steps, rng):
    tok, out = np.full(n, REST, np.int64), []
    for _ in range(steps):
        tok = draw(logp[tok], tok, rng)
        out.append(tok)
    return np.stack(out, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "meter_final.pt"))
    ap.add_argument("--old-rnn", default=os.path.join(HERE, ".cache", "old-rnn-step.onnx"))
    ap.add_argument("--samples", type=int, default=64)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "meter-metrics.json"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    m, ck = load_checkpoint(args.ckpt, lambda c: MeterRNN(c["config"]))
    train, held = split_meters(load_meter_tunes())
    res = {"step": ck["step"], "trainSeconds": ck.get("train_seconds"), "trainTunes": len(train),
           "heldOutTunes": len(held), "teacherForced16Bars": held_eval(m, meter_windows(held, stride_bars=BARS)),
           "teacherForced2Bars": held_eval(m, meter_windows(held, stride_bars=10_000, bars=2)), "meters": {}}
    rng = np.random.default_rng(5)
    for mi, name in enumerate(METERS):
        spb = METER_STEPS[mi]
        mine = [t for t in held if t["meter"] == name]
        data = [t["tokens"][:BARS * spb] for t in mine if len(t["tokens"]) >= BARS * spb]
        tonics = rng.integers(0, 12, size=args.samples)
        ours = lstm_sample(m, args.samples, mi, tonics, seed=100 + mi, form="repeat")
        through = lstm_sample(m, args.samples, mi, tonics, seed=100 + mi, form="through")
        big = bigram(t for t in train if t["meter"] == name)
        entry = {"heldOutTunes": len(mine), "data": summary(data, spb),
                 "lstm": summary(list(ours), spb, tonics),
                 "lstmThrough": summary(list(through), spb, tonics),
                 "bigram": summary(list(bigram_sample(big, args.samples, BARS * spb, rng)), spb)}
        if name == "4/4" and os.path.exists(args.old_rnn):
            entry["firstLstm"] = summary(list(old_rnn_sample(args.old_rnn, args.samples, 7)), spb)
            entry["firstVaeGenerate"] = summary(list(old_vae_generate(os.path.join(ROOT, "models", "melody-vae"),
                                                                      args.samples, 8)), spb)
        res["meters"][name] = entry
        print(name, json.dumps(entry), flush=True)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(res, f, indent=1)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
