"""Tiny random-weight decoder models in the Hugging Face Optimum ONNX decoder layout (test fixtures).

    cd models/training
    /usr/bin/python3 -m text.make_tiny                 # writes text/tiny/gpt2, text/tiny/gpt2-external, text/tiny/llama
    /usr/bin/python3 -m text.make_tiny --out DIR       # somewhere else (test_tiny.py checks the output is the same)

Made by our own code with fixed seeds, no download: the app's import and generation tests need folders that look
exactly like an Optimum export of a GPT-2 model, of one whose tensors are in `model.onnx_data` (external data), and
of a Llama model (RMSNorm, rotary positions from position_ids, SwiGLU, grouped-query attention with fewer key/value
heads than query heads, untied LM head).

Each folder: model.onnx (+ model.onnx_data), config.json, generation_config.json, tokenizer.json,
tokenizer_config.json, reference.json. No model.json (the app's importer writes it).

Graph: inputs input_ids int64 [batch, seq], attention_mask int64 [batch, past+seq], position_ids int64 [batch, seq],
past_key_values.{i}.key / .value float32 [batch, kv_heads, past, head_dim]; outputs logits float32
[batch, seq, vocab], present.{i}.key / .value float32 [batch, kv_heads, past+seq, head_dim]. Opset 14.

tokenizer.json: a 512-id byte-level BPE trained with bpe.py on Shakespeare's sonnets and the proverbs (the poetry
folder), `<|endoftext|>` the last id (BOS and EOS). reference.json: the prompt's ids (BOS first), the first 8 greedy
tokens from PyTorch with the KV cache and without it (equal), the first 8 logits of the prompt call's last position.
After writing, each graph is run on onnxruntime-node (../common/ort_run.cjs) and checked against PyTorch.
"""
import argparse
import json
import os
import shutil
import sys

import numpy as np
import onnx
import torch

from common import have_ort_node, run_onnx  # ../common/README.md

from . import bpe
from . import data
from . import llama_tiny as LT
from . import model as M

HERE = os.path.dirname(os.path.abspath(__file__))

OUT = os.path.join(HERE, "tiny")
OPSET = 14
VOCAB = 512
PROMPT = "Hello, world"
GREEDY_STEPS = 8
TOLERANCE = 1e-3
GPT2 = dict(n_layer=2, n_embd=32, n_head=4, n_inner=128, n_positions=128)
LLAMA = dict(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
             max_position_embeddings=128, rms_norm_eps=1e-5, rope_theta=10000.0, initializer_range=0.02)
SEED_GPT2, SEED_LLAMA = 1001, 1002
# larger than the usual 0.02 so the random logits spread out and the greedy tokens vary (with these seeds: no
# repeats of one token, and every greedy step wins by more than MIN_MARGIN, far above float noise)
INIT_STD = 0.3
MIN_MARGIN = 0.02


# ---------------------------------------------------------------------------------------------------- tokenizer
def train_tokenizer():
    texts = data.sonnets(data.DEFAULT_POETRY) + data.proverbs(data.DEFAULT_POETRY)
    vocab, merges = bpe.train_bpe(texts, VOCAB, log_every=0)
    assert len(vocab) == VOCAB and vocab[bpe.EOT] == VOCAB - 1, len(vocab)
    return bpe.tokenizer_json(vocab, merges)


