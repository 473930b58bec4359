"""The glyph VAE's posterior over every font of its data set: the codes the flow prior is fitted to.

  cd models/training
  /usr/bin/python3 -m glyph-prior.codes          # -> glyph-prior/.cache/codes.npz (git-ignored), prints stats

Needs the glyph data set (glyphs/.cache/glyphs.npz: `sh glyphs/fetch_data.sh`, `python3 -m glyphs.dataset`) and the
bundled VAE (models/glyphs/*.onnx, loaded into the PyTorch modules of glyphs/model.py, so the codes are exactly what
the app's encoder gives). For each font f and char c: the posterior q(z | x[f, c], c) = N(mean, exp(logvar)).

A glyph VAE's latent is a style: one z decoded with every char draws one typeface, and the encoder of ANY glyph of a
font gives (a noisy view of) that font's style. The shipped flow is fitted to the posterior means (where the
encoder puts real glyphs); `train.py --codes sample` fits samples of the aggregate posterior (the mixture over
(font, char) of these Gaussians, what the decoder was trained on) instead.

Splits: the glyph model's own held-out fonts (split == 1 in glyphs.npz: 15 family groups never trained on) are the
test set; of the training fonts, a seeded 10 % of the family groups is the early-stopping slice ("val").
"""
import json
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from glyphs.model import CHARSET, CONFIGS, GlyphVAE

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")
CODES = os.path.join(CACHE, "codes.npz")
GLYPHS_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "glyphs"))
ENC = os.path.join(GLYPHS_DIR, "encoder.onnx")
DEC = os.path.join(GLYPHS_DIR, "decoder.onnx")
VAL_FRACTION = 0.10
VAL_SEED = 7
# split codes in codes.npz
TRAIN, VAL, HELD = 0, 1, 2


def load_vae():
    """The bundled glyph VAE as PyTorch modules, weights read from its two ONNX graphs (eval mode)."""
    dec = {i.name: numpy_helper.to_array(i) for i in onnx.load(DEC).graph.initializer}
    enc = {i.name[len("enc."):]: numpy_helper.to_array(i) for i in onnx.load(ENC).graph.initializer
           if i.name.startswith("enc.")}
    for name in CONFIGS:
        m = GlyphVAE(name)
        sd_d, sd_e = m.decoder.state_dict(), m.encoder.state_dict()
        if set(sd_d) == set(dec) and set(sd_e) == set(enc) and \
                all(sd_d[k].shape == dec[k].shape for k in sd_d) and all(sd_e[k].shape == enc[k].shape for k in sd_e):
            m.decoder.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in dec.items()})
            m.encoder.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in enc.items()})
            return m.eval()
    raise AssertionError("the glyph VAE's ONNX weights match no config in glyphs/model.py")


@torch.no_grad()
def encode_fonts(vae, images, batch=31 * 16):
    """images uint8 [F, 62, 64, 64] -> mean, logvar float32 [F, 62, D]."""
    f, c = images.shape[:2]
    x = images.reshape(f * c, 1, 64, 64)
    chars = np.tile(np.arange(c), f)
    means, logvars = [], []
    for s in range(0, len(x), batch):
        mu, lv = vae.encoder(torch.from_numpy(x[s:s + batch].astype(np.float32) / 255.0),
                             torch.from_numpy(chars[s:s + batch]).long())
        means.append(mu.numpy())
        logvars.append(lv.numpy())
    d = means[0].shape[1]
    return np.concatenate(means).reshape(f, c, d), np.concatenate(logvars).reshape(f, c, d)


@torch.no_grad()
def decode(vae, z, chars, batch=992):
    """z [N, D], chars int [N] -> images float32 [N, 64, 64] in [0, 1] (1 = ink)."""
    out = []
    for s in range(0, len(z), batch):
        out.append(vae.decoder(torch.as_tensor(z[s:s + batch], dtype=torch.float32),
                               torch.as_tensor(chars[s:s + batch]).long())[:, 0].numpy())
    return np.concatenate(out)


def build(verbose=True):
    from glyphs.dataset import load as load_glyphs
    d = load_glyphs()
    images, held, meta = d["images"], d["split"].astype(bool), d["meta"]
    torch.set_num_threads(1)
    vae = load_vae()
    mean, logvar = encode_fonts(vae, images)
    # early-stopping slice: a seeded share of the TRAINING family groups
    groups = sorted({m["group"] for m, h in zip(meta, held) if not h})
    rng = np.random.default_rng(VAL_SEED)
    val_groups = {groups[i] for i in rng.permutation(len(groups))[:max(1, round(VAL_FRACTION * len(groups)))]}
    split = np.array([HELD if h else (VAL if m["group"] in val_groups else TRAIN) for m, h in zip(meta, held)],
                     np.int8)
    os.makedirs(CACHE, exist_ok=True)
    slim = [{k: m[k] for k in ("file", "package", "licence", "family", "style", "group")} for m in meta]
    np.savez_compressed(CODES, mean=mean, logvar=logvar, split=split, meta=json.dumps(slim))
    if verbose:
        print(f"encoded {len(images)} fonts x {len(CHARSET)} chars -> {CODES}")
    return load()


def load():
    if not os.path.exists(CODES):
        return build()
    d = np.load(CODES)
    return {"mean": d["mean"], "logvar": d["logvar"], "split": d["split"], "meta": json.loads(str(d["meta"]))}


def glyph_images(split_code):
    """uint8 [F, 62, 64, 64] of the fonts with this split code (in codes.npz order = glyphs.npz order)."""
    from glyphs.dataset import load as load_glyphs
    return load_glyphs()["images"][load()["split"] == split_code]


if __name__ == "__main__":
    import sys
    c = build() if "--rebuild" in sys.argv or not os.path.exists(CODES) else load()
    s = c["split"]
    print("fonts: train", int((s == TRAIN).sum()), "val", int((s == VAL).sum()), "held out", int((s == HELD).sum()))
    mu = c["mean"][s != HELD].reshape(-1, c["mean"].shape[-1])
    sd = np.exp(0.5 * c["logvar"][s != HELD]).reshape(mu.shape)
    print("posterior means: per-dim variance", np.round(mu.var(0), 3))
    print("posterior SD: per-dim mean", np.round(sd.mean(0), 3))
    fm = c["mean"][s != HELD].mean(1)
    print("font styles (mean over 62 chars): per-dim variance", np.round(fm.var(0), 3))
