"""Token data for the melody models (tokens: INTERFACE.md; produced by `node melody/prepare.mjs`).

* load_tunes(): the first models' tunes from .cache/tunes.json (4/4, 2/4, 2/2 only; 16-step bars from tick 0).
* load_meter_tunes(): every tune in one meter class (4/4 with 2/2, 2/4, 3/4, 6/8, 9/8; bars of the meter).
* split(tunes): (train, held-out) by tune, ~10 % held out with a fixed seed; never train on held-out tunes.
* split_meters(tunes): the same per meter class, the first models' set split exactly as they were (so their held-out
  tunes stay unseen by every model).
* windows(tunes, T): every bar-aligned window of T steps, with the token just before it (REST at the tune start).
* transpose / random_shift: the −5…+6 semitone augmentation, only where every note stays inside 48…95.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache", "tunes.json")
REST, HOLD, NOTE_BASE, PMIN, PMAX, V, SPB = 0, 1, 2, 48, 95, 50, 16
SHIFTS = np.arange(-5, 7)
SPLIT_SEED = 1234
HELDOUT_FRACTION = 0.10


def _read(path):
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path} missing: run `node melody/prepare.mjs` first")
    with open(path) as f:
        tunes = json.load(f)["tunes"]
    for t in tunes:
        t["tokens"] = np.asarray(t["tokens"], dtype=np.int64)
    return tunes


def load_tunes(path=CACHE):
    """The first (4/4) models' tunes: every meter 4/4, 2/4 or 2/2, in 16-step bars."""
    return [t for t in _read(path) if t.get("first", True)]


def load_meter_tunes(path=CACHE):
    """Every tune with one meter class; the first models' set keeps its 16-step bars (`stepsPerBar` 16 for 4/4)."""
    tunes = _read(path)
    for t in tunes:
        if t["first"] and t["meter"] == "2/4":
            # The 2/4 tunes of the first set were padded to 16-step bars: pad to their own 8-step bars instead.
            t["tokens"] = np.trim_zeros(t["tokens"], "b") if (t["tokens"] > 0).any() else t["tokens"]
            t["tokens"] = np.concatenate([t["tokens"], np.zeros((-len(t["tokens"])) % 8, dtype=np.int64)])
    return tunes


def split_meters(tunes):
    """(train, held-out): the first models' set split as `split` did, each other meter class on its own."""
    first = [t for t in tunes if t["first"]]
    train, held = split(first)
    for m in sorted({t["meter"] for t in tunes if not t["first"]}):
        tr, he = split([t for t in tunes if not t["first"] and t["meter"] == m])
        train, held = train + tr, held + he
    return train, held


def split(tunes):
    names = sorted(t["name"] for t in tunes)
    rng = np.random.default_rng(SPLIT_SEED)
    held = set(rng.choice(names, size=int(round(len(names) * HELDOUT_FRACTION)), replace=False).tolist())
    return [t for t in tunes if t["name"] not in held], [t for t in tunes if t["name"] in held]


def windows(tunes, T, stride_bars=1, min_notes=1):
    """Bar-aligned windows: returns (x [N, T+1] with x[:, 0] the previous token, tune index [N], start step [N])."""
    xs, ti, st = [], [], []
    for i, t in enumerate(tunes):
        tok = t["tokens"]
        for s in range(0, len(tok) - T + 1, SPB * stride_bars):
            w = tok[s:s + T]
            if (w >= NOTE_BASE).sum() < min_notes:
                continue
            prev = tok[s - 1] if s > 0 else REST
            xs.append(np.concatenate([[prev], w]))
            ti.append(i)
            st.append(s)
    return np.stack(xs).astype(np.int64), np.array(ti), np.array(st)


def pitch_range(x):
    """(min, max) MIDI pitch per row of a token array (rows without notes: (PMIN, PMIN))."""
    notes = x >= NOTE_BASE
    p = np.where(notes, x - NOTE_BASE + PMIN, 0)
    hi = p.max(axis=1)
    lo = np.where(notes, p, 10_000).min(axis=1)
    lo = np.where(notes.any(axis=1), lo, PMIN)
    hi = np.where(notes.any(axis=1), hi, PMIN)
    return lo, hi


def transpose(x, shift):
    """Transpose a token array by `shift` semitones (per row if shift is an array)."""
    shift = np.asarray(shift)
    if shift.ndim == 1:
        shift = shift[:, None]
    return np.where(x >= NOTE_BASE, x + shift, x)


def random_shift(x, rng):
    """A random valid transposition in −5…+6 per row (0 is always valid)."""
    lo, hi = pitch_range(x)
    ok = (lo[:, None] + SHIFTS[None, :] >= PMIN) & (hi[:, None] + SHIFTS[None, :] <= PMAX)
    r = rng.random(ok.shape) * ok
    return SHIFTS[r.argmax(axis=1)]


class Batcher:
    """Random batches of augmented windows."""

    def __init__(self, x, seed=0, augment=True):
        self.x, self.rng, self.augment = x, np.random.default_rng(seed), augment

    def __call__(self, batch):
        idx = self.rng.integers(0, len(self.x), size=batch)
        x = self.x[idx]
        if self.augment:
            x = transpose(x, random_shift(x, self.rng))
        return x


def pad_windows(tunes, T, stride_bars=4):
    """Windows of up to T steps for the RNN (tunes shorter than T are padded with -1 = ignored).

    Returns x [N, T+1] (x[:, 0] previous token; -1 marks padding) and start steps [N]."""
    xs, st = [], []
    for t in tunes:
        tok = t["tokens"]
        starts = list(range(0, max(len(tok) - T, 0) + 1, SPB * stride_bars))
        for s in starts:
            w = tok[s:s + T]
            prev = tok[s - 1] if s > 0 else REST
            row = np.full(T + 1, -1, dtype=np.int64)
            row[0] = prev
            row[1:1 + len(w)] = w
            xs.append(row)
            st.append(s)
    return np.stack(xs), np.array(st)
