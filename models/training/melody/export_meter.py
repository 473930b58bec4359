"""Export the meter-aware melody LSTM to models/melody-rnn (replacing the first, 4/4-only LSTM).

  cd models/training && /usr/bin/python3 -m melody.export_meter [--ckpt melody/runs/meter_final.pt]
      [--metrics melody/runs/meter-metrics.json]

Writes step.onnx, model.json (the `melody` block with `meters`, the metrics of evaluate_meter.py for the same
checkpoint, ONNX latency), reference.json (PyTorch logits of 24 greedy steps in 6/8 and G major, for the app's own
parity test) and examples/ (two 16-bar melodies in each meter in the app's default form, the first 8 bars played again
with a new last bar, temperature 1.0, with their time signature). Checks
ONNX == PyTorch with the app's onnxruntime-node in every meter first.
"""
import argparse
import json
import os
import shutil

import numpy as np
import torch

from common import file_entry, load_checkpoint, run_onnx, save_manifest, training_info

from .data import REST, V
from .evaluate import weights_hash
from .evaluate_meter import BARS, lstm_sample
from .export import OPSET, _export, latency, melody_common, rel, spec, write_midis
from .model import METER_STEPS, METERS, MeterRNN, MeterRNNStep, count_params

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "melody-rnn"))
VERSION = "2.0.0"
DATA = ("Nottingham Music Database melodies (MIDI/melody of the cleaned Nottingham dataset): every tune in one meter, "
        "4/4 and 2/2, 2/4, 3/4, 6/8, 9/8")
DATA_LICENSE = "GPL-3.0 (Nottingham dataset, see CARD.md)"
# The graph's meter ids; 2/2 is drawn in 4/4's whole-note bars.
METER_IDS = {"4/4": 0, "2/2": 0, "2/4": 1, "3/4": 2, "6/8": 3, "9/8": 4}
assert all(METERS[i] == k for k, i in METER_IDS.items() if k != "2/2")


def io(m):
    state = lambda n: spec(n, "float32", [m.L, "batch", m.H])  # noqa: E731
    b = lambda n: spec(n, "int64", ["batch"])  # noqa: E731
    return ([b("token"), b("pos"), b("meter"), b("key"), state("h"), state("c")],
            [spec("logits", "float32", ["batch", V]), state("h_out"), state("c_out")])


@torch.no_grad()
def check(m, path):
    """Greedy chains through PyTorch and ONNX side by side, a row per meter."""
    n = len(METERS)
    tok = np.full(n, REST, np.int64)
    meter, key = np.arange(n, dtype=np.int64), np.array([0, 2, 7, 9, 5], np.int64)
    h, c = torch.zeros(m.L, n, m.H), torch.zeros(m.L, n, m.H)
    oh, oc, err = h.numpy(), c.numpy(), 0.0
    step = MeterRNNStep(m)
    for t in range(40):
        pos = np.full(n, t, np.int64)
        ref, h, c = step(*(torch.from_numpy(v) for v in (tok, pos, meter, key)), h, c)
        r = run_onnx(path, {"token": tok, "pos": pos, "meter": meter, "key": key, "h": oh, "c": oc})[0]
        err = max(err, np.abs(r["logits"] - ref.numpy()).max(), np.abs(r["h_out"] - h.numpy()).max())
        tok, oh, oc = ref.numpy().argmax(-1).astype(np.int64), r["h_out"], r["c_out"]
    print(f"max |torch - onnx| {err:.2e}")
    assert err < 1e-3
    return float(err)


@torch.no_grad()
def reference(m, meter=3, key=7, steps=24):
    step = MeterRNNStep(m)
    h = torch.zeros(m.L, 1, m.H)
    c = torch.zeros_like(h)
    prev, logits = torch.tensor([REST]), []
    for t in range(steps):
        out, h, c = step(prev, torch.tensor([t]), torch.tensor([meter]), torch.tensor([key]), h, c)
        logits.append([round(float(x), 6) for x in out[0]])
        prev = out.argmax(-1)
    return {"weights": weights_hash(m), "meter": meter, "key": key, "stepLogits": logits}


def examples(m):
    ex = os.path.join(OUT, "examples")
    shutil.rmtree(ex, ignore_errors=True)
    os.makedirs(ex)
    items = []
    names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
    for mi, meter in enumerate(METERS):
        tonics = [7, 2]
        for i, s in enumerate(lstm_sample(m, 2, mi, tonics, seed=31 + mi, form="repeat")):
            slug = meter.replace("/", "-")
            items.append({"file": os.path.join(ex, f"{slug}-{i + 1}.mid"), "tokens": s.tolist(),
                          "meter": [int(x) for x in meter.split("/")],
                          "name": f"{meter}, {names[tonics[i]]} major signature, 16 bars (A A', temperature 1.0)"})
    write_midis(items)
    return [rel(i["file"]) for i in items]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "meter_final.pt"))
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "meter-metrics.json"))
    ap.add_argument("--repeats", type=int, default=200)
    args = ap.parse_args()
    torch.set_num_threads(1)
    m, ck = load_checkpoint(args.ckpt, lambda c: MeterRNN(c["config"]))
    with open(args.metrics) as f:
        ev = json.load(f)
    assert ev["step"] == ck["step"], f"{args.metrics} was written for another checkpoint; run evaluate_meter first"
    ins, outs = io(m)
    B = 2
    path = _export(MeterRNNStep(m).eval(),
                   (torch.zeros(B, dtype=torch.long), torch.zeros(B, dtype=torch.long), torch.zeros(B, dtype=torch.long),
                    torch.zeros(B, dtype=torch.long), torch.zeros(m.L, B, m.H), torch.zeros(m.L, B, m.H)),
                   os.path.join(OUT, "step.onnx"), (ins, outs))
    err = check(m, path)
    one = lambda v: np.array([v], np.int64)  # noqa: E731
    lat = latency(path, {"token": one(REST), "pos": one(0), "meter": one(0), "key": one(0),
                         "h": np.zeros((m.L, 1, m.H), np.float32), "c": np.zeros((m.L, 1, m.H), np.float32)},
                  args.repeats)
    print("latency", lat)
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(reference(m), f)
    files = examples(m)
    man = {
        "id": "melody-rnn",
        "name": "Melody LSTM",
        "version": VERSION,
        "family": "autoregressive",
        "task": "melody-rnn",
        "license": "GPL-3.0-or-later",
        "files": [file_entry(path, "step")],
        "inputs": ins,
        "outputs": outs,
        "melody": melody_common(m.L, m.H) | {"meters": METER_IDS, "phraseBars": BARS},
        "training": training_info("models/training/melody", f"{DATA} ({ev['trainTunes']} tunes for training, "
                                  f"{ev['heldOutTunes']} held out)", DATA_LICENSE, ck) | {"weights": weights_hash(m)},
        "metrics": {
            "parameters": count_params(m),
            "teacherForced16Bars": ev["teacherForced16Bars"],
            "teacherForced2Bars": ev["teacherForced2Bars"],
            "samples16Bars": {k: {w: v[w] for w in v if w != "heldOutTunes"} for k, v in ev["meters"].items()},
            "onnxMaxAbsError": err,
            "latencyMsOneThread": {"step": lat},
        },
        "examples": files,
    }
    save_manifest(OUT, man)
    print("wrote", os.path.join(OUT, "model.json"), f"opset {OPSET}, steps per bar {METER_STEPS}")


if __name__ == "__main__":
    main()
