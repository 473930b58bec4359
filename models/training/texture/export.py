"""Export a checkpoint to ONNX (dynamic H/W) and write models/texture/model.json.

  cd models/training && /usr/bin/python3 -m texture.export --ckpt texture/runs/small/last.pt --out ../texture
  (metrics are merged in from runs/metrics.json if evaluate.py has written it)
"""
import argparse
import json
import os

import numpy as np
import onnx
import torch

from common import file_entry, load_checkpoint, run_onnx, save_manifest, training_info  # ../common/README.md

from .model import STRIDE, build, count_params

HERE = os.path.dirname(os.path.abspath(__file__))

DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "texture"))


def load_generator(ckpt_path):
    return load_checkpoint(ckpt_path, lambda ck: build(ck["config"], ck["num_styles"]))


def export_onnx(G, path, latent=32, opset=17):
    noise = torch.randn(1, G.z, latent, latent)
    style = torch.zeros(1, G.num_styles)
    style[0, 0] = 1
    with torch.no_grad():
        torch.onnx.export(
            G, (noise, style), path, opset_version=opset, do_constant_folding=True,
            input_names=["noise", "style"], output_names=["image"],
            dynamic_axes={"noise": {2: "h", 3: "w"}, "image": {2: "H", 3: "W"}},
        )
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return m


def write_manifest(out_dir, G, ck, onnx_path, metrics):
    styles = ck["styles"]
    man = {
        "id": "texture",
        "name": "Seamless Texture Generator",
        "version": "1.0.0",
        "family": "gan",
        "task": "texture",
        "license": "GPL-3.0-or-later",
        "files": [file_entry(onnx_path, "generator")],
        "inputs": [
            {"name": "noise", "dtype": "float32", "shape": [1, G.z, "h", "w"]},
            {"name": "style", "dtype": "float32", "shape": [1, G.num_styles]},
        ],
        "outputs": [{"name": "image", "dtype": "float32", "shape": [1, 3, "H", "W"]}],
        "texture": {
            "latentChannels": G.z,
            "latentStride": STRIDE,
            "minSize": 256,
            "maxSize": 2048,
            "outputRange": [0, 1],
            "styles": [{"index": i, "id": s["id"], "name": s["name"]} for i, s in enumerate(styles)],
        },
        "training": training_info(
            "models/training/texture",
            "GIMP texture patterns from Debian gimp-data and gimp-data-extras",
            "GPL-3.0-or-later (gimp-data patterns) / GPL-2.0-or-later (gimp-data-extras patterns) (see CARD.md)",
            ck, device="cpu" if "cpu" in str(ck.get("device", "cpu")) else "cuda"),
        "metrics": {k: metrics.get(k, 0) for k in ("seamScore", "seamScoreBaseline", "patchSWD", "patchSWDBaseline")},
    }
    return save_manifest(out_dir, man)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "small", "last.pt"))
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--export-latent", type=int, default=32, help="latent size used for tracing (256 px)")
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics.json"), help="written by evaluate.py")
    ap.add_argument("--check-latent", type=int, default=12, help="different latent size for the dynamic-shape check")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    G, ck = load_generator(args.ckpt)
    path = os.path.join(args.out, "texture.onnx")
    export_onnx(G, path, latent=args.export_latent)
    print(f"exported {path}: {os.path.getsize(path)} bytes, {count_params(G)} params, step {ck['step']}")

    # dynamic-shape check at a size different from the traced one (non-square on purpose)
    rng = np.random.default_rng(1)
    noise = rng.standard_normal((1, G.z, args.check_latent, args.check_latent + 4)).astype(np.float32)
    style = np.zeros((1, G.num_styles), np.float32)
    style[0, 3] = 0.7
    style[0, 5] = 0.3
    with torch.no_grad():
        ref = G(torch.from_numpy(noise), torch.from_numpy(style)).numpy()
    outs, backend, _ = run_onnx(path, {"noise": noise, "style": style})
    got = outs["image"]
    err = float(np.abs(ref - got).max())
    print(f"{backend} at latent {noise.shape[2:]} -> {got.shape}; max |torch - onnx| = {err:.2e}")
    assert got.shape == ref.shape and err < 1e-4

    mpath = args.metrics
    metrics = {}
    if os.path.exists(mpath):
        with open(mpath) as f:
            metrics = json.load(f)
    write_manifest(args.out, G, ck, path, metrics)
    print("wrote", os.path.join(args.out, "model.json"))


if __name__ == "__main__":
    main()
