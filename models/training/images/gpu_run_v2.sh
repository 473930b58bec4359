#!/bin/sh
# One GPU session for the next Atelier Emoji (issue: objects are not drawn). The first model had 1.3 million samples
# (about 700 passes over its drawings) and still did not draw them, so this network needs many more samples than one
# session gives: ONE v-prediction run takes the whole GPU, and the next session goes on from its weights.
#   starts from images/.cache/carry/emoji_v3_ema.npz when present (the last session's EMA weights, carried along),
#   else fine-tunes the shipped models/emoji/unet.onnx; batch 256, LR 2e-4, bf16; copied to $OUT every 50 s so a
#   cut-short session still leaves weights (put $OUT/v3_ema.npz at images/.cache/carry/emoji_v3_ema.npz next time).
# Run from the repository root with images/.cache/carry/emoji2_48.npz present (sets.py; carry it along):
#   OUT=/tmp/emoji-out sh models/training/images/gpu_run_v2.sh 8
# Then, on the CPU: sample_v2.py --run images/runs/v3, evaluate_v2.py, export.py (README, "Atelier Emoji 2").
set -u
MIN=${1:-8}
OUT=${OUT:-/tmp/emoji-out}
DATA=images/.cache/carry/emoji2_48.npz
LAST=images/.cache/carry/emoji_v3_ema.npz
mkdir -p "$OUT"
cd models/training
mkdir -p images/runs
nvidia-smi -L; python3 -c "import torch; print(torch.__version__, torch.cuda.is_available())"
export PYTHONUNBUFFERED=1
if [ -f "$LAST" ]; then START="--init-npz $LAST"; else START="--init-onnx ../emoji/unet.onnx"; fi
echo "start: $START"
python3 -m images.train --data $DATA --device cuda --bf16 --minutes "$MIN" --batch 256 --prediction v_prediction \
  --eval-every 60 --eval-rows 96 --lr 2e-4 --warmup 50 $START --seed 1 --out images/runs/v3 > images/runs/v3.log 2>&1 &
PA=$!
save() {
  for f in images/runs/v3_* images/runs/v3.log; do
    [ -f "$f" ] && cp "$f" "$OUT/"
  done
}
( while true; do sleep 50; save; done ) &
PS=$!
wait $PA
kill $PS 2>/dev/null
save
tail -n 3 images/runs/v3.log
ls -la "$OUT"
