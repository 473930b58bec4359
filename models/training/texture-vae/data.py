"""Data for the texture VAE: all usable GIMP patterns, split by PATTERN into train / held-out.

Reuses the .pat parser of the texture generator (models/training/texture/dataset.py) and its
download cache (models/training/texture/.cache/, filled by ../texture/fetch_data.sh, which our
fetch_data.sh calls).

Training samples: a random square crop of the pattern treated as periodic (all GIMP patterns
tile), side s = 64 px, or with probability `p_zoom` s uniform in [64, min(H, W)] (clipped
to 2*64 when `max_zoom` is 2) and area-resized (box filter) to 64x64 (the same resampling the app
uses for "center-crop"), then a random horizontal flip and a random multiple of 90 deg rotation.

Held-out set (fixed, deterministic): for every held-out pattern, its "center-crop" (largest
central square, box-resized to 64x64, exactly what the app does to a dropped image) plus
`per_pattern` random wrapped 64 px crops drawn with the same augmentation distribution.
"""
import numpy as np
from PIL import Image

from texture.dataset import DEFAULT_PATTERN_DIR, scan_patterns  # the .pat parser of the texture generator

SIZE = 64
HOLDOUT_FRACTION = 0.1
SPLIT_SEED = 2026


def load_patterns(root=DEFAULT_PATTERN_DIR, min_size=32):
    """Sorted list of dicts {key, path, name, image uint8 HxWx3} of all usable patterns (>= 32 px)."""
    pats = scan_patterns(root, min_size=min_size)
    if not pats:
        raise FileNotFoundError(f"no .pat files under {root}; run sh texture-vae/fetch_data.sh")
    return [dict(key=k, path=v[0], name=v[1], image=v[2]) for k, v in sorted(pats.items())]


def split(patterns, frac=HOLDOUT_FRACTION, seed=SPLIT_SEED):
    """Deterministic split by pattern (relative path order, seeded permutation). Returns (train, heldout)."""
    order = np.random.default_rng(seed).permutation(len(patterns))
    n_hold = max(1, int(round(frac * len(patterns))))
    hold = set(order[:n_hold].tolist())
    return ([p for i, p in enumerate(patterns) if i not in hold],
            [p for i, p in enumerate(patterns) if i in hold])


def wrapped_crop(img, y, x, s):
    h, w = img.shape[:2]
    return img[((np.arange(s) + y) % h)][:, ((np.arange(s) + x) % w)]


def box_resize(a, size=SIZE):
    """uint8 HxWx3 -> uint8 size x size x 3 with PIL's BOX (area) filter."""
    if a.shape[0] == size and a.shape[1] == size:
        return a
    return np.asarray(Image.fromarray(a).resize((size, size), Image.Resampling.BOX))


def center_crop(img, size=SIZE):
    """The app's "center-crop" preprocessing: largest central square, box-resized to size x size."""
    h, w = img.shape[:2]
    s = min(h, w)
    y, x = (h - s) // 2, (w - s) // 2
    return box_resize(np.ascontiguousarray(img[y:y + s, x:x + s]), size)


def random_sample(img, rng, size=SIZE, p_zoom=0.5, max_zoom=2.0):
    """One augmented training sample, uint8 size x size x 3."""
    h, w = img.shape[:2]
    s = size
    if rng.random() < p_zoom:
        hi = int(min(min(h, w), max_zoom * size))
        if hi > size:
            s = int(rng.integers(size, hi + 1))
    a = box_resize(wrapped_crop(img, rng.integers(0, h), rng.integers(0, w), s), size)
    if rng.random() < 0.5:
        a = a[:, ::-1]
    a = np.rot90(a, int(rng.integers(0, 4)))
    return np.ascontiguousarray(a)


def to_chw(batch_u8):
    """list/array of uint8 HxWx3 -> float32 [N, 3, H, W] in [0, 1]."""
    return np.stack(batch_u8).transpose(0, 3, 1, 2).astype(np.float32) / 255.0


class Sampler:
    """Random training batches: pattern chosen uniformly, then a random augmented crop."""

    def __init__(self, patterns, seed=0, **kw):
        self.imgs = [p["image"] for p in patterns]
        self.rng = np.random.default_rng(seed)
        self.kw = kw

    def batch(self, n):
        ks = self.rng.integers(0, len(self.imgs), n)
        return to_chw([random_sample(self.imgs[k], self.rng, **self.kw) for k in ks])


def heldout_set(heldout, per_pattern=16, seed=1):
    """Fixed evaluation images [M, 3, 64, 64] and the pattern index of each."""
    rng = np.random.default_rng(seed)
    imgs, idx = [], []
    for i, p in enumerate(heldout):
        imgs.append(center_crop(p["image"]))
        idx.append(i)
        for _ in range(per_pattern):
            imgs.append(random_sample(p["image"], rng))
            idx.append(i)
    return to_chw(imgs), np.array(idx)


if __name__ == "__main__":
    pats = load_patterns()
    tr, ho = split(pats)
    print(len(pats), "usable patterns;", len(tr), "train,", len(ho), "held out:")
    for p in ho:
        print(f"  {p['path']:36s} {p['image'].shape[1]}x{p['image'].shape[0]}  {p['name']}")
