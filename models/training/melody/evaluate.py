"""Evaluate the melody VAE and the melody LSTM on the held-out tunes, against a bigram baseline.

  cd models/training && /usr/bin/python3 -m melody.evaluate --vae melody/runs/vae_final.pt --rnn melody/runs/rnn_final.pt
      [--samples 200] [--out melody/runs/metrics.json]

Writes runs/metrics.json (read by export.py, checked against the checkpoints by step and weight hash):
* bigram: add-k smoothed token bigram counted on the (transposition-augmented) training tunes
* rnn: teacher-forced per-token accuracy / NLL over the full held-out tunes (zero state, REST first input)
* vae: over every bar-aligned held-out segment: teacher-forced accuracy / reconstruction NLL with z = mean, ELBO per
  token (one z sample), KL per segment, greedy reconstruction accuracy (encode mean -> greedy decode), active units;
  PCA of the encoded (untransposed) training segments; the 12 held-out segments exported to models/melody-vae/heldout
* statistics of generated melodies (temperature 1.0, --samples segments of 4 bars) vs held-out data segments
"""
import argparse
import hashlib
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import load_checkpoint, normal_kl

from .data import (HOLD, NOTE_BASE, PMIN, REST, SHIFTS, SPB, V, load_tunes, pitch_range, split, transpose, windows)
from .model import VAE, MelodyRNN, count_params

HERE = os.path.dirname(os.path.abspath(__file__))
BIGRAM_K = 0.1
HELDOUT_SEED = 7
N_HELDOUT = 12
MAJOR = np.array([0, 2, 4, 5, 7, 9, 11])


def weights_hash(m):
    h = hashlib.sha256()
    for k, v in sorted(m.state_dict().items()):
        h.update(k.encode())
        h.update(v.detach().cpu().numpy().astype("<f4").tobytes())
    return h.hexdigest()[:16]


def load(path, cls):
    return load_checkpoint(path, lambda ck: cls(ck["config"]))


# ---------------------------------------------------------------- bigram baseline
def augmented(tunes):
    for t in tunes:
        tok = t["tokens"]
        lo, hi = pitch_range(tok[None])
        for s in SHIFTS:
            if lo[0] + s >= PMIN and hi[0] + s <= PMIN + V - NOTE_BASE - 1:
                yield transpose(tok, int(s))


def bigram(train, k=BIGRAM_K):
    c = np.zeros((V, V))
    for tok in augmented(train):
        seq = np.concatenate([[REST], tok])
        np.add.at(c, (seq[:-1], seq[1:]), 1)
    p = (c + k) / (c + k).sum(1, keepdims=True)
    return np.log(p)


def bigram_score(logp, x):
    """x [N, S+1] (x[:, 0] previous token) -> (sum NLL, correct, count)."""
    prev, tgt = x[:, :-1], x[:, 1:]
    nll = -logp[prev, tgt].sum()
    correct = (logp[prev].argmax(-1) == tgt).sum()
    return float(nll), int(correct), int(tgt.size)


def bigram_sample(logp, n, T, rng, temperature=1.0):
    p = np.exp(logp / temperature)
    p /= p.sum(1, keepdims=True)
    out = np.zeros((n, T), dtype=np.int64)
    for i in range(n):
        prev = REST
        for t in range(T):
            prev = rng.choice(V, p=p[prev])
            out[i, t] = prev
    return out


# ---------------------------------------------------------------- melody statistics
def notes_of(seq):
    """[(onset, length, pitch)] of a token sequence (a HOLD after REST counts as REST)."""
    notes, cur = [], None
    for i, t in enumerate(seq):
        if t >= NOTE_BASE:
            if cur:
                notes.append((cur[0], i - cur[0], cur[1]))
            cur = (i, int(t) - NOTE_BASE + PMIN)
        elif t == REST or (t == HOLD and cur is None):
            if cur:
                notes.append((cur[0], i - cur[0], cur[1]))
            cur = None
    if cur:
        notes.append((cur[0], len(seq) - cur[0], cur[1]))
    return notes


