"""Export the flow prior to models/glyphs-prior/{forward,inverse}.onnx, heldout.json and model.json.

  cd models/training
  /usr/bin/python3 -m glyph-prior.evaluate --ckpt glyph-prior/runs/small/best.pt     # first: metrics, quantiles
  /usr/bin/python3 -m glyph-prior.export   --ckpt glyph-prior/runs/small/best.pt

forward.onnx: z [batch, 24] (the glyph VAE's latent) -> u [batch, 24], logdet [batch] (log |det du/dz|)
inverse.onnx: u [batch, 24] -> z [batch, 24]
Both opset 17, float32, dynamic batch, weights inside the file. Checks onnxruntime-node against PyTorch on the
posterior means of every training glyph and on flow samples (both directions) and the round trip, times both graphs,
writes heldout.json (styles of the held-out fonts with their log q, for the app's tests) and the manifest.
"""
import json
import math
import os

import numpy as np
import torch

from common import file_entry, save_manifest, training_info  # ../common/README.md
from common.flow_export import check_flow_onnx, export_args, export_checked, flow_io

from .codes import HELD, load as load_codes
from .evaluate import flow_log_prob, load_model
from .model import DIM, count_params, normal_log_prob

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "glyphs-prior"))
MAX_TOTAL_BYTES = 2_000_000
LICENSE = "OFL-1.1"
FOR = "glyphs"
DATA = ("the bundled glyph VAE's (models/glyphs) posterior over the 62 glyphs (A-Z a-z 0-9) of each of its 486 "
        "training fonts (Debian fonts-* packages, models/training/glyphs/packages.tsv), as encoded by its encoder; "
        "433 fonts fit, 53 (a seeded 10 % of the family groups) early stopping; the VAE's 70 held-out fonts "
        "(15 family groups) only evaluated on")
DATA_LICENSE = ("the glyph model's fonts: OFL-1.1 / OFL-1.0 (most), Apache-2.0, Bitstream-Vera, GUST Font License "
                "(LPPL-1.3c), MIT, BSD-3-Clause, public domain, ParaType Free Font License (see models/glyphs/CARD.md)")
LOG_DENSITY = ("log q(z) = -0.5 * sum_i u_i^2 - 12 * ln(2 pi) + logdet with (u, logdet) = forward(z), z = a point of "
               "the glyphs model's 24-d latent space; natural log, nats")
QUANTILES_OVER = {
    "mean": "log q of the posterior mean of every glyph (A-Z a-z 0-9) of the glyphs model's 486 training fonts "
            "(30,132 codes: what its encoder gives for real glyphs)",
    "sample": "log q of 4 posterior samples z ~ N(mean, exp(logvar)) of every glyph of the glyphs model's 486 "
              "training fonts (120,528 codes, seeded)",
}
CODES_TEXT = {
    "mean": "the posterior mean of each (font, char) pair: where the encoder puts the training glyphs",
    "sample": "a fresh posterior sample z ~ N(mean, exp(logvar)) of each (font, char) pair drawn, every batch: the "
              "glyph VAE's aggregate posterior",
}


NAMES = ('z', 'u')  # (data, base): the graphs' input and output names
FORWARD_IO, INVERSE_IO = flow_io(DIM, NAMES)


def write_heldout(out_dir, codes, model, quantiles):
    """models/glyphs-prior/heldout.json: one style per held-out font (the mean of its 62 glyphs' posterior means),
    with log q under the flow (PyTorch, float32) and its percentile, for the app's tests and the card."""
    held = np.nonzero(codes["split"] == HELD)[0]
    styles = codes["mean"][held].mean(1).astype(np.float32)
    lq = flow_log_prob(model, styles)
    rows = []
    for k, i in enumerate(held):
        m = codes["meta"][i]
        rows.append({"font": f"{m['family']} {m['style']}".strip(), "package": m["package"],
                     "z": [round(float(v), 6) for v in styles[k]], "logDensity": round(float(lq[k]), 4),
                     "percentile": round(float(np.interp(lq[k], quantiles, np.arange(101))), 2),
                     "normalLogDensity": round(float(normal_log_prob(styles[k].astype(np.float64))), 4)})
    doc = {
        "note": "held-out fonts of the glyphs model (never trained on by it or by this prior): z = the mean of the "
                "font's 62 glyph posterior means (its style), logDensity = log q(z) by model.json's prior.logDensity "
                "(nats; float32 graphs agree within ~1e-3), percentile among the training codes (prior."
                "logDensityQuantiles), normalLogDensity = log N(z; 0, I)",
        "fonts": rows,
    }
    path = os.path.join(out_dir, "heldout.json")
    with open(path, "w") as f:  # one font a line
        f.write('{\n "note": ' + json.dumps(doc["note"]) + ',\n "fonts": [\n')
        f.write(",\n".join("  " + json.dumps(r) for r in rows) + "\n ]\n}\n")
    with open(path) as f:
        assert json.load(f) == doc
    return path, lq


