"""Export a trained checkpoint to models/text/: model.onnx (Optimum decoder layout with KV cache), config.json,
generation_config.json, tokenizer_config.json, reference.json and model.json (the manifest).

    cd models/training && /usr/bin/python3 -m text.export --ckpt text/runs/verse_final.pt   # after evaluate.py (its runs/metrics.json)

Graph: inputs input_ids int64 [batch, seq], attention_mask int64 [batch, past+seq], position_ids int64
[batch, seq], past_key_values.{i}.key / .value float32 [batch, heads, past, head_dim]; outputs logits
[batch, seq, vocab], present.{i}.key / .value [batch, heads, past+seq, head_dim]. batch, seq and past are
dynamic; past may be 0 (the first call passes empty past tensors).
"""
import argparse
import hashlib
import json
import os
import shutil

import numpy as np
import onnx
import torch

from common import file_entry, load_checkpoint, run_onnx, save_manifest, training_info  # ../common/README.md

from . import bpe
from . import model as M

HERE = os.path.dirname(os.path.abspath(__file__))

OUT = os.path.normpath(os.path.join(HERE, "..", "..", "text"))
OPSET = 14
REF_PROMPT = "Hope is the thing with feathers"
DATA_LICENSE = ("Public domain (Emily Dickinson, Poems: Three Series, Project Gutenberg #12242; Shakespeare's "
                "sonnets), CC0 (proverbs from dariusk/corpora), BSD-3-Clause-style (Debian fortunes / fortunes-min "
                "1:1.99.1-7.3 per its copyright file; individual quotations are by their authors)")


def load(path):
    return load_checkpoint(path, lambda ck: M.GPT(dropout=0.0, **dict(ck["cfg"])))


def weights_hash(m):
    h = hashlib.sha256()
    for k, v in sorted(m.state_dict().items()):
        h.update(k.encode())
        h.update(v.detach().cpu().numpy().astype("<f4").tobytes())
    return h.hexdigest()[:16]


def names(n_layer):
    past = [f"past_key_values.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    present = [f"present.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    return ["input_ids", "attention_mask", "position_ids"] + past, ["logits"] + present


def empty_past(cfg, batch=1):
    hd = cfg["n_embd"] // cfg["n_head"]
    return [np.zeros((batch, cfg["n_head"], 0, hd), np.float32) for _ in range(2 * cfg["n_layer"])]


def feeds_for(cfg, ids, past_flat):
    """ONNX feeds for new tokens ids [B,T] after past_flat (list of 2*n_layer arrays [B,H,P,hd])."""
    ids = np.asarray(ids, np.int64)
    B, T = ids.shape
    P = past_flat[0].shape[2]
    ins, _ = names(cfg["n_layer"])
    f = {"input_ids": ids, "attention_mask": np.ones((B, P + T), np.int64),
         "position_ids": np.tile(np.arange(P, P + T, dtype=np.int64), (B, 1))}
    for n, a in zip(ins[3:], past_flat):
        f[n] = a
    return f


def torch_step(m, ids, past=None):
    """PyTorch forward with the cache: returns logits [B,T,V] numpy and presents (list of (k, v))."""
    ids = torch.as_tensor(np.asarray(ids, np.int64))
    P = 0 if past is None else past[0][0].shape[2]
    B, T = ids.shape
    with torch.no_grad():
        logits, pres = m(ids, torch.ones(B, P + T, dtype=torch.long),
                         (torch.arange(T) + P).unsqueeze(0).expand(B, T), past)
    return logits.numpy(), pres


def export_onnx(m, path):
    cfg = m.cfg
    ins, outs = names(cfg["n_layer"])
    hd = cfg["n_embd"] // cfg["n_head"]
    B, T, P = 2, 5, 3
    args = (torch.randint(0, cfg["vocab_size"], (B, T)), torch.ones(B, P + T, dtype=torch.long),
            (torch.arange(T) + P).unsqueeze(0).expand(B, T).contiguous()) + \
        tuple(torch.randn(B, cfg["n_head"], P, hd) for _ in range(2 * cfg["n_layer"]))
    dyn = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "past+seq"},
           "position_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}}
    for n in ins[3:]:
        dyn[n] = {0: "batch", 2: "past"}
    for n in outs[1:]:
        dyn[n] = {0: "batch", 2: "past+seq"}
    torch.onnx.export(M.OnnxWrapper(m), args, path, input_names=ins, output_names=outs, dynamic_axes=dyn,
                      opset_version=OPSET, do_constant_folding=False)  # no folding: keeps the tied
    # embedding as ONE initializer (folding would add a transposed copy, +3 MB)
    g = onnx.load(path)
    onnx.checker.check_model(g)


