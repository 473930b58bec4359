"""Export a checkpoint to encoder.onnx + decoder.onnx and write models/texture-vae/model.json.

  cd models/training && /usr/bin/python3 -m texture-vae.export --ckpt texture-vae/runs/final.pt [--out ../texture-vae]
      [--metrics texture-vae/runs/metrics.json]

runs/metrics.json (written by evaluate.py for the SAME checkpoint; checked by step and weight hash) supplies
latent.pca, latent.recon and the metrics. The export checks ONNX == PyTorch with the app's onnxruntime-node
and measures decoder latency (batch 1 and 25) with it.
"""
import argparse
import hashlib
import json
import os

import numpy as np
import onnx
import torch

from common import file_entry, load_checkpoint, run_onnx, save_manifest, training_info  # ../common/README.md

from .model import VAE, count_params, macs

HERE = os.path.dirname(os.path.abspath(__file__))

DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "texture-vae"))
OPSET = 17
DATA_LICENSE = ("GPL-3.0-or-later (gimp-data patterns) / GPL-2.0-or-later (gimp-data-extras patterns) "
                "(see CARD.md)")


def load_vae(ckpt_path):
    return load_checkpoint(ckpt_path, lambda ck: VAE(ck["config"]))


def weights_hash(vae):
    h = hashlib.sha256()
    for k, v in sorted(vae.state_dict().items()):
        h.update(k.encode())
        h.update(v.detach().cpu().numpy().astype("<f4").tobytes())
    return h.hexdigest()[:16]


def export_onnx(vae, out_dir):
    dec_path, enc_path = os.path.join(out_dir, "decoder.onnx"), os.path.join(out_dir, "encoder.onnx")
    with torch.no_grad():
        torch.onnx.export(vae.decoder, (torch.zeros(2, vae.dim),), dec_path, opset_version=OPSET,
                          do_constant_folding=True, input_names=["z"], output_names=["image"],
                          dynamic_axes={"z": {0: "batch"}, "image": {0: "batch"}})
        torch.onnx.export(vae.encoder, (torch.zeros(2, 3, 64, 64),), enc_path, opset_version=OPSET,
                          do_constant_folding=True, input_names=["image"], output_names=["mean", "logvar"],
                          dynamic_axes={"image": {0: "batch"}, "mean": {0: "batch"}, "logvar": {0: "batch"}})
    for p in (dec_path, enc_path):
        onnx.checker.check_model(onnx.load(p))
    return enc_path, dec_path


def io_spec(dim):
    dec_in = [{"name": "z", "dtype": "float32", "shape": ["batch", dim]}]
    dec_out = [{"name": "image", "dtype": "float32", "shape": ["batch", 3, 64, 64]}]
    enc_in = [{"name": "image", "dtype": "float32", "shape": ["batch", 3, 64, 64]}]
    enc_out = [{"name": "mean", "dtype": "float32", "shape": ["batch", dim]},
               {"name": "logvar", "dtype": "float32", "shape": ["batch", dim]}]
    return dec_in, dec_out, enc_in, enc_out


