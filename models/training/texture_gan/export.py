"""Export the texture GAN as the app's texture generator: ONNX opset 17, `noise` [1, 16, h, w] + `style` [1, S]
mixing weights over the S named styles -> `image` [1, 3, 8h, 8w] in [0, 1] (the interface of models/texture).
The graph maps the weights to a point of the style space through a constant matrix of the named styles' mean
codes (results/codes.json, written by evaluate.py), so any blend is a point in the learned space.

  cd models/training && /usr/bin/python3 -m texture_gan.export --ckpt texture_gan/.cache/run/last.pt \
      --out texture_gan/.cache/export            # --out ../texture replaces the bundled model

Checks: ONNX (onnxruntime-node, common/ort.py) == PyTorch at 256 px, 512 px and a non-square size; the wrap
seam of a 512 px output is within the range of the interior's latent-cell boundaries (seam_within_range).
"""
import argparse
import json
import os

import numpy as np
import onnx
import torch

from common import file_entry, load_file, run_onnx, save_manifest, training_info

from .evaluate import RESULTS, load_ema
from .model import STRIDE, StyleGenerator, count_params

HERE = os.path.dirname(os.path.abspath(__file__))


def export_onnx(model, path, latent=32, opset=17):
    noise = torch.randn(1, model.z, latent, latent)
    style = torch.zeros(1, model.num_styles)
    style[0, 0] = 1
    with torch.no_grad():
        torch.onnx.export(model, (noise, style), path, opset_version=opset, do_constant_folding=True,
                          input_names=["noise", "style"], output_names=["image"],
                          dynamic_axes={"noise": {2: "h", 3: "w"}, "image": {2: "H", 3: "W"}})
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return m


def seam_within_range(img, stride=STRIDE):
    """img [3, H, W]: (wrap-edge mean |difference|, min and max of the same over the interior latent-cell
    boundaries, pixel 8k-1 vs 8k), for columns and rows. Seamless: the wrap edge lies within [min, max]."""
    out = []
    for axis in (2, 1):
        a = np.moveaxis(img, axis, 0)
        wrap = float(np.abs(a[-1] - a[0]).mean())
        inner = [float(np.abs(a[k] - a[k - 1]).mean()) for k in range(stride, a.shape[0], stride)]
        out.append((wrap, min(inner), max(inner)))
    return out


def check(model, path, sizes=((32, 32), (64, 64), (24, 40)), seed=1):
    """ONNX vs PyTorch on a blend of two styles at each latent size -> list of (shape, max |diff|, backend)."""
    rng = np.random.default_rng(seed)
    res = []
    for h, w in sizes:
        noise = rng.standard_normal((1, model.z, h, w)).astype(np.float32)
        style = np.zeros((1, model.num_styles), np.float32)
        style[0, 0], style[0, model.num_styles - 1] = 0.6, 0.4
        with torch.no_grad():
            ref = model(torch.from_numpy(noise), torch.from_numpy(style)).numpy()
        outs, backend, _ = run_onnx(path, {"noise": noise, "style": style})
        got = outs["image"]
        assert got.shape == ref.shape == (1, 3, h * STRIDE, w * STRIDE), (got.shape, ref.shape)
        res.append((got.shape, float(np.abs(ref - got).max()), backend, got[0]))
    return res


def write_manifest(out_dir, model, ck, styles, onnx_path, metrics):
    man = {
        "id": "texture", "name": "Seamless Texture Generator", "version": "2.0.0", "family": "gan", "task": "texture",
        "license": "GPL-3.0-or-later",
        "files": [file_entry(onnx_path, "generator")],
        "inputs": [{"name": "noise", "dtype": "float32", "shape": [1, model.z, "h", "w"]},
                   {"name": "style", "dtype": "float32", "shape": [1, model.num_styles]}],
        "outputs": [{"name": "image", "dtype": "float32", "shape": [1, 3, "H", "W"]}],
        "texture": {"latentChannels": model.z, "latentStride": STRIDE, "minSize": 256, "maxSize": 2048,
                    "outputRange": [0, 1],
                    "styles": [{"index": i, "id": s["id"], "name": s["name"]} for i, s in enumerate(styles)]},
        "training": training_info(
            "models/training/texture_gan",
            "All 163 usable GIMP texture patterns from Debian gimp-data and gimp-data-extras",
            "GPL-3.0-or-later (gimp-data patterns) / GPL-2.0-or-later (gimp-data-extras patterns) (see CARD.md)",
            ck, device="cpu" if "cpu" in str(ck.get("device", "cpu")) else "cuda"),
        "metrics": metrics,
    }
    return save_manifest(out_dir, man)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, ".cache", "run", "last.pt"))
    ap.add_argument("--codes", default=os.path.join(RESULTS, "codes.json"))
    ap.add_argument("--metrics", default=os.path.join(RESULTS, "metrics.json"))
    ap.add_argument("--out", default=os.path.join(HERE, ".cache", "export"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    ck = load_file(args.ckpt)
    G, _ = load_ema(ck)
    with open(args.codes) as f:
        codes = json.load(f)
    assert codes["step"] == ck["step"], "codes.json is from another checkpoint: run evaluate.py first"
    model = StyleGenerator(G, np.array([s["code"] for s in codes["styles"]], np.float32)).eval()
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "texture.onnx")
    export_onnx(model, path)
    print(f"exported {path}: {os.path.getsize(path)} bytes, {count_params(G)} params, step {ck['step']}")
    for shape, err, backend, img in check(model, path):
        print(f"{backend} {shape}: max |torch - onnx| = {err:.2e}")
        assert err < 1e-4
        if shape[2] == 512:
            for wrap, lo, hi in seam_within_range(img):
                print(f"  seam {wrap:.4f} vs interior boundaries [{lo:.4f}, {hi:.4f}]")
                assert lo <= wrap <= hi
    metrics = {}
    if os.path.exists(args.metrics):
        with open(args.metrics) as f:
            m = json.load(f)
        hh = m["headToHead"]
        metrics = {"patchSWD": hh["new"]["swd"], "patchSWDOld": hh["old"]["swd"], "gramDistance": hh["new"]["gram"],
                   "gramDistanceOld": hh["old"]["gram"], "autocorrDistance": hh["new"]["autocorr"],
                   "autocorrDistanceOld": hh["old"]["autocorr"], "seamScore": hh["new"]["seam"],
                   "seamScoreOld": hh["old"]["seam"]}
    write_manifest(args.out, model, ck, codes["styles"], path, metrics)
    print("wrote", os.path.join(args.out, "model.json"))


if __name__ == "__main__":
    main()