def hf_config(cfg, tok):
    return {
        "architectures": ["GPT2LMHeadModel"],
        "model_type": "gpt2",
        "vocab_size": cfg["vocab_size"],
        "n_positions": cfg["n_positions"],
        "n_ctx": cfg["n_positions"],
        "n_embd": cfg["n_embd"],
        "n_layer": cfg["n_layer"],
        "n_head": cfg["n_head"],
        "n_inner": cfg["n_inner"],
        "activation_function": "gelu_new",
        "layer_norm_epsilon": 1e-5,
        "tie_word_embeddings": True,
        "bos_token_id": tok.eot_id,
        "eos_token_id": tok.eot_id,
        "use_cache": True,
        "torch_dtype": "float32",
    }


GENERATION = {"temperature": 0.8, "topK": 50, "topP": 0.95, "repetitionPenalty": 1.1, "maxNewTokens": 120}


def gen_config(tok):
    g = GENERATION
    return {"bos_token_id": tok.eot_id, "eos_token_id": tok.eot_id, "do_sample": True,
            "temperature": g["temperature"], "top_k": g["topK"], "top_p": g["topP"],
            "repetition_penalty": g["repetitionPenalty"], "max_new_tokens": g["maxNewTokens"]}


def reference(m, tok, steps=3):
    """PyTorch logits (last position, first 64 values) for the prompt call and `steps` cached greedy steps."""
    ids = [tok.eot_id] + tok.encode(REF_PROMPT)
    logits, past = torch_step(m, [ids])
    calls = [{"input_ids": ids, "past": 0, "logitsFirst64": [round(float(x), 6) for x in logits[0, -1, :64]],
              "argmax": int(logits[0, -1].argmax())}]
    nxt = int(logits[0, -1].argmax())
    p = len(ids)
    for _ in range(steps):
        logits, past = torch_step(m, [[nxt]], past)
        calls.append({"input_ids": [nxt], "past": p, "position_ids": [p],
                      "logitsFirst64": [round(float(x), 6) for x in logits[0, -1, :64]],
                      "argmax": int(logits[0, -1].argmax())})
        p += 1
        nxt = int(logits[0, -1].argmax())
    greedy, past, logits = [], None, None
    logits, past = torch_step(m, [ids])
    for _ in range(8):  # 8 greedy tokens with the KV cache (one token per call)
        nxt = int(logits[0, -1].argmax())
        greedy.append(nxt)
        logits, past = torch_step(m, [[nxt]], past)
    return {"prompt": REF_PROMPT, "promptIds": ids,
            "note": "promptIds include the BOS (<|endoftext|>) the app prepends (addBos); first call: empty past "
            "tensors; then one greedy token per call with the presents fed back as past_key_values; "
            "attention_mask all ones of length past+seq; greedy: the first 8 greedy tokens after the prompt",
            "tolerance": 1e-3, "calls": calls, "greedy": greedy}


def parity(m, path):
    """Max |ONNX - PyTorch| over a prompt call (empty past) and two cached calls, on onnxruntime-node."""
    cfg = m.cfg
    rng = np.random.default_rng(0)
    ids = rng.integers(0, cfg["vocab_size"], (2, 7))
    worst = 0.0
    tl, tp = torch_step(m, ids)
    o, _, _ = run_onnx(path, feeds_for(cfg, ids, empty_past(cfg, 2)))
    worst = max(worst, float(np.abs(o["logits"] - tl).max()))
    past_np = [t.numpy() for kv in tp for t in kv]
    for _ in range(2):
        nxt = rng.integers(0, cfg["vocab_size"], (2, 2))
        tl, tp = torch_step(m, nxt, tp)
        o, _, _ = run_onnx(path, feeds_for(cfg, nxt, past_np))
        worst = max(worst, float(np.abs(o["logits"] - tl).max()))
        past_np = [t.numpy() for kv in tp for t in kv]
    return worst


def latency(path, cfg, past_len=64, threads=1):
    rng = np.random.default_rng(1)
    hd = cfg["n_embd"] // cfg["n_head"]
    past = [rng.standard_normal((1, cfg["n_head"], past_len, hd)).astype(np.float32) for _ in range(2 * cfg["n_layer"])]
    _, _, t = run_onnx(path, feeds_for(cfg, [[5]], past), repeats=30, threads=threads)
    return t