def write_manifest(out_dir, vae, ck, enc_path, dec_path, ev, timing, size_info, compare=None):
    dec_in, dec_out, enc_in, enc_out = io_spec(vae.dim)
    m = ev["metrics"]
    metrics = {
        "heldOutMse": m["vae"]["mse"],
        "heldOutElboNats": m["vae"]["elbo"],
        "heldOutReconNllNats": m["vae"]["nll"],
        "heldOutKlNats": m["vae"]["kl"],
        "trainMse": m["vae"]["trainMse"],
        "pcaBaselineMse": m["pca"]["mse"],
        "pcaBaselineNllNats": m["pca"]["nll"],
        "meanImageBaselineMse": m["mean"]["mse"],
        "meanImageBaselineNllNats": m["mean"]["nll"],
        "priorSampleGradEnergyRatio": m["vae"]["priorGradEnergyRatio"],
        "reconGradEnergyRatio": m["vae"]["reconGradEnergyRatio"],
        "sigma": m["sigma"],
        "heldOutImages": m["heldOutImages"],
        "heldOutPatterns": m["heldOutPatterns"],
        "decoderMacsPerImage": size_info["decMacs"],
        "parameters": size_info["params"],
    }
    for key, name in (("b1", "decoderMsBatch1"), ("b25", "decoderMsBatch25"),
                      ("b1t1", "decoderMsBatch1OneThread"), ("b25t1", "decoderMsBatch25OneThread")):
        if key in timing:  # medians of session.run with onnxruntime-node on the training machine
            metrics[name] = timing[key]
    gan = "w_adv" in (ck.get("args") or {})  # a VAE-GAN decoder (train_gan.py) over the bundled encoder
    if compare:
        metrics |= {f"{k}Old": v for k, v in compare["old"].items()} | compare["new"]
    man = {
        "id": "texture-vae",
        "name": "Texture VAE",
        "version": "2.0.0" if gan else "1.0.0",
        "family": "vae",
        "task": "latent",
        "license": "GPL-3.0-or-later",
        "files": [
            file_entry(enc_path, "encoder"),
            file_entry(dec_path, "decoder"),
        ],
        "inputs": dec_in,
        "outputs": dec_out,
        "latent": {
            "dim": vae.dim,
            "width": 64, "height": 64, "channels": 3,
            "ink": False,
            "encoder": {"inputs": enc_in, "outputs": enc_out},
            "preprocess": "center-crop",
            "pca": ev["pca"],
            "recon": ev["recon"],
        },
        "training": training_info(
            "models/training/texture-vae",
            "GIMP texture patterns from Debian gimp-data and gimp-data-extras "
            f"({m['trainPatterns']} patterns for training, {m['heldOutPatterns']} held out)",
            DATA_LICENSE, ck),
        "metrics": metrics,
    }
    if gan:
        a = ck["args"]
        man["training"] |= {
            "device": f"{a['threads']} CPU threads",
            "initialisedFrom": "Texture VAE 1.0.0 (3200 VAE steps, 77.9 min); its encoder is kept unchanged",
            "stages": [{"what": "VAE (train.py)", "steps": 3200, "batch": 32, "minutes": 77.9},
                       {"what": "VAE-GAN decoder (train_gan.py)", "steps": int(ck["step"]), "batch": a["batch"],
                        "lr": a["lr"], "wFeatureMatching": a["w_fm"], "wAdversarial": a["w_adv"],
                        "wGrid": a["w_grid"], "minutes": round(ck["train_seconds"] / 60, 1)}],
        }
    return save_manifest(out_dir, man)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "final.pt"))
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics.json"), help="written by evaluate.py")
    ap.add_argument("--repeats", type=int, default=200, help="timed decoder runs per batch size")
    ap.add_argument("--compare", default="", help="compare.py's json for this checkpoint (old vs new decoder)")
    args = ap.parse_args()
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    vae, ck = load_vae(args.ckpt)
    with open(args.metrics) as f:
        ev = json.load(f)
    assert ev["step"] == ck["step"] and ev["weights"] == weights_hash(vae), \
        f"{args.metrics} was written for another checkpoint; run evaluate.py --ckpt {args.ckpt} first"
    enc_path, dec_path = export_onnx(vae, args.out)
    size_info = dict(params=count_params(vae), decMacs=macs(vae.decoder, torch.zeros(1, vae.dim)))
    print(f"exported {enc_path} ({os.path.getsize(enc_path)} B), {dec_path} ({os.path.getsize(dec_path)} B); "
          f"step {ck['step']}, {size_info}")

    rng = np.random.default_rng(5)
    z = rng.standard_normal((7, vae.dim)).astype(np.float32)
    x = rng.random((5, 3, 64, 64)).astype(np.float32)
    with torch.no_grad():
        ref_img = vae.decoder(torch.from_numpy(z)).numpy()
        ref_m, ref_lv = (t.numpy() for t in vae.encoder(torch.from_numpy(x)))
    got, backend, _ = run_onnx(dec_path, {"z": z})
    err_d = float(np.abs(got["image"] - ref_img).max())
    got, _, _ = run_onnx(enc_path, {"image": x})
    err_e = max(float(np.abs(got["mean"] - ref_m).max()), float(np.abs(got["logvar"] - ref_lv).max()))
    print(f"{backend}: max |torch - onnx| decoder {err_d:.2e}, encoder {err_e:.2e}")
    assert err_d < 1e-4 and err_e < 1e-3

    timing = {}
    for threads in ("", "1"):  # onnxruntime's default intra-op threads, and 1 thread
        for b in (1, 25):
            _, backend, t = run_onnx(dec_path, {"z": rng.standard_normal((b, vae.dim)).astype(np.float32)},
                                     repeats=args.repeats, threads=threads)
            ms = t and t["runs"]
            if ms:
                timing[f"b{b}" + ("t" + threads if threads else "")] = round(float(np.median(ms)), 3)
                print(f"decoder batch {b}, threads {threads or 'default'}: median {np.median(ms):.2f} ms, "
                      f"p90 {np.percentile(ms, 90):.2f} ms ({backend}, {len(ms)} runs)")
    compare = None
    if args.compare:
        with open(args.compare) as f:
            compare = json.load(f)
        assert compare["step"] == ck["step"], f"{args.compare} was written for another checkpoint"
    write_manifest(args.out, vae, ck, enc_path, dec_path, ev, timing, size_info, compare)
    print("wrote", os.path.join(args.out, "model.json"))


if __name__ == "__main__":
    main()
