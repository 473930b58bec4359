"""The evaluation classifier: a small CNN (model.Classifier) predicting an emoji's category (9 classes) from the
real training images (random shifts of up to 4 px on a white border, no flips). Writes <out>.npz (weights, float32)
and <out>_summary.json (held-out accuracy).
  cd models/training && python3 -m images.train_classifier --device cuda --epochs 60 --out images/runs/cls
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from . import data as data_mod
from . import model as model_mod
from .train import to_tensor

HERE = os.path.dirname(os.path.abspath(__file__))


def shift(x, pad=4):
    b, _, h, w = x.shape
    xp = F.pad(x, (pad, pad, pad, pad), value=1.0)
    i, j = np.random.randint(0, 2 * pad + 1, 2)
    return xp[:, :, i:i + h, j:j + w]


def resize(x, size):
    """[B, 3, S, S] -> [B, 3, size, size] by area (the Atelier Emoji 2 card's classifier sees 32 px)."""
    return x if not size or size == x.shape[-1] else F.interpolate(x, size=(size, size), mode="area")


@torch.no_grad()
def predict(clf, x, bs=256):
    return torch.cat([clf(x[i:i + bs]) for i in range(0, x.shape[0], bs)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(HERE, ".cache", "carry", "emoji48.npz"))
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "cls"))
    ap.add_argument("--size", type=int, default=0, help="train at this side (area-resized; 0 = the data's own)")
    a = ap.parse_args()
    torch.manual_seed(0)
    np.random.seed(0)
    if a.device == "cpu":
        torch.set_num_threads(a.threads)
    d = data_mod.load(a.data)
    tr, te = ~d["test"], d["test"]
    X, Y = resize(to_tensor(d["images"][tr]), a.size).to(a.device), torch.from_numpy(d["category"][tr]).to(a.device)
    Xt, Yt = resize(to_tensor(d["images"][te]), a.size).to(a.device), torch.from_numpy(d["category"][te]).to(a.device)
    clf = model_mod.Classifier(len(d["categories"])).to(a.device)
    steps = a.epochs * ((X.shape[0] + a.batch - 1) // a.batch)
    opt = torch.optim.AdamW(clf.parameters(), lr=a.lr, weight_decay=0.05)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=steps)
    t0 = time.time()
    for ep in range(a.epochs):
        clf.train()
        perm = torch.randperm(X.shape[0], device=a.device)
        for i in range(0, X.shape[0], a.batch):
            idx = perm[i:i + a.batch]
            loss = F.cross_entropy(clf(shift(X[idx])), Y[idx], label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        if ep % 10 == 9 or ep == a.epochs - 1:
            clf.eval()
            acc = (predict(clf, Xt).argmax(1) == Yt).float().mean().item()
            tacc = (predict(clf, X).argmax(1) == Y).float().mean().item()
            print(f"epoch {ep + 1} loss {loss.item():.3f} train acc {tacc:.3f} held-out acc {acc:.3f} "
                  f"{time.time() - t0:.0f}s", flush=True)
    np.savez(a.out + ".npz", **{k: v.detach().float().cpu().numpy() for k, v in clf.state_dict().items()})
    with open(a.out + "_summary.json", "w") as f:
        json.dump({"args": vars(a), "size": a.size or int(X.shape[-1]), "heldout_acc": acc, "train_acc": tacc,
                   "n_heldout": int(te.sum()), "seconds": time.time() - t0}, f, indent=1)


if __name__ == "__main__":
    main()
