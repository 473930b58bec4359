"""The Atelier Emoji 2 card's figures: the same prompts and seeds from the first model and the new one (sample_v2.py),
scored on what an image maker asks of them.
  colour following  for each colour word, the share of "<colour> <held-out object>" samples whose dominant foreground
                    colour (colour.py, the rule the captions were labelled with) is that colour; chance 1/11
  object following  nearest neighbour of each sample of a held-out emoji's name among the real held-out drawings
                    (Noto, Twemoji, Fluent; the evaluation classifier's 128-d features at 32 px, cosine): top-1 and top-5 hit
                    rates of the named emoji, with chance (its share of the gallery; 5 of the emoji for top-5)
  trained objects   the same for 85 emoji the models were trained on, among their real training drawings (what a
                    user mostly types: does the model draw what it learned?)
  ceiling           the same retrieval with each real drawing as the query, the gallery without it: what drawing
                    the emoji as well as another emoji set does would score (the features are a 10-category
                    classifier's, so they tell many emoji of a category apart only roughly)
  Frechet distance  in the same features, the object samples vs the real held-out drawings; floor: as many real
                    training drawings
Contact sheets: models/emoji/examples/old-vs-new.png (the sheet prompts, 6 seeds, first model | new model) and
colours-old.png / colours-new.png (each colour word on the held-out objects).
  cd models/training && python3 -m images.evaluate_v2 --old images/runs/eval_v1.npz --new images/runs/eval_v2.npz
"""
import argparse
import json
import os

import numpy as np
import torch

from . import colour as col
from . import model as model_mod
from .evaluate import frechet
from .train import to_tensor
from .train_classifier import resize

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.abspath(os.path.join(HERE, "..", "..", "emoji", "examples"))


def load_clf(path, n):
    clf = model_mod.Classifier(n)
    w = np.load(path)
    clf.load_state_dict({k: torch.from_numpy(w[k]) for k in w.files})
    return clf.eval()


@torch.no_grad()
def feats(clf, images, size=32):
    x = resize(to_tensor(images), size)
    f = torch.cat([clf.features(x[i:i + 256]) for i in range(0, len(x), 256)]).numpy()
    return f


def colour_following(s):
    m = s["kind"] == "colour"
    got = np.array([col.dominant(im)[0] or "" for im in s["images"][m]])
    want = s["target"][m]
    per = {c: float(np.mean(got[want == c] == c)) for c in col.COLOURS}
    return per, float(np.mean(got == want))


def normed(f):
    return f / np.linalg.norm(f, axis=1, keepdims=True).clip(1e-8)


def hits(sim, keys, gallery_key):
    """Top-1 / top-5 hit rates: each row of sim (queries x gallery) ranks the gallery's emoji by their best drawing."""
    top1, top5 = [], []
    for i, k in enumerate(keys):
        ranked = []
        for j in np.argsort(-sim[i]):
            if gallery_key[j] not in ranked:
                ranked.append(gallery_key[j])
            if len(ranked) == 5:
                break
        top1.append(ranked[0] == k)
        top5.append(k in ranked)
    return float(np.mean(top1)), float(np.mean(top5))


def object_following(s, f_samples, gallery_f, gallery_key, kind="object"):
    m = s["kind"] == kind
    keys = s["target"][m]
    top1, top5 = hits(normed(f_samples[m]) @ normed(gallery_f).T, keys, gallery_key)
    chance1 = float(np.mean([np.mean(gallery_key == k) for k in keys]))
    n_keys = len(set(gallery_key.tolist()))
    return {"top1": top1, "top5": top5, "chanceTop1": chance1,
            "chanceTop5": 5 / n_keys, "queries": int(m.sum()), "galleryEmoji": n_keys}


def real_ceiling(gallery_f, gallery_key):
    """The measure's ceiling: each real drawing of the gallery as the query, the gallery without it (so another
    set's drawing of the same emoji must be found): what a model that draws the emoji as one of these sets would get."""
    sim = normed(gallery_f) @ normed(gallery_f).T
    np.fill_diagonal(sim, -np.inf)
    top1, top5 = hits(sim, gallery_key, gallery_key)
    return {"top1": round(top1, 3), "top5": round(top5, 3), "queries": int(len(gallery_key))}


