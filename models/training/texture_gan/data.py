"""Training data for the texture GAN: every usable GIMP pattern, grouped into the named styles of groups.json.

Crops are taken from the periodically tiled pattern at native scale (patterns smaller than the crop wrap),
with the geometric augmentations the pattern's group allows ('rot': the 8 flips/rotations, 'flip2': mirror
both ways, 'flip': mirror left-right only; wood grain, brick rows and streaks are never rotated).
"""
import json
import os

import numpy as np
import torch

from texture.dataset import DEFAULT_PATTERN_DIR, random_crop_wrapped, scan_patterns

HERE = os.path.dirname(os.path.abspath(__file__))
GROUPS_JSON = os.path.join(HERE, "groups.json")


def load_groups(path=GROUPS_JSON):
    with open(path) as f:
        return json.load(f)["styles"]


def load_data(pattern_dir=DEFAULT_PATTERN_DIR, groups_json=GROUPS_JSON):
    """-> (styles, patterns): styles = [{id, name, aug, patterns: [pattern index]}],
    patterns = [{file, path, name, style (index), image float32 HxWx3 in [0,1]}]."""
    pats = scan_patterns(pattern_dir)
    styles, patterns = [], []
    for si, g in enumerate(load_groups(groups_json)):
        idx = []
        for fn in g["patterns"]:
            if fn not in pats:
                raise FileNotFoundError(f"pattern {fn} (style {g['id']}) not found under {pattern_dir}")
            rel, name, img = pats[fn]
            idx.append(len(patterns))
            patterns.append(dict(file=fn, path=rel, name=name, style=si, image=img.astype(np.float32) / 255.0))
        styles.append(dict(id=g["id"], name=g["name"], aug=g["aug"], patterns=idx))
    unused = sorted(set(pats) - {p["file"] for p in patterns})
    if unused:
        raise ValueError(f"patterns in no style of groups.json: {', '.join(unused)}")
    return styles, patterns


def augment(crop, aug, rng):
    """crop: 3xSxS array; a random transform among those `aug` allows."""
    if aug in ("flip", "flip2", "rot") and rng.random() < 0.5:
        crop = crop[:, :, ::-1]
    if aug in ("flip2", "rot") and rng.random() < 0.5:
        crop = crop[:, ::-1, :]
    if aug == "rot" and rng.random() < 0.5:
        crop = crop.transpose(0, 2, 1)
    return np.ascontiguousarray(crop)


class Sampler:
    """Batches of (target crop, reference crop, style index, pattern index): a style uniformly, a pattern of it
    uniformly, two independent crops of that pattern (the reference one feeds the style encoder)."""

    def __init__(self, styles, patterns, seed=0):
        self.styles, self.patterns = styles, patterns
        self.rng = np.random.default_rng(seed)

    def crop(self, pi, size):
        p = self.patterns[pi]
        return augment(random_crop_wrapped(p["image"], size, self.rng), self.styles[p["style"]]["aug"], self.rng)

    def batch(self, n, size):
        si = self.rng.integers(0, len(self.styles), n)
        pi = np.array([self.rng.choice(self.styles[s]["patterns"]) for s in si])
        x = np.stack([self.crop(p, size) for p in pi])
        ref = np.stack([self.crop(p, size) for p in pi])
        return torch.from_numpy(x), torch.from_numpy(ref), torch.from_numpy(si), torch.from_numpy(pi)


if __name__ == "__main__":
    st, pa = load_data()
    for s in st:
        print(f"{s['id']:16s} {s['aug']:5s} {', '.join(pa[i]['file'] for i in s['patterns'])}")
    print(len(st), "styles,", len(pa), "patterns")
