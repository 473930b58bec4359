"""Write models/melody-vae/CARD.md and models/melody-rnn/CARD.md from runs/metrics.json and the manifests.

  cd models/training && /usr/bin/python3 -m melody.cards     (after evaluate.py and export.py)
"""
import json
import os

from .model import RNN_CONFIGS, VAE_CONFIGS

HERE = os.path.dirname(os.path.abspath(__file__))
VAE_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "melody-vae"))
RNN_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "melody-rnn"))


def j(p):
    with open(p) as f:
        return json.load(f)


def f3(x):
    return f"{x:.3f}"


def pct(x):
    return f"{100 * x:.1f} %"


STAT_ROWS = [("inKeyShareKeySignature", "notes in the key (data: key signature; samples: —)", pct),
             ("inKeyShareBestFit", "notes in the best-fitting major/minor key", pct),
             ("pitchRangeSemitones", "pitch range per 4 bars (semitones)", lambda x: f"{x:.1f}"),
             ("repeatShare", "notes repeating the previous pitch", pct),
             ("notesPerBar", "note density (notes per bar)", lambda x: f"{x:.2f}"),
             ("meanNoteLengthSteps", "mean note length (16th steps)", lambda x: f"{x:.2f}"),
             ("restShare", "steps that are REST", pct),
             ("holdAfterRestShare", "invalid HOLD after REST (share of steps)", pct)]


