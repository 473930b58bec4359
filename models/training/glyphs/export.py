"""Export a checkpoint to models/glyphs/{encoder,decoder}.onnx and write models/glyphs/model.json.

  cd models/training
  /usr/bin/python3 -m glyphs.evaluate --ckpt glyphs/runs/small/last.pt      # first: metrics, PCA, threshold, pictures
  /usr/bin/python3 -m glyphs.export   --ckpt glyphs/runs/small/last.pt

Checks ONNX (the app's onnxruntime-node) against PyTorch for both graphs at batch sizes different from
the traced one, times the decoder, and writes the manifest exactly in the app's latent-model format.
"""
import argparse
import json
import os

import numpy as np
import torch

from common import file_entry, run_onnx, save_manifest, training_info  # ../common/README.md

from .dataset import BASELINE
from .model import CHARSET, SIZE, count_params
from .onnx_util import OPSET, export_decoder, export_encoder

HERE = os.path.dirname(os.path.abspath(__file__))

DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "glyphs"))
MAX_TOTAL_BYTES = 8_000_000
LICENSE = "OFL-1.1"
DATA = ("Latin text fonts from 103 Debian (bookworm) fonts-* packages, rendered as 64x64 glyph-box images of "
        "A-Z a-z 0-9 (models/training/glyphs/packages.tsv, dataset.py)")
DATA_LICENSE = ("OFL-1.1 / OFL-1.0 (most fonts), Apache-2.0, Bitstream-Vera, GUST Font License (LPPL-1.3c), "
                "MIT, BSD-3-Clause, public domain, ParaType Free Font License; GPL/AGPL/LGPL and CC-BY-SA "
                "fonts excluded (see CARD.md)")


def io(name, dtype, shape):
    return {"name": name, "dtype": dtype, "shape": shape}


def check_and_time(model, enc_path, dec_path, repeats=200):
    rng = np.random.default_rng(7)
    D = model.dim
    out = {}
    # decoder, batch 5 (traced with 2)
    z = rng.standard_normal((5, D)).astype(np.float32)
    c = np.array([0, 27, 61, 33, 12], np.int64)
    with torch.no_grad():
        ref = model.decoder(torch.from_numpy(z), torch.from_numpy(c)).numpy()
    got, backend, _ = run_onnx(dec_path, {"z": z, "char": c})
    err_d = float(np.abs(got["image"] - ref).max())
    # encoder, batch 3
    x = rng.random((3, 1, SIZE, SIZE)).astype(np.float32) ** 4
    c3 = np.array([5, 40, 60], np.int64)
    with torch.no_grad():
        rm, rl = model.encoder(torch.from_numpy(x), torch.from_numpy(c3))
    got_e, _, _ = run_onnx(enc_path, {"image": x, "char": c3})
    err_e = max(float(np.abs(got_e["mean"] - rm.numpy()).max()), float(np.abs(got_e["logvar"] - rl.numpy()).max()))
    print(f"{backend}: max |torch - onnx| decoder {err_d:.2e}, encoder {err_e:.2e}")
    assert err_d < 1e-4 and err_e < 1e-4, (err_d, err_e)
    assert got["image"].shape == (5, 1, SIZE, SIZE)
    if backend != "onnxruntime-node":
        return out
    for threads, suffix in ((None, ""), (1, "OneThread")):
        for b in (1, 15, 16, 62):
            zb = rng.standard_normal((b, D)).astype(np.float32)
            cb = (np.arange(b) % len(CHARSET)).astype(np.int64)
            _, _, t = run_onnx(dec_path, {"z": zb, "char": cb}, repeats=repeats, threads=threads)
            out[f"decoderMsBatch{b}{suffix}"] = round(t["msMedian"], 3)
            out[f"decoderMsBatch{b}{suffix}Min"] = round(t["msMin"], 3)
            print(f"decoder batch {b} ({threads or 'default'} threads): median {t['msMedian']:.2f} ms, "
                  f"min {t['msMin']:.2f} ms, p90 {t['msP90']:.2f} ms")
    _, _, t = run_onnx(enc_path, {"image": x[:1], "char": c3[:1]}, repeats=repeats)
    out["encoderMsBatch1"] = round(t["msMedian"], 3)
    print(f"encoder batch 1: median {t['msMedian']:.2f} ms")
    return out


