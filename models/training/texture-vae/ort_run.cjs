// Run an ONNX graph with onnxruntime-node on raw float32/int64 inputs (used by export.py / test_export.py / bench.py).
// usage: NODE_PATH=<repo>/node_modules node ort_run.cjs model.onnx workdir [repeats]
//   workdir/meta.json: {"inputs": {"z": {"dtype": "float32", "shape": [1, 32]}, ...}}; workdir/<name>.bin (little endian)
//   writes workdir/<output>.bin for every output and workdir/out.json
//   {"outputs": {"image": [dims]}, "ms": [per-run milliseconds of session.run]} (repeats runs, default 1; a warm-up run first if > 1)
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');
(async () => {
  const [model, dir, rep] = process.argv.slice(2);
  const repeats = Number(rep || 1);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json')));
  const feeds = {};
  for (const [name, { dtype, shape }] of Object.entries(meta.inputs)) {
    const b = fs.readFileSync(path.join(dir, name + '.bin'));
    const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
    feeds[name] = new ort.Tensor(dtype, dtype === 'int64' ? new BigInt64Array(ab) : new Float32Array(ab), shape);
  }
  const opts = process.env.ORT_THREADS ? { intraOpNumThreads: Number(process.env.ORT_THREADS) } : {};
  const sess = await ort.InferenceSession.create(model, opts);
  let out;
  const ms = [];
  if (repeats > 1) await sess.run(feeds);
  for (let i = 0; i < repeats; i++) {
    const t = process.hrtime.bigint();
    out = await sess.run(feeds);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const outputs = {};
  for (const [name, t] of Object.entries(out)) {
    fs.writeFileSync(path.join(dir, name + '.bin'), Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    outputs[name] = t.dims;
  }
  fs.writeFileSync(path.join(dir, 'out.json'), JSON.stringify({ outputs, ms }));
})().catch((e) => { console.error(e); process.exit(1); });
