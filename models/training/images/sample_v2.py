"""Samples for the Atelier Emoji 2 card, the same prompts and seeds for any model (the first one from its ONNX, a
new run from its EMA weights): colour prompts (each colour word x held-out objects), object prompts (every held-out
emoji's name), and the contact-sheet prompts of the issue that asked for it. DDIM, 30 steps, guidance 7.5 (the app's
defaults), x0 clipped. Also one picture of each of 85 trained emoji's names ("trained"): does it draw what it learned?
  cd models/training && python3 -m images.sample_v2 --onnx ../emoji/unet.onnx --out images/runs/eval_v1.npz
  cd models/training && python3 -m images.sample_v2 --run images/runs/v2 --out images/runs/eval_v2.npz
"""
import argparse
import json
import os

import numpy as np
import torch

from . import colour as col
from . import data as d1
from . import model as model_mod
from . import sets

HERE = os.path.dirname(os.path.abspath(__file__))
COLOUR_OBJECTS = ["mouse", "bug", "airplane", "chair", "envelope", "notebook", "wrench", "microphone"]
SHEET_PROMPTS = ["red heart", "red apple", "green leaf", "yellow star", "blue water wave", "green tree", "cat",
                 "flat orange car", "line icon blue house"]


def load_model(onnx=None, run=None, config="emoji-s"):
    """-> (UNet, word index, prediction): the first model from its ONNX, a run from its EMA weights."""
    if onnx:
        from . import init_onnx
        vocab = sets.old_vocab_from_manifest(os.path.join(os.path.dirname(onnx), "model.json"))
        net = model_mod.build(len(vocab), config)
        init_onnx.load_onnx_weights(net, onnx)
        with open(os.path.join(os.path.dirname(onnx), "model.json")) as f:
            prediction = json.load(f)["image"]["prediction"]
    else:
        data = np.load(os.path.join(HERE, ".cache", "carry", "emoji2_48.npz"))
        vocab = [str(w) for w in data["vocab"]]
        w = np.load(run + "_ema.npz")
        net = model_mod.build(len(vocab), config)
        net.load_state_dict({k: torch.from_numpy(w[k]) for k in w.files})
        with open(run + "_summary.json") as f:
            prediction = json.load(f)["args"].get("prediction", "epsilon")
    return net.eval(), {w: i for i, w in enumerate(vocab)}, prediction


def heldout_objects():
    """(key, name) of every held-out emoji, in the data's order."""
    return [(x["key"], (x["e"]["name"] or "").lower()) for x in sets.emoji_entries() if d1.held_out(x["key"])]


def trained_objects(n=85):
    """(key, name) of n emoji the models were trained on, evenly spread over the data's order: what a user
    mostly types ("cat", "red heart"); their pictures are judged against the real training drawings."""
    seen = [(x["key"], (x["e"]["name"] or "").lower()) for x in sets.emoji_entries() if not d1.held_out(x["key"])]
    return [seen[i] for i in np.linspace(0, len(seen) - 1, n).astype(int)]


def prompts():
    out = []
    for c in col.COLOURS:
        for o in COLOUR_OBJECTS:
            for s in range(2):
                out.append(("colour", f"{c} {o}", s, c))
    for key, name in heldout_objects():
        out.append(("object", name, 0, key))
    for p in SHEET_PROMPTS:
        for s in range(1, 7):
            out.append(("sheet", p, s, ""))
    for key, name in trained_objects():
        out.append(("trained", name, 0, key))
    return out


@torch.no_grad()
def run(net, index, items, prediction, steps=30, guidance=7.5, batch=24):
    ac = model_mod.alphas_cumprod(1000)
    imgs = []
    for i in range(0, len(items), batch):
        chunk = items[i:i + batch]
        words = torch.tensor([d1.tokenize(p, index) for _, p, _, _ in chunk])
        x = model_mod.ddim_sample(net, words, ac, steps=steps, guidance=guidance, prediction=prediction,
                                  seeds=[s for _, _, s, _ in chunk])
        imgs.append(((x.permute(0, 2, 3, 1).numpy() + 1) * 127.5 + 0.5).clip(0, 255).astype(np.uint8))
        print(f"{i + len(chunk)}/{len(items)}", flush=True)
    return np.concatenate(imgs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", default=None)
    ap.add_argument("--run", default=None)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    net, index, prediction = load_model(a.onnx, a.run)
    items = prompts()
    imgs = run(net, index, items, prediction)
    np.savez_compressed(a.out, images=imgs, kind=np.array([k for k, _, _, _ in items]),
                        prompt=np.array([p for _, p, _, _ in items]), seed=np.array([s for _, _, s, _ in items]),
                        target=np.array([t for _, _, _, t in items]))


if __name__ == "__main__":
    main()