def write_manifest(out_dir, model, ck, ev, timings):
    D = model.dim
    enc_p, dec_p = os.path.join(out_dir, "encoder.onnx"), os.path.join(out_dir, "decoder.onnx")
    m = ev["metrics"]
    metrics = {
        "heldOutMse": m["heldOutMse"],
        "heldOutMseP95": m["heldOutMseP95"],
        "negElboNatsPerImage": m["negElbo"],
        "reconNllNatsPerImage": m["reconNll"],
        "klNatsPerImage": m["kl"],
        "crossCharMse": m["crossCharMse"],
        "fontMeanZMse": m["fontMeanZMse"],
        "baselineMeanImageMse": m["baselineMeanMse"],
        "baselineMeanImageNllNatsPerImage": m["baselineMeanNll"],
        "baselinePcaMse": m["baselinePcaMse"],
        "activeLatentDims": m["activeDims"],
        "trainFonts": m["trainFonts"],
        "heldOutFonts": m["heldOutFonts"],
        "fontFamilies": ev["data"]["groups"],
        "encoderParams": count_params(model.encoder),
        "decoderParams": count_params(model.decoder),
        **timings,
    }
    metrics = {k: (round(v, 6) if isinstance(v, float) else v) for k, v in metrics.items()} | style_metrics(ck)
    pca = ev["pca"]
    man = {
        "id": "glyphs",
        "name": "Glyph Styles",
        "version": "1.1.0",
        "family": "vae",
        "task": "latent",
        "license": LICENSE,
        "files": [
            file_entry(enc_p, "encoder"),
            file_entry(dec_p, "decoder"),
        ],
        "inputs": [io("z", "float32", ["batch", D]), io("char", "int64", ["batch"])],
        "outputs": [io("image", "float32", ["batch", 1, SIZE, SIZE])],
        "latent": {
            "dim": D,
            "width": SIZE,
            "height": SIZE,
            "channels": 1,
            "ink": True,
            "encoder": {
                "inputs": [io("image", "float32", ["batch", 1, SIZE, SIZE]), io("char", "int64", ["batch"])],
                "outputs": [io("mean", "float32", ["batch", D]), io("logvar", "float32", ["batch", D])],
            },
            "preprocess": "glyph-box",
            "condition": {
                "input": "char",
                "charset": CHARSET,
                "baseline": BASELINE,
                "boxes": {c: ev["boxes"][c] for c in CHARSET},
            },
            "pca": {
                "mean": [round(float(v), 6) for v in pca["mean"]],
                "directions": [[round(float(v), 7) for v in row] for row in pca["directions"]],
                "variance": [round(float(v), 6) for v in pca["variance"]],
            },
            "recon": {
                "heldOutMse": round(float(ev["recon"]["heldOutMse"]), 6),
                "threshold": round(float(ev["recon"]["threshold"]), 6),
            },
        },
        "training": training(ck),
        "metrics": metrics,
    }
    return save_manifest(out_dir, man)


# The first run (version 1.0.0): 6,000 steps, 64 min of optimiser time; a checkpoint fine-tuned from its exported
# weights (train.py --style --init-onnx) adds its own steps and time to these.
FIRST_RUN = {"steps": 6000, "durationMinutes": 64.0}
STYLE_METRICS = os.path.join(HERE, "runs", "style-metrics.json")


def training(ck):
    """The manifest's training block: both phases when the checkpoint fine-tunes the first run."""
    info = training_info("models/training/glyphs", DATA, DATA_LICENSE, ck)
    if not (ck.get("args") or {}).get("init_onnx"):
        return info
    return info | {
        "steps": FIRST_RUN["steps"] + info["steps"],
        "durationMinutes": round(FIRST_RUN["durationMinutes"] + info["durationMinutes"], 1),
        "phases": [FIRST_RUN | {"objective": "ELBO + 0.5 x one cross-char reconstruction"},
                   {"steps": info["steps"], "durationMinutes": info["durationMinutes"],
                    "objective": "style from 1-5 glyphs: product-of-experts posterior, 4 cross-char reconstructions"}],
    }


def style_metrics(ck):
    """Style from one glyph and from a few, on unseen fonts (evaluate_style.py), when it was run for this checkpoint."""
    if not os.path.exists(STYLE_METRICS):
        return {}
    with open(STYLE_METRICS) as f:
        ev = json.load(f)
    if ev["step"] != ck["step"]:
        return {}
    out = {}
    for framing, prefix in (("app", "styleApp"), ("dataset", "styleTraining")):
        t = ev[framing]["after"]["textFaces"]
        out |= {f"{prefix}TextFacesCarried": t["carried"], f"{prefix}TextFaces": t["fonts"],
                f"{prefix}OneGlyphIoU": t["oneGlyphIoU"], f"{prefix}ZeroIoU": t["zeroIoU"],
                f"{prefix}SingleGlyphsBeatingZero": t["singleGlyphsBeatingZero"],
                **{f"{prefix}IoU{n}Glyphs": t["curve"][n] for n in ("1", "2", "3", "5")}}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "small", "last.pt"))
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics.json"), help="written by evaluate.py")
    ap.add_argument("--repeats", type=int, default=200, help="decoder timing runs per batch size")
    args = ap.parse_args()
    torch.set_num_threads(1)
    from .evaluate import load_model
    model, ck = load_model(args.ckpt)
    with open(args.metrics) as f:
        ev = json.load(f)
    assert ev["step"] == ck["step"], f"metrics are from step {ev['step']}, checkpoint is step {ck['step']}: run evaluate.py"
    os.makedirs(args.out, exist_ok=True)
    enc_p, dec_p = os.path.join(args.out, "encoder.onnx"), os.path.join(args.out, "decoder.onnx")
    export_decoder(model.decoder, dec_p)
    export_encoder(model.encoder, enc_p)
    total = os.path.getsize(enc_p) + os.path.getsize(dec_p)
    print(f"exported opset {OPSET}: encoder {os.path.getsize(enc_p)} B ({count_params(model.encoder)} params), "
          f"decoder {os.path.getsize(dec_p)} B ({count_params(model.decoder)} params), step {ck['step']}")
    assert total < MAX_TOTAL_BYTES, total
    timings = check_and_time(model, enc_p, dec_p, repeats=args.repeats)
    write_manifest(args.out, model, ck, ev, timings)
    print("wrote", os.path.join(args.out, "model.json"))


if __name__ == "__main__":
    main()
