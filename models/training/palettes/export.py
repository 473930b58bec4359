"""Export the palette flow to models/palettes/{forward,inverse}.onnx, heldout.json and model.json.

  cd models/training
  /usr/bin/python3 -m palettes.evaluate --ckpt palettes/runs/small/best.pt     # first: metrics + contact sheet
  /usr/bin/python3 -m palettes.export   --ckpt palettes/runs/small/best.pt

forward.onnx: x [batch, 15] (standardised OKLab) -> z [batch, 15], logdet [batch] (log |det dz/dx|)
inverse.onnx: z [batch, 15] -> x [batch, 15]
Both opset 17, float32, dynamic batch, weights inside the file. Checks onnxruntime-node against PyTorch on every
training palette (both directions) and the round trip, times both graphs, writes the manifest.
"""
import json
import math
import os

import numpy as np
import torch

from common import file_entry, save_manifest, training_info  # ../common/README.md
from common.flow_export import check_flow_onnx, export_args, export_checked, flow_io

from .dataset import COLORS, DIM, arrays, load_split, oklab15
from .evaluate import load_model
from .model import count_params

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "palettes"))
MAX_TOTAL_BYTES = 2_000_000
LICENSE = "MIT"
DATA = ("nice-color-palettes 4.0.0 (npm): the top 1000 palettes of ColourLovers.com as of Oct 2018, 992 after the "
        "package's dedupe, 5 colours each, in order; 893 training (804 fit + 89 early-stopping) / 99 held-out "
        "palettes, split by palette with seed 0 (models/training/palettes/data/split.json)")
DATA_LICENSE = ("MIT (nice-color-palettes, Copyright (c) 2016 Jam3); the palettes were made by ColourLovers users "
                "(see CARD.md)")
LOG_LIKELIHOOD = ("log p(x) = -0.5 * sum_i z_i^2 - 7.5 * ln(2 pi) + logdet - sum_i ln(std_i) with "
                  "(z, logdet) = forward((x - mean) / std), x = raw OKLab [L1, a1, b1, ..., L5, a5, b5] of the 5 "
                  "colours in order (sRGB 8-bit / 255 -> linear -> OKLab); natural log, nats per palette")


NAMES = ('x', 'z')  # (data, base): the graphs' input and output names
FORWARD_IO, INVERSE_IO = flow_io(DIM, NAMES)


