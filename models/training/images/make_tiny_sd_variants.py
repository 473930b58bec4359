"""Variants of the tiny Stable Diffusion fixture (make_tiny_sd.py) in the formats people publish (test fixtures).

    cd models/training
    /usr/bin/python3 -m images.make_tiny_sd_variants              # writes the folders below, checks each on onnxruntime
    /usr/bin/python3 -m images.make_tiny_sd_variants --out DIR    # somewhere else (the test checks it is the same)

Same tokenizer, text encoder, UNet and VAE weights as tiny-sd/ (make_tiny_sd.build_all, its seeds), no download:

    tiny-sd-fp16/   every graph converted to float16 (common/fp16.py: float16 inputs and outputs, the UNet's timestep
                    float16, its weights in external data `unet/model.onnx_data`), the same PNDM scheduler
    tiny-sd-turbo/  the float32 graphs with a few-step scheduler: EulerAncestralDiscreteScheduler, "trailing"
                    timestep spacing (as SD-Turbo's pipelines sample: 1-4 steps, no classifier-free guidance); the
                    UNet's weights in external data `unet/weights.pb` (as Olive's exports name it)
    tiny-lcm/       a latent consistency model: the UNet takes `timestep_cond` float32 [batch_size, 32] (diffusers'
                    guidance-scale embedding, `time_cond_proj_dim` 32, added to the timestep embedding) and the
                    LCMScheduler config (50 original inference steps)
    bad-graphs/     one-node UNet stand-ins the import must refuse: `unet-double.onnx` (float64 `sample`),
                    `unet-custom-op.onnx` (an operator of a domain onnxruntime does not know)

Each folder's reference.json holds PyTorch's first values of each graph on make_tiny_sd's reference inputs, the
largest |onnxruntime - PyTorch| seen, the tolerance (float16: 0.05, its precision over these activations), and the
scheduler's timesteps for a few step counts computed here with numpy as diffusers computes them (a cross-check for
the app's samplers).
"""
import argparse
import math
import os
import shutil
import sys
import tempfile

import numpy as np
import onnx
import torch
import torch.nn as nn

from common import run_typed
from common.fp16 import save, to_fp16

from . import make_tiny_sd as T

HERE = os.path.dirname(os.path.abspath(__file__))
FOLDERS = ("tiny-sd-fp16", "tiny-sd-turbo", "tiny-lcm")
TOL = {"float32": 1e-3, "float16": 0.05}
COND_DIM = 32
SEED_LCM = 2004
LCM_GUIDANCE = 8.5


# ---------------------------------------------------------------------------------------------------- schedulers
def trailing_timesteps(n, T_=1000):
    """EulerDiscrete / EulerAncestralDiscrete set_timesteps with timestep_spacing "trailing"."""
    return (np.arange(T_, 0, -T_ / n).round() - 1).astype(np.int64).tolist()


def lcm_timesteps(n, original=50, T_=1000):
    """LCMScheduler.set_timesteps (strength 1)."""
    k = T_ // original
    origin = (np.arange(1, original + 1) * k - 1)[::-1]
    idx = np.floor(np.linspace(0, len(origin), num=n, endpoint=False)).astype(np.int64)
    return origin[idx].tolist()


def guidance_embedding(w, dim=COND_DIM):
    """LatentConsistencyModelPipeline.get_guidance_scale_embedding of w (= guidance_scale - 1), float32."""
    w = torch.tensor([w * 1000.0])
    half = dim // 2
    emb = torch.exp(torch.arange(half, dtype=torch.float32) * -(math.log(10000.0) / (half - 1)))
    emb = w[:, None] * emb[None, :]
    return torch.cat([torch.sin(emb), torch.cos(emb)], dim=1)


def turbo_scheduler():
    return {"_class_name": "EulerAncestralDiscreteScheduler", "_diffusers_version": T.DIFFUSERS_VERSION,
            "num_train_timesteps": 1000, "beta_start": 0.00085, "beta_end": 0.012, "beta_schedule": "scaled_linear",
            "trained_betas": None, "prediction_type": "epsilon", "steps_offset": 1, "timestep_spacing": "trailing"}


def lcm_scheduler():
    return {"_class_name": "LCMScheduler", "_diffusers_version": T.DIFFUSERS_VERSION, "num_train_timesteps": 1000,
            "beta_start": 0.00085, "beta_end": 0.012, "beta_schedule": "scaled_linear", "trained_betas": None,
            "original_inference_steps": 50, "clip_sample": False, "clip_sample_range": 1.0, "set_alpha_to_one": True,
            "steps_offset": 1, "prediction_type": "epsilon", "thresholding": False, "timestep_spacing": "leading",
            "timestep_scaling": 10.0, "rescale_betas_zero_snr": False}


