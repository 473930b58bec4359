"""Metrics + contact sheets from the samples made by sample.py (CPU, ~1 minute):
  cd models/training && /usr/bin/python3 -m images.evaluate --samples images/runs/samples.npz --cls images/runs/cls.npz
(a) classifier accuracy on the held-out real images; (b) classifier accuracy on images generated from each
category's words (per guidance scale) vs chance; (c) Frechet distance in the classifier's 128-d penultimate features
between generated images (all categories, guidance 3) and the held-out real images, with baselines at the same
sample count (guidance 0 = unconditional samples, per-category mean images, real training images = the floor);
(d) nearest-training-image distances of the contact-sheet samples (how much the model copies its training set);
contact sheets -> models/emoji/examples/*.png. Writes runs/metrics.json (export.py copies it into model.json).
"""
import argparse
import json
import os
import re

import numpy as np
import torch
from PIL import Image

from . import data as data_mod
from . import model as model_mod

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.abspath(os.path.join(HERE, "..", "..", "emoji", "examples"))


def to_t(u8):
    return torch.from_numpy(np.ascontiguousarray(u8)).permute(0, 3, 1, 2).float() / 127.5 - 1.0


def frechet(f1, f2):
    m1, m2 = f1.mean(0), f2.mean(0)
    c1, c2 = np.cov(f1, rowvar=False), np.cov(f2, rowvar=False)
    ev = np.linalg.eigvals(c1 @ c2)
    tr_sqrt = np.sqrt(np.clip(ev.real, 0, None)).sum()
    return float(((m1 - m2) ** 2).sum() + np.trace(c1) + np.trace(c2) - 2 * tr_sqrt)