# ---------------------------------------------------------------------------------------------------- models
def _randomize(m, seed):
    """Deterministic random weights: every matrix / embedding ~ N(0, INIT_STD); norms 1 + N(0, 0.1); biases N(0, 0.02)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in sorted(m.named_parameters()):
            if p.dim() >= 2:
                p.copy_(torch.randn(p.shape, generator=g) * INIT_STD)
            elif "bias" in name:
                p.copy_(torch.randn(p.shape, generator=g) * 0.02)
            else:  # LayerNorm / RMSNorm weight
                p.copy_(1.0 + torch.randn(p.shape, generator=g) * 0.1)
    return m.eval()


def build_gpt2(vocab_size=VOCAB):
    torch.manual_seed(SEED_GPT2)
    return _randomize(M.GPT(vocab_size, dropout=0.0, **GPT2), SEED_GPT2)


def build_llama(vocab_size=VOCAB):
    torch.manual_seed(SEED_LLAMA)
    return _randomize(LT.Llama(vocab_size, **LLAMA), SEED_LLAMA)


def spec(m):
    """layers, kv_heads, head_dim, vocab of either model."""
    c = m.cfg
    if "n_layer" in c:
        return dict(layers=c["n_layer"], kv_heads=c["n_head"], head_dim=c["n_embd"] // c["n_head"],
                    vocab=c["vocab_size"])
    return dict(layers=c["num_hidden_layers"], kv_heads=c["num_key_value_heads"],
                head_dim=c["hidden_size"] // c["num_attention_heads"], vocab=c["vocab_size"])


def wrapper(m):
    return M.OnnxWrapper(m) if isinstance(m, M.GPT) else LT.LlamaOnnxWrapper(m)


def names(layers):
    past = [f"past_key_values.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    present = [f"present.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    return ["input_ids", "attention_mask", "position_ids"] + past, ["logits"] + present


# Optimum's dynamic axis names
BATCH, SEQ, PAST, TOTAL = "batch_size", "sequence_length", "past_sequence_length", "past_sequence_length + sequence_length"


def export_onnx(m, path):
    s = spec(m)
    ins, outs = names(s["layers"])
    B, T, P = 2, 5, 3
    g = torch.Generator().manual_seed(0)
    args = (torch.randint(0, s["vocab"], (B, T), generator=g), torch.ones(B, P + T, dtype=torch.long),
            (torch.arange(T) + P).unsqueeze(0).expand(B, T).contiguous()) + \
        tuple(torch.randn(B, s["kv_heads"], P, s["head_dim"], generator=g) for _ in range(2 * s["layers"]))
    dyn = {"input_ids": {0: BATCH, 1: SEQ}, "attention_mask": {0: BATCH, 1: TOTAL},
           "position_ids": {0: BATCH, 1: SEQ}, "logits": {0: BATCH, 1: SEQ}}
    for n in ins[3:]:
        dyn[n] = {0: BATCH, 2: PAST}
    for n in outs[1:]:
        dyn[n] = {0: BATCH, 2: TOTAL}
    # no constant folding: GPT-2's tied embedding stays one initializer (as in export.py)
    torch.onnx.export(wrapper(m), args, path, input_names=ins, output_names=outs, dynamic_axes=dyn,
                      opset_version=OPSET, do_constant_folding=False)
    onnx.checker.check_model(onnx.load(path))


def save_external(src, dst_dir):
    """Copy of the graph at src with every initializer in dst_dir/model.onnx_data."""
    data_path = os.path.join(dst_dir, "model.onnx_data")
    if os.path.exists(data_path):  # onnx appends to an existing data file
        os.remove(data_path)
    g = onnx.load(src)
    dst = os.path.join(dst_dir, "model.onnx")
    onnx.save_model(g, dst, save_as_external_data=True, all_tensors_to_one_file=True, location="model.onnx_data",
                    size_threshold=0)
    onnx.checker.check_model(dst)


# ---------------------------------------------------------------------------------------------------- PyTorch runs
def torch_step(m, ids, past=None, mask=None):
    """Forward with the cache: ids [B,T] -> logits [B,T,V] numpy and the presents (list of (k, v))."""
    ids = torch.as_tensor(np.asarray(ids, np.int64))
    P = 0 if past is None else past[0][0].shape[2]
    B, T = ids.shape
    mask = torch.ones(B, P + T, dtype=torch.long) if mask is None else torch.as_tensor(np.asarray(mask, np.int64))
    with torch.no_grad():
        logits, pres = m(ids, mask, (torch.arange(T) + P).unsqueeze(0).expand(B, T), past)
    return logits.numpy(), pres


def greedy(m, prompt, n, cache=True, margins=None):
    """n greedy tokens after prompt: one token per call with the cache, or the whole sequence re-run each step.
    margins (a list): gets top-1 minus top-2 logit of each step."""
    seq, out = list(prompt), []
    logits, past = torch_step(m, [seq])
    for i in range(n):
        nxt = int(logits[0, -1].argmax())
        if margins is not None:
            top = np.sort(logits[0, -1])
            margins.append(float(top[-1] - top[-2]))
        out.append(nxt)
        seq.append(nxt)
        if i + 1 < n:
            logits, past = torch_step(m, [[nxt]], past) if cache else torch_step(m, [seq])
    return out


def reference(m, tok):
    ids = [tok.eot_id] + tok.encode(PROMPT)
    logits, _ = torch_step(m, [ids])
    margins = []
    g, g0 = greedy(m, ids, GREEDY_STEPS, cache=True), greedy(m, ids, GREEDY_STEPS, cache=False, margins=margins)
    assert g == g0, (g, g0)
    assert min(margins) > MIN_MARGIN, margins  # no near-ties: other runtimes must give the same tokens
    return {"prompt": PROMPT, "promptIds": ids, "addBos": True, "greedy": g, "greedyNoCache": g0,
            "logitsFirst8": [round(float(x), 6) for x in logits[0, -1, :8]], "tolerance": TOLERANCE}


# ---------------------------------------------------------------------------------------------------- configs
def gpt2_config(m, eot):
    c = m.cfg
    return {
        "architectures": ["GPT2LMHeadModel"],
        "model_type": "gpt2",
        "vocab_size": c["vocab_size"],
        "n_positions": c["n_positions"],
        "n_ctx": c["n_positions"],
        "n_embd": c["n_embd"],
        "n_layer": c["n_layer"],
        "n_head": c["n_head"],
        "n_inner": c["n_inner"],
        "activation_function": "gelu_new",
        "layer_norm_epsilon": 1e-5,
        "bos_token_id": eot,
        "eos_token_id": eot,
        "tie_word_embeddings": True,
        "use_cache": True,
        "torch_dtype": "float32",
    }


def llama_dims(c):
    """The sizes a Llama-family config.json (Llama, Qwen2) gives first, in Hugging Face's order."""
    keys = ("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
            "num_key_value_heads")
    return {k: c[k] for k in keys}