def sheet(rows, path, label_w=150, cell=52, gap=12, titles=None):
    """rows: [(label, [left images], [right images])] -> PNG, 2x nearest."""
    from PIL import Image, ImageDraw
    n = max(len(r[1]) for r in rows)
    w = label_w + (2 * n * cell + gap if any(len(r[2]) for r in rows) else n * cell)
    if titles:  # room for the right-hand title (6 px a character in PIL's default font)
        w = max(w, label_w + n * cell + gap + 6 * len(titles[1]) + 8)
    top = 18 if titles else 0
    im = Image.new("RGB", (w, top + len(rows) * cell), (255, 255, 255))
    dr = ImageDraw.Draw(im)
    if titles:
        dr.text((label_w + 4, 3), titles[0], fill=(0, 0, 0))
        dr.text((label_w + n * cell + gap + 4, 3), titles[1], fill=(0, 0, 0))
    for r, (label, left, right) in enumerate(rows):
        y = top + r * cell
        dr.text((4, y + cell // 2 - 6), label, fill=(0, 0, 0))
        for k, a in enumerate(left):
            im.paste(Image.fromarray(a), (label_w + k * cell + 2, y + 2))
        for k, a in enumerate(right):
            im.paste(Image.fromarray(a), (label_w + n * cell + gap + k * cell + 2, y + 2))
    im.resize((im.width * 2, im.height * 2), Image.NEAREST).save(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--data", default=os.path.join(HERE, ".cache", "carry", "emoji2_48.npz"))
    ap.add_argument("--clf", default=os.path.join(HERE, "runs", "cls_v2.npz"))
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "metrics_v2.json"))
    ap.add_argument("--labels", nargs=2, default=["first model (1.0)", "Atelier Emoji 2"], help="sheet titles")
    ap.add_argument("--examples", default=EXAMPLES, help="where the sheets go (default: the model card's examples)")
    ap.add_argument("--sheet", default="old-vs-new.png", help="file name of the old | new sheet")
    ap.add_argument("--no-colour-sheets", dest="colour_sheets", action="store_false")
    a = ap.parse_args()
    torch.set_num_threads(1)
    d = np.load(a.data)
    clf = load_clf(a.clf, len(d["categories"]))
    emoji = ~np.isin(d["sources"][d["source"]], ["tabler", "lucide"]) & ~d["recoloured"]
    gal = d["test"] & emoji
    g_f = feats(clf, d["images"][gal])
    g_key = d["key"][gal]
    rng = np.random.default_rng(0)
    floor_idx = rng.choice(np.where(~d["test"] & emoji)[0], int(gal.sum()), replace=False)
    out = {"floorFrechet": round(frechet(feats(clf, d["images"][floor_idx]), g_f), 3)}
    samples = {"old": dict(np.load(a.old)), "new": dict(np.load(a.new))}
    new = samples["new"]
    tgal = ~d["test"] & emoji & np.isin(d["key"], new["target"][new["kind"] == "trained"])
    t_f, t_key = feats(clf, d["images"][tgal]), d["key"][tgal]
    out["realDrawingCeiling"] = {"object": real_ceiling(g_f, g_key), "trainedObject": real_ceiling(t_f, t_key)}
    for tag, s in samples.items():
        f = feats(clf, s["images"])
        per, overall = colour_following(s)
        obj = object_following(s, f, g_f, g_key)
        fd = frechet(f[s["kind"] == "object"], g_f)
        out[tag] = {"colourShare": {c: round(v, 3) for c, v in per.items()}, "colourOverall": round(overall, 3),
                    "object": {k: round(v, 3) if isinstance(v, float) else v for k, v in obj.items()},
                    "frechet": round(fd, 3)}
        if (s["kind"] == "trained").any():
            tr = object_following(s, f, t_f, t_key, kind="trained")
            out[tag]["trainedObject"] = {k: round(v, 3) if isinstance(v, float) else v for k, v in tr.items()}
    print(json.dumps(out, indent=1))
    with open(a.out, "w") as fh:
        json.dump(out, fh, indent=1)
    os.makedirs(a.examples, exist_ok=True)
    so, sn = samples["old"], samples["new"]
    rows = []
    for p in dict.fromkeys(sn["prompt"][sn["kind"] == "sheet"].tolist()):
        mo = (so["kind"] == "sheet") & (so["prompt"] == p)
        mn = (sn["kind"] == "sheet") & (sn["prompt"] == p)
        rows.append((p, list(so["images"][mo]), list(sn["images"][mn])))
    sheet(rows, os.path.join(a.examples, a.sheet), titles=tuple(a.labels))
    if (so["kind"] == "trained").any() and (sn["kind"] == "trained").any():
        trows = []  # every third trained emoji: its real drawings | old, new
        for k, p in list(zip(sn["target"][sn["kind"] == "trained"], sn["prompt"][sn["kind"] == "trained"]))[::3]:
            real = list(d["images"][tgal & (d["key"] == k)][:3])
            trows.append((p[:20], real, [s["images"][(s["kind"] == "trained") & (s["target"] == k)][0] for s in (so, sn)]))
        sheet(trows, os.path.join(a.examples, "trained-objects.png"),
              titles=("real drawings (trained on)", f"{a.labels[0]} | {a.labels[1]}"))
    for tag, s in (("old", so), ("new", sn)) if a.colour_sheets else ():
        crow = []
        for c in col.COLOURS:
            m = (s["kind"] == "colour") & (s["target"] == c) & (s["seed"] == 0)
            crow.append((c, list(s["images"][m]), []))
        sheet(crow, os.path.join(a.examples, f"colours-{tag}.png"), label_w=60)
    print("wrote", a.examples)


if __name__ == "__main__":
    main()
