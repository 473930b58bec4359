"""Style from one glyph, and from a few: the alphabet a font's glyphs give, on fonts never seen in training.

  cd models/training && /usr/bin/python3 -m glyphs.evaluate_style --ckpt glyphs/runs/style/last.pt
  -> glyphs/runs/style-metrics.json, ../../glyphs/style-from-glyphs.png

For each unseen font and each of 8 observed chars (fixed): encode that ONE glyph (posterior mean), decode the font's
other 61 chars, and score them against the real glyphs by ink IoU (pixels >= 0.5). The baseline is the "average
style" z = 0 (what a designer gets without the encoder). A font counts as "carried" when the one-glyph alphabet beats
z = 0 on average over its 8 observed chars; `singleGlyphsBeatingZero` is the stricter share of (font, observed char)
pairs whose one-glyph alphabet beats z = 0. Both with the training data's framing and with the app's re-framing of a
dropped picture (evaluate.app_normalize: what a designer's drop gives the encoder). The few-glyph curve: n = 1, 2, 3, 5 glyphs of the font (8 random sets each),
their posteriors multiplied (model.product_of_experts, the app's formula), the chars outside the set scored the same
way. Both models are measured: the bundled one before this training (its ONNX weights) and the checkpoint.

TEXT_FACES are the 15 unseen text faces of the issue: the upright (or book) face of each held-out text family plus
the italics of the two serif families, Go Medium and League Mono Narrow; display faces (Cherry Bomb, Train One,
OpenDyslexic) are left out of that count but are in the all-fonts figures.
"""
import argparse
import json
import os

import numpy as np
import torch

from common import load_checkpoint

from .dataset import load
from .evaluate import MODEL_DIR, app_normalize, sheet
from .model import CHARSET, GlyphVAE, product_of_experts
from .train import init_from_onnx

HERE = os.path.dirname(os.path.abspath(__file__))
OBSERVED = "aHgeRn5Q"
TEXT_FACES = [("Liberation Serif", "Regular"), ("Liberation Serif", "Italic"), ("Latin Modern Sans", "10 Regular"),
              ("Latin Modern Mono", "10 Regular"), ("EB Garamond", "12 Regular"), ("EB Garamond", "12 Italic"),
              ("B612", "Regular"), ("Dosis", "Book"), ("Fanwood", "Regular"), ("Go", "Regular"),
              ("Go Medium", "Regular"), ("Sora", "Regular"), ("CMU Concrete", "Roman"),
              ("League Mono", "Narrow Regular"), ("Agave", "Regular")]
SHEET_WORD = "Hamburgefonts"


@torch.no_grad()
def decode_all(model, z):
    """z [D] -> [62, 64, 64] ink."""
    c = torch.arange(len(CHARSET))
    return model.decoder(torch.as_tensor(z, dtype=torch.float32)[None].expand(len(CHARSET), -1), c)[:, 0].numpy()


def iou(a, b):
    a, b = a >= 0.5, b >= 0.5
    u = (a | b).sum((-1, -2))
    return np.where(u > 0, (a & b).sum((-1, -2)) / np.maximum(u, 1), 1.0)


FRAMING = {"boxes": None}


@torch.no_grad()
def posterior(model, x, chars):
    """Each glyph's posterior; with --app-framing the glyph is first re-framed as the app frames a dropped picture
    (ink box scaled to the char's mean box: what a designer's drop gives the encoder)."""
    if FRAMING["boxes"] is not None:
        x = np.stack([app_normalize(g, FRAMING["boxes"][c]) for g, c in zip(x, chars)]).astype(np.float32)
    mean, logvar = model.encoder(torch.from_numpy(x[:, None]), torch.as_tensor(chars))
    return mean, logvar


def font_scores(model, x, rng, sets=8):
    """x [62, 64, 64] the real font; -> dict of mean IoUs."""
    zero = iou(decode_all(model, np.zeros(model.dim)), x).mean()
    one = []
    for ch in OBSERVED:
        c = CHARSET.index(ch)
        mean, _ = posterior(model, x[[c]], [c])
        rest = np.array([i for i in range(len(CHARSET)) if i != c])
        one.append(iou(decode_all(model, mean[0].numpy())[rest], x[rest]).mean())
    curve = {}
    for n in (1, 2, 3, 5):
        vals = []
        for _ in range(sets):
            cs = rng.choice(len(CHARSET), n, replace=False)
            mean, logvar = posterior(model, x[cs], cs)
            mu, _ = product_of_experts(mean[None], logvar[None])
            rest = np.array([i for i in range(len(CHARSET)) if i not in cs])
            vals.append(iou(decode_all(model, mu[0].numpy())[rest], x[rest]).mean())
        curve[n] = float(np.mean(vals))
    return {"zero": float(zero), "one": float(np.mean(one)), "ones": [float(v) for v in one], "curve": curve}


