"""GIMP .pat parser and the style dataset for the texture generator.

.pat format: big-endian header of five uint32 (header_size, version, width,
height, bytes_per_pixel), magic b"GPAT", then a NUL-terminated UTF-8 name
filling the header up to header_size, then width*height*bpp raw bytes
(1=gray, 2=gray+alpha, 3=RGB, 4=RGBA).
"""
import json
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PATTERN_DIR = os.path.join(HERE, ".cache", "extracted", "usr", "share", "gimp", "2.0", "patterns")
STYLES_JSON = os.path.join(HERE, "styles.json")


def read_pat(path):
    """Return (name, uint8 RGB array HxWx3). Raises ValueError on broken files."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        raise ValueError("too short")
    hsize, version, w, h, bpp = struct.unpack(">5I", data[:20])
    if data[20:24] != b"GPAT":
        raise ValueError("bad magic")
    if bpp not in (1, 2, 3, 4) or w == 0 or h == 0 or hsize < 24:
        raise ValueError("bad header")
    name = data[24:hsize].split(b"\0", 1)[0].decode("utf-8", "replace")
    n = w * h * bpp
    px = data[hsize:hsize + n]
    if len(px) != n:
        raise ValueError("truncated pixels")
    a = np.frombuffer(px, dtype=np.uint8).reshape(h, w, bpp).astype(np.float32)
    if bpp in (2, 4):  # composite over mid grey so transparent areas are neutral
        alpha = a[..., -1:] / 255.0
        a = a[..., :-1] * alpha + 128.0 * (1 - alpha)
    if a.shape[2] == 1:
        a = np.repeat(a, 3, axis=2)
    return name, np.clip(a + 0.5, 0, 255).astype(np.uint8)


def scan_patterns(root=DEFAULT_PATTERN_DIR, min_size=32):
    """Map file stem -> (relative path, name, RGB array) for all usable patterns."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for fn in sorted(files):
            if not fn.endswith(".pat"):
                continue
            p = os.path.join(dirpath, fn)
            try:
                name, img = read_pat(p)
            except Exception as e:  # skip broken ones
                print(f"skip {p}: {e}", file=sys.stderr)
                continue
            if min(img.shape[:2]) < min_size:
                continue
            out[fn[:-4]] = (os.path.relpath(p, root), name, img)
    return out


def load_styles(pattern_dir=DEFAULT_PATTERN_DIR, styles_json=STYLES_JSON):
    """Return list of dicts {id, name, file, image(float32 HxWx3 in [0,1])} in style-index order."""
    with open(styles_json) as f:
        styles = json.load(f)
    pats = scan_patterns(pattern_dir)
    out = []
    for s in styles:
        if s["file"] not in pats:
            raise FileNotFoundError(f"pattern {s['file']} not found under {pattern_dir}")
        rel, name, img = pats[s["file"]]
        out.append(dict(id=s["id"], name=s["name"], file=s["file"], path=rel,
                        pat_name=name, image=img.astype(np.float32) / 255.0))
    return out


def random_crop_wrapped(img, size, rng):
    """Random size x size crop of the periodic (tiled) image, HxWx3 -> 3xSxS."""
    h, w = img.shape[:2]
    y, x = rng.integers(0, h), rng.integers(0, w)
    ys = (np.arange(size) + y) % h
    xs = (np.arange(size) + x) % w
    return img[ys][:, xs].transpose(2, 0, 1)


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATTERN_DIR
    pats = scan_patterns(root)
    for k, (rel, name, img) in sorted(pats.items()):
        print(f"{k:24s} {img.shape[1]:4d}x{img.shape[0]:<4d} {rel:32s} {name}")
    print(len(pats), "usable")