def stats_table(cols):
    """cols: [(header, stats dict)]"""
    out = ["| statistic | " + " | ".join(h for h, _ in cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for key, label, fmt in STAT_ROWS:
        out.append(f"| {label} | " + " | ".join(fmt(s[key]) if key in s else "—" for _, s in cols) + " |")
    out.append("| segments | " + " | ".join(str(s["segments"]) for _, s in cols) + " |")
    return "\n".join(out)


def files_row(man):
    return ", ".join(f"`{f['path']}` ({f['bytes']:,} bytes, sha256 `{f['sha256'][:16]}…`)" for f in man["files"])


def lat(d):
    return f"{d['medianMs']:.2f} ms median (first run {d['firstMs']:.2f} ms, p90 {d['p90Ms']:.2f} ms)"


DATA = """## Data

- Source: the Nottingham Music Database folk tunes (jigs, reels, hornpipes, waltzes, …) as cleaned and converted
  to MIDI by the "Nottingham dataset" project: `MIDI/melody/*.mid`, 1,034 single-track melody files (ppq 1024, no
  tempo events, MIDI key signatures present). Licence of the data: **GPLv3** (the dataset's `LICENSE.md`), so the
  trained weights are distributed as **GPL-3.0-or-later**.
- Used: the {kept} tunes whose meter is entirely 4/4, 2/4 or 2/2 (533 × 4/4, 40 × 2/4, 7 × 2/2, 1 mixed
  4/4 + 2/4); 6/8, 3/4, 9/8 and other meters (453 tunes) are skipped. The 16th grid and 16-step (whole-note) bars are
  counted from tick 0; the grid is bar-aligned: beat 1 has the most onsets of the 16 positions (19,514 of 108,222
  onsets, vs 18,362 on beat 3 and ≤ 16,754 elsewhere) and 577 of the 581 tunes have at least as many onsets on beat 1
  as on beat 3. Pickups are therefore RESTs at the start of the first bar (472 tunes do not start on beat 1).
- Tokenisation (`prepare.mjs`, see `INTERFACE.md`): onsets snapped to the nearest 16th (1,574 off-grid onsets, mostly
  triplets), notes shorter than a step last one step, monophonic (327 overlapping / simultaneous notes cut).
  All pitches fall in 55–88, inside the model range 48–95.
- Split **by tune** with a fixed seed (`data.py`): **{train} tunes for training, {held} held out** (never used for
  training or checkpoint selection). Training augmentation: every window transposed by a random shift in −5…+6
  semitones among those that keep all its notes inside 48…95.
"""

BIGRAM = """The **bigram baseline** is a token bigram P(token | previous token) counted on the same training tunes with
the same transpositions (every valid shift of every tune), add-k smoothing with k = {k}; its first token is
conditioned on REST, like the models'."""


def opening_rest_share(ev):
    """REST share of the first 4 bars of the held-out tunes."""
    from .data import REST, load_tunes, split
    held = split(load_tunes())[1]
    return sum(float((t["tokens"][:64] == REST).mean()) for t in held) / len(held)


def vae_card(ev, man):
    c = VAE_CONFIGS[ev["vae"]["config"]]
    m = ev["vae"]["metrics"]
    b = ev["bigram"]
    mm = man["metrics"]
    lt = mm["latencyMsOneThread"]
    T = c["bars"] * 16
    var = man["melody"]["pca"]["variance"]
    recon = man["melody"]["recon"]
    held = j(os.path.join(VAE_DIR, "heldout", "index.json"))
    tr = man["training"]
    ck_args = ev["vae"].get("args", {})
    return f"""# Melody VAE (`melody-vae`)

A MusicVAE-style **variational autoencoder for {c['bars']}-bar monophonic melodies** ({T} sixteenth-note steps), trained
on British and Irish folk tunes (Nottingham Music Database). The app encodes a melody segment to a
{c['dim']}-dimensional latent point, moves through the latent space (PCA axes, interpolation between two melodies,
variations around a point) and decodes step by step with `decoder_step.onnx`. The token grid and the graphs'
contract are in `models/training/melody/INTERFACE.md`.

| | |
|---|---|
| Files | {files_row(man)}; opset 17, float32 |
| Parameters | {ev['vae']['params']:,} (config `{ev['vae']['config']}`) |
| Architecture | encoder: token embedding {c['emb']} → bidirectional LSTM ({c['enc']} per direction) → linear → mean, logvar (D = {c['dim']}); `decoder_init`: linear(z) → tanh → initial (h, c) of the {c['layers']}×{c['hidden']} decoder LSTM; `decoder_step`: input [token embedding {c['emb']}, z, step embedding {c['step_emb']}] → LSTM {c['layers']}×{c['hidden']} → linear → {50} logits |
| Latency (onnxruntime-node, batch 1, 1 intra-op thread, shared 2-vCPU VM) | encoder {lat(lt['encoder'])}; decoder_init {lat(lt['decoderInit'])}; decoder_step {lat(lt['decoderStep'])} → one {c['bars']}-bar segment ≈ {lt['decoderInit']['medianMs'] + T * lt['decoderStep']['medianMs']:.0f} ms |
| Model licence | **GPL-3.0-or-later** (trained on GPLv3 data) |
| Training | {tr['steps']:,} steps × 64 segments, {tr['durationMinutes']} min wall time, CPU only (1 thread, `nice 19`, 2 vCPUs shared with other jobs) |
| Code | `models/training/melody/` (its README has the exact commands) |

## Graphs

| graph | inputs | outputs |
|---|---|---|
| `encoder.onnx` | `tokens` int64 `[batch, {T}]` | `mean`, `logvar` float32 `[batch, {c['dim']}]` |
| `decoder_init.onnx` | `z` float32 `[batch, {c['dim']}]` | `h`, `c` float32 `[{c['layers']}, batch, {c['hidden']}]` |
| `decoder_step.onnx` | `token` int64 `[batch]` (previous token), `step` int64 `[batch]` (0…{T - 1}, index of the predicted token), `z`, `h`, `c` | `logits` float32 `[batch, 50]`, `h_out`, `c_out` |

Tokens: 0 REST, 1 HOLD, 2 + (p − 48) NOTE_ON of MIDI pitch p (48…95). At step 0 the previous token is the token
just before the segment (REST at a tune start), so consecutive segments chain. `batch` is dynamic; greedy decoding is
deterministic (tested).

- `melody.pca`: mean, all {c['dim']} principal directions (orthonormal rows, by variance) and variances of the posterior
  means of the {ev['vae']['trainSegments']:,} bar-aligned {c['bars']}-bar training segments (untransposed). Top variances:
  {', '.join(f'{v:.2f}' for v in var[:8])}, … (smallest {var[-1]:.3f}).
- `melody.recon`: `heldOutAccuracy` = {recon['heldOutAccuracy']:.3f}, the mean token accuracy of encode (mean) → greedy
  decode over all {m['segments']:,} bar-aligned held-out segments (10th percentile {m['greedyReconAccuracyP10']:.3f});
  `threshold` = {recon['threshold']:.2f}, a regression guard just below the lowest of the 12 segments in `heldout/`.
- `heldout/`: the first {c['bars']} bars of 12 randomly chosen held-out tunes (not selected by accuracy) as `.mid` + `index.json`;
  greedy accuracies {', '.join(f"{h['greedyAccuracy']:.2f}" for h in held)}.

{DATA.format(kept=ev['trainTunes'] + ev['heldOutTunes'], train=ev['trainTunes'], held=ev['heldOutTunes'])}
## Training

Segments of {T} steps starting on every bar line of the training tunes ({ev['vae']['trainSegments']:,} segments before
augmentation), each with the real token before it as the decoder's first input. Loss per segment: reconstruction
cross-entropy summed over the {T} steps + β · max(KL − {ck_args.get('free_bits', 64):g} nats, 0) ("free bits" per segment),
β ramped linearly 0 → {ck_args.get('beta', 0.5)} over the first {int(100 * ck_args.get('anneal', 0.4))} % of the run; the
previous-token embedding fed to the decoder is zeroed with probability {ck_args.get('word_dropout', 0.25)} (so the
decoder must rely on z), LSTM dropout {c.get('dropout', 0)} between decoder layers. Adam, LR {ck_args.get('lr', 1e-3)}
(200-step warm-up, cosine to 10 % over the time budget), batch 64, gradient clipping 1.0, time budget
{ck_args.get('minutes', 72):g} min → {tr['steps']:,} steps.

## Metrics (held-out tunes)

All {m['segments']:,} bar-aligned {c['bars']}-bar segments of the {ev['heldOutTunes']} held-out tunes, teacher forced. {BIGRAM.format(k=b['k'])}

| metric | melody VAE | bigram |
|---|---|---|
| per-token accuracy, teacher forced (z = posterior mean) | {pct(m['teacherForcedAccuracy'])} | {pct(b['segmentsAccuracy'])} |
| NLL, nats/token: reconstruction with z = mean | {f3(m['reconNllPerToken'])} | {f3(b['segmentsNllPerToken'])} |
| NLL bound, nats/token: negative ELBO (one z sample, includes KL) | {f3(m['elboPerToken'])} | {f3(b['segmentsNllPerToken'])} |
| reconstruction accuracy (encode mean → greedy decode) | {pct(m['greedyReconAccuracy'])} | — |
| KL per segment (nats) | {m['klPerSegment']:.1f} | — |
| active latent dimensions (variance of the mean > 0.01) | {m['activeUnits']} / {c['dim']} | — |

The reconstruction NLL conditions on the encoded segment itself, so it is not a likelihood; the negative ELBO is an
upper bound on the VAE's NLL and is the number to compare with the bigram's NLL. The KL of {m['klPerSegment']:.1f}
nats per segment (it settles at the free-bits floor of {ck_args.get('free_bits', 64):g} nats) and {m['activeUnits']} of {c['dim']}
active dimensions show that the latent is used (no posterior collapse): the decoder reconstructs {pct(m['greedyReconAccuracy'])}
of the tokens greedily from z alone, while the bigram's accuracy with the true previous token is {pct(b['segmentsAccuracy'])}.

### Generated melodies vs held-out data

{ev['samplesN']} segments of {c['bars']} bars each: the model samples decode z ~ N(0, I) with temperature 1.0 (and, second
column, greedily), starting from REST; the data column is the {ev['data']['segments']} non-overlapping bar-aligned
segments of the held-out tunes. "Best-fitting key": the largest share of notes inside one of the 12 diatonic pitch sets
(= the best of the 24 major / natural-minor keys).

{stats_table([('held-out data', ev['data']), ('VAE prior, T = 1.0', m['priorSamples']), ('VAE prior, greedy', m['priorGreedy']), ('bigram, T = 1.0', b['samples'])])}

## Examples (`examples/`, 120 bpm)

- `prior-sample-*.mid`: z ~ N(0, I), temperature 1.0; `prior-greedy-*.mid`: the same z decoded greedily.
- `interpolation.mid`: 7 points on the line between the posterior means of two held-out openings
  (`{held[0]['tune']}` → `{held[1]['tune']}`), each decoded greedily, chained (each segment's first input is the previous
  segment's last token).
- `reconstruction-*.mid`: a held-out opening ({c['bars']} bars) followed by its greedy reconstruction.

## Limitations

- Folk-tune idiom only (reels, hornpipes, polkas in 4/4 or 2/4; no compound meters — jigs and waltzes were left out),
  mostly with the key signatures of G or D major (one or two sharps). Monophonic, no dynamics, no tempo; triplets were snapped to the 16th grid.
- Small and briefly trained (about {tr['durationMinutes']:.0f} minutes on a shared CPU): reconstructions are approximate
  ({pct(m['greedyReconAccuracy'])} token accuracy on held-out segments; greedy decoding errors compound, e.g. a note
  held one step too long shifts what follows); prior samples at temperature 1.0 are less often in one key and span a
  wider range than real tunes (table above); greedy decoding gives more tune-like output.
- A segment is {c['bars']} bars; longer melodies are made by chaining segments (the previous token carries over, the LSTM
  state does not).
- The posterior means are not N(0, I)-shaped; use the PCA axes and variances in the manifest to scale moves.
"""


def rnn_card(ev, man):
    c = RNN_CONFIGS[ev["rnn"]["config"]]
    m = ev["rnn"]["metrics"]
    b = ev["bigram"]
    mm = man["metrics"]
    lt = mm["latencyMsOneThread"]
    tr = man["training"]
    ck_args = ev["rnn"].get("args", {})
    return f"""# Melody RNN (`melody-rnn`)

An **autoregressive LSTM over melody tokens** (16th-note grid), trained on British and Irish folk tunes (Nottingham
Music Database). The app generates or continues a melody one step at a time with `step.onnx`, feeding back the sampled
token and the LSTM state. Token grid and contract: `models/training/melody/INTERFACE.md`.

| | |
|---|---|
| Files | {files_row(man)}; opset 17, float32 |
| Parameters | {ev['rnn']['params']:,} (config `{ev['rnn']['config']}`) |
| Architecture | [token embedding {c['emb']}, position-in-bar embedding {c['pos_emb']}] → LSTM {c['layers']}×{c['hidden']} → linear → 50 logits |
| Latency (onnxruntime-node, batch 1, 1 intra-op thread, shared 2-vCPU VM) | step {lat(lt['step'])} → one 4-bar phrase (64 steps) ≈ {64 * lt['step']['medianMs']:.0f} ms |
| Model licence | **GPL-3.0-or-later** (trained on GPLv3 data) |
| Training | {tr['steps']:,} steps × {ck_args.get('batch', 32)} windows of {ck_args.get('window', 192)} steps, {tr['durationMinutes']} min wall time, CPU only (1 thread, `nice 19`, 2 vCPUs shared with other jobs) |
| Code | `models/training/melody/` (its README has the exact commands) |

## Graph

`step.onnx`: `token` int64 `[batch]` (the previous token; REST at the start), `pos` int64 `[batch]` (position 0…15 in the
bar of the token being predicted), `h`, `c` float32 `[{c['layers']}, batch, {c['hidden']}]` (zeros at the start) →
`logits` float32 `[batch, 50]` (unnormalised), `h_out`, `c_out`. Tokens: 0 REST, 1 HOLD, 2 + (p − 48) NOTE_ON of MIDI
pitch p (48…95). `batch` is dynamic; greedy decoding is deterministic (tested).

{DATA.format(kept=ev['trainTunes'] + ev['heldOutTunes'], train=ev['trainTunes'], held=ev['heldOutTunes'])}
## Training

Windows of {ck_args.get('window', 192)} steps starting on every bar line of the training tunes (shorter tunes padded, padding
ignored by the loss), first input the real token before the window (REST at a tune start), zero initial state;
transposition augmentation as above. Cross-entropy per token, Adam, LR {ck_args.get('lr', 2e-3)} (200-step warm-up,
cosine to 5 % over the time budget), batch {ck_args.get('batch', 32)}, LSTM dropout {c.get('dropout', 0)} between layers,
gradient clipping 1.0, time budget {ck_args.get('minutes', 72):g} min → {tr['steps']:,} steps. The exported checkpoint is
the last one (held-out numbers were only logged, not used for selection).

## Metrics (held-out tunes)

The {ev['heldOutTunes']} held-out tunes in full ({m['tokens']:,} tokens), teacher forced from the tune start (REST, zero
state). {BIGRAM.format(k=b['k'])}

| metric | melody RNN | bigram |
|---|---|---|
| per-token accuracy (argmax = next token) | {pct(m['tunesAccuracy'])} | {pct(b['tunesAccuracy'])} |
| NLL, nats/token | {f3(m['tunesNllPerToken'])} | {f3(b['tunesNllPerToken'])} |

### Generated melodies vs held-out data

{ev['samplesN']} samples of 4 bars (64 steps) from the tune start (REST, zero state), temperature 1.0; the data column is
the {ev['data']['segments']} non-overlapping bar-aligned 4-bar segments of the held-out tunes. "Best-fitting key": the
largest share of notes inside one of the 12 diatonic pitch sets (= the best of the 24 major / natural-minor keys).
The RNN samples start like a tune, so their REST share includes pickups: the first 4 bars of the held-out tunes are
{pct(opening_rest_share(ev))} REST, against {pct(ev['data']['restShare'])} over all their segments.

{stats_table([('held-out data', ev['data']), ('melody RNN, T = 1.0', m['samples']), ('bigram, T = 1.0', b['samples'])])}

## Examples (`examples/`, 120 bpm)

- `continuation-*.mid`: the first 4 bars of a held-out tune (given), then 12 bars sampled at temperature 1.0.
- `sample-*.mid`: 16 bars sampled from scratch at temperature 1.0.

## Limitations

- Folk-tune idiom only (4/4 and 2/4 reels, hornpipes, polkas …; no jigs or waltzes), mostly with the key
  signatures of G or D major (one or two sharps); monophonic, no dynamics or tempo; triplets were snapped to the 16th grid.
- Small and briefly trained (about {tr['durationMinutes']:.0f} minutes on a shared CPU) on windows of
  {ck_args.get('window', 192)} steps (12 bars): it has no explicit notion of the repeat (AABB) form of whole tunes. At
  temperature 1.0 it occasionally leaves the key; lower temperatures (0.7–0.9) give safer output.
- A HOLD after a REST is invalid but has non-zero probability; the app should mask it (or treat it as REST).
"""


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics.json"))
    ev = j(ap.parse_args().metrics)
    for key, d, fn in (("vae", VAE_DIR, vae_card), ("rnn", RNN_DIR, rnn_card)):
        man = j(os.path.join(d, "model.json"))
        assert man["training"]["weights"] == ev[key]["weights"], f"{d}/model.json is not from runs/metrics.json"
        with open(os.path.join(d, "CARD.md"), "w") as f:
            f.write(fn(ev, man))
        print("wrote", os.path.join(d, "CARD.md"))


if __name__ == "__main__":
    main()
