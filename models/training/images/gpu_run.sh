#!/bin/sh
# One GPU session (about 9 minutes on an H100): two UNet configurations trained side by side on the one GPU plus
# the evaluation classifier, then the DDIM samples for the metrics and contact sheets with the run of lower
# held-out denoising loss. Run from the repository root with the data file in place
# (models/training/images/.cache/carry/emoji48.npz, from data.py):
#   OUT=/tmp/emoji-out sh models/training/images/gpu_run.sh 7.5
# Writes to $OUT: a_ema.npz, b_ema.npz (EMA weights), cls.npz (classifier), samples.npz, logs.tar.gz (logs +
# summaries); the weights and logs are also copied there every 50 s while training, so a cut-short run leaves them.
set -u
MIN=${1:-7.5}
OUT=${OUT:-/tmp/emoji-out}
mkdir -p "$OUT"
cd models/training
mkdir -p images/runs
nvidia-smi -L; python3 -c "import torch; print(torch.__version__, torch.cuda.is_available())"
export PYTHONUNBUFFERED=1
python3 -m images.train --device cuda --bf16 --minutes "$MIN" --batch 128 --lr 3e-4 --out images/runs/a > images/runs/a.log 2>&1 &
PA=$!
python3 -m images.train --device cuda --bf16 --minutes "$MIN" --batch 256 --lr 3e-4 --seed 1 --out images/runs/b > images/runs/b.log 2>&1 &
PB=$!
python3 -m images.train_classifier --device cuda --epochs 60 --out images/runs/cls > images/runs/cls.log 2>&1 &
PC=$!
save() {
  for f in a_ema.npz b_ema.npz cls.npz samples.npz; do [ -f images/runs/$f ] && cp images/runs/$f "$OUT/"; done
  (cd images && tar -czf "$OUT/logs.tar.gz" runs/*.log runs/*.json 2>/dev/null)
}
( while true; do sleep 50; save; done ) &
PS=$!
wait $PC; tail -3 images/runs/cls.log
wait $PA; wait $PB
tail -n 4 images/runs/a.log images/runs/b.log
python3 -m images.sample --device cuda --runs images/runs/a images/runs/b --out images/runs/samples.npz > images/runs/sample.log 2>&1
cat images/runs/sample.log
kill $PS 2>/dev/null
save
ls -la "$OUT"
