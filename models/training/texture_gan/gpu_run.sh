#!/bin/sh
# The same training on one CUDA GPU in under 10 minutes, then evaluation and ONNX export.
# Run from the repository root on the GPU machine, with the GIMP patterns already extracted
# (sh models/training/texture/fetch_data.sh beforehand, or bring models/training/texture/.cache/extracted along).
#   sh models/training/texture_gan/gpu_run.sh [OUT_DIR]       (default OUT_DIR: models/training/texture_gan/.cache/gpu)
# Writes OUT_DIR/run/last.pt, OUT_DIR/results/{metrics.json,codes.json,*.png}, OUT_DIR/export/{texture.onnx,model.json}
# and OUT_DIR/train.log. Environment: PYTHON (default python3, needs torch with CUDA, onnx, numpy, pillow),
# MINUTES (training budget, default 7), CONFIG (default small; large = 2.8 M-parameter generator; pattern = a code per
# pattern from the shipped generator), BATCH (32), CROP (96),
# RESUME=1 (continue from a local checkpoint results/last.pt — not committed —, config small, instead of starting afresh;
# MINUTES then counts the CPU run's minutes too, so raise it by the "trainMinutes" of results/metrics.json).
set -eu
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
OUT="${1:-$ROOT/models/training/texture_gan/.cache/gpu}"
PYTHON="${PYTHON:-python3}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$ROOT/models/training"
"$PYTHON" -c "import torch, onnx, PIL; assert torch.cuda.is_available(), 'no CUDA device'; print(torch.__version__, torch.cuda.get_device_name(0))"
if [ "${RESUME:-0}" = 1 ] && [ ! -f "$OUT/run/last.pt" ]; then
  mkdir -p "$OUT/run" && cp texture_gan/results/last.pt "$OUT/run/last.pt"
fi
EXTRA=""
if [ "${CONFIG:-small}" = pattern ]; then  # a code per pattern, started at the shipped generator (README)
  EXTRA="--freeze-shipped-codes --adv-ramp 1500 --lr-g 1e-4 --lr-d 2e-4 --swd 20 --color 5 --adv 0.5"
fi
# shellcheck disable=SC2086
"$PYTHON" -m texture_gan.train --device cuda --threads 4 --config "${CONFIG:-small}" --init-shipped $EXTRA \
  --batch "${BATCH:-32}" --crop "${CROP:-96}" --minutes "${MINUTES:-7}" --ckpt-minutes 2 --out "$OUT/run" \
  > "$OUT/train.log" 2>&1
"$PYTHON" -m texture_gan.evaluate --ckpt "$OUT/run/last.pt" --out "$OUT/results" --threads 4 >> "$OUT/train.log" 2>&1
# export.py checks the graph on onnxruntime-node (common/ort.py), so it needs node and the repository's
# node_modules; where they are missing, bring OUT_DIR/run/last.pt back and export on a machine that has them.
if ! "$PYTHON" -m texture_gan.export --ckpt "$OUT/run/last.pt" --codes "$OUT/results/codes.json" \
  --metrics "$OUT/results/metrics.json" --out "$OUT/export" >> "$OUT/train.log" 2>&1; then
  echo "export or its onnxruntime-node check failed (see $OUT/train.log); $OUT/run/last.pt is kept"
fi
tail -n 5 "$OUT/train.log"
