"""Helpers shared by the training folders (texture, glyphs, texture-vae, melody, text, images); see README.md.

Imported as a package from models/training (`cd models/training && python3 -m <folder>.<script>`):

    from common import run_onnx, file_entry, cosine_with_warmup, make_checkpoint, save_checkpoint, normal_kl

Modules: ort (run_onnx / run_typed on the app's onnxruntime-node), fp16 (float32 -> float16 graphs), manifest (model.json parts), schedule (LR), checkpoint
(resumable atomic checkpoints), kl (Gaussian KL), jsonl (training log). Only numpy is needed to import it; the
checkpoint functions import torch when called.
"""
from .checkpoint import (atomic_save, atomic_write, load_checkpoint, load_file, load_latest, load_resume,
                         make_checkpoint, Optimizers, restore, rng_state, save_checkpoint, set_rng_state)
from .jsonl import JsonlLog, read_jsonl
from .kl import normal_kl, normal_kl_per_dim
from .manifest import file_entry, save_manifest, sha256, training_info
from .ort import ORT_NODE_MODULES, have_ort_node, run_onnx, run_typed
from .schedule import cosine_decay, cosine_lambda, cosine_with_warmup, linear_warmup, set_lr

__all__ = [
    "atomic_save", "atomic_write", "load_checkpoint", "load_file", "load_latest", "load_resume", "make_checkpoint",
    "Optimizers", "restore", "rng_state", "save_checkpoint", "set_rng_state", "JsonlLog", "read_jsonl", "normal_kl",
    "normal_kl_per_dim", "file_entry", "save_manifest", "sha256", "training_info", "ORT_NODE_MODULES",
    "have_ort_node", "run_onnx", "run_typed", "cosine_decay", "cosine_lambda", "cosine_with_warmup", "linear_warmup", "set_lr",
]
