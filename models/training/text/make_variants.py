"""Tiny random-weight decoders in the layouts and weight formats people publish (test fixtures for the import of
`onnx/` folders, graph variants and merged decoders).

    cd models/training
    /usr/bin/python3 -m text.make_variants             # writes text/tiny/onnx-llama and text/tiny/merged-gpt2
    /usr/bin/python3 -m text.make_variants --out DIR   # somewhere else (test_variants.py checks it is the same)

Made from make_tiny.py's fixtures (run that first): the same weights (built again from its seeds), its tokenizer.json.

* `onnx-llama/`: the transformers.js / onnx-community layout of a Qwen2-style model (config.json as Qwen2 writes it,
  with `transformers.js_config`; the ChatML chat template in tokenizer_config.json and in chat_template.jinja; no BOS
  token added): configs and tokenizer at the top, the graphs under `onnx/`:
  `model.onnx` (fp32, tiny/llama's graph), `model_fp16.onnx` (common/fp16.py: float16 weights, caches and logits),
  `model_quantized.onnx` (quantize.int8: DynamicQuantizeLinear + MatMulInteger), `model_q4.onnx` +
  `model_q4.onnx_data` (quantize.q4: MatMulNBits with zero points; its larger tensors as external data) and
  `model_q4f16.onnx` (symmetric MatMulNBits, then fp16: float16 activations, scales and caches; and the
  `num_logits_to_keep` input newer exports have, so its logits are the last position's). The weights are
  Llama's (no q/k/v biases, which Qwen2 has): the app reads the graph, not the architecture name.
* `merged-gpt2/`: an older transformers.js / Optimum GPT-2 export, `onnx/decoder_model_merged.onnx`: an `If` on the
  bool input `use_cache_branch` ([1]) whose then-branch is tiny/gpt2's graph (with the past) and whose else-branch
  is the same model exported without a past (the past inputs unused), sharing one set of initializers; and
  `onnx/decoder_model_merged_fp16.onnx`, the same through common/fp16.py (both branches).

reference.json, per graph: onnxruntime-node's first 8 greedy tokens (one call per token, the caches fed back in the
graph's own type; float16 logits read as float32), the same from PyTorch run with the weights the graph holds
(dequantized; int8 with its activations quantized as DynamicQuantizeLinear does), the prompt call's first 8
logits from both, their largest difference over the whole prompt call and the tolerance it must stay within:
fp32 and q4 (float32 compute on the dequantized weights) 1e-4, int8 1e-3, fp16 and q4f16 (float16 arithmetic
against PyTorch's float32 on the same weights) 0.1 (the logits span about +-6).
"""
import argparse
import copy
import os
import shutil
import types

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import helper

from common import have_ort_node, run_typed
from common.fp16 import save as save_onnx, to_fp16

from . import make_tiny as T
from . import quantize as Q

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "tiny")
STEPS = 8
TOLERANCE = {"fp32": 1e-4, "fp16": 0.1, "quantized": 1e-3, "q4": 1e-4, "q4f16": 0.1}
GRAPHS = {"fp32": "model.onnx", "fp16": "model_fp16.onnx", "quantized": "model_quantized.onnx", "q4": "model_q4.onnx",
          "q4f16": "model_q4f16.onnx"}
CHATML = ("{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
          "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
          "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
          "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}")


# ---------------------------------------------------------------------------------------------------- configs
def qwen2_config(m, eot):
    c = m.cfg
    return {
        "architectures": ["Qwen2ForCausalLM"],
        "model_type": "qwen2",
        **T.llama_dims(c),
        "hidden_act": "silu",
        "max_position_embeddings": c["max_position_embeddings"],
        "max_window_layers": c["num_hidden_layers"],
        "sliding_window": c["max_position_embeddings"],
        "use_sliding_window": False,
        "rms_norm_eps": c["rms_norm_eps"],
        "rope_theta": c["rope_theta"],
        "initializer_range": c["initializer_range"],
        "attention_dropout": 0.0,
        "bos_token_id": eot,
        "eos_token_id": eot,
        "tie_word_embeddings": False,
        "torch_dtype": "float32",
        "use_cache": True,
        "transformers.js_config": {"dtype": "q4", "kv_cache_dtype": {"q4f16": "float16", "fp16": "float16"}},
    }


