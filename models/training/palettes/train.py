"""Train the palette flow by exact maximum likelihood on dequantised palettes, with early stopping.

  cd models/training
  nice -n 10 /usr/bin/python3 -m palettes.train --out palettes/runs/small     # < 1 min on 1 thread

Defaults = the shipped run: config "small" (8 coupling steps, MLP width 64), AdamW lr 1e-3 (cosine, 200 warm-up
steps, to 5 %), weight decay 0.01, dropout 0.3 in the coupling MLPs, batch 128, an EMA of the weights (0.99) is
what is validated and kept, validation every 50 steps, patience 500, at most 3000 steps.

Data: data/split.json (dataset.py). The flow trains on the training split minus its validation slice ("fit",
804 palettes); every batch is a fresh dequantised draw (each sRGB channel uniform over its 8-bit cell,
[v - 1/2, v + 1/2) / 255 clipped to [0, 1], before the conversion to OKLab), standardised with the mean / std of the exact OKLab vectors of the whole training
split (893 palettes). Loss: negative log-likelihood of the standardised vector in nats per dimension. Every
--eval-every steps the mean log p(x) (raw OKLab units, exact 8-bit colours) of the validation slice is computed;
the best state is kept and training stops after --patience steps without improvement (or at --steps).

Writes <out>/last.pt (resumable: --resume <out>, common checkpoint layout, plus the best state so far),
<out>/best.pt (the best weights as `model`, at the end) and <out>/log.jsonl.
"""
import argparse
import os

import numpy as np
import torch

from common.flow_train import add_flow_args, fit_flow

from .dataset import DIM, arrays, dequantise, load_split, oklab15, standardisation
from .model import CONFIGS, build

HERE = os.path.dirname(os.path.abspath(__file__))


def raw_log_prob(model, x_std, log_std_sum):
    """log p(x) in raw OKLab units for standardised x (torch float32 [N, 15]) -> float64 numpy [N]."""
    with torch.no_grad():
        return model.log_prob(x_std).double().numpy() - log_std_sum


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="small", choices=sorted(CONFIGS))
    add_flow_args(ap, HERE, steps=3000, batch=128, wd=0.01, ema=0.99, eval_every=50, patience=500)
    ap.add_argument("--layers", type=int, default=None, help="override the config's coupling steps")
    ap.add_argument("--hidden", type=int, default=None, help="override the config's MLP width")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)

    a = arrays(load_split())
    mean, std = standardisation(a["train"])
    log_std_sum = float(np.log(std).sum())
    fit, val = a["fit"], a["val"]

    def standardised(x):
        return torch.from_numpy(((x - mean) / std).astype(np.float32))

    val_x = standardised(oklab15(val))
    cfg = dict(CONFIGS[args.config], dropout=args.dropout)
    cfg.update({k: v for k, v in (("layers", args.layers), ("hidden", args.hidden)) if v is not None})

    def next_batch(rng):
        return standardised(dequantise(fit[rng.choice(len(fit), size=args.batch, replace=False)], rng))

    fit_flow(args, cfg, build, next_batch, lambda m: raw_log_prob(m, val_x, log_std_sum).mean(),
             lambda rng: standardised(dequantise(fit, rng)), DIM, val_key="valLogP", val_text="log p",
             unit="raw OKLab nats per palette", describe=f"fit {len(fit)}, val {len(val)} palettes",
             extra={"mean": mean.tolist(), "std": std.tolist()})


if __name__ == "__main__":
    main()
