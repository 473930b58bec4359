"""Tests for the exported text model (models/text/).

    cd models/training && /usr/bin/python3 -m unittest text.test_export -v

* manifest: ids/roles, sha256 + bytes of every listed file, input/output names equal the graph's (Optimum decoder
  layout), opset >= 14, config.json keys, folder under 26 MB, the `text` section's keys (INTERFACE.md)
* ONNX (onnxruntime-node via run_onnx) matches the PyTorch checkpoint it was exported from on fixed inputs, with an
  empty past and with a past (skipped when no checkpoint in runs/ matches the recorded weight hash)
* greedy generation with the KV cache (one token per ONNX call, presents fed back) gives the same tokens as without
  it (full re-run of the whole sequence each step); reference.json's logits, promptIds and 8 greedy ids are
  reproduced by the ONNX graph
* tokenizer.json: standard Hugging Face layout; encode -> decode round-trip on varied Unicode with our own
  implementation (bpe.Tokenizer); <|endoftext|> is one token
* determinism: the same feeds give bit-identical outputs; seeded sampling gives the same tokens
"""
import json
import os
import unittest

import numpy as np
import onnx

from . import bpe
from .export import OUT, empty_past, feeds_for, load, names, run_onnx, torch_step, weights_hash

MODEL = os.path.join(OUT, "model.onnx")
HERE = os.path.dirname(os.path.abspath(__file__))


def manifest():
    with open(os.path.join(OUT, "model.json")) as f:
        return json.load(f)


def hf_config():
    with open(os.path.join(OUT, "config.json")) as f:
        c = json.load(f)
    return {"vocab_size": c["vocab_size"], "n_layer": c["n_layer"], "n_head": c["n_head"], "n_embd": c["n_embd"],
            "n_positions": c["n_positions"], "eos": c["eos_token_id"]}


def onnx_call(cfg, ids, past):
    o, _, _ = run_onnx(MODEL, feeds_for(cfg, ids, past))
    _, outs = names(cfg["n_layer"])
    return o["logits"], [o[n] for n in outs[1:]]


def greedy_cached(cfg, prompt, n):
    logits, past = onnx_call(cfg, [prompt], empty_past(cfg))
    out = []
    for _ in range(n):
        nxt = int(logits[0, -1].argmax())
        out.append(nxt)
        logits, past = onnx_call(cfg, [[nxt]], past)
    return out


def greedy_full(cfg, prompt, n):
    seq = list(prompt)
    out = []
    for _ in range(n):
        logits, _ = onnx_call(cfg, [seq], empty_past(cfg))
        nxt = int(logits[0, -1].argmax())
        out.append(nxt)
        seq.append(nxt)
    return out


