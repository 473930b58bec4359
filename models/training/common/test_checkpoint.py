"""common.checkpoint: the layout, atomic writes, load_latest, and that a resumed run continues exactly like an
uninterrupted one (model, optimizer, scheduler, EMA, step and RNG states).

    cd models/training && /usr/bin/python3 -m unittest common.test_checkpoint -v
"""
import os
import random
import tempfile
import unittest
import warnings

import numpy as np

from common import checkpoint as C

try:
    import torch
except ImportError:
    torch = None


class TestAtomicWrite(unittest.TestCase):
    def test_replaces_whole_or_not_at_all(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "f.json")
            C.atomic_write(p, lambda f: f.write("old"), mode="w")

            def fail(f):
                f.write("half of the new")
                raise RuntimeError("disk full")
            with self.assertRaises(RuntimeError):
                C.atomic_write(p, fail, mode="w")
            with open(p) as f:
                self.assertEqual(f.read(), "old")
            self.assertEqual(os.listdir(d), ["f.json"])  # no temporary file left behind
            C.atomic_write(os.path.join(d, "sub", "g.bin"), lambda f: f.write(b"\x00\x01"))
            with open(os.path.join(d, "sub", "g.bin"), "rb") as f:
                self.assertEqual(f.read(), b"\x00\x01")


def tiny_setup(seed=0):
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
    ema = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
    ema.load_state_dict(model.state_dict())
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 1.0 / (1 + 0.1 * s))
    return model, ema, opt, sched


