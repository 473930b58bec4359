"""Generate the evaluation + contact-sheet samples with the PyTorch DDIM sampler (model.ddim_sample).
Picks, among --runs, the run with the lowest held-out denoising loss (<run>_summary.json). Writes --out (npz,
uint8 [N, S, S, 3] arrays):
  cat_g{G}: for each category (data.CATEGORIES order), --per-cat samples from the prompt = its category words
            (e.g. "Smileys & Emotion"), guidance G in --guidances, seeds 1000 + category index;
  sheet_{i}: prompt i of --prompts, 8 samples (seed i), guidance --sheet-guidance (3), at the training size;
  sheet{S}_{i}: 4 samples at size S.
  cd models/training && python3 -m images.sample --device cuda --runs images/runs/a images/runs/b --out images/runs/samples.npz
"""
import argparse
import json
import os
import time

import numpy as np
import torch

from . import data as data_mod
from . import model as model_mod

HERE = os.path.dirname(os.path.abspath(__file__))
PROMPTS = ["cat", "red heart", "pizza", "rocket", "smiling face", "tree", "dog", "sun", "ghost", "car",
           "flower", "crying face"]


def load_unet(prefix, vocab, device):
    s = json.load(open(prefix + "_summary.json"))
    m = model_mod.build(vocab, s["config"])
    w = np.load(prefix + "_ema.npz")
    m.load_state_dict({k: torch.from_numpy(w[k]) for k in w.files})
    return m.to(device).eval(), s


def to_uint8(x):
    return ((x.float().cpu().clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(HERE, ".cache", "carry", "emoji48.npz"))
    ap.add_argument("--runs", nargs="+", default=[os.path.join(HERE, "runs", "emoji")])
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--bf16", action="store_true")
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--per-cat", type=int, default=32)
    ap.add_argument("--guidances", type=float, nargs="+", default=[0.0, 1.0, 3.0, 5.0])
    ap.add_argument("--prompts", nargs="+", default=PROMPTS)
    ap.add_argument("--extra-sizes", type=int, nargs="*", default=[32, 64])
    ap.add_argument("--sheet-guidance", type=float, default=3.0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "samples.npz"))
    a = ap.parse_args()
    if a.device == "cpu":
        torch.set_num_threads(a.threads)
    d = data_mod.load(a.data)
    vocab = d["vocab"].tolist()
    index = {w: i for i, w in enumerate(vocab)}
    size = d["images"].shape[1]
    runs = sorted(a.runs, key=lambda p: json.load(open(p + "_summary.json"))["heldout_loss"])
    best = runs[0]
    unet, summ = load_unet(best, len(vocab), a.device)
    ac = model_mod.alphas_cumprod(1000, summ["args"]["schedule"])
    print("runs by held-out loss:", [(os.path.basename(p), json.load(open(p + "_summary.json"))["heldout_loss"])
                                     for p in runs], flush=True)
    out = {"best": np.array(os.path.basename(best)), "prompts": np.array(a.prompts),
           "guidances": np.array(a.guidances), "categories": d["categories"],
           "sheet_guidance": np.array(a.sheet_guidance), "steps": np.array(a.steps)}
    t0 = time.time()
    dt = torch.bfloat16 if a.bf16 else None
    cat_words = torch.tensor([data_mod.tokenize(c, index) for c in d["categories"].tolist()])
    out["cat_words"] = cat_words.numpy()
    for g in a.guidances:
        imgs = []
        for ci in range(len(cat_words)):
            w = cat_words[ci:ci + 1].repeat(a.per_cat, 1)
            imgs.append(to_uint8(model_mod.ddim_sample(unet, w, ac, size, a.steps, g, seed=1000 + ci,
                                                       device=a.device, dtype=dt)))
        out[f"cat_g{g:g}"] = np.stack(imgs)  # [C, per_cat, S, S, 3]
        print(f"guidance {g}: {time.time() - t0:.0f}s", flush=True)
    for i, p in enumerate(a.prompts):
        w = torch.tensor([data_mod.tokenize(p, index)]).repeat(8, 1)
        out[f"sheet_{i}"] = to_uint8(model_mod.ddim_sample(unet, w, ac, size, a.steps, a.sheet_guidance, seed=i, device=a.device,
                                                           dtype=dt))
        for s in a.extra_sizes:
            out[f"sheet{s}_{i}"] = to_uint8(model_mod.ddim_sample(unet, w[:4], ac, s, a.steps, a.sheet_guidance, seed=i,
                                                                  device=a.device, dtype=dt))
    np.savez_compressed(a.out, **out)
    print(f"samples done in {time.time() - t0:.0f}s -> {a.out}", flush=True)


if __name__ == "__main__":
    main()
