"""Samples for the Atelier Emoji 2 card, the same prompts and seeds for any model (the first one from its ONNX, a
new run from its EMA weights): colour prompts (each colour word x held-out objects), object prompts (every held-out
emoji's name), and the contact-sheet prompts of the issue that asked for it. DDIM, 30 steps, guidance 7.5 (the app's
defaults), x0 clipped.
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
    return out


@torch.no_grad()
def run(net, index, items, prediction, steps=30, guidance=7.5, batch=24):
    ac = model_mod.alphas_cumprod(1000)
    imgs = []
    for i in range(0, len(items), batch):
        chunk = items[i:i + batch]
        words = torch.tensor([d1.tokenize(p, index) for _, p, _, _ in chunk])
        x = _batch_sample(net, words, ac, [s for _, _, s, _ in chunk], steps, guidance, prediction)
        imgs.append(((x.permute(0, 2, 3, 1).numpy() + 1) * 127.5 + 0.5).clip(0, 255).astype(np.uint8))
        print(f"{i + len(chunk)}/{len(items)}", flush=True)
    return np.concatenate(imgs)


@torch.no_grad()
def _batch_sample(net, words, ac, seeds, steps, guidance, prediction="epsilon", size=48):
    """ddim_sample with a per-image seed (the same noise as sampling it alone with that seed); a v-prediction model's
    output is turned into epsilon first, as the app does."""
    b = words.shape[0]
    x = torch.cat([torch.randn(1, 3, size, size, generator=torch.Generator().manual_seed(s)) for s in seeds])
    ts = torch.linspace(999, 0, steps).round().long().tolist()
    null = torch.zeros_like(words)
    for i, t in enumerate(ts):
        tt = torch.full((b,), float(t))
        a = ac[t]
        out = net(torch.cat([x, x]), torch.cat([tt, tt]), torch.cat([words, null]))
        if prediction == "v_prediction":
            out = a.sqrt() * out + (1 - a).sqrt() * torch.cat([x, x])
        ec, eu = out.chunk(2)
        eps = eu + guidance * (ec - eu)
        a_prev = ac[ts[i + 1]] if i + 1 < len(ts) else torch.tensor(1.0)
        x0 = ((x - (1 - a).sqrt() * eps) / a.sqrt()).clamp(-1, 1)
        eps = (x - a.sqrt() * x0) / (1 - a).sqrt()
        x = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps
    return x.clamp(-1, 1)


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