def qwen2_tokenizer_config(m, eos):
    return {"add_bos_token": False, "add_prefix_space": False, "bos_token": None, "chat_template": CHATML,
            "clean_up_tokenization_spaces": False, "eos_token": eos, "errors": "replace",
            "model_max_length": m.cfg["max_position_embeddings"], "pad_token": eos, "split_special_tokens": False,
            "tokenizer_class": "Qwen2Tokenizer", "unk_token": None}


# ---------------------------------------------------------------------------------------------------- PyTorch twins
def with_weights(m, prefix, deq, half=False, act_quant=False):
    """A copy of m holding the weights a graph holds: deq's dequantized matrices, every other parameter rounded to
    float16 when `half`, and (int8) every linear layer's input quantized as DynamicQuantizeLinear does."""
    m = copy.deepcopy(m)
    params = dict(m.named_parameters())
    with torch.no_grad():
        if half:
            for p in params.values():
                p.copy_(p.half().float())
        for name, w in deq.items():
            params[name[len(prefix):]].copy_(torch.from_numpy(w))
    if act_quant:
        for mod in m.modules():
            if isinstance(mod, nn.Linear):
                mod.forward = types.MethodType(
                    lambda self, x: F.linear(torch.from_numpy(Q.dynamic_quantize(x.numpy())), self.weight, self.bias),
                    mod)
    return m.eval()


# ---------------------------------------------------------------------------------------------------- onnxruntime
def empty_past(s, dtype):
    return [np.zeros((1, s["kv_heads"], 0, s["head_dim"]), dtype) for _ in range(2 * s["layers"])]


def ort_step(path, s, ids, past, branch=None):
    """One call: ids [1,T] after `past` (arrays in the graph's cache type) -> (float32 logits [1,T,V], presents)."""
    ins, outs = T.names(s["layers"])
    p, t = past[0].shape[2], len(ids)
    feeds = {"input_ids": np.array([ids], np.int64), "attention_mask": np.ones((1, p + t), np.int64),
             "position_ids": np.arange(p, p + t, dtype=np.int64)[None]}
    feeds.update(zip(ins[3:], past))
    if branch is not None:
        feeds["use_cache_branch"] = np.array([branch], np.bool_)
    if path.endswith("_q4f16.onnx"):
        feeds["num_logits_to_keep"] = np.array(1, np.int64)
    o = run_typed(path, feeds)
    return o["logits"].astype(np.float32), [o[n] for n in outs[1:]]


def ort_greedy(path, s, prompt, kv_dtype, merged=False):
    logits, past = ort_step(path, s, prompt, empty_past(s, kv_dtype), False if merged else None)
    first, out = logits, []
    for i in range(STEPS):
        out.append(int(logits[0, -1].argmax()))
        if i + 1 < STEPS:
            logits, past = ort_step(path, s, [out[-1]], past, True if merged else None)
    return out, first


def entry(graph, kv, ort_tokens, ort_logits, tm, prompt, tol):
    tl, _ = T.torch_step(tm, [prompt])
    tl = tl[:, -ort_logits.shape[1]:]  # num_logits_to_keep = 1: the last position only
    err = float(np.abs(ort_logits - tl).max())
    return {"graph": graph, "kvDtype": kv, "greedy": ort_tokens, "greedyTorch": T.greedy(tm, prompt, STEPS),
            "logitsFirst8": [round(float(x), 5) for x in ort_logits[0, -1, :8]],
            "torchLogitsFirst8": [round(float(x), 5) for x in tl[0, -1, :8]],
            "maxAbsDiff": float(f"{err:.3g}"), "tolerance": tol}


# ---------------------------------------------------------------------------------------------------- writing
def copy_common(src, d, names):
    for n in names:
        shutil.copyfile(os.path.join(src, n), os.path.join(d, n))


def save(model, path, external=None):
    save_onnx(model, path, external, size_threshold=1024)
    onnx.checker.check_model(path)


def llama_variants():
    """{id: (model, deq, half, act_quant, kv dtype)} from tiny/llama's graph."""
    src = onnx.load(os.path.join(OUT, "llama", "model.onnx"))
    i8, d8 = Q.int8(src)
    q4, d4 = Q.q4(src, zero_points=True)
    q4s, d4s = Q.q4(src, zero_points=False, scale_dtype=np.float16)
    return {"fp32": (src, {}, False, False, np.float32), "fp16": (to_fp16(src), {}, True, False, np.float16),
            "quantized": (i8, d8, False, True, np.float32), "q4": (q4, d4, False, False, np.float32),
            "q4f16": (keep_last_logits(to_fp16(q4s)), d4s, True, False, np.float16)}


