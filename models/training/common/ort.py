"""Run an ONNX graph on the app's own onnxruntime-node (no Python onnxruntime on Debian).

`run_onnx` writes the inputs as raw files, runs `ort_run.cjs` (next to this file) with Node and reads the outputs
back. onnxruntime-node comes from the repository's node_modules (`npm install` at the repository root);
`ORT_NODE_MODULES=/path/to/node_modules` overrides the location. With onnx >= 1.13 it falls back to
`onnx.reference` when onnxruntime-node is missing (no timings then).

Untimed calls (repeats=0) go to one long-lived `node ort_run.cjs --serve` process per Python process, which keeps
its sessions, so a test that makes hundreds of calls (a greedy decode step by step) does not start Node hundreds of
times. Timed calls (repeats > 0) start a fresh process and session as always, so the first-run time (`ms`) stays a
cold first run. `ORT_RUN_SERVER=0` makes every call a fresh process.

`run_typed` feeds each input in its own type (float32, float16, int32, int64, bool: fp16 graphs, int32 token ids, a
merged decoder's bool `use_cache_branch`) through the same server and gives every output in its own type (float16
as float16), where `run_onnx` passes int64 and float32 only.
"""
import atexit
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ORT_RUN = os.path.join(HERE, "ort_run.cjs")
ORT_NODE_MODULES = os.environ.get(
    "ORT_NODE_MODULES",
    os.path.abspath(os.path.join(HERE, "..", "..", "..", "node_modules")),
)
_NP_DTYPES = {"float32": "<f4", "float16": "<f2", "int32": "<i4", "int64": "<i8", "bool": "?", "uint8": "u1",
              "int8": "i1"}
_TYPED = {np.dtype(np.float32): "float32", np.dtype(np.float16): "float16", np.dtype(np.int32): "int32",
          np.dtype(np.int64): "int64", np.dtype(np.bool_): "bool"}
_PREFIX = "ort_run "


def have_ort_node():
    return os.path.isdir(os.path.join(ORT_NODE_MODULES, "onnxruntime-node")) and bool(shutil.which("node"))


def _timing(res):
    """First-run ms and, over the `repeats` further runs: all their ms, the median, p90 and min."""
    runs = res["runs"]
    s = sorted(runs)
    return {
        "ms": res["ms"],
        "runs": runs,
        "msMedian": s[len(s) // 2] if s else None,
        "msP90": s[int(len(s) * 0.9)] if s else None,
        "msMin": s[0] if s else None,
    }


def _env(threads=None):
    env = dict(os.environ, NODE_PATH=ORT_NODE_MODULES)
    if threads:
        env["ORT_INTRA_OP_THREADS"] = str(threads)
    return env


class _Server:
    """One `node ort_run.cjs --serve` process, started on first use, ended at exit."""

    def __init__(self):
        self.proc = None

    def _start(self):
        self.proc = subprocess.Popen(["node", ORT_RUN, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env=_env(), text=True, bufsize=1)

    def run(self, path, workdir, threads=None):
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        req = {"model": os.path.abspath(path), "dir": workdir, "repeats": 0, "threads": threads or None}
        try:
            self.proc.stdin.write(json.dumps(req) + "\n")
            self.proc.stdin.flush()
            while True:
                line = self.proc.stdout.readline()
                if not line:
                    raise RuntimeError(f"ort_run.cjs --serve exited (code {self.proc.wait()})")
                if line.startswith(_PREFIX):
                    break
        except (BrokenPipeError, RuntimeError):
            self.close()
            raise
        res = json.loads(line[len(_PREFIX):])
        if "error" in res:
            raise RuntimeError(f"onnxruntime-node failed on {path}: {res['error']}")

    def close(self):
        p, self.proc = self.proc, None
        if p is None:
            return
        try:
            p.stdin.close()
            p.wait(timeout=10)
        except Exception:  # noqa: BLE001  (already gone, or stuck: kill it)
            p.kill()
            p.wait()


_server = _Server()
atexit.register(_server.close)


def _run_node(path, feeds, dtype_of, repeats, threads):
    """feeds written as dtype_of(name, array) -> (outputs, out.json) from ort_run.cjs (server or a fresh process)."""
    with tempfile.TemporaryDirectory() as d:
        meta = {"inputs": {}}
        for name, a in feeds.items():
            a = np.asarray(a)  # (not ascontiguousarray: it makes a scalar 1-D)
            dt = dtype_of(name, a)
            a.astype(_NP_DTYPES[dt]).tofile(os.path.join(d, name + ".bin"))
            meta["inputs"][name] = {"dtype": dt, "shape": list(a.shape)}
        with open(os.path.join(d, "meta.json"), "w") as f:
            json.dump(meta, f)
        if repeats == 0 and os.environ.get("ORT_RUN_SERVER", "1") != "0":
            _server.run(path, d, threads)
        else:
            subprocess.run(["node", ORT_RUN, path, d, str(repeats)], check=True, env=_env(threads))
        with open(os.path.join(d, "out.json")) as f:
            res = json.load(f)
        outs = {k: np.fromfile(os.path.join(d, k + ".bin"), dtype=_NP_DTYPES.get(res["dtypes"][k], "<f4")).reshape(s)
                for k, s in res["outputs"].items()}
        return outs, res


def _reference(path, feeds):
    import onnx
    from onnx.reference import ReferenceEvaluator  # onnx >= 1.13
    names = [o.name for o in onnx.load(path).graph.output]
    return dict(zip(names, ReferenceEvaluator(path).run(None, feeds)))


def run_onnx(path, feeds, repeats=0, threads=None):
    """Run an ONNX graph: onnxruntime-node if installed, else onnx.reference (onnx >= 1.13).

    feeds: {input name: np.ndarray} (int64 arrays stay int64, anything else is passed as float32).
    repeats: timed runs after the first one; threads: onnxruntime intra-op threads (None: its default).
    Returns ({output name: array}, backend name, timing dict (see _timing) or None for onnx.reference).
    With repeats=0 the session may be a kept one, so `ms` is then not a cold first run.
    """
    if have_ort_node():
        outs, res = _run_node(path, feeds, lambda _, a: "int64" if a.dtype == np.int64 else "float32", repeats,
                              threads)
        return outs, "onnxruntime-node", _timing(res)
    return _reference(path, feeds), "onnx.reference", None


def _typed(name, a):
    if a.dtype not in _TYPED:
        raise TypeError(f"run_typed: input {name!r} is {a.dtype}; pass float32, float16, int32, int64 or bool")
    return _TYPED[a.dtype]


def run_typed(path, feeds, threads=None):
    """{input name: array of float32, float16, int32, int64 or bool, fed in that type} -> {output name: array in the
    graph's output type}, on onnxruntime-node through the kept server (else onnx.reference, onnx >= 1.13)."""
    if have_ort_node():
        return _run_node(path, feeds, _typed, 0, threads)[0]
    return _reference(path, {k: np.asarray(a) for k, a in feeds.items()})