def best_key_share(pcs):
    """Share of notes in the best-fitting major / (natural) minor key: the best of the 12 diatonic pitch sets."""
    if len(pcs) == 0:
        return np.nan
    return max(np.isin(pcs, (MAJOR + r) % 12).mean() for r in range(12))


def melody_stats(seqs, tonics=None):
    """seqs: token arrays (4-bar segments); tonics: the key signature's tonic pitch class (major) per segment."""
    in_key, in_best, rng_, rep, dens, length, rest, bad_hold = [], [], [], [], [], [], [], []
    n_rep = n_pairs = 0
    for i, s in enumerate(seqs):
        s = np.asarray(s)
        notes = notes_of(s)
        rest.append(float((s == REST).mean()))
        bad_hold.append(float(((s[1:] == HOLD) & (s[:-1] == REST)).mean()))
        dens.append(len(notes) / (len(s) / SPB))
        if not notes:
            continue
        pitches = np.array([n[2] for n in notes])
        pcs = pitches % 12
        if tonics is not None:
            in_key.append(float(np.isin(pcs, (MAJOR + tonics[i]) % 12).mean()))
        in_best.append(best_key_share(pcs))
        rng_.append(int(pitches.max() - pitches.min()))
        n_rep += int((pitches[1:] == pitches[:-1]).sum())
        n_pairs += len(pitches) - 1
        length.extend(n[1] for n in notes)
    out = {
        "segments": len(seqs),
        "inKeyShareBestFit": round(float(np.mean(in_best)), 4),
        "pitchRangeSemitones": round(float(np.mean(rng_)), 3),
        "repeatShare": round(n_rep / max(n_pairs, 1), 4),
        "notesPerBar": round(float(np.mean(dens)), 3),
        "meanNoteLengthSteps": round(float(np.mean(length)), 3),
        "restShare": round(float(np.mean(rest)), 4),
        "holdAfterRestShare": round(float(np.mean(bad_hold)), 5),
    }
    if tonics is not None:
        out["inKeyShareKeySignature"] = round(float(np.mean(in_key)), 4)
    return out


# ---------------------------------------------------------------- RNN
@torch.no_grad()
def rnn_teacher_forced(m, tunes):
    tot = cor = n = 0
    for t in tunes:
        tok = torch.from_numpy(t["tokens"])[None]
        prev = torch.cat([torch.zeros(1, 1, dtype=torch.long), tok[:, :-1]], 1)
        pos = torch.arange(tok.shape[1])[None] % SPB
        logits, _, _ = m(prev, pos)
        tot += F.cross_entropy(logits[0], tok[0], reduction="sum").item()
        cor += (logits[0].argmax(-1) == tok[0]).sum().item()
        n += tok.shape[1]
    return tot / n, cor / n, n


@torch.no_grad()
def rnn_sample(m, n, T, seed, temperature=1.0, prefix=None):
    """Sample n sequences of T steps (after the optional prefix [n, P], teacher-forced first)."""
    g = torch.Generator().manual_seed(seed)
    h = c = None
    tok = torch.full((n,), REST, dtype=torch.long)
    t0 = 0
    out = []
    if prefix is not None:
        prefix = torch.as_tensor(prefix)
        prev = torch.cat([tok[:, None], prefix[:, :-1]], 1)
        _, h, c = m(prev, torch.arange(prefix.shape[1])[None].expand(n, -1) % SPB)
        tok = prefix[:, -1]
        t0 = prefix.shape[1]
    for t in range(t0, t0 + T):
        logits, h, c = m(tok[:, None], torch.full((n, 1), t % SPB, dtype=torch.long), h, c)
        tok = torch.multinomial(torch.softmax(logits[:, 0] / temperature, -1), 1, generator=g)[:, 0]
        out.append(tok)
    return torch.stack(out, 1).numpy()


