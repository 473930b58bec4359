#!/bin/sh
# One GPU session for the next Atelier Emoji (issue: objects are not drawn): two v-prediction runs on the
# Atelier Emoji 2 data side by side on the one GPU, each copied to $OUT every 50 s so a cut-short session
# still leaves weights:
#   a  from scratch (the first model's recipe, batch 256, LR 3e-4, bf16), the objective the CPU run lacked
#   b  fine-tuned from the shipped models/emoji/unet.onnx (batch 256, LR 2e-4)
# Run from the repository root with images/.cache/carry/emoji2_48.npz present (sets.py; carry it along):
#   OUT=/tmp/emoji-out sh models/training/images/gpu_run_v2.sh 8
# Then, on the CPU: sample_v2.py --run images/runs/<a|b>, evaluate_v2.py, export.py (README, "Atelier Emoji 2").
set -u
MIN=${1:-8}
OUT=${OUT:-/tmp/emoji-out}
DATA=images/.cache/carry/emoji2_48.npz
mkdir -p "$OUT"
cd models/training
mkdir -p images/runs
nvidia-smi -L; python3 -c "import torch; print(torch.__version__, torch.cuda.is_available())"
export PYTHONUNBUFFERED=1
COMMON="--data $DATA --device cuda --bf16 --minutes $MIN --batch 256 --prediction v_prediction --eval-every 60 --eval-rows 96"
python3 -m images.train $COMMON --lr 3e-4 --out images/runs/v3a > images/runs/v3a.log 2>&1 &
PA=$!
python3 -m images.train $COMMON --lr 2e-4 --warmup 50 --init-onnx ../emoji/unet.onnx --seed 1 --out images/runs/v3b \
  > images/runs/v3b.log 2>&1 &
PB=$!
save() {
  for f in images/runs/v3a_* images/runs/v3b_* images/runs/v3a.log images/runs/v3b.log; do
    [ -f "$f" ] && cp "$f" "$OUT/"
  done
}
( while true; do sleep 50; save; done ) &
PS=$!
wait $PA; wait $PB
kill $PS 2>/dev/null
save
tail -n 3 images/runs/v3a.log images/runs/v3b.log
ls -la "$OUT"
