"""Export the trained emoji UNet to models/emoji/: unet.onnx (INTERFACE.md: sample, timestep, words -> out_sample;
dynamic batch, spatial size and word count; opset 14), model.json (manifest with the `image` section), reference.json
(a fixed input's output for the app's parity test). Checks ONNX == PyTorch on the app's onnxruntime-node.
Run with Debian /usr/bin/python3 (torch 1.13, onnx 1.12):
  cd models/training && /usr/bin/python3 -m images.export --run images/runs/b --device-label "an H100 GPU"
--run: a train.py output prefix (<run>_ema.npz + <run>_summary.json); several: the lowest held-out loss is taken.
Metrics from runs/metrics.json (evaluate.py) are copied into model.json when present.
"""
import argparse
import json
import math
import os

import numpy as np
import torch

import common as tc  # ../common/README.md

from . import data as data_mod
from . import model as model_mod

HERE = os.path.dirname(os.path.abspath(__file__))

OUT_DIR = os.path.abspath(os.path.join(HERE, "..", "..", "emoji"))
MAX_WORDS = 8
APP_STOP_WORDS = data_mod.STOP_WORDS
REF_PROMPT = "red heart"
REF_T = 500.0


DATA_V2 = ("sets.py: Noto Color Emoji (emoji-datasource-google 16.0.0), Twemoji (emoji-datasource-twitter 16.0.0), "
           "Microsoft Fluent Emoji flat SVGs (fluentui-emoji 1.3.0), Tabler outline icons (@tabler/icons 3.52.0) and "
           "Lucide icons (lucide-static 1.87.0), %dx%d on white; captions: measured colour word, style word, name, "
           "keywords/tags; held out: sha1(unified) %% 20 == 0 for emoji, sha1(source/name) %% 20 == 0 for icons "
           "(%d of %d rows); %d recoloured copies")
LICENCES_V2 = ("CC-BY-4.0 (Twemoji images, by Twitter, Inc and other contributors), Apache-2.0 (Noto Emoji), MIT "
               "(Fluent Emoji, Tabler icons, emoji-datasource metadata, emojilib keywords), ISC (Lucide icons)")


def stages(summ):
    """The runs this one continued (--init-npz), oldest first, then this one: prediction, steps, minutes."""
    out, cur = [], summ
    while cur is not None:
        ca = cur["args"]
        out.insert(0, {"prediction": ca.get("prediction", "epsilon"), "steps": cur["steps"], "batch": ca["batch"],
                       "peakLr": ca["lr"], "minutes": round(cur["train_seconds"] / 60, 1)})
        cur = None
        if ca.get("init_npz"):  # paths are relative to models/training, where train.py runs
            prev = os.path.join(HERE, "..", ca["init_npz"][:-len("_ema.npz")] + "_summary.json")
            if os.path.exists(prev):
                with open(prev) as f:
                    cur = json.load(f)
    return out


def suggestions(d, index):
    """The prompt box's word groups: the style words and the colour words (each in the vocabulary)."""
    from . import colour as col
    out = [{"label": "Style", "words": [str(w) for w in d["styles"]]},
           {"label": "Colour", "words": list(col.COLOURS)}]
    for g in out:
        missing = [w for ph in g["words"] for w in ph.split() if w not in index]
        assert not missing, f"suggested words not in the vocabulary: {missing}"
    return out


def ref_sample(size):
    """The reference input: sample[i] = sin(0.37 * i) * 0.8 over the flattened [1, 3, size, size] tensor."""
    n = 3 * size * size
    return (np.sin(0.37 * np.arange(n, dtype=np.float64)) * 0.8).astype(np.float32).reshape(1, 3, size, size)


def load_run(prefix, vocab):
    s = json.load(open(prefix + "_summary.json"))
    m = model_mod.build(vocab, s["config"])
    w = np.load(prefix + "_ema.npz")
    m.load_state_dict({k: torch.from_numpy(w[k]) for k in w.files})
    return m.eval(), s