# ---------------------------------------------------------------- VAE
@torch.no_grad()
def vae_encode(vae, x, bs=512):
    ms, lvs = [], []
    for i in range(0, len(x), bs):
        m, lv = vae.encoder(torch.from_numpy(x[i:i + bs, 1:]))
        ms.append(m)
        lvs.append(lv)
    return torch.cat(ms).numpy(), torch.cat(lvs).numpy()


@torch.no_grad()
def vae_eval(vae, x, bs=256, seed=0):
    torch.manual_seed(seed)
    rec_nll = elbo = kl_sum = cor = gcor = 0.0
    per_seg_acc = []
    T = vae.T
    for i in range(0, len(x), bs):
        xb = torch.from_numpy(x[i:i + bs])
        tgt = xb[:, 1:]
        mean, logvar = vae.encoder(tgt)
        kl = normal_kl(mean, logvar)
        steps = torch.arange(T).expand(len(xb), -1)
        for z, sampled in ((mean, False), (mean + torch.randn_like(mean) * (0.5 * logvar).exp(), True)):
            h, c = vae.decoder_init(z)
            logits, _, _ = vae.decoder(xb[:, :-1], steps, z, h, c)
            nll = F.cross_entropy(logits.reshape(-1, V), tgt.reshape(-1), reduction="none").view(len(xb), T).sum(1)
            if sampled:
                elbo += (nll + kl).sum().item()
            else:
                rec_nll += nll.sum().item()
                cor += (logits.argmax(-1) == tgt).sum().item()
        kl_sum += kl.sum().item()
        g = vae.greedy(mean, xb[:, 0])
        acc = (g == tgt).float().mean(1)
        gcor += acc.sum().item()
        per_seg_acc.extend(acc.tolist())
    n = len(x)
    return {
        "segments": n,
        "teacherForcedAccuracy": round(cor / (n * T), 4),
        "reconNllPerToken": round(rec_nll / (n * T), 4),
        "elboPerToken": round(elbo / (n * T), 4),
        "klPerSegment": round(kl_sum / n, 3),
        "greedyReconAccuracy": round(gcor / n, 4),
        "greedyReconAccuracyP10": round(float(np.percentile(per_seg_acc, 10)), 4),
        "greedyReconAccuracyMin": round(float(np.min(per_seg_acc)), 4),
    }


def pca(means):
    mu = means.mean(0)
    xc = means - mu
    cov = xc.T @ xc / len(xc)
    w, vecs = np.linalg.eigh(cov)
    order = np.argsort(w)[::-1]
    w, vecs = np.clip(w[order], 0, None), vecs[:, order].T
    return {"mean": [round(float(v), 6) for v in mu],
            "directions": [[round(float(v), 6) for v in row] for row in vecs],
            "variance": [round(float(v), 6) for v in w]}


