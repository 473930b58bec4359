"""The Texture VAE's decoder it replaces vs a new one (same frozen encoder), on the held-out patterns.

  cd models/training
  /usr/bin/python3 -m texture-vae.compare --old texture-vae/.cache/v1/decoder.onnx --ckpt texture-vae/runs/gan/last.pt

--old: the earlier decoder.onnx (e.g. `git show <commit>:models/texture-vae/decoder.onnx`). Writes
texture-vae/runs/compare.json and ../texture-vae/old-vs-new.png.

Figures, both decoders on the same 272 held-out images and the same 256 prior points:
- reconstruction error (per-pixel MSE of decode(mean));
- sharpness: gradient energy (mean |finite difference|) and high-frequency energy (the share of the Fourier power
  above a quarter of the sampling rate, mean removed), each as a ratio to the real held-out images' (1 = as sharp as
  the data), for reconstructions and for prior samples;
- patch realism: the sliced-Wasserstein distance between 8x8 patches of the decodes and of the real images.
"""
import argparse
import copy
import json
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from PIL import Image, ImageDraw

from .data import heldout_set, load_patterns, split
from .evaluate import batched, grad_energy, label, to_pil
from .export import load_vae

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "texture-vae"))


def decoder_from_onnx(path, like):
    """A Decoder with `like`'s config and the initializers of an exported decoder.onnx."""
    dec = copy.deepcopy(like)
    inits = {i.name: numpy_helper.to_array(i) for i in onnx.load(path).graph.initializer}
    sd = dec.state_dict()
    assert all(k in inits and inits[k].shape == tuple(v.shape) for k, v in sd.items()), f"{path} is another shape"
    dec.load_state_dict({k: torch.from_numpy(inits[k].copy()) for k in sd})
    return dec.eval()


def hf_share(x, cutoff=0.25):
    """Mean share of each image's Fourier power (mean removed, all channels) above `cutoff` cycles/px."""
    f = np.fft.fftfreq(x.shape[-1])
    r = np.sqrt(f[:, None] ** 2 + f[None, :] ** 2)
    p = np.abs(np.fft.fft2(x - x.mean((2, 3), keepdims=True))) ** 2
    return float((p[..., r > cutoff].sum((1, 2)) / np.maximum(p.sum((1, 2, 3)), 1e-12)[:, None]).sum(1).mean())


def patch_swd(a, b, k=8, n=4096, dirs=128, seed=0):
    rng = np.random.default_rng(seed)

    def patches(x):
        i, y, z = rng.integers(0, len(x), n), rng.integers(0, x.shape[2] - k, n), rng.integers(0, x.shape[3] - k, n)
        return np.stack([x[j, :, s:s + k, t:t + k].ravel() for j, s, t in zip(i, y, z)])

    pa, pb = patches(a), patches(b)
    d = rng.standard_normal((pa.shape[1], dirs))
    d /= np.linalg.norm(d, axis=0)
    return float(np.sqrt(((np.sort(pa @ d, 0) - np.sort(pb @ d, 0)) ** 2).mean()))


def figures(dec, xh, mh, prior_z):
    with torch.no_grad():
        rh = batched(dec, mh)
        prior = batched(dec, prior_z)
    ge, hf = grad_energy(xh), hf_share(xh)
    return dict(heldOutMse=round(float(((xh - rh) ** 2).mean()), 6),
                reconGradEnergyRatio=round(grad_energy(rh) / ge, 4), priorGradEnergyRatio=round(grad_energy(prior) / ge, 4),
                reconHighFreqRatio=round(hf_share(rh) / hf, 4), priorHighFreqRatio=round(hf_share(prior) / hf, 4),
                reconPatchSWD=round(patch_swd(rh, xh), 4), priorPatchSWD=round(patch_swd(prior, xh), 4)), rh, prior


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", required=True, help="the decoder.onnx it replaces")
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "gan", "last.pt"))
    ap.add_argument("--json", default=os.path.join(HERE, "runs", "compare.json"))
    ap.add_argument("--sheet", default=os.path.join(OUT_DIR, "old-vs-new.png"))
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    vae, ck = load_vae(args.ckpt)
    old = decoder_from_onnx(args.old, vae.decoder)
    _, held = split(load_patterns())
    xh, hidx = heldout_set(held)
    with torch.no_grad():
        mh, _ = batched(vae.encoder, xh)
    prior_z = np.random.default_rng(11).standard_normal((256, vae.dim)).astype(np.float32)
    f_old, r_old, p_old = figures(old, xh, mh, prior_z)
    f_new, r_new, p_new = figures(vae.decoder, xh, mh, prior_z)
    out = dict(step=int(ck["step"]), old=f_old, new=f_new)
    with open(args.json, "w") as f:
        json.dump(out, f, indent=1)
    print(json.dumps(out, indent=1))

    # sheet: per held-out pattern (centre crop): input | old | new, 4 triples a row; then prior samples old / new
    c, per_row = 128, 4
    first = [int(np.where(hidx == i)[0][0]) for i in range(len(held))]
    rows = (len(first) + per_row - 1) // per_row
    top, gap = 16, 8
    n_prior = 3 * per_row
    w = per_row * (3 * c + gap) - gap
    sheet = Image.new("RGB", (w, top + rows * c + top + 2 * (w // n_prior)), (255, 255, 255))
    d = ImageDraw.Draw(sheet)
    d.text((4, 2), "held-out patterns: input | old decoder | VAE-GAN decoder (decode of the encoder mean)",
           fill=(0, 0, 0))
    for n, i in enumerate(first):
        x, y = (n % per_row) * (3 * c + gap), top + (n // per_row) * c
        for j, img in enumerate((xh[i], r_old[i], r_new[i])):
            sheet.paste(to_pil(img), (x + j * c, y))
        label(d, x, y, held[hidx[i]]["name"][:18])
        label(d, x + c, y, f"old {((xh[i] - r_old[i]) ** 2).mean():.4f}")
        label(d, x + 2 * c, y, f"new {((xh[i] - r_new[i]) ** 2).mean():.4f}")
    y0 = top + rows * c + top
    d.text((4, y0 - 14), "prior samples z ~ N(0, I), the same z: old decoder (top) | VAE-GAN decoder (bottom)",
           fill=(0, 0, 0))
    s = w // n_prior
    for j in range(n_prior):
        sheet.paste(to_pil(p_old[j], 1).resize((s, s), Image.Resampling.NEAREST), (j * s, y0))
        sheet.paste(to_pil(p_new[j], 1).resize((s, s), Image.Resampling.NEAREST), (j * s, y0 + s))
    sheet.save(args.sheet, optimize=True)
    print("wrote", args.sheet)


if __name__ == "__main__":
    main()
