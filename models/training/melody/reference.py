"""PyTorch reference outputs for fixed inputs, written next to the exported models so the app's own tests
can check that onnxruntime-node, in the app's inference process, computes what PyTorch computed.

  cd models/training && /usr/bin/python3 -m melody.reference   (after export.py; reads melody/runs/vae_final.pt)

Writes models/melody-vae/reference.json: a held-out segment's tokens -> encoder mean/logvar; decoder_init(mean) -> h, c
(first 8 values); 8 decoder steps fed greedily from REST -> their logits. (The melody LSTM's reference.json is written
by export_meter.py.)
"""
import json
import os

import torch

from .data import REST
from .evaluate import load, weights_hash
from .model import VAE, DecoderStep

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.normpath(os.path.join(HERE, "..", ".."))
STEPS_VAE = 8


def r6(xs):
    return [round(float(x), 6) for x in xs]


def vae_reference(which="final"):
    vae, _ = load(os.path.join(HERE, "runs", f"vae_{which}.pt"), VAE)
    with open(os.path.join(MODELS, "melody-vae", "heldout", "index.json")) as f:
        tokens = json.load(f)[0]["tokens"]
    step = DecoderStep(vae)
    with torch.no_grad():
        mean, logvar = vae.encoder(torch.tensor([tokens]))
        h, c = vae.decoder_init(mean)
        h0, c0 = h[:, 0, :8].reshape(-1), c[:, 0, :8].reshape(-1)
        prev, logits = torch.tensor([REST]), []
        for t in range(STEPS_VAE):
            out, h, c = step(prev, torch.tensor([t]), mean, h, c)
            logits.append(r6(out[0]))
            prev = out.argmax(-1)
    return {
        "weights": weights_hash(vae),
        "tokens": tokens,
        "mean": r6(mean[0]),
        "logvar": r6(logvar[0]),
        "h0": r6(h0),
        "c0": r6(c0),
        "stepLogits": logits,
    }


if __name__ == "__main__":
    for name, ref in (("melody-vae", vae_reference()),):
        path = os.path.join(MODELS, name, "reference.json")
        with open(path, "w") as f:
            json.dump(ref, f)
        print(f"wrote {os.path.relpath(path, os.path.join(MODELS, '..'))}")
