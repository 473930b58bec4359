"""Export the melody VAE to ONNX and write its model folder (the melody LSTM is exported by export_meter.py; the
first, 4/4-only LSTM this script also wrote is replaced).

  cd models/training && /usr/bin/python3 -m melody.export [--vae melody/runs/vae_final.pt]
      [--metrics melody/runs/metrics.json]

runs/metrics.json (evaluate.py, for the SAME checkpoints: checked by step and weight hash) supplies the metrics,
the VAE's `melody.pca` / `melody.recon` and the held-out segments. Writes
* models/melody-vae/: encoder.onnx, decoder_init.onnx, decoder_step.onnx, model.json, heldout/ (*.mid + index.json),
  examples/ (prior samples, an interpolation between two held-out segments, reconstructions)
checks ONNX == PyTorch with the app's onnxruntime-node and measures batch-1 latencies with it.
MIDI files are written by write_midi.mjs (Node, @tonejs/midi).
"""
import argparse
import json
import os
import subprocess
import tempfile

import numpy as np
import onnx
import torch

from common import file_entry, run_onnx, save_manifest, training_info  # ../common/README.md

from .data import REST, SPB, V
from .evaluate import load, weights_hash
from .model import VAE, DecoderStep

HERE = os.path.dirname(os.path.abspath(__file__))

VAE_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "melody-vae"))
OPSET = 17
DATA = "Nottingham Music Database melodies (MIDI/melody of the cleaned Nottingham dataset), 4/4, 2/4 and 2/2 tunes"
DATA_LICENSE = "GPL-3.0 (Nottingham dataset, see CARD.md)"
VERSION = "1.0.0"


def melody_common(layers, hidden):
    return {"stepsPerBar": SPB, "pitchMin": 48, "pitchMax": 95, "vocab": V, "rest": 0, "hold": 1, "noteOnBase": 2,
            "layers": layers, "hidden": hidden}


def spec(name, dtype, shape):
    return {"name": name, "dtype": dtype, "shape": shape}


def vae_io(vae):
    L, H, D, T = vae.c["layers"], vae.c["hidden"], vae.dim, vae.T
    state = lambda n: spec(n, "float32", [L, "batch", H])  # noqa: E731
    return {
        "encoder": ([spec("tokens", "int64", ["batch", T])],
                    [spec("mean", "float32", ["batch", D]), spec("logvar", "float32", ["batch", D])]),
        "decoder-init": ([spec("z", "float32", ["batch", D])], [state("h"), state("c")]),
        "decoder-step": ([spec("token", "int64", ["batch"]), spec("step", "int64", ["batch"]),
                          spec("z", "float32", ["batch", D]), state("h"), state("c")],
                         [spec("logits", "float32", ["batch", V]), state("h_out"), state("c_out")]),
    }


def _export(module, args, path, io):
    ins, outs = io
    dyn = {}
    for s in ins + outs:
        dyn[s["name"]] = {s["shape"].index("batch"): "batch"}
    with torch.no_grad():
        torch.onnx.export(module, args, path, opset_version=OPSET, do_constant_folding=True,
                          input_names=[s["name"] for s in ins], output_names=[s["name"] for s in outs],
                          dynamic_axes=dyn)
    onnx.checker.check_model(onnx.load(path))
    return path


def export_vae(vae, out):
    io = vae_io(vae)
    B, L, H, D, T = 2, vae.c["layers"], vae.c["hidden"], vae.dim, vae.T
    paths = {
        "encoder": _export(vae.encoder, (torch.zeros(B, T, dtype=torch.long),),
                           os.path.join(out, "encoder.onnx"), io["encoder"]),
        "decoder-init": _export(vae.decoder_init, (torch.zeros(B, D),), os.path.join(out, "decoder_init.onnx"),
                                io["decoder-init"]),
        "decoder-step": _export(DecoderStep(vae).eval(),
                                (torch.zeros(B, dtype=torch.long), torch.zeros(B, dtype=torch.long), torch.zeros(B, D),
                                 torch.zeros(L, B, H), torch.zeros(L, B, H)),
                                os.path.join(out, "decoder_step.onnx"), io["decoder-step"]),
    }
    return paths, io


def onnx_vae_greedy(paths, tokens, prev):
    """Encode (mean) -> greedy decode with the three ONNX graphs; returns (decoded [B, T], mean)."""
    mean = run_onnx(paths["encoder"], {"tokens": tokens})[0]["mean"]
    st = run_onnx(paths["decoder-init"], {"z": mean})[0]
    h, c = st["h"], st["c"]
    tok = prev.astype(np.int64)
    out = []
    for t in range(tokens.shape[1]):
        r = run_onnx(paths["decoder-step"], {"token": tok, "step": np.full(len(tok), t, np.int64), "z": mean,
                                             "h": h, "c": c})[0]
        tok, h, c = r["logits"].argmax(-1).astype(np.int64), r["h_out"], r["c_out"]
        out.append(tok)
    return np.stack(out, 1), mean