def train_steps(model, ema, opt, sched, gen, n):
    """n steps whose batches, noise and dropout-like mask come from a numpy Generator, torch's global RNG,
    numpy's and Python's global RNGs: a resumed run only matches if all of them are restored."""
    for _ in range(n):
        x = torch.from_numpy(gen.standard_normal((16, 4)).astype(np.float32))
        x = x + 0.01 * torch.randn(16, 4) + float(np.random.rand()) * 0.01 + random.random() * 0.01
        loss = ((model(x) - x.sum(1, keepdim=True)) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        with torch.no_grad():
            for pe, pm in zip(ema.parameters(), model.parameters()):
                pe.mul_(0.9).add_(pm, alpha=0.1)


@unittest.skipIf(torch is None, "PyTorch not installed")
class TestCheckpoint(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.join(self.tmp.name, "run")

    def tearDown(self):
        self.tmp.cleanup()

    def test_layout(self):
        model, ema, opt, sched = tiny_setup()
        ck = C.make_checkpoint(model, 12, optimizer=opt, scheduler=sched, ema=ema, config={"width": 8},
                               train_seconds=3.5, args={"lr": 0.01}, device=torch.device("cpu"),
                               generators={"batches": np.random.default_rng(1)}, styles=["a"])
        self.assertEqual(set(ck), {"format", "model", "opt", "scheduler", "ema", "step", "config", "train_seconds",
                                   "args", "rng", "device", "torch", "styles"})
        self.assertEqual((ck["format"], ck["step"], ck["config"], ck["train_seconds"], ck["device"]),
                         (1, 12, {"width": 8}, 3.5, "cpu"))
        self.assertEqual(set(ck["rng"]), {"python", "numpy", "torch", "generators"})
        self.assertIsInstance(ck["torch"], str)
        bare = C.make_checkpoint(model.state_dict(), 1, rng=False)
        self.assertIsNone(bare["opt"])
        self.assertIsNone(bare["rng"])
        self.assertEqual(bare["args"], {})

    def test_resume_continues_exactly(self):
        # uninterrupted: 10 steps
        model, ema, opt, sched = tiny_setup()
        gen = np.random.default_rng(5)
        np.random.seed(3)
        random.seed(4)
        train_steps(model, ema, opt, sched, gen, 10)
        want = [p.detach().clone() for p in list(model.parameters()) + list(ema.parameters())]

        # interrupted after 6 steps, resumed in fresh objects with other RNG states
        model, ema, opt, sched = tiny_setup()
        gen = np.random.default_rng(5)
        np.random.seed(3)
        random.seed(4)
        train_steps(model, ema, opt, sched, gen, 6)
        C.save_checkpoint(self.dir, C.make_checkpoint(model, 6, optimizer=opt, scheduler=sched, ema=ema,
                                                      config="tiny", generators={"batches": gen}))
        del model, ema, opt, sched
        model, ema, opt, sched = tiny_setup(seed=99)
        gen = np.random.default_rng(123)
        torch.manual_seed(77)
        np.random.seed(78)
        random.seed(79)
        ck = C.load_latest(self.dir)
        step = C.restore(ck, model, opt, sched, ema, rng=True, generators={"batches": gen})
        self.assertEqual(step, 6)
        self.assertEqual(sched.last_epoch, 6)
        train_steps(model, ema, opt, sched, gen, 4)
        got = list(model.parameters()) + list(ema.parameters())
        for a, b in zip(got, want):
            self.assertTrue(torch.equal(a.detach(), b))

    def test_without_rng_restore_the_rng_is_untouched(self):
        model, ema, opt, sched = tiny_setup()
        C.save_checkpoint(self.dir, C.make_checkpoint(model, 1, optimizer=opt))
        torch.manual_seed(5)
        state = torch.get_rng_state()
        C.restore(C.load_latest(self.dir), model, opt)
        self.assertTrue(torch.equal(torch.get_rng_state(), state))

    def test_load_latest_and_snapshots(self):
        self.assertIsNone(C.load_latest(self.dir))  # no directory
        os.makedirs(self.dir)
        self.assertIsNone(C.load_latest(self.dir))  # empty directory
        model = torch.nn.Linear(2, 2)
        for step in (100, 200, 300):
            C.save_checkpoint(self.dir, C.make_checkpoint(model, step, rng=False), snapshot=step != 300)
        self.assertEqual(sorted(os.listdir(self.dir)), ["last.pt", "step-00000100.pt", "step-00000200.pt"])
        self.assertEqual(C.load_latest(self.dir)["step"], 300)
        self.assertEqual(C.load_resume(self.dir)["step"], 300)
        self.assertEqual(C.load_resume(os.path.join(self.dir, "step-00000100.pt"))["step"], 100)
        # a snapshot newer than last.pt (e.g. last.pt copied back from elsewhere) wins
        C.atomic_save(C.make_checkpoint(model, 400, rng=False), os.path.join(self.dir, C.snapshot_name(400)))
        self.assertEqual(C.load_latest(self.dir)["step"], 400)
        os.remove(os.path.join(self.dir, C.snapshot_name(400)))
        # an unreadable last.pt: the newest readable snapshot, with a warning
        with open(os.path.join(self.dir, "last.pt"), "wb") as f:
            f.write(b"not a checkpoint")
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            self.assertEqual(C.load_latest(self.dir)["step"], 200)
        self.assertTrue(any("last.pt" in str(x.message) for x in w))
        empty = os.path.join(self.tmp.name, "empty")
        os.makedirs(empty)
        with self.assertRaises(FileNotFoundError):
            C.load_resume(empty)

    def test_generator_kinds(self):
        gens = {"np": np.random.default_rng(1), "legacy": np.random.RandomState(2),
                "torch": torch.Generator().manual_seed(3)}
        st = C.rng_state(gens)
        a = (gens["np"].random(3), gens["legacy"].rand(3), torch.rand(3, generator=gens["torch"]), np.random.rand(2),
             random.random(), torch.rand(2))
        C.set_rng_state(st, gens)
        b = (gens["np"].random(3), gens["legacy"].rand(3), torch.rand(3, generator=gens["torch"]), np.random.rand(2),
             random.random(), torch.rand(2))
        for x, y in zip(a, b):
            np.testing.assert_array_equal(np.asarray(x), np.asarray(y))

    def test_load_checkpoint_builds_the_model(self):
        model = torch.nn.Linear(3, 2)
        path = C.atomic_save(C.make_checkpoint(model, 7, config={"i": 3, "o": 2}), os.path.join(self.dir, "x.pt"))
        m, ck = C.load_checkpoint(path, lambda ck: torch.nn.Linear(ck["config"]["i"], ck["config"]["o"]))
        self.assertFalse(m.training)
        self.assertEqual(ck["step"], 7)
        self.assertTrue(torch.equal(m.weight, model.weight))

    def test_two_optimizers_save_and_restore_as_one(self):
        g, d = torch.nn.Linear(3, 2), torch.nn.Linear(2, 1)
        opt_g, opt_d = torch.optim.Adam(g.parameters(), lr=1e-3), torch.optim.SGD(d.parameters(), lr=0.1, momentum=0.9)
        for _ in range(3):
            opt_g.zero_grad()
            opt_d.zero_grad()
            d(g(torch.ones(4, 3))).sum().backward()
            opt_g.step()
            opt_d.step()
        C.save_checkpoint(self.dir, C.make_checkpoint(g, 3, optimizer=C.Optimizers(g=opt_g, d=opt_d)))
        g2, d2 = torch.nn.Linear(3, 2), torch.nn.Linear(2, 1)
        opt_g2, opt_d2 = torch.optim.Adam(g2.parameters(), lr=1e-3), torch.optim.SGD(d2.parameters(), lr=0.1, momentum=0.9)
        self.assertEqual(C.restore(C.load_latest(self.dir), g2, C.Optimizers(g=opt_g2, d=opt_d2)), 3)
        self.assertEqual(opt_g2.state_dict()["state"][0]["step"], opt_g.state_dict()["state"][0]["step"])
        self.assertTrue(torch.equal(opt_d2.state_dict()["state"][0]["momentum_buffer"],
                                    opt_d.state_dict()["state"][0]["momentum_buffer"]))
        with self.assertRaisesRegex(KeyError, "optimizer.*ema"):
            C.Optimizers(g=opt_g2, d=opt_d2, ema=opt_d2).load_state_dict(C.Optimizers(g=opt_g, d=opt_d).state_dict())

    def test_old_checkpoints_still_load(self):
        """Checkpoints from before the common layout ({"model", "opt", "step", ...}, no "format")."""
        model = torch.nn.Linear(3, 2)
        opt = torch.optim.Adam(model.parameters())
        os.makedirs(self.dir)
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": 250, "config": "small"},
                   os.path.join(self.dir, "last.pt"))
        ck = C.load_latest(self.dir)
        m2 = torch.nn.Linear(3, 2)
        self.assertEqual(C.restore(ck, m2, torch.optim.Adam(m2.parameters()), rng=True), 250)
        self.assertTrue(torch.equal(m2.weight, model.weight))


if __name__ == "__main__":
    unittest.main()