def llama_config(m, eot):
    c = m.cfg
    return {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        **llama_dims(c),
        "head_dim": c["hidden_size"] // c["num_attention_heads"],
        "hidden_act": "silu",
        "max_position_embeddings": c["max_position_embeddings"],
        "rms_norm_eps": c["rms_norm_eps"],
        "rope_theta": c["rope_theta"],
        "rope_scaling": None,
        "attention_bias": False,
        "mlp_bias": False,
        "initializer_range": c["initializer_range"],
        "bos_token_id": eot,
        "eos_token_id": eot,
        "tie_word_embeddings": False,
        "use_cache": True,
        "torch_dtype": "float32",
    }


def gpt2_tokenizer_config(m):
    # add_bos_token (a GPT2Tokenizer option, off by default in Hugging Face): prompts start with <|endoftext|>, the
    # document separator, as reference.json's promptIds do.
    return {"tokenizer_class": "GPT2Tokenizer", "model_max_length": m.cfg["n_positions"], "add_bos_token": True,
            "bos_token": bpe.EOT, "eos_token": bpe.EOT, "unk_token": bpe.EOT, "add_prefix_space": False,
            "clean_up_tokenization_spaces": False}


def llama_tokenizer_config(m):
    return {"tokenizer_class": "LlamaTokenizerFast", "model_max_length": m.cfg["max_position_embeddings"],
            "add_bos_token": True, "add_eos_token": False, "bos_token": bpe.EOT, "eos_token": bpe.EOT,
            "unk_token": None, "pad_token": None, "clean_up_tokenization_spaces": False}


# ---------------------------------------------------------------------------------------------------- writing
def write_json(path, obj, indent=2):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=indent, ensure_ascii=False)
        f.write("\n")