def write_heldout(out_dir, split, flow_lp, n=20):
    """models/palettes/heldout.json: n held-out palettes with their raw OKLab vector and log p(x) (PyTorch,
    float32 graph), for the app's tests of its colour conversion and density formula."""
    held = split["heldOut"]
    pick = list(range(0, len(held), max(1, len(held) // n)))[:n]
    rows = []
    for i in pick:
        rgb = np.array([[int(c[1 + 2 * k:3 + 2 * k], 16) for k in range(3)] for c in held[i]["colors"]], np.uint8)
        rows.append({"index": held[i]["index"], "colors": held[i]["colors"],
                     "oklab": [round(float(v), 7) for v in oklab15(rgb[None])[0]],
                     "logLikelihood": round(float(flow_lp[i]), 4)})
    doc = {
        "note": "held-out palettes of nice-color-palettes 4.0.0 (MIT, Copyright (c) 2016 Jam3; index = position in "
                "its 1000.json), not seen in training; oklab = raw OKLab 15-vector, logLikelihood = log p(x) "
                "by model.json's palette.logLikelihood formula (nats); float32 graphs agree within ~1e-3",
        "palettes": rows,
    }
    path = os.path.join(out_dir, "heldout.json")
    with open(path, "w") as f:  # one palette a line
        f.write('{\n "note": ' + json.dumps(doc["note"]) + ',\n "palettes": [\n')
        f.write(",\n".join("  " + json.dumps(r) for r in rows) + "\n ]\n}\n")
    with open(path) as f:
        assert json.load(f) == doc
    return path


def write_manifest(out_dir, model, ck, ev, err, timings, fwd, inv):
    flow = ev["models"]["flow"]
    m = {
        "heldOutMeanLogLikelihood": flow["heldOutMeanLogLikelihood"],
        "heldOutStdErr": flow["heldOutStdErr"],
        "trainMeanLogLikelihood": flow["trainMeanLogLikelihood"],
        "bitsPerDimContinuous": flow["bitsPerDimContinuous"],
        "bitsPerDim8bit": flow["bitsPerDim8bit"],
    }
    for name in ("fullGaussian", "diagGaussian", "histogram"):
        b = ev["models"][name]
        key = name[0].upper() + name[1:]
        m[f"baseline{key}HeldOutMeanLogLikelihood"] = b["heldOutMeanLogLikelihood"]
        m[f"baseline{key}BitsPerDim8bit"] = b["bitsPerDim8bit"]
    m.update({
        "flowMinusFullGaussianPerPalette": ev["flowVsFullGaussian"]["meanDiff"],
        "flowMinusFullGaussianStdErr": ev["flowVsFullGaussian"]["stdErr"],
        "sampledColorsOutsideSrgbT08": ev["gamut"]["flowT0.8"]["colorsOutside"],
        "sampledColorsOutsideSrgbT1": ev["gamut"]["flowT1.0"]["colorsOutside"],
        "sampledColorsOutsideHalfStepT1": ev["gamut"]["flowT1.0"]["colorsOutsideHalfStep"],
        "trainPalettes": ev["counts"]["train"],
        "heldOutPalettes": ev["counts"]["heldOut"],
        "parameters": count_params(model),
        "onnxBytes": os.path.getsize(fwd) + os.path.getsize(inv),
        "onnxMaxAbsError": float(f"{max(err.values()):.3g}"),
        "trainSeconds": ev["trainSeconds"],
        **timings,
    })
    cfg = {k: v for k, v in ck["config"].items() if k != "dropout"}
    tr = training_info("models/training/palettes", DATA, DATA_LICENSE, ck)
    tr.update({
        "bestStep": ev["bestStep"],
        "config": cfg,
        "dequantisation": "each sRGB channel uniform over its 8-bit cell ([v - 1/2, v + 1/2) / 255 clipped to "
                          "[0, 1]) before the OKLab conversion, a fresh draw per batch",
        "earlyStopping": "best validation log-likelihood over the 89-palette validation slice",
    })
    man = {
        "id": "palettes",
        "name": "Atelier Palettes",
        "version": "1.0.0",
        "family": "flow",
        "task": "palette",
        "license": LICENSE,
        "files": [file_entry(fwd, "forward"), file_entry(inv, "inverse")],
        "inputs": INVERSE_IO["inputs"],
        "outputs": INVERSE_IO["outputs"],
        "palette": {
            "colors": COLORS,
            "space": "oklab",
            "mean": [float(v) for v in ev["mean"]],
            "std": [float(v) for v in ev["std"]],
            "forward": os.path.basename(fwd),
            "inverse": os.path.basename(inv),
            "io": {"forward": FORWARD_IO, "inverse": INVERSE_IO},
            "logLikelihood": LOG_LIKELIHOOD,
            "logLikelihoodQuantiles": [round(v, 5) for v in ev["logLikelihoodQuantiles"]],
            "heldOutMeanLogLikelihood": flow["heldOutMeanLogLikelihood"],
        },
        "training": tr,
        "metrics": m,
    }
    return save_manifest(out_dir, man)


def main():
    args = export_args(HERE, DEFAULT_OUT)
    model, ck, ev, fwd, inv = export_checked(args, load_model, DIM, NAMES, "palettes.evaluate", MAX_TOTAL_BYTES)
    assert np.allclose(ev["mean"], ck["mean"]) and np.allclose(ev["std"], ck["std"])

    split = load_split()
    a = arrays(split)
    mean, std = np.array(ck["mean"]), np.array(ck["std"])
    x_train = ((oklab15(a["train"]) - mean) / std).astype(np.float32)
    err, timings = check_flow_onnx(model, fwd, inv, x_train, NAMES, batches=(1, 48), repeats=args.repeats)

    x_held = ((oklab15(a["heldOut"]) - mean) / std).astype(np.float32)
    with torch.no_grad():
        lp = model.log_prob(torch.from_numpy(x_held)).double().numpy() - np.log(std).sum()
    assert math.isclose(lp.mean(), ev["models"]["flow"]["heldOutMeanLogLikelihood"], abs_tol=1e-3)
    print("wrote", write_heldout(args.out, split, lp))
    write_manifest(args.out, model, ck, ev, err, timings, fwd, inv)
    print("wrote", os.path.join(args.out, "model.json"))


if __name__ == "__main__":
    main()