def heldout_segments(held, T):
    """The first T steps (bar-aligned, previous token REST) of N_HELDOUT randomly chosen held-out tunes."""
    rng = np.random.default_rng(HELDOUT_SEED)
    names = sorted(t["name"] for t in held if len(t["tokens"]) >= T)
    pick = sorted(rng.choice(names, size=N_HELDOUT, replace=False).tolist())
    by = {t["name"]: t for t in held}
    return [(n, by[n]["tokens"][:T]) for n in pick]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vae", default=os.path.join(HERE, "runs", "vae_final.pt"))
    ap.add_argument("--rnn", default=os.path.join(HERE, "runs", "rnn_final.pt"))
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "metrics.json"))
    args = ap.parse_args()
    torch.set_num_threads(1)
    t_start = time.time()
    train, held = split(load_tunes())
    res = {"trainTunes": len(train), "heldOutTunes": len(held), "samplesN": args.samples}
    logp = bigram(train)
    rng = np.random.default_rng(0)

    vae, vck = load(args.vae, VAE)
    T = vae.T
    xh, hti, _ = windows(held, T)                       # every bar-aligned held-out segment
    xt, _, _ = windows(train, T)
    xd, dti, _ = windows(held, T, stride_bars=T // SPB)  # non-overlapping held-out segments (statistics)
    tonics = [held[i]["keyTonic"] for i in dti]

    # ---- bigram
    b_vae = bigram_score(logp, xh)
    b_tf = [0.0, 0, 0]
    for t in held:
        r = bigram_score(logp, np.concatenate([[REST], t["tokens"]])[None])
        b_tf = [a + b for a, b in zip(b_tf, r)]
    big_samples = bigram_sample(logp, args.samples, T, rng)
    res["bigram"] = {
        "k": BIGRAM_K,
        "tunesNllPerToken": round(b_tf[0] / b_tf[2], 4), "tunesAccuracy": round(b_tf[1] / b_tf[2], 4),
        "segmentsNllPerToken": round(b_vae[0] / b_vae[2], 4), "segmentsAccuracy": round(b_vae[1] / b_vae[2], 4),
        "samples": melody_stats(big_samples),
    }
    res["data"] = melody_stats(list(xd[:, 1:]), tonics)
    res["heldOutTokens"] = b_tf[2]
    print("bigram", res["bigram"], "\ndata", res["data"], flush=True)

    # ---- VAE
    ev = vae_eval(vae, xh)
    means, _ = vae_encode(vae, xh)
    ev["activeUnits"] = int((means.var(0) > 0.01).sum())
    g = torch.Generator().manual_seed(1)
    z = torch.randn(args.samples, vae.dim, generator=g)
    prior = vae.sample(z, torch.full((args.samples,), REST, dtype=torch.long), 1.0, generator=g).numpy()
    ev["priorSamples"] = melody_stats(list(prior))
    # greedy decode of prior samples too (what the app's explorer plays by default)
    prior_greedy = vae.greedy(z, torch.full((args.samples,), REST, dtype=torch.long)).numpy()
    ev["priorGreedy"] = melody_stats(list(prior_greedy))
    tmeans, _ = vae_encode(vae, xt)
    segs = heldout_segments(held, T)
    hx = np.stack([np.concatenate([[REST], s]) for _, s in segs])
    hm, _ = vae_encode(vae, hx)
    hg = vae.greedy(torch.from_numpy(hm), torch.full((len(hx),), REST, dtype=torch.long)).numpy()
    hacc = (hg == hx[:, 1:]).mean(1)
    threshold = float(np.floor((hacc.min() - 0.02) * 20) / 20)  # a regression guard just below the lowest exported one
    res["vae"] = {
        "ckpt": os.path.relpath(args.vae, HERE), "step": int(vck["step"]), "weights": weights_hash(vae),
        "config": vck["config"], "params": count_params(vae), "bars": T // SPB, "dim": vae.dim,
        "metrics": ev,
        "pca": pca(tmeans),
        "recon": {"heldOutAccuracy": ev["greedyReconAccuracy"], "threshold": max(threshold, 0.0)},
        "heldout": [{"tune": n, "tokens": s.tolist(), "greedyAccuracy": round(float(a), 4)}
                    for (n, s), a in zip(segs, hacc)],
        "trainSegments": int(len(xt)),
        "args": vck.get("args", {}),
    }
    print("vae", ev, "threshold", threshold, "heldout acc", hacc.round(3).tolist(), flush=True)

    # ---- RNN
    if args.rnn and os.path.exists(args.rnn):
        rnn, rck = load(args.rnn, MelodyRNN)
        nll, acc, n = rnn_teacher_forced(rnn, held)
        samples = rnn_sample(rnn, args.samples, T, seed=2)
        res["rnn"] = {
            "ckpt": os.path.relpath(args.rnn, HERE), "step": int(rck["step"]), "weights": weights_hash(rnn),
            "config": rck["config"], "params": count_params(rnn), "args": rck.get("args", {}),
            "metrics": {"tunesNllPerToken": round(nll, 4), "tunesAccuracy": round(acc, 4), "tokens": n,
                        "samples": melody_stats(list(samples))},
        }
        print("rnn", res["rnn"]["metrics"], flush=True)
    res["evalSeconds"] = round(time.time() - t_start, 1)
    with open(args.out, "w") as f:
        json.dump(res, f, indent=1)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
