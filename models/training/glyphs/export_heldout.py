"""Writes ../../glyphs/heldout/: glyphs of held-out fonts as a user would drop them in (64x64 PNG, dark
ink on white paper) and index.json with the character each shows. The app's integration and end-to-end
tests encode them and check the reconstruction against the card's threshold.
Usage (from models/training): /usr/bin/python3 -m glyphs.export_heldout [--count 16]"""
import argparse
import json
import os

import numpy as np
from PIL import Image

from .dataset import CHARSET, load

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "glyphs", "heldout"))
CHARS = "AaRgQe5kMwBfy3Hs"

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=16)
    args = ap.parse_args()
    d = load()
    held = np.nonzero(d["split"] == 1)[0]
    # spread over the held-out fonts: one glyph per font, cycling through CHARS
    picks = [held[int(i)] for i in np.linspace(0, len(held) - 1, args.count).round()]
    os.makedirs(OUT, exist_ok=True)
    index = []
    for k, f in enumerate(picks):
        ch = CHARS[k % len(CHARS)]
        ink = d["images"][f, CHARSET.index(ch)]
        name = f"{k:02d}-{'upper' if ch.isupper() else 'lower' if ch.islower() else 'digit'}-{ch}.png"
        Image.fromarray((255 - ink).astype(np.uint8), "L").save(os.path.join(OUT, name), optimize=True)
        index.append({"file": name, "char": ch, "font": d["meta"][f]["file"], "licence": d["meta"][f]["licence"]})
    with open(os.path.join(OUT, "index.json"), "w") as fh:
        json.dump(index, fh, indent=1)
    print(f"wrote {len(index)} held-out glyphs to {OUT}")
