"""Start a UNet from a shipped `unet.onnx` (the fine-tune of Atelier Emoji 2 starts from Atelier Emoji 1).

The torch 1.13 exporter keeps parameter names for every initializer except two kinds: the GroupNorm scales and
shifts, folded into `onnx::Mul_N` / `onnx::Add_N` constants of shape [C, 1, 1], and the words' key/value projections
(`kv_words`), stored transposed as `onnx::MatMul_N`. Each kind comes in the module's order, so the N-th unnamed
constant of a kind is the N-th parameter of that kind. `load_onnx_weights` checks every shape and that nothing is left
over, and maps the word embedding onto a new vocabulary (words the old model knew keep their rows, new words start at
the mean row plus a little noise).
"""
import re

import numpy as np
import torch


def onnx_state(path):
    """(initializers by name, the op that consumes each unnamed one)."""
    import onnx
    from onnx import numpy_helper
    m = onnx.load(path)
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    used_by = {}
    for nd in m.graph.node:
        for x in nd.input:
            if x in init and x.startswith("onnx::"):
                used_by.setdefault(x, nd.op_type)
    return init, used_by


def load_onnx_weights(net, path, old_vocab=None, new_vocab=None, seed=0):
    """Copy the ONNX initializers into `net` (in place). Returns the number of new-vocabulary rows initialised."""
    init, used_by = onnx_state(path)
    sd = net.state_dict()
    num = lambda k: int(re.search(r"_(\d+)$", k).group(1))  # noqa: E731
    strange = [k for k in init if k not in sd and not k.startswith("onnx::")]
    if strange:
        raise ValueError(f"the graph has parameters the network lacks: {strange[:3]}")
    unnamed = sorted((k for k in init if k not in sd), key=num)
    kv = [k for k in unnamed if used_by.get(k) == "MatMul"]
    gn = [k for k in unnamed if used_by.get(k) in ("Mul", "Add")]
    miss_kv = [k for k in sd if k not in init and "kv_words.weight" in k]
    miss_gn = [k for k in sd if k not in init and k not in miss_kv]
    if len(kv) != len(miss_kv) or len(gn) != len(miss_gn) or len(kv) + len(gn) != len(unnamed):
        raise ValueError(f"the graph's unnamed constants ({len(unnamed)}) do not match the network's parameters")
    out = {}
    for k in sd:
        if k in init:
            out[k] = init[k]
        elif k in miss_kv:
            out[k] = init[kv[miss_kv.index(k)]].T
        else:
            out[k] = init[gn[miss_gn.index(k)]].reshape(-1)
    fresh = 0
    if new_vocab is not None:
        old = out["word.weight"]
        index = {w: i for i, w in enumerate(old_vocab)}
        rng = np.random.default_rng(seed)
        mean, std = old[1:].mean(0), old[1:].std(0)
        emb = np.zeros((len(new_vocab), old.shape[1]), np.float32)
        for i, w in enumerate(new_vocab):
            if i == 0:
                continue
            if w in index:
                emb[i] = old[index[w]]
            else:
                emb[i] = mean + 0.5 * std * rng.standard_normal(old.shape[1])
                fresh += 1
        out["word.weight"] = emb
    for k, v in out.items():
        if tuple(v.shape) != tuple(sd[k].shape):
            raise ValueError(f"{k}: graph has {tuple(v.shape)}, the network {tuple(sd[k].shape)}")
    net.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in out.items()})
    return fresh