def keep_last_logits(model):
    """The graph with newer exports' `num_logits_to_keep` input (int64 scalar): logits of the last k positions
    only (k = 0: all), as transformers.js feeds 1 during generation."""
    m = onnx.ModelProto()
    m.CopyFrom(model)
    g = m.graph
    for n in g.node:
        n.output[:] = ["logits_all" if o == "logits" else o for o in n.output]
    k = helper.make_tensor_value_info("num_logits_to_keep", onnx.TensorProto.INT64, [])
    g.input.append(k)
    g.initializer.extend([onnx.numpy_helper.from_array(np.array([0], np.int64), "keep_zero_axes"),
                          onnx.numpy_helper.from_array(np.array([2**62], np.int64), "keep_end"),
                          onnx.numpy_helper.from_array(np.array([1], np.int64), "keep_axis")])
    g.node.extend([
        helper.make_node("Neg", ["num_logits_to_keep"], ["keep_neg"], name="keep_neg"),
        helper.make_node("Unsqueeze", ["keep_neg", "keep_zero_axes"], ["keep_start"], name="keep_start"),
        helper.make_node("Slice", ["logits_all", "keep_start", "keep_end", "keep_axis"], ["logits"],
                         name="keep_last_logits"),
    ])
    onnx.checker.check_model(m)
    return m


def write_onnx_llama(out, tok, verify):
    d = os.path.join(out, "onnx-llama")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "onnx"))
    m = T.build_llama()
    eot = tok.eot_id
    shutil.copyfile(os.path.join(OUT, "llama", "tokenizer.json"), os.path.join(d, "tokenizer.json"))
    T.write_json(os.path.join(d, "config.json"), qwen2_config(m, eot))
    T.write_json(os.path.join(d, "generation_config.json"),
                 {"bos_token_id": eot, "eos_token_id": eot, "do_sample": True, "temperature": 0.7, "top_p": 0.8,
                  "top_k": 20, "repetition_penalty": 1.05})
    T.write_json(os.path.join(d, "tokenizer_config.json"), qwen2_tokenizer_config(m, tok.inv[eot]))
    with open(os.path.join(d, "chat_template.jinja"), "w", encoding="utf-8") as f:
        f.write(CHATML)
    prompt = tok.encode(T.PROMPT)
    ref = {"prompt": T.PROMPT, "promptIds": prompt, "addBos": False, "variants": {}}
    s = T.spec(m)
    for vid, (model, deq, half, act_quant, kv) in llama_variants().items():
        path = os.path.join(d, "onnx", GRAPHS[vid])
        save(model, path, GRAPHS[vid] + "_data" if vid == "q4" else None)
        if not verify:
            continue
        tokens, logits = ort_greedy(path, s, prompt, kv)
        tm = with_weights(m, "llama.", deq, half, act_quant)
        kv_name = "float16" if kv is np.float16 else "float32"
        ref["variants"][vid] = entry("onnx/" + GRAPHS[vid], kv_name, tokens, logits, tm, prompt, TOLERANCE[vid])
    return d, ref


class NoPast(nn.Module):
    """GPT-2 without a past: input_ids, attention_mask, position_ids -> logits, present.* (the names OnnxWrapper's
    graph gives, so the two branches share their initializers)."""

    def __init__(self, gpt):
        super().__init__()
        self.gpt = gpt

    def forward(self, input_ids, attention_mask, position_ids):
        logits, presents = self.gpt(input_ids, attention_mask, position_ids, None)
        return (logits,) + tuple(t for kv in presents for t in kv)


def export_no_past(m, path):
    s = T.spec(m)
    _, outs = T.names(s["layers"])
    g = torch.Generator().manual_seed(0)
    args = (torch.randint(0, s["vocab"], (2, 5), generator=g), torch.ones(2, 5, dtype=torch.long),
            torch.arange(5).unsqueeze(0).expand(2, 5).contiguous())
    dyn = {"input_ids": {0: T.BATCH, 1: T.SEQ}, "attention_mask": {0: T.BATCH, 1: T.SEQ},
           "position_ids": {0: T.BATCH, 1: T.SEQ}, "logits": {0: T.BATCH, 1: T.SEQ}}
    for n in outs[1:]:
        dyn[n] = {0: T.BATCH, 2: T.SEQ}
    torch.onnx.export(NoPast(m), args, path, input_names=["input_ids", "attention_mask", "position_ids"],
                      output_names=outs, dynamic_axes=dyn, opset_version=T.OPSET, do_constant_folding=False)