def selection(ck, note=None):
    """How the exported weights were chosen (--selection, else the checkpoint's own note, else from its kind)."""
    if note or ck.get("selection"):
        return note or ck["selection"]
    if ck.get("val_loss") is not None:
        return f"best validation loss ({ck.get('best_by', 'validation slice')}): {ck['val_loss']:.4f} at step {ck['step']}"
    return "final weights"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "runs", "verse_final.pt"))
    ap.add_argument("--metrics", default=os.path.join(HERE, "runs", "metrics.json"))
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--device-label", default=None, help='training hardware for the manifest, e.g. "cuda (H100)" '
                    "(default: the checkpoint's device)")
    ap.add_argument("--selection", default=None, help="how these weights were chosen, for model.json")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    m, ck = load(a.ckpt)
    cfg = m.cfg
    tok_path = os.path.join(a.out, "tokenizer.json")
    tok = bpe.Tokenizer(tok_path)
    assert len(tok.inv) == cfg["vocab_size"]
    onnx_path = os.path.join(a.out, "model.onnx")
    export_onnx(m, onnx_path)
    err = parity(m, onnx_path)
    print(f"ONNX vs PyTorch max |diff| {err:.2e}")
    t = latency(onnx_path, cfg)
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(hf_config(cfg, tok), f, indent=2)
        f.write("\n")
    with open(os.path.join(a.out, "generation_config.json"), "w") as f:
        json.dump(gen_config(tok), f, indent=2)
        f.write("\n")
    with open(os.path.join(a.out, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "GPT2Tokenizer", "model_max_length": cfg["n_positions"],
                   "bos_token": bpe.EOT, "eos_token": bpe.EOT, "unk_token": bpe.EOT, "add_prefix_space": False,
                   "clean_up_tokenization_spaces": False}, f, indent=2)
        f.write("\n")
    ref = reference(m, tok)
    ref["weights"] = weights_hash(m)
    with open(os.path.join(a.out, "reference.json"), "w") as f:
        json.dump(ref, f)
        f.write("\n")
    metrics = {}
    if os.path.exists(a.metrics):
        with open(a.metrics) as f:
            metrics = json.load(f)
    metrics.update({"parameters": M.n_params(m), "onnxMaxAbsError": err,
                    "latencyMsOneThread": {"stepPast64": {"firstMs": round(t["ms"], 3), "medianMs": round(t["msMedian"], 3),
                                                          "p90Ms": round(t["msP90"], 3)}} if t else None})
    H, hd, L, V = cfg["n_head"], cfg["n_embd"] // cfg["n_head"], cfg["n_layer"], cfg["vocab_size"]
    ins, outs = names(L)
    inputs = [{"name": "input_ids", "dtype": "int64", "shape": ["batch", "seq"]},
              {"name": "attention_mask", "dtype": "int64", "shape": ["batch", "past+seq"]},
              {"name": "position_ids", "dtype": "int64", "shape": ["batch", "seq"]}] + \
             [{"name": n, "dtype": "float32", "shape": ["batch", H, "past", hd]} for n in ins[3:]]
    outputs = [{"name": "logits", "dtype": "float32", "shape": ["batch", "seq", V]}] + \
              [{"name": n, "dtype": "float32", "shape": ["batch", H, "past+seq", hd]} for n in outs[1:]]
    info = training_info("models/training/text",
                         "Emily Dickinson's Poems (three series), Shakespeare's sonnets, proverbs, Debian fortunes + "
                         f"fortunes-min; split by document, ~5 % held out (seed 1234)", DATA_LICENSE, ck,
                         device=a.device_label or ck.get("device", "cpu"))
    info.update({"steps": int(ck["step"]), "tokensSeen": int(ck.get("tokens_seen", 0)), "batch": ck["args"]["batch"],
                 "seq": ck["args"]["seq"], "config": ck.get("config"), "dropout": ck["args"].get("dropout"),
                 "weightDecay": ck["args"].get("weight_decay"), "peakLr": ck["args"].get("lr"),
                 "selection": selection(ck, a.selection),
                 "weights": weights_hash(m), "tokenizer": "byte-level BPE trained by bpe.py on the training split"})
    man = {
        "id": "text",
        "name": "Atelier Verse",
        "version": "1.0.0",
        "family": "autoregressive",
        "task": "text",
        "license": "BSD-3-Clause",
        "files": [file_entry(onnx_path, "model"), file_entry(tok_path, "tokenizer"),
                  file_entry(os.path.join(a.out, "config.json"), "config"),
                  file_entry(os.path.join(a.out, "generation_config.json"), "generation-config"),
                  file_entry(os.path.join(a.out, "tokenizer_config.json"), "tokenizer-config")],
        "inputs": inputs,
        "outputs": outputs,
        "text": {"layout": "optimum-decoder-kv", "modelType": "gpt2", "vocabSize": V,
                 "contextLength": cfg["n_positions"], "layers": L, "kvHeads": H, "headDim": hd, "positionIds": True,
                 "bosTokenId": tok.eot_id, "eosTokenIds": [tok.eot_id], "addBos": True,
                 "tokenizer": "tokenizer.json", "generation": dict(GENERATION)},
        "training": info,
        "metrics": metrics,
    }
    save_manifest(a.out, man)
    total = sum(os.path.getsize(os.path.join(a.out, f)) for f in os.listdir(a.out))
    print(f"wrote {a.out} ({total / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