# ---------------------------------------------------------------------------------------------------- LCM UNet
class TinyLcmUNet(T.TinyUNet):
    """TinyUNet whose timestep embedding also takes the guidance embedding (diffusers' TimestepEmbedding cond_proj:
    the sinusoidal embedding + a bias-free projection of `timestep_cond`, before linear_1)."""

    def __init__(self):
        super().__init__()
        self.cond_proj = nn.Linear(COND_DIM, self.ch, bias=False)

    def forward(self, sample, timestep, encoder_hidden_states, timestep_cond):
        t = T.timestep_embedding(timestep, self.ch) + self.cond_proj(timestep_cond)
        temb = self.time_linear_2(torch.nn.functional.silu(self.time_linear_1(t)))
        h = self.conv_in(sample)
        skip = self.down_attn(self.down_res(h, temb), encoder_hidden_states)
        h = self.downsample(skip)
        h = self.mid_res2(self.mid_attn(self.mid_res1(h, temb), encoder_hidden_states), temb)
        h = self.upsample_conv(torch.nn.functional.interpolate(h, size=skip.shape[-2:], mode="nearest"))
        h = self.up_attn(self.up_res(torch.cat([h, skip], dim=1), temb), encoder_hidden_states)
        return self.conv_out(torch.nn.functional.silu(self.norm_out(h)))


T.GRAPHS.setdefault("unet_lcm", {
    "inputs": {**T.GRAPHS["unet"]["inputs"], "timestep_cond": {0: "batch_size"}},
    "outputs": T.GRAPHS["unet"]["outputs"]})


def build_lcm_unet():
    torch.manual_seed(SEED_LCM)
    return TinyLcmUNet().eval()


# ---------------------------------------------------------------------------------------------------- writing
def first8(a):
    return [round(float(x), 6) for x in np.asarray(a, np.float32).reshape(-1)[:8]]


def write_common(out, tok, vocab, merges, scheduler, graphs_from):
    """model_index, tokenizer, scheduler and the configs of a fixture; the graphs come from `graphs_from`."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "scheduler"))
    T.write_json(os.path.join(out, "model_index.json"), T.model_index())
    T.write_tokenizer(os.path.join(out, "tokenizer"), vocab, merges)
    T.write_json(os.path.join(out, "scheduler", "scheduler_config.json"), scheduler)
    for name in T.GRAPHS:
        if name in ("unet", "text_encoder", "vae_decoder", "vae_encoder"):
            os.makedirs(os.path.join(out, name))
            shutil.copy(os.path.join(graphs_from, name, "config.json"), os.path.join(out, name, "config.json"))


def reference_runs(parts, lcm_unet=None):
    """PyTorch outputs on make_tiny_sd's reference inputs: {graph: (feeds, output name, output)}."""
    tok, _, _, text, unet, dec, enc = parts
    ids = np.asarray([tok.encode_padded(T.PROMPT)], np.int32)
    states, _ = T.torch_text(text, ids)
    lat = T.latent_example()
    img = T.torch_run(dec, lat)
    runs = {"text_encoder": ({"input_ids": ids}, "last_hidden_state", states),
            "vae_decoder": ({"latent_sample": lat}, "sample", img),
            "vae_encoder": ({"sample": img}, "latent_sample", T.torch_run(enc, img))}
    if lcm_unet is None:
        runs["unet"] = ({"sample": lat, "timestep": np.array([500], np.int64), "encoder_hidden_states": states},
                        "out_sample", T.torch_unet(unet, lat, [500], states))
    else:
        cond = guidance_embedding(LCM_GUIDANCE - 1).numpy()
        with torch.no_grad():
            out = lcm_unet(torch.as_tensor(lat), torch.tensor([500]), torch.as_tensor(states),
                           torch.as_tensor(cond)).numpy()
        runs["unet"] = ({"sample": lat, "timestep": np.array([500], np.int64), "encoder_hidden_states": states,
                         "timestep_cond": cond}, "out_sample", out)
    return runs


def check(out, runs, dtype):
    """Each graph of `out` on onnxruntime-node (inputs cast to the graph's own types) vs PyTorch."""
    worst = 0.0
    for name, (feeds, output, want) in runs.items():
        path = os.path.join(out, name, "model.onnx")
        types = {i.name: i.type.tensor_type.elem_type for i in onnx.load(path, load_external_data=False).graph.input}
        cast = {k: v.astype(np.float16) if types[k] == onnx.TensorProto.FLOAT16 else v for k, v in feeds.items()}
        got = run_typed(path, cast)[output].astype(np.float32)
        assert got.shape == want.shape, (name, got.shape, want.shape)
        err = float(np.abs(got - want).max())
        assert err < TOL[dtype], (out, name, err)
        worst = max(worst, err)
    return worst