def branch(g, tag, outer):
    """g's nodes as an If branch: every value it makes renamed `tag/...`, outer-scope names kept."""
    ren = {}
    for n in g.node:
        for o in n.output:
            ren[o] = f"{tag}/{o}"
    nodes = []
    for n in g.node:
        c = onnx.NodeProto()
        c.CopyFrom(n)
        c.name = f"{tag}/{n.name}"
        c.input[:] = [ren.get(i, i) if i not in outer else i for i in n.input]
        c.output[:] = [ren[o] for o in n.output]
        nodes.append(c)
    outputs = []
    for v in g.output:
        o = onnx.ValueInfoProto()
        o.CopyFrom(v)
        o.name = ren[v.name]
        outputs.append(o)
    return helper.make_graph(nodes, tag, [], outputs)


def merge(with_past, no_past):
    """Optimum's merged decoder: one graph, an If on use_cache_branch, initializers shared by both branches."""
    a, b = with_past.graph, no_past.graph
    inits = {t.name: t for t in a.initializer}
    for t in b.initializer:
        assert t.name in inits and inits[t.name].SerializeToString() == t.SerializeToString(), t.name
    outer = {i.name for i in a.input} | set(inits)
    flag = helper.make_tensor_value_info("use_cache_branch", onnx.TensorProto.BOOL, [1])
    node = helper.make_node("If", ["use_cache_branch"], [o.name for o in a.output], name="optimum::if",
                            then_branch=branch(a, "then", outer), else_branch=branch(b, "else", outer))
    g = helper.make_graph([node], "merged", list(a.input) + [flag], list(a.output), list(a.initializer))
    m = helper.make_model(g, opset_imports=list(with_past.opset_import), producer_name="make_variants")
    m.ir_version = with_past.ir_version
    onnx.checker.check_model(m)
    return m


MERGED_GRAPHS = {"fp32": "decoder_model_merged.onnx", "fp16": "decoder_model_merged_fp16.onnx"}


def merged_variants(merged):
    """{id: (model, deq, half, act_quant, kv dtype)} of the merged GPT-2 (fp16: both branches converted)."""
    return {"fp32": (merged, {}, False, False, np.float32), "fp16": (to_fp16(merged), {}, True, False, np.float16)}


def write_merged_gpt2(out, tok, verify):
    d = os.path.join(out, "merged-gpt2")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "onnx"))
    src = os.path.join(OUT, "gpt2")
    copy_common(src, d, ["config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json"])
    m = T.build_gpt2()
    tmp = os.path.join(d, "onnx", "no_past.onnx")
    export_no_past(m, tmp)
    merged = merge(onnx.load(os.path.join(src, "model.onnx")), onnx.load(tmp))
    os.remove(tmp)
    prompt = [tok.eot_id] + tok.encode(T.PROMPT)
    ref = {"prompt": T.PROMPT, "promptIds": prompt, "addBos": True, "variants": {}}
    for vid, (model, deq, half, _, kv) in merged_variants(merged).items():
        graph = "onnx/" + MERGED_GRAPHS[vid]
        save(model, os.path.join(d, graph))
        if verify:
            tokens, logits = ort_greedy(os.path.join(d, graph), T.spec(m), prompt, kv, merged=True)
            tm = with_weights(m, "gpt.", deq, half)
            ref["variants"][vid] = entry(graph, "float16" if half else "float32", tokens, logits, tm, prompt,
                                         TOLERANCE[vid])
    return d, ref


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--no-verify", action="store_true", help="skip onnxruntime-node (reference.json is not written)")
    a = ap.parse_args()
    torch.set_num_threads(1)
    if not a.no_verify and not have_ort_node():
        raise SystemExit("onnxruntime-node not found (npm install at the repository root) - or pass --no-verify")
    tok = T.bpe.Tokenizer(os.path.join(OUT, "llama", "tokenizer.json"))
    for write in (write_onnx_llama, write_merged_gpt2):
        d, ref = write(a.out, tok, not a.no_verify)
        if not a.no_verify:
            T.write_json(os.path.join(d, "reference.json"), ref)
        for vid, v in ref["variants"].items():
            print(f"{os.path.basename(d)} {vid}: |ORT - PyTorch| {v['maxAbsDiff']:.2e} (tolerance {v['tolerance']}), "
                  f"greedy {'==' if v['greedy'] == v['greedyTorch'] else '!='} PyTorch's", flush=True)
        size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)
        print(f"{os.path.basename(d)}: {size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