class TestManifest(unittest.TestCase):
    def test_manifest_files_and_io(self):
        man = manifest()
        self.assertEqual((man["id"], man["task"], man["family"]), ("text", "text", "autoregressive"))
        roles = {f["role"]: f for f in man["files"]}
        for r in ("model", "tokenizer", "config"):
            self.assertIn(r, roles)
        for f in man["files"]:
            p = os.path.join(OUT, f["path"])
            self.assertEqual(os.path.getsize(p), f["bytes"], f["path"])
            self.assertEqual(bpe_sha(p), f["sha256"], f["path"])
        g = onnx.load(MODEL)
        self.assertGreaterEqual(max(o.version for o in g.opset_import if o.domain in ("", "ai.onnx")), 14)
        inits = {x.name for x in g.graph.initializer}
        gin = [i.name for i in g.graph.input if i.name not in inits]
        gout = [o.name for o in g.graph.output]
        cfg = hf_config()
        ins, outs = names(cfg["n_layer"])
        self.assertEqual(gin, ins)
        self.assertEqual(gout, outs)
        self.assertEqual([i["name"] for i in man["inputs"]], ins)
        self.assertEqual([o["name"] for o in man["outputs"]], outs)
        total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
        self.assertLess(total, 26 * 1024 * 1024)

    def test_text_section(self):
        """model.json's `text` section has exactly the keys of INTERFACE.md, consistent with config.json."""
        man = manifest()
        t = man["text"]
        self.assertEqual(set(t), {"layout", "modelType", "vocabSize", "contextLength", "layers", "kvHeads",
                                  "headDim", "positionIds", "bosTokenId", "eosTokenIds", "addBos", "tokenizer",
                                  "generation"})
        with open(os.path.join(OUT, "config.json")) as f:
            c = json.load(f)
        tok = bpe.Tokenizer(os.path.join(OUT, "tokenizer.json"))
        self.assertEqual(t["layout"], "optimum-decoder-kv")
        self.assertEqual(t["modelType"], c["model_type"])
        self.assertEqual((t["vocabSize"], t["contextLength"], t["layers"], t["kvHeads"], t["headDim"]),
                         (c["vocab_size"], c["n_positions"], c["n_layer"], c["n_head"], c["n_embd"] // c["n_head"]))
        self.assertIs(t["positionIds"], True)
        self.assertIs(t["addBos"], True)
        self.assertEqual(t["bosTokenId"], tok.eot_id)
        self.assertEqual(t["eosTokenIds"], [tok.eot_id])
        self.assertIn(t["tokenizer"], [f["path"] for f in man["files"] if f["role"] == "tokenizer"])
        self.assertEqual(set(t["generation"]), {"temperature", "topK", "topP", "repetitionPenalty", "maxNewTokens"})
        past = [i for i in man["inputs"] if i["name"] == "past_key_values.0.key"][0]
        self.assertEqual(past["shape"], ["batch", t["kvHeads"], "past", t["headDim"]])

    def test_config(self):
        with open(os.path.join(OUT, "config.json")) as f:
            c = json.load(f)
        self.assertEqual(c["model_type"], "gpt2")
        tok = bpe.Tokenizer(os.path.join(OUT, "tokenizer.json"))
        self.assertEqual(c["vocab_size"], len(tok.inv))
        self.assertEqual(c["eos_token_id"], tok.eot_id)
        self.assertEqual(c["bos_token_id"], tok.eot_id)
        with open(os.path.join(OUT, "generation_config.json")) as f:
            self.assertEqual(json.load(f)["eos_token_id"], tok.eot_id)


def bpe_sha(p):
    from common import sha256
    return sha256(p)


class TestOnnx(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cfg = hf_config()
        cls.tok = bpe.Tokenizer(os.path.join(OUT, "tokenizer.json"))
        cls.prompt = [cls.tok.eot_id] + cls.tok.encode("The wind")

    def checkpoint(self):
        runs = os.path.join(HERE, "runs")
        want = manifest()["training"]["weights"]
        if os.path.isdir(runs):
            for f in sorted(os.listdir(runs)):
                if f.endswith(".pt"):
                    m, _ = load(os.path.join(runs, f))
                    if weights_hash(m) == want:
                        return m
        raise unittest.SkipTest("no checkpoint in text/runs/ matches the exported weights (train first)")

    def test_onnx_matches_pytorch(self):
        m = self.checkpoint()
        rng = np.random.default_rng(7)
        ids = rng.integers(0, self.cfg["vocab_size"], (2, 9))
        tl, tp = torch_step(m, ids)
        ol, op = onnx_call(self.cfg, ids, empty_past(self.cfg, 2))
        np.testing.assert_allclose(ol, tl, atol=1e-3, rtol=0)
        for a, (k, v) in zip(op[0::2], tp):
            np.testing.assert_allclose(a, k.numpy(), atol=1e-4, rtol=0)
        nxt = rng.integers(0, self.cfg["vocab_size"], (2, 3))
        tl2, _ = torch_step(m, nxt, tp)
        ol2, op2 = onnx_call(self.cfg, nxt, op)
        np.testing.assert_allclose(ol2, tl2, atol=1e-3, rtol=0)
        self.assertEqual(op2[0].shape[2], 12)

    def test_greedy_cache_equals_no_cache(self):
        n = 10
        a = greedy_cached(self.cfg, self.prompt, n)
        b = greedy_full(self.cfg, self.prompt, n)
        self.assertEqual(a, b)

    def test_reference_json(self):
        with open(os.path.join(OUT, "reference.json")) as f:
            ref = json.load(f)
        calls = ref["calls"]
        self.assertEqual(len(calls), 4)
        logits, past = onnx_call(self.cfg, [calls[0]["input_ids"]], empty_past(self.cfg))
        np.testing.assert_allclose(logits[0, -1, :64], calls[0]["logitsFirst64"], atol=ref["tolerance"])
        self.assertEqual(int(logits[0, -1].argmax()), calls[0]["argmax"])
        for c in calls[1:]:
            self.assertEqual(c["past"], past[0].shape[2])
            logits, past = onnx_call(self.cfg, [c["input_ids"]], past)
            np.testing.assert_allclose(logits[0, -1, :64], c["logitsFirst64"], atol=ref["tolerance"])
            self.assertEqual(int(logits[0, -1].argmax()), c["argmax"])

    def test_reference_prompt_and_greedy(self):
        """reference.json: promptIds = BOS + the prompt's ids; greedy = 8 cached greedy tokens from ONNX too."""
        with open(os.path.join(OUT, "reference.json")) as f:
            ref = json.load(f)
        self.assertEqual(ref["promptIds"], [self.tok.eot_id] + self.tok.encode(ref["prompt"]))
        self.assertEqual(ref["calls"][0]["input_ids"], ref["promptIds"])
        self.assertEqual(len(ref["greedy"]), 8)
        self.assertEqual(greedy_cached(self.cfg, ref["promptIds"], 8), ref["greedy"])

    def test_determinism(self):
        f = feeds_for(self.cfg, [self.prompt], empty_past(self.cfg))
        o1, _, _ = run_onnx(MODEL, f)
        o2, _, _ = run_onnx(MODEL, f)
        for k in o1:
            np.testing.assert_array_equal(o1[k], o2[k])

        def sample(seed, n=6):
            rng = np.random.default_rng(seed)
            logits, past = onnx_call(self.cfg, [self.prompt], empty_past(self.cfg))
            out = []
            for _ in range(n):
                z = logits[0, -1].astype(np.float64) / 0.9
                p = np.exp(z - z.max())
                p /= p.sum()
                nxt = int(rng.choice(len(p), p=p))
                out.append(nxt)
                logits, past = onnx_call(self.cfg, [[nxt]], past)
            return out

        self.assertEqual(sample(3), sample(3))

    def test_batch_with_left_padding(self):
        """A left-padded row (attention_mask 0 on the pads, positions from 0 at the first real token) gives the
        same last logits as the row alone."""
        p = self.prompt
        pad = 3
        ids = np.array([[self.tok.eot_id] * pad + p, [0] * 0 + p + p[:pad]], np.int64)
        f = feeds_for(self.cfg, ids, empty_past(self.cfg, 2))
        f["attention_mask"][0, :pad] = 0
        f["position_ids"][0] = np.concatenate([np.zeros(pad, np.int64), np.arange(len(p))])
        o, _, _ = run_onnx(MODEL, f)
        alone, _ = onnx_call(self.cfg, [p], empty_past(self.cfg))
        np.testing.assert_allclose(o["logits"][0, -1], alone[0, -1], atol=1e-4)


class TestTokenizer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(OUT, "tokenizer.json"), encoding="utf-8") as f:
            cls.js = json.load(f)
        cls.tok = bpe.Tokenizer(cls.js)

    def test_layout(self):
        js = self.js
        self.assertEqual(js["model"]["type"], "BPE")
        self.assertEqual(js["pre_tokenizer"], {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
                                               "use_regex": True})
        self.assertEqual(js["decoder"]["type"], "ByteLevel")
        self.assertEqual(js["post_processor"]["type"], "ByteLevel")
        v = js["model"]["vocab"]
        self.assertTrue(2000 <= len(v) <= 4096)
        self.assertEqual(sorted(v.values()), list(range(len(v))))
        for i, b in enumerate(range(256)):
            self.assertEqual(v[bpe.BYTE_ENC[b]], i)
        for mg in js["model"]["merges"]:
            a, b = mg.split(" ")
            self.assertIn(a + b, v)
        self.assertEqual(js["added_tokens"][0]["content"], "<|endoftext|>")
        self.assertEqual(v["<|endoftext|>"], js["added_tokens"][0]["id"])

    def test_round_trip(self):
        texts = [
            "Hope is the thing with feathers\nThat perches in the soul,",
            "Café crème, naïve résumé — Ærøskøbing, Łódź, İstanbul, ß",
            "日本語のテキストと中文文本，한국어도。",
            "Emoji: 🙂👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 and flags 🇫🇷🇯🇵",
            "tabs\tand  double  spaces\n\n\n  indented\r\nwindows line\u2028sep\u00a0nbsp",
            "Numbers 3.14159, ½, ², Ⅻ; code: `x += 1; // ok?` 'quoted' \"double\" don't we'll",
            "",
            " ",
            "\x00\x01 control \x7f bytes",
            "Ελληνικά, русский, עברית, العربية, हिन्दी",
        ]
        for t in texts:
            ids = self.tok.encode(t)
            self.assertEqual(self.tok.decode(ids), t, repr(t))
            self.assertTrue(all(0 <= i < len(self.tok.inv) for i in ids))

    def test_special_token_and_compression(self):
        ids = self.tok.encode("A friend<|endoftext|>B")
        self.assertIn(self.tok.eot_id, ids)
        self.assertEqual(ids.count(self.tok.eot_id), 1)
        self.assertEqual(self.tok.decode(ids), "A friend<|endoftext|>B")
        self.assertEqual(self.tok.decode(ids, skip_special=True), "A friendB")
        text = "A friend in need is a friend indeed. The early bird catches the worm."
        self.assertLess(len(self.tok.encode(text)), len(text.encode("utf-8")) / 2.5)

    def test_pretokenizer_matches_gpt2_pattern(self):
        try:
            import regex
        except ImportError:
            raise unittest.SkipTest("the `regex` module is not installed")
        pat = regex.compile(bpe.GPT2_PATTERN)
        t = "Héllo wörld's 你好 🙂 ½ ² x\u2003y  \n\n  z\x1c 12ab ... don't"
        self.assertEqual(pat.findall(t), bpe._PAT.findall(t))


if __name__ == "__main__":
    unittest.main()