def write_folder(d, m, tok_js, tok, config, gen_config, tok_config, onnx_src=None):
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    if onnx_src is None:
        export_onnx(m, os.path.join(d, "model.onnx"))
    else:
        save_external(onnx_src, d)
    write_json(os.path.join(d, "config.json"), config)
    write_json(os.path.join(d, "generation_config.json"), gen_config)
    with open(os.path.join(d, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok_js, f, ensure_ascii=False)
    write_json(os.path.join(d, "tokenizer_config.json"), tok_config)
    write_json(os.path.join(d, "reference.json"), reference(m, tok), indent=None)


# ---------------------------------------------------------------------------------------------------- ORT checks
def feeds(s, ids, past_flat, mask=None):
    ids = np.asarray(ids, np.int64)
    B, T = ids.shape
    P = past_flat[0].shape[2]
    ins, _ = names(s["layers"])
    f = {"input_ids": ids, "attention_mask": np.ones((B, P + T), np.int64) if mask is None else np.asarray(mask, np.int64),
         "position_ids": np.tile(np.arange(P, P + T, dtype=np.int64), (B, 1))}
    f.update(zip(ins[3:], past_flat))
    return f


def empty_past(s, batch=1):
    return [np.zeros((batch, s["kv_heads"], 0, s["head_dim"]), np.float32) for _ in range(2 * s["layers"])]


def ort_call(path, s, ids, past_flat, mask=None):
    o, backend, _ = run_onnx(path, feeds(s, ids, past_flat, mask))
    _, outs = names(s["layers"])
    return o["logits"], [o[n] for n in outs[1:]], backend


def verify(d, m):
    """onnxruntime-node: the prompt call (empty past) matches PyTorch, presents have the right shapes, greedy with
    the cache gives reference.json's tokens, and a batch-2 call with a past and a padded row matches PyTorch."""
    path = os.path.join(d, "model.onnx")
    s = spec(m)
    with open(os.path.join(d, "reference.json")) as f:
        ref = json.load(f)
    ids = ref["promptIds"]
    logits, past, backend = ort_call(path, s, [ids], empty_past(s))
    tl, _ = torch_step(m, [ids])
    err = float(np.abs(logits - tl).max())
    assert err < TOLERANCE, err
    assert np.abs(logits[0, -1, :8] - np.array(ref["logitsFirst8"])).max() < TOLERANCE
    for p in past:
        assert p.shape == (1, s["kv_heads"], len(ids), s["head_dim"]), p.shape
    out = []
    for i in range(GREEDY_STEPS):
        nxt = int(logits[0, -1].argmax())
        out.append(nxt)
        if i + 1 < GREEDY_STEPS:
            logits, past, _ = ort_call(path, s, [[nxt]], past)
    assert out == ref["greedy"], (out, ref["greedy"])
    # batch of 2 with a past of 4 and the first key position of row 1 masked out
    rng = np.random.default_rng(0)
    first = rng.integers(0, s["vocab"], (2, 4))
    mask0 = np.ones((2, 4), np.int64)
    mask0[1, 0] = 0
    _, tp = torch_step(m, first, mask=mask0)
    nxt = rng.integers(0, s["vocab"], (2, 3))
    mask1 = np.concatenate([mask0, np.ones((2, 3), np.int64)], 1)
    tl, _ = torch_step(m, nxt, tp, mask=mask1)
    logits, pres, _ = ort_call(path, s, nxt, [t.numpy() for kv in tp for t in kv], mask1)
    err = max(err, float(np.abs(logits - tl).max()))
    assert err < TOLERANCE, err
    assert pres[0].shape == (2, s["kv_heads"], 7, s["head_dim"])
    return err, backend


def folder_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--no-verify", action="store_true", help="skip the onnxruntime-node checks")
    a = ap.parse_args()
    torch.set_num_threads(1)
    os.makedirs(a.out, exist_ok=True)
    tok_js = train_tokenizer()
    tok = bpe.Tokenizer(tok_js)
    eot = tok.eot_id

    gpt2 = build_gpt2()
    d_gpt2 = os.path.join(a.out, "gpt2")
    gpt2_gen = {"_from_model_config": True, "bos_token_id": eot, "eos_token_id": eot}
    write_folder(d_gpt2, gpt2, tok_js, tok, gpt2_config(gpt2, eot), gpt2_gen, gpt2_tokenizer_config(gpt2))
    d_ext = os.path.join(a.out, "gpt2-external")
    write_folder(d_ext, gpt2, tok_js, tok, gpt2_config(gpt2, eot), gpt2_gen, gpt2_tokenizer_config(gpt2),
                 onnx_src=os.path.join(d_gpt2, "model.onnx"))

    llama = build_llama()
    d_llama = os.path.join(a.out, "llama")
    llama_gen = {"bos_token_id": eot, "eos_token_id": eot, "do_sample": True, "temperature": 0.6, "top_p": 0.9,
                 "max_length": LLAMA["max_position_embeddings"]}
    write_folder(d_llama, llama, tok_js, tok, llama_config(llama, eot), llama_gen, llama_tokenizer_config(llama))

    for d, m in ((d_gpt2, gpt2), (d_ext, gpt2), (d_llama, llama)):
        line = f"{os.path.basename(d)}: {folder_bytes(d) / 1e3:.1f} kB"
        if not a.no_verify:
            if not have_ort_node():
                sys.exit("onnxruntime-node not found (npm install at the repository root) - or pass --no-verify")
            err, backend = verify(d, m)
            line += f", {backend} vs PyTorch max |diff| {err:.2e}, greedy with cache OK"
        print(line, flush=True)


if __name__ == "__main__":
    main()