def check_vae(vae, paths):
    rng = np.random.default_rng(5)
    x = rng.integers(0, V, size=(3, vae.T)).astype(np.int64)
    with torch.no_grad():
        m, lv = (t.numpy() for t in vae.encoder(torch.from_numpy(x)))
        z = torch.from_numpy(m)
        h, c = vae.decoder_init(z)
    got = run_onnx(paths["encoder"], {"tokens": x})[0]
    err = max(np.abs(got["mean"] - m).max(), np.abs(got["logvar"] - lv).max())
    st = run_onnx(paths["decoder-init"], {"z": m})[0]
    err = max(err, np.abs(st["h"] - h.numpy()).max(), np.abs(st["c"] - c.numpy()).max())
    tok = np.array([REST, 5, 30], np.int64)
    oh, oc = h.numpy(), c.numpy()
    for t in range(4):
        with torch.no_grad():
            ref, h, c = DecoderStep(vae)(torch.from_numpy(tok), torch.full((3,), t), z, h, c)
        r = run_onnx(paths["decoder-step"], {"token": tok, "step": np.full(3, t, np.int64), "z": m, "h": oh, "c": oc})[0]
        err = max(err, np.abs(r["logits"] - ref.numpy()).max(), np.abs(r["h_out"] - h.numpy()).max())
        tok, oh, oc = ref.numpy().argmax(-1).astype(np.int64), r["h_out"], r["c_out"]
    print(f"vae: max |torch - onnx| {err:.2e}")
    assert err < 1e-3
    return float(err)


def latency(path, feeds, repeats):
    _, backend, t = run_onnx(path, feeds, repeats=repeats, threads=1)
    if not t:
        return None
    return {"firstMs": round(t["ms"], 3), "medianMs": round(t["msMedian"], 3), "p90Ms": round(t["msP90"], 3)}


