"""Decoder latency with the app's onnxruntime-node (median / p90 ms of session.run, after a warm-up run).

  cd models/training && /usr/bin/python3 -m texture-vae.bench [--threads 0,1,2] [--repeats 200]   (0 = onnxruntime's default)
"""
import argparse

import numpy as np

from common import run_onnx

from .test_export import DEC

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", default="0,1,2")
    ap.add_argument("--repeats", type=int, default=200)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    for t in args.threads.split(","):
        for b in (1, 25):
            _, backend, timing = run_onnx(DEC, {"z": rng.standard_normal((b, 32)).astype(np.float32)},
                                          repeats=args.repeats, threads=int(t))
            ms = timing["runs"]
            print(f"threads {t or 'default'} batch {b:2d}: median {np.median(ms):6.2f} ms  p90 {np.percentile(ms, 90):6.2f} ms"
                  f"  min {np.min(ms):6.2f} ms  ({backend})", flush=True)