def measure(model, data, fonts):
    rng = np.random.default_rng(0)
    out = {}
    for f in fonts:
        x = data["images"][f].astype(np.float32) / 255.0
        out[int(f)] = font_scores(model, x, rng)
    return out


def summary(scores, fonts):
    s = [scores[int(f)] for f in fonts]
    pairs = [o > v["zero"] for v in s for o in v["ones"]]
    return {"fonts": len(s), "carried": int(sum(v["one"] > v["zero"] for v in s)),
            "singleGlyphsBeatingZero": round(float(np.mean(pairs)), 4),
            "oneGlyphIoU": round(float(np.mean([v["one"] for v in s])), 4),
            "zeroIoU": round(float(np.mean([v["zero"] for v in s])), 4),
            "curve": {n: round(float(np.mean([v["curve"][n] for v in s])), 4) for n in (1, 2, 3, 5)}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "style", "last.pt"))
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "style-metrics.json"))
    ap.add_argument("--only-before", action="store_true", help="measure the bundled model only")
    args = ap.parse_args()
    torch.set_num_threads(1)
    data = load()
    meta = data["meta"]
    held = np.nonzero(data["split"] == 1)[0]
    text = [f for f in held if (meta[f]["family"], meta[f]["style"]) in TEXT_FACES]
    assert len(text) == len(TEXT_FACES), [(meta[f]["family"], meta[f]["style"]) for f in text]
    old = GlyphVAE("small")
    init_from_onnx(old, MODEL_DIR)
    old.eval()
    new, ck = load_checkpoint(args.ckpt, lambda c: GlyphVAE(c["config"]))
    res = {"step": ck["step"], "trainSeconds": ck.get("train_seconds"), "observedChars": OBSERVED}
    models = (("before", old),) if args.only_before else (("before", old), ("after", new))
    for framing in ("dataset", "app"):
        FRAMING["boxes"] = data["boxes"] if framing == "app" else None
        for name, model in models:
            sc = measure(model, data, held)
            res.setdefault(framing, {})[name] = {
                "textFaces": summary(sc, text), "allHeldOut": summary(sc, held),
                "perTextFace": {f"{meta[f]['family']} {meta[f]['style']}": {
                    "one": round(sc[int(f)]["one"], 4), "zero": round(sc[int(f)]["zero"], 4)} for f in text}}
            print(framing, name, json.dumps(res[framing][name]["textFaces"]),
                  json.dumps(res[framing][name]["allHeldOut"]), flush=True)
    if args.only_before:
        return
    FRAMING["boxes"] = data["boxes"]
    with open(args.out, "w") as fh:
        json.dump(res, fh, indent=1)
    # The sheet: four unseen text faces, "Hamburgefonts" real / from one "a" before and after / from five glyphs.
    rows, labels = [], []
    idx = [CHARSET.index(ch) for ch in SHEET_WORD]
    rng = np.random.default_rng(1)
    for f in text[::4]:
        x = data["images"][f].astype(np.float32) / 255.0
        name = f"{meta[f]['family']} {meta[f]['style']}"
        rows.append(x[idx])
        labels.append(f"{name[:22]}: real")
        for tag, model in (("before", old), ("after", new)):
            mean, _ = posterior(model, x[[0 + CHARSET.index('a')]], [CHARSET.index('a')])
            rows.append(decode_all(model, mean[0].numpy())[idx])
            labels.append(f"  from 'a', {tag}")
        cs = rng.choice(len(CHARSET), 5, replace=False)
        mean, logvar = posterior(new, x[cs], cs)
        mu, _ = product_of_experts(mean[None], logvar[None])
        rows.append(decode_all(new, mu[0].numpy())[idx])
        labels.append(f"  from '{''.join(CHARSET[c] for c in cs)}', after")
    path = os.path.join(MODEL_DIR, "style-from-glyphs.png")
    sheet(rows, labels, cell=48, label_w=200).save(path)
    print("wrote", args.out, path)


if __name__ == "__main__":
    main()