def write_midis(items):
    """items: [{file, tokens, name}] -> .mid files through write_midi.mjs."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(items, f)
    try:
        subprocess.run(["node", os.path.join(HERE, "write_midi.mjs"), f.name], check=True)
    finally:
        os.unlink(f.name)


def rel(p):
    return os.path.relpath(p, os.path.normpath(os.path.join(HERE, "..", "..", "..")))


def vae_examples(vae, ev, out):
    ex = os.path.join(out, "examples")
    os.makedirs(ex, exist_ok=True)
    items = []
    T = vae.T
    g = torch.Generator().manual_seed(11)
    z = torch.randn(4, vae.dim, generator=g)
    rest = torch.full((4,), REST, dtype=torch.long)
    samp = vae.sample(z, rest, 1.0, generator=g).numpy()
    greedy = vae.greedy(z, rest).numpy()
    for i in range(4):
        items.append({"file": os.path.join(ex, f"prior-sample-{i + 1}.mid"), "tokens": samp[i].tolist(),
                      "name": f"prior sample {i + 1} (temperature 1.0)"})
        items.append({"file": os.path.join(ex, f"prior-greedy-{i + 1}.mid"), "tokens": greedy[i].tolist(),
                      "name": f"prior sample {i + 1} (greedy)"})
    held = ev["heldout"]
    a, b = np.array(held[0]["tokens"]), np.array(held[1]["tokens"])
    with torch.no_grad():
        ma = vae.encoder(torch.from_numpy(a)[None])[0]
        mb = vae.encoder(torch.from_numpy(b)[None])[0]
    seq, prev = [], torch.tensor([REST])
    for al in np.linspace(0, 1, 7):
        zz = (1 - al) * ma + al * mb
        s = vae.greedy(zz, prev)
        seq.extend(s[0].tolist())
        prev = s[:, -1]
    items.append({"file": os.path.join(ex, "interpolation.mid"), "tokens": seq,
                  "name": f"interpolation {held[0]['tune']} -> {held[1]['tune']} (7 points, greedy, chained)"})
    for h in held[:3]:
        x = torch.tensor(h["tokens"])[None]
        with torch.no_grad():
            m = vae.encoder(x)[0]
        r = vae.greedy(m, torch.tensor([REST]))[0].tolist()
        items.append({"file": os.path.join(ex, f"reconstruction-{h['tune']}.mid"), "tokens": h["tokens"] + r,
                      "name": f"{h['tune']}: original (bars 1-{T // SPB}) then reconstruction"})
    write_midis(items)
    return [rel(i["file"]) for i in items]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vae", default=os.path.join(HERE, "runs", "vae_final.pt"))
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics.json"))
    ap.add_argument("--repeats", type=int, default=200)
    args = ap.parse_args()
    torch.set_num_threads(1)
    with open(args.metrics) as f:
        ev = json.load(f)
    vae, vck = load(args.vae, VAE)
    for m, ck, key, p in ((vae, vck, "vae", args.vae),):
        assert ev[key]["step"] == ck["step"] and ev[key]["weights"] == weights_hash(m), \
            f"{args.metrics} was written for another {key} checkpoint; run evaluate.py first"
    os.makedirs(VAE_DIR, exist_ok=True)
    big = ev["bigram"]

    # ---------------- VAE
    paths, io = export_vae(vae, VAE_DIR)
    err_v = check_vae(vae, paths)
    L, H, D, T = vae.c["layers"], vae.c["hidden"], vae.dim, vae.T
    rng = np.random.default_rng(3)
    lat = {
        "encoder": latency(paths["encoder"], {"tokens": rng.integers(0, V, (1, T)).astype(np.int64)}, args.repeats),
        "decoderInit": latency(paths["decoder-init"], {"z": rng.standard_normal((1, D)).astype(np.float32)},
                               args.repeats),
        "decoderStep": latency(paths["decoder-step"], {"token": np.zeros(1, np.int64), "step": np.zeros(1, np.int64),
                                                       "z": np.zeros((1, D), np.float32),
                                                       "h": np.zeros((L, 1, H), np.float32),
                                                       "c": np.zeros((L, 1, H), np.float32)}, args.repeats),
    }
    print("vae latency", lat)
    # held-out segments: .mid + index.json, greedy accuracy re-checked through the ONNX graphs
    hdir = os.path.join(VAE_DIR, "heldout")
    os.makedirs(hdir, exist_ok=True)
    for f in os.listdir(hdir):
        os.unlink(os.path.join(hdir, f))
    held = ev["vae"]["heldout"]
    toks = np.array([h["tokens"] for h in held], np.int64)
    dec, _ = onnx_vae_greedy(paths, toks, np.full(len(toks), REST, np.int64))
    onnx_acc = (dec == toks).mean(1)
    index = []
    items = []
    for i, (h, a) in enumerate(zip(held, onnx_acc)):
        name = f"{i:02d}.mid"
        assert abs(a - h["greedyAccuracy"]) < 0.02, (h["tune"], a, h["greedyAccuracy"])
        items.append({"file": os.path.join(hdir, name), "tokens": h["tokens"], "name": h["tune"]})
        index.append({"file": name, "tune": h["tune"], "tokens": h["tokens"], "greedyAccuracy": round(float(a), 4)})
    write_midis(items)
    with open(os.path.join(hdir, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")
    recon = dict(ev["vae"]["recon"])
    recon["threshold"] = min(recon["threshold"], float(np.floor(onnx_acc.min() * 100) / 100))
    examples = vae_examples(vae, ev["vae"], VAE_DIR)
    vm = ev["vae"]["metrics"]
    ins, outs = io["decoder-step"]
    man = {
        "id": "melody-vae",
        "name": "Melody VAE",
        "version": VERSION,
        "family": "vae",
        "task": "melody-vae",
        "license": "GPL-3.0-or-later",
        "files": [file_entry(paths["encoder"], "encoder"), file_entry(paths["decoder-init"], "decoder-init"),
                  file_entry(paths["decoder-step"], "decoder-step")],
        "inputs": ins,
        "outputs": outs,
        "graphs": {role: {"inputs": i, "outputs": o} for role, (i, o) in io.items()},
        "melody": {**melody_common(L, H), "bars": T // SPB, "dim": D, "pca": ev["vae"]["pca"], "recon": recon},
        "training": training_info("models/training/melody", f"{DATA} ({ev['trainTunes']} tunes for training, "
                                  f"{ev['heldOutTunes']} held out)", DATA_LICENSE, vck) | {"weights": ev["vae"]["weights"]},
        "metrics": {
            "heldOutSegments": vm["segments"],
            "heldOutTeacherForcedAccuracy": vm["teacherForcedAccuracy"],
            "heldOutReconNllPerToken": vm["reconNllPerToken"],
            "heldOutElboPerToken": vm["elboPerToken"],
            "heldOutKlPerSegment": vm["klPerSegment"],
            "heldOutGreedyReconAccuracy": vm["greedyReconAccuracy"],
            "activeUnits": vm["activeUnits"],
            "bigramNllPerToken": big["segmentsNllPerToken"],
            "bigramAccuracy": big["segmentsAccuracy"],
            "parameters": ev["vae"]["params"],
            "onnxMaxAbsError": err_v,
            "latencyMsOneThread": lat,
        },
        "examples": examples,
    }
    save_manifest(VAE_DIR, man)
    print("wrote", os.path.join(VAE_DIR, "model.json"))


if __name__ == "__main__":
    main()
