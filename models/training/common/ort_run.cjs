// Run an ONNX graph with onnxruntime-node on raw inputs (used through training_common.run_onnx by the
// texture, glyphs and texture-vae export.py / test_export.py / bench.py).
// usage: NODE_PATH=<repo>/node_modules node ort_run.cjs model.onnx workdir [repeats]
//   workdir/meta.json: {"inputs": {"<name>": {"dtype": "float32"|"int64", "shape": [...]}, ...}}
//   workdir/<name>.bin: raw little-endian data of each input (float32 or int64)
//   env ORT_INTRA_OP_THREADS=n sets intraOpNumThreads (default: onnxruntime's own default)
//   runs the graph once, then `repeats` (default 0) more times, timing each session.run;
//   writes workdir/<output>.bin (raw little-endian data) for every output and workdir/out.json
//   {"outputs": {"<name>": dims}, "dtypes": {"<name>": "float32"|...}, "ms": first run, "runs": [ms of each repeat]}
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');
(async () => {
  const [model, dir, rep] = process.argv.slice(2);
  const repeats = parseInt(rep || '0', 10);
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json')));
  const opts = process.env.ORT_INTRA_OP_THREADS ? { intraOpNumThreads: parseInt(process.env.ORT_INTRA_OP_THREADS, 10) } : {};
  const sess = await ort.InferenceSession.create(model, opts);
  const feeds = {};
  for (const [name, { dtype, shape }] of Object.entries(meta.inputs)) {
    const b = fs.readFileSync(path.join(dir, name + '.bin'));
    const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
    feeds[name] = new ort.Tensor(dtype, dtype === 'int64' ? new BigInt64Array(ab) : new Float32Array(ab), shape);
  }
  let t = process.hrtime.bigint();
  const out = await sess.run(feeds);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    t = process.hrtime.bigint();
    await sess.run(feeds);
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const outputs = {};
  const dtypes = {};
  for (const [name, v] of Object.entries(out)) {
    fs.writeFileSync(path.join(dir, name + '.bin'), Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength));
    outputs[name] = v.dims;
    dtypes[name] = v.type;
  }
  fs.writeFileSync(path.join(dir, 'out.json'), JSON.stringify({ outputs, dtypes, ms, runs }));
})().catch((e) => { console.error(e); process.exit(1); });