def reference(runs, dtype, worst, scheduler):
    ref = {"prompt": T.PROMPT, "latent": "make_tiny_sd.latent_example(): 0.8 sin(0.37 i), [1, 4, 8, 8]",
           "dtype": dtype, "tolerance": TOL[dtype], "maxAbsDiff": round(worst, 6),
           "textEncoder": {"lastHiddenStateFirst8": first8(runs["text_encoder"][2])},
           "unet": {"timestep": 500, "outSampleFirst8": first8(runs["unet"][2])},
           "vaeDecoder": {"sampleFirst8": first8(runs["vae_decoder"][2])},
           "vaeEncoder": {"latentSampleFirst8": first8(runs["vae_encoder"][2])}}
    if scheduler == "trailing":
        ref["timesteps"] = {str(n): trailing_timesteps(n) for n in (1, 2, 3, 4)}
    if scheduler == "lcm":
        ref["timesteps"] = {str(n): lcm_timesteps(n) for n in (1, 2, 4, 8)}
        ref["unet"]["guidance"] = LCM_GUIDANCE
        ref["unet"]["timestepCondFirst8"] = first8(runs["unet"][0]["timestep_cond"])
    return ref


def make_bad_graphs(out):
    """One-node UNet stand-ins the app's import must refuse (see the module comment)."""
    from onnx import helper as h
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    F, D, I64 = onnx.TensorProto.FLOAT, onnx.TensorProto.DOUBLE, onnx.TensorProto.INT64
    ins = lambda t: [h.make_tensor_value_info("sample", t, ["batch_size", 4, "height", "width"]),  # noqa: E731
                     h.make_tensor_value_info("timestep", I64, ["steps"]),
                     h.make_tensor_value_info("encoder_hidden_states", F, ["batch_size", "sequence_length", 32])]
    outs = lambda t: [h.make_tensor_value_info("out_sample", t, ["batch_size", 4, "height", "width"])]  # noqa: E731
    double = h.make_graph([h.make_node("Identity", ["sample"], ["out_sample"])], "unet", ins(D), outs(D))
    onnx.save(h.make_model(double, opset_imports=[h.make_opsetid("", 14)], producer_name="atelier-fixture"),
              os.path.join(out, "unet-double.onnx"))
    custom = h.make_graph([h.make_node("FancyDenoise", ["sample"], ["out_sample"], domain="com.example")], "unet",
                          ins(F), outs(F))
    onnx.save(h.make_model(custom, opset_imports=[h.make_opsetid("", 14), h.make_opsetid("com.example", 1)],
                           producer_name="atelier-fixture"), os.path.join(out, "unet-custom-op.onnx"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=HERE, help="the folder the fixtures are written in")
    ap.add_argument("--no-verify", action="store_true", help="skip the onnxruntime-node checks")
    a = ap.parse_args()
    torch.set_num_threads(1)
    parts = T.build_all()
    tok, vocab, merges, text, unet, dec, enc = parts
    lcm = build_lcm_unet()
    with tempfile.TemporaryDirectory() as tmp:
        base = os.path.join(tmp, "tiny-sd")
        T.write_all(base, *parts)  # the float32 graphs, exactly as tiny-sd/ has them
        runs = reference_runs(parts)
        lcm_runs = reference_runs(parts, lcm)
        for folder, sched, dtype in (("tiny-sd-fp16", T.scheduler_config(), "float16"),
                                     ("tiny-sd-turbo", turbo_scheduler(), "float32"),
                                     ("tiny-lcm", lcm_scheduler(), "float32")):
            out = os.path.join(a.out, folder)
            write_common(out, tok, vocab, merges, sched, base)
            for name in ("text_encoder", "unet", "vae_decoder", "vae_encoder"):
                src = onnx.load(os.path.join(base, name, "model.onnx"))
                dst = os.path.join(out, name, "model.onnx")
                if folder == "tiny-sd-fp16":
                    save(to_fp16(src, half_inputs=("timestep",) if name == "unet" else ()), dst,
                         "model.onnx_data" if name == "unet" else None)
                elif folder == "tiny-lcm" and name == "unet":
                    g = torch.Generator().manual_seed(1)
                    args = (torch.randn(2, T.LATENT_CHANNELS, 8, 8, generator=g), torch.tensor([500, 20]),
                            torch.randn(2, T.MAX_LEN, T.HIDDEN, generator=g), torch.randn(2, COND_DIM, generator=g))
                    T.export(lcm, args, "unet_lcm", dst)
                    cfg = T.unet_config()
                    cfg["time_cond_proj_dim"] = COND_DIM
                    T.write_json(os.path.join(out, name, "config.json"), cfg)
                elif folder == "tiny-sd-turbo" and name == "unet":
                    save(src, dst, "weights.pb")
                else:
                    save(src, dst)
            r = lcm_runs if folder == "tiny-lcm" else runs
            worst = float("nan") if a.no_verify else check(out, r, dtype)
            kind = {"tiny-sd-turbo": "trailing", "tiny-lcm": "lcm"}.get(folder)
            T.write_json(os.path.join(out, "reference.json"), reference(r, dtype, 0.0 if a.no_verify else worst, kind))
            print(f"{folder}: {T.folder_bytes(out) / 1e3:.1f} kB, {dtype}, onnxruntime-node vs PyTorch max |diff| "
                  f"{worst:.2e} (tolerance {TOL[dtype]})", flush=True)
    make_bad_graphs(os.path.join(a.out, "bad-graphs"))


if __name__ == "__main__":
    sys.exit(main())