def sheet(rows, scale=2, gap=2):
    """rows: list of [n, S, S, 3] uint8 -> one PNG-able array (white gaps), scaled by nearest neighbour."""
    s = rows[0].shape[1]
    n = max(r.shape[0] for r in rows)
    out = np.full((len(rows) * (s + gap) + gap, n * (s + gap) + gap, 3), 255, np.uint8)
    for i, r in enumerate(rows):
        for j, im in enumerate(r):
            out[gap + i * (s + gap):gap + i * (s + gap) + s, gap + j * (s + gap):gap + j * (s + gap) + s] = im
    return np.kron(out, np.ones((scale, scale, 1), np.uint8))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(HERE, ".cache", "carry", "emoji48.npz"))
    ap.add_argument("--samples", nargs="+", default=[os.path.join(HERE, "runs", "samples.npz")],
                    help="sample.py outputs; the contact sheets of the LAST one are the main examples")
    ap.add_argument("--cls", default=os.path.join(HERE, "runs", "cls.npz"))
    ap.add_argument("--out", default=os.path.join(HERE, "runs", "metrics.json"))
    ap.add_argument("--examples", default=EXAMPLES)
    a = ap.parse_args()
    torch.set_num_threads(1)
    d = data_mod.load(a.data)
    files = [np.load(p) for p in a.samples]
    ncat = len(d["categories"])
    clf = model_mod.Classifier(ncat)
    w = np.load(a.cls)
    clf.load_state_dict({k: torch.from_numpy(w[k]) for k in w.files})
    clf.eval()

    def run(u8):
        with torch.no_grad():
            x = to_t(u8)
            f = torch.cat([clf.features(x[i:i + 256]) for i in range(0, len(x), 256)])
            return f.numpy(), clf.head(f).argmax(1).numpy()

    te, tr = d["test"], ~d["test"]
    f_te, p_te = run(d["images"][te])
    f_tr, p_tr = run(d["images"][tr])
    m = {"classifier": {"classes": ncat, "heldOutAccuracy": round(float((p_te == d["category"][te]).mean()), 4),
                        "trainAccuracy": round(float((p_tr == d["category"][tr]).mean()), 4),
                        "heldOutImages": int(te.sum()), "chance": round(1.0 / ncat, 4),
                        "majorityClassShareHeldOut": round(float(np.bincount(d["category"][te]).max() / te.sum()), 4)}}
    gens, acc, per_cat, counts = {}, {}, {}, {}
    for s in files:
        steps = int(s["steps"]) if "steps" in s.files else 50
        for g in s["guidances"].tolist():
            x = s[f"cat_g{g:g}"]  # [C, n, S, S, 3]
            n = x.shape[1]
            label = f"guidance{g:g}" + ("" if steps == 50 else f"_steps{steps}")
            f, p = run(x.reshape(-1, *x.shape[2:]))
            y = np.repeat(np.arange(ncat), n)
            gens[label] = f.reshape(ncat, n, -1)
            counts[label] = f"{n} per category, DDIM {steps} steps"
            acc[label] = round(float((p == y).mean()), 4)
            per_cat[label] = {c: round(float((p[y == i] == i).mean()), 3) for i, c in enumerate(d["categories"].tolist())}
    m["generatedCategoryAccuracy"] = {"sampler": "DDIM, eta 0, x0 clipped", "samples": counts,
                                      "prompts": "each category's words, e.g. 'Smileys & Emotion' -> smileys emotion",
                                      "chance": round(1.0 / ncat, 4), **acc, "perCategory": per_cat}
    k = min(g.shape[1] for g in gens.values())  # same sample count for every Frechet distance
    n_gen = k * ncat
    rng = np.random.default_rng(0)
    real_idx = rng.choice(int(tr.sum()), n_gen, replace=False)
    means = np.stack([d["images"][tr][d["category"][tr] == i].mean(0) for i in range(ncat)]).round().astype(np.uint8)
    f_mean, _ = run(np.repeat(means, k, 0))
    fd = {lab: round(frechet(f[:, :k].reshape(n_gen, -1), f_te), 2) for lab, f in gens.items()}
    fd["baselinePerCategoryMeanImages"] = round(frechet(f_mean, f_te), 2)
    fd["realTrainingImages"] = round(frechet(f_tr[real_idx], f_te), 2)
    m["frechetDistanceToHeldOut"] = {"features": "evaluation classifier's 128-d penultimate layer",
                                     "reference": f"{int(te.sum())} held-out real images",
                                     "samples": f"{n_gen} ({k} per category)", **fd}
    m["frechetDistanceToTraining"] = {lab: round(frechet(f[:, :k].reshape(n_gen, -1), f_tr), 2)
                                      for lab, f in gens.items()}
    m["frechetDistanceToTraining"]["baselinePerCategoryMeanImages"] = round(frechet(f_mean, f_tr), 2)
    m["frechetDistanceToTraining"]["realHeldOutImages"] = round(frechet(f_te, f_tr), 2)

    # contact sheets (+ how close the main ones are to training images)
    os.makedirs(a.examples, exist_ok=True)
    train_f = d["images"][tr].reshape(int(tr.sum()), -1).astype(np.float32) / 255.0
    te_f = d["images"][te].reshape(int(te.sum()), -1).astype(np.float32) / 255.0
    sheets = {}
    for fi, s in enumerate(files):
        if "sheet_0" not in s.files:
            continue
        main_file = fi == len(files) - 1
        sg = float(s["sheet_guidance"]) if "sheet_guidance" in s.files else 3.0
        steps = int(s["steps"]) if "steps" in s.files else 50
        prompts = s["prompts"].tolist()
        suffix = "" if main_file else f"-g{sg:g}"
        rows, nn_mse = [], []
        for i, p in enumerate(prompts):
            x = s[f"sheet_{i}"]
            rows.append(x)
            name = re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-")
            if main_file:
                Image.fromarray(sheet([x])).save(os.path.join(a.examples, f"{name}.png"), optimize=True)
            xf = x.reshape(len(x), -1).astype(np.float32) / 255.0
            nn_mse.extend(((xf[:, None, :] - train_f[None]) ** 2).mean(2).min(1).tolist())
        Image.fromarray(sheet(rows)).save(os.path.join(a.examples, f"contact-sheet{suffix}.png"), optimize=True)
        for size in (32, 64):
            if f"sheet{size}_0" in s.files:
                Image.fromarray(sheet([s[f"sheet{size}_{i}"] for i in range(len(prompts))])).save(
                    os.path.join(a.examples, f"size{size}{suffix}.png"), optimize=True)
        sheets[f"guidance{sg:g}"] = {"prompts": prompts, "file": f"examples/contact-sheet{suffix}.png",
                                     "samplesPerPrompt": 8, "seeds": "prompt i: generator seed i for its batch of 8",
                                     "steps": steps, "medianNearestTrainingMse": round(float(np.median(nn_mse)), 4),
                                     "shareNearestTrainingMseBelow0.005": round(float((np.array(nn_mse) < 0.005).mean()), 3)}
        if "cat_g0" in s.files:
            Image.fromarray(sheet([s["cat_g0"][i][:8] for i in range(ncat)])).save(
                os.path.join(a.examples, "unconditional.png"), optimize=True)
        for g in s["guidances"].tolist():
            if g > 1:
                Image.fromarray(sheet([s[f"cat_g{g:g}"][i][:8] for i in range(ncat)])).save(
                    os.path.join(a.examples, f"categories-g{g:g}.png"), optimize=True)
    te_nn = ((te_f[:, None, :] - train_f[None]) ** 2).mean(2).min(1)
    m["contactSheets"] = sheets
    m["nearestTrainingImage"] = {
        "what": "pixel MSE (0..1 scale) to the nearest training image; a held-out real emoji for comparison",
        "medianHeldOutReal": round(float(np.median(te_nn)), 4),
        "shareHeldOutRealBelow0.005": round(float((te_nn < 0.005).mean()), 3)}
    with open(a.out, "w") as f:
        json.dump(m, f, indent=1)
    print(json.dumps(m, indent=1))


if __name__ == "__main__":
    main()
