#!/bin/sh
# GPU sweeps: several train.py configurations at once on one GPU (each a background process with the same wall
# budget), then a summary table, and the weights to bring back (checkpoints split into < 15 MiB parts; reassemble
# with cat).
#   sh models/training/text/sweep_gpu.sh OUTDIR 1     # first sweep: 6 configs, validation = the END of the stream
#   sh models/training/text/sweep_gpu.sh OUTDIR 2     # second sweep: validation = interleaved blocks, + full-data runs
# Run from the repository root. Needs models/text/tokenizer.json and models/training/text/.cache/tokens.npz
# (the token streams made with that tokenizer; train.py re-tokenises only when the cache is older than it).
set -u
OUTDIR=$1; STAGE=${2:-2}; MIN=${3:-7}
cd models/training
mkdir -p text/runs "$OUTDIR/logs"
COMMON="--device cuda --bf16 --minutes $MIN --batch 32 --seq 256 --eval-every-steps 100 --eval-every 100 --warmup 100"
run() {  # name, then train.py arguments
  n=$1; shift
  PYTHONUNBUFFERED=1 python3 -m text.train $COMMON --out text/runs/$n "$@" > "$OUTDIR/logs/$n.log" 2>&1 &
}
if [ "$STAGE" = 1 ]; then
  V="--val-frac 0.05 --val-mode end"
  run s_d20     $V --config verse-s --dropout 0.2  --weight-decay 0.1 --lr 1e-3 --max-steps 4000
  run m_d20     $V --config verse-m --dropout 0.2  --weight-decay 0.1 --lr 1e-3 --max-steps 4000
  run m_d30     $V --config verse-m --dropout 0.3  --weight-decay 0.1 --lr 1e-3 --max-steps 6000
  run m_d35_wd3 $V --config verse-m --dropout 0.35 --weight-decay 0.3 --lr 1e-3 --max-steps 8000
  run w_d30     $V --config verse-w --dropout 0.3  --weight-decay 0.1 --lr 8e-4 --max-steps 6000
  run w_d20     $V --config verse-w --dropout 0.2  --weight-decay 0.1 --lr 8e-4 --max-steps 3000
else
  V="--val-frac 0.05 --val-mode blocks"
  M="--config verse-m --dropout 0.35 --weight-decay 0.3 --lr 1e-3"
  run blk_m_d35_8k   $V $M --max-steps 8000
  run blk_m_d35_12k  $V $M --max-steps 12000
  run blk_m_d20_4k   $V --config verse-m --dropout 0.2 --weight-decay 0.1 --lr 1e-3 --max-steps 4000
  run full_m_d35_8k  --val-frac 0 $M --max-steps 8000     # same recipes on the whole training stream
  run full_m_d35_12k --val-frac 0 $M --max-steps 12000
fi
wait
python3 - "$OUTDIR" "$STAGE" <<'PY'
import glob, json, os, subprocess, sys
import torch
out, stage = sys.argv[1], sys.argv[2]
rows = []
for p in sorted(glob.glob("text/runs/*_summary.json")):
    s = json.load(open(p)); s["name"] = os.path.basename(p)[:-len("_summary.json")]; rows.append(s)
rows.sort(key=lambda s: s["best_val"] if s["best_val"] is not None else 1e9)
lines = [f"{'run':<15} {'config':<8} {'params':>9} {'drop':>5} {'wd':>5} {'lr':>7} {'steps':>6} {'tokens':>11} "
         f"{'min':>5} {'best val':>8} {'@step':>6} {'final val':>9}"]
for s in rows:
    a = s["args"]
    lines.append(f"{s['name']:<15} {s['config']:<8} {s['params']:>9} {a['dropout']:>5} {a['weight_decay']:>5} "
                 f"{a['lr']:>7} {s['steps']:>6} {s['tokens_seen']:>11} {s['minutes']:>5} {s['best_val'] or 0:>8.4f} "
                 f"{s['best_step'] or 0:>6} {s['final_val'] or 0:>9.4f}")
print("\n".join(lines))
open(os.path.join(out, "summary.txt"), "w").write("\n".join(lines) + "\n")
json.dump(rows, open(os.path.join(out, "logs", "summaries.json"), "w"), indent=1)
if stage == "1":  # the two best by validation: their best-by-validation checkpoints
    keep = [(s["name"], f"text/runs/{s['name']}_best.pt") for s in rows[:2]]
else:  # the full-data runs: final weights (optimizer state dropped)
    keep = []
    for s in rows:
        if s["name"].startswith("full_"):
            ck = torch.load(f"text/runs/{s['name']}_final.pt", map_location="cpu", weights_only=False)
            ck.pop("opt", None)
            ck["model"] = {k: v.float() for k, v in ck["model"].items()}
            torch.save(ck, f"text/runs/{s['name']}_weights.pt")
            keep.append((s["name"], f"text/runs/{s['name']}_weights.pt"))
for name, path in keep:
    d = os.path.join(out, "w_" + name)
    os.makedirs(d, exist_ok=True)
    subprocess.run(["split", "-b", "15M", path, os.path.join(d, "part_")], check=True)
PY
tar -czf "$OUTDIR/logs.tar.gz" -C "$OUTDIR" logs && rm -r "$OUTDIR/logs"
ls -lR "$OUTDIR"
