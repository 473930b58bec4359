"""Writes ../../texture-vae/heldout/: the held-out patterns' centre crops (64x64 PNG, exactly what the
app makes of a dropped image) and index.json. The app's integration test encodes them and checks the
reconstruction error against the card's threshold. Usage (from models/training): /usr/bin/python3 -m texture-vae.export_heldout
[--count 12]"""
import argparse
import json
import os

from PIL import Image

from .data import center_crop, load_patterns, split

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "texture-vae", "heldout"))

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=12)
    args = ap.parse_args()
    _, held = split(load_patterns())
    os.makedirs(OUT, exist_ok=True)
    index = []
    for i, p in enumerate(held[: args.count]):
        name = f"{i:02d}.png"
        Image.fromarray(center_crop(p["image"])).save(os.path.join(OUT, name), optimize=True)
        index.append({"file": name, "pattern": p["path"]})
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
    print(f"wrote {len(index)} held-out crops to {OUT}")