def write_manifest(out_dir, model, ck, ev, err, timings, fwd, inv):
    d, p = ev["density"], ev["priors"]
    primary = d[d["primary"]]
    m = {
        "heldOutMeanLogDensity": primary["flow"],
        "heldOutStdErrFonts": d["heldOutStdErrFonts"],
        "heldOutMeanLogDensityNormal": primary["normal"],
        "heldOutMeanLogDensityNormalT": primary["normalT"],
        "heldOutMeanLogDensityFullGaussian": primary["fullGaussian"],
        "flowMinusNormalPerFont": d["flowMinusNormalPerFont"],
        "flowMinusNormalPerFontStdErr": d["flowMinusNormalPerFontStdErr"],
        "fontsFlowAboveNormal": d["fontsFlowAboveNormal"],
        "heldOutSamplesMeanLogDensity": d["samples"]["flow"],
        "heldOutSamplesMeanLogDensityNormal": d["samples"]["normal"],
        "heldOutStylesMeanLogDensity": d["styles"]["flow"],
        "heldOutStylesMeanLogDensityNormal": d["styles"]["normal"],
        "trainMeanLogDensity": d["trainFlow"],
        "heldOutMedianPercentile": d["heldOutMedianPercentile"],
        "heldOutStylesMedianPercentile": d["heldOutStylesMedianPercentile"],
        "matchedTemperature": ev["matchedTemperature"],
        "bestTemperature": ev["bestTemperature"],
        "samplesPerPrior": ev["samplesPerPrior"],
    }
    for name in ("flow", "normal", "normalT", "normalBestT"):
        key = name[0].upper() + name[1:]
        for k in ("roundTripUnderThreshold", "roundTripMse", "stylesAllUnderThresholdShare", "styleRoundTripMse",
                  "precision", "recall", "greyShare", "fdPixelsHeldOut", "fdEncoderHeldOut", "fdPixelsTrain",
                  "fdEncoderTrain"):
            m[f"{k}{key}"] = p[name][k]
    for k, v in ev["real"].items():
        m[k] = v
    m.update({
        "trainFonts": ev["counts"]["trainFonts"],
        "heldOutFonts": ev["counts"]["heldOutFonts"],
        "parameters": count_params(model),
        "onnxBytes": os.path.getsize(fwd) + os.path.getsize(inv),
        "onnxMaxAbsError": float(f"{max(err.values()):.3g}"),
        "trainSeconds": ev["trainSeconds"],
        **timings,
    })
    m = {k: (round(v, 6) if isinstance(v, float) else v) for k, v in m.items()}
    cfg = {k: v for k, v in ck["config"].items() if k != "dropout"}
    tr = training_info("models/training/glyph-prior", DATA, DATA_LICENSE, ck)
    tr.update({
        "bestStep": ev["bestStep"],
        "config": cfg,
        "codes": CODES_TEXT[ev["codes"]],
        "earlyStopping": "best validation log q over the codes of the 53 early-stopping fonts",
    })
    man = {
        "id": "glyphs-prior",
        "name": "Glyph Styles flow prior",
        "version": "1.1.0",
        "family": "flow",
        "task": "latent-prior",
        "license": LICENSE,
        "files": [file_entry(fwd, "forward"), file_entry(inv, "inverse")],
        "inputs": FORWARD_IO["inputs"],
        "outputs": FORWARD_IO["outputs"],
        "prior": {
            "for": FOR,
            "dim": DIM,
            "forward": os.path.basename(fwd),
            "inverse": os.path.basename(inv),
            "io": {"forward": FORWARD_IO, "inverse": INVERSE_IO},
            "logDensity": LOG_DENSITY,
            "quantilesOver": QUANTILES_OVER[ev["codes"]],
            "logDensityQuantiles": [round(v, 5) for v in ev["logDensityQuantiles"]],
            "heldOutMeanLogDensity": round(primary["flow"], 5),
        },
        "training": tr,
        "metrics": m,
    }
    return save_manifest(out_dir, man)


def main():
    args = export_args(HERE, DEFAULT_OUT)
    model, ck, ev, fwd, inv = export_checked(args, load_model, DIM, NAMES, "glyph-prior.evaluate", MAX_TOTAL_BYTES)

    codes = load_codes()
    rng = np.random.default_rng(0)
    mu = codes["mean"][codes["split"] != HELD].reshape(-1, DIM)
    # the check runs on the training glyphs' posterior means and on flow samples at T = 1 and 1.5
    with torch.no_grad():
        scale = np.repeat([1.0, 1.5], 2000)[:, None].astype(np.float32)
        u = rng.standard_normal((4000, DIM)).astype(np.float32) * scale
        z_flow = model.inverse(torch.from_numpy(u)).numpy()
    z = np.concatenate([mu.astype(np.float32), z_flow])
    err, timings = check_flow_onnx(model, fwd, inv, z, NAMES, batches=(1, 40), repeats=args.repeats)
    path, lq = write_heldout(args.out, codes, model, ev["logDensityQuantiles"])
    assert math.isclose(float(lq.mean()), ev["density"]["styles"]["flow"], abs_tol=1e-3)
    print("wrote", path)
    write_manifest(args.out, model, ck, ev, err, timings, fwd, inv)
    print("wrote", os.path.join(args.out, "model.json"))


if __name__ == "__main__":
    main()
