"""common.jsonl and common.testing.

    cd models/training && /usr/bin/python3 -m unittest common.test_jsonl -v
"""
import json
import os
import tempfile
import time
import unittest

import numpy as np

from common.jsonl import JsonlLog, read_jsonl
from common.testing import json_diff

try:
    import torch
except ImportError:
    torch = None


class TestJsonlLog(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "log.jsonl")

    def tearDown(self):
        self.dir.cleanup()

    def test_one_object_a_line_flushed_at_once(self):
        log = JsonlLog(self.path)
        t0 = time.time()
        rec = log.log(3, loss=1.5, lr=2e-3)
        with open(self.path) as f:  # visible before close: flushed
            lines = f.read().splitlines()
        self.assertEqual(len(lines), 1)
        got = json.loads(lines[0])
        self.assertEqual(got, rec)
        self.assertEqual(list(got), ["step", "time", "loss", "lr"])
        self.assertEqual((got["step"], got["loss"], got["lr"]), (3, 1.5, 2e-3))
        self.assertLessEqual(abs(got["time"] - t0), 5)
        log.log(4, loss=1.25)
        log.close()
        self.assertEqual([r["step"] for r in read_jsonl(self.path)], [3, 4])

    def test_appends_and_converts_scalars(self):
        with JsonlLog(self.path) as log:
            log.log(np.int64(1), a=np.float32(0.5), b=np.arange(3))
        with JsonlLog(self.path) as log:  # a resumed run appends
            if torch is not None:
                log.log(2, a=torch.tensor(0.25), b=torch.tensor([1, 2]))
            else:
                log.log(2, a=0.25, b=[1, 2])
        recs = read_jsonl(self.path)
        self.assertEqual([(r["step"], r["a"]) for r in recs], [(1, 0.5), (2, 0.25)])
        self.assertEqual(recs[0]["b"], [0, 1, 2])
        with JsonlLog(self.path, append=False) as log:
            log.log(9)
        self.assertEqual([r["step"] for r in read_jsonl(self.path)], [9])

    def test_echo(self):
        import contextlib
        import io
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), JsonlLog(self.path, echo=True) as log:
            log.log(0, x=1)
        self.assertEqual(json.loads(buf.getvalue())["x"], 1)

    def test_torn_last_line_is_skipped_other_bad_lines_raise(self):
        with open(self.path, "w") as f:
            f.write('{"step": 0}\n\n{"step": 1}\n{"step": 2, "lo')
        self.assertEqual([r["step"] for r in read_jsonl(self.path)], [0, 1])
        with open(self.path, "w") as f:
            f.write('{"step": 0}\n{"ste\n{"step": 2}\n')
        with self.assertRaises(json.JSONDecodeError):
            read_jsonl(self.path)


class TestJsonDiff(unittest.TestCase):
    def test_diff(self):
        a = {"ids": [1, 2, 3], "x": [0.451565, -0.1], "name": "r", "ok": True}
        self.assertIsNone(json_diff(a, json.loads(json.dumps(a))))
        self.assertIsNone(json_diff(a, dict(a, x=[0.451564, -0.1]), atol=1e-5))
        self.assertIn("$.x[0]", json_diff(a, dict(a, x=[0.4516, -0.1]), atol=1e-5))
        self.assertIn("$.ids[1]", json_diff(a, dict(a, ids=[1, 3, 3]), atol=1.0))  # ints are exact
        self.assertIn("keys", json_diff(a, {"ids": [1, 2, 3]}))
        self.assertIn("length", json_diff(a, dict(a, ids=[1, 2])))
        self.assertIsNotNone(json_diff(a, dict(a, name="s")))
        self.assertIsNotNone(json_diff(a, dict(a, ok=1)))


if __name__ == "__main__":
    unittest.main()
