#!/bin/sh
# Optional speed-up: Debian's python3-torch calls the reference BLAS (libblas.so.3, ~4 GFLOP/s here); this
# unpacks OpenBLAS into melody/.cache/openblas (no system change) so that training runs ~15x faster with (from
# models/training)
#   LD_LIBRARY_PATH=$PWD/melody/.cache/openblas OPENBLAS_NUM_THREADS=1 /usr/bin/python3 -m melody.train_vae ...
set -e
cd "$(dirname "$0")"
mkdir -p .cache/openblas .cache/openblas-deb
(cd .cache/openblas-deb && apt-get download libopenblas0-pthread && dpkg-deb -x libopenblas0-pthread_*.deb x)
cp -a .cache/openblas-deb/x/usr/lib/x86_64-linux-gnu/openblas-pthread/* .cache/openblas/
rm -rf .cache/openblas-deb
ls .cache/openblas
