"""The palette data set: nice-color-palettes' 1000.json -> dedupe -> split -> data/split.json.

  cd models/training
  sh palettes/fetch_data.sh                      # npm pack -> palettes/.cache/package/1000.json
  /usr/bin/python3 -m palettes.dataset --rebuild # -> palettes/data/split.json (+ prints stats)
  /usr/bin/python3 -m palettes.dataset           # stats of the existing split

A palette is an ORDERED strip of 5 colours (the order is the designer's; no permutation augmentation).
Dedupe: exact duplicates after lower-casing the hex strings (keep the first). Split by palette with a fixed seed:
10 % held out (evaluation only), the rest is the training split; a validation slice of 10 % of the training
split is carved out for early stopping (the flow does not train on it; the baselines are fit on the whole
training split). data/split.json keeps the palettes themselves (hex strings, with their index in 1000.json), so
training, evaluation and the tests need no download once it exists; its licence is the package's MIT licence
(data/LICENSE-nice-color-palettes.md).

Vectors: `oklab15(rgb8)` -> float64 [N, 15] = (L, a, b) of colour 1..5. Dequantisation (`dequantise`): each
sRGB channel is drawn uniformly from its 8-bit cell, [v - 1/2, v + 1/2) / 255 clipped to [0, 1] (the continuous
values that round to v), before the conversion to OKLab.
"""
import argparse
import hashlib
import json
import os

import numpy as np

from .color import hex_to_srgb8, srgb_to_oklab

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")
SOURCE = os.path.join(CACHE, "package", "1000.json")
SPLIT = os.path.join(HERE, "data", "split.json")
COLORS = 5
DIM = 3 * COLORS
SEED = 0
HELD_OUT_FRACTION = 0.10
VAL_FRACTION = 0.10
SOURCE_NAME = "nice-color-palettes@4.0.0 (npm), 1000.json"


def build_split(source=SOURCE, seed=SEED):
    with open(source, "rb") as f:
        raw = f.read()
    palettes = json.loads(raw)
    seen, items, dropped = set(), [], 0
    for i, p in enumerate(palettes):
        p = [c.lower() for c in p]
        assert len(p) == COLORS and all(len(c) == 7 and c[0] == "#" for c in p), (i, p)
        int("".join(c[1:] for c in p), 16)  # valid hex
        key = tuple(p)
        if key in seen:
            dropped += 1
            continue
        seen.add(key)
        items.append({"index": i, "colors": p})
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(items))
    n_held = int(round(HELD_OUT_FRACTION * len(items)))
    held = sorted(order[:n_held].tolist())
    train = sorted(order[n_held:].tolist())
    n_val = int(round(VAL_FRACTION * len(train)))
    val = sorted(rng.permutation(train)[:n_val].tolist())
    val_set = set(val)
    return {
        "source": SOURCE_NAME,
        "sourceSha256": hashlib.sha256(raw).hexdigest(),
        "license": "MIT, Copyright (c) 2016 Jam3 (see LICENSE-nice-color-palettes.md)",
        "upstream": "ColourLovers.com top palettes, fetched by the package's author in Oct 2018",
        "seed": seed,
        "sourcePalettes": len(palettes),
        "duplicatesDropped": dropped,
        "counts": {"train": len(train), "trainFit": len(train) - len(val), "val": len(val), "heldOut": len(held)},
        "note": "train = train split (val = early-stopping slice inside it: val is true); heldOut = evaluation only",
        "train": [dict(items[j], val=(j in val_set)) for j in train],
        "heldOut": [items[j] for j in held],
    }


def save_split(split, path=SPLIT):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        # one palette a line: readable diffs
        head = {k: v for k, v in split.items() if k not in ("train", "heldOut")}
        f.write(json.dumps(head, indent=1)[:-2] + ",\n")
        for key in ("train", "heldOut"):
            f.write(f' "{key}": [\n')
            rows = [json.dumps(r) for r in split[key]]
            f.write(",\n".join("  " + r for r in rows))
            f.write("\n ]" + (",\n" if key == "train" else "\n"))
        f.write("}\n")
    with open(path) as f:
        assert json.load(f) == split


def load_split(path=SPLIT):
    with open(path) as f:
        return json.load(f)


def rgb8(palettes):
    """list of palettes (5 hex strings, or dicts with "colors") -> uint8 [N, 5, 3]."""
    return np.stack([hex_to_srgb8(p["colors"] if isinstance(p, dict) else p) for p in palettes])


def oklab15(rgb):
    """sRGB [N, 5, 3] in 8-bit units (uint8, or float for continuous colours) -> OKLab float64 [N, 15]."""
    c = np.asarray(rgb, dtype=np.float64)
    return srgb_to_oklab(c / 255.0).reshape(len(c), DIM)


def cells(rgb):
    """The 8-bit quantisation cell of each channel, in 8-bit units: [lo, lo + width) = [v - 1/2, v + 1/2) clipped
    to [0, 255] (width 1/2 at 0 and 255). Returns lo, width (float64, shape of rgb)."""
    v = np.asarray(rgb, dtype=np.float64)
    lo, hi = np.maximum(v - 0.5, 0.0), np.minimum(v + 0.5, 255.0)
    return lo, hi - lo


def dequantise_srgb(rgb, rng):
    """A continuous sRGB colour drawn uniformly from the 8-bit cell of each channel (8-bit units)."""
    lo, width = cells(rgb)
    return lo + width * rng.random(np.shape(rgb))


def dequantise(rgb, rng):
    """One dequantised draw -> OKLab [N, 15]: each sRGB channel uniform over its 8-bit cell (see cells), i.e. the
    continuous colours in [0, 1]^3 that round to the stored 8-bit value."""
    return oklab15(dequantise_srgb(rgb, rng))


def arrays(split=None):
    """{"train", "fit", "val", "heldOut"}: uint8 [N, 5, 3] arrays of the split."""
    split = split or load_split()
    tr = split["train"]
    return {
        "train": rgb8(tr),
        "fit": rgb8([p for p in tr if not p["val"]]),
        "val": rgb8([p for p in tr if p["val"]]),
        "heldOut": rgb8(split["heldOut"]),
    }


def standardisation(train_rgb):
    """mean, std (float64 [15]) of the exact OKLab vectors of the training split."""
    x = oklab15(train_rgb)
    return x.mean(0), x.std(0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rebuild", action="store_true", help="rebuild data/split.json from .cache/package/1000.json")
    args = ap.parse_args()
    if args.rebuild:
        split = build_split()
        save_split(split)
        lic = os.path.join(CACHE, "package", "LICENSE.md")
        with open(lic) as f:
            text = f.read()
        with open(os.path.join(os.path.dirname(SPLIT), "LICENSE-nice-color-palettes.md"), "w") as f:
            f.write(text)
        print("wrote", SPLIT)
    split = load_split()
    a = arrays(split)
    print(f"source {split['source']} sha256 {split['sourceSha256'][:16]}: {split['sourcePalettes']} palettes, "
          f"{split['duplicatesDropped']} duplicates dropped; counts {split['counts']}")
    mean, std = standardisation(a["train"])
    np.set_printoptions(precision=4, suppress=True)
    print("OKLab mean per position (L a b x 5):\n", mean.reshape(5, 3))
    print("OKLab std per position:\n", std.reshape(5, 3))
    colours = a["train"].reshape(-1, 3)
    uniq = np.unique(colours, axis=0)
    print(f"{len(colours)} training colours, {len(uniq)} distinct; "
          f"black {int(np.all(colours == 0, 1).sum())}, white {int(np.all(colours == 255, 1).sum())}")


if __name__ == "__main__":
    main()