def export_onnx(m, path, size):
    x = torch.from_numpy(ref_sample(size)).repeat(2, 1, 1, 1)
    t = torch.tensor([REF_T, 10.0])
    w = torch.zeros(2, MAX_WORDS, dtype=torch.long)
    w[0, :2] = torch.tensor([5, 7])
    torch.onnx.export(m, (x, t, w), path, input_names=["sample", "timestep", "words"], output_names=["out_sample"],
                      dynamic_axes={"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"},
                                    "words": {0: "batch", 1: "words"}, "out_sample": {0: "batch", 2: "height", 3: "width"}},
                      opset_version=14, do_constant_folding=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", nargs="+", default=[os.path.join(HERE, "runs", "emoji")])
    ap.add_argument("--data", default=os.path.join(HERE, ".cache", "carry", "emoji2_48.npz"),
                    help="sets.py's data (Atelier Emoji 2; data.py's emoji48.npz for the first model)")
    ap.add_argument("--out-dir", default=OUT_DIR)
    ap.add_argument("--sizes", type=int, nargs="+", default=[32, 48, 64])
    ap.add_argument("--device-label", default="cpu")
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics_v2.json"))
    ap.add_argument("--steps", type=int, default=30, help="the app's default sampling steps")
    ap.add_argument("--guidance", type=float, default=7.5, help="the app's default classifier-free guidance scale")
    a = ap.parse_args()
    torch.set_num_threads(1)
    d = data_mod.load(a.data)
    vocab = d["vocab"].tolist()
    index = {w: i for i, w in enumerate(vocab)}
    runs = sorted(a.run, key=lambda p: json.load(open(p + "_summary.json"))["heldout_loss"])
    m, summ = load_run(runs[0], len(vocab))
    size = int(summ["size"])
    os.makedirs(a.out_dir, exist_ok=True)
    onnx_path = os.path.join(a.out_dir, "unet.onnx")
    export_onnx(m, onnx_path, size)

    # parity: PyTorch vs the app's onnxruntime on several sizes / word patterns
    max_err = 0.0
    checks = []
    for s, words in [(size, [data_mod.tokenize(REF_PROMPT, index), [0] * MAX_WORDS]), (32, [[3, 0, 0, 0, 0, 0, 0, 0]]),
                     (64, [data_mod.tokenize("cat face", index)])]:
        x = ref_sample(s).repeat(len(words), 0)
        t = np.full(len(words), REF_T, np.float32)
        w = np.array(words, np.int64)
        with torch.no_grad():
            ref = m(torch.from_numpy(x), torch.from_numpy(t), torch.from_numpy(w)).numpy()
        outs, backend, _ = tc.run_onnx(onnx_path, {"sample": x, "timestep": t, "words": w})
        err = float(np.abs(outs["out_sample"] - ref).max())
        max_err = max(max_err, err)
        checks.append({"size": s, "batch": len(words), "maxAbsError": err})
    print("onnx vs torch:", checks, backend)
    assert max_err < 1e-3, max_err

    # reference.json for the app's parity test
    w = data_mod.tokenize(REF_PROMPT, index)
    x = ref_sample(size)
    with torch.no_grad():
        out = m(torch.from_numpy(x), torch.tensor([REF_T]), torch.tensor([w])).numpy()
    with torch.no_grad():
        out0 = m(torch.from_numpy(x), torch.tensor([REF_T]), torch.zeros(1, MAX_WORDS, dtype=torch.long)).numpy()
    ref = {"prompt": REF_PROMPT, "size": size, "timestep": REF_T, "words": w, "seed": None,
           "sampleFormula": "sample[i] = sin(0.37 * i) * 0.8 (float64 then float32) for i = 0 .. 3*size*size-1 over "
                            "the flattened [1, 3, size, size] tensor (row-major, channel first); no random numbers",
           "sampleFirst16": [round(float(v), 6) for v in x.reshape(-1)[:16]],
           "outFirst16": [round(float(v), 6) for v in out.reshape(-1)[:16]],
           "outMeanAbs": round(float(np.abs(out).mean()), 6),
           "uncondWords": [0] * MAX_WORDS,
           "uncondOutFirst16": [round(float(v), 6) for v in out0.reshape(-1)[:16]],
           "tolerance": 1e-3}
    with open(os.path.join(a.out_dir, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")

    ac = model_mod.alphas_cumprod(1000, summ["args"]["schedule"]).double().numpy()
    params = sum(p.numel() for p in m.parameters())
    metrics = {"parameters": params, "heldOutDenoisingMse": round(summ["heldout_loss"], 5),
               "heldOutDenoisingMseUncond": round(summ["heldout_loss_uncond"], 5),
               "trainProbeDenoisingMse": round(summ["train_probe_loss"], 5), "onnxMaxAbsError": max_err,
               "onnxChecks": checks}
    if os.path.exists(a.metrics):
        metrics.update(json.load(open(a.metrics)))
    files = [tc.file_entry(onnx_path, "unet"), tc.file_entry(os.path.join(a.out_dir, "reference.json"), "reference")]
    for extra, role in [("CARD.md", "card")]:
        p = os.path.join(a.out_dir, extra)
        if os.path.exists(p):
            files.append(tc.file_entry(p, role))
    sa = summ["args"]
    v2 = "sources" in d
    man = {
        "id": "emoji",
        "name": "Atelier Emoji 2" if v2 else "Atelier Emoji",
        "version": "2.0.0" if v2 else "1.0.0",
        "family": "diffusion",
        "task": "image",
        "license": "CC-BY-4.0" if v2 else "Apache-2.0",
        "description": ("A small text-conditioned pixel-space diffusion model (UNet, epsilon prediction) trained on four "
                        "drawings of the emoji (Noto, Twemoji, Fluent) and on line icons (Tabler, Lucide): type a colour, "
                        "an object and a style (\"blue heart\", \"flat red car\", \"line icon green house\") and get a "
                        "48x48 picture. Includes Twemoji graphics by Twitter, Inc and other contributors, CC-BY 4.0.")
        if v2 else "A small text-conditioned pixel-space diffusion model (UNet, epsilon prediction) trained on the "
                   "Noto emoji: type a few words (\"red heart\", \"cat\", \"rocket\") and get a 48x48 emoji-like image.",
        "files": files,
        "inputs": [{"name": "sample", "dtype": "float32", "shape": ["batch", 3, "height", "width"]},
                   {"name": "timestep", "dtype": "float32", "shape": ["batch"]},
                   {"name": "words", "dtype": "int64", "shape": ["batch", "words"]}],
        "outputs": [{"name": "out_sample", "dtype": "float32", "shape": ["batch", 3, "height", "width"]}],
        "image": {
            "kind": "pixel",
            "trainSize": size,
            "sizes": a.sizes,
            "channels": 3,
            "valueRange": [-1, 1],
            "background": [255, 255, 255],
            "prediction": sa.get("prediction", "epsilon"),
            "schedule": {"timesteps": 1000, "betaSchedule": sa["schedule"],
                         "alphasCumprod": [float(np.float32(v)) for v in ac]},
            "conditioning": dict({"input": "words", "maxWords": MAX_WORDS, "vocab": vocab, "stopWords": APP_STOP_WORDS},
                                 **({"suggestions": suggestions(d, index)} if v2 else {})),
            "defaults": {"steps": a.steps, "guidance": a.guidance, "sampler": "ddim"},
            "unet": "unet.onnx",
            "timestep": {"dtype": "float32", "perImage": True},
        },
        "training": dict(tc.training_info(
            "models/training/images", DATA_V2 % (size, size, int(d["test"].sum()), len(d["test"]),
                                                 int(d["recoloured"].sum())) if v2 else
            "emoji-datasource-google 16.0.0 (Noto Emoji 64x64 PNGs, one image per emoji, skin-tone variants dropped, "
            "Component category dropped) composited on white, resized to %dx%d; captions from emoji.json names, short "
            "names, category/subcategory and emojilib 4.0.3 keywords; held out: sha1(unified) %% 20 == 0 (%d of %d)"
            % (size, size, int(d["test"].sum()), len(d["test"])),
            LICENCES_V2 if v2 else "Apache-2.0 (Noto Emoji images), MIT (emoji-datasource metadata, emojilib keywords)",
            {"step": summ["steps"], "train_seconds": summ["train_seconds"]}, a.device_label),
            config=summ["config"], batch=sa["batch"], peakLr=sa["lr"], pUncond=sa["p_uncond"], ema=sa["ema"],
            bf16=sa["bf16"], selection="lowest held-out denoising MSE among the runs trained together",
            **({"initialisedFrom": "Atelier Emoji 1.0.0 (models/emoji/unet.onnx before this run; new words at the mean "
                                   "word vector)", "iconShare": sa.get("icon_share"),
                "stages": stages(summ)} if v2 else {})),
        "metrics": metrics,
    }
    assert all(0 < v <= 1 for v in man["image"]["schedule"]["alphasCumprod"])
    tc.save_manifest(a.out_dir, man)
    print(f"wrote {a.out_dir}: unet.onnx {os.path.getsize(onnx_path) / 1e6:.2f} MB, params {params}, vocab {len(vocab)}")


if __name__ == "__main__":
    main()
